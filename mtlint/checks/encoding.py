"""Encoding damage: characters that say the text was decoded wrongly somewhere
upstream, or that carry invisible debris from the page or the pipeline.

Every rule here starts with a cheap scan for the characters it is about and
does nothing more on clean text. ftfy, which does the mojibake detection and
repair, costs about 100 ms to import (ftfy 6.3 with wcwidth), more than
checking an article, so it is imported only when that scan finds a
candidate: a clean article never pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache, partial
from itertools import accumulate, filterfalse
from typing import Any, NamedTuple

import regex

from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.pattern_store import kept
from mtlint.patterns import false_starts, lazy
from mtlint.rule import Context, PythonRule
from mtlint.shape import marking, prose_shape, shaped

REPLACEMENT_RUN = lazy(regex.compile, "\ufffd+")


class ReplacementCharacter(PythonRule):
    """A decoder met bytes it could not read and put U+FFFD (�) in their place.

    The original characters are gone: no tool can restore them from this text,
    so there is no fix. Go back to the source (the original page, the export
    before conversion) and take the text again with the right encoding.
    A run of several U+FFFD is reported once.
    """

    code = "E001"
    name = "replacement-character"
    category = Category.ENCODING
    severity = Severity.ERROR
    summary = "U+FFFD REPLACEMENT CHARACTER: characters lost in decoding"
    examples = (
        bad("Le pr⟦\ufffd⟧sident a déclaré"),
        bad("Dmitri Peskov a r⟦\ufffd\ufffd⟧pondu"),
        bad("El presidente de Colombia est⟦\ufffd⟧ en Bogotá", lang="es"),
        good("Le président a déclaré"),
        good("Le symbole ◆ n'est pas un caractère de remplacement"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if "\ufffd" not in doc.prose:
            return
        for match in REPLACEMENT_RUN.finditer(doc.prose):
            count = match.end() - match.start()
            what = "character was" if count == 1 else f"{count} characters were"
            yield self.report(
                doc,
                match.start(),
                match.end(),
                f"U+FFFD: {what} lost when this text was decoded; take it again from the source",
            )


# --- Mojibake -------------------------------------------------------------
#
# UTF-8 read as a single-byte encoding turns each multi-byte character into a
# lead character followed by one to three continuation characters: é (C3 A9)
# becomes "Ã©" in Windows-1252 or Latin-1 and "√©" in MacRoman. The prefilter
# below finds runs of such well-formed sequences, built from the codecs
# themselves so that no table is typed by hand. Lead bytes are limited to the
# ones whose characters are capitals or symbols in these codecs (C2-D3: Latin,
# Greek and Cyrillic; E2: punctuation, € and ™; EF: the BOM; F0: emoji), so
# lowercase French, Spanish or German prose never matches, and a word in
# capitals before a no-break space is set aside (`_spaced_capital`); a run
# is reported only when ftfy's own detector (`ftfy.badness.is_bad`) agrees
# and ftfy can decode it.


def _decoded(codec: str, values: range | bytes) -> str:
    """The characters `codec` gives for each byte in `values` that it defines."""
    chars = []
    for value in values:
        try:
            chars.append(bytes([value]).decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(chars)


def _char_class(chars: str) -> str:
    """`chars` as a character class of ranges: a class listed one character
    at a time costs the regex compiler several milliseconds at start-up."""
    points = sorted(set(map(ord, chars)))
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    parts = (f"\\u{low:04x}" + (f"-\\u{high:04x}" if high > low else "") for low, high in ranges)
    return "[" + "".join(parts) + "]"


class _Codec(NamedTuple):
    """The characters one codec shows for UTF-8's lead and continuation bytes."""

    lead2: str
    lead3: str
    lead4: str
    continuation: str

    @property
    def leads(self) -> str:
        return self.lead2 + self.lead3 + self.lead4

    def sequences(self) -> str:
        """A pattern for a run of UTF-8 sequences as this codec shows them."""
        lead2, lead3, lead4, cont = map(_char_class, (self.lead2, self.lead3, self.lead4, self.continuation))
        return f"(?:{lead2}{cont}|{lead3}{cont}{{2}}|{lead4}{cont}{{3}})++"


