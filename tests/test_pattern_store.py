"""Compiled patterns kept from one run to the next (`mtlint.pattern_store`).

The store is written where Python writes bytecode: each test points
`sys.pycache_prefix` at its own folder and starts with no engine loaded."""

from __future__ import annotations

import importlib
import marshal
import os
import pickle
import pkgutil
import re
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
import regex

import mtlint
from mtlint import pattern_store
from mtlint.pattern_store import CHECKSUM_BYTES, keep, kept
from mtlint.patterns import MADE
from tests.conftest import SEED

#: patterns of both kinds, with flags, named groups, lookbehinds and bytes
RE_CASES = [
    (r"(?P<word>[^\W\d_]+)(?<=é)\s*+", 0),
    (r"^(?:a(?:baca|fp)|efe|getty\s+images)$", re.IGNORECASE | re.MULTILINE),
    (b"(?:A|B|\xc9)(?<=[a-z] .)", re.DOTALL),
    (r"(?s:.*)\n(?P<line>x)?", 0),
]
REGEX_CASES = [
    (r"(?i:par|texte)\s++(?-i:\p{Lu}\p{Ll}+)", 0),
    (r"(?<!\p{L})(?P<y>y)(?![\p{L}\p{M}])", regex.V1),
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of its own for the store, writable, nothing loaded yet."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(pattern_store, "_ENGINES", {})
    return tmp_path


def _again(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: no engine loaded."""
    monkeypatch.setattr(pattern_store, "_ENGINES", {})


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("pattern_store.*.marshal"))


def _kept_by_one_process(
    compile: Any, cases: list[tuple[Any, int]], store: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """`cases` compiled and kept by a process, the next one not started yet:
    the name of the one file written."""
    for pattern, flags in cases:
        kept(compile, pattern, flags)
    keep()
    (path,) = _files(store)
    _again(monkeypatch)
    return path.name


def test_a_kept_re_pattern_is_the_one_re_compiles_built_without_parsing(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert f"re-{sys.hexversion:x}" in _kept_by_one_process(re.compile, RE_CASES, store, monkeypatch)
    re.purge()
    with monkeypatch.context() as parsing:
        parsing.setattr(re._parser, "parse", None)  # type: ignore[attr-defined]
        built = [kept(re.compile, pattern, flags) for pattern, flags in RE_CASES]
    assert not pattern_store._ENGINES[re.compile].fresh
    for (pattern, flags), pattern_built in zip(RE_CASES, built, strict=True):
        assert pattern_built == re.compile(pattern, flags)  # flags, source and code
        assert pattern_built.groupindex == re.compile(pattern, flags).groupindex
    assert built[0].match("café  ").group("word") == "café"


def test_a_kept_regex_pattern_is_regex_s_own_pickle(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert f"regex-{regex.__version__}" in _kept_by_one_process(regex.compile, REGEX_CASES, store, monkeypatch)
    built = [kept(regex.compile, pattern, flags) for pattern, flags in REGEX_CASES]
    assert not pattern_store._ENGINES[regex.compile].fresh
    for (pattern, flags), pattern_built in zip(REGEX_CASES, built, strict=True):
        compiled = regex.compile(pattern, flags)
        assert (pattern_built.pattern, pattern_built.flags) == (compiled.pattern, compiled.flags)
        assert pickle.dumps(pattern_built) == pickle.dumps(compiled)
    assert built[0].search("Texte  Martin").group() == "Texte  Martin"
    assert built[1].search("Castilla y León").span() == (9, 10)


def test_every_pattern_of_every_module_is_kept_as_it_compiles(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped patterns themselves, rebuilt from their entries."""
    for module in pkgutil.walk_packages(mtlint.__path__, "mtlint."):
        if module.name != "mtlint.__main__":
            importlib.import_module(module.name)
    for made in MADE:
        compile, (pattern, flags) = made._compile, made._arguments
        compiled = compile(pattern, flags)
        engine = pattern_store._engine_of(compile)
        assert engine is not None, made
        blob = engine.entry(compiled, int(flags))
        assert blob is not None, made
        rebuilt = engine.build(pattern, blob)
        if compile is re.compile:
            assert rebuilt == compiled, made
        else:
            assert pickle.dumps(rebuilt) == pickle.dumps(compiled), made


def test_a_damaged_or_foreign_file_is_ignored_and_written_anew(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept(re.compile, "ab+", 0)
    keep()
    (path,) = _files(store)
    good = path.read_bytes()
    forged = marshal.dumps({("ab+", 0): marshal.dumps((0, [999_999], 0, {}, (None,)))})
    for damaged in (
        good[:-3],  # cut short
        good[:CHECKSUM_BYTES] + bytes([good[CHECKSUM_BYTES] ^ 1]) + good[CHECKSUM_BYTES + 1 :],  # a bit flipped
        zlib.crc32(b"[1, 2]").to_bytes(CHECKSUM_BYTES, "little") + b"[1, 2]",  # not marshal's
        zlib.crc32(forged).to_bytes(CHECKSUM_BYTES, "little") + forged,  # a code _sre rejects
    ):
        path.write_bytes(damaged)
        _again(monkeypatch)
        assert kept(re.compile, "ab+", 0) == re.compile("ab+")
        assert pattern_store._ENGINES[re.compile].fresh
        keep()
        assert path.read_bytes() == good


def test_nothing_is_written_where_python_writes_no_bytecode(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    kept(re.compile, "ab+", 0)
    kept(regex.compile, r"\p{L}", 0)
    keep()
    assert _files(store) == []


def test_a_read_only_installation_makes_no_entry_at_the_end_of_a_run(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file cannot be written, making the entries (parsing every
    new pattern again) would only cost time."""
    kept(re.compile, "ab+", 0)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setattr(pattern_store._ENGINES[re.compile], "entry", None)
    keep()
    assert _files(store) == []


def test_an_interpreter_without_re_s_internals_keeps_nothing_and_loses_nothing(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(re, "_parser")
    monkeypatch.setitem(sys.modules, "re._parser", None)  # type: ignore[arg-type]
    assert kept(re.compile, "ab+", 0) == re.compile("ab+")
    keep()
    assert _files(store) == []


def test_a_code_unlike_the_one_re_compile_made_is_not_kept(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should re's parse and code steps ever differ from what its compile
    does, the entry would build another pattern: it is not kept."""
    other = re._compiler._code(re._parser.parse("ab*", 0), 0)  # type: ignore[attr-defined]
    monkeypatch.setattr(re._compiler, "_code", lambda parsed, flags: other)  # type: ignore[attr-defined]
    assert kept(re.compile, "ab+", 0) == re.compile("ab+")
    keep()
    assert _files(store) == []


def test_a_file_past_its_limit_keeps_what_the_run_used(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store, "LIMIT", 3)
    for number in range(4):
        kept(re.compile, f"a{number}", 0)
    keep()
    _again(monkeypatch)
    kept(re.compile, "a0", 0)
    kept(re.compile, "b", 0)
    keep()
    assert set(pattern_store._read(_files(store)[0])) == {("a0", 0), ("b", 0)}


def test_a_command_line_run_keeps_its_patterns_and_the_next_one_reads_them(tmp_path: Path) -> None:
    """Real processes, the store under their own bytecode prefix: the first
    run writes it; the next ones, whatever their hash seed, read it, print
    the same and leave it as it is. A pattern whose text followed the order
    of a set (the vocabulary's, a language's words) would be new to every
    process and have the file written again at each run."""
    prefix = tmp_path / "pycache"
    copies = tmp_path / "articles"
    copies.mkdir()
    for number in range(6):
        (copies / f"{number}.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "mtlint.toml").write_text(
        'vocabulary = ["El País", "Alfonso", "Ricardo", "Gustavo", "Ernesto", "Joaquín", "Orlando"]\n'
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    command = [sys.executable, "-m", "mtlint", "check", "--no-cache", "--format", "json", str(copies)]

    def run(seed: str, *extra: str) -> str:
        done = subprocess.run(
            [*command, *extra], capture_output=True, text=True, env={**env, "PYTHONHASHSEED": seed}, cwd=tmp_path
        )
        assert done.returncode == 1, done.stderr
        return done.stdout

    first = run("1", "--jobs", "1")
    files = _files(prefix)
    assert [path.name.split("-")[0] for path in files] == ["pattern_store.re", "pattern_store.regex"]
    written = {path: path.read_bytes() for path in files}
    assert run("2", "--jobs", "1") == first
    assert run("3", "--jobs", "2") == first
    assert {path: path.read_bytes() for path in _files(prefix)} == written
