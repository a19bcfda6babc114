"""Features of each line that say "page furniture, not article": emoji,
hashtags, e-mail addresses and links. The boilerplate rules read them, and
the untranslated rules raise a foreign name found on such a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import regex

from mtlint.document import Document
from mtlint.patterns import lazy

EMOJI = lazy(regex.compile, r"\p{Extended_Pictographic}(?<![©®™])")
#: a character from U+203C on, where EMOJI's first stands (© and ® are left
#: out): a line without any holds no emoji, and a range is checked in a
#: comparison where a property takes a table lookup per character
FROM_FIRST_EMOJI = lazy(regex.compile, "[\u203c-\U0010ffff]")
HASHTAG = lazy(regex.compile, r"(?<![\w&])#\p{L}[\p{L}\p{N}_]*+")
PLACEHOLDER = lazy(regex.compile, r"\[email(?:\x20|\xa0)protected\]")
LINE = lazy(re.compile, r"[^\r\n]+")
#: the masked spans that count as a contact on a line
CONTACTS = ("url", "email")


class Line(NamedTuple):
    start: int
    end: int
    emoji: int
    leading_emoji: bool
    hashtags: int
    contacts: int

    @property
    def promotional(self) -> bool:
        """Led by an emoji, or with two emoji, three hashtags or a contact."""
        return self.leading_emoji or self.emoji >= 2 or self.hashtags >= 3 or self.contacts > 0


def lines(doc: Document) -> list[Line]:
    return doc.memo("lines", _lines)


def line_at(doc: Document, offset: int) -> Line:
    """The line holding `offset` (or the last line before it), read alone
    and once: a rule asking about a few findings should not pay for every
    line, nor read a line again for each finding on it. A text without
    line breaks is one line: reading it back for each finding took time
    growing with the square of its length (1.2 s for 500 KB)."""
    starts = doc.lines.starts  # the prose breaks lines where the text does
    start = starts[bisect_right(starts, offset) - 1]
    read: dict[int, Line] = doc.memo("lines-read", lambda d: {})
    if start not in read:
        read[start] = _line_from(doc, start)
    return read[start]


def _line_from(doc: Document, start: int) -> Line:
    """The line that starts at `start`, or, when it is blank, the last line before it."""
    prose = doc.prose
    match = LINE.search(prose, start)
    if match is None or match.start() > start:
        return _previous_line(doc, start)
    return line_features(prose, *match.span(), contact_starts(doc))


def line_start(text: str, offset: int) -> int:
    """Where the line holding `offset` starts."""
    # the \r is looked for after the last \n only: a text without any would
    # otherwise be read back to its start for every finding
    newline = text.rfind("\n", 0, offset)
    return max(newline, text.rfind("\r", newline + 1, offset)) + 1


def _previous_line(doc: Document, offset: int) -> Line:
    found = lines(doc)
    starts = doc.memo("line-starts", lambda d: [line.start for line in lines(d)])
    return found[max(bisect_right(starts, offset) - 1, 0)]


def contact_starts(doc: Document) -> list[int]:
    """Where the document's masked links and e-mail addresses start."""
    return doc.memo("contact-starts", lambda d: sorted(span.start for span in d.masked if span.kind in CONTACTS))


def line_features(prose: str, start: int, end: int, contacts: list[int], plain: bool = False) -> Line:
    """The features of the line [start, end) of `prose`; `contacts` are the
    `contact_starts` of its document. A caller that knows the line holds no
    emoji says it is `plain`, which spares the search."""
    text = prose[start:end]
    plain = plain or FROM_FIRST_EMOJI.search(text) is None
    stripped = text.lstrip()
    placeholders = len(PLACEHOLDER.findall(text)) if "[email" in text else 0
    return Line(
        start,
        end,
        0 if plain else len(EMOJI.findall(text)),
        not plain and bool(stripped) and EMOJI.match(stripped) is not None,
        len(HASHTAG.findall(text)) if "#" in text else 0,
        placeholders + bisect_right(contacts, end - 1) - bisect_right(contacts, start - 1),
    )


def _lines(doc: Document) -> list[Line]:
    prose, contacts = doc.prose, contact_starts(doc)
    return [line_features(prose, *match.span(), contacts) for match in LINE.finditer(prose)]
