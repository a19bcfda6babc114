"""Python rules, one module per family. The list is explicit (as proselint's) so
that start-up is deterministic and a grep finds every rule."""

from __future__ import annotations

import importlib

from mtlint.rule import PythonRule

MODULES = (
    "mtlint.checks.encoding",
    "mtlint.checks.quotes",
    "mtlint.checks.typography",
    "mtlint.checks.untranslated",
    "mtlint.checks.segmentation",
    "mtlint.checks.boilerplate",
    "mtlint.grammar.rule",  # G001: LanguageTool, bound to a server only with --grammar
)


def python_rules() -> list[PythonRule]:
    """One instance of every rule class listed in each module's RULES."""
    rules: list[PythonRule] = []
    for name in MODULES:
        module = importlib.import_module(name)
        rules.extend(rule_class() for rule_class in module.RULES)
    return rules
