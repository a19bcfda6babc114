"""A large document's rules on two processes (`mtlint.lanes`): real forks,
the same findings and warnings as one process, and a failed child made good."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from mtlint import lanes
from mtlint.api import build_document, check_text
from mtlint.diagnostic import Category, Fix
from mtlint.engine import Outcome, Plan
from mtlint.lanes import FORK_MIN, SECOND_LANE, in_two_lanes
from mtlint.registry import builtin_registry
from tests.conftest import SEED
from tests.test_runs import mtlint, slow_pattern_project


class FakeMeta(NamedTuple):
    code: str
    category: Category


class FakeRule(NamedTuple):
    meta: FakeMeta


RULES = [
    FakeRule(FakeMeta(f"X{index:03d}", category))
    for index, category in enumerate([Category.QUOTES, Category.UNTRANSLATED, Category.BOILERPLATE] * 3)
]


def large_text() -> str:
    """The seed past FORK_MIN, a run of "a. " that stops S001 at its cap (a
    warning), and Spanish that the second lane's rules report."""
    seed = SEED.read_text(encoding="utf-8")
    spanish = "Los soldados y las familias de la ciudad dijeron que el gobierno no tiene los recursos. " * 400
    text = seed * (FORK_MIN // len(seed) + 1) + "\n\n" + "a. " * 10_500 + "\n\n" + spanish + "\n"
    assert len(text) >= FORK_MIN
    return text


def test_the_second_lanes_rules_are_checked_in_a_child_and_come_back_in_order() -> None:
    here = os.getpid()
    outcomes = in_two_lanes(RULES, lambda rule: (rule.meta.code, os.getpid()))
    assert [code for code, _ in outcomes] == [rule.meta.code for rule in RULES]
    for rule, (_, pid) in zip(RULES, outcomes, strict=True):
        assert (pid != here) == (rule.meta.category in SECOND_LANE), rule.meta.code


def test_outcomes_come_back_as_they_were_sent() -> None:
    """The second lane sends its outcomes pickled, their findings packed
    (`Outcome.__reduce__`): findings, warnings, seconds and the dropped
    flag come back equal, fixes as Fix again."""
    found = check_text("Il a dit « bonjour  et  Ã©tÃ©", lang="fr")
    sent = [Outcome(found, ["a warning"], 0.25, dropped=True), Outcome([], [], 0.0)]
    back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sent and any(outcome.kept for outcome in back)
    assert all(type(d.fix) is Fix for d in back[0].kept if d.fix is not None)


def test_a_child_that_fails_leaves_its_rules_to_this_process() -> None:
    here = os.getpid()

    def check(rule: Any) -> str:
        if os.getpid() != here:
            raise RuntimeError("a bug in a rule, met in the child")
        return rule.meta.code

    assert in_two_lanes(RULES, check) == [rule.meta.code for rule in RULES]


def test_a_failure_here_stops_and_reaps_a_child_still_sending() -> None:
    here = os.getpid()

    def check(rule: Any) -> str:
        if os.getpid() == here:
            raise RuntimeError("a bug in a rule, met in this process")
        return "x" * 1_000_000  # more than a pipe holds: the child waits to send it

    with pytest.raises(RuntimeError, match="met in this process"):
        in_two_lanes(RULES, check)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_without_fork_every_rule_is_checked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    here = os.getpid()
    assert {pid for _, pid in in_two_lanes(RULES, lambda rule: (rule, os.getpid()))} == {here}


def test_a_large_document_finds_on_two_processes_what_it_finds_on_one(monkeypatch: pytest.MonkeyPatch) -> None:
    forks: list[int] = []
    fork = lanes._fork

    def counted(*args: Any) -> tuple[int, int]:
        forks.append(1)
        return fork(*args)

    monkeypatch.setattr(lanes, "_fork", counted)
    text = large_text()
    plan = Plan.build(builtin_registry())
    one = plan.run(build_document(text, lang="fr"))
    two = plan.run(build_document(text, lang="fr"), lanes=2)
    assert forks == [1]
    assert {d.category for d in two} >= {Category.UNTRANSLATED, Category.SEGMENTATION}
    assert [d.to_json() for d in two] == [d.to_json() for d in one]


def test_jobs_do_not_change_a_large_files_output_or_warnings(tmp_path: Path) -> None:
    (tmp_path / "large.txt").write_text(large_text(), encoding="utf-8")
    args = ("check", "--format", "json", "--lang", "fr", "--no-cache", "large.txt")
    one = mtlint(*args, "-j", "1", cwd=tmp_path)
    two = mtlint(*args, "-j", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert "S001 stopped after 10,000 findings" in two.stderr
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)


def test_a_users_pattern_timing_out_in_the_child_is_dropped_for_the_rest_of_the_run(tmp_path: Path) -> None:
    slow_pattern_project(tmp_path, "untranslated")
    (tmp_path / "a.txt").write_text(large_text() + "a" * 40 + "b\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    result = mtlint("check", "--format", "concise", "--no-cache", "-j", "2", "a.txt", "b.txt", cwd=tmp_path)
    warnings = [line for line in result.stderr.splitlines() if "timed out" in line]
    assert len(warnings) == 1 and "H001" in warnings[0] and "a.txt" in warnings[0]
