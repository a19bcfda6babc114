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
from mtlint.report import parts

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
#: the log's results as `json.dumps` writes them when there are none, and the
#: lines that open and close them when there are
NO_RESULTS = '"results": []'
RESULTS_OPEN = '"results": [\n'
RESULTS_CLOSE = "\n      ]"
#: the lines `_results_text` cuts from a file's results nested as deep as
#: the log's (in three lists: the runs' list, a run, the results' list)
NESTING_OPEN = "[\n  [\n    [\n      [\n"
NESTING_CLOSE = "\n      ]\n    ]\n  ]\n]"


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """The whole log as one JSON document; files that could not be checked add nothing.

    The log is written around its results: each file's share of them is its
    `part`, rendered by the process that linted it where it could (a worker
    of `--jobs`), else here."""
    checked = [result for result in results if result.error is None]
    extra = _codes_beyond(ctx.rules, checked)
    descriptors = [_descriptor(ctx.rules[code]) for code in sorted(ctx.rules)]
    descriptors += [_minimal_descriptor(diagnostic) for diagnostic in extra.values()]
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
        "results": [],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).split(NO_RESULTS, 1)
    pieces = parts(checked, lambda result, _: _results_text(result, index), ctx)
    shares = ",\n".join(piece for piece in pieces if piece)
    out.write(f"{head}{RESULTS_OPEN}{shares}{RESULTS_CLOSE}{tail}\n" if shares else f"{head}{NO_RESULTS}{tail}\n")


def part(result: FileResult, ctx: ReportContext) -> str | None:
    """One checked file's results as they stand in the log, or None when one
    of its codes is not among the rules that ran (`ctx.rules`): such a code's
    descriptor, and so its index, are known only once the whole run is."""
    if any(diagnostic.code not in ctx.rules for diagnostic in result.diagnostics):
        return None
    return _results_text(result, {code: position for position, code in enumerate(sorted(ctx.rules))})


def _results_text(result: FileResult, index: Mapping[str, int]) -> str:
    """`result`'s SARIF results as the log's indented text holds them: one
    `json.dumps` of them nested as deep as the log's results, the nesting's
    lines cut off."""
    if not result.diagnostics:
        return ""
    records = [_result(result, diagnostic, index[diagnostic.code]) for diagnostic in result.diagnostics]
    return json.dumps([[[records]]], ensure_ascii=False, indent=2)[len(NESTING_OPEN) : -len(NESTING_CLOSE)]


def _codes_beyond(rules: Mapping[str, RuleMeta], results: Sequence[FileResult]) -> dict[str, Diagnostic]:
    """A diagnostic of each reported code missing from `rules`, by code in
    order: each still gets a descriptor, after the rules that ran, since
    every `ruleIndex` must resolve. Results rendered in a worker hold none
    (`part`)."""
    extra: dict[str, Diagnostic] = {}
    for result in results:
        if result.fragment is None:
            for diagnostic in result.diagnostics:
                if diagnostic.code not in rules:
                    extra.setdefault(diagnostic.code, diagnostic)
    return dict(sorted(extra.items()))


def _minimal_descriptor(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "id": diagnostic.code,
        "name": diagnostic.rule,
        "properties": {"category": diagnostic.category.value, "tags": [diagnostic.category.value]},
    }


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
