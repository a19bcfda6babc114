"""The scans that serve speed: paragraphs found from the lines that hold
text, the characters of the control, invisible and bidi rules found in one
search and tried only where they stand, links looked for from three literals
searched apart, inverted marks found with `str.find`, and pattern rules run
on the lines holding their prefilter's strings. Each must find what the
plain search of the whole text finds."""

from __future__ import annotations

import time
from copy import copy

import pytest
import regex
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from mtlint import lines
from mtlint.api import build_document, check_text
from mtlint.checks import encoding
from mtlint.checks.typography import NUMBER, _numbers
from mtlint.document import Document
from mtlint.kinds.pattern import CHARS_PER_LINE, PatternRule, _pair_kinds, candidate_lines
from mtlint.markup import inline
from mtlint.paragraphs import _add_block, _split
from mtlint.registry import builtin_registry
from mtlint.rule import Context
from mtlint.shape import ODD_BYTES, odd_places, shaped

LINE_FRAGMENTS = [
    "Le chat dort.", "mot", "x" * 120, " ", "  ", "\t", "\u00a0", "\u2028", "\x85", "\x1c", "\x1f",
    "\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "\n \n", "\n\x1c\n", "»", "a,", ".",
]  # fmt: skip
RARE_FRAGMENTS = [
    "Le", " ", "\n", "\x00", "\x07", "\x0b", "\x1b", "\x1b[31m", "\x1b[", "[0m", "\x7f", "\x81", "\x92", "\xad",
    "\u200b", "\u200e", "\ufeff", "\u202e", "\u2066", "\u2069", "é", "Ã©", "`code\x00\u202e\xad`", "http://a.fr/\x07",
]  # fmt: skip
LINK_FRAGMENTS = ["a", " ", "@", "://", "www.", "ww", "w", ":", "/", ".", "\n", "http", "x.fr"]


def _reference_paragraphs(prose: str) -> list[tuple[int, int]]:
    """The paragraphs by their definition: lines end at \\r\\n, \\r or \\n;
    an empty line, or one of white space only, ends a block; a block's
    lines that are not blank (`str.strip`) make its paragraphs."""
    lines, start = [], 0
    for match in regex.finditer(r"\r\n|\r|\n", prose):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(prose)))
    found: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for start, end in lines:
        if not regex.search(r"\S", prose[start:end]):
            if block:
                _add_block(prose, block, found)
            block = []
        if prose[start:end].strip():
            block.append((start, end))
    if block:
        _add_block(prose, block, found)
    return found


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(LINE_FRAGMENTS), max_size=30).map("".join))
@example("a\n\x1c\nb")
@example("a\n  \nb")
@example("court\ncourt\r\nfin")
def test_paragraphs_are_the_blocks_of_lines_that_hold_text(prose: str) -> None:
    assert _split(Document(prose)) == _reference_paragraphs(prose)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(RARE_FRAGMENTS), max_size=30).map("".join), st.sampled_from(["plain", "markdown"]))
def test_rare_characters_are_tried_where_they_stand(text: str, markup: str) -> None:
    doc = build_document(text, lang="fr", markup=markup)
    for pattern, chars, view in (
        (encoding.CONTROL_RUN, encoding.CONTROL_CHARS, doc.prose),
        (encoding.INVISIBLE, encoding.INVISIBLE_CHARS, doc.prose),
        (encoding.BIDI_CONTROL, encoding.BIDI_CONTROLS, doc.text),
    ):
        tried = encoding._matches(pattern, view, encoding.rare_positions(doc, chars))
        assert [match.span() for match in tried] == [match.span() for match in pattern.finditer(view)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINK_FRAGMENTS), max_size=40).map("".join))
def test_link_markers_are_those_one_search_finds(prose: str) -> None:
    one_search = regex.compile(r"://|www\.|@")
    assert [match.span() for match in inline._markers(prose)] == [m.span() for m in one_search.finditer(prose)]


def test_inverted_marks_are_reported_in_order() -> None:
    found = check_text("¡Hola! Il a dit ¿qué? puis ¡sí!", lang="fr", select=["U001"])
    assert [(finding.start, finding.end) for finding in found] == [(0, 1), (16, 17), (27, 28)]


@pytest.mark.parametrize(
    "text",
    ["l\x92accord " * 40000, "a\x00" * 200000, "\u200b" * 200000],
    ids=["controls-amid-mojibake", "utf-16-read-as-utf-8", "zero-width-spaces"],
)
def test_rare_characters_take_linear_time(text: str) -> None:
    """Each control was compared with every mojibake repair: 40,000 C1
    controls that ftfy reads as ’ took half a minute, a megabyte minutes."""
    started = time.perf_counter()
    check_text(text, lang="fr", select=["encoding"])
    assert time.perf_counter() - started < 10


