"""Quotation marks paired paragraph by paragraph: the analysis the `quotes`
rules share.

One pass over each paragraph keeps a stack of open marks. Which marks pair
up is a fact of Unicode typography, the same in every language; which pair a
language expects at each level is data (`lang/quotes.toml`).

Single quotes are weak: ‘ ’ and ' are far more often apostrophes, elisions
and feet than quotation marks, so they pair when they can but are never
reported on their own, and an outer closing mark silently drops them.

The marks are found with one C-speed search per mark the text holds, and
a run of one mark («««) is taken whole; only the paragraphs holding a mark
are visited.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

from mtlint.document import Document
from mtlint.lang.tables import table
from mtlint.paragraphs import paragraphs
from mtlint.pattern_store import kept

#: each mark that can open, with the marks that can close it
CLOSERS = {
    "«": "»",
    "»": "«",
    "“": "”“",
    "„": "“”",
    "‘": "’",
    "‚": "‘’",
    "‹": "›",
    "›": "‹",
    "”": "”",
    '"': '"',
    "'": "'",
}
WEAK = frozenset("‘‚'’")
#: real quotations never nest this deep; past it, openers are not tracked,
#: which keeps every step of the scan constant-time on hostile input
MAX_OPEN = 16
OPENING_BRACKETS = frozenset("([{—–-/")
#: with nothing open, these marks always open, and the mark paired with each
#: always closes it when it comes next, whatever stands around them: the scan
#: takes such a pair, by far the most common case, in one step
SIMPLE_PAIRS = {"«": "»", "“": "”", "‹": "›"}
#: the marks besides the two apostrophes, each found with `str.find`
MARKS = '«»“”„‚‘‹›"'
#: a run of one mark, from where it starts
RUN = {char: kept(re.compile, f"{re.escape(char)}+") for char in MARKS}
#: runs of an apostrophe, except one alone between two letters or digits
#: (l’accord, aujourd'hui): the scan would skip it, and French has thousands.
#: `[^\W_]` is exactly what `str.isalnum` accepts, as the scan tests it.
APOSTROPHE_RUNS = {char: kept(re.compile, f"{char}(?:{char}+|(?<![^\\W_]{char})|(?![^\\W_]))") for char in "’'"}


# Named tuples rather than dataclasses: a long text holds thousands of marks,
# and a tuple is built several times faster than a frozen dataclass.
class Mark(NamedTuple):
    char: str
    start: int
    level: int


class Pair(NamedTuple):
    opener: Mark
    closer: Mark
    style: str  # the two marks, as the language tables write pairs


class Problem(NamedTuple):
    """One defect found by the analysis; `kind` picks the rule that reports it.

    `mark` is where it is reported; `other` is the mark it relates to (the
    opener a mismatched closer meets, the inner mark a wrong nesting crosses);
    `paragraph_end` is where the paragraph ends, for unclosed marks.
    """

    kind: str
    mark: Mark
    other: Mark | None = None
    paragraph_end: int = 0


class QuoteAnalysis:
    """The document's quote pairs and problems, as `_analyse` finds them."""

    def __init__(self) -> None:
        self.pairs: list[Pair] = []
        self.problems: list[Problem] = []


def levels(lang: str) -> list[list[str]]:
    """The accepted pairs at each level for `lang` (empty when unknown)."""
    return table("quotes")["levels"].get(lang, [])


def inner_space(lang: str) -> str:
    """What the language puts between a guillemet and the text ("" if nothing)."""
    return table("quotes")["inner-space"].get(lang, "")


def analyse(doc: Document) -> QuoteAnalysis:
    """The pairs and problems of the whole document, shared by every rule."""
    return doc.memo("quotes", _analyse)


def _analyse(doc: Document) -> QuoteAnalysis:
    analysis = QuoteAnalysis()
    prose = doc.prose
    by_paragraph = _runs_by_paragraph(doc)
    spans = paragraphs(doc) if by_paragraph else []
    carried: list[Mark] = []
    carried_into = -1
    # A paragraph without marks changes nothing: no mark is carried into it,
    # since a carried quotation needs the paragraph to start with » or ”.
    for index, runs in by_paragraph:
        start, end = spans[index]
        stack = carried if carried_into == index else []
        carried = []
        skip = None
        if stack:
            # Guillemets de suite: a » opening the paragraph continues the quote.
            first = _first_mark(prose, (start, end))
            skip = first[1] if first is not None and first[0] in "»”" else None
        _scan(prose, start, end, runs, stack, analysis, skip)
        if not stack:
            continue
        strong = [mark for mark in stack if mark.char not in WEAK]
        if len(strong) == 1 and strong[0].level == 1 and index + 1 < len(spans):
            following = _first_mark(prose, spans[index + 1])
            if following is not None:
                char, pos = following
                if char == strong[0].char:
                    continue  # the next paragraph reopens the same quotation
                if char in "»”" and _continues(prose, pos):
                    carried, carried_into = strong, index + 1
                    continue
        analysis.problems.extend(Problem("unclosed", mark, paragraph_end=end) for mark in strong)
    analysis.problems.sort(key=lambda problem: problem.mark.start)
    return analysis


