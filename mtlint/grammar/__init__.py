"""Grammar and spelling through LanguageTool, off by default (`--grammar`).

Only `settings` (the `[grammar]` table) and `rule` (G001, the registry's entry)
are imported on every run, and both are light. Everything that talks to a
server, `requests` and `language_tool_python` included, is imported only when
grammar is on:

- `matches`: LanguageTool's JSON matches to code-point offsets (UTF-16 in,
  code points out), the rules turned off by default (`disabled.toml`), the
  language variants;
- `replay`: the replies G001's examples run against, without a server;
- `client`: one server over HTTP with a reused connection, or a local one
  started through language-tool-python;
- `service`: batching, concurrency, the disk cache (`cache`) and the progress
  bar, and the failure policy (`--grammar=optional`).
"""

from __future__ import annotations

from mtlint.errors import MtlintError


class GrammarError(MtlintError):
    """LanguageTool could not be used: the message names the cause and the fix."""


class UnsupportedLanguage(GrammarError):
    """The server does not know a document's language. With
    `--grammar=optional` only that language goes without grammar."""
