"""The contract's record for one diagnostic (DESIGN.md, "JSON output").

Other tools parse these records, so both JSON formats build them here: one
place decides the field names, their order and their value types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtlint.diagnostic import Diagnostic, Fix
    from mtlint.results import FileResult


def diagnostic_record(result: FileResult, diagnostic: Diagnostic) -> dict[str, Any]:
    """The contract's fields in the contract's order; `end_line`/`end_column`
    locate the exclusive end, so a one-character span ends one column later."""
    line, column = result.position(diagnostic.start)
    end_line, end_column = result.position(diagnostic.end)
    return {
        "path": result.path,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "category": diagnostic.category.value,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "start": diagnostic.start,
        "end": diagnostic.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": diagnostic.text,
        "suggestions": list(diagnostic.suggestions),
        "fix": _fix_record(diagnostic.fix),
    }


def _fix_record(fix: Fix | None) -> dict[str, Any] | None:
    """Only applicability and edits: the fix's title is display text, not contract."""
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.label,
        "edits": [{"start": edit.start, "end": edit.end, "replacement": edit.replacement} for edit in fix.edits],
    }
