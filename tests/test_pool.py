"""`--jobs` on forked workers (mtlint/pool.py): real processes and pipes."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest

from mtlint import runner
from mtlint.pool import PIECE, in_forked_workers, pieces
from mtlint.runner import Runner
from tests.conftest import ROOT
from tests.test_runs import articles, imported, mtlint

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers need fork")
LINUX = Path("/proc/self/stat").exists()


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_pieces_cover_the_files_in_order_and_shrink_where_the_processes_meet() -> None:
    for count, jobs in [(1000, 2), (1000, 4), (16, 2), (17, 3), (5, 8)]:
        files = [f"{index}.txt" for index in range(count)]
        shares = pieces(files, jobs)
        assert [name for share in shares for name in share] == files
        assert all(1 <= len(share) <= PIECE for share in shares)
        meet = count * (jobs - 1) // jobs
        ends = [sum(map(len, shares[: index + 1])) for index in range(len(shares))]
        at = ends.index(meet) if meet in ends else None
        assert at is not None, "a piece ends where the workers' share ends"
        assert len(shares[at]) == 1 and (at + 1 == len(shares) or len(shares[at + 1]) == 1)


@pytest.mark.parametrize("workers", [1, 3])
def test_results_come_in_order_whoever_linted_them(workers: int) -> None:
    parent = os.getpid()
    items = list(range(500))
    counted: list[int] = []

    def lint(item: int) -> tuple[int, int]:
        time.sleep(0.0005)  # long enough for every process to take pieces
        return item, os.getpid()

    results = in_forked_workers(pieces(items, workers + 1), workers, lint, counted.append)
    assert [item for item, _ in results] == items
    assert sum(counted) == len(items), "the progress heard of every item once"
    linted_by = {pid for _, pid in results}
    assert parent in linted_by and len(linted_by) == workers + 1, "every process took a share"
    assert no_child_left()


def test_a_worker_that_dies_loses_nothing() -> None:
    """A worker killed in its first piece: the pieces it held are linted
    here, and the results are those of one process."""
    parent = os.getpid()

    def lint(item: int) -> int:
        if item == 3 and os.getpid() != parent:
            os._exit(9)
        return item * 2

    items = list(range(200))
    assert in_forked_workers(pieces(items, 2), 1, lint, lambda _: None) == [item * 2 for item in items]
    assert no_child_left()


def test_a_bug_in_a_worker_raises_here_and_leaves_no_process() -> None:
    def lint(item: int) -> int:
        if item == 3:
            raise ValueError("a bug in a rule")
        return item

    with pytest.raises(ValueError, match="a bug in a rule"):
        in_forked_workers(pieces(list(range(200)), 2), 1, lint, lambda _: None)
    assert no_child_left()


def test_an_interrupt_here_stops_the_workers() -> None:
    """Ctrl-C (or any error) in this process while the workers have pieces
    to lint: they are killed and reaped, not left running."""
    parent = os.getpid()

    def lint(item: int) -> int:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        time.sleep(0.005)  # the workers are still at work when this process takes its first piece
        return item

    with pytest.raises(KeyboardInterrupt):
        in_forked_workers(pieces(list(range(200)), 3), 2, lint, lambda _: None)
    assert no_child_left()


def test_a_parallel_run_does_not_import_a_process_pool(tmp_path: Path) -> None:
    """Forked workers need no `concurrent.futures` (40-50 ms of imports
    before the first worker could start)."""
    articles(tmp_path / "docs", 2 * runner.PARALLEL_MIN + 4)
    argv = ["check", "--no-cache", "--format", "concise", "--jobs", "2", "--lang", "fr", "docs"]
    out, loaded = imported(tmp_path, argv, {"concurrent.futures", "multiprocessing", "mtlint.engine"})
    assert "docs" in out
    assert loaded == ["mtlint.engine"]


def test_without_fork_a_process_pool_gives_the_same_results(tmp_path: Path, monkeypatch) -> None:
    """Where there is no fork (Windows), workers start anew from a process
    pool: the same results, in the same order."""
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 2 * runner.PARALLEL_MIN + 4)]
    forked = Runner({"lang": "fr", "no_cache": True}).check_paths(paths, jobs=2)
    monkeypatch.setattr(runner, "FORK", False)
    spawned = Runner({"lang": "fr", "no_cache": True}).check_paths(paths, jobs=2)
    assert [(result.path, result.diagnostics) for result in spawned] == [
        (result.path, result.diagnostics) for result in forked
    ]
    assert sum(len(result.diagnostics) for result in forked) > 0


def test_when_no_process_can_be_forked_this_one_lints_everything(monkeypatch) -> None:
    """A limit on processes (EAGAIN) is no reason to fail a lint: the
    workers that could start share the work, or this process does it all."""

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    fds = Path("/proc/self/fd")
    before = len(list(fds.iterdir())) if fds.is_dir() else None
    items = list(range(100))
    assert in_forked_workers(pieces(items, 3), 2, lambda item: item + 1, lambda _: None) == [i + 1 for i in items]
    if before is not None:
        assert len(list(fds.iterdir())) == before, "the pipes made for the workers are closed"


def test_fixing_on_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    """`--fix` with workers: each file is fixed and written by whichever
    process took it, and every file ends as one process leaves it."""
    one, two = tmp_path / "one", tmp_path / "two"
    articles(one, 2 * runner.PARALLEL_MIN + 8)
    articles(two, 2 * runner.PARALLEL_MIN + 8)
    first = mtlint("check", "--fix", "--no-cache", "--lang", "fr", "-j", "1", "one", cwd=tmp_path)
    second = mtlint("check", "--fix", "--no-cache", "--lang", "fr", "-j", "2", "two", cwd=tmp_path)
    assert first.returncode == second.returncode
    assert first.stdout.replace("one/", "") == second.stdout.replace("two/", "")
    fixed = {path.name: path.read_bytes() for path in one.iterdir()}
    assert fixed == {path.name: path.read_bytes() for path in two.iterdir()}
    assert any(b"\xc2\xa0" in data or b"\xe2\x80\xaf" in data for data in fixed.values()), "something was fixed"


@pytest.mark.skipif(not LINUX, reason="finds the workers in /proc")
def test_ctrl_c_in_a_parallel_run_stops_every_process(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers stop without a
    word, this process says it was interrupted (exit 130), and no worker is
    left running."""
    articles(tmp_path / "docs", 3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mtlint", "check", "--no-cache", "--lang", "fr", "-j", "3", "docs"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    children: list[int] = []
    deadline = time.monotonic() + 30
    while len(children) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        children = _children(process.pid)
    time.sleep(0.2)  # into their pieces
    os.killpg(process.pid, signal.SIGINT)
    _, error = process.communicate(timeout=60)
    assert process.returncode == 130, error
    assert error.decode().strip().splitlines() == ["mtlint: interrupted"]
    assert len(children) == 2, "the workers were running"
    time.sleep(0.2)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()], "no worker left"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_worker_warns_though_a_thread_here_held_stderr_at_the_fork(monkeypatch) -> None:
    """A thread of this process (the progress bar's) may hold stderr's lock
    when the workers fork; the fork copies the lock, not the thread, so a
    worker writing through the inherited stderr would wait for good. Here
    a thread holds it, blocked writing to a pipe no one reads."""
    read, write = os.pipe()
    stuck = io.TextIOWrapper(io.BufferedWriter(io.FileIO(write, "w")), write_through=True)
    monkeypatch.setattr(sys, "stderr", stuck)

    def hold() -> None:
        with suppress(OSError, ValueError):
            stuck.write("x" * (1 << 20))  # the pipe holds 64 KB: this blocks, holding the lock

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    time.sleep(0.2)
    parent = os.getpid()

    def lint(item: int) -> int:
        if os.getpid() != parent:
            print(f"mtlint: warning: item {item}", file=sys.stderr)
        return item

    def too_long(*_: object) -> None:
        raise TimeoutError("a worker waits for stderr's lock")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)
    try:
        assert in_forked_workers(pieces(list(range(40)), 2), 1, lint, lambda _: None) == list(range(40))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.close(read)
        holder.join()
        with suppress(OSError):
            stuck.close()