MOJIBAKE_FRAGMENTS = [
    "Le", "mot", " ", "\n", "Ã©", "Ã¨", "â€™", "â€", "Ã", "Â", "Â ", "Ã ", "â", "âge", "Ô", "Ó", "œ", "Œ", "ƒ", "√",
    "≈", "\uf8ff", "‚", "¬", "\x80", "\x85", "\x92", "\x9f", "\xa0", "é", "ł", "Ł", "ß", "K", "\u212a", "😀", "»",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(MOJIBAKE_FRAGMENTS), max_size=40).map("".join))
@example("â " * 70 + "Ã©t\x85é")
@example("\x85Ã©\xa0Ã¨")
def test_mojibake_candidates_are_those_finditer_finds(prose: str) -> None:
    """The candidates tried where the prose's shape may hold a start
    character are the matches of the whole search, before and after the
    budget of places tried in vain runs out (70 "â " spend it)."""
    doc = Document(prose, lang="fr")
    found = [match.span() for match in encoding._candidates(doc)]
    assert found == [match.span() for match in encoding.mojibake_candidate().finditer(prose)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b" ", b"'", b"\x81", b"\x8d", b"\x9d", b"\x81\x81", b"\xe9"]), max_size=40).map(
        b"".join
    )
)
def test_placeholders_are_found_where_the_class_search_finds_them(data: bytes) -> None:
    assert odd_places(data) == [match.start() for match in ODD_BYTES.finditer(data)]


PREFILTERED = [rule for rule in builtin_registry().rules if isinstance(rule, PatternRule) and rule.prefilter]
#: every string a built-in prefilter names, and what its patterns match around them
NEEDLE_FRAGMENTS = [
    *sorted({needle for rule in PREFILTERED for needle in rule.prefilter}),
    "mot", "Mot", "2", " ", "\n", "\t", "\u00a0", "\u202f", ".", ",", "»", ")", "....", "[email protected]", "x" * 60,
]  # fmt: skip


def _lines(text: str) -> list[tuple[int, int]]:
    """Every line of `text` with its line feed (the last one up to the end)."""
    starts = [0, *(at + 1 for at, char in enumerate(text) if char == "\n")]
    return [(start, end) for start, end in zip(starts, [*starts[1:], len(text)], strict=True) if start < len(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(NEEDLE_FRAGMENTS), max_size=80).map("".join),
    st.lists(st.sampled_from(NEEDLE_FRAGMENTS[:12]), min_size=1, max_size=4).map(tuple),
)
def test_candidate_lines_are_the_lines_holding_a_needle(text: str, needles: tuple[str, ...]) -> None:
    needles = tuple(needle for needle in needles if "\n" not in needle) or ("mot",)
    expected = [(start, end) for start, end in _lines(text) if any(n in text[start:end] for n in needles)]
    found = candidate_lines(text, needles)
    if len(expected) <= len(text) // CHARS_PER_LINE + 1:
        assert found == expected
    else:
        assert found is None


