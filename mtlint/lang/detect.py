"""Which language a document is written in, when `--lang` does not say.

Counting frequent function words is enough at document level and costs
nothing at start-up (the research note found sub-sentence detectors useless
for French against Spanish; at document level the problem is easy). A text
too short or too mixed to call is "und", and language-specific rules skip it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TypeVar

import regex

from mtlint.lang.tables import table
from mtlint.patterns import lazy
from mtlint.shape import KEY_TABLE, LETTERS, SHAPE_CODEC, shaped

T = TypeVar("T")

UNDETERMINED = "und"
WORD = lazy(regex.compile, r"\p{L}+")
#: hits needed before a verdict, and the lead the winner needs over the runner-up
MIN_HITS = 3
MIN_LEAD = 1.5
SAMPLE = 20_000
#: the word shape with each letter lowered and anything else a space (a mark
#: too: it ends a run of letters, as it ends a match of WORD)
LOWERED_LETTERS = bytes(KEY_TABLE[byte] if byte in LETTERS else ord(" ") for byte in range(256))


@lru_cache(maxsize=1)
def profiles() -> dict[str, frozenset[str]]:
    return {code: frozenset(profile["words"]) for code, profile in table("profiles").items()}


def detect(text: str) -> str:
    """The language code whose function words dominate `text`, or "und"."""
    words, (vocabularies, every) = _words(text[:SAMPLE])
    # Most words are in no profile: only the words of some profile are counted for each.
    listed = list(filter(every.__contains__, words))
    counts = {code: sum(map(vocabulary.__contains__, listed)) for code, vocabulary in vocabularies.items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, second) = ranked[0], ranked[1]
    if hits >= MIN_HITS and hits >= MIN_LEAD * second:
        return best
    return UNDETERMINED


#: each profile's words by its language code, and the words of all of them
Vocabularies = tuple[dict[str, frozenset[T]], frozenset[T]]


def _words(sample: str) -> tuple[list[bytes], Vocabularies[bytes]] | tuple[list[str], Vocabularies[str]]:
    """The sample's words lowered, and the profiles spelt alike. In the word
    shape a word is a run of letter bytes, found, lowered and split at C
    speed (0.15 ms for a 3 KB article, where a Python step per word took
    0.5 ms: a third of linting the article). Profiles holding a letter
    cp1252 lacks are read from the words as text."""
    spelt = _spelt()
    if spelt is None:
        return list(map(str.lower, WORD.findall(sample))), _written()
    return shaped(sample).translate(LOWERED_LETTERS).split(), spelt


@lru_cache(maxsize=1)
def _spelt() -> Vocabularies[bytes] | None:
    """The profiles as the word shape spells their words, or None when one
    has a letter the shape has no byte of its own for."""
    try:
        return _with_every(
            {code: frozenset(word.encode(SHAPE_CODEC) for word in words) for code, words in profiles().items()}
        )
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=1)
def _written() -> Vocabularies[str]:
    """The profiles as text."""
    return _with_every(profiles())


def _with_every(by_code: dict[str, frozenset[T]]) -> Vocabularies[T]:
    """The profiles and the words of all of them, which a sample's words pass first."""
    return by_code, frozenset().union(*by_code.values())
