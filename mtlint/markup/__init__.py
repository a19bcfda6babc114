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
    """The markup of a file, from its suffix; anything unknown is plain text.
    The suffix is read as PurePath.suffix reads it (from the last dot of the
    name, unless that dot opens or ends it), without a path object for every
    file of a run; `os.path.splitext` differs on names that open with dots
    ("..md" has the suffix ".md")."""
    name = os.path.basename(path)  # noqa: PTH119
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].lower() if 0 < dot < len(name) - 1 else "", "plain")


@cache
def masker(markup: str) -> Masker:
    return importlib.import_module(f"mtlint.markup.{markup}").mask
