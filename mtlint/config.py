"""Settings: `[tool.mtlint]` in pyproject.toml, or mtlint.toml / .mtlint.toml,
whichever is nearest above the file; CLI flags override them.

Keys mirror the CLI flags (kebab-case), plus `per-file-ignores`, `exclude`,
`vocabulary`, `rule-paths`, per-rule tables under `rules` and the `grammar`
table (`mtlint.grammar.settings`). Anything unknown is an error naming the
file and the key: a misspelt key silently ignored is a rule silently not run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mtlint import toml
from mtlint.diagnostic import Severity
from mtlint.errors import ConfigError
from mtlint.grammar.settings import GrammarSettings, parse_grammar
from mtlint.report import FORMATS

CONFIG_NAMES = ("mtlint.toml", ".mtlint.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".mtlint_cache",
    ".tox",
    "build",
    "dist",
)


class Settings(NamedTuple):
    """The effective settings for one file. `root` is the directory relative
    paths and globs are resolved against; `source` the file they came from."""

    root: Path
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    lang: str | None = None
    source_lang: tuple[str, ...] = ()
    fail_on: str = "warning"
    fix: bool = False
    unsafe_fixes: bool = False
    format: str = "full"
    preview: bool = False
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    per_file_ignores: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    vocabulary: tuple[str, ...] = ()
    rule_paths: tuple[Path, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = MappingProxyType({})
    no_cache: bool = False
    grammar: GrammarSettings = GrammarSettings()
    source: Path | None = None

    def as_linted(self) -> Settings:
        """These settings as far as they decide a file's findings: how the
        findings are shown (`format`, `fail_on`) and which files are checked
        (`include`, `exclude`, ...) do not, so that a result cached by a run
        in one format is read by a run in another (ruff's cache keys leave
        them out too)."""
        return self._replace(**{name: _DEFAULTS[name] for name in NOT_LINTED})

    @property
    def fail_level(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    @property
    def where(self) -> str:
        return str(self.source) if self.source else "command line"

    def merged(self, overrides: Mapping[str, Any]) -> Settings:
        """These settings with the CLI's explicit values on top. `grammar` is a
        dict of the GrammarSettings fields the CLI sets."""
        values = {key: value for key, value in overrides.items() if value is not None}
        extend = tuple(values.pop("extend_select", ()))
        grammar = values.pop("grammar", None)
        merged = self._replace(**values)
        if extend:
            merged = merged._replace(extend_select=merged.extend_select + extend)
        if grammar:
            merged = merged._replace(grammar=merged.grammar._replace(**grammar))
        return merged


#: the settings that decide how findings are shown or which files are
#: checked, never what a file's findings are (`Settings.as_linted`)
NOT_LINTED = ("fail_on", "format", "include", "exclude", "extend_exclude", "respect_gitignore", "no_cache")
_DEFAULTS = Settings._field_defaults


def _strings(key: str, where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: key {key!r}: expected a list of strings")
    return tuple(value)


def _choice(choices: tuple[str, ...]) -> Any:
    def parse(key: str, where: str, value: Any) -> str:
        if value not in choices:
            raise ConfigError(f"{where}: key {key!r}: expected one of {', '.join(choices)}, got {value!r}")
        return value

    return parse


def _bool(key: str, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: key {key!r}: expected true or false, got {value!r}")
    return value


def _lang(key: str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.isalpha():
        raise ConfigError(f"{where}: key {key!r}: expected a language code such as 'fr', got {value!r}")
    return value.lower()


def _per_file_ignores(key: str, where: str, value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key {key!r}: expected a table of glob = [selectors]")
    return {glob: _strings(f"{key}.{glob}", where, selectors) for glob, selectors in value.items()}


def _rule_tables(key: str, where: str, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(item, dict) for item in value.values()):
        raise ConfigError(f"{where}: key {key!r}: expected tables such as [{key}.multiple-spaces]")
    return value


PARSERS: Mapping[str, Any] = {
    "select": _strings,
    "ignore": _strings,
    "extend-select": _strings,
    "lang": _lang,
    "source-lang": lambda key, where, value: tuple(_lang(key, where, v) for v in _strings(key, where, value)),
    "fail-on": _choice(FAIL_ON),
    "fix": _bool,
    "unsafe-fixes": _bool,
    "format": _choice(FORMATS),
    "preview": _bool,
    "include": _strings,
    "exclude": _strings,
    "extend-exclude": _strings,
    "respect-gitignore": _bool,
    "per-file-ignores": _per_file_ignores,
    "vocabulary": _strings,
    "rule-paths": _strings,
    "rules": _rule_tables,
    "no-cache": _bool,
    "grammar": parse_grammar,
}


def parse_table(table: Mapping[str, Any], path: Path) -> Settings:
    """Settings from one `[tool.mtlint]` (or mtlint.toml) table."""
    where = str(path)
    values: dict[str, Any] = {}
    for key, value in table.items():
        parser = PARSERS.get(key)
        if parser is None:
            raise ConfigError(f"{where}: unknown key {key!r}")
        values[key.replace("-", "_")] = parser(key, where, value)
    if "rule_paths" in values:
        values["rule_paths"] = tuple(path.parent / item for item in values["rule_paths"])
    return Settings(**values, root=path.parent, source=path)


def read_config(path: Path) -> Settings:
    """The settings in the config file at `path` (explicit, or discovered)."""
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {error.strerror or error}") from None
    except (toml.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtlint", {})
    return parse_table(data, path)


def find_config(directory: Path) -> Path | None:
    """The nearest config file at or above `directory`. A pyproject.toml counts
    only when it has a `[tool.mtlint]` table."""
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "tool.mtlint" not in text:
        return False
    try:
        return "mtlint" in toml.loads(text).get("tool", {})
    except toml.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
