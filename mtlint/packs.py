"""Loading TOML rule packs: the built-in ones under `rules/` and users' own.

A pack is one TOML file with a `[pack]` table and `[[rules]]` tables. Every
rule gets the same `RuleMeta` a Python rule has, so the registry, the docs
and the example tests treat both alike. Errors name the file, the rule and
the field, in one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mtlint import toml
from mtlint.diagnostic import Applicability, Category, Severity
from mtlint.errors import PackError
from mtlint.examples import Example, marked_spans
from mtlint.kinds import KINDS, kind_module
from mtlint.patterns import lazy
from mtlint.rule import Rule, RuleMeta

PACK_FIELDS: Mapping[str, type] = {"kind": str, "name": str, "description": str, "source": str}
#: a pack of this kind holds data a Python rule reads (phrases), not rules;
#: it says so as the first key of its [pack] table, so that loading the
#: rules need not parse the (large) file
DATA_PACK = "phrases"
DATA_PACK_HEAD = lazy(re.compile, r'^\[pack\][ \t]*\r?\n[ \t]*kind[ \t]*=[ \t]*"phrases"', re.MULTILINE)
RULE_FIELDS: Mapping[str, type] = {
    "code": str,
    "name": str,
    "kind": str,
    "category": str,
    "severity": str,
    "message": str,
    "summary": str,
    "explanation": str,
    "languages": list,
    "status": str,
    "examples": list,
}
REQUIRED = ("code", "name", "kind", "category", "severity", "message", "summary", "explanation", "examples")
EXAMPLE_FIELDS: Mapping[str, type] = {"bad": str, "good": str, "fixed": str, "lang": str, "markup": str}
STATUSES = ("stable", "preview")


def load_pack(path: Path, *, display: str | None = None, timeout: float | None = None) -> list[Rule]:
    """All rules of the pack at `path`; `display` is the name used in errors,
    `timeout` the bound on each pattern search (users' packs get one)."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        if DATA_PACK_HEAD.search(text, 0, 8192):
            return []  # a data pack: not parsed here, its rule reads it
        data = toml.loads(text)
    except OSError as error:
        raise PackError(f"{shown}: cannot read rule pack: {error.strerror or error}") from None
    except (toml.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PackError(f"{shown}: not a valid TOML rule pack: {error}") from None
    if isinstance(data.get("pack"), Mapping) and data["pack"].get("kind") == DATA_PACK:
        return []
    return list(_rules_of(data, shown, timeout))


def _rules_of(data: Mapping[str, Any], shown: str, timeout: float | None) -> Iterator[Rule]:
    for key in data:
        if key not in ("pack", "rules"):
            raise PackError(f"{shown}: unknown top-level table {key!r} (expected [pack] and [[rules]])")
    _check_fields(data.get("pack", {}), PACK_FIELDS, lambda field: f"{shown}: [pack]: field {field!r}")
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise PackError(f"{shown}: 'rules' must be an array of tables ([[rules]])")
    for index, table in enumerate(rules):
        label = table.get("code") or table.get("name") or f"#{index + 1}"

        def where(field: str, label: str = label) -> str:
            return f"{shown}: rule {label!r}: field {field!r}"

        yield _build_rule(table, shown, where, timeout)


def _build_rule(table: Mapping[str, Any], shown: str, where: Any, timeout: float | None) -> Rule:
    kind = table.get("kind")
    if kind not in KINDS:
        raise PackError(f"{where('kind')}: expected one of {', '.join(KINDS)}, got {kind!r}")
    module = kind_module(kind)
    common = {key: value for key, value in table.items() if key in RULE_FIELDS}
    specific = {key: value for key, value in table.items() if key not in RULE_FIELDS}
    _check_fields(common, RULE_FIELDS, where)
    _check_fields(specific, module.FIELDS, where)
    for field in REQUIRED:
        if field not in table:
            raise PackError(f"{where(field)}: missing")
    meta = RuleMeta(
        code=table["code"],
        name=table["name"],
        category=_choice(Category, table["category"], where("category")),
        severity=_severity(table["severity"], where("severity")),
        summary=table["summary"].strip(),
        explanation=table["explanation"].strip(),
        examples=tuple(_example(item, where(f"examples[{i}]")) for i, item in enumerate(table["examples"])),
        languages=tuple(_languages(table.get("languages", ["*"]), where("languages"))),
        fix=_applicability(specific.get("fix"), where("fix.applicability")),
        status=_status(table.get("status", "stable"), where("status")),
        origin=shown,
    )
    return module.build(meta, specific, table["message"], where, timeout)


def _check_fields(table: Mapping[str, Any], fields: Mapping[str, type], where: Any) -> None:
    if not isinstance(table, Mapping):
        raise PackError(f"{where('')}: expected a table")
    for key, value in table.items():
        expected = fields.get(key)
        if expected is None:
            raise PackError(f"{where(key)}: unknown field")
        if not isinstance(value, expected):
            raise PackError(f"{where(key)}: expected {expected.__name__}, got {type(value).__name__}")


def _choice(enum: type[Category], value: str, where: str) -> Category:
    try:
        return enum(value)
    except ValueError:
        raise PackError(f"{where}: expected one of {', '.join(c.value for c in enum)}, got {value!r}") from None


def _severity(value: str, where: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise PackError(f"{where}: {error}") from None


def _status(value: str, where: str) -> str:
    if value not in STATUSES:
        raise PackError(f"{where}: expected one of {', '.join(STATUSES)}, got {value!r}")
    return value


def _languages(value: list[Any], where: str) -> list[str]:
    if not value or not all(isinstance(item, str) and item for item in value):
        raise PackError(f"{where}: expected a non-empty list of language codes or '*'")
    return value


def _applicability(table: Mapping[str, Any] | None, where: str) -> Applicability | None:
    """Declarative fixes default to unsafe; a pack must say `safe` explicitly,
    and should only for mechanical changes that keep the meaning."""
    if table is None:
        return None
    value = table.get("applicability", "unsafe")
    try:
        return Applicability[str(value).upper()]
    except KeyError:
        raise PackError(f"{where}: expected safe or unsafe, got {value!r}") from None


def _example(item: Any, where: str) -> Example:
    if not isinstance(item, Mapping):
        raise PackError(f'{where}: expected a table such as {{ bad = "…⟦span⟧…" }}')
    for key, value in item.items():
        if key not in EXAMPLE_FIELDS:
            raise PackError(f"{where}: unknown field {key!r}")
        if not isinstance(value, str):
            raise PackError(f"{where}: field {key!r} must be a string")
    if ("bad" in item) == ("good" in item):
        raise PackError(f"{where}: give exactly one of 'bad' or 'good'")
    if "fixed" in item and "good" in item:
        raise PackError(f"{where}: 'fixed' goes with a 'bad' example")
    kind = "bad" if "bad" in item else "good"
    try:
        marked_spans(item[kind])
    except ValueError as error:
        raise PackError(f"{where}: {error}") from None
    return Example(kind, item[kind], item.get("fixed"), item.get("lang"), item.get("markup", "plain"))
