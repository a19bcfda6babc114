"""Word frequencies per language, from the compact lexicons in lang/lexicon/.

A lexicon maps a lowercase word (apostrophes as ') to its Zipf frequency in
tenths: 75 for "de" in French, 0 for a word under the floor (1.5) or absent.
Each is loaded on first use, only for the languages a run needs.

The file holds one "word<TAB>zipf" line per word, sorted by word, after a
provenance line; `<lang>.index` gives the offset and first word of each
stretch of about 512 bytes of lines (scripts/build_lexicon.py writes both). A
lookup bisects the first words and searches its stretch of the file, read
whole as bytes: no dict of 180,000 words (a tenth of a second and 20 MB per
language), and nothing to inflate. The files were gzip members until
2026-11-29; a run over a thousand articles inflated 70 % of them, in every
process of `--jobs` (see the build script).

A lookup still costs a microsecond and a half, most of it searching the
stretch, and a large document asks a source's lexicon about every one of
its words, though few are words of the source. `<lang>.filter` says at C
speed which words may be there: a bitmap of FILTER_BITS bits, one set for
each word at or above FILTER_FLOOR, where the CRC-32 of its UTF-8 bytes
falls (one word in fifteen absent from the lexicon falls on a set bit).
`reaching` asks it about one word that a rule only compares with a
frequency at the floor or above (the glued-word reading's prefixes).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import compress, filterfalse, repeat
from operator import and_, rshift
from zlib import crc32

from mtlint.lang import DATA

#: the Zipf tenths a word needs to set its bit in a filter: what a source's
#: lexicon asks for (SOURCE_FLOOR in mtlint.untranslated)
FILTER_FLOOR = 25
#: the size of a filter: 128 KiB, for the 56,000–71,000 words at the floor
FILTER_BITS = 1 << 20


class Lexicon:
    """Zipf tenths by word, down to a floor: `get` as on a dict. Each word
    asked is looked up once and remembered, so memory grows with the words a
    document holds, not with the language."""

    __slots__ = ("_asked", "_filter", "_floor", "_table")

    def __init__(self, table: _Table, floor: int, bits: bytes = b"") -> None:
        self._table = table
        self._floor = floor
        #: the language's filter (which answers for FILTER_FLOOR and above), or nothing
        self._filter = bits
        self._asked: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        zipf = self._asked.get(word)
        if zipf is None:
            zipf = self._table.find(word)
            zipf = self._asked[word] = zipf if zipf >= self._floor else 0
        return zipf or default

    def reaching(self, word: str, zipf: int) -> int:
        """`get(word)`, or 0 without a look-up where `zipf` is FILTER_FLOOR
        or more and the filter says the word is below that floor. So
        `reaching(word, zipf) >= zipf` exactly when `get(word) >= zipf`,
        and the two agree from `zipf` up: a rule that only compares a word's
        frequency with a threshold asks at that threshold. The glued-word
        reading asks about every prefix of a word that could be a word of
        its own, most of them no word at all (décl, décla)."""
        known = self._asked.get(word)
        if known is not None:
            return known
        if zipf >= FILTER_FLOOR and self._filter:
            place = _place(word)
            if not self._filter[place >> 3] >> (place & 7) & 1:
                return 0
        return self.get(word)

    def zipfs(self, words: list[str]) -> list[int]:
        """`get` of each of `words`, in order. A large document asks for
        hundreds of thousands of words, nearly all asked before: those are
        read from the answers at C speed, without a call each, and of the
        others only those the filter lets through are looked up."""
        asked = self._asked
        new = list(set(filterfalse(asked.__contains__, words)))
        for word in self.may_hold(new):
            self.get(word)
        asked.update(dict.fromkeys(filterfalse(asked.__contains__, new), 0))
        return list(map(asked.__getitem__, words))

    def may_hold(self, words: list[str]) -> list[str]:
        """The `words` the lexicon may hold, in order: those whose bit is set
        in its filter, all of them when it has none or its floor is below
        the filter's. Each step is mapped over the words at C speed; a word
        let through is then asked with `get`."""
        bits = self._filter
        if not bits or self._floor < FILTER_FLOOR:
            return words
        places = _places(words)
        marks = map(rshift, map(bits.__getitem__, map(rshift, places, repeat(3))), map(and_, places, repeat(7)))
        return list(compress(words, map(and_, marks, repeat(1))))

    def __contains__(self, word: str) -> bool:
        return self.get(word) > 0

    def __bool__(self) -> bool:
        return bool(self._table.firsts)

    def items(self) -> Iterator[tuple[str, int]]:
        """Every word at or above the floor with its Zipf tenths, in code
        point order (for tools that rank the lexicon, not for rules)."""
        for line in self._table.text().decode("utf-8").split("\n"):
            word, _, zipf = line.partition("\t")
            if word and int(zipf) >= self._floor:
                yield word, int(zipf)


class _Table:
    """One lexicon file and its index. Each line starts with the line feed
    before it, so that a word is found as "\\n<word>\\t" in its stretch."""

    __slots__ = ("data", "firsts", "offsets")

    def __init__(self, data: bytes, index: bytes) -> None:
        self.data = data
        # "<offset>\t<first word>" lines, thousands a language: the two columns
        # are split apart at C speed. The first line is the provenance
        # line's stretch: no word bisects to it.
        fields = index.replace(b"\t", b"\n").split(b"\n")[2:-1]
        self.offsets: list[int] = [*map(int, fields[0::2]), len(data)]
        self.firsts: list[bytes] = fields[1::2]

    def find(self, word: str) -> int:
        """The word's Zipf tenths; 0 when absent."""
        key = word.encode("utf-8")
        number = bisect_right(self.firsts, key) - 1
        if number < 0:
            return 0
        data = self.data
        needle = b"\n" + key + b"\t"
        at = data.find(needle, self.offsets[number], self.offsets[number + 1])
        if at < 0:
            return 0
        at += len(needle)
        return int(data[at : data.find(b"\n", at)])

    def text(self) -> bytes:
        """Every word's line, each behind its line feed (for tools, not for rules)."""
        return self.data[self.offsets[0] :] if self.firsts else b""


