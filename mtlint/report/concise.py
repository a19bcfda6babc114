"""Format `concise`: one `path:line:col:` line per diagnostic, for grep and editors.

Editors and `grep` rely on each diagnostic being exactly one line, so line
breaks inside a message are written as `\\r` and `\\n`, and a file's name
shows its control characters, line breaks too, as their pictures
(`mtlint.printable`; a message has none: see `Rule.report`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, TextIO

from mtlint.diagnostic import SEVERITY_LABELS
from mtlint.printable import printable
from mtlint.report import parts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mtlint.report import ReportContext
    from mtlint.results import FileResult


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """The diagnostics, then `Found N problems.` unless quiet or there were none."""
    out.writelines(parts(results, part, ctx))
    count = sum(result.findings for result in results if result.error is None)
    if count and not ctx.quiet:
        out.write(f"Found {count} problem{'s' if count != 1 else ''}.\n")


def part(result: FileResult, ctx: ReportContext) -> str:
    """One checked file's lines, joined to be written at once: a hostile
    file can carry hundreds of thousands of findings. A line takes no
    Python call of its own: its position is found here as
    `LineIndex.position` finds it (every diagnostic lies within its text:
    linted from it, or checked when read back from the cache). An unchanged
    repository's re-run writes thousands of lines, and five calls a line
    took a third of the writing."""
    diagnostics = result.diagnostics
    if not diagnostics:
        return ""
    path = printable(result.path, one_line=True)
    lines = []
    starts = result.lines.starts
    for diagnostic in diagnostics:
        start = diagnostic.start
        line = bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        message = diagnostic.message
        if "\r" in message or "\n" in message:
            message = message.replace("\r", "\\r").replace("\n", "\\n")
        severity = SEVERITY_LABELS[diagnostic.severity]
        lines.append(f"{path}:{line}:{column}: {severity} {diagnostic.code} [{diagnostic.rule}] {message}\n")
    return "".join(lines)
