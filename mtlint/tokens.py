"""Words of the prose, found once per document and shared by the rules.

A token is a run of letters (with combining marks). An elided article or
pronoun keeps its apostrophe, written ' whatever the text used, so that data
files can name "n'" and "qu'"; `aujourd’hui` is therefore two tokens, which
the rules reading frequencies join back where they need to.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from mtlint.document import Document

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+(?:['’](?=\p{L}))?+")
SENTENCE_END = frozenset(".!?…:;")
OPENERS = frozenset("«“„‘‹\"'([{—–-")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    #: lowercase, apostrophes as '
    key: str
    #: the first word of a sentence, line or quotation
    initial: bool
    #: touches a hyphen (al-Assad, el-Sissi): part of a compound
    hyphenated: bool
    #: touches a digit, an underscore, = / or \ (ppc64el, dh_make, arch=all):
    #: part of an identifier, not of a sentence
    attached: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(doc: Document) -> list[Token]:
    return doc.memo("tokens", _tokenise)


def _tokenise(doc: Document) -> list[Token]:
    prose = doc.prose
    found: list[Token] = []
    for match in WORD.finditer(prose):
        start, end = match.span()
        text = match.group()
        found.append(
            Token(
                start,
                end,
                text,
                text.lower().replace("’", "'"),
                _initial(prose, start),
                (start > 0 and prose[start - 1] == "-") or (end < len(prose) and prose[end] == "-"),
                _attached(prose, start, end),
            )
        )
    return found


IDENTIFIER = frozenset("_=/\\0123456789")


def _attached(prose: str, start: int, end: int) -> bool:
    before = prose[start - 1] if start > 0 else " "
    after = prose[end] if end < len(prose) else " "
    if before == " " and start > 1 and prose[start - 2] == "=":
        return True  # arch = all
    return before in IDENTIFIER or after in IDENTIFIER


def _initial(prose: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence: only spaces and opening
    marks lie between it and a sentence end or the start of the line."""
    position = start - 1
    while position >= 0:
        char = prose[position]
        if char in "\n\r":
            return True
        if char in SENTENCE_END:
            return True
        if not (char.isspace() or char in OPENERS):
            return False
        position -= 1
    return True
