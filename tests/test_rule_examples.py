"""Every rule's examples are its tests (LanguageTool's discipline).

A bad example must give exactly its marked spans, a good one nothing, and a
bad example with `fixed` must become exactly that text when the rule alone
fixes it, and fixing again must change nothing. A new rule is tested the
moment it exists.
"""

from __future__ import annotations

import pytest

from mtlint.api import build_document
from mtlint.diagnostic import Applicability
from mtlint.engine import Plan
from mtlint.examples import Example
from mtlint.fixer import fix_until_stable
from mtlint.registry import Registry, builtin_registry
from mtlint.rule import Rule

REGISTRY = builtin_registry()
CASES = [
    pytest.param(rule, example, id=f"{rule.meta.code}-{example.kind}-{index}")
    for rule in REGISTRY.rules
    for index, example in enumerate(rule.meta.examples)
]


def example_lang(rule: Rule, example: Example) -> str:
    """The example's own language, else French when the rule covers it (the
    founding pair), else the rule's first language."""
    if example.lang:
        return example.lang
    return "fr" if rule.meta.applies_to("fr") else rule.meta.languages[0]


def lint_with(rule: Rule, example: Example):
    plan = Plan.build(Registry([rule.for_examples()]), select=[rule.meta.code], preview=True)
    lang = example_lang(rule, example)

    def lint(text: str):
        return plan.run(build_document(text, markup=example.markup, lang=lang))

    return lint


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: Example) -> None:
    lint = lint_with(rule, example)
    found = [(d.start, d.end) for d in lint(example.plain)]
    if example.kind == "good":
        assert found == [], f"good example flagged: {example.text!r}"
        return
    assert found == example.spans, f"expected the marked spans of {example.text!r}"
    if example.fixed is None:
        return
    outcome = fix_until_stable(example.plain, lint, Applicability.UNSAFE)
    assert outcome.text == example.fixed
    again = fix_until_stable(outcome.text, lint, Applicability.UNSAFE)
    assert again.text == outcome.text, "fixing twice must equal fixing once"
    assert again.fixed == 0
