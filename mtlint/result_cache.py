"""Lint results (text) by key, in one SQLite database per cache directory,
and the stamps (`mtlint.stamps`) by which an unchanged file finds its key.

A run over a repository reads every file's result and writes those it
linted. A file per result cost more than the lint on a disk where creating a
file takes half a millisecond (a cold run over 1,000 articles spent 0.2-0.4 s
making them); one database reads a thousand results in one query and writes
them in one transaction, a few milliseconds either way.

Three tables: `results` holds each value under the key of what it was
made from (a file's content, its name and its settings); `stamps` holds,
under a name for the file and its settings, the stamp the file had when its
content was read and that content's key. A re-run asks for its files' stamps
and values in one query, and reads only the files whose stamp is not the one
kept. `reports` holds, under a run's shape, the report that run wrote and
its exit code, with the key of everything they came from (`mtlint.replay`):
one per shape, and only the day's.

Old values go: each carries the day it was last written or read, and a
value neither for `KEEP_DAYS` is dropped, with the stamps that lead to it,
by the next run that writes. A value read is marked used at most once a day,
so a re-run of the same day writes nothing. A report is replayed only on
the day it was written, and dropped by the next write of a later day: the
first run of a day reads its values, and so marks them used.

The database never lies: values made for another format of the results
(`PRAGMA user_version`) are dropped whole; a file that is not a database, or
a damaged one, is removed and made again. Processes sharing the cache take
turns through SQLite's own locking: a writer waits for another, and a
reader never sees half a transaction. A cache that cannot be read or written
(locked too long, read-only) only costs the time it would have saved.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from mtlint.cache import make_directory

#: how long a run waits for another holding the database (seconds)
LOCK_WAIT = 10.0
#: keys per query: well under SQLite's limit on a statement's parameters
BATCH = 500
#: days a value is kept after it was last written or read
KEEP_DAYS = 30


class ResultCache:
    """Text values by key, and stamps by name, in the database at `path`,
    for one `version` of their format. Writes wait in memory until `flush`."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version
        self._pending: dict[str, str] = {}
        self._stamps: dict[str, tuple[str, str]] = {}
        #: the keys read that were last used before today
        self._used: set[str] = set()
        #: the reports to keep (key, exit code, report), by shape
        self._reports: dict[str, tuple[str, int, str]] = {}
        self._today = int(time.time() // 86400)
        self._reader: sqlite3.Connection | None = None

    def readable(self) -> bool:
        """Whether there is a database of this version to read: a first run
        need not read its files before linting them."""
        try:
            return self._open_reader() is not None
        except sqlite3.Error:
            self.close()
            return False

    def get_many(self, keys: Sequence[str]) -> Iterator[tuple[str, str]]:
        """The (key, value) pairs stored under `keys`, as the database gives
        them: a key without a value is left out, and an error ends the pairs
        early. Given one at a time, so that each can be read and let go:
        a repository's results held at once would cost more in memory
        handed to the process than in reading them."""
        for key, used, value in self._select("SELECT key, used, value FROM results WHERE key IN ({})", keys):
            self._note_use(key, used)
            yield key, value

    def get_stamped(self, names: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(name, stamp, value) for each of `names` with a stamp whose key
        has a value, as `get_many` gives its pairs."""
        query = (
            "SELECT stamps.name, stamps.stamp, stamps.key, results.used, results.value"
            " FROM stamps JOIN results ON results.key = stamps.key WHERE stamps.name IN ({})"
        )
        for name, stamp, key, used, value in self._select(query, names):
            self._note_use(key, used)
            yield name, stamp, value

    def get_report(self, shape: str, key: str) -> tuple[int, str] | None:
        """The exit code and report kept today for `shape` if it was made
        under `key`; None otherwise, or when the row is not one this module
        writes."""
        try:
            reader = self._open_reader()
            if reader is None:
                return None
            row = reader.execute(
                "SELECT code, report FROM reports WHERE shape = ? AND key = ? AND used = ?", (shape, key, self._today)
            ).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        if row is None or type(row[0]) is not int or type(row[1]) is not str:
            return None
        return row[0], row[1]

    def _note_use(self, key: str, used: object) -> None:
        """Mark `key`'s value as used today at the next `flush`, unless its
        day of use is today (anything but a day is mended so too)."""
        if type(used) is not int or used < self._today:
            self._used.add(key)

    def put(self, key: str, value: str) -> None:
        """Keep `value` for `key`; it is written by the next `flush`."""
        self._pending[key] = value

    def put_stamp(self, name: str, stamp: str, key: str) -> None:
        """Keep `stamp` and `key` for `name`; written by the next `flush`."""
        self._stamps[name] = (stamp, key)

    def put_report(self, shape: str, key: str, code: int, report: str) -> None:
        """Keep `report` and its exit `code` for `shape`, made under `key`, in
        place of the one kept before; written by the next `flush`."""
        self._reports[shape] = (key, code, report)

    def flush(self) -> None:
        """Write what `put`, `put_stamp` and `put_report` kept, mark the
        values read as used today, and drop those unused for `KEEP_DAYS`
        and the reports of earlier days, in one transaction. A database
        that is not one, or is damaged, is removed and written anew; one
        that is locked or read-only is left as it is (the results are
        linted again next time)."""
        if not (self._pending or self._stamps or self._used or self._reports):
            return
        rows = [(key, self._today, value) for key, value in self._pending.items()]
        stamps = [(name, stamp, key) for name, (stamp, key) in self._stamps.items()]
        used = [(self._today, key) for key in self._used]
        reports = [(shape, key, self._today, code, report) for shape, (key, code, report) in self._reports.items()]
        self._pending.clear()
        self._stamps.clear()
        self._used.clear()
        self._reports.clear()
        self.close()
        try:
            make_directory(self.path.parent, self.path.parent)
            try:
                self._write(rows, stamps, used, reports)
            except sqlite3.OperationalError:
                return
            except sqlite3.DatabaseError:
                self._remove()
                self._write(rows, stamps, used, reports)
        except (OSError, sqlite3.Error):
            return

    def close(self) -> None:
        """Close the reading connection (before forking, at the end of a
        run): SQLite's connections must not cross into another process."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _open_reader(self) -> sqlite3.Connection | None:
        """A read-only connection (reading never creates the database), or
        None when the database holds another version's results."""
        if self._reader is None:
            uri = f"{self.path.absolute().as_uri()}?mode=ro"
            self._reader = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT, isolation_level=None)
            if self._reader.execute("PRAGMA user_version").fetchone()[0] != self.version:
                self.close()
        return self._reader

    def _select(self, query: str, wanted: Sequence[str]) -> Iterator[Any]:
        """The rows of `query` (its `{}` the question marks of a batch) for
        `wanted`, in batches; an error ends them early."""
        try:
            reader = self._open_reader()
            if reader is None:
                return
            for start in range(0, len(wanted), BATCH):
                batch = wanted[start : start + BATCH]
                yield from reader.execute(query.format(",".join("?" * len(batch))), batch)
        except sqlite3.Error:
            self.close()

    def _write(
        self,
        rows: list[tuple[str, int, str]],
        stamps: list[tuple[str, str, str]],
        used: list[tuple[int, str]],
        reports: list[tuple[str, str, int, int, str]],
    ) -> None:
        connection = sqlite3.connect(self.path, timeout=LOCK_WAIT, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            if connection.execute("PRAGMA user_version").fetchone()[0] != self.version:
                for table in ("results", "stamps", "reports"):
                    connection.execute(f"DROP TABLE IF EXISTS {table}")
                connection.execute(f"PRAGMA user_version = {int(self.version)}")
            # `used` before `value`: scanning it need not read a long value's overflow pages
            connection.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, used INTEGER NOT NULL, value TEXT NOT NULL)"
            )
            connection.execute("CREATE INDEX IF NOT EXISTS results_by_use ON results (used)")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS stamps (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, key TEXT NOT NULL)"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS reports"
                " (shape TEXT PRIMARY KEY, key TEXT NOT NULL, used INTEGER NOT NULL, code INTEGER NOT NULL,"
                " report TEXT NOT NULL)"
            )
            connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)
            connection.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)", stamps)
            connection.executemany("UPDATE results SET used = ? WHERE key = ?", used)
            connection.execute("DELETE FROM reports WHERE used < ?", (self._today,))
            connection.executemany("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?)", reports)
            dropped = connection.execute("DELETE FROM results WHERE used < ?", (self._today - KEEP_DAYS,)).rowcount
            if dropped:
                connection.execute("DELETE FROM stamps WHERE key NOT IN (SELECT key FROM results)")
            connection.execute("COMMIT")
        finally:
            connection.close()

    def _remove(self) -> None:
        """Remove a database that is not one, and its journal."""
        for path in (self.path, self.path.with_name(f"{self.path.name}-journal")):
            path.unlink(missing_ok=True)
