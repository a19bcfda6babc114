"""Results found by a file's stamp (`mtlint.stamps`), on real files: an
unchanged file is not read, a changed one always is, however its times
were set, and a file too recent to stamp is read until it is not."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint import runner, stamps
from mtlint.report import ReportContext, writer
from mtlint.runner import RESULTS_FILE, Runner, _from_cache
from tests.test_runs import ARTICLE, articles

#: the racy margin these tests use, and how long they wait for it to pass
MARGIN = 0.2


def stamped(cache: Path) -> dict[str, str]:
    with closing(sqlite3.connect(cache / RESULTS_FILE)) as database:
        return dict(database.execute("SELECT key, stamp FROM stamps"))


def rendered(name: str, results: list) -> str:
    out = io.StringIO()
    writer(name)(results, out, ReportContext())
    return out.getvalue()


def never(*_: object) -> None:
    raise AssertionError("read or linted, where the stamp should have answered")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Three articles old enough to be stamped, in the current folder."""
    monkeypatch.setattr(stamps, "RACY", int(MARGIN * 1e9))
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 3)]
    time.sleep(MARGIN + 0.05)
    return paths


def test_an_unchanged_file_is_found_by_its_stamp_and_not_read(project: list[str], monkeypatch) -> None:
    first = Runner({"lang": "fr"}).check_paths(project, jobs=1)
    assert len(stamped(Path(".mtlint_cache"))) == 3
    with monkeypatch.context() as unread:
        unread.setattr(runner, "read_stamped", never)
        unread.setattr(runner, "read_file", never)
        again = Runner({"lang": "fr"}).check_paths(project, jobs=1)
    assert [result.diagnostics for result in again] == [result.diagnostics for result in first]
    for name in ("concise", "json", "sarif", "github"):
        assert rendered(name, again) == rendered(name, first), name
    assert again[2].text == Path(project[2]).read_text(encoding="utf-8"), "the text is read when asked"
    Path(project[1]).unlink()
    assert rendered("full", again).count("E002") == 3 + 2 + 1, "a file gone since its stamp still shows its findings"
    assert again[1].text.strip() == ""


def test_a_file_rewritten_with_its_old_times_and_size_is_read_again(project: list[str]) -> None:
    """`touch -d` can put the mtime back, never the ctime."""
    Runner({"lang": "fr"}).check_paths(project, jobs=1)
    path = Path(project[0])
    before = path.stat()
    changed = ARTICLE.replace("[email protected]", "redac@journal.fr ")
    assert len(changed) == len(ARTICLE)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    time.sleep(MARGIN + 0.05)  # not saved by being too recent
    again = Runner({"lang": "fr"}).check_paths(project, jobs=1)
    assert "E002" not in {diagnostic.code for diagnostic in again[0].diagnostics}, "the placeholder is gone"


def test_a_touched_file_is_found_by_its_content_and_stamped_anew(project: list[str], monkeypatch) -> None:
    Runner({"lang": "fr"}).check_paths(project, jobs=1)
    cache = Path(".mtlint_cache")
    kept = stamped(cache)
    os.utime(project[1])
    time.sleep(MARGIN + 0.05)
    monkeypatch.setattr(Runner, "_lint", never)
    Runner({"lang": "fr"}).check_paths(project, jobs=1)
    assert len(stamped(cache)) == 3
    assert stamped(cache) != kept, "the touched file's new stamp is kept"
    monkeypatch.setattr(runner, "read_stamped", never)
    Runner({"lang": "fr"}).check_paths(project, jobs=1)


def test_a_file_too_recent_is_not_stamped_but_found_by_its_content(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 2)]
    first = Runner({"lang": "fr"}).check_paths(paths, jobs=1)
    assert stamped(Path(".mtlint_cache")) == {}, f"files newer than {stamps.RACY / 1e9} s get no stamp"
    monkeypatch.setattr(Runner, "_lint", never)
    again = Runner({"lang": "fr"}).check_paths(paths, jobs=1)
    assert [result.diagnostics for result in again] == [result.diagnostics for result in first]


