"""Format `concise`: one `path:line:col:` line per diagnostic, for grep and editors.

Editors and `grep` rely on each diagnostic being exactly one line, so line
breaks inside a message are written as `\\r` and `\\n`, and a file's name
shows its control characters, line breaks too, as their pictures
(`mtlint.printable`; a message has none: see `Rule.report`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from mtlint.printable import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mtlint.diagnostic import Diagnostic
    from mtlint.report import ReportContext
    from mtlint.results import FileResult


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """The diagnostics, then `Found N problems.` unless quiet or there were none.
    A file's lines are joined and written at once: a hostile file can carry
    hundreds of thousands of findings."""
    count = 0
    for result in results:
        if result.error is not None or not result.diagnostics:
            continue
        path = printable(result.path, one_line=True)
        out.write("".join([_line(result, path, diagnostic) for diagnostic in result.diagnostics]))
        count += len(result.diagnostics)
    if count and not ctx.quiet:
        out.write(f"Found {count} problem{'s' if count != 1 else ''}.\n")


def _line(result: FileResult, path: str, diagnostic: Diagnostic) -> str:
    line, column = result.position(diagnostic.start)
    message = diagnostic.message
    if "\r" in message or "\n" in message:
        message = message.replace("\r", "\\r").replace("\n", "\\n")
    severity = diagnostic.severity.label
    return f"{path}:{line}:{column}: {severity} {diagnostic.code} [{diagnostic.rule}] {message}\n"
