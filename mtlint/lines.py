"""Features of each line that say "page furniture, not article": emoji,
hashtags, e-mail addresses and links. The boilerplate rules read them, and
the untranslated rules raise a foreign name found on such a line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from mtlint.document import Document

EMOJI = regex.compile(r"\p{Extended_Pictographic}(?<![©®™])")
HASHTAG = regex.compile(r"(?<![\w&])#\p{L}[\p{L}\p{N}_]*+")
PLACEHOLDER = regex.compile(r"\[email(?:\x20|\xa0)protected\]")
LINE = regex.compile(r"[^\r\n]++")


@dataclass(frozen=True, slots=True)
class Line:
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
    found = lines(doc)
    starts = doc.memo("line-starts", lambda d: [line.start for line in lines(d)])
    return found[max(bisect_right(starts, offset) - 1, 0)]


def _lines(doc: Document) -> list[Line]:
    prose = doc.prose
    contact_starts = sorted(span.start for span in doc.masked if span.kind in ("url", "email"))
    result = []
    for match in LINE.finditer(prose):
        start, end = match.span()
        text = match.group()
        emoji = EMOJI.findall(text)
        stripped = text.lstrip()
        contacts = len(PLACEHOLDER.findall(text)) + (
            bisect_right(contact_starts, end - 1) - bisect_right(contact_starts, start - 1)
        )
        result.append(
            Line(
                start,
                end,
                len(emoji),
                bool(stripped) and EMOJI.match(stripped) is not None,
                len(HASHTAG.findall(text)),
                contacts,
            )
        )
    return result
