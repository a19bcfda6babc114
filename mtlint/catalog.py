"""The rule catalog as users read it: `mtlint rules` and `mtlint explain`.

Everything here is rendered from the registry's metadata, so the docs cannot
drift from the rules.
"""

from __future__ import annotations

import json
from typing import Any

from mtlint.registry import Registry
from mtlint.rule import RuleMeta


def rule_record(meta: RuleMeta) -> dict[str, Any]:
    """One rule as `mtlint rules --format json` lists it (DESIGN.md fields
    first: code, rule, category, severity, languages, fixable, summary)."""
    return {
        "code": meta.code,
        "rule": meta.name,
        "category": meta.category.value,
        "severity": meta.severity.label,
        "languages": list(meta.languages),
        "fixable": meta.fix is not None,
        "summary": meta.summary,
        "fix": meta.fix.label if meta.fix is not None else None,
        "status": meta.status,
        "explanation": meta.explanation,
        "options": {name: {"default": option.default, "help": option.help} for name, option in meta.options.items()},
        "examples": [
            {"kind": example.kind, "text": example.text, "fixed": example.fixed, "lang": example.lang}
            for example in meta.examples
        ],
    }


def rules_json(registry: Registry) -> str:
    return json.dumps([rule_record(rule.meta) for rule in registry.rules], ensure_ascii=False, indent=2) + "\n"


def rules_table(registry: Registry) -> str:
    """One aligned line per rule: code, name, category, severity, fix, summary."""
    rows = [
        (
            meta.code,
            meta.name,
            meta.category.value,
            meta.severity.label,
            meta.fix.label if meta.fix else "-",
            ("(preview) " if meta.status == "preview" else "") + meta.summary,
        )
        for meta in (rule.meta for rule in registry.rules)
    ]
    header = ("CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "SUMMARY")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[5]
        for row in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def explain(meta: RuleMeta) -> str:
    """A rule's page: what it flags, why, examples, fix safety and options."""
    fix = f"{meta.fix.label} (applied with --fix{' --unsafe-fixes' if meta.fix.label == 'unsafe' else ''})"
    lines = [
        f"{meta.code} {meta.name}",
        "",
        meta.summary,
        "",
        f"Category: {meta.category.value}    Severity: {meta.severity.label}    Status: {meta.status}",
        f"Languages: {', '.join(meta.languages)}    Fix: {fix if meta.fix else 'none'}",
        "",
        meta.explanation,
        "",
        "Examples:",
    ]
    for example in meta.examples:
        where = f" [{example.lang}]" if example.lang else ""
        lines.append(f"  {example.kind}{where}: {example.text}")
        if example.fixed is not None:
            lines.append(f"  fixed{where}: {example.fixed}")
    if meta.options:
        lines += ["", "Options:"]
        lines += [f"  {name} (default {option.default!r}): {option.help}" for name, option in meta.options.items()]
    return "\n".join(lines) + "\n"
