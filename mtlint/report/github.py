"""Format `github`: workflow commands that GitHub Actions turns into annotations
on the pull request's diff, so a CI run needs no SARIF upload to be read.
GitHub's log renders ANSI colours, so a file's name shows its control
characters as their pictures (`mtlint.printable`; a message has none: see
`Rule.report`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from mtlint.diagnostic import Severity
from mtlint.printable import printable
from mtlint.report import parts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mtlint.diagnostic import Diagnostic
    from mtlint.report import ReportContext
    from mtlint.results import FileResult

#: GitHub has three annotation levels; info maps to its lowest.
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """One command per diagnostic; files that could not be checked add nothing."""
    out.writelines(parts(results, part, ctx))


def part(result: FileResult, ctx: ReportContext) -> str:
    """One checked file's commands."""
    return "".join(f"{_command(result, diagnostic)}\n" for diagnostic in result.diagnostics)


def _command(result: FileResult, diagnostic: Diagnostic) -> str:
    line, column = result.position(diagnostic.start)
    end_line, end_column = result.position(diagnostic.end)
    properties = {
        "file": result.path,
        "line": line,
        "col": column,
        "endLine": end_line,
        "endColumn": end_column,
        "title": f"{diagnostic.code} [{diagnostic.rule}]",
    }
    shown = ",".join(f"{key}={printable(_escape_property(str(value)))}" for key, value in properties.items())
    return f"::{_COMMANDS[diagnostic.severity]} {shown}::{_escape_data(diagnostic.message)}"


def _escape_data(value: str) -> str:
    """GitHub's escaping of a command's message; `%` first, or its escapes
    would be escaped again."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """Property values also end at `,` and `:`, so those are escaped too."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
