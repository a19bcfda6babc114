"""mtlint: find and fix what machine translation and scraping leave in articles.

The library surface is `check_text` and `fix_text` (see `mtlint.api`); they are
loaded on first use so that `import mtlint` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_text", "fix_text"]


def __getattr__(name: str) -> Any:
    if name in ("check_text", "fix_text"):
        from mtlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'mtlint' has no attribute {name!r}")
