"""Inline suppression comments in Markdown and HTML.

`<!-- mtlint-disable CODE|name ... -->` starts a region that
`<!-- mtlint-enable [CODE ...] -->` ends; `<!-- mtlint-disable-next-line ... -->`
covers the following line only. Without selectors a directive covers every
rule. Plain text has no comment syntax, so it uses `per-file-ignores` instead:
comments would end up in the published article.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from mtlint.pattern_store import kept


@cache
def directive() -> regex.Pattern[str]:
    """An `<!-- mtlint-… -->` comment; compiled for the first document with
    markup (plain text has no comments)."""
    return kept(regex.compile, r"<!--[ \t]*mtlint-(disable-next-line|disable|enable)\b([^>]*?)[ \t]*-->")


class Suppression(NamedTuple):
    """Diagnostics starting in [start, end) are dropped for these selectors
    (every rule when `selectors` is empty)."""

    start: int
    end: int
    selectors: tuple[str, ...]


def suppressions(text: str) -> list[Suppression]:
    """The suppressed regions of a Markdown or HTML text."""
    if "mtlint-" not in text:
        return []
    regions: list[Suppression] = []
    open_regions: dict[tuple[str, ...], int] = {}
    for match in directive().finditer(text):
        action = match.group(1)
        selectors = tuple(item for item in match.group(2).replace(",", " ").split() if item)
        if action == "disable-next-line":
            line_end = _line_end(text, match.end())
            regions.append(Suppression(line_end, _line_end(text, line_end), selectors))
        elif action == "disable":
            open_regions.setdefault(selectors, match.end())
        else:
            # A bare enable closes every region; a named one, those it names.
            closing = [key for key in open_regions if not selectors or set(selectors) & set(key)]
            for key in closing:
                regions.append(Suppression(open_regions.pop(key), match.start(), key))
    regions.extend(Suppression(start, len(text), key) for key, start in open_regions.items())
    return regions


def _line_end(text: str, offset: int) -> int:
    """The offset just past the line break of the line holding `offset`."""
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline + 1
