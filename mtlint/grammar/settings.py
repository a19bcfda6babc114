"""The `[grammar]` table (`[tool.mtlint.grammar]` in pyproject.toml) and the
CLI's grammar flags, validated like every other key: a misspelt key is an
error naming the file and the key, never a silently ignored setting.

```toml
[tool.mtlint.grammar]
enabled = true                 # or "optional": warn and go on when LanguageTool fails
server = "http://localhost:8081"   # default: a local server run by language-tool-python
disabled-rules = ["EN_QUOTES"]     # on top of mtlint's defaults (disabled.toml)
enabled-rules = ["WHITESPACE_RULE"]  # off that list, or LanguageTool rules off by default
timeout = 60                   # seconds per request
mother-tongue = "es"           # default: the first --source-lang
variants = { en = "en-GB" }    # the variant sent for a language (spelling needs one)
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from mtlint.errors import ConfigError
from mtlint.patterns import lazy

DEFAULT_TIMEOUT = 60.0
RULE_ID = lazy(re.compile, r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
LANGUAGE_TAG = lazy(re.compile, r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class GrammarSettings(NamedTuple):
    """Whether and how G rules ask LanguageTool. `optional` turns a failure
    into a warning; `server` is a server's root URL, None for a local one."""

    enabled: bool = False
    optional: bool = False
    server: str | None = None
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    mother_tongue: str | None = None
    variants: tuple[tuple[str, str], ...] = ()

    @property
    def variant_map(self) -> dict[str, str]:
        return dict(self.variants)


def server_root(url: str, where: str) -> str:
    """The root URL of a LanguageTool server as given by the user: a scheme is
    added when missing, and a trailing `/v2` is dropped (mtlint adds it)."""
    text = url.strip()
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{where}: expected the URL of a LanguageTool server such as http://localhost:8081, got {url!r}"
        )
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(f"{where}: invalid port in {url!r}") from None
    path = parts.path.rstrip("/")
    if path.endswith("/v2"):
        path = path[: -len("/v2")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _enabled(key: str, where: str, value: Any) -> dict[str, bool]:
    if value == "optional":
        return {"enabled": True, "optional": True}
    if not isinstance(value, bool):
        raise ConfigError(f'{where}: key {key!r}: expected true, false or "optional", got {value!r}')
    return {"enabled": value}


def _server(key: str, where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: key {key!r}: expected a URL string, got {value!r}")
    return {"server": server_root(value, f"{where}: key {key!r}")}


def _rule_ids(field: str) -> Any:
    def parse(key: str, where: str, value: Any) -> dict[str, tuple[str, ...]]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{where}: key {key!r}: expected a list of LanguageTool rule ids")
        for item in value:
            if not RULE_ID.fullmatch(item):
                raise ConfigError(
                    f"{where}: key {key!r}: {item!r} is not a LanguageTool rule id (such as WHITESPACE_RULE)"
                )
        return {field: tuple(value)}

    return parse


def _timeout(key: str, where: str, value: Any) -> dict[str, float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{where}: key {key!r}: expected a number of seconds above 0, got {value!r}")
    return {"timeout": float(value)}


def _tag(key: str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_TAG.fullmatch(value):
        raise ConfigError(f"{where}: key {key!r}: expected a language code such as 'en' or 'en-GB', got {value!r}")
    return value


def _mother_tongue(key: str, where: str, value: Any) -> dict[str, str]:
    return {"mother_tongue": _tag(key, where, value)}


def _variants(key: str, where: str, value: Any) -> dict[str, tuple[tuple[str, str], ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: key {key!r}: expected a table such as {{ en = "en-GB" }}')
    pairs = []
    for lang, tag in value.items():
        if not lang.isalpha():
            raise ConfigError(f"{where}: key '{key}.{lang}': expected a language code such as 'en' as the key")
        pairs.append((lang.lower(), _tag(f"{key}.{lang}", where, tag)))
    return {"variants": tuple(sorted(pairs))}


PARSERS: Mapping[str, Any] = {
    "enabled": _enabled,
    "server": _server,
    "disabled-rules": _rule_ids("disabled_rules"),
    "enabled-rules": _rule_ids("enabled_rules"),
    "timeout": _timeout,
    "mother-tongue": _mother_tongue,
    "variants": _variants,
}


def parse_grammar(key: str, where: str, value: Any) -> GrammarSettings:
    """GrammarSettings from the `grammar` table of a config file at `where`."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key {key!r}: expected a table ([{key}], or [tool.mtlint.{key}] in pyproject.toml)")
    values: dict[str, Any] = {}
    for name, item in value.items():
        parser = PARSERS.get(name)
        if parser is None:
            raise ConfigError(f"{where}: unknown key '{key}.{name}' (known: {', '.join(PARSERS)})")
        values.update(parser(f"{key}.{name}", where, item))
    return GrammarSettings(**values)
