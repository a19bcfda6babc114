"""Words of the prose, found once per document and shared by the rules.

A token is a run of letters (with combining marks). An elided article or
pronoun keeps its apostrophe, written ' whatever the text used, so that data
files can name "n'" and "qu'"; `aujourd’hui` is therefore two tokens, which
the rules reading frequencies join back where they need to.

Tokens are light tuples: what only some rules ask (does the word open a
sentence, touch a hyphen, belong to an identifier) is worked out on demand
from the prose each token keeps a reference to.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from mtlint.document import Document

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+(?:['’](?=\p{L}))?+")
SENTENCE_END = frozenset(".!?…:;")
OPENERS = frozenset("«“„‘‹\"'([{—–-")
IDENTIFIER = frozenset("_=/\\0123456789")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    #: lowercase, apostrophes as '
    key: str
    prose: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

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
    return doc.memo("tokens", _tokenise)


def _tokenise(doc: Document) -> list[Token]:
    prose = doc.prose
    spans = [match.span() for match in WORD.finditer(prose)]
    lowered = prose.lower().replace("’", "'")
    if len(lowered) != len(prose):
        # A few capitals lower to two code points (İ): slice word by word.
        return [Token(s, e, prose[s:e], prose[s:e].lower().replace("’", "'"), prose) for s, e in spans]
    return [Token(s, e, prose[s:e], lowered[s:e], prose) for s, e in spans]
