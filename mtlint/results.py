"""What one run produced for one file: the input every output format renders."""

from __future__ import annotations

from typing import Any, NamedTuple

from mtlint.diagnostic import Applicability, Category, Diagnostic, Packed, Severity, packed, unpacked
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

    `fragment` is the file's part of the report, when the process that
    linted it rendered it (`Runner._check_rendered`), and `tally` counts its
    findings for the summaries and the exit code. A worker of `--jobs`
    sends a result with a fragment back as the fragment and the tally,
    without its diagnostics (reading them there raises AttributeError),
    its original or its text (read from the file if asked for).
    """

    __slots__ = (
        "_lines",
        "_tally",
        "_text",
        "binary",
        "cache_entry",
        "diagnostics",
        "error",
        "fixed",
        "fragment",
        "original",
        "path",
    )

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
        self.fragment: str | None = None
        self._tally: Tally | None = None

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
            if self._lines is not None:  # findings index it: their places are kept
                length = self._lines.length
                text = text if len(text) == length else " " * length
            self._text = text
        return self._text

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    @property
    def findings(self) -> int:
        """How many diagnostics it has: its tally's count once it has one,
        else theirs (a report that counts them makes no tally)."""
        return len(self.diagnostics) if self._tally is None else self._tally.findings

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            self._tally = Tally.of(self.diagnostics)
        return self._tally

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its diagnostics `packed`, or as its fragment and
        tally once rendered: the workers of `--jobs` send every result back
        to the parent this way."""
        if self.fragment is not None:
            fields = (self.path, self.fragment, self.tally, self.fixed, self.error)
            return (_rendered, (*fields, self.binary, self.cache_entry))
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


def _rendered(
    path: str,
    fragment: str,
    tally: Tally,
    fixed: int,
    error: str | None,
    binary: bool,
    cache_entry: CacheEntry | None,
) -> FileResult:
    """A rendered result as `FileResult.__reduce__` sent it: without its
    diagnostics; its text and lines read from the file if asked for."""
    result = FileResult.__new__(FileResult)
    result.path, result.fragment, result._tally, result.fixed, result.error = path, fragment, tally, fixed, error
    result.binary, result.cache_entry = binary, cache_entry
    result._text = result._lines = result.original = None
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
        tallies = [r.tally for r in results]
        return cls(
            diagnostics=sum(tally.findings for tally in tallies),
            fixed=sum(r.fixed for r in results),
            fixable_safe=sum(tally.fixable_safe for tally in tallies),
            fixable_unsafe=sum(tally.fixable_unsafe for tally in tallies),
        )


class Tally(NamedTuple):
    """What the summaries and the exit code need of one file's findings:
    how many, by severity and by category, and how many of them a fix
    offered as safe or as unsafe repairs."""

    findings: int
    severities: tuple[tuple[Severity, int], ...]
    categories: tuple[tuple[Category, int], ...]
    fixable_safe: int
    fixable_unsafe: int

    @classmethod
    def of(cls, diagnostics: list[Diagnostic]) -> Tally:
        if not diagnostics:
            return NO_FINDINGS
        severities: dict[Severity, int] = {}
        categories: dict[Category, int] = {}
        safe = unsafe = 0
        for diagnostic in diagnostics:
            severities[diagnostic.severity] = severities.get(diagnostic.severity, 0) + 1
            categories[diagnostic.category] = categories.get(diagnostic.category, 0) + 1
            fix = diagnostic.fix
            if fix is not None:
                if fix.applicability is Applicability.SAFE:
                    safe += 1
                else:
                    unsafe += 1
        return cls(len(diagnostics), tuple(severities.items()), tuple(categories.items()), safe, unsafe)

    def reaches(self, level: Severity) -> bool:
        """Whether a finding is of `level` or above."""
        return any(severity >= level for severity, _ in self.severities)


NO_FINDINGS = Tally(0, (), (), 0, 0)
