"""Which language a document is written in, when `--lang` does not say.

Counting frequent function words is enough at document level and costs
nothing at start-up (the research note found sub-sentence detectors useless
for French against Spanish; at document level the problem is easy). A text
too short or too mixed to call is "und", and language-specific rules skip it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from mtlint.lang.tables import table
from mtlint.patterns import lazy

UNDETERMINED = "und"
WORD = lazy(regex.compile, r"\p{L}+")
#: hits needed before a verdict, and the lead the winner needs over the runner-up
MIN_HITS = 3
MIN_LEAD = 1.5
SAMPLE = 20_000


@lru_cache(maxsize=1)
def profiles() -> dict[str, frozenset[str]]:
    return {code: frozenset(profile["words"]) for code, profile in table("profiles").items()}


def detect(text: str) -> str:
    """The language code whose function words dominate `text`, or "und"."""
    counts = dict.fromkeys(profiles(), 0)
    for match in WORD.finditer(text[:SAMPLE]):
        word = match.group().lower()
        for code, words in profiles().items():
            if word in words:
                counts[code] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, second) = ranked[0], ranked[1]
    if hits >= MIN_HITS and hits >= MIN_LEAD * second:
        return best
    return UNDETERMINED
