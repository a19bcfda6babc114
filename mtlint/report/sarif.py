"""Format `sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

Columns are declared as code points (`columnKind`), which is what every
mtlint offset counts, so regions need no conversion to UTF-16.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from mtlint import __version__
from mtlint.diagnostic import Applicability, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mtlint.diagnostic import Diagnostic, Edit, Fix
    from mtlint.report import ReportContext
    from mtlint.results import FileResult
    from mtlint.rule import RuleMeta

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/mtlint/mtlint"
#: The base a relative artifact URI is resolved against: the checkout's root.
SRCROOT = "%SRCROOT%"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """The whole log as one JSON document; files that could not be checked add nothing."""
    checked = [result for result in results if result.error is None]
    descriptors = _descriptors(ctx.rules, checked)
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    run = {
        "tool": {
            "driver": {
                "name": "mtlint",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(result, diagnostic, index[diagnostic.code])
            for result in checked
            for diagnostic in result.diagnostics
        ],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    out.write(json.dumps(log, ensure_ascii=False, indent=2))
    out.write("\n")


def _descriptors(rules: Mapping[str, RuleMeta], results: Sequence[FileResult]) -> list[dict[str, Any]]:
    """One descriptor per rule that ran, sorted by code. A reported code missing
    from `rules` still gets a minimal one, since every `ruleIndex` must resolve."""
    descriptors = {code: _descriptor(meta) for code, meta in rules.items()}
    for result in results:
        for diagnostic in result.diagnostics:
            if diagnostic.code not in descriptors:
                descriptors[diagnostic.code] = {
                    "id": diagnostic.code,
                    "name": diagnostic.rule,
                    "properties": {"category": diagnostic.category.value, "tags": [diagnostic.category.value]},
                }
    return [descriptors[code] for code in sorted(descriptors)]


def _descriptor(meta: RuleMeta) -> dict[str, Any]:
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.explanation},
        "help": {"text": meta.explanation},
        "defaultConfiguration": {"level": _LEVELS[meta.severity]},
        "properties": {"category": meta.category.value, "tags": [meta.category.value], "status": meta.status},
    }


def _result(result: FileResult, diagnostic: Diagnostic, rule_index: int) -> dict[str, Any]:
    location = _artifact_location(result.path)
    sarif_result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        **_region(result, diagnostic.start, diagnostic.end),
                        "snippet": {"text": diagnostic.text},
                    },
                }
            }
        ],
        "properties": {"code": diagnostic.code, "category": diagnostic.category.value},
    }
    if diagnostic.fix is not None:
        sarif_result["fixes"] = [_fix(result, diagnostic.fix, location)]
    return sarif_result


def _fix(result: FileResult, fix: Fix, location: dict[str, str]) -> dict[str, Any]:
    description = fix.title or "Apply the suggested fix"
    if fix.applicability is Applicability.UNSAFE:
        description += " (unsafe)"
    return {
        "description": {"text": description},
        "artifactChanges": [
            {"artifactLocation": location, "replacements": [_replacement(result, edit) for edit in fix.edits]}
        ],
    }


def _replacement(result: FileResult, edit: Edit) -> dict[str, Any]:
    return {"deletedRegion": _region(result, edit.start, edit.end), "insertedContent": {"text": edit.replacement}}


def _region(result: FileResult, start: int, end: int) -> dict[str, int]:
    """SARIF's endColumn is exclusive like mtlint's end offsets, so an empty
    edit (an insertion) becomes an empty region."""
    start_line, start_column = result.position(start)
    end_line, end_column = result.position(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _artifact_location(path: str) -> dict[str, str]:
    """A relative path stays relative to %SRCROOT%, which is how code scanning
    matches results to files in the repository; an absolute one becomes a file
    URI. Either way characters a URI cannot hold (spaces, `%`, `#`, a `:` that
    would read as a scheme) are percent-encoded."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}
