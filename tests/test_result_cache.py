"""The result cache's database on real files: batched reads, reads that
never create it, and a database another process holds."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mtlint import result_cache
from mtlint.result_cache import BATCH, ResultCache


def test_reading_a_missing_cache_creates_nothing(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / ".mtlint_cache" / "results.sqlite3", 1)
    assert list(store.get_many(["a", "b"])) == []
    store.flush()
    assert not (tmp_path / ".mtlint_cache").exists()


def test_values_come_back_in_batches_and_missing_keys_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / ".mtlint_cache" / "results.sqlite3"
    store = ResultCache(path, 1)
    count = 2 * BATCH + 7
    for index in range(count):
        store.put(f"k{index}", f"[{index}, « é »]")
    store.flush()
    keys = [f"k{index}" for index in range(count)] + ["absent"]
    found = dict(ResultCache(path, 1).get_many(keys))
    assert len(found) == count
    assert found[f"k{count - 1}"] == f"[{count - 1}, « é »]"
    assert list(ResultCache(path, 2).get_many(keys)) == [], "another version's values are not read"


def test_a_held_database_costs_only_the_time_it_would_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(result_cache, "LOCK_WAIT", 0.05)
    path = tmp_path / "results.sqlite3"
    store = ResultCache(path, 1)
    store.put("kept", "1")
    store.flush()
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        held = ResultCache(path, 1)
        assert list(held.get_many(["kept"])) == []
        held.put("new", "2")
        held.flush()
        other.execute("COMMIT")
    assert list(ResultCache(path, 1).get_many(["kept", "new"])) == [("kept", "1")]


def test_stamps_answer_with_their_values_and_go_with_the_version(tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite3"
    store = ResultCache(path, 1)
    store.put("k1", "one")
    store.put_stamp("n1", "5:7:1:1", "k1")
    store.put_stamp("n2", "5:8:1:1", "k-without-value")
    store.flush()
    found = list(ResultCache(path, 1).get_stamped(["n1", "n2", "n3"]))
    assert found == [("n1", "5:7:1:1", "one")], "a stamp whose key has no value answers nothing"
    newer = ResultCache(path, 2)
    assert list(newer.get_stamped(["n1"])) == []
    newer.put("k9", "nine")
    newer.flush()
    with closing(sqlite3.connect(path)) as database:
        assert list(database.execute("SELECT * FROM stamps")) == [], "another version's stamps are dropped"


def test_values_unused_for_a_month_go_with_their_stamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "results.sqlite3"

    def on_day(day: int) -> ResultCache:
        monkeypatch.setattr(result_cache.time, "time", lambda: day * 86400.0 + 3600)
        return ResultCache(path, 1)

    first = on_day(100)
    for key in ("a", "b"):
        first.put(key, key.upper())
        first.put_stamp(f"n{key}", "5:7:1:1", key)
    first.flush()
    reader = on_day(120)
    assert list(reader.get_many(["a"])) == [("a", "A")]
    reader.flush()
    writer = on_day(100 + result_cache.KEEP_DAYS + 5)
    writer.put("c", "C")
    writer.flush()
    with closing(sqlite3.connect(path)) as database:
        assert sorted(database.execute("SELECT key, used FROM results")) == [("a", 120), ("c", 135)]
        assert list(database.execute("SELECT name FROM stamps")) == [("na",)], "b went, read last on day 100"
    same_day = on_day(135)
    assert list(same_day.get_many(["c"])) == [("c", "C")]
    monkeypatch.setattr(ResultCache, "_write", lambda *_: pytest.fail("a value read today is not marked again"))
    same_day.flush()


def test_a_day_of_use_that_is_not_one_is_mended(tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite3"
    store = ResultCache(path, 1)
    store.put("a", "A")
    store.flush()
    with closing(sqlite3.connect(path)) as database, database:
        database.execute("UPDATE results SET used = 'hier'")
    reader = ResultCache(path, 1)
    assert list(reader.get_many(["a"])) == [("a", "A")]
    reader.flush()
    with closing(sqlite3.connect(path)) as database:
        assert list(database.execute("SELECT typeof(used) FROM results")) == [("integer",)]