def _runs_by_paragraph(doc: Document) -> list[tuple[int, list[tuple[int, int]]]]:
    """Each paragraph that holds marks (its index) with its runs of marks
    (start, end), in order. Paragraphs are whole lines, so a run never
    straddles two and the characters around an apostrophe that
    `APOSTROPHE_RUNS` looks at are those the scan would see."""
    prose = doc.prose
    runs = [run for char in MARKS if char in prose for run in _runs(prose, char)]
    for char, runs_of in APOSTROPHE_RUNS.items():
        if char in prose:
            runs.extend(match.span() for match in runs_of.finditer(prose))
    if not runs:
        return []
    runs.sort()
    spans = paragraphs(doc)
    paragraph_starts = [start for start, _ in spans]
    run_starts = [start for start, _ in runs]
    groups: list[tuple[int, list[tuple[int, int]]]] = []
    first = 0
    while first < len(runs):
        index = bisect_right(paragraph_starts, run_starts[first]) - 1
        end = spans[index][1] if index >= 0 else -1
        after = bisect_left(run_starts, end, first)
        if after > first:
            group = runs[first:after]
            if group[-1][1] > end:
                group[-1] = (group[-1][0], end)
            groups.append((index, group))
        else:
            after = first + 1  # between paragraphs: blank, so never the case
        first = after
    return groups


def _runs(prose: str, char: str) -> list[tuple[int, int]]:
    """The runs of `char` in `prose`: `str.find` goes from one to the next
    several times faster than a regex search for the same character."""
    runs = []
    find = prose.find
    at = find(char)
    while at >= 0:
        end = at + 1
        if prose.startswith(char, end):
            end = RUN[char].match(prose, at).end()  # type: ignore[union-attr]
        runs.append((at, end))
        at = find(char, end)
    return runs


def _first_mark(prose: str, span: tuple[int, int]) -> tuple[str, int] | None:
    """The quotation mark opening a paragraph, if it starts with one."""
    start, end = span
    while start < end and prose[start].isspace():
        start += 1
    if start < end and prose[start] in "«»“”„":
        return prose[start], start
    return None


def _continues(prose: str, pos: int) -> bool:
    """» or ” at a paragraph start followed by a space is a continuation mark."""
    return pos + 1 < len(prose) and prose[pos + 1].isspace()


def _scan(
    prose: str,
    start: int,
    end: int,
    runs: list[tuple[int, int]],
    stack: list[Mark],
    analysis: QuoteAnalysis,
    skip: int | None,
) -> None:
    index, count = 0, len(runs)
    while index < count:
        run_start, run_end = runs[index]
        char = prose[run_start]
        index += 1
        if not stack and char in SIMPLE_PAIRS and run_end == run_start + 1 and index < count:
            closer_start, closer_end = runs[index]
            if closer_end == closer_start + 1 and prose[closer_start] == SIMPLE_PAIRS[char] and closer_start != skip:
                closer = prose[closer_start]
                analysis.pairs.append(Pair(Mark(char, run_start, 1), Mark(closer, closer_start, 1), char + closer))
                index += 1
                continue
        last = run_end - 1
        pos = run_start
        while pos <= last:
            if pos != skip:
                before = prose[pos - 1] if pos > start else " "
                after = prose[pos + 1] if pos + 1 < end else " "
                role = _role(char, before, after, stack)
                if role == "open":
                    changed = len(stack) < MAX_OPEN
                    if changed:
                        level = 1 + sum(1 for mark in stack if mark.char not in WEAK) if stack else 1
                        stack.append(Mark(char, pos, level))
                else:
                    changed = role == "close" and _close(Mark(char, pos, 0), stack, analysis)
                if not changed and run_start < pos < last:
                    # Inside a run each mark sees the same mark on both sides:
                    # once one changes nothing, the next ones cannot either.
                    pos = last
                    continue
            pos += 1


