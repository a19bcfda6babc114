"""Words of the prose, found once per document and shared by the rules.

A token is a run of letters (with combining marks). An elided article or
pronoun keeps its apostrophe, written ' whatever the text used, so that data
files can name "n'" and "qu'"; `aujourd’hui` is therefore two tokens, which
the rules reading frequencies join back where they need to.

Tokens are light tuples: what only some rules ask (does the word open a
sentence, touch a hyphen, belong to an identifier) is worked out on demand
from the prose each token keeps a reference to. Even so, a tuple per word is
the dearest thing a rule can ask for, so rules that look for a few listed
words ask `mtlint.survey` first which paragraphs hold one, and tokenise
those only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, repeat
from typing import NamedTuple

import regex

from mtlint.document import Document
from mtlint.patterns import lazy

WORD = lazy(regex.compile, r"\p{L}[\p{L}\p{M}]*+(?:['’](?=\p{L}))?+")
#: splits a text into the gaps and the words between them, alternately
WORDS_AND_GAPS = lazy(regex.compile, f"({WORD.pattern})")
SENTENCE_END = frozenset(".!?…:;")
OPENERS = frozenset("«“„‘‹\"'([{—–-")
IDENTIFIER = frozenset("_=/\\0123456789")


class Token(NamedTuple):
    start: int
    end: int
    #: lowercase, apostrophes as '
    key: str
    prose: str

    @property
    def text(self) -> str:
        """The word as written (sliced when asked: most tokens are only keys)."""
        return self.prose[self.start : self.end]

    @property
    def capitalised(self) -> bool:
        return self.prose[self.start].isupper()

    @property
    def initial(self) -> bool:
        """The first word of a sentence, line or quotation: only spaces and
        opening marks lie between it and a sentence end or a line start."""
        prose = self.prose
        position = self.start - 1
        while position >= 0:
            char = prose[position]
            if char in "\n\r" or char in SENTENCE_END:
                return True
            if not (char.isspace() or char in OPENERS):
                return False
            position -= 1
        return True

    @property
    def hyphenated(self) -> bool:
        """Touches a hyphen (al-Assad, el-Sissi): part of a compound."""
        prose = self.prose
        return (self.start > 0 and prose[self.start - 1] == "-") or (self.end < len(prose) and prose[self.end] == "-")

    @property
    def attached(self) -> bool:
        """Touches a digit, an underscore, = / or \\ (ppc64el, dh_make,
        arch = all): part of an identifier, not of a sentence."""
        prose = self.prose
        before = prose[self.start - 1] if self.start > 0 else " "
        after = prose[self.end] if self.end < len(prose) else " "
        if before == " " and self.start > 1 and prose[self.start - 2] == "=":
            return True
        return before in IDENTIFIER or after in IDENTIFIER


def tokens(doc: Document) -> list[Token]:
    """Every word of the prose."""
    return doc.memo("tokens", lambda d: tokens_between(d, 0, len(d.prose)))


def tokens_between(doc: Document, start: int, end: int) -> list[Token]:
    """The words of the prose between two offsets (a paragraph's bounds).

    Built without a match object or a Python call per word (split_tokens):
    twice as fast as `finditer`, and tokens are the dearest thing a rule
    asks for."""
    parts = WORDS_AND_GAPS.split(key_form(doc.prose[start:end]))
    return split_tokens(parts, start, parts[1::2], doc.prose)


def split_tokens(parts: Sequence[str | bytes], start: int, keys: Iterable[str], prose: str) -> list[Token]:
    """Tokens from a text split into gaps and words alternately (`parts`,
    its first character at `start`), with their keys: the running sum of the
    parts' lengths gives each word's offsets, and the tuples are made by the
    C constructor, without a Python call per word."""
    offsets = list(accumulate(map(len, parts), initial=start))
    return list(map(_new_token, zip(offsets[1::2], offsets[2::2], keys, repeat(prose))))


_new_token = partial(tuple.__new__, Token)


def key(word: str) -> str:
    """The form data files use for a word: lowercase, apostrophe as '."""
    return word.lower().replace("’", "'")


def key_form(text: str) -> str:
    """`text` in key form (lowercase, apostrophes as ') character for
    character, so that each word of it reads as its key: lowering a
    paragraph and slicing it is cheaper than lowering word by word."""
    keyed = key(text)
    return keyed if len(keyed) == len(text) else "".join(map(_one_to_one, text))


def _one_to_one(char: str) -> str:
    """A character in key form, when lowering it would change the length (İ)."""
    lowered = key(char)
    return lowered if len(lowered) == 1 else char
