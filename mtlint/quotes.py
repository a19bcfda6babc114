"""Quotation marks paired paragraph by paragraph: the analysis the `quotes`
rules share.

One pass over each paragraph keeps a stack of open marks. Which marks pair
up is a fact of Unicode typography, the same in every language; which pair a
language expects at each level is data (`lang/quotes.toml`).

Single quotes are weak: ‘ ’ and ' are far more often apostrophes, elisions
and feet than quotation marks, so they pair when they can but are never
reported on their own, and an outer closing mark silently drops them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from mtlint.document import Document
from mtlint.lang.tables import table
from mtlint.paragraphs import paragraphs

MARKS = regex.compile("[«»“”„‚‘’‹›\"']")

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


@dataclass(frozen=True, slots=True)
class Mark:
    char: str
    start: int
    level: int


@dataclass(frozen=True, slots=True)
class Pair:
    opener: Mark
    closer: Mark

    @property
    def style(self) -> str:
        return self.opener.char + self.closer.char


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect found by the analysis; `kind` picks the rule that reports it.

    `mark` is where it is reported; `other` is the mark it relates to (the
    opener a mismatched closer meets, the inner mark a wrong nesting crosses);
    `paragraph_end` is where the paragraph ends, for unclosed marks.
    """

    kind: str
    mark: Mark
    other: Mark | None = None
    paragraph_end: int = 0


@dataclass
class QuoteAnalysis:
    pairs: list[Pair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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
    spans = paragraphs(doc)
    carried: list[Mark] = []
    for index, (start, end) in enumerate(spans):
        stack, carried = carried, []
        first = _first_mark(prose, (start, end))
        # Guillemets de suite: a » opening the paragraph continues the quote.
        skip = first[1] if stack and first is not None and first[0] in "»”" else None
        _scan(prose, start, end, stack, analysis, skip)
        strong = [mark for mark in stack if mark.char not in WEAK]
        following = _first_mark(prose, spans[index + 1]) if index + 1 < len(spans) else None
        if len(strong) == 1 and strong[0].level == 1 and following is not None:
            char, pos = following
            if char == strong[0].char:
                continue  # the next paragraph reopens the same quotation
            if char in "»”" and _continues(prose, pos):
                carried = strong
                continue
        analysis.problems.extend(Problem("unclosed", mark, paragraph_end=end) for mark in strong)
    analysis.problems.sort(key=lambda problem: problem.mark.start)
    return analysis


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


def _scan(prose: str, start: int, end: int, stack: list[Mark], analysis: QuoteAnalysis, skip: int | None) -> None:
    for match in MARKS.finditer(prose, start, end):
        pos = match.start()
        if pos == skip:
            continue
        char = match.group()
        before = prose[pos - 1] if pos > start else " "
        after = prose[pos + 1] if pos + 1 < end else " "
        role = _role(char, before, after, stack)
        if role == "open" and len(stack) < MAX_OPEN:
            level = 1 + sum(1 for mark in stack if mark.char not in WEAK)
            stack.append(Mark(char, pos, level))
        elif role == "close":
            _close(Mark(char, pos, 0), stack, analysis)


def _role(char: str, before: str, after: str, stack: list[Mark]) -> str:
    """ "open", "close" or "skip" for a mark, from the characters around it."""
    opening_position = (before.isspace() or before in OPENING_BRACKETS) and not after.isspace()
    closing_position = not before.isspace() and (after.isspace() or not after.isalnum())
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
    if char in "»›”":
        # » opens only as German »…« does, when nothing it could close is open.
        closable = any(char in CLOSERS[mark.char] for mark in stack)
        if opening_position and not closable and after.isalpha() and before not in "\u00a0\u202f":
            return "open"
        return "close"
    if char in "«‹":
        if closing_position and any(mark.char in "»›" for mark in stack):
            return "close"
        return "open"
    return "open"  # „ ‚


def _close(closer: Mark, stack: list[Mark], analysis: QuoteAnalysis) -> None:
    """Pop the opener `closer` ends, or record why it cannot."""
    for depth in range(len(stack) - 1, -1, -1):
        opener = stack[depth]
        if closer.char not in CLOSERS[opener.char]:
            continue
        crossed = [mark for mark in stack[depth + 1 :] if mark.char not in WEAK]
        if crossed:
            analysis.problems.append(Problem("nesting", closer, crossed[-1]))
            del stack[depth]
        else:
            del stack[depth:]
        analysis.pairs.append(Pair(opener, Mark(closer.char, closer.start, opener.level)))
        return
    if closer.char in WEAK:
        return
    while stack and stack[-1].char in WEAK:
        stack.pop()
    if stack:
        opener = stack.pop()
        analysis.problems.append(Problem("mismatched", closer, opener))
    elif closer.char != '"':
        analysis.problems.append(Problem("unmatched", closer))


def quoted(doc: Document) -> list[tuple[int, int]]:
    """The spans between paired quotation marks (marks included), sorted:
    rules use them to tell quoted titles and slogans from running text."""
    return doc.memo("quoted", lambda d: sorted((p.opener.start, p.closer.start + 1) for p in analyse(d).pairs))


def is_quoted(doc: Document, start: int, end: int, *, max_words: int | None = None) -> bool:
    """Whether [start, end) lies inside a quotation; with `max_words`, only
    inside one that short (titles and slogans are short, speech is not)."""
    for left, right in quoted(doc):
        inside = left < start and end <= right
        if inside and (max_words is None or len(doc.prose[left:right].split()) <= max_words):
            return True
    return False
