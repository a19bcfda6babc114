"""`--statistics`: how often each rule fired, instead of every diagnostic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from mtlint.results import FileResult


def write(results: Sequence[FileResult], out: TextIO) -> None:
    """`count  CODE  [*]  name` lines, most frequent first; `[*]` marks rules
    whose findings all carry a fix."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: dict[str, bool] = {}
    for result in results:
        for diagnostic in result.diagnostics:
            counts[(diagnostic.code, diagnostic.rule)] += 1
            fixable[diagnostic.code] = fixable.get(diagnostic.code, True) and diagnostic.fix is not None
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if fixable[code] else "   "
        out.write(f"{count:>6}  {code:<6} {mark} {name}\n")
