"""Where paragraphs begin and end, for rules that pair or compare within one.

Articles come in two shapes. Scraped and machine-translated text usually has
one paragraph per line, long lines, often with no blank line between them
(the seed article). Hand-edited text and Markdown wrap paragraphs over short
lines and separate them with blank lines. A blank-line block is therefore one
paragraph only when it looks wrapped: several lines, none but the last longer
than `WRAP_WIDTH`. Otherwise each of its lines is a paragraph.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from mtlint.document import Document
from mtlint.pattern_store import kept
from mtlint.patterns import lazy

WRAP_WIDTH = 100
#: a line holding more than white space (`str.isspace`), whole: what the
#: split keeps. The lookbehind lets it start only where a line starts, so
#: the engine steps from line to line.
TEXT_LINE = lazy(re.compile, r"(?<![^\r\n])[^\S\r\n]*+\S[^\r\n]*+")
#: the same for a text without carriage returns, several times faster: the
#: engine runs through a line looking for one character, not a class
TEXT_LINE_LF = lazy(re.compile, r"^[^\S\n]*+\S[^\n]*+", re.MULTILINE)
#: what stands between two lines of one block: one line break, or more
#: rarely lines that `str.isspace` calls blank but `regex` does not (\x1c-\x1f)
BREAKS = frozenset(("\n", "\r", "\r\n"))
SENTENCE_END = frozenset(".!?…:;»”\"'’)")


@cache
def continued() -> regex.Pattern[str]:
    """The rarer stretch between two lines of one block (see BREAKS),
    compiled for the first text that has one."""
    return kept(regex.compile, r"(?:\r\n?+|\n)(?:[^\S\r\n]*+[^\s][^\r\n]*+(?:\r\n?+|\n))*+")


def paragraphs(doc: Document) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph of `doc.prose`, line breaks excluded."""
    return doc.memo("paragraphs", _split)


def _split(doc: Document) -> list[tuple[int, int]]:
    """The lines that hold more than white space, found in one search and
    grouped into blocks: an empty or white-space line ends a block."""
    prose = doc.prose
    found: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for line in (TEXT_LINE if "\r" in prose else TEXT_LINE_LF).finditer(prose):
        start, end = line.span()
        if (
            block
            and prose[block[-1][1] : start] not in BREAKS
            and not continued().fullmatch(prose, block[-1][1], start)
        ):
            _add_block(prose, block, found)
            block = []
        block.append((start, end))
    _add_block(prose, block, found)
    return found


def _add_block(prose: str, lines: list[tuple[int, int]], found: list[tuple[int, int]]) -> None:
    """Add the block's paragraphs to `found`: the block, if wrapped, else each line."""
    wrapped = (
        len(lines) > 1
        and all(end - start <= WRAP_WIDTH for start, end in lines[:-1])
        and sum(prose[start:end].rstrip()[-1:] not in SENTENCE_END for start, end in lines[:-1]) * 2 >= len(lines) - 1
    )
    if wrapped:
        found.append((lines[0][0], lines[-1][1]))
    else:
        found.extend(lines)
