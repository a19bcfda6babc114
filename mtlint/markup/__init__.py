"""Which parts of a file are prose. Each markup module masks the rest.

`mask(text)` returns the prose view (same length as `text`, masked characters
turned into spaces, line breaks kept) and the sorted, non-overlapping masked
spans with their kind.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

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
    return SUFFIXES.get(PurePath(path).suffix.lower(), "plain")


def masker(markup: str) -> Masker:
    return importlib.import_module(f"mtlint.markup.{markup}").mask
