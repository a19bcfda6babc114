"""Word frequencies per language, from the compact lexicons in lang/lexicon/.

A lexicon maps a lowercase word (apostrophes as ') to its Zipf frequency in
tenths: 75 for "de" in French, 0 for a word under the floor (1.5) or absent.
Each is loaded on first use, only for the languages a run needs.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources


@cache
def lexicon(lang: str, floor: int = 0) -> dict[str, int]:
    """The lexicon of `lang` (empty when mtlint ships none for it), down to
    Zipf `floor` tenths. The file lists frequent words first, so a higher
    floor stops reading early: building the dict is what costs."""
    source = resources.files("mtlint.lang") / "lexicon" / f"{lang}.txt.gz"
    if not source.is_file():
        return {}
    words: dict[str, int] = {}
    for line in gzip.decompress(source.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        zipf, _, bucket = line.partition("\t")
        if int(zipf) < floor:
            break
        words.update(dict.fromkeys(bucket.split(" "), int(zipf)))
    return words


def zipf(lang: str, word: str) -> float:
    """The Zipf frequency of `word` in `lang` (0.0 when unknown)."""
    return lexicon(lang).get(word.lower().replace("’", "'"), 0) / 10
