"""Which parts of a file are prose. Each markup module masks the rest.

`mask(text)` returns the prose view (same length as `text`, masked characters
turned into spaces, line breaks kept) and the sorted, non-overlapping masked
spans with their kind.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from functools import cache

from mtlint.document import Span

MARKUPS = ("plain", "markdown", "html")

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

Masker = Callable[[str], tuple[str, tuple[Span, ...]]]


def markup_for(path: str) -> str:
    """The markup of a file, from its suffix; anything unknown is plain text."""
    # as PurePath.suffix reads it, without a path object for every file of a run
    return SUFFIXES.get(os.path.splitext(path)[1].lower(), "plain")  # noqa: PTH122


@cache
def masker(markup: str) -> Masker:
    return importlib.import_module(f"mtlint.markup.{markup}").mask
