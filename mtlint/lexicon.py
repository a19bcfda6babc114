"""Word frequencies per language, from the compact lexicons in lang/lexicon/.

A lexicon maps a lowercase word (apostrophes as ') to its Zipf frequency in
tenths: 75 for "de" in French, 0 for a word under the floor (1.5) or absent.
Each is loaded on first use, only for the languages a run needs.

The file holds one "word<TAB>zipf" line per word, sorted by word. It stays
one block of UTF-8 bytes in memory (2 MB for French), with the first word of
every BLOCK bytes or so as an index: a lookup bisects the index and finds
the line in its block at C speed. A 3 KB article asks for a few hundred
words and should not pay for a dict of 180,000 words (a tenth of a second
and 20 MB per language), nor for a list of 180,000 lines (10 MB).
"""

from __future__ import annotations

import gzip
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from importlib import resources

#: bytes between two index entries: a lookup scans a block this long
BLOCK = 1024


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

    def __contains__(self, word: str) -> bool:
        return self.get(word) > 0

    def __bool__(self) -> bool:
        return bool(self._table.text)

    def items(self) -> Iterator[tuple[str, int]]:
        """Every word at or above the floor with its Zipf tenths, in code
        point order (for tools that rank the lexicon, not for rules)."""
        for line in self._table.text.decode("utf-8").split("\n"):
            word, _, zipf = line.partition("\t")
            if word and int(zipf) >= self._floor:
                yield word, int(zipf)


class _Table:
    """The sorted lines of one lexicon file, each behind a line feed, with
    the first word of each block and where its line starts."""

    __slots__ = ("firsts", "starts", "text")

    def __init__(self, text: bytes) -> None:
        self.text = text
        self.starts: list[int] = []
        self.firsts: list[bytes] = []
        position = 0
        while 0 <= position < len(text):
            self.starts.append(position)
            self.firsts.append(text[position + 1 : text.index(b"\t", position)])
            position = text.find(b"\n", position + BLOCK)
        # where the block after the last would start, past the longest line
        self.starts.append(len(text) + BLOCK)

    def find(self, word: str) -> int:
        """The word's Zipf tenths; 0 when absent."""
        needle = b"\n" + word.encode("utf-8") + b"\t"
        block = bisect_right(self.firsts, needle[1:-1]) - 1
        if block < 0:
            return 0
        text = self.text
        at = text.find(needle, self.starts[block], self.starts[block + 1])
        if at < 0:
            return 0
        at += len(needle)
        return int(text[at : text.find(b"\n", at) % (len(text) + 1)])


@cache
def _table(lang: str) -> _Table:
    """The lines of `lang`'s file (none when mtlint ships no lexicon for
    it), left in UTF-8: its byte order is the code point order the file is
    sorted in."""
    source = resources.files("mtlint.lang") / "lexicon" / f"{lang}.txt.gz"
    if not source.is_file():
        return _Table(b"")
    text = gzip.decompress(source.read_bytes()).rstrip(b"\n")
    # The first line is the file's provenance, the rest are words; each line
    # keeps the line feed before it, the first one included.
    return _Table(text[text.index(b"\n") :] if b"\n" in text else b"")


@cache
def lexicon(lang: str, floor: int = 0) -> Lexicon:
    """The lexicon of `lang` (empty when mtlint ships none for it), down to
    Zipf `floor` tenths."""
    return Lexicon(_table(lang), floor)


def zipf(lang: str, word: str) -> float:
    """The Zipf frequency of `word` in `lang` (0.0 when unknown)."""
    return lexicon(lang).get(word.lower().replace("’", "'"), 0) / 10
