"""Format `json-lines`: the contract's records one per line, for streaming and grep."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, TextIO

from mtlint.patterns import lazy
from mtlint.report import parts
from mtlint.report.json_fields import diagnostic_record

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mtlint.report import ReportContext
    from mtlint.results import FileResult

#: Characters JSON leaves raw with ensure_ascii=False that `str.splitlines()`
#: (and other Unicode-aware readers) take for line breaks. They can occur only
#: inside JSON strings, where their \u escape means the same thing.
_UNICODE_BREAKS = lazy(re.compile, "[\x85\u2028\u2029]")


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """One compact record per line; files that could not be checked add nothing."""
    out.writelines(parts(results, part, ctx))


def part(result: FileResult, ctx: ReportContext) -> str:
    """One checked file's records."""
    lines = []
    for diagnostic in result.diagnostics:
        line = json.dumps(diagnostic_record(result, diagnostic), ensure_ascii=False, separators=(",", ":"))
        lines.append(f"{_UNICODE_BREAKS.sub(_escape, line)}\n")
    return "".join(lines)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
