"""The target language's typography: the spaces French puts around high
punctuation and guillemets, and numbers written with another locale's
separators. Both are data (`lang/typography.toml`, `lang/numbers.toml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.lang.tables import table
from mtlint.pattern_store import kept
from mtlint.patterns import lazy
from mtlint.rule import Context, Option, PythonRule
from mtlint.shape import CHARS, ODD_OTHER, prose_shape

#: spaces French typography accepts before high punctuation: the no-break
#: ones, and the thin spaces some publishers set by hand
NO_BREAK = frozenset("\u00a0\u202f\u2009\u200a")
SPACES = {"U+00A0": "\u00a0", "U+202F": "\u202f"}
SPACING_OPTIONS = {
    "french-spacing": Option(
        "default",
        "default: a missing space is a warning, a plain one info; strict: both warnings; off: neither",
        ("default", "strict", "off"),
    ),
    "nbsp": Option("U+00A0", "the no-break space a fix inserts", ("U+00A0", "U+202F")),
}


def _spacing(lang: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The marks that take a space before and after in `lang`, if any."""
    rules = table("typography").get(lang)
    if rules is None or "space-before" not in rules:
        return None
    return frozenset(rules["space-before"]), frozenset(rules["space-after"])


#: the characters that settle a mark at once: before it, for `_before`;
#: after «, for `_after`
SPACED_BEFORE = "".join(sorted(NO_BREAK)) + "\n\r\t"
SPACED_AFTER = SPACED_BEFORE + "«»"