def test_more_jobs_than_the_files_need_start_no_idle_worker(tmp_path: Path, monkeypatch) -> None:
    """`--jobs 64` on 40 files: each process gets PARALLEL_MIN files or
    more, so one worker starts beside this process, not 63."""
    from mtlint import pool

    forks: list[int] = []
    real_fork = pool._fork

    def counted(*args: object) -> object:
        forks.append(1)
        return real_fork(*args)

    monkeypatch.setattr(pool, "_fork", counted)
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 2 * runner.PARALLEL_MIN + 8)]
    results = Runner({"lang": "fr", "no_cache": True}).check_paths(paths, jobs=64)
    assert [result.path for result in results] == paths
    assert len(forks) == 1


def test_workers_go_on_while_this_process_lints_a_long_file(tmp_path: Path) -> None:
    """This process's first file takes long (a large file): the worker does
    not wait for it to hand out work or read results, and lints the rest.
    Here this process's first file waits for the worker to have linted 150
    files; a worker that needed this process would never get there. The
    worker starts once this process is on its first file: otherwise, on a
    busy machine, it may lint all 200 before this process takes a piece."""
    parent = os.getpid()
    started, marker = tmp_path / "started", tmp_path / "150 done"
    linted_here = 0
    waited: list[bool] = []

    def wait_for(path: Path) -> bool:
        deadline = time.monotonic() + 20
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return path.exists()

    def lint(item: int) -> int:
        nonlocal linted_here
        if os.getpid() == parent:
            if not waited:
                started.touch()
                waited.append(wait_for(marker))
            return item
        if linted_here == 0:
            wait_for(started)
        linted_here += 1  # in the worker: its own count
        if linted_here == 150:
            marker.touch()
        return item

    items = list(range(200))
    assert in_forked_workers(pieces(items, 2), 1, lint, lambda _: None) == items
    assert waited == [True], "the worker linted 150 files while this process was on its first"


def test_without_a_file_to_share_this_process_lints_everything(monkeypatch) -> None:
    """No memory file and no temporary folder to make the shared board in:
    no worker starts, and this process lints every item."""
    from mtlint import pool

    def refuse() -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pool, "_private_file", refuse)
    counted: list[int] = []
    items = list(range(60))
    assert in_forked_workers(pieces(items, 2), 1, lambda item: -item, counted.append) == [-i for i in items]
    assert sum(counted) == len(items)
    assert no_child_left()
