"""Patterns compiled on first use (`mtlint.patterns`)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import regex

import mtlint
from mtlint.patterns import MADE, LazyPattern, lazy


def test_every_pattern_of_every_module_compiles() -> None:
    """A pattern that cannot compile fails here, not in the middle of a run
    that first reaches it."""
    for module in pkgutil.walk_packages(mtlint.__path__, "mtlint."):
        if module.name != "mtlint.__main__":
            importlib.import_module(module.name)
    assert len(MADE) > 80
    for made in MADE:
        assert made.compiled() is not None, made


def test_a_pattern_compiles_on_its_first_use_and_answers_as_the_compiled_one() -> None:
    made = lazy(regex.compile, r"\p{Lu}(\p{Ll}+)", regex.V1)
    assert isinstance(made, LazyPattern)
    assert made.pattern == r"\p{Lu}(\p{Ll}+)"  # the source, without compiling
    assert made._compiled is None
    assert made.search("au Québec").group(1) == "uébec"
    assert made._compiled is not None
    assert made.flags == regex.compile(r"\p{Lu}(\p{Ll}+)", regex.V1).flags
    assert made.groups == 1
    assert [m.group() for m in made.finditer("Le Monde")] == ["Le", "Monde"]
    assert made.sub(r"\1", "Paris") == "aris"


def test_a_bytes_pattern_of_re_keeps_its_source() -> None:
    made = lazy(re.compile, b"[a-z]+")
    assert b"(" + made.pattern + b")" == b"([a-z]+)"
    assert made.findall(b"ab CD ef") == [b"ab", b"ef"]


def test_dunder_lookups_are_not_a_use() -> None:
    """copy and pickle look for dunders on the object: that must not compile it."""
    made = lazy(regex.compile, r"x")
    assert getattr(made, "__deepcopy__", None) is None
    assert made._compiled is None
    assert "regex" in repr(made)
