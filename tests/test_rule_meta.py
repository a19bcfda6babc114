"""Meta-tests: the registry refuses what would make a rule untestable or
undocumented (LanguageTool's PatternRuleTest, ruff's docs check)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from mtlint.diagnostic import Category
from mtlint.errors import PackError
from mtlint.packs import load_pack
from mtlint.registry import BUILTIN_CODE, RULE_NAME, Registry, builtin_registry
from mtlint.rule import Context, PythonRule, cleandoc

REGISTRY = builtin_registry()
RULES = [pytest.param(rule, id=rule.meta.code) for rule in REGISTRY.rules]


@pytest.mark.parametrize("rule", RULES)
def test_rule_is_documented(rule) -> None:
    meta = rule.meta
    assert BUILTIN_CODE.fullmatch(meta.code), "code is a category letter and three digits"
    assert meta.code[0] == meta.category.letter, "code letter matches the category"
    assert RULE_NAME.fullmatch(meta.name), "name is kebab-case"
    assert meta.summary and "\n" not in meta.summary
    assert len(meta.explanation) >= 80, "explanation says why, and what to do"
    assert meta.status in ("stable", "preview")


@pytest.mark.parametrize("rule", RULES)
def test_rule_has_examples(rule) -> None:
    kinds = [example.kind for example in rule.meta.examples]
    assert "bad" in kinds and "good" in kinds
    if rule.meta.fix is not None:
        assert any(example.fixed is not None for example in rule.meta.examples), "a fixable rule shows its fix"
    languages = {example.lang for example in rule.meta.examples}
    assert len(languages) >= 2, "examples in French and at least one other language"


def test_categories_are_the_contract() -> None:
    assert {c.value for c in Category} == {
        "encoding",
        "quotes",
        "untranslated",
        "segmentation",
        "boilerplate",
        "typography",
        "grammar",
    }
    assert {rule.meta.category for rule in REGISTRY.rules} <= set(Category)


def test_duplicate_code_is_refused() -> None:
    rule = REGISTRY.rules[0]
    with pytest.raises(PackError, match="already defined"):
        Registry([rule, rule])


def write_pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "house.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_RULE = """
[[rules]]
code = "H001"
name = "house-rule"
kind = "pattern"
category = "typography"
severity = "warning"
pattern = 'foo'
message = "no foo"
summary = "no foo"
explanation = "Because foo."
examples = [{ bad = "a ⟦foo⟧" }, { good = "a bar" }]
"""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("pattern = 'foo'", "pattern = 'fo(o'"), "pattern"),
        (('severity = "warning"', 'severity = "fatal"'), "severity"),
        (('category = "typography"', 'category = "style"'), "category"),
        (('kind = "pattern"', 'kind = "magic"'), "kind"),
        (('summary = "no foo"\n', ""), "summary"),
        (('message = "no foo"', 'message = "no foo"\ncolour = 1'), "colour"),
        (('{ bad = "a ⟦foo⟧" }', '{ bad = "a ⟦foo" }'), "examples[0]"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter = []"), "prefilter"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter = [\"f\\no\"]"), "prefilter"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter = 'fo'"), "prefilter"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter-start = 'f(o'"), "prefilter-start"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter-start = 'f'\nprefilter = ['fo']"), "prefilter-start"),
        (("pattern = 'foo'", "pattern = 'foo'\nprefilter-start = ['f']"), "prefilter-start"),
    ],
)
def test_broken_pack_names_file_rule_and_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = write_pack(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(PackError) as raised:
        load_pack(path)
    message = str(raised.value)
    assert str(path) in message and "H001" in message and field in message
    assert "\n" not in message


def test_user_pack_loads_beside_builtins(tmp_path: Path) -> None:
    extended = REGISTRY.extended([write_pack(tmp_path, GOOD_RULE)])
    assert extended.get("house-rule") is not None
    assert extended.get("H001") is extended.get("house-rule")


def test_prefilter_changes_cost_not_findings(tmp_path: Path) -> None:
    """A pack's `prefilter` lets the pattern skip lines without its strings;
    on lines and texts of every shape the findings are those of the plain
    pattern (the strings on a few lines, on none, on many)."""
    from mtlint.api import build_document

    plain = load_pack(write_pack(tmp_path, GOOD_RULE))[0]
    filtered = load_pack(
        write_pack(tmp_path, GOOD_RULE.replace("pattern = 'foo'", "pattern = 'foo'\nprefilter = ['fo']"))
    )[0]
    texts = ["", "no match here\n", "a foo\nbar\n\nfoo foo", "x\n" * 5000 + "foo", "foo\n" * 3000]
    for text in texts:
        doc = build_document(text, lang="fr")
        spans = [[(d.start, d.end) for d in rule.check(doc, Context())] for rule in (plain, filtered)]
        assert spans[0] == spans[1]


def test_prefilter_start_changes_cost_not_findings(tmp_path: Path) -> None:
    """A pack's `prefilter-start` lets the pattern be tried only where it
    matches; the findings are those of the plain pattern, where matches
    follow each other, where the prefilter's matches overlap (`oo` at every
    o of `ooo`) and where it matches far more often than the pattern."""
    from mtlint.api import build_document

    rule = GOOD_RULE.replace("pattern = 'foo'", "pattern = 'o+f|of'")
    plain = load_pack(write_pack(tmp_path, rule))[0]
    for prefilter in ("o", "oo?", "o(?=o|f)"):
        filtered = load_pack(
            write_pack(tmp_path, rule.replace("pattern =", f"prefilter-start = '{prefilter}'\npattern ="))
        )[0]
        for text in ["", "no match\n", "oof of ooof", "ofofof", "o" * 5000 + "f", "oooo ooo of\n" * 300]:
            doc = build_document(text, lang="fr")
            spans = [[(d.start, d.end) for d in each.check(doc, Context())] for each in (plain, filtered)]
            assert spans[0] == spans[1], (prefilter, text[:20])


HOSTILE = {
    "masked page": ("<!-- " * 40000, "html"),
    "spaces": (" " * 200000 + "x", "plain"),
    "marks": (",;:.!?" * 30000, "plain"),
    "one long word": ("a" * 200000, "plain"),
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_builtin_patterns_do_not_backtrack(shape: str) -> None:
    """Every built-in pattern runs on hostile shapes within the regex
    timeout that guards users' packs: a pattern that backtracks on them
    raises RuleTimeout instead of hanging the suite."""
    from copy import copy

    from mtlint.api import build_document
    from mtlint.kinds.pattern import PatternRule

    text, markup = HOSTILE[shape]
    doc = build_document(text, markup=markup, lang="fr")
    for rule in REGISTRY.rules:
        if isinstance(rule, PatternRule):
            guarded = copy(rule)
            guarded.timeout = 5.0
            list(guarded.check(doc, Context()))


@pytest.mark.parametrize(
    "doc",
    [
        *(type(rule).__doc__ for rule in REGISTRY.rules if isinstance(rule, PythonRule)),
        "",
        "one line",
        "\n\n  first after blanks\n    deeper\n  back\n\n",
        "first\n\tTabbed\n\t  more\n   \n",
        "  lead\n        all\n        deep\n",
    ],
)
def test_cleandoc_cleans_as_inspect_does(doc: str | None) -> None:
    assert cleandoc(doc or "") == inspect.cleandoc(doc or "")
