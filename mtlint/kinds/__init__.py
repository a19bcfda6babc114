"""Declarative rule kinds for TOML packs (Vale's idea, kept small).

Each kind module exposes `FIELDS` (the keys it adds to a pack rule, with their
types) and `build(meta, fields, where)`, which returns a `Rule` or raises
`PackError`. A pack rule's `kind` key picks the module.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS = ("pattern",)


def kind_module(kind: str) -> ModuleType:
    return importlib.import_module(f"mtlint.kinds.{kind}")
