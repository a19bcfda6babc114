"""Language tables kept as TOML beside this module, loaded once on first use."""

from __future__ import annotations

from functools import cache
from typing import Any

from mtlint import toml
from mtlint.lang import DATA


@cache
def table(name: str) -> dict[str, Any]:
    """The parsed `mtlint/lang/<name>.toml`."""
    return toml.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
