"""The TOML parser: one import site for the whole package.

tomli, not the standard library's tomllib (which is tomli, vendored as pure
Python): tomli's wheels are compiled with mypyc and parse mtlint's data 2.6
times as fast (27 files, 163 KB: 13 ms against 33), and every process of a
run parses a dozen of them, a tenth of checking one article.

Imported when first used: a run without a configuration file, answered from
the result cache, reads no TOML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import tomli

    value = tomli.TOMLDecodeError if name == "TOMLDecodeError" else tomli.loads
    globals()[name] = value
    return value
