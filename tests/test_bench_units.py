"""The benchmark's verdict lines: what the performance issue is checked by,
so a figure printed there must never read as the other verdict."""

from __future__ import annotations

import statistics

import pytest

from benchmarks.bench import Targets, median_interval


@pytest.mark.parametrize(
    ("value", "bound", "at_most", "verdict", "shown"),
    [
        (1.6967, 1.7, False, "NOT MET", "1.697x"),  # printed "1.70x" beside NOT MET in a run
        (9.9951, 10.0, False, "NOT MET", "9.995x"),
        (1.7, 1.7, False, "met", "1.70x"),
        (1.7049, 1.7, False, "met", "1.70x"),
        (11.0345, 10.0, False, "met", "11.03x"),
        (0.2504, 0.25, True, "NOT MET", "0.2504x"),
        (0.2496, 0.25, True, "met", "0.25x"),
        (0.11, 0.25, True, "met", "0.11x"),
    ],
)
def test_a_target_line_shows_its_figure_on_the_side_of_its_verdict(
    value: float, bound: float, at_most: bool, verdict: str, shown: str
) -> None:
    targets = Targets()
    targets.check("ratio", value, bound, "x", at_most=at_most)
    (line,) = targets.lines
    assert line.strip().startswith(verdict)
    assert ("NOT MET" in line) == (verdict == "NOT MET")
    assert shown in line.split()


def test_the_targets_print_last_under_their_heading(capsys: pytest.CaptureFixture[str]) -> None:
    targets = Targets()
    targets.check("start-up", 0.11, 0.25, " s", at_most=True)
    targets.check("--jobs 2 against --jobs 1", 1.6967, 1.7, "x")
    targets.print()
    assert capsys.readouterr().out.splitlines() == ["targets:", *targets.lines]


def test_a_median_interval_holds_the_median_and_narrows_with_more_turns() -> None:
    spread = [1.62, 1.68, 1.70, 1.72, 1.74, 1.75, 1.77, 1.80, 1.86]
    low, high = median_interval(spread)
    assert low <= statistics.median(spread) <= high
    assert median_interval(spread) == (low, high)  # the same turns print the same interval
    wide = high - low
    low, high = median_interval(spread * 5)
    assert high - low < wide
    assert median_interval([1.74] * 7) == (1.74, 1.74)
