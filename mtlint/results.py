"""What one run produced for one file: the input every output format renders."""

from __future__ import annotations

from typing import Any, NamedTuple

from mtlint.diagnostic import Applicability, Diagnostic, Packed, packed, unpacked
from mtlint.document import LineIndex


class FileResult:
    """Diagnostics of one file, with the text they index into.

    `text` is the decoded text the diagnostics refer to (after fixing, when
    fixes were applied). `fixed` counts the fixes applied; `error` is the
    one-line reason when the file could not be checked at all; `original` is
    the text before fixing, kept only when fixing changed it. `binary` says
    that the error is that the file is not text (a walk skips such files).
    `cache_entry` is a result just linted as the result cache keeps it (see
    `mtlint.runner`), None when it came from there or is not kept.

    A result read back from the cache by the file's stamp comes with its
    line index and without its text (`text=None`): most formats need only
    positions, and the text is read from the file when something asks for
    it (the full format's excerpts). The stamp said the file is unchanged;
    should it have changed or gone since, its text is blanks of the length
    its findings index, so that every excerpt still has its place.
    """

    __slots__ = ("_lines", "_text", "binary", "cache_entry", "diagnostics", "error", "fixed", "original", "path")

    def __init__(
        self,
        path: str,
        text: str | None = "",
        diagnostics: list[Diagnostic] | None = None,
        fixed: int = 0,
        error: str | None = None,
        original: str | None = None,
        binary: bool = False,
        lines: LineIndex | None = None,
    ) -> None:
        self.path = path
        self._text = text
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.fixed = fixed
        self.error = error
        self.original = original
        self.binary = binary
        self.cache_entry: CacheEntry | None = None
        self._lines = lines

    @property
    def text(self) -> str:
        if self._text is None:
            from mtlint.decoding import decode
            from mtlint.errors import FileError
            from mtlint.files import read_file

            try:
                text = decode(read_file(self.path), self.path).text
            except (OSError, FileError):
                text = ""
            length = self.lines.length
            self._text = text if len(text) == length else " " * length
        return self._text

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its diagnostics `packed`: the workers of `--jobs`
        send every result back to the parent this way."""
        fields = (self.path, self._text, packed(self.diagnostics), self.fixed, self.error, self.original)
        return (_arrived, (*fields, self.binary, self._lines, self.cache_entry))


def _arrived(
    path: str,
    text: str | None,
    diagnostics: Packed,
    fixed: int,
    error: str | None,
    original: str | None,
    binary: bool,
    lines: LineIndex | None,
    cache_entry: CacheEntry | None,
) -> FileResult:
    """A result as `FileResult.__reduce__` sent it."""
    result = FileResult(path, text, unpacked(diagnostics), fixed, error, original, binary, lines)
    result.cache_entry = cache_entry
    return result


class CacheEntry(NamedTuple):
    """A result as the result cache keeps it: its `value` (text) under the
    `key` of the file's content, and under `name` (the file and its
    settings) the `stamp` the file had when read, when it had one to trust."""

    key: str
    value: str
    name: str
    stamp: str | None


class RunSummary(NamedTuple):
    """Counts over all files, for summaries and the exit code."""

    diagnostics: int
    fixed: int
    fixable_safe: int
    fixable_unsafe: int

    @classmethod
    def of(cls, results: list[FileResult]) -> RunSummary:
        diags = [d for r in results for d in r.diagnostics]
        return cls(
            diagnostics=len(diags),
            fixed=sum(r.fixed for r in results),
            fixable_safe=sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE),
            fixable_unsafe=sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.UNSAFE),
        )
