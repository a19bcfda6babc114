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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import filterfalse

from mtlint.lang import DATA


class Lexicon:
    """Zipf tenths by word, down to a floor: `get` as on a dict. Each word
    asked is looked up once and remembered, so memory grows with the words a
    document holds, not with the language."""

    __slots__ = ("_asked", "_floor", "_table")

    def __init__(self, table: _Table, floor: int) -> None:
        self._table = table
        self._floor = floor
        self._asked: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        zipf = self._asked.get(word)
        if zipf is None:
            zipf = self._table.find(word)
            zipf = self._asked[word] = zipf if zipf >= self._floor else 0
        return zipf or default

    def zipfs(self, words: list[str]) -> list[int]:
        """`get` of each of `words`, in order. A large document asks for
        hundreds of thousands of words, nearly all asked before: those are
        read from the answers at C speed, without a call each."""
        asked = self._asked
        for word in set(filterfalse(asked.__contains__, words)):
            self.get(word)
        return list(map(asked.__getitem__, words))

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
    Zipf `floor` tenths."""
    return Lexicon(_table(lang), floor)


def zipf(lang: str, word: str) -> float:
    """The Zipf frequency of `word` in `lang` (0.0 when unknown)."""
    return lexicon(lang).get(word.lower().replace("’", "'"), 0) / 10
