"""Output formats. Each module renders a list of `FileResult`s one way; the
formats are chosen by name so that only the one in use is imported. Each
also offers `part`, one file's share of the report, which the process that
linted the file can render (`fragment` in `mtlint.results`); SARIF's may
decline, for a file whose share only the whole run can render."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Protocol, TextIO

from mtlint.results import FileResult

if TYPE_CHECKING:
    from mtlint.rule import RuleMeta

#: format name -> module in this package
MODULES = {
    "full": "full",
    "concise": "concise",
    "json": "json_array",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
}
FORMATS = tuple(MODULES)


class ReportContext(NamedTuple):
    """What a format may need beyond the results.

    `rules` maps each code that ran to its metadata (SARIF lists them);
    `color` is decided once by the CLI (TTY and NO_COLOR); `unsafe_fixes`
    says whether unsafe fixes were offered, so hints can mention the flag.
    """

    rules: Mapping[str, RuleMeta] = MappingProxyType({})
    color: bool = False
    unsafe_fixes: bool = False
    quiet: bool = False


class Writer(Protocol):
    def __call__(self, results: Sequence[FileResult], out: TextIO, ctx: ReportContext) -> None: ...


def writer(name: str) -> Writer:
    """The `write` function of format `name` (one of FORMATS)."""
    module = importlib.import_module(f"mtlint.report.{MODULES[name]}")
    return module.write


class Part(Protocol):
    """A file's share of the report, or None where it cannot be rendered
    apart from the run (then the report renders it from the findings)."""

    def __call__(self, result: FileResult, ctx: ReportContext) -> str | None: ...


def part(name: str) -> Part:
    """The `part` function of format `name`."""
    module = importlib.import_module(f"mtlint.report.{MODULES[name]}")
    return module.part


def parts(
    results: Sequence[FileResult], render: Callable[[FileResult, ReportContext], str], ctx: ReportContext
) -> Iterator[str]:
    """Each checked file's part of the report: its fragment where the process
    that linted it rendered it, else rendered now."""
    for result in results:
        if result.error is None:
            yield render(result, ctx) if result.fragment is None else result.fragment
