"""Format `full` (the default): each diagnostic with its source line, the span
underlined, and the fix offered; then a summary per category.

Each block is built as pieces of text with a style. On a colour terminal
rich renders them, as `Text` objects, never as console markup: scraped text
is full of brackets (`[email protected]`). Elsewhere (a pipe, a CI log, the
output pre-commit captures) the pieces are written as they are: the same
bytes, without importing rich's console, which cost every start 116 M
instructions, a seventh of it.
Tabs in any piece are shown as one space, as in the source excerpt, so
that no renderer has tab stops to expand, and control characters as their
pictures (`mtlint.printable`), so that neither renderer passes
an escape sequence of the text to the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Protocol, TextIO

from rich.cells import cell_len

from mtlint.diagnostic import Applicability, Diagnostic, Severity
from mtlint.printable import printable
from mtlint.report import ReportContext, parts
from mtlint.results import FileResult, RunSummary

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
#: code points of context shown on each side of a span in a long line
CONTEXT = 40
#: more notes (info) of one rule in one file than this are shown as one line
GROUP_ABOVE = 3


class Styled:
    """One block of output: pieces of text, each with a rich style (or "")."""

    __slots__ = ("pieces",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.pieces: list[tuple[str, str]] = []
        self.append(text, style)

    def append(self, text: str, style: str = "") -> None:
        if text:
            self.pieces.append((printable(text.replace("\t", " ")), style))


class Printer(Protocol):
    def print(self, block: Styled) -> None: ...


class PlainPrinter:
    """Blocks as plain text, each followed by a line feed: what rich writes
    without colour and with soft wrapping (tested equal)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def print(self, block: Styled) -> None:
        self.out.write(_plain(block))


def _plain(block: Styled) -> str:
    return "".join(text for text, _ in block.pieces) + "\n"


class RichPrinter:
    """Blocks rendered by rich, in colour."""

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console
        from rich.text import Text

        self.assemble = Text.assemble
        self.console = Console(
            file=out,
            force_terminal=True,
            color_system="auto",
            highlight=False,
            soft_wrap=True,
            emoji=False,
            markup=False,
        )

    def print(self, block: Styled) -> None:
        self.console.print(self.assemble(*block.pieces))


def write(results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """Each checked file's blocks, then the summary unless quiet. Without
    colour, a file's blocks are its fragment where the process that linted
    it rendered them (`part`)."""
    printer: Printer = RichPrinter(out) if ctx.color else PlainPrinter(out)
    if ctx.color:
        for result in results:
            if result.error is None:
                for block in _blocks(result, ctx):
                    printer.print(block)
    else:
        out.writelines(parts(results, part, ctx))
    if not ctx.quiet:
        _summary(printer, results, ctx)


def part(result: FileResult, ctx: ReportContext) -> str:
    """One checked file's blocks as plain text."""
    return "".join(map(_plain, _blocks(result, ctx)))


def _blocks(result: FileResult, ctx: ReportContext) -> Iterator[Styled]:
    """Each finding's block, then one per code of notes too many to list."""
    grouped = _grouped_codes(result.diagnostics)
    for diagnostic in result.diagnostics:
        if diagnostic.code not in grouped:
            yield _render(result, diagnostic, ctx)
    for code in grouped:
        yield _render_group(result, [d for d in result.diagnostics if d.code == code], ctx)


def _render(result: FileResult, diagnostic: Diagnostic, ctx: ReportContext) -> Styled:
    line, column = result.position(diagnostic.start)
    will_fix = _will_fix(diagnostic, ctx)
    text = Styled()
    text.append(diagnostic.severity.label, STYLES[diagnostic.severity])
    text.append(f" {diagnostic.code}", "bold")
    text.append(" [*]" if will_fix else "", "cyan")
    text.append(f" {diagnostic.rule}", "dim")
    text.append(f": {diagnostic.message}\n", "bold")
    gutter = str(line)
    pad = " " * len(gutter)
    text.append(f"{pad} --> ", "blue")
    text.append(f"{printable(result.path, one_line=True)}:{line}:{column}\n")
    source, marker = _excerpt(result, diagnostic, line)
    text.append(f"{pad} |\n", "blue")
    text.append(f"{gutter} | ", "blue")
    text.append(source + "\n")
    text.append(f"{pad} | ", "blue")
    text.append(marker + "\n", STYLES[diagnostic.severity])
    for hint in _hints(diagnostic):
        text.append(f"{pad} = ", "blue")
        text.append(hint + "\n", "cyan")
    return text


def _grouped_codes(diagnostics: list[Diagnostic]) -> list[str]:
    """Codes whose notes are too many to list one by one: a file with fifty
    plain spaces before a colon must not bury its three real problems."""
    counts = Counter(d.code for d in diagnostics if d.severity is Severity.INFO)
    return sorted(code for code, count in counts.items() if count > GROUP_ABOVE)


def _render_group(result: FileResult, diagnostics: list[Diagnostic], ctx: ReportContext) -> Styled:
    first = diagnostics[0]
    line, column = result.position(first.start)
    text = Styled()
    text.append(first.severity.label, STYLES[first.severity])
    text.append(f" {first.code}", "bold")
    text.append(" [*]" if _will_fix(first, ctx) else "", "cyan")
    text.append(f" {first.rule}", "dim")
    where = printable(result.path, one_line=True)
    text.append(f": {len(diagnostics)} times in {where} (first at {line}:{column})\n", "bold")
    text.append(f"  = {first.message}\n", "cyan")
    for hint in _hints(first):
        text.append(f"  = {hint}\n", "cyan")
    return text


def _will_fix(diagnostic: Diagnostic, ctx: ReportContext) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or ctx.unsafe_fixes)


