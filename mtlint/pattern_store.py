"""Compiled patterns kept from one run to the next, as Python keeps bytecode.

Why: both regular expression engines parse a pattern in Python before their
C code builds it. Over the benchmark's 1,000 articles a process compiles
about a hundred patterns (the phrase packs' tries, the shape scans, the
bylines…): 13 ms in `re` and 8 in `regex`, paid again by every process of
`--jobs`. What the parsing yields depends on the pattern, its flags and the
engine's version only, and builds the same pattern in microseconds:
`regex` pickles a pattern as that code (its own pickling); for `re`, this
module keeps the code its parser and compiler make, and only when the
pattern built from it equals, code and all, the one `re.compile` made.
Kept, a one-article run took 65 ms instead of 70 (20 alternating rounds),
`--jobs 2` on the articles 540 ms instead of 561 (60 rounds, faster in 57)
and `--jobs 1` 939 instead of 960 (40 rounds).

Where: one file an engine, in the folder where Python writes mtlint's
bytecode (so PYTHONPYCACHEPREFIX is honoured), named for the interpreter
and the engine's version, so that an upgrade never reads codes another
version wrote. A run compiles what the file lacks as usual and notes it;
at its end the command line writes the file again with those (`keep`),
atomically, never when Python writes no bytecode (-B,
PYTHONDONTWRITEBYTECODE): a run that cannot keep them pays nothing more.
A file that cannot be read, whose checksum fails or that holds anything
unexpected is ignored and written anew; an entry the engine rejects is
compiled the usual way. A worker of `--jobs` writes nothing: a pattern only
workers meet is compiled again until a run meets it in the main process.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: past this many entries, a file keeps only those the run used: packs
#: edited again and again would otherwise leave their old patterns in it
LIMIT = 2_000
#: the first bytes of a file: its checksum, of what follows
CHECKSUM_BYTES = 4

#: an entry's key: the pattern's source and its flags
Key = tuple[str | bytes, int]


class _Engine:
    """One engine's kept patterns: `held` by (pattern, flags), loaded from
    its file when first asked; `fresh` the patterns this process compiled
    that the file lacks; `used` the keys this run asked for. `entry` makes
    a compiled pattern's entry (None when it cannot be kept), `build` the
    pattern from one."""

    def __init__(
        self,
        name: str,
        version: str,
        entry: Callable[[Any, int], bytes | None],
        build: Callable[[str | bytes, bytes], Any],
    ) -> None:
        self.name = name
        self.version = version
        self.entry = entry
        self.build = build
        self.held: dict[Key, bytes] | None = None
        self.fresh: dict[Key, Any] = {}
        self.used: set[Key] = set()

    def path(self) -> Path | None:
        """The engine's file, beside this module's bytecode; None where Python
        keeps none."""
        from importlib.util import cache_from_source

        try:
            bytecode = Path(cache_from_source(__file__))
        except (NotImplementedError, ValueError):
            return None
        return bytecode.with_name(f"pattern_store.{self.name}-{self.version}.{sys.implementation.cache_tag}.marshal")

    def load(self) -> dict[Key, bytes]:
        if self.held is None:
            self.held = _read(self.path())
        return self.held


def kept(compile: Callable[..., Any], pattern: str | bytes, flags: int = 0) -> Any:
    """`compile(pattern, flags)`, where `compile` is `re.compile` or
    `regex.compile`: built from the kept code when there is one."""
    engine = _engine_of(compile)
    if engine is None:
        return compile(pattern, flags)
    key = (pattern, int(flags))
    engine.used.add(key)
    held = engine.load()
    blob = held.get(key)
    if blob is not None:
        try:
            return engine.build(pattern, blob)
        except Exception:  # a code this engine rejects: compiled anew, and kept again
            del held[key]
    compiled = engine.fresh[key] = compile(pattern, flags)
    return compiled


def keep() -> None:
    """Write each engine's file, if this process compiled patterns it lacks
    (see the module's docstring); a failure to write is no error, the file
    only saves time."""
    if sys.dont_write_bytecode:
        return
    for engine in _ENGINES.values():
        path = engine.path() if engine.fresh else None
        if path is None or not _writable(path.parent):
            continue  # a read-only installation: no entry is made for nothing
        made = ((key, engine.entry(compiled, key[1])) for key, compiled in engine.fresh.items())
        new = {key: blob for key, blob in made if blob is not None}
        engine.fresh = {}
        if not new:
            continue
        held = {**engine.load(), **new}
        if len(held) > LIMIT:
            held = {key: blob for key, blob in held.items() if key in engine.used}
        payload = marshal.dumps(held)
        from mtlint.files import write_atomic  # here: a run with nothing to keep skips its import

        try:
            write_atomic(path, _checksum(payload) + payload, mode=0o644)
        except OSError:
            continue
        engine.held = held


def _writable(folder: Path) -> bool:
    """Whether this process may write in `folder`, made if missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _checksum(payload: bytes) -> bytes:
    """The CRC-32 a file starts with, of the entries that follow it."""
    import zlib  # here: a run that compiles no pattern (one answered from the cache) skips its import

    return zlib.crc32(payload).to_bytes(CHECKSUM_BYTES, "little")


def _read(path: Path | None) -> dict[Key, bytes]:
    """The entries of an engine's file; none when it is missing or not what
    `keep` writes."""
    if path is None:
        return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    payload = data[CHECKSUM_BYTES:]
    if _checksum(payload) != data[:CHECKSUM_BYTES]:
        return {}
    try:
        held = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(held, dict) or not all(
        isinstance(key, tuple) and len(key) == 2 and isinstance(blob, bytes) for key, blob in held.items()
    ):
        return {}
    return held


# --- re ----------------------------------------------------------------------


def _re_entry(compiled: re.Pattern[Any], flags: int) -> bytes | None:
    """The code of `compiled` as the parse and code steps of `re.compile`
    make it, kept only when the pattern built from it is equal to
    `compiled` (same flags, code and source)."""
    if flags & (re.DEBUG | re.LOCALE):
        return None
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(compiled.pattern, flags)
        state = parsed.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        code = [int(word) for word in _compiler._code(parsed, flags)]
        blob = marshal.dumps((int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), tuple(names)))
        return blob if _re_build(compiled.pattern, blob) == compiled else None
    except Exception:  # internals another Python may change: nothing kept, nothing lost
        return None


