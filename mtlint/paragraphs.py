"""Where paragraphs begin and end, for rules that pair or compare within one.

Articles come in two shapes. Scraped and machine-translated text usually has
one paragraph per line, long lines, often with no blank line between them
(the seed article). Hand-edited text and Markdown wrap paragraphs over short
lines and separate them with blank lines. A blank-line block is therefore one
paragraph only when it looks wrapped: several lines, none but the last longer
than `WRAP_WIDTH`. Otherwise each of its lines is a paragraph.
"""

from __future__ import annotations

import regex

from mtlint.document import Document

WRAP_WIDTH = 100
BLOCK = regex.compile(r"[^\r\n]++(?:\r\n?+|\n)?+(?:[^\S\r\n]*+[^\s][^\r\n]*+(?:\r\n?+|\n)?+)*+")
LINE = regex.compile(r"[^\r\n]++")
SENTENCE_END = frozenset(".!?…:;»”\"'’)")


def paragraphs(doc: Document) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph of `doc.prose`, line breaks excluded."""
    return doc.memo("paragraphs", _split)


def _split(doc: Document) -> list[tuple[int, int]]:
    prose = doc.prose
    found: list[tuple[int, int]] = []
    for block in BLOCK.finditer(prose):
        lines = [
            m.span() for m in LINE.finditer(prose, block.start(), block.end()) if prose[m.start() : m.end()].strip()
        ]
        if not lines:
            continue
        wrapped = (
            len(lines) > 1
            and all(end - start <= WRAP_WIDTH for start, end in lines[:-1])
            and sum(prose[start:end].rstrip()[-1:] not in SENTENCE_END for start, end in lines[:-1]) * 2
            >= len(lines) - 1
        )
        if wrapped:
            found.append((lines[0][0], lines[-1][1]))
        else:
            found.extend(lines)
    return found
