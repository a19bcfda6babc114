"""LanguageTool's findings in mtlint's terms: code points, not UTF-16.

LanguageTool is written in Java, so the `offset` and `length` of a match count
UTF-16 code units: every character outside the Basic Multilingual Plane (most
emoji, some CJK) counts two. Python strings count code points. language-tool-python
corrects the offset (`Match.FOUR_BYTES_POSITIONS`) but not the length, and keeps
its correction table in a class attribute shared by every thread; mtlint
talks to the server itself, so it converts both ends of every match here.

Also here: the LanguageTool rules turned off by default (`disabled.toml`) and
the language tag sent for a document's language.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from mtlint import toml
from mtlint.grammar.settings import GrammarSettings
from mtlint.patterns import lazy

ASTRAL = lazy(re.compile, "[\U00010000-\U0010ffff]")
#: the variant sent for a language: LanguageTool checks spelling only when it
#: knows which English, German or Portuguese is meant (`variants` overrides)
DEFAULT_VARIANTS: Mapping[str, str] = {"en": "en-US", "de": "de-DE", "pt": "pt-PT", "ca": "ca-ES", "nl": "nl-NL"}


class Match(NamedTuple):
    """One LanguageTool match in a text that was sent, offsets in code points."""

    start: int
    end: int
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    issue_type: str = ""
    category: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "rule": self.rule_id,
            "message": self.message,
            "replacements": list(self.replacements),
            "issue": self.issue_type,
            "category": self.category,
        }

    @classmethod
    def from_json(cls, data: Any) -> Match:
        """The inverse of `to_json`; ValueError on anything else (a corrupt
        cache entry)."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        start, end = data.get("start"), data.get("end")
        replacements = data.get("replacements")
        strings = [data.get(key) for key in ("rule", "message", "issue", "category")]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            raise ValueError("bad offsets")
        if not all(isinstance(item, str) for item in strings):
            raise ValueError("bad strings")
        if not isinstance(replacements, list) or not all(isinstance(item, str) for item in replacements):
            raise ValueError("bad replacements")
        rule_id, message, issue, category = strings
        return cls(start, end, rule_id, message, tuple(replacements), issue, category)


class Utf16Index:
    """Converts UTF-16 offsets into `text` to code-point offsets."""

    __slots__ = ("_astral_starts", "length")

    def __init__(self, text: str) -> None:
        # The UTF-16 offset at which each astral character starts: its
        # code-point offset plus one for every astral character before it.
        self._astral_starts = [match.start() + count for count, match in enumerate(ASTRAL.finditer(text))]
        self.length = len(text) + len(self._astral_starts)

    def code_point(self, utf16: int) -> int:
        """The code-point offset of UTF-16 offset `utf16`. An offset between
        the two halves of a surrogate pair falls back to the pair's start."""
        return utf16 - bisect_left(self._astral_starts, utf16)


def utf16_length(text: str) -> int:
    return len(text) + len(ASTRAL.findall(text))


def parse_match(raw: Any, index: Utf16Index, base: int = 0) -> Match:
    """A match of LanguageTool's JSON (`/v2/check`), whose offset counts UTF-16
    units from `base`, as a Match in code points of the text `index` indexes.

    Raises ValueError when `raw` lacks what the documented shape promises.
    """
    if not isinstance(raw, dict):
        raise ValueError("a match is not an object")
    offset, length = raw.get("offset"), raw.get("length")
    rule = raw.get("rule")
    if not (isinstance(offset, int) and isinstance(length, int) and isinstance(rule, dict)):
        raise ValueError("a match lacks offset, length or rule")
    rule_id = rule.get("id")
    if not isinstance(rule_id, str):
        raise ValueError("a match's rule has no id")
    start = offset - base
    end = start + length
    if start < 0 or end > index.length:
        raise ValueError(f"match of {rule_id} at {offset}+{length} is outside the text")
    category = rule.get("category") if isinstance(rule.get("category"), dict) else {}
    replacements = tuple(
        item["value"]
        for item in raw.get("replacements") or ()
        if isinstance(item, dict) and isinstance(item.get("value"), str)
    )
    message = str(raw.get("message") or raw.get("shortMessage") or rule.get("description") or rule_id)
    return Match(
        start=index.code_point(start),
        end=index.code_point(end),
        rule_id=rule_id,
        message=message.replace("<suggestion>", "\u201c").replace("</suggestion>", "\u201d"),
        replacements=replacements,
        issue_type=str(rule.get("issueType") or ""),
        category=str(category.get("id") or ""),
    )


def lt_language(lang: str, settings: GrammarSettings) -> str:
    """The language tag sent for a document in `lang`."""
    return settings.variant_map.get(lang) or DEFAULT_VARIANTS.get(lang) or lang


@cache
def _disabled_table() -> dict[str, Any]:
    return toml.loads((resources.files("mtlint.grammar") / "disabled.toml").read_text(encoding="utf-8"))


def default_disabled(lang: str) -> frozenset[str]:
    """The ids `disabled.toml` turns off for `lang` (a tag or a subtag)."""
    primary = lang.split("-")[0].lower()
    ids: set[str] = set()
    for family in _disabled_table().values():
        ids.update(family.get("*", ()))
        ids.update(family.get(primary, ()))
    return frozenset(ids)


def rule_set(lang: str, settings: GrammarSettings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (disabledRules, enabledRules) sent for `lang`: the defaults plus the
    config's `disabled-rules`, minus its `enabled-rules`."""
    enabled = set(settings.enabled_rules)
    disabled = (default_disabled(lang) | set(settings.disabled_rules)) - enabled
    return tuple(sorted(disabled)), tuple(sorted(enabled))


def split_matches(raw_matches: Iterable[Any], texts: list[str], separator: str) -> tuple[list[list[Match]], list[str]]:
    """Matches of a request that sent `texts` joined by `separator`, assigned
    to each text with offsets relative to it.

    Also returns the ids of the matches dropped because they straddle two
    texts (they belong to no paragraph, and a paragraph's findings must not
    depend on its neighbours).
    """
    starts: list[int] = []
    position = 0
    indexes = []
    for text in texts:
        starts.append(position)
        index = Utf16Index(text)
        indexes.append(index)
        position += index.length + utf16_length(separator)
    found: list[list[Match]] = [[] for _ in texts]
    dropped: list[str] = []
    for raw in raw_matches:
        offset = raw.get("offset") if isinstance(raw, dict) else None
        length = raw.get("length") if isinstance(raw, dict) else None
        if not isinstance(offset, int) or not isinstance(length, int):
            raise ValueError("a match lacks its offset or length")
        which = max(bisect_left(starts, offset + 1) - 1, 0)
        if offset + length > starts[which] + indexes[which].length:
            rule = raw.get("rule")
            dropped.append(str(rule.get("id") if isinstance(rule, dict) else "?"))
            continue
        found[which].append(parse_match(raw, indexes[which], starts[which]))
    return found, dropped
