"""Sorted spans that do not overlap, asked whether they hold an offset or
enclose a stretch. Findings of a large file checked one by one against
every span would make a rule quadratic: a bisection keeps it linear."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Spans:
    """Spans [start, end) that do not overlap one another."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.ends = [end for _, end in ordered]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def hold(self, offset: int) -> bool:
        """Whether some span holds `offset`."""
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def enclose(self, start: int, end: int) -> bool:
        """Whether some span holds all of [start, end)."""
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]

    def enclose_strictly(self, start: int, end: int) -> bool:
        """Whether some span holds [start, end) with room on both sides
        (inside the brackets that make the span, not on them)."""
        index = bisect_left(self.starts, start) - 1
        return index >= 0 and end < self.ends[index]
