"""`kind = "pattern"`: a regular expression reported wherever it matches.

With a `[fix]` table carrying `replacement` (a template for `regex`'s
`Match.expand`, so `\\1` and `\\g<name>` work) it becomes a substitution rule.
`{match}` in the message is replaced by the matched text.

`prefilter` lists strings one of which stands on every line where the
pattern matches (`["  "]` for runs of spaces). A regex engine tries the
pattern at every character, which costs milliseconds per megabyte even when
nothing matches; `str.find` looks for one literal string several times
faster, and the standard library's engine for several at once. So the
pattern runs only on the lines holding one of the strings, and not at all
when none occurs. The strings are searched as written, whatever
`ignore-case` says, and the pattern must neither match nor look across a
line break.

`prefilter-start` serves a pattern that opens on one of a few frequent
characters, which no string can stand for: a pattern for the standard
library's engine that matches wherever a match of `pattern` starts (and may
match elsewhere). `pattern` is tried only at its matches. `regex` tries a
pattern opening on a class of characters at every character, where `re`
skips to the next character of the class: T004's marks followed by a
letter are found in a third of the time its own pattern takes to search
5 MB (23 against 62 ms). Of the two prefilters a rule has one at most, and
`prefilter-start` suits a pattern that cannot match the empty string:
where such a pattern would rather match nothing, `finditer` tries again for
a longer match at the same place, which one try at each place cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

import regex

from mtlint.diagnostic import Diagnostic, Edit, Fix
from mtlint.document import Document
from mtlint.errors import PackError, RuleTimeout
from mtlint.pattern_store import kept
from mtlint.rule import Context, Rule, RuleMeta
from mtlint.shape import prose_shape, shaped

FIELDS: Mapping[str, type] = {
    "pattern": str,
    "ignore-case": bool,
    "scope": str,
    "prefilter": list,
    "prefilter-start": str,
    "fix": dict,
}
REQUIRED = ("pattern",)
SCOPES = ("prose", "raw")
FIX_FIELDS: Mapping[str, type] = {"replacement": str, "applicability": str, "title": str}
#: past one line with a candidate per this many characters, searching those
#: lines one by one costs more than one search of the whole text
CHARS_PER_LINE = 1000


class PatternRule(Rule):
    """Reports every match of one compiled pattern in the prose (or raw) text."""

    def __init__(
        self,
        meta: RuleMeta,
        pattern: regex.Pattern[str],
        message: str,
        *,
        raw: bool = False,
        replacement: str | None = None,
        fix_title: str = "",
        timeout: float | None = None,
        prefilter: tuple[str, ...] | None = None,
        starts: re.Pattern[str] | None = None,
    ) -> None:
        self.meta = meta
        self.timeout = timeout
        self.pattern = pattern
        self.message = message
        self.raw = raw
        self.replacement = replacement
        self.fix_title = fix_title
        self.prefilter = prefilter
        #: `prefilter-start`, compiled
        self.starts = starts

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        source = doc.text if self.raw else doc.prose
        # the prose's shape (a byte a character) finds two-character needles of several kinds at once
        paired = not self.raw and self.prefilter is not None and _pair_kinds(self.prefilter) is not None
        shape = prose_shape(doc) if paired else None
        try:
            matches = self._matches(source, shape)
        except TimeoutError:
            raise RuleTimeout(f"{self.meta.origin}: rule {self.meta.code!r}: pattern timed out on {doc.path}") from None
        for match in matches:
            start, end = match.span()
            if start == end or (not self.raw and doc.is_masked(start, end)):
                continue  # the engine drops findings in masked markup: not worth building
            fix = None
            if self.replacement is not None and self.meta.fix is not None:
                replacement = match.expand(self.replacement)
                fix = Fix((Edit(start, end, replacement),), self.meta.fix, self.fix_title)
            message = self.message.replace("{match}", match.group())
            yield self.report(doc, start, end, message, fix=fix)

    def _matches(self, source: str, shape: bytes | None = None) -> list[regex.Match[str]]:
        """The pattern's matches in `source`, as `finditer` finds them in the
        whole of it (see the module's docstring for the prefilters; `shape`:
        the source's shape, when it is the prose)."""
        if self.starts is not None:
            return self._matches_at(self.starts, source)
        windows = candidate_lines(source, self.prefilter, shape) if self.prefilter is not None else None
        if windows is None:
            windows = [(0, len(source))]
        return [
            match for start, end in windows for match in self.pattern.finditer(source, start, end, timeout=self.timeout)
        ]

    def _matches_at(self, starts: re.Pattern[str], source: str) -> list[regex.Match[str]]:
        """The pattern tried where `starts` matches, from the end of each
        match on, as `finditer` goes on: a place the prefilter's last match
        covered is looked at again, as it may open a match of the pattern.
        Empty matches are left out, as `check` leaves them out."""
        matches = []
        at = 0
        while (candidate := starts.search(source, at)) is not None:
            start = candidate.start()
            match = self.pattern.match(source, start, timeout=self.timeout)
            if match is not None and match.end() > start:
                matches.append(match)
                at = match.end()
            else:
                at = start + 1
        return matches


def candidate_lines(source: str, needles: tuple[str, ...], shape: bytes | None = None) -> list[tuple[int, int]] | None:
    """The lines of `source` holding one of `needles`, in order, each with its
    line break so that a lookahead at the end of the line sees what it would
    in the whole text (a lookbehind sees before the start anyway); None when
    they are so many that one search of the whole text is cheaper. Given
    the source's `shape`, needles of two characters are looked for there by
    their kinds (`_pair_kinds`): a line may then hold a pair of those kinds
    and no needle, which the pattern, tried on it, finds nothing in."""
    kinds = _pair_kinds(needles) if shape is not None else None
    text: str | bytes
    if shape is not None and kinds is not None:
        table, pair = kinds
        text, newline = shape.translate(table), b"\n"

        def find(text: bytes, start: int) -> int:
            return text.find(pair, start)
    else:
        text, newline, find = source, "\n", _finder(needles)
    limit = len(text) // CHARS_PER_LINE + 1
    lines: list[tuple[int, int]] = []
    at = find(text, 0)
    while at >= 0:
        start = text.rfind(newline, 0, at) + 1
        end = text.find(newline, at) + 1 or len(text)
        lines.append((start, end))
        if len(lines) > limit:
            return None
        at = find(text, end)  # no needle holds a line break: the next one is on a later line
    return lines


@cache
def _pair_kinds(needles: tuple[str, ...]) -> tuple[bytes, bytes] | None:
    """For needles that are each two characters (" ," and "\u202f."), a
    table that turns a shape into kinds of bytes, and the pair of kinds a
    needle becomes: the first characters one kind and the second another
    (or all one kind, when a character is both). `re` stops at each comma
    of a text to try eight such needles; one `bytes.find` of the pair
    reads the translated shape in a fifth of the time. A shape spells
    several characters alike (the spaces without a byte of their own as
    U+00A0): the pairs found hold the needles' lines and perhaps a few
    more. None for other needles."""
    spelt = [shaped(needle) for needle in needles]
    if len(spelt) < 2 or any(len(needle) != 2 for needle in spelt):
        return None
    firsts, seconds = {needle[0] for needle in spelt}, {needle[1] for needle in spelt}
    table = bytearray(256)
    table[ord("\n")] = ord("\n")
    first, second = 1, 1 if firsts & seconds else 2
    for byte in firsts:
        table[byte] = first
    for byte in seconds:
        table[byte] = second
    return bytes(table), bytes((first, second))


@cache
def _finder(needles: tuple[str, ...]) -> Callable[[str, int], int]:
    """Where the first of `needles` stands in a text from an offset (-1 if
    none does): `str.find` for one needle; for several, one pattern for the
    standard library's engine, which finds any of them in one pass. It stops
    at every character that can begin a match, and a space is one character
    in six of prose: a needle that starts with white space is matched from
    its next character, with a lookbehind for the rest."""
    if len(needles) == 1:
        needle = needles[0]
        return lambda text, start: text.find(needle, start)
    alternatives = []
    for needle in needles:
        lead = len(needle) - len(needle.lstrip())
        anchor = re.escape(needle[lead:])
        alternatives.append(f"{anchor}(?<={re.escape(needle)})" if 0 < lead < len(needle) else re.escape(needle))
    pattern = kept(re.compile, "|".join(alternatives))

    def search(text: str, start: int) -> int:
        found = pattern.search(text, start)
        return found.start() if found is not None else -1

    return search


def build(
    meta: RuleMeta, fields: Mapping[str, Any], message: str, where: Callable[[str], str], timeout: float | None
) -> PatternRule:
    """A PatternRule from a pack rule's fields; `where(field)` names the place
    for error messages. `timeout` bounds each search (users' packs): a
    pattern that backtracks catastrophically stops instead of hanging."""
    for name in REQUIRED:
        if name not in fields:
            raise PackError(f"{where(name)}: missing")
    scope = fields.get("scope", "prose")
    if scope not in SCOPES:
        raise PackError(f"{where('scope')}: expected one of {', '.join(SCOPES)}, got {scope!r}")
    flags = regex.V1 | (regex.IGNORECASE if fields.get("ignore-case", False) else 0)
    try:
        pattern = kept(regex.compile, fields["pattern"], flags)
    except regex.error as error:
        raise PackError(f"{where('pattern')}: does not compile: {error}") from None
    replacement, title = _fix_fields(meta, fields.get("fix"), where)
    if replacement is not None:
        try:
            pattern.sub(replacement, "")
        except (regex.error, IndexError) as error:
            raise PackError(f"{where('fix.replacement')}: {error}") from None
    return PatternRule(
        meta,
        pattern,
        message,
        raw=scope == "raw",
        replacement=replacement,
        fix_title=title,
        timeout=timeout,
        prefilter=_prefilter(fields.get("prefilter"), where),
        starts=_prefilter_start(fields, where),
    )


def _prefilter(value: list[Any] | None, where: Callable[[str], str]) -> tuple[str, ...] | None:
    """The strings, each once, in the order given."""
    if value is None:
        return None
    if not value or not all(isinstance(item, str) and item and "\n" not in item for item in value):
        raise PackError(f"{where('prefilter')}: expected a non-empty list of non-empty strings without line breaks")
    return tuple(dict.fromkeys(value))


def _prefilter_start(fields: Mapping[str, Any], where: Callable[[str], str]) -> re.Pattern[str] | None:
    """`prefilter-start` compiled by the standard library's engine; a rule
    with both prefilters is refused, as one would hide the other."""
    source = fields.get("prefilter-start")
    if source is None:
        return None
    if "prefilter" in fields:
        raise PackError(f"{where('prefilter-start')}: a rule takes `prefilter` or `prefilter-start`, not both")
    try:
        return kept(re.compile, source, re.IGNORECASE if fields.get("ignore-case", False) else 0)
    except re.error as error:
        raise PackError(f"{where('prefilter-start')}: does not compile: {error}") from None


def _fix_fields(meta: RuleMeta, table: Mapping[str, Any] | None, where: Callable[[str], str]) -> tuple[str | None, str]:
    if table is None:
        return None, ""
    for key, value in table.items():
        expected = FIX_FIELDS.get(key)
        if expected is None:
            raise PackError(f"{where('fix.' + key)}: unknown field")
        if not isinstance(value, expected):
            raise PackError(f"{where('fix.' + key)}: expected {expected.__name__}, got {value!r}")
    if "replacement" not in table:
        raise PackError(f"{where('fix.replacement')}: missing")
    return table["replacement"], table.get("title", "")