def _role(char: str, before: str, after: str, stack: list[Mark]) -> str:
    """ "open", "close" or "skip" for a mark, from the characters around it."""
    opening_position = (before.isspace() or before in OPENING_BRACKETS) and not after.isspace()
    closing_position = not before.isspace() and (after.isspace() or not after.isalnum())
    # Guillemets first: they are most of the marks a scan meets.
    if char in "»›”":
        # » opens only as German »…« does, when nothing it could close is open.
        closable = bool(stack) and any(char in CLOSERS[mark.char] for mark in stack)
        if opening_position and not closable and after.isalpha() and before not in "\u00a0\u202f":
            return "open"
        return "close"
    if char in "«‹":
        if closing_position and stack and any(mark.char in "»›" for mark in stack):
            return "close"
        return "open"
    if char in "’'":
        if before.isalnum() and after.isalnum():
            return "skip"  # l’accord, aujourd'hui, rock ’n’ roll
        if char == "’":
            return "close" if any(mark.char in "‘‚" for mark in stack) else "skip"
        if opening_position:
            return "open"
        return "close" if any(mark.char == "'" for mark in stack) else "skip"
    if char == '"':
        if before.isalnum() and after.isalnum():
            return "skip"  # d"autres: a typo for an apostrophe, not a quotation
        if before.isspace() and after.isspace():
            return "skip"  # the sign itself, as in « le symbole " des pouces »
        if before.isdigit() and not any(mark.char == '"' for mark in stack):
            return "skip"  # 24" screens
        if opening_position and not closing_position:
            return "open"
        if closing_position and not opening_position:
            return "close"
        return "close" if stack and stack[-1].char == '"' else "open"
    if char == "“":
        # German „…“ closes with the mark English opens with.
        return "close" if any(mark.char == "„" for mark in stack) and not opening_position else "open"
    if char == "‘":
        return "close" if stack and stack[-1].char == "‚" else "open"
    return "open"  # „ ‚


def _close(closer: Mark, stack: list[Mark], analysis: QuoteAnalysis) -> bool:
    """Pop the opener `closer` ends, or record why it cannot; whether
    anything changed."""
    for depth in range(len(stack) - 1, -1, -1):
        opener = stack[depth]
        if closer.char not in CLOSERS[opener.char]:
            continue
        crossed = [mark for mark in stack[depth + 1 :] if mark.char not in WEAK] if depth + 1 < len(stack) else []
        if crossed:
            analysis.problems.append(Problem("nesting", closer, crossed[-1]))
            del stack[depth]
        else:
            del stack[depth:]
        analysis.pairs.append(Pair(opener, Mark(closer.char, closer.start, opener.level), opener.char + closer.char))
        return True
    if closer.char in WEAK:
        return False
    changed = bool(stack)
    while stack and stack[-1].char in WEAK:
        stack.pop()
    if stack:
        opener = stack.pop()
        analysis.problems.append(Problem("mismatched", closer, opener))
    elif closer.char != '"':
        analysis.problems.append(Problem("unmatched", closer))
        changed = True
    return changed


def quoted(doc: Document) -> list[tuple[int, int]]:
    """The spans between paired quotation marks (marks included), sorted:
    rules use them to tell quoted titles and slogans from running text."""
    return doc.memo("quoted", lambda d: sorted((p.opener.start, p.closer.start + 1) for p in analyse(d).pairs))


def is_quoted(doc: Document, start: int, end: int, *, max_words: int | None = None) -> bool:
    """Whether [start, end) lies inside a quotation; with `max_words`, only
    inside one that short (titles and slogans are short, speech is not).

    Only quotations opening before `start` can hold the span, and among
    them, going back, none can once the furthest end reached so far falls
    short of `end`: a question costs a bisection, not a pass over them all."""
    spans, reach = doc.memo("quoted-reach", _quoted_reach)
    index = bisect_left(spans, (start,)) - 1
    while index >= 0 and reach[index] >= end:
        left, right = spans[index]
        if end <= right and (max_words is None or len(doc.prose[left:right].split()) <= max_words):
            return True
        index -= 1
    return False


def _quoted_reach(doc: Document) -> tuple[list[tuple[int, int]], list[int]]:
    """The quoted spans and, for each, the furthest end of it and those before."""
    spans = quoted(doc)
    return spans, list(accumulate((right for _, right in spans), max))
