"""An unchanged run's report, written again as it was.

A re-run over an unchanged repository finds every file's result by its
stamp in the result cache (`mtlint.runner`), and then spends most of its
time rebuilding the findings and rendering them again: of a re-run over
1,000 articles, reading back their 7,555 findings took 16 ms and the concise
report 5 ms, on top of the 22 ms every start costs; the full format took
0.16 s and SARIF 0.58 s. What a run writes is a function of its files'
results, its settings and the report's options, so a run whose every file
is stamped, under the same settings, from the same folder, with the same
options, writes the report the last such run wrote and exits with its code,
as build tools replay the log of a task they find cached.

A run's shape (the folder, the options, the files' names in order) names
its report; the key of everything the report came from (each file's
settings and stamp, every configuration met) says whether it still holds.
One report is kept per shape, in the result cache's database, and only the
day's (`mtlint.result_cache`): a run neither replays nor keeps a report
unless every result it shows could be read from the cache by stamp, and a
coloured report, drawn for the terminal at hand, is neither replayed nor
kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mtlint.cache import hashed

if TYPE_CHECKING:
    from mtlint.result_cache import ResultCache


#: characters of the largest report kept: SQLite refuses a value over a
#: billion bytes, and a report that size is rendered each time rather than
#: held twice in memory and written to the cache
LARGEST = 64 * 2**20


class Replay:
    """The report of one run's shape in `store`, if it was made under `key`."""

    def __init__(self, store: ResultCache, shape: str, key: str) -> None:
        self.store = store
        self.shape = shape
        self.key = key

    @classmethod
    def of(cls, store: ResultCache, folder: str, options: str, names: Sequence[str], sources: Sequence[str]) -> Replay:
        """The replay of a run from `folder` with the report's `options` over
        the files `names`, whose results came from `sources` (each file's
        settings and stamp, and every configuration met)."""
        return cls(store, _hashed_parts([folder, options, *names]), _hashed_parts(sources))

    def kept(self) -> tuple[int, str] | None:
        """The exit code and report kept for this run, when they still hold."""
        return self.store.get_report(self.shape, self.key)

    def keep(self, code: int, report: str) -> None:
        """Keep this run's exit `code` and `report` for the next run like it,
        unless the report is larger than `LARGEST`."""
        if len(report) <= LARGEST:
            self.store.put_report(self.shape, self.key, code, report)
            self.store.flush()


def _hashed_parts(parts: Sequence[str]) -> str:
    """The key of `parts`, none of which holds a NUL (file names cannot),
    in whatever bytes they were named with (`surrogateescape`)."""
    return hashed("\0".join(parts).encode("utf-8", "surrogateescape"))
