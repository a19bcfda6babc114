"""G001 `languagetool`: what LanguageTool finds, as mtlint diagnostics.

The rule is in the registry like every other, so `mtlint rules` lists it,
`mtlint explain languagetool` documents it and selectors name it. It asks a
*backend* for the matches of each paragraph of prose:

- with grammar on, the runner binds it to a `service.LanguageToolService`
  (a real server);
- with grammar off, the runner leaves it out of the plan, and without a
  backend it finds nothing anyway (a library calling `check_text`);
- for its example tests, `for_examples()` binds it to `replay.ReplayBackend`:
  LanguageTool replies written into mtlint for its own examples only, so that
  the examples test mtlint's half of the work (masking, paragraphs, UTF-16
  offsets, the rules turned off by default, fixes) without a server.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.paragraphs import paragraphs
from mtlint.printable import printable
from mtlint.rule import Context, PythonRule

if TYPE_CHECKING:
    from mtlint.grammar.matches import Match

UNDETERMINED = "und"
#: LanguageTool issue types reported as info; the others (misspelling,
#: grammar, ...) are warnings
INFO_ISSUES = frozenset(
    {"style", "register", "locale-violation", "whitespace", "formatting", "length", "internationalization", "other"}
)
MAX_SUGGESTIONS = 5


class Backend(Protocol):
    """Whatever answers for LanguageTool: one list of matches per text, in
    code points relative to that text."""

    def check(self, lang: str, source_langs: Sequence[str], texts: list[str], where: str) -> list[list[Match]]: ...


class LanguageToolRule(PythonRule):
    """LanguageTool, the open-source grammar and spelling checker editorial
    teams already use, found a grammar or spelling mistake here. The rule id
    LanguageTool gave is in the diagnostic's `rule` (`LT:FR_SPELLING_RULE`),
    its message is the message and its replacements are the suggestions.

    Off by default: run `mtlint check --grammar` (a local LanguageTool that
    language-tool-python starts, which needs Java) or `--languagetool-url URL`
    (a running server, such as the `erikvl87/languagetool` Docker image), or
    set `enabled = true` under `[grammar]`. `--grammar=optional` warns and goes
    on when LanguageTool cannot be used. Only prose is sent, a paragraph at a
    time, and answers are cached in `.mtlint_cache/grammar/`.

    LanguageTool rules that duplicate mtlint's own families (uppercase sentence
    start, whitespace and French spacing, unpaired brackets and quotes, word
    repetition) are off, so nothing is reported twice; `[grammar]
    disabled-rules` and `enabled-rules` change that list. A single replacement
    gives an unsafe fix: LanguageTool's first guess can change meaning.

    These examples run against LanguageTool replies written into mtlint
    (`mtlint/grammar/replies.json`, in the documented `/v2/check` format):
    they test mtlint's half of the work, not LanguageTool's.
    """

    code = "G001"
    name = "languagetool"
    category = Category.GRAMMAR
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    summary = "A grammar or spelling mistake LanguageTool found (with --grammar)"
    examples = (
        bad("Il a ⟦recu⟧ une lettre de sa mère.", "Il a reçu une lettre de sa mère.", lang="fr"),
        bad("👉 The minister ⟦recieved⟧ the letter.", "👉 The minister received the letter.", lang="en"),
        bad("He ⟦go⟧ to the ministry every day.", lang="en"),
        good("Il a dit  bonjour à sa mère.", lang="fr"),
        good("Call `recieve()` once, then close the socket.", lang="en", markup="markdown"),
    )

    def __init__(self, backend: Backend | None = None) -> None:
        self.backend = backend

    def for_examples(self) -> LanguageToolRule:
        """This rule answering from the replies written for its examples."""
        from mtlint.grammar.replay import replay_backend

        return LanguageToolRule(replay_backend())

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if doc.lang == UNDETERMINED or self.backend is None:
            return
        offsets, texts = _prose_paragraphs(doc)
        if not texts:
            return
        backend = self.backend
        if backend is None:
            return  # grammar is off: no server, no findings
        for offset, matches in zip(offsets, backend.check(doc.lang, doc.source_langs, texts, doc.path), strict=True):
            for match in matches:
                yield self._diagnostic(doc, offset, match)

    def _diagnostic(self, doc: Document, offset: int, match: Match) -> Diagnostic:
        start, end = offset + match.start, offset + match.end
        fix = None
        if len(match.replacements) == 1:
            replacement = match.replacements[0]
            fix = Fix((Edit(start, end, replacement),), Applicability.UNSAFE, f"Replace with {replacement!r}")
        return Diagnostic(
            code=self.meta.code,
            rule=f"LT:{match.rule_id}",
            category=self.meta.category,
            severity=Severity.INFO if match.issue_type in INFO_ISSUES else self.meta.severity,
            message=printable(match.message),  # as Rule.report's
            start=start,
            end=end,
            text=doc.text[start:end],
            suggestions=match.replacements[:MAX_SUGGESTIONS],
            fix=fix,
        )


def _prose_paragraphs(doc: Document) -> tuple[list[int], list[str]]:
    """The paragraphs of prose worth sending, trimmed, with their offsets:
    masked markup is spaces in `doc.prose`, so offsets need no remapping."""
    offsets: list[int] = []
    texts: list[str] = []
    for start, end in paragraphs(doc):
        text = doc.prose[start:end]
        stripped = text.strip()
        if not any(char.isalpha() for char in stripped):
            continue
        offsets.append(start + len(text) - len(text.lstrip()))
        texts.append(stripped)
    return offsets, texts


RULES = (LanguageToolRule,)