#: Windows-1252 and Latin-1 agree on the lead characters; a continuation byte
#: is the Windows-1252 character where it defines one, else the C1 control
#: Latin-1 (and ftfy's "sloppy" codec) gives
_WINDOWS = _Codec(
    _decoded("latin-1", range(0xC2, 0xD4)),
    _decoded("latin-1", b"\xe2\xef"),
    _decoded("latin-1", b"\xf0"),
    _decoded("cp1252", range(0x80, 0xC0)) + _decoded("latin-1", range(0x80, 0xC0)),
)
#: MacRoman: C2-C5 (¬ √ ƒ ≈: Latin-1 and Latin Extended-A) and CC-CF (Ã Õ Œ œ:
#: combining accents and Greek); its C7-CB and D0-D3 are « » … À – — “ ”,
#: which French and English put before accented letters
_MACROMAN = _Codec(
    _decoded("mac_roman", b"\xc2\xc3\xc4\xc5\xcc\xcd\xce\xcf"),
    _decoded("mac_roman", b"\xe2"),
    _decoded("mac_roman", b"\xf0"),
    _decoded("mac_roman", range(0x80, 0xC0)),
)


@cache
def mojibake_candidate() -> re.Pattern[str]:
    """A stretch that may be mojibake. The stdlib engine matches this long
    alternation of literal sequences about four times faster than `regex`;
    the one branch that needs Unicode classes runs apart (`lost_nbsp`), and
    only when its two characters are in the text at all. Compiled when a
    text first has a candidate start: compiling takes about 2 ms, as long
    as checking an article, and clean text never needs it."""
    return kept(
        re.compile,
        f"{_WINDOWS.sequences()}|(?P<macroman>{_MACROMAN.sequences()})"
        # Latin-1 read as Windows-1252 (or the reverse): a lone C1 control such as
        # \x92 for ’
        r"|[\x80-\x9f]+",
    )


#: what a candidate starts with: a C1 control, or a lead character of either codec
START_CHARS = "".join(map(chr, range(0x80, 0xA0))) + _WINDOWS.leads + _MACROMAN.leads

#: where a candidate can start: one of START_CHARS, a lead followed by a
#: continuation character of either codec. Tried at every character,
#: `mojibake_candidate` costs about 80 ms per megabyte; it is tried only
#: where this matches (`_candidates`).
CANDIDATE_START = lazy(
    re.compile,
    _char_class(START_CHARS) + f"(?:(?<=[\\x80-\\x9f])|{_char_class(_WINDOWS.continuation + _MACROMAN.continuation)})",
)


@cache
def _start_bytes(spaced: bool) -> bytes:
    """A table that turns the prose's shape into 1 where its byte may stand
    for one of START_CHARS (each shaped into a byte of its own or a stand-in)
    and 0 elsewhere. The one space among them, NEL (U+0085), is shaped as
    the no-break spaces of French are: its byte counts (`spaced`) only in a
    text that holds one."""
    return marking(shaped(char)[0] for char in START_CHARS if spaced or not char.isspace())


@cache
def lost_nbsp() -> regex.Pattern[str]:
    """à (C3 A0) after a page turned its no-break space A0 into a plain
    space; compiled when a text first holds "Ã " or "Â "."""
    return kept(regex.compile, r"(?<!\p{Lu})[ÃÂ]\x20(?=\p{L})")


#: capitals that end words in French, Spanish, Portuguese, Catalan and
#: Italian; before U+00A0, read as UTF-8, each would be a letter or mark no
#: such text holds at the end of a word in capitals (Ǡ Ƞ ɠ ʠ ˠ, two combining
#: marks, Ϡ Ѡ Ҡ Ӡ). Left out: Â and Ã (with U+00A0: the no-break space
#: itself and à, the commonest mojibake), Ä Å Æ Î Ð (Ġ Š Ơ Π Р).
CAPITALS_BEFORE_NBSP = frozenset("ÇÈÉÊËÌÍÏÑÒÓ")


