"""Finding the files to check, and writing fixed ones back atomically.

Directories are walked with the include and exclude globs and every
`.gitignore` on the way (as git reads them: patterns relative to the file's
directory). A file named on the command line is always checked.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mtlint.errors import FileError
from mtlint.stamps import stamp_of

if TYPE_CHECKING:
    import pathspec


class Globs:
    """Globs compiled into two patterns: those without a slash match a file's
    name, those with one its path relative to the settings' root (as
    `fnmatch` reads them on POSIX, where case counts)."""

    def __init__(self, globs: Sequence[str]) -> None:
        self.names = _compiled([glob for glob in globs if "/" not in glob])
        self.paths = _compiled([glob for glob in globs if "/" in glob])

    def match(self, name: str, relative: str) -> bool:
        return bool(
            (self.names is not None and self.names.match(name))
            or (self.paths is not None and self.paths.match(relative))
        )


def _compiled(globs: Sequence[str]) -> re.Pattern[str] | None:
    """The globs as one pattern, compiled as it is, not kept: a project's own
    globs are quick to compile, would fill the store every project shares,
    and are all that a run answered from the result cache compiles, which
    then never opens the store."""
    return re.compile("|".join(fnmatch.translate(glob) for glob in globs)) if globs else None


def _git_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _ignore_spec(directory: Path) -> pathspec.GitIgnoreSpec | None:
    """The rules of `directory`'s .gitignore. pathspec costs ~50 ms to import,
    so it is loaded only when a directory walk meets a .gitignore."""
    ignore_file = directory / ".gitignore"
    if not ignore_file.is_file():
        return None
    import pathspec

    try:
        lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


class Walker:
    """Yields the files under some roots that the settings include; globs
    with a slash are relative to `base` (the directory of the config file)."""

    def __init__(
        self,
        include: Sequence[str],
        exclude: Sequence[str],
        *,
        base: Path,
        respect_gitignore: bool = True,
    ) -> None:
        self.include = Globs(include)
        self.exclude = Globs(exclude)
        self.base = base.resolve()
        self.respect_gitignore = respect_gitignore

    def walk(self, root: Path) -> Iterator[str]:
        """Files under the directory `root`, sorted, skipping excluded and
        git-ignored ones. Symlinked directories are not followed (no loops).
        Paths as strings, as `os.scandir` gives them: under a profiler, a
        Path per file took 15 ms of a 1,000-file walk's 24."""
        resolved = root.resolve()
        specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
        if self.respect_gitignore:
            top = _git_root(resolved)
            if top is not None:
                ancestors = [p for p in reversed(resolved.parents) if p == top or top in p.parents]
                specs = [(p, spec) for p in ancestors if (spec := _ignore_spec(p)) is not None]
        yield from self._walk(root, resolved, specs)

    def _walk(self, directory: Path, resolved: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> Iterator[str]:
        if self.respect_gitignore:
            spec = _ignore_spec(resolved)
            if spec is not None:
                specs = [*specs, (resolved, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            raise FileError(f"{directory}: cannot list directory: {error.strerror or error}") from None
        # Paths as strings: a Path per entry costs more than the checks.
        base = self.base.as_posix().rstrip("/") + "/"
        inside = resolved.as_posix().rstrip("/") + "/"
        for entry in entries:
            full = inside + entry.name
            relative = full[len(base) :] if full.startswith(base) else full
            is_dir = entry.is_dir(follow_symlinks=False)
            if self.exclude.match(entry.name, relative) or (specs and _ignored(Path(full), is_dir, specs)):
                continue
            if is_dir:
                yield from self._walk(Path(entry.path), Path(full), specs)
            elif entry.is_file() and self.include.match(entry.name, relative):
                yield entry.path


def _ignored(full: Path, is_dir: bool, specs: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    """Whether any .gitignore above `full` ignores it (directories get the
    trailing slash that `dir/` patterns need)."""
    for base, spec in specs:
        relative = full.relative_to(base).as_posix()
        if spec.match_file(relative + "/" if is_dir else relative):
            return True
    return False


#: what one system call reads at most of a file
READ_CHUNK = 1 << 20
#: how to open a file for its bytes (Windows would translate line ends
#: without O_BINARY); looked up once, as a missing attribute raises inside
READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_file(path: str) -> bytes:
    """The bytes of the file at `path`, read with the system's own calls:
    `open()` wraps the file in a buffered reader first, which takes longer
    than reading a 3 KB article, and an unchanged repository reads every
    file it checks: 14 ms in 1,000 reads against 8."""
    descriptor = os.open(path, READ_FLAGS)
    try:
        return _read_all(descriptor)
    finally:
        os.close(descriptor)


def read_stamped(path: str) -> tuple[bytes, str | None]:
    """`read_file`, with the file's stamp (`mtlint.stamps`) as it was when
    reading began: a change made while reading gives a later stamp."""
    descriptor = os.open(path, READ_FLAGS)
    try:
        stamp = stamp_of(os.fstat(descriptor))
        return _read_all(descriptor), stamp
    finally:
        os.close(descriptor)


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while chunk := os.read(descriptor, READ_CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or
    the new one: temp file in the same directory, fsync, rename. The file
    gets the mode bits `mode`, else those of the original."""
    import tempfile  # here: only a run that writes pays its import (and shutil's)

    directory = path.parent
    mode = path.stat().st_mode & 0o7777 if mode is None else mode
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".mtlint-tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        Path(temp_name).chmod(mode)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    try:
        directory_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory_fd)
    except OSError:
        pass
    finally:
        os.close(directory_fd)
