"""Apply fixes until the text stops changing (ruff's loop, bounded).

Each round lints, takes the fixes at or above the threshold in position
order, applies every fix whose edits overlap none already taken (adjacent
edits are fine), then lints again. A fix is applied whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import NamedTuple

from mtlint.diagnostic import Applicability, Diagnostic, Edit

MAX_ROUNDS = 20


class FixOutcome(NamedTuple):
    """The fixed text, how many fixes went in, and what is left to report.
    `converged` is False when fixing did not settle, and nothing was applied."""

    text: str
    fixed: int
    diagnostics: list[Diagnostic]
    converged: bool = True


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied (any order given)."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def choose_edits(diagnostics: list[Diagnostic], threshold: Applicability) -> tuple[list[Edit], int]:
    """The edits of the fixes that can go in together in one round, and how
    many fixes they come from. Fixes are taken in position order, each only if
    it starts at or after the end of everything taken so far, so one pass is
    linear and earlier fixes win over later overlapping ones."""
    taken: list[Edit] = []
    count = 0
    fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.applicability >= threshold]
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if taken and (edits[0].start < taken[-1].end or edits[0].overlaps(taken[-1])):
            continue
        if any(a.overlaps(b) for a, b in pairwise(edits)):
            continue
        taken.extend(edits)
        count += 1
    return taken, count


def fix_until_stable(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    threshold: Applicability,
) -> FixOutcome:
    """Fix `text` with `lint` as the source of fixes, to a fixpoint.

    Fixes that never settle (two rules undoing each other, or a fix that
    does not resolve its own finding) are not applied at all: the text comes
    back unchanged with `converged` False, so that fixing twice always
    equals fixing once and nothing half-fixed is ever written.
    """
    original, original_diagnostics = text, lint(text)
    diagnostics, fixed = original_diagnostics, 0
    for _ in range(MAX_ROUNDS):
        edits, count = choose_edits(diagnostics, threshold)
        if not edits:
            return FixOutcome(text, fixed, diagnostics)
        new_text = apply_edits(text, edits)
        if new_text == text:
            return FixOutcome(text, fixed, diagnostics)
        text, fixed = new_text, fixed + count
        diagnostics = lint(text)
    if not choose_edits(diagnostics, threshold)[0]:
        return FixOutcome(text, fixed, diagnostics)
    return FixOutcome(original, 0, original_diagnostics, converged=False)
