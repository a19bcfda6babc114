"""Format `json`: the contract's array, for tools that read the whole run at once."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

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
    records = [
        diagnostic_record(result, diagnostic)
        for result in results
        if result.error is None
        for diagnostic in result.diagnostics
    ]
    out.write(json.dumps(records, ensure_ascii=False, indent=2))
    out.write("\n")
