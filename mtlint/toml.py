"""tomllib on 3.11+, tomli before: one import site for the whole package.

Imported when first used: a run without a configuration file, answered from
the result cache, reads no TOML, and the parser's import costs 4 ms.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    value = tomllib.TOMLDecodeError if name == "TOMLDecodeError" else tomllib.loads
    globals()[name] = value
    return value