@cache
def _table(lang: str) -> _Table:
    """`lang`'s file (none when mtlint ships no lexicon for it)."""
    folder = DATA / "lexicon"
    source, index = folder / f"{lang}.txt", folder / f"{lang}.index"
    if not source.is_file() or not index.is_file():
        return _Table(b"", b"")
    return _Table(source.read_bytes(), index.read_bytes())


@cache
def lexicon(lang: str, floor: int = 0) -> Lexicon:
    """The lexicon of `lang` (empty when mtlint ships none for it), down to
    Zipf `floor` tenths, with its filter."""
    return Lexicon(_table(lang), floor, _filter(lang))


def _filter(lang: str) -> bytes:
    """`lang`'s filter (none when mtlint ships none for it)."""
    path = DATA / "lexicon" / f"{lang}.filter"
    return path.read_bytes() if path.is_file() else b""


def filter_of(words: Iterable[str]) -> bytes:
    """The filter that lets `words` through (for the build script, and for
    the test that the shipped filters are those of the shipped lexicons)."""
    bits = bytearray(FILTER_BITS // 8)
    for place in _places(words):
        bits[place >> 3] |= 1 << (place & 7)
    return bytes(bits)


def _place(word: str) -> int:
    """The word's bit in a filter: the CRC-32 of its UTF-8 bytes, cut to FILTER_BITS."""
    return crc32(word.encode()) & (FILTER_BITS - 1)


def _places(words: Iterable[str]) -> list[int]:
    """`_place` of each of `words`, computed for all at C speed."""
    return list(map(and_, map(crc32, map(str.encode, words)), repeat(FILTER_BITS - 1)))


def zipf(lang: str, word: str) -> float:
    """The Zipf frequency of `word` in `lang` (0.0 when unknown)."""
    return lexicon(lang).get(word.lower().replace("’", "'"), 0) / 10
