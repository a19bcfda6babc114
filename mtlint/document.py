"""The document every rule sees: the decoded text, its prose view and a line index.

Markup is masked, never extracted: `prose` has exactly the length of `text`,
with code, tags, URLs and the like replaced by spaces (newlines kept). An offset
found in `prose` is therefore already an offset into the file, and no position
is ever remapped (the class of bug Vale users keep reporting).
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from mtlint.patterns import lazy

T = TypeVar("T")

LINE_BREAKS = frozenset("\n\r")
#: a line break: LF, CRLF or a lone CR
LINE_BREAK = lazy(re.compile, r"\r\n?|\n")


class LineIndex:
    """Maps code-point offsets to 1-based (line, column), columns in code points.

    A line ends at LF, CRLF or a lone CR, the three conventions editors honour.
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        if "\r" not in text:
            # The common case: only LF, where `str.find` from break to break
            # is the fastest (8 ms on 5 MB, a search by pattern 30 ms).
            pos = text.find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
        else:
            # Windows line ends: one search by pattern, where reading the
            # characters one by one took 0.23 s on 5 MB (26 ms this way).
            starts.extend(map(re.Match.end, LINE_BREAK.finditer(text)))
        self._starts = starts
        self._length = len(text)

    @classmethod
    def restored(cls, starts: list[int], length: int) -> LineIndex:
        """The index whose `starts` and `length` these are: a result read
        back from the cache finds its positions without its text."""
        index = cls.__new__(cls)
        index._starts = starts
        index._length = length
        return index

    @property
    def starts(self) -> list[int]:
        """The offset where each line begins, the first 0."""
        return self._starts

    @property
    def length(self) -> int:
        """The length of the text indexed."""
        return self._length

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of `offset`; the end of the text is a valid offset."""
        if not 0 <= offset <= self._length:
            raise IndexError(f"offset {offset} outside 0..{self._length}")
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_bounds(self, line: int, text: str) -> tuple[int, int]:
        """Start and end of `line`'s content, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else self._length
        while end > start and text[end - 1] in LINE_BREAKS:
            end -= 1
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)


class Span(NamedTuple):
    """A masked region of the file and what it was (code, url, tag, ...)."""

    start: int
    end: int
    kind: str


class Document:
    """A decoded file ready for the rules.

    `lang` is the target language (BCP-47 primary subtag, "und" when unknown),
    `source_langs` the languages it may have been translated from. `prose`
    is the text with its markup masked (the text itself when empty).
    """

    __slots__ = (
        "_inside",
        "_lines",
        "_mask_ends",
        "_memo",
        "analyses",
        "lang",
        "markup",
        "masked",
        "path",
        "prose",
        "source_langs",
        "text",
    )

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        markup: str = "plain",
        lang: str = "und",
        source_langs: tuple[str, ...] = (),
        prose: str = "",
        masked: tuple[Span, ...] = (),
    ) -> None:
        if prose and len(prose) != len(text):
            raise ValueError("the prose view must keep the text's length")
        self.text = text
        self.path = path
        self.markup = markup
        self.lang = lang
        self.source_langs = source_langs
        self.prose = prose or text
        self.masked = masked
        self._lines: LineIndex | None = None
        self._mask_ends: list[int] | None = None
        self._memo: dict[str, Any] = {}
        #: when the run times its rules (MTLINT_TIMING): the seconds each
        #: shared analysis took, without those it asked for in turn, so that
        #: the rule that first asks for one is not charged with it
        self.analyses: dict[str, float] | None = None
        #: the seconds of the analyses asked for inside the one being timed
        self._inside = 0.0

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """`compute(self)`, computed once per document: analyses that several
        rules read (paragraphs, the quote stack, tokens) are shared this way."""
        if key not in self._memo:
            analyses = self.analyses
            self._memo[key] = compute(self) if analyses is None else self._timed(key, compute, analyses)
        return self._memo[key]

    def _timed(self, key: str, compute: Callable[[Document], T], analyses: dict[str, float]) -> T:
        """`compute(self)`, its own seconds added to `analyses[key]`."""
        outer, self._inside = self._inside, 0.0
        started = time.perf_counter()
        value = compute(self)
        spent = time.perf_counter() - started
        analyses[key] = spent - self._inside  # memoised: computed once a document
        self._inside = outer + spent
        return value

    def is_masked(self, start: int, end: int) -> bool:
        """Whether [start, end) touches a masked region; an empty span (an
        insertion point) counts only strictly inside one."""
        if not self.masked:
            return False
        if self._mask_ends is None:
            self._mask_ends = [span.end for span in self.masked]
        i = bisect_right(self._mask_ends, start)
        if i == len(self.masked):
            return False
        span = self.masked[i]
        if start == end:
            return span.start < start
        return span.start < end