def _excerpt(result: FileResult, diagnostic: Diagnostic, line: int) -> tuple[str, str]:
    """The source line (clipped around the span when long) and the underline
    beneath the span, measured in terminal cells so wide characters line up."""
    start, end = result.lines.line_bounds(line, result.text)
    span_start = diagnostic.start
    span_end = min(max(diagnostic.end, span_start + 1), end) if diagnostic.end > span_start else span_start
    left = max(start, span_start - CONTEXT)
    right = min(end, max(span_end, span_start) + CONTEXT)
    prefix = "…" if left > start else ""
    suffix = "…" if right < end else ""
    before = _visible(result.text[left:span_start])
    inside = _visible(result.text[span_start:span_end])
    after = _visible(result.text[span_end:right])
    marker = " " * (cell_len(prefix) + cell_len(before)) + "^" * max(1, cell_len(inside))
    return prefix + before + inside + after + suffix, marker


def _visible(text: str) -> str:
    """Tabs, control characters and invisible characters shown so that the
    underline stays put."""
    shown = printable(text.replace("\t", " "))
    return shown.replace("\u00a0", "·").replace("\ufeff", "").replace("\u200b", "")


def _hints(diagnostic: Diagnostic) -> list[str]:
    hints = []
    if diagnostic.fix is not None:
        safety = diagnostic.fix.applicability.label
        title = diagnostic.fix.title or "apply the suggested fix"
        hints.append(f"fix ({safety}): {title}")
    if diagnostic.suggestions:
        hints.append("suggestion: " + " | ".join(diagnostic.suggestions))
    return hints


def _summary(printer: Printer, results: Sequence[FileResult], ctx: ReportContext) -> None:
    summary = RunSummary.of(list(results))
    if not summary.diagnostics:
        checked = sum(1 for r in results if r.error is None)
        if summary.fixed:
            printer.print(Styled(f"Fixed {summary.fixed} problem(s); nothing left to report.", "green"))
        elif checked:
            printer.print(Styled(f"All checks passed ({checked} file{'s' if checked != 1 else ''}).", "green"))
        return
    categories: Counter[str] = Counter()
    severities: Counter[Severity] = Counter()
    for result in results:
        tally = result.tally
        for category, count in tally.categories:
            categories[category.value] += count
        for severity, count in tally.severities:
            severities[severity] += count
    line = Styled(f"Found {summary.diagnostics} problem{'s' if summary.diagnostics != 1 else ''}", "bold")
    line.append(
        " (" + ", ".join(f"{severities[s]} {s.label}" for s in sorted(Severity, reverse=True) if severities[s]) + ")"
    )
    printer.print(line)
    for category, count in sorted(categories.items(), key=lambda item: (-item[1], item[0])):
        printer.print(Styled(f"  {count:>4}  {category}"))
    if summary.fixed:
        printer.print(Styled(f"Fixed {summary.fixed} problem(s).", "green"))
    if summary.fixable_safe:
        printer.print(Styled(f"[*] {summary.fixable_safe} fixable with --fix.", "cyan"))
    if summary.fixable_unsafe and not ctx.unsafe_fixes:
        printer.print(Styled(f"{summary.fixable_unsafe} more fixable with --unsafe-fixes.", "cyan"))