#: two-character needles, some of them spelt alike in the shape (U+202F and U+00A0)
PAIRS = [" ,", " .", "\t,", "\u00a0.", "\u202f,", ",,", ";.", "..", "x.", "é,"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*NEEDLE_FRAGMENTS, "é", "x", "\u2009"]), max_size=80).map("".join),
    st.lists(st.sampled_from(PAIRS), min_size=2, max_size=5).map(lambda pairs: tuple(dict.fromkeys(pairs))),
)
def test_candidate_lines_read_from_the_shape_hold_every_line_holding_a_needle(
    text: str, needles: tuple[str, ...]
) -> None:
    """Two-character needles looked for in the shape by their kinds: the
    lines found hold those the needles stand on, and perhaps a few more
    holding a pair of their kinds; past the limit, none."""
    expected = [(start, end) for start, end in _lines(text) if any(n in text[start:end] for n in needles)]
    found = candidate_lines(text, needles, shaped(text))
    kinds = _pair_kinds(needles)
    if kinds is None:
        assert len(needles) == 1 and found == candidate_lines(text, needles)
        return
    table, pair = kinds
    paired = [(start, end) for start, end in _lines(text) if pair in shaped(text[start:end]).translate(table)]
    assert set(expected) <= set(paired)
    assert found == (paired if len(paired) <= len(text) // CHARS_PER_LINE + 1 else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NEEDLE_FRAGMENTS), max_size=120).map("".join))
def test_builtin_prefilters_change_no_finding(text: str) -> None:
    """Each built-in pattern rule with a prefilter finds what its pattern
    finds in the whole text."""
    _unfiltered_finds_the_same(text, PREFILTERED, "prefilter")


def _unfiltered_finds_the_same(text: str, rules: list[PatternRule], prefilter: str) -> None:
    """Each of `rules` finds in `text` what a copy without its `prefilter`
    (the attribute) finds."""
    doc = build_document(text, lang="fr")
    for rule in rules:
        whole = copy(rule)
        setattr(whole, prefilter, None)
        found = [(d.start, d.end, d.message) for d in rule.check(doc, Context())]
        assert found == [(d.start, d.end, d.message) for d in whole.check(doc, Context())], rule.meta.code


STARTING = [rule for rule in builtin_registry().rules if isinstance(rule, PatternRule) and rule.starts]
#: marks, letters of several cases and scripts, digits and what T004 looks behind for
MARK_FRAGMENTS = [
    *",;:.!?",
    "mot",
    "Mot",
    "M",
    "été",
    "Été",
    "ß",
    "ǅ",
    "Ω",
    "ω",
    "я",
    "中",
    "ʼ",
    "2",
    "_",
    " ",
    "\n",
    "{",
    "a=b",
    "U.S",
    "é",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARK_FRAGMENTS), max_size=60).map("".join))
@example("à la fin.Le Kremlin,les soldats:Photo et mots,mots U.S.A. a=b,c")
def test_builtin_start_prefilters_change_no_finding(text: str) -> None:
    """Each built-in pattern rule with `prefilter-start` finds what its
    pattern finds when tried at every character."""
    assert STARTING, "T004 has a start prefilter"
    _unfiltered_finds_the_same(text, STARTING, "starts")


FEATURE_FRAGMENTS = [*LINE_FRAGMENTS, "😀", "#mot", "[email\u00a0protected]", "El Espectador"]


def _line_read_from_its_start(doc: Document, offset: int) -> lines.Line:
    """`lines.line_at` by its definition: the text from the start of the
    line holding `offset` (after the last LF or CR before it) up to the next
    line break, or the last line before it when that is blank."""
    prose = doc.prose
    newline = prose.rfind("\n", 0, offset)
    match = lines.LINE.search(prose, max(newline, prose.rfind("\r", newline + 1, offset)) + 1)
    if match is None or match.start() > offset:
        found = lines.lines(doc)
        return found[max(sum(line.start <= offset for line in found) - 1, 0)]
    return lines.line_features(prose, *match.span(), lines.contact_starts(doc))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FEATURE_FRAGMENTS), max_size=30).map("".join))
@example("a\r\n\r\nb")
def test_the_line_at_an_offset_is_the_one_read_from_its_start(text: str) -> None:
    """Lines are found from the document's line index and read once each:
    at every offset, the line is the one its definition gives."""
    doc = build_document(text, lang="fr")
    assume(lines.lines(doc))  # a finding stands on a line that holds text
    for offset in range(len(text) + 1):
        assert lines.line_at(doc, offset) == _line_read_from_its_start(doc, offset)


def test_findings_on_one_line_read_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text without line breaks is one line: each name found on it was
    reading it all again, in time growing with the square of its length."""
    features = lines.line_features
    read = []

    def reading(*args: object, **kwargs: object) -> lines.Line:
        read.append(args)
        return features(*args, **kwargs)

    monkeypatch.setattr(lines, "line_features", reading)
    found = check_text("Le quotidien El Espectador a publié l’information. " * 200, lang="fr", select=["U004"])
    assert len(found) == 200 and len(read) == 1


#: digits of several scripts, separators and what stands around numbers
NUMBER_FRAGMENTS = ["1", "12", "123", "1000", "٣", "３", "²", ".", ",", "'", "’", "\u202f", " ", "a", "v", "=", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMBER_FRAGMENTS), max_size=60).map("".join))
@example("a 123.456 b, 12,345 et 1.234.567.890 puis ３.０００ et ٣,٠٠٠; v2.100.200")
def test_numbers_are_found_where_finditer_finds_them(text: str) -> None:
    """T008's numbers, tried only where the shape shows a digit, a
    separator and three digits: the matches `finditer` finds in the prose."""
    doc = build_document(text, lang="fr")
    expected = [match.span() for match in NUMBER.finditer(doc.prose)]
    assert [match.span() for match in _numbers(doc)] == expected