def _spaced_capital(prose: str, candidate: re.Match[str]) -> bool:
    """Whether the candidate is the last capital of a word in capitals and
    the no-break space French puts before : ; ! ? and inside « »
    (SANTÉ\u00a0:, «\u00a0ÉTÉ\u00a0»): typography, which ftfy's detector
    rejects too, but only once ftfy is imported (a tenth of a second, more
    than checking an article)."""
    start, end = candidate.span()
    return (
        end - start == 2
        and prose[start + 1] == "\u00a0"
        and prose[start] in CAPITALS_BEFORE_NBSP
        and start > 0
        and prose[start - 1].isupper()
        and not prose[end : end + 1].isalpha()
    )


#: characters a repair must not produce: a decoded control is not text
CONTROL = lazy(regex.compile, r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: the same characters, one by one (see `rare_positions`)
CONTROL_CHARS = "".join(char for char in map(chr, range(0xA0)) if CONTROL.match(char))
ASCII_TAIL = lazy(regex.compile, r"[\x00-\x7f]*+$")
ASCII_HEAD = lazy(regex.compile, r"[\x00-\x7f]*+")
WORD_CHARS = lazy(regex.compile, r"[\p{L}\p{M}\p{N}'’-]")
#: how far a finding is widened to show the whole word, at most
WORD_REACH = 40


class Repair(NamedTuple):
    """One damaged run: where, what it should read, and whether the repair
    is certain (ftfy's plan is a pure encode/decode that round-trips)."""

    start: int
    end: int
    fixed: str
    safe: bool


def mojibake(doc: Document) -> list[Repair]:
    """The document's mojibake, shared by the mojibake and control-character rules."""
    return doc.memo("mojibake", _find_mojibake)


def _find_mojibake(doc: Document) -> list[Repair]:
    prose = doc.prose
    if prose.isascii():
        return []  # every lead character and C1 control lies beyond ASCII
    candidates: list[re.Match[str] | regex.Match[str]] = list(
        filterfalse(partial(_spaced_capital, prose), _candidates(doc))
    )
    if ("Ã" in prose and "Ã " in prose) or ("Â" in prose and "Â " in prose):
        candidates = sorted([*candidates, *lost_nbsp().finditer(prose)], key=lambda match: match.start())
    if not candidates:
        return []
    from ftfy import fix_encoding_and_explain
    from ftfy.badness import is_bad

    seen: dict[tuple[str, str, str], tuple[str, bool] | None] = {}
    repairs = []
    for match in candidates:
        start, end = match.span()
        before, after = prose[max(start - 2, 0) : start], prose[end : end + 2]
        key = (before, match.group(), after)
        if key not in seen:
            seen[key] = _repair(before, match.group(), after, fix_encoding_and_explain, is_bad)
            if seen[key] is None and match.re is mojibake_candidate() and match.group("macroman"):
                seen[key] = _macroman(match.group(), is_bad)
        outcome = seen[key]
        if outcome is None or _implausible_case(prose, start, end, outcome[0]):
            continue
        fixed, safe = outcome
        if fixed.endswith(" ") and prose[end - 1] == " ":
            end, fixed = end - 1, fixed[:-1]  # "Ã " is à followed by its space: keep the space
        repairs.append(Repair(start, end, fixed, safe))
    return repairs


def _candidates(doc: Document) -> Iterator[re.Match[str]]:
    """The matches `mojibake_candidate().finditer(prose)` gives, found by
    trying the pattern only where one can start: where the prose's shape
    holds a byte that may stand for one of START_CHARS (`_start_bytes`),
    found at the speed of `bytes.find`, and CANDIDATE_START matches there;
    `re` would test its class at every character (5 ms per MB). Text made
    of such places (ÉéÉé…) would cost a Python step each, so past
    `false_starts` of them in vain the plain search takes over where it
    stands."""
    prose = doc.prose
    marked = prose_shape(doc).translate(_start_bytes("\x85" in prose))
    budget = false_starts(prose)
    at = marked.find(1)
    while at >= 0:
        match = mojibake_candidate().match(prose, at) if CANDIDATE_START.match(prose, at) else None
        if match is not None:
            yield match
            at = marked.find(1, match.end())
            continue
        budget -= 1
        if budget < 0:
            yield from mojibake_candidate().finditer(prose, at + 1)
            return
        at = marked.find(1, at + 1)


def _repair(
    before: str, damaged: str, after: str, fix_and_explain: Callable[[str], Any], is_bad: Callable[[str], bool]
) -> tuple[str, bool] | None:
    """What `damaged` should read and whether that is certain, or None when
    ftfy does not see mojibake here or cannot decode it.

    ftfy's detector needs a little context (Å“ is œ only before a letter), so
    it sees two characters on each side; the repair sees the ASCII ones among
    them, which every plan leaves as they are."""
    if not is_bad(before + damaged + after):
        return None
    left = ASCII_TAIL.search(before).group()
    right = ASCII_HEAD.match(after).group()
    result = fix_and_explain(left + damaged + right)
    padded, plan = result.text, result.explanation or []
    if not (padded.startswith(left) and padded.endswith(right)):
        return None
    fixed = padded[len(left) : len(padded) - len(right)]
    if fixed == damaged or not fixed or CONTROL.search(fixed):
        return None
    steps_ok = all(operation in ("encode", "decode") for operation, _ in plan)
    safe = steps_ok and "\ufffd" not in fixed and not is_bad(fixed) and _round_trips(fixed, damaged, plan)
    return fixed, safe


#: what MacRoman mojibake of European text decodes to: Latin and Greek
#: letters, combining accents, punctuation and symbols
EUROPEAN = lazy(regex.compile, r"[\p{Latin}\p{Greek}\p{M}\p{P}\p{S}\p{Zs}]++")


def _macroman(damaged: str, is_bad: Callable[[str], bool]) -> tuple[str, bool] | None:
    """The MacRoman repair ftfy's detector misses: its patterns know √© but
    not √° (á) or ¬´ («). A run led by ¬ √ ƒ ≈ or ‚ that decodes as UTF-8 to
    European letters and punctuation has no other reading, and re-encoding
    gives the run back by construction, so the repair is safe."""
    try:
        fixed = damaged.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return None
    if not EUROPEAN.fullmatch(fixed) or is_bad(fixed):
        return None
    return fixed, True


def _round_trips(fixed: str, damaged: str, plan: list[tuple[str, str]]) -> bool:
    """Whether undoing ftfy's plan on the repair gives back exactly the
    damaged text: then the repair explains every character."""
    value: str | bytes = fixed
    try:
        for operation, codec in reversed(plan):
            value = value.encode(codec) if operation == "decode" else value.decode(codec)  # type: ignore[union-attr]
    except (UnicodeError, LookupError):
        return False
    return value == damaged


def _implausible_case(prose: str, start: int, end: int, fixed: str) -> bool:
    """A capital word ending in Ã before a quotation mark (Portuguese «IRMÃ»)
    also decodes, to a lowercase letter after capitals (IRMû): not mojibake.
    One capital before is fine: Portuguese HÃ¡ is Há."""
    before = prose[max(start - 2, 0) : start]
    after = prose[end] if end < len(prose) else ""
    return len(before) == 2 and before.isupper() and before.isalpha() and fixed[:1].islower() and not after.islower()


def _word_bounds(prose: str, start: int, end: int) -> tuple[int, int]:
    """The word around [start, end), for a finding a reader recognises."""
    left = start
    while left > max(start - WORD_REACH, 0) and WORD_CHARS.match(prose, left - 1):
        left -= 1
    right = end
    while right < min(end + WORD_REACH, len(prose)) and WORD_CHARS.match(prose, right):
        right += 1
    return left, right


class Mojibake(PythonRule):
    """Text encoded in UTF-8 was read as another encoding: `prÃ©sident` for
    président, `lâ€™accord` for l’accord, `√©t√©` for été (MacRoman), or the
    damage done twice (`ÃƒÂ©`).

    Candidates are runs of characters shaped like UTF-8 bytes seen through
    Windows-1252, Latin-1 or MacRoman; ftfy's detector must agree that they are
    mojibake, and ftfy must be able to decode them. The finding shows the word
    and the repaired text. The fix is safe when ftfy's repair is a plain
    encode-and-decode that turns back into the damaged text exactly, so every
    character is accounted for; otherwise (a space that replaced a no-break
    byte, mixed damage) it is unsafe: check the suggestion first.
    """

    code = "E003"
    name = "mojibake"
    category = Category.ENCODING
    severity = Severity.ERROR
    fix = Applicability.SAFE
    summary = "Mojibake: UTF-8 text decoded as Windows-1252, Latin-1 or MacRoman"
    examples = (
        bad("Le ⟦prÃ©sident⟧ a déclaré", "Le président a déclaré"),
        bad("attachés à ⟦lâ€™accord⟧ signé", "attachés à l’accord signé"),
        bad("un ⟦Ã©tÃ©⟧ chaud, un ⟦ÃƒÂ©tÃƒÂ©⟧ froid", "un été chaud, un été froid"),
        bad("Le ⟦d√©ploiement⟧ des troupes", "Le déploiement des troupes"),
        bad("Il est parti ⟦Ã⟧ Paris", "Il est parti à Paris"),
        bad("El presidente ⟦llegÃ³⟧ a ⟦BogotÃ¡⟧", "El presidente llegó a Bogotá", lang="es"),
        bad("Die ⟦GrÃ¶ÃŸe⟧ des Landes", "Die Größe des Landes", lang="de"),
        good("Le 12 €, l’œuvre, la Straße, el niño, 2 m², ½ litre, 3 ‰, A → B, 25 °C, ¿qué? ¡sí! 🌍"),
        good("Plus tard, «\u00a0ÉTÉ\u00a0» et «PASÓ» désolé…\u00a0» là\xa0»"),
        good("A NOSSA IRMÃ «MÃE» AMANHÃ", lang="pt"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        prose = doc.prose
        groups: list[list[Repair]] = []
        bounds: list[tuple[int, int]] = []
        for repair in mojibake(doc):
            left, right = _word_bounds(prose, repair.start, repair.end)
            if bounds and left <= bounds[-1][1]:
                groups[-1].append(repair)
                bounds[-1] = (bounds[-1][0], right)
            else:
                groups.append([repair])
                bounds.append((left, right))
        for repairs, (left, right) in zip(groups, bounds, strict=True):
            edits = tuple(Edit(r.start, r.end, r.fixed) for r in repairs)
            cited = _cited(prose, left, right, repairs)
            safe = all(r.safe for r in repairs) and not cited
            suggestion = _apply(prose[left:right], edits, left)
            message = f"Mojibake: {prose[left:right]!r} should read {suggestion!r} (UTF-8 read as another encoding)"
            yield self.report(
                doc,
                left,
                right,
                message + (" (quoted alone: cited as an example?)" if cited else ""),
                fix=Fix(edits, Applicability.SAFE if safe else Applicability.UNSAFE, f"Write {suggestion!r}"),
                suggestions=(suggestion,),
                severity=Severity.INFO if cited else None,
            )


QUOTATION_MARKS = frozenset("«»“”„‟‘’‚\"'`")


def _cited(prose: str, left: int, right: int, repairs: list[Repair]) -> bool:
    """Whether a lone damaged sequence stands alone in quotation marks, as in
    a page explaining mojibake (sequences such as « Ã© »): then it is
    mentioned, not damage, and is only a note with an unsafe fix."""
    if len(repairs) != 1 or (repairs[0].start, repairs[0].end) != (left, right):
        return False
    before = prose[max(left - 2, 0) : left].rstrip(" \u00a0\u202f")[-1:]
    after = prose[right : right + 2].lstrip(" \u00a0\u202f")[:1]
    return bool(before and before in QUOTATION_MARKS) or bool(after and after in QUOTATION_MARKS)


def _apply(text: str, edits: tuple[Edit, ...], offset: int) -> str:
    """`text` (which starts at `offset`) with `edits` made."""
    pieces, cursor = [], 0
    for edit in edits:
        pieces.append(text[cursor : edit.start - offset])
        pieces.append(edit.replacement)
        cursor = edit.end - offset
    pieces.append(text[cursor:])
    return "".join(pieces)


# --- Control characters -----------------------------------------------------

CONTROL_RUN = lazy(regex.compile, r"\x1b\[[0-?]*+[ -/]*+[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]++")
#: controls that once separated things (vertical tab, form feed, the ASCII
#: separators): between two words the fix leaves a space, not nothing
SEPARATORS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


class ControlCharacter(PythonRule):
    """A C0 or C1 control character (other than tab, line feed and carriage
    return) or DEL in the text. Browsers do not show them, so they are left
    behind by terminal colour codes (ESC [ 31 m), word processors (a vertical
    tab for a manual line break), old overstrike (backspace) or a broken
    conversion.

    C1 controls that ftfy reads as Windows-1252 punctuation (\\x92 for ’) are
    reported as mojibake instead. The fix, safe, deletes the control (a whole
    terminal escape sequence at once); a separator between two words becomes a
    space so the words stay apart.
    """

    code = "E004"
    name = "control-character"
    category = Category.ENCODING
    severity = Severity.WARNING
    fix = Applicability.SAFE
    summary = "A control character (C0, C1 or DEL) in the text"
    examples = (
        bad("Le Kremlin⟦\x00⟧ a déclaré", "Le Kremlin a déclaré"),
        bad("première ligne⟦\x0b⟧deuxième ligne", "première ligne deuxième ligne"),
        bad("⟦\x1b[31m⟧Alerte⟦\x1b[0m⟧ rouge", "Alerte rouge", lang="en"),
        bad("El presidente⟦\x81⟧ llegó", "El presidente llegó", lang="es"),
        good("Colonne\tcolonne\r\nligne suivante"),
        good("Tab\tseparated", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        prose = doc.prose
        found = list(_matches(CONTROL_RUN, prose, rare_positions(doc, CONTROL_CHARS)))
        if not found:
            return
        repaired = mojibake(doc) if any(m.group()[0] >= "\x80" for m in found) else []
        # The repairs are in order: those starting before a control's end are
        # a prefix of them, and one overlaps the control when the furthest end
        # among them lies past its start. A pass over all the repairs for each
        # control took minutes on a megabyte of elisions written with \x92 (’).
        repaired_starts = [repair.start for repair in repaired]
        reach = list(accumulate((repair.end for repair in repaired), max))
        for match in found:
            start, end = match.span()
            index = bisect_left(repaired_starts, end) - 1
            if index >= 0 and reach[index] > start:
                continue
            text = match.group()
            between_words = start > 0 and end < len(prose)
            between_words = between_words and not prose[start - 1].isspace() and not prose[end].isspace()
            replacement = " " if between_words and text[0] in SEPARATORS else ""
            names = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(text[:4]))
            yield self.report(
                doc,
                start,
                end,
                f"Control character {names}: invisible debris from a terminal, word processor or conversion",
                fix=Fix((Edit(start, end, replacement),), Applicability.SAFE, "Delete the control character"),
            )


# --- Invisible characters ---------------------------------------------------

INVISIBLE_CHARS = "\u00ad\u061c\u180e\u200b\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
INVISIBLE = lazy(regex.compile, f"[{INVISIBLE_CHARS}]++")
#: languages whose publishers set soft hyphens in long compounds on purpose
#: (German Donau­dampf­schiff); elsewhere a soft hyphen is leftover markup
SOFT_HYPHEN_LANGUAGES = frozenset({"de", "nl", "da", "sv", "nb", "nn", "no", "fi", "is", "hu"})
#: scripts written without spaces, where a zero-width space marks word breaks
SPACELESS_SCRIPT = lazy(
    regex.compile, r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}\p{Han}\p{Hiragana}\p{Katakana}]"
)
#: the directional marks are invisible debris only in text without a
#: right-to-left script
RIGHT_TO_LEFT = lazy(regex.compile, r"[\p{Hebrew}\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}]")
DIRECTIONAL_MARKS = frozenset("\u061c\u200e\u200f")


class InvisibleCharacter(PythonRule):
    """An invisible character inside a word: a zero-width space, a word
    joiner, a byte-order mark, a soft hyphen (in languages that do not set
    them), or a left-to-right or right-to-left mark in text with no
    right-to-left script.

    They come from CMS editors, copied social-media posts and HTML `&shy;`.
    Readers do not see them, but search, spell-checking and machine
    translation do: `prési\u200bdent` is not the word président to them. Zero-width
    spaces in Thai, Khmer, Chinese or Japanese are word breaks and are left
    alone; German keeps its soft hyphens. The fix, safe, deletes the character.
    """

    code = "E005"
    name = "invisible-character"
    category = Category.ENCODING
    severity = Severity.WARNING
    fix = Applicability.SAFE
    summary = "An invisible character (zero-width space, soft hyphen, ...) inside a word"
    examples = (
        bad("Le prési⟦\u200b⟧dent a déclaré", "Le président a déclaré"),
        bad("le gouver⟦\u00ad⟧nement", "le gouvernement"),
        bad("Peskov⟦\u2060⟧, porte-parole", "Peskov, porte-parole"),
        bad("El gobier⟦\ufeff⟧no", "El gobierno", lang="es"),
        bad("The Krem⟦\u200e⟧lin", "The Kremlin", lang="en"),
        good("Die Donau\u00addampf\u00adschiff\u00adfahrt", lang="de"),
        good("ภาษา\u200bไทย", lang="th"),
        good("Le président a déclaré \u200b"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        prose = doc.prose
        found = list(_matches(INVISIBLE, prose, rare_positions(doc, INVISIBLE_CHARS)))
        if not found:
            return
        exempt = "\u00ad" if doc.lang in SOFT_HYPHEN_LANGUAGES else ""
        if any(DIRECTIONAL_MARKS.intersection(m.group()) for m in found) and RIGHT_TO_LEFT.search(prose):
            exempt += "".join(DIRECTIONAL_MARKS)
        for match in found:
            run, (start, end) = match.group(), match.span()
            if exempt and not run.strip(exempt):
                continue
            before = prose[start - 1] if start else " "
            after = prose[end] if end < len(prose) else " "
            if before.isspace() or after.isspace() or not (before.isalnum() or after.isalnum()):
                continue
            if SPACELESS_SCRIPT.match(before) or SPACELESS_SCRIPT.match(after):
                continue
            names = ", ".join(f"{unicodedata.name(char).lower()} (U+{ord(char):04X})" for char in dict.fromkeys(run))
            yield self.report(
                doc,
                start,
                end,
                f"Invisible {names} inside a word: search and spell-checking see two words",
                fix=Fix((Edit(start, end, ""),), Applicability.SAFE, "Delete the invisible character"),
            )


# --- Bidirectional controls -------------------------------------------------

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI_CONTROL = lazy(regex.compile, f"[{BIDI_CONTROLS}]")
#: every character the control, invisible and bidi rules look for
RARE = lazy(re.compile, f"[{re.escape(CONTROL_CHARS + INVISIBLE_CHARS + BIDI_CONTROLS)}]")


def rare_positions(doc: Document, chars: str) -> list[int]:
    """Where the characters `chars` (of `RARE`) stand in the text, in order.

    Clean text has none of them. One search of the text for all, shared by
    the three rules that look for them, costs less than a search per rule
    or a test with `in` per character, and each rule then tries its pattern
    only where its characters stand. Masking turns characters into spaces,
    so in the prose they can stand nowhere else."""
    found = doc.memo("encoding-rare", _find_rare)
    return sorted(at for char in chars for at in found.get(char, ())) if found else []


def _find_rare(doc: Document) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for match in RARE.finditer(doc.text):
        found.setdefault(match.group(), []).append(match.start())
    return found


def _matches(pattern: regex.Pattern[str], text: str, starts: list[int]) -> Iterator[regex.Match[str]]:
    """The matches `pattern.finditer(text)` gives, for a pattern that can
    only start at one of `starts`: it is tried there alone."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


class BidiControl(PythonRule):
    """A bidirectional embedding, override or isolate control (U+202A-U+202E,
    U+2066-U+2069). These invisible characters reorder what follows them on
    screen, so the text a reader sees is not the text a program reads: the
    "Trojan Source" attack (CVE-2021-42574) hides code this way, and a pasted
    override can reverse a name or a figure in an article.

    Reported as an error, in code spans too. The fix deletes the control; it
    is unsafe because the display order changes: read the line again after.
    Directional marks (U+200E, U+200F) are not controls of this kind and are
    left to the invisible-character rule.
    """

    code = "E006"
    name = "bidi-control"
    category = Category.ENCODING
    severity = Severity.ERROR
    fix = Applicability.UNSAFE
    raw = True
    summary = "A bidirectional override, embedding or isolate control character"
    examples = (
        bad("Le montant est de ⟦\u202e⟧000 01 euros", "Le montant est de 000 01 euros"),
        bad("access = ⟦\u2067⟧admin⟦\u2069⟧", "access = admin", lang="en"),
        bad("`if user⟦\u202e⟧ == root`", "`if user == root`", lang="en", markup="markdown"),
        good("Le montant est de 10 000 euros"),
        good("שלום\u200f world", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        text = doc.text
        for match in _matches(BIDI_CONTROL, text, rare_positions(doc, BIDI_CONTROLS)):
            start, end = match.span()
            char = match.group()
            yield self.report(
                doc,
                start,
                end,
                f"Bidirectional control {unicodedata.name(char)} (U+{ord(char):04X}): "
                "it reorders the text on screen, so readers and programs see different things",
                fix=Fix((Edit(start, end, ""),), Applicability.UNSAFE, "Delete the bidirectional control"),
            )


# --- HTML entities ----------------------------------------------------------


@cache
def entity() -> regex.Pattern[str]:
    """A character reference, with the `amp;` escapes before it; compiled
    when a text first holds an ampersand."""
    return kept(
        regex.compile,
        r"&(?P<escapes>(?:amp;)*)(?P<reference>#[0-9]{1,7}+|#[xX][0-9a-fA-F]{1,6}+|[A-Za-z][A-Za-z0-9]{1,31}+);",
    )


class HtmlEntity(PythonRule):
    """An HTML character reference left in text: `&nbsp;`, `&amp;`, `&#39;`,
    `&quot;`. A scraper copied the page's source instead of the text the
    browser shows, so readers see the code.

    In plain text every valid reference is reported, and the fix, safe,
    writes the character (through every level of escaping: `&amp;nbsp;` is a
    no-break space). In HTML and Markdown references are the normal way to
    write a character, so only a doubly escaped one (`&amp;nbsp;`), which the
    page shows as code, is reported; its fix, unsafe because a page about HTML
    may mean it, removes the extra escaping. Names not in HTML's list (`&foo;`)
    and references to control characters or invalid code points are left
    alone; code spans are never touched.
    """

    code = "E007"
    name = "html-entity"
    category = Category.ENCODING
    severity = Severity.WARNING
    fix = Applicability.SAFE
    summary = "An HTML entity (&nbsp;, &amp;, &#39;) left in the text"
    examples = (
        bad("Le Kremlin a déclaré⟦&nbsp;⟧: «⟦&#160;⟧non⟦&#xA0;⟧»", "Le Kremlin a déclaré\u00a0: «\u00a0non\u00a0»"),
        bad("Procter ⟦&amp;⟧ Gamble", "Procter & Gamble"),
        bad("Peskov a dit⟦&amp;nbsp;⟧: oui", "Peskov a dit\u00a0: oui"),
        bad("It⟦&#39;⟧s ⟦&quot;⟧fine⟦&quot;⟧", 'It\'s "fine"', lang="en"),
        bad("<p>Tom ⟦&amp;amp;⟧ Jerry</p>", "<p>Tom &amp; Jerry</p>", lang="en", markup="html"),
        good("AT&T, R&D; S&P 500, &foo; &#0; et &"),
        good("<p>Tom &amp; Jerry&nbsp;!</p>", markup="html"),
        good("Write `&nbsp;` for a no-break space", lang="en", markup="markdown"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        prose = doc.prose
        if "&" not in prose:
            return
        import html
        from html.entities import html5

        markup = doc.markup != "plain"
        for match in entity().finditer(prose):
            reference, escapes = match.group("reference"), len(match.group("escapes")) // len("amp;")
            if not reference.startswith("#") and reference + ";" not in html5:
                continue
            if markup and not escapes:
                continue
            character = html.unescape(f"&{reference};")
            if not character or "\ufffd" in character or CONTROL.search(character):
                continue
            start, end = match.span()
            if markup:
                shown = f"&{reference};"
                message = f"Doubly escaped entity {match.group()}: the page shows the code {shown}"
                fix = Fix((Edit(start, end, shown),), Applicability.UNSAFE, f"Write {shown}")
            else:
                shown = character
                message = f"HTML entity {match.group()} left in the text; it stands for {character!r}"
                fix = Fix((Edit(start, end, character),), Applicability.SAFE, f"Write {character!r}")
            yield self.report(doc, start, end, message, fix=fix, suggestions=(shown,))


RULES = (ReplacementCharacter, Mojibake, ControlCharacter, InvisibleCharacter, BidiControl, HtmlEntity)
