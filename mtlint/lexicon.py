"""Word frequencies per language, from the compact lexicons in lang/lexicon/.

A lexicon maps a lowercase word (apostrophes as ') to its Zipf frequency in
tenths: 75 for "de" in French, 0 for a word under the floor (1.5) or absent.
Each is loaded on first use, only for the languages a run needs.

The file holds one "word<TAB>zipf" line per word, sorted by word, so that
loading it is one split of the decompressed text and a lookup is a bisection
of that list: a 3 KB article asks for a few hundred words and should not pay
for a dict of 180,000 (a tenth of a second and 20 MB per language).
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from importlib import resources


class Lexicon:
    """Zipf tenths by word, down to a floor: `get` as on a dict. Each word
    asked is bisected once and remembered, so memory grows with the words a
    document holds, not with the language."""

    __slots__ = ("_asked", "_floor", "_lines")

    def __init__(self, lines: list[bytes], floor: int) -> None:
        self._lines = lines
        self._floor = floor
        self._asked: dict[str, int] = {}

    def get(self, word: str, default: int = 0) -> int:
        zipf = self._asked.get(word)
        if zipf is None:
            zipf = self._asked[word] = self._find(word)
        return zipf or default

    def __contains__(self, word: str) -> bool:
        return self.get(word) > 0

    def __bool__(self) -> bool:
        return bool(self._lines)

    def items(self) -> Iterator[tuple[str, int]]:
        """Every word at or above the floor with its Zipf tenths, in code
        point order (for tools that rank the lexicon, not for rules)."""
        for line in self._lines:
            word, _, zipf = line.decode("utf-8").partition("\t")
            if int(zipf) >= self._floor:
                yield word, int(zipf)

    def _find(self, word: str) -> int:
        """The word's Zipf tenths from the sorted lines; 0 when absent or
        under the floor."""
        probe = word.encode("utf-8") + b"\t"
        lines = self._lines
        index = bisect_left(lines, probe)
        if index < len(lines) and lines[index].startswith(probe):
            zipf = int(lines[index][len(probe) :])
            if zipf >= self._floor:
                return zipf
        return 0


@cache
def _lines(lang: str) -> list[bytes]:
    """The sorted "word<TAB>zipf" lines of `lang`'s file (none when mtlint
    ships no lexicon for it), left in UTF-8: its byte order is the code
    point order the file is sorted in, and not decoding halves the cost."""
    source = resources.files("mtlint.lang") / "lexicon" / f"{lang}.txt.gz"
    if not source.is_file():
        return []
    # The first line is the file's provenance, the rest are words.
    return gzip.decompress(source.read_bytes()).rstrip(b"\n").split(b"\n")[1:]


@cache
def lexicon(lang: str, floor: int = 0) -> Lexicon:
    """The lexicon of `lang` (empty when mtlint ships none for it), down to
    Zipf `floor` tenths."""
    return Lexicon(_lines(lang), floor)


def zipf(lang: str, word: str) -> float:
    """The Zipf frequency of `word` in `lang` (0.0 when unknown)."""
    return lexicon(lang).get(word.lower().replace("’", "'"), 0) / 10