def test_a_stamp_is_what_the_file_is_now_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("texte", encoding="utf-8")
    assert stamps.current_stamp(str(path)) is None, "just written: too recent"
    assert stamps.current_stamp(str(tmp_path / "absent.txt")) is None
    old = time.time_ns() - 2 * stamps.RACY
    seconds = old // 10**9
    stat = os.stat_result((0o100644, 7, 1, 1, 0, 0, 5, seconds, seconds, seconds, *[old / 1e9] * 3, old, old, old))
    assert stamps.stamp_of(stat) == f"5:7:{old}:{old}"


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        '{"a": 1}',
        "[10, [0]]",
        "[10, [1, 4], []]",
        "[10, [0, 6, 4], []]",
        '[10, [0, "4"], []]',
        "[10, [0, 4.5], []]",
        "[10, [0, 12], []]",
        '["10", [0], []]',
        '[10, [0], [["T001", "r", "typography", 2, "m", 4, 11, "x", [], null]]]',
        '[10, [0], [["T001", "r", "typography", 2, "m", 6, 4, "x", [], null]]]',
        '[10, [0], [["T001", "r", "nowhere", 2, "m", 1, 4, "x", [], null]]]',
        "[10, [0], []]x",
        "[10, [0], []][10, [0], []]",
        "[10, [0], []] ",
        "",
    ],
)
def test_an_entry_that_is_not_whole_is_not_trusted(value: str) -> None:
    assert _from_cache(value, "a.txt", None) is None


def test_an_entry_for_another_text_length_is_not_trusted() -> None:
    value = '[10, [0, 4], [["T001", "r", "typography", 2, "m", 1, 4, "x", [], null]]]'
    assert _from_cache(value, "a.txt", "0123456789") is not None
    assert _from_cache(value, "a.txt", "012345678") is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 40) | st.floats(allow_nan=False) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=11) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=40,
)


SMALL = st.integers(-2, 35)
FIX = st.tuples(st.sampled_from([1, 2, 7]), st.text(max_size=3), st.lists(st.tuples(SMALL, SMALL, st.text(max_size=2))))
ROW = st.tuples(
    st.just("T001"),
    st.just("multiple-spaces"),
    st.sampled_from(["typography", "quotes", "nowhere"]),
    st.sampled_from([1, 2, 3, 9]),
    st.text(max_size=5),
    SMALL,
    SMALL,
    st.text(max_size=3),
    st.lists(st.text(max_size=3), max_size=2),
    st.none() | FIX,
).map(list)
#: entries shaped as the cache writes them, some part of them often wrong
NEAR = st.tuples(
    SMALL, st.lists(SMALL, max_size=6).map(lambda starts: [0, *sorted(starts)]) | JSON, st.lists(ROW, max_size=4)
).map(list)


@settings(max_examples=400, deadline=None)
@given(JSON | NEAR)
def test_any_entry_is_refused_or_gives_positions_for_every_finding(value: object) -> None:
    """Whatever a damaged entry holds, reading it raises nothing, and a
    result it gives can place every finding, as every format asks."""
    result = _from_cache(json.dumps(value), "a.txt", None)
    if result is not None:
        for diagnostic in result.diagnostics:
            result.position(diagnostic.start)
            result.position(diagnostic.end)


def test_files_linted_by_workers_are_stamped_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `--jobs`, each worker takes the stamps of the files it reads;
    the process gathering the results keeps them."""
    monkeypatch.setattr(stamps, "RACY", int(MARGIN * 1e9))
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 2 * runner.PARALLEL_MIN + 4)]
    time.sleep(MARGIN + 0.05)
    first = Runner({"lang": "fr"}).check_paths(paths, jobs=2)
    assert len(stamped(Path(".mtlint_cache"))) == len(paths)
    with monkeypatch.context() as unread:
        unread.setattr(runner, "read_stamped", never)
        again = Runner({"lang": "fr"}).check_paths(paths, jobs=2)
    assert [result.diagnostics for result in again] == [result.diagnostics for result in first]
