"""An unchanged run's report replayed (`mtlint.replay`), on real files and a
real database: the same bytes and exit code as rendering it, and never once
anything it came from has changed."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from mtlint import cli, replay, result_cache, stamps
from mtlint.report import FORMATS
from mtlint.runner import RESULTS_FILE, Runner
from tests.test_runs import articles, mtlint

#: the racy margin these tests use, and how long they wait for it to pass
MARGIN = 0.2
CHECK = ["check", "--lang", "fr", "docs"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three articles old enough to be stamped, in the current folder."""
    monkeypatch.setattr(stamps, "RACY", int(MARGIN * 1e9))
    monkeypatch.chdir(tmp_path)
    articles(tmp_path / "docs", 3)
    time.sleep(MARGIN + 0.05)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def unlinted(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: object, **__: object) -> None:
        raise AssertionError("results read or linted, where the report should have been replayed")

    monkeypatch.setattr(Runner, "check_paths", never)


def reports(project: Path) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(project / ".mtlint_cache" / RESULTS_FILE)) as database:
        return list(database.execute("SELECT shape, code FROM reports"))


@pytest.mark.parametrize(
    "options",
    [[f"--format={name}"] for name in FORMATS] + [["--statistics"], ["--quiet", "--format=concise"]],
)
def test_an_unchanged_run_writes_its_report_again(project: Path, capsys, monkeypatch, options: list[str]) -> None:
    first = run([*CHECK, *options], capsys)
    assert first[0] == 1 and "E002" in first[1]
    with monkeypatch.context() as patched:
        unlinted(patched)
        assert run([*CHECK, *options], capsys) == first


def test_any_change_to_what_the_report_came_from_is_rendered_anew(project: Path, capsys, monkeypatch) -> None:
    first = run([*CHECK, "--format=concise"], capsys)
    assert run([*CHECK, "--format=concise", "--fail-on=never"], capsys) == (0, first[1], ""), "another exit code"
    assert run([*CHECK, "--format=json"], capsys)[1].startswith("["), "another format"
    assert run([*CHECK[:-1], "docs/a000.txt", "docs/a001.txt", "docs/a002.txt"], capsys)[1] != first[1]
    (project / "mtlint.toml").write_text('ignore = ["E002"]\n', encoding="utf-8")
    assert "E002" not in run([*CHECK, "--format=concise"], capsys)[1], "another configuration"
    (project / "mtlint.toml").unlink()
    assert run([*CHECK, "--format=concise"], capsys) == first
    (project / "docs" / "a001.txt").write_text("Texte propre.\n", encoding="utf-8")
    changed = run([*CHECK, "--format=concise"], capsys)
    assert "a001.txt" not in changed[1], "a file changed, not yet stamped, is linted and nothing replayed"
    time.sleep(MARGIN + 0.05)
    assert run([*CHECK, "--format=concise"], capsys) == changed
    with monkeypatch.context() as patched:
        unlinted(patched)
        assert run([*CHECK, "--format=concise"], capsys) == changed, "and once stamped, replayed"


def test_only_the_days_reports_are_replayed_and_kept(project: Path, capsys, monkeypatch) -> None:
    """The first run of a day reads the results, so marking them used."""
    today = time.time()
    monkeypatch.setattr(result_cache.time, "time", lambda: today - 86400)
    first = run([*CHECK, "--format=concise"], capsys)
    run([*CHECK, "--format=json"], capsys)
    assert len(reports(project)) == 2
    monkeypatch.setattr(result_cache.time, "time", lambda: today)
    assert run([*CHECK, "--format=concise"], capsys) == first
    assert len(reports(project)) == 1, "yesterday's reports go with the first write of today"


def test_a_report_too_large_to_keep_is_rendered_each_time(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(replay, "LARGEST", 100)
    first = run([*CHECK, "--format=concise"], capsys)
    assert len(first[1]) > 100 and reports(project) == []
    assert run([*CHECK, "--format=concise"], capsys) == first


def test_a_damaged_report_is_not_trusted(project: Path, capsys) -> None:
    first = run([*CHECK, "--format=concise"], capsys)
    with closing(sqlite3.connect(project / ".mtlint_cache" / RESULTS_FILE)) as database, database:
        database.execute("UPDATE reports SET code = 'one', report = 'forged'")
    assert run([*CHECK, "--format=concise"], capsys) == first
    assert [code for _, code in reports(project)] == [1], "and is written again"


def test_a_coloured_report_is_neither_kept_nor_replayed(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    run(CHECK, capsys)
    assert reports(project) == []


def test_a_run_over_no_file_leaves_no_cache(project: Path, capsys) -> None:
    (project / "empty").mkdir()
    assert run(["check", "--lang", "fr", "empty"], capsys)[0] == 0
    assert not (project / ".mtlint_cache").exists()


def test_a_run_with_a_file_it_cannot_read_keeps_no_report(project: Path, capsys) -> None:
    code, _, err = run([*CHECK[:-1], "docs", "missing.txt"], capsys)
    assert code == 2 and "missing.txt" in err
    assert reports(project) == []


def test_a_report_is_replayed_in_a_new_process(tmp_path: Path) -> None:
    """Without any of the tests' patches: files older than the racy margin
    (`stamps.RACY`), written by one process and replayed by another."""
    articles(tmp_path / "docs", 3)
    old = time.time() - 60
    for path in (tmp_path / "docs").iterdir():
        os.utime(path, (old, old))
    time.sleep(stamps.RACY / 1e9 + 0.1)  # the ctime, which no program can set back
    first = mtlint("check", "--format", "concise", "--lang", "fr", "docs", cwd=tmp_path)
    assert len(reports(tmp_path)) == 1
    again = mtlint("check", "--format", "concise", "--lang", "fr", "docs", cwd=tmp_path)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1 and first.stdout.count("E002") == 6