def _re_build(pattern: str | bytes, blob: bytes) -> re.Pattern[Any]:
    """A pattern from its kept code (`_sre` checks the code as it builds it)."""
    import _sre

    flags, code, groups, index, names = marshal.loads(blob)
    return _sre.compile(pattern, flags, code, groups, index, names)


# --- regex -------------------------------------------------------------------


def _regex_entry(compiled: Any, flags: int) -> bytes | None:
    """`compiled` pickled: `regex` pickles a pattern as the code its C
    constructor takes."""
    import pickle

    return pickle.dumps(compiled, protocol=4)


def _regex_build(pattern: str | bytes, blob: bytes) -> Any:
    import pickle

    compiled = pickle.loads(blob)  # written by this module, beside mtlint's own bytecode
    if compiled.pattern != pattern:
        raise ValueError("another pattern's entry")
    return compiled


_ENGINES: dict[Callable[..., Any], _Engine] = {}


def _engine_of(compile: Callable[..., Any]) -> _Engine | None:
    """The engine `compile` belongs to, set up when first met; None for any
    other callable."""
    engine = _ENGINES.get(compile)
    if engine is None:
        regex = sys.modules.get("regex")  # imported by whoever passes regex.compile
        if compile is re.compile:
            engine = _Engine("re", f"{sys.hexversion:x}", _re_entry, _re_build)
        elif regex is not None and compile is regex.compile:
            engine = _Engine("regex", regex.__version__, _regex_entry, _regex_build)
        else:
            return None
        _ENGINES[compile] = engine
    return engine
