"""Format `json`: the contract's array, for tools that read the whole run at once."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from mtlint.report import parts
from mtlint.report.json_fields import diagnostic_record

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mtlint.report import ReportContext
    from mtlint.results import FileResult


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """One array of every diagnostic, files and diagnostics in the order given.

    Files that could not be checked add nothing: their reason goes to stderr,
    and a consumer of this array must only ever see contract records.
    """
    pieces = [piece for piece in parts(results, part, ctx) if piece]
    out.write("[\n" + ",\n".join(pieces) + "\n]\n" if pieces else "[]\n")


def part(result: FileResult, ctx: ReportContext) -> str:
    """One checked file's records as they stand in the array: the file's own
    array without its brackets' lines. One `json.dumps` a file: with an
    indent, each call sets up the pure-Python encoder, which cost more than
    encoding a record."""
    if not result.diagnostics:
        return ""
    records = [diagnostic_record(result, diagnostic) for diagnostic in result.diagnostics]
    return json.dumps(records, ensure_ascii=False, indent=2)[2:-2]
