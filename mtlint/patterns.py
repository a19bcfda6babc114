"""Patterns compiled when first used rather than when their module loads.

A run imports every rule module, and their module-level patterns were all
compiled then (`regex` parses a pattern in Python), though most never run
on a given article: a one-article run compiled 124 patterns and called 72
of them never (the language pairs' gates, the Roman numerals, control
sequences, clock and date shapes...). `lazy(regex.compile, source)` stands
where `regex.compile(source)` stood and compiles on the first call of one
of its methods; a pattern no document reaches is never compiled, and a
one-article run takes 8 % fewer instructions. A test compiles every one, so
a pattern that cannot compile still fails the suite.

After the first call, a method is read from a slot of the stand-in: as
quick as the method of the compiled pattern itself. The compiling itself is
`pattern_store.kept`'s: from an earlier run's code where there is one.

Scans that skip to the few places worth trying a pattern share two helpers:
`occurrences` of a literal, and the `false_starts` they may meet in vain."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sized
from typing import Any, AnyStr

from mtlint.pattern_store import kept

#: the compiled pattern's methods a stand-in keeps in its own slots
METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

#: every stand-in made, for the test that compiles them all
MADE: list[LazyPattern] = []


class LazyPattern:
    """A pattern compiled on first use. `pattern` is its source from the
    start (other patterns are built from it at import); any other attribute
    is the compiled pattern's."""

    __slots__ = ("_arguments", "_compile", "_compiled", "pattern", *METHODS)

    def __init__(self, compile: Callable[..., Any], pattern: AnyStr, flags: int) -> None:
        self._compile = compile
        self._arguments = (pattern, flags)
        self._compiled: Any = None
        self.pattern = pattern

    def compiled(self) -> Any:
        """The compiled pattern, its methods copied into the slots."""
        if self._compiled is None:
            self._compiled = kept(self._compile, *self._arguments)
            for name in METHODS:
                setattr(self, name, getattr(self._compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # only for what the slots do not hold yet: a method before the first
        # use, or an attribute the stand-in does not keep (flags, groups, ...)
        if name.startswith("__"):
            raise AttributeError(name)  # copy, pickle and the like ask for dunders: not a use
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self._compile.__module__}.compile, {self.pattern!r})"


def lazy(compile: Callable[..., Any], pattern: AnyStr, flags: int = 0) -> Any:
    """`compile(pattern, flags)` when first used (see the module's docstring).

    Typed as what `compile` returns would be (`Any`): it answers every
    method and attribute of the compiled pattern."""
    made = LazyPattern(compile, pattern, flags)
    MADE.append(made)
    return made


def false_starts(text: Sized) -> int:
    """How many places a scan that tries its pattern only where a cheap test
    says a match may begin can find empty before the plain search takes
    over: 64, and one more a kilobyte. Clean text offers few such places;
    text made of them (ÉéÉé…, Łódź…) would cost a Python step each."""
    return len(text) // 1000 + 64


def occurrences(text: AnyStr, key: AnyStr) -> Iterator[int]:
    """Where `key` stands in `text`, in order, overlapping ones included:
    `find` skips to each at C speed (`memchr` for one byte)."""
    position = text.find(key)
    while position >= 0:
        yield position
        position = text.find(key, position + 1)
