"""Files linted on several processes forked from this one (`--jobs`).

Why not `concurrent.futures`: importing its process pool (multiprocessing,
logging, queues, threads) took 40-50 ms before the first worker could
start, a serial cost that every parallel run paid and no second core could
take back. Forked workers inherit everything this process built (imported
rules, plans, settings) and need to be told nothing.

How the files are shared (the pieces: `pieces`): workers take pieces from
the front, this process takes them from the back, and they meet near where
the workers' share ends, where the pieces have shrunk to one file, so no
core waits long for another. Every process takes its next piece itself,
from a board of two numbers that all of them share (`_Board`): no process
waits for another to hand it work, so a worker goes on while this process
spends seconds on one large file. A worker writes each piece's results,
pickled, to a file of its own (its spool), and says on a pipe where they
are: it never waits for this process to read them either. This process
reads them after each file it lints, and once its share is done.

A worker that dies (killed, out of memory) leaves the piece it took
without results: this process lints it itself once the others are done,
so a lost worker changes when results come, never what they are. A bug
that raises in a worker raises again here, where the piece is linted anew.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from itertools import pairwise
from typing import NoReturn, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: at most this many files go to a process at a time
PIECE = 16
#: a notice on a worker's pipe: the piece's number, then where its results
#: are in the worker's spool (offset and length)
NUMBER_BYTES = 4
PLACE_BYTES = 8
NOTICE = NUMBER_BYTES + 2 * PLACE_BYTES
#: what a worker's pipe may hold (Linux; elsewhere the system's size): tens
#: of thousands of notices, so a worker never waits for this process
PIPE_SIZE = 1 << 20


def pieces(items: list[T], jobs: int) -> list[list[T]]:
    """`items` in pieces: the workers take them from the front, this process
    from the back, and they meet near where the workers' share ends. The
    pieces shrink towards that place, down to one file: when the last ones
    are linted, no process waits for more than a file's time."""
    meet = len(items) * (jobs - 1) // jobs
    cuts = [0]
    while cuts[-1] < meet:
        cuts.append(cuts[-1] + max(1, min(PIECE, (meet - cuts[-1]) // (4 * (jobs - 1)))))
    back = [len(items)]
    while back[-1] > meet:
        back.append(back[-1] - max(1, min(PIECE, (back[-1] - meet) // 4)))
    cuts.extend(reversed(back[:-1]))
    return [items[start:end] for start, end in pairwise(cuts)]


def in_forked_workers(
    shares: Sequence[Sequence[T]], workers: int, lint: Callable[[T], R], advance: Callable[[int], None]
) -> list[R]:
    """`lint(item)` for every item of `shares`, in order, on this process and
    `workers` forked ones (see the module's docstring); `advance(count)` is
    told of every `count` items done, in this process's thread."""
    import pickle  # here: a run on one process does not pay its import

    done: dict[int, list[R]] = {}
    crew: list[_Worker] = []

    def gather() -> None:
        """The results the workers have written."""
        for worker in crew:
            for number, payload in worker.receive():
                done[number] = pickle.loads(payload)  # written by our own child
                advance(len(shares[number]))

    try:
        board = _Board(len(shares))
    except OSError:  # no file to share (a full or missing temporary folder): this process does it all
        return _rest_here(shares, done, lint, advance)
    try:
        for _ in range(workers):
            try:
                crew.append(_fork(shares, lint, board, [fd for worker in crew for fd in worker.fds]))
            except OSError:  # no more processes to be had (a limit): those started share the work
                break
        while (number := board.take_back()) is not None:
            mine = done[number] = []
            for item in shares[number]:
                mine.append(lint(item))
                advance(1)
                gather()
        for worker in crew:
            worker.block()
        gather()  # to each worker's exit
    finally:
        for worker in crew:
            worker.stop()
        board.close()
    return _rest_here(shares, done, lint, advance)


def _rest_here(
    shares: Sequence[Sequence[T]], done: dict[int, list[R]], lint: Callable[[T], R], advance: Callable[[int], None]
) -> list[R]:
    """Every item's result in order, the pieces not `done` (taken by a
    worker that died) linted in this process."""
    for number, share in enumerate(shares):
        if number not in done:
            done[number] = [lint(item) for item in share]
            advance(len(share))
    return [result for number in range(len(shares)) for result in done[number]]


class _Board:
    """The two ends of the pieces not yet taken, shared by this process and
    its workers: a map of a small file of their own, changed under a lock
    on it (`fcntl.lockf`, whose lock the system drops when its process
    dies: a worker killed while taking a piece never leaves it taken)."""

    def __init__(self, count: int) -> None:
        import mmap

        self.fd = _private_file()
        os.ftruncate(self.fd, 2 * PLACE_BYTES)
        self.map = mmap.mmap(self.fd, 2 * PLACE_BYTES)
        self._set(0, count)

    def take_front(self) -> int | None:
        """The next piece from the front (a worker's), None when none is left."""
        return self._take(front=True)

    def take_back(self) -> int | None:
        """The next piece from the back (this process's), None when none is left."""
        return self._take(front=False)

    def _take(self, *, front: bool) -> int | None:
        import fcntl  # here: `pieces` serves where there is no fcntl (Windows)

        fcntl.lockf(self.fd, fcntl.LOCK_EX)
        try:
            first, end = self._get()
            if first >= end:
                return None
            if front:
                self._set(first + 1, end)
                return first
            self._set(first, end - 1)
            return end - 1
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN)

    def _get(self) -> tuple[int, int]:
        data = self.map[: 2 * PLACE_BYTES]
        return int.from_bytes(data[:PLACE_BYTES], "little"), int.from_bytes(data[PLACE_BYTES:], "little")

    def _set(self, first: int, end: int) -> None:
        self.map[: 2 * PLACE_BYTES] = first.to_bytes(PLACE_BYTES, "little") + end.to_bytes(PLACE_BYTES, "little")

    def close(self) -> None:
        self.map.close()
        os.close(self.fd)


class _Worker:
    """This process's end of one worker: the pipe it sends notices on (read
    without blocking until this process's share is done) and its spool."""

    def __init__(self, pid: int, notices: int, spool: int) -> None:
        self.pid = pid
        self.notices = notices
        self.spool = spool
        self.fds = (notices, spool)
        self.alive = True
        self.buffer = bytearray()
        os.set_blocking(notices, False)

    def receive(self) -> list[tuple[int, bytes]]:
        """The pieces (number, pickled results) the worker has said are written."""
        while self.alive:
            try:
                chunk = os.read(self.notices, PIPE_SIZE)
            except BlockingIOError:
                break
            if not chunk:
                self.alive = False
            self.buffer += chunk
        found = []
        while len(self.buffer) >= NOTICE:
            number = int.from_bytes(self.buffer[:NUMBER_BYTES], "little")
            offset = int.from_bytes(self.buffer[NUMBER_BYTES : NUMBER_BYTES + PLACE_BYTES], "little")
            length = int.from_bytes(self.buffer[NUMBER_BYTES + PLACE_BYTES : NOTICE], "little")
            del self.buffer[:NOTICE]
            found.append((number, _read_at(self.spool, offset, length)))
        return found

    def block(self) -> None:
        """From now on `receive` waits for the worker's notices, to its exit."""
        os.set_blocking(self.notices, True)

    def stop(self) -> None:
        """Make sure it is gone, reap it, close its pipe and spool."""
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)  # gone already when it found no piece left
        os.waitpid(self.pid, 0)
        for fd in self.fds:
            os.close(fd)


def _fork(shares: Sequence[Sequence[T]], lint: Callable[[T], R], board: _Board, inherited: list[int]) -> _Worker:
    """A worker taking pieces from the front of `board`. It closes what it
    inherited of the other workers' pipes and spools, so that its pipe has
    one reader and one writer."""
    notices_read, notices_write = os.pipe()
    _widen(notices_write)
    opened = [notices_read, notices_write]
    try:
        spool = _private_file()
        opened.append(spool)
        pid = os.fork()
    except OSError:
        for fd in opened:
            os.close(fd)
        raise
    if pid == 0:
        _serve(shares, lint, board, spool, notices_write, [*inherited, notices_read])
    os.close(notices_write)
    return _Worker(pid, notices_read, spool)


def _serve(
    shares: Sequence[Sequence[T]], lint: Callable[[T], R], board: _Board, spool: int, notices: int, others: list[int]
) -> NoReturn:
    """A worker's life: close the `others` ends it inherited, take pieces
    from the front of the board until none is left, write each one's
    results to the spool and say where on the pipe. Whatever happens, it
    exits without running this process's exit handlers or flushing its
    buffers: it sends results or nothing.

    Its warnings go to stderr through a file object of its own: the one it
    inherited may have been locked, at the fork, by a thread of this
    process that the fork did not copy (the progress bar's), and would
    stay locked in the worker for good."""
    status = 1
    try:
        import pickle

        for fd in others:
            os.close(fd)
        _own_stderr()
        offset = 0
        while (number := board.take_front()) is not None:
            payload = pickle.dumps([lint(item) for item in shares[number]], protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(spool, payload)
            notice = number.to_bytes(NUMBER_BYTES, "little") + offset.to_bytes(PLACE_BYTES, "little")
            _write_all(notices, notice + len(payload).to_bytes(PLACE_BYTES, "little"))
            offset += len(payload)
        status = 0
    finally:
        os._exit(status)


def _own_stderr() -> None:
    """A file object of this worker's own on the standard error stream
    (see `_serve`), as Python makes one; the inherited one where there is no
    such stream."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    with suppress(OSError):
        sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False, buffering=1)  # noqa: SIM115


def _private_file() -> int:
    """A file no other process can open, gone when its last descriptor
    closes: in memory where the system offers it (Linux), else an unlinked
    temporary file."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("mtlint-pool", os.MFD_CLOEXEC)
    import tempfile
    from pathlib import Path

    fd, path = tempfile.mkstemp(prefix="mtlint-pool-")
    Path(path).unlink()
    return fd


def _read_at(fd: int, offset: int, length: int) -> bytes:
    data = b""
    while len(data) < length:
        chunk = os.pread(fd, length - len(data), offset + len(data))
        if not chunk:
            raise EOFError(f"a worker's spool ends before {offset + length}")
        data += chunk
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _widen(fd: int) -> None:
    """Let the pipe hold PIPE_SIZE bytes where the system allows it (Linux)."""
    import fcntl

    if hasattr(fcntl, "F_SETPIPE_SZ"):
        with suppress(OSError):  # above the system's limit: its default size serves
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