@cache
def _mark_patterns(before_marks: frozenset[str], after_marks: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """One pattern per mark, for the marks whose space may be wrong: those
    that `SPACED_BEFORE` (`SPACED_AFTER`, for «) does not settle. Each starts
    with its literal mark, which the engine skips to at C speed; in well-set
    French almost every mark is passed over without a step in Python."""
    patterns = []
    for mark in sorted(before_marks | after_marks):
        escaped = re.escape(mark)
        conditions = []
        if mark in before_marks:
            conditions.append(f"(?<![{re.escape(SPACED_BEFORE)}]{escaped})")
        if mark in after_marks:
            conditions.append(f"(?![{re.escape(SPACED_AFTER)}])")
        patterns.append(kept(re.compile, f"{escaped}(?:{'|'.join(conditions)})"))
    return tuple(patterns)


def _gaps(doc: Document) -> list[tuple[int, str, str]]:
    """Each place French wants a no-break space: (offset of the gap, what is
    there now: "" when nothing, " " for a plain space; the mark). Shared by
    the two spacing rules."""
    return doc.memo("typography-gaps", _find_gaps)


def _find_gaps(doc: Document) -> list[tuple[int, str, str]]:
    spacing = _spacing(doc.lang)
    if spacing is None:
        return []
    before_marks, after_marks = spacing
    prose = doc.prose
    positions = sorted(
        match.start() for pattern in _mark_patterns(before_marks, after_marks) for match in pattern.finditer(prose)
    )
    gaps = []
    for pos in positions:
        mark = prose[pos]
        if mark in before_marks and pos > 0:
            gap = _before(prose, pos, mark)
            if gap is not None:
                gaps.append((gap, prose[gap:pos], mark))
        if mark in after_marks and pos + 1 < len(prose):
            gap = _after(prose, pos)
            if gap is not None:
                gaps.append((pos + 1, prose[pos + 1 : gap], mark))
    return gaps


def _before(prose: str, pos: int, mark: str) -> int | None:
    """Start of the gap before `mark` at `pos` when it needs attention."""
    previous = prose[pos - 1]
    following = prose[pos + 1] if pos + 1 < len(prose) else " "
    if previous in SPACED_BEFORE:
        return None
    if previous == " ":
        return pos - 1 if pos >= 2 and not prose[pos - 2].isspace() else None
    if previous in ";:!?«([{/\"'" or (mark == "»" and previous == "«"):
        return None  # ?! and (?) need one space at most; «» is empty; "?" names the mark
    if mark in ":;" and not following.isspace():
        return None  # 12:30, hh:mm, 255;0;0, C:\, :) are tokens, not punctuation
    if mark == "!" and previous.isdigit():
        return None  # 5! is a factorial
    return pos


def _after(prose: str, pos: int) -> int | None:
    """End of the gap after « at `pos` when it needs attention."""
    following = prose[pos + 1]
    if following in SPACED_AFTER:
        return None
    if following == " ":
        return pos + 2 if pos + 2 < len(prose) and not prose[pos + 2].isspace() else None
    return pos + 1


class MissingPunctuationSpace(PythonRule):
    """French puts a space before ; : ! ? and », and after «; it is missing
    here (`Photo: AFP`, `«Je`).

    Machine translation from English or Spanish carries the source's spacing
    over. The fix, safe, inserts a no-break space (U+00A0, or U+202F with
    `nbsp = "U+202F"`). `french-spacing = "off"` turns the rule off, for
    Swiss or Canadian practice.
    """

    code = "T002"
    name = "missing-punctuation-space"
    category = Category.TYPOGRAPHY
    severity = Severity.WARNING
    fix = Applicability.SAFE
    languages = ("fr",)
    options = SPACING_OPTIONS
    summary = "No space where the language puts one around punctuation"
    examples = (
        bad("Photo⟦⟧: Agence AFP", "Photo\u00a0: Agence AFP"),
        bad("«⟦⟧Je n’ai pas cette information\u00a0»", "«\u00a0Je n’ai pas cette information\u00a0»"),
        bad("Vraiment⟦⟧? Oui⟦⟧!", "Vraiment\u00a0? Oui\u00a0!", lang="fr"),
        good("Photo\u00a0: Agence AFP. À 12:30, il a dit «\u00a0oui\u00a0» (?) puis\u202f?!"),
        good("Photo: AFP", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if ctx.options.get("french-spacing") == "off":
            return
        space = SPACES[ctx.options.get("nbsp", "U+00A0")]
        for gap, found, mark in _gaps(doc):
            if found:
                continue
            where = "after" if mark == "«" else "before"
            fix = Fix((Edit(gap, gap, space),), Applicability.SAFE, "Insert a no-break space")
            yield self.report(doc, gap, gap, f"No space {where} '{mark}'; French puts a no-break space there", fix=fix)


class BreakingPunctuationSpace(PythonRule):
    """A plain space stands where French uses a no-break one: before ; : ! ?
    and », after «.

    With a plain space a line can break between the word and its mark, leaving
    a lone ? or » at the start of a line. This is a note (`info`) by default;
    `french-spacing = "strict"` makes it a warning and `"off"` silences it.
    The fix, safe, replaces the space with U+00A0 (or U+202F, by the `nbsp`
    option).
    """

    code = "T003"
    name = "breaking-punctuation-space"
    category = Category.TYPOGRAPHY
    severity = Severity.INFO
    fix = Applicability.SAFE
    languages = ("fr",)
    options = SPACING_OPTIONS
    summary = "A plain space where the language puts a no-break one around punctuation"
    examples = (
        bad(
            "«⟦ ⟧ne devrait effrayer personne⟦ ⟧», a déclaré le Kremlin.",
            "«\u00a0ne devrait effrayer personne\u00a0», a déclaré le Kremlin.",
        ),
        bad("«⟦ ⟧Nous", "«\u00a0Nous"),
        bad("Photo⟦ ⟧: Agence AFP", "Photo\u00a0: Agence AFP", lang="fr"),
        good("«\u00a0ne devrait effrayer personne\u00a0», a déclaré le Kremlin\u202f!"),
        good("Photo : AFP", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        mode = ctx.options.get("french-spacing", "default")
        if mode == "off":
            return
        severity = Severity.WARNING if mode == "strict" else Severity.INFO
        space = SPACES[ctx.options.get("nbsp", "U+00A0")]
        for gap, found, mark in _gaps(doc):
            if found != " ":
                continue
            fix = Fix((Edit(gap, gap + 1, space),), Applicability.SAFE, "Use a no-break space")
            where = "after" if mark == "«" else "before"
            yield self.report(
                doc,
                gap,
                gap + 1,
                f"Plain space {where} '{mark}'; French uses a no-break space, so that no line breaks there",
                fix=fix,
                severity=severity,
            )


#: a number with group separators. The first digit comes before the test of
#: what precedes it, so that the engine skips from digit to digit instead of
#: testing the lookbehind at every character.
NUMBER = lazy(
    regex.compile, r"\d(?<![\w.,'’\u00a0\u202f]\d)\d{0,2}+([.,])\d{3}+(?:\1\d{3}+)*+(?:[.,]\d++)?+(?![\w]|[.,]\d)"
)
FOLLOWING_WORD = lazy(regex.compile, r"[ \u00a0\u202f]*+(\S*+)")
#: the shape read for numbers: a digit as 0 (and a character cp1252 lacks,
#: which may be one: ٣, ３), a period or a comma as ".", the rest as a space
NUMBER_SHAPE = bytes(
    ord("0") if CHARS[byte].isdecimal() or byte == ODD_OTHER else ord(".") if byte in b".," else ord(" ")
    for byte in range(256)
)
#: where a NUMBER's first separator stands, one to three digits after its start
NUMBER_SEPARATOR = b"0.000"


@cache
def previous_word() -> regex.Pattern[str]:
    """The word before a number (version 2.100, Alpha = 1.200), compiled for
    the first number written with another locale's group separator."""
    return kept(regex.compile, r"([\w°§=:]++)\.?+[ \u00a0\u202f]++[-+−]?+$")


def _numbers(doc: Document) -> Iterator[regex.Match[str]]:
    """NUMBER's matches in the prose, as `finditer` finds them, tried only
    where the prose's shape shows a digit, a separator and three digits:
    each match's first separator stands there, one to three digits after
    its start. `regex` would try the pattern at every character (37 ms on
    the 5 MB benchmark file, which holds no such number)."""
    prose = doc.prose
    digits = prose_shape(doc).translate(NUMBER_SHAPE)
    end = 0
    at = digits.find(NUMBER_SEPARATOR)
    while at >= 0:
        for start in range(max(at - 2, end), at + 1):
            match = NUMBER.match(prose, start)
            if match is not None:
                yield match
                end = match.end()
                break
        at = digits.find(NUMBER_SEPARATOR, max(at + 1, end))


class ForeignNumberFormat(PythonRule):
    """A number written with another locale's separators: `1.000 soldats` or
    `2,500 personnes` in French, where CLDR gives 1 000 (narrow no-break
    space as the group separator) and a comma as the decimal mark.

    Machine translation copies numbers digit for digit, so the source's
    separators stay; in the target they read as a decimal (2,500 = 2.5 in
    French) or look foreign. Group separators only: a number with one group
    that could also be a decimal (2,500 km, 1,000 et 2,000) is reported only
    before a word that is not a unit, and never after an identifier word
    (version 2.100) or an equals sign.
    The suggestion rewrites it with the target's separators; the fix is unsafe.
    """

    code = "T008"
    name = "foreign-number-format"
    category = Category.TYPOGRAPHY
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = ("ca", "de", "en", "es", "fr", "it", "nl", "pl", "pt", "ro", "ru")
    summary = "A number uses another locale's thousands separator"
    examples = (
        bad("des milliers de soldats, ⟦1.000⟧ selon Séoul", "des milliers de soldats, 1\u202f000 selon Séoul"),
        bad("⟦2,500⟧ personnes ont manifesté", "2\u202f500 personnes ont manifesté"),
        bad("Unos ⟦2,500⟧ manifestantes", "Unos 2.500 manifestantes", lang="es"),
        bad("About ⟦1.500.000⟧ people", "About 1,500,000 people", lang="en"),
        good("1\u202f000 soldats, 2,5 % de hausse, 2,500 km, version 2.6.32, le 12.03.2024 à 192.168.1.200"),
        good("Unos 2.500 manifestantes y 3,5 millones", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        symbols = table("numbers").get(doc.lang)
        if symbols is None:
            return
        decimal, group = symbols["decimal"], symbols["group"]
        units, identifiers, currencies = _words("units"), _words("identifiers"), _words("currencies")
        prose = doc.prose
        for match in _numbers(doc):
            separator = match.group(1)
            if separator == group:
                continue
            text = match.group()
            previous = previous_word().search(prose, max(0, match.start() - 24), match.start())
            if previous is not None and (previous.group(1) in identifiers or previous.group(1) in "=:"):
                continue  # version 2.100, Alpha = 1.200
            groups = text.count(separator)
            if groups == 1 and separator == decimal:
                following = FOLLOWING_WORD.match(prose, match.end()).group(1).rstrip(".,;:!?)")
                countable = following in currencies or (
                    len(following) >= 4 and following.isalpha() and following not in units
                )
                if not countable or text.startswith("0"):
                    continue  # 2,500 km or "1,000 et 2,000" may be decimals; 2,500 personnes is not
            if groups == 3 and all(int(part) <= 255 for part in text.split(separator)):
                continue  # an IPv4 address
            rewritten = self._rewrite(text, separator, decimal, group)
            yield self.report(
                doc,
                match.start(),
                match.end(),
                f"{text} uses {separator!r} as a thousands separator; {doc.lang} writes {rewritten}",
                fix=Fix((Edit(match.start(), match.end(), rewritten),), Applicability.UNSAFE, f"Write {rewritten}"),
                suggestions=(rewritten,),
            )

    @staticmethod
    def _rewrite(text: str, separator: str, decimal: str, group: str) -> str:
        other = "," if separator == "." else "."
        whole, _, fraction = text.partition(other)
        rewritten = whole.replace(separator, group)
        return rewritten + (decimal + fraction if fraction else "")


@cache
def _words(kind: str) -> frozenset[str]:
    """A word list of typography.toml, made a set once per run, not once per document."""
    return frozenset(table("typography")[kind]["words"])


RULES = (MissingPunctuationSpace, BreakingPunctuationSpace, ForeignNumberFormat)
