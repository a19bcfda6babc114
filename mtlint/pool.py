"""Files linted on several processes forked from this one (`--jobs`).

Why not `concurrent.futures`: importing its process pool (multiprocessing,
logging, queues, threads) took 40-50 ms before the first worker could
start, a serial cost that every parallel run paid and no second core could
take back. Forked workers inherit everything this process built (imported
rules, plans, settings) and need to be told nothing but which piece of the
files to lint next.

How the files are shared (the pieces: `pieces`): workers take pieces from
the front, this process takes them from the back, and they meet near where
the workers' share ends, where the pieces have shrunk to one file, so no
core waits long for another. This process alone hands out pieces: each
worker holds AHEAD of them (one running, one queued) and is handed the next
one from the front when it sends one back; this process looks for pieces
sent back after each file it lints itself. No lock is shared, and a worker
needs nothing but two pipes: piece numbers in, pickled results out.

A worker that dies (killed, out of memory) leaves the pieces it held
without results: this process lints them itself once the others are done,
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
#: pieces a worker holds at once: the one it lints and the next, so that it
#: never waits for this process to hand it one
AHEAD = 2
#: a result frame's header: the piece's number, then the payload's length
NUMBER_BYTES = 4
LENGTH_BYTES = 8
#: what a pipe from a worker may hold (Linux; elsewhere the system's size):
#: a piece's results fit, so a worker rarely waits for this process to read
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
        """Results the workers sent back; each worker that sent one is handed
        the next piece from the front, while some remain."""
        nonlocal front
        for worker in crew:
            for number, payload in worker.receive():
                done[number] = pickle.loads(payload)  # written by our own child
                worker.held.remove(number)
                advance(len(shares[number]))
            if not worker.alive:
                worker.held.clear()  # what it held without sending is linted at the end
            while worker.alive and len(worker.held) < AHEAD and front < back:
                worker.hand(front)
                front += 1

    front, back = 0, len(shares)
    try:
        for _ in range(workers):
            try:
                crew.append(_fork(shares, lint, [fd for worker in crew for fd in (worker.tasks, worker.results)]))
            except OSError:  # no more processes to be had (a limit): those started share the work
                break
        gather()
        while front < back:
            back -= 1
            mine = done[back] = []
            for item in shares[back]:
                mine.append(lint(item))
                advance(1)
                gather()
        for worker in crew:
            worker.finish()
            gather()
    finally:
        for worker in crew:
            worker.stop()
    for number, share in enumerate(shares):
        if number not in done:  # held by a worker that died
            done[number] = [lint(item) for item in share]
            advance(len(share))
    return [result for number in range(len(shares)) for result in done[number]]


class _Worker:
    """This process's end of one worker: the pipe that hands it piece
    numbers, the one it sends results on (read without blocking until the
    last ones are awaited), and the pieces it holds."""

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks
        self.results = results
        self.handing = True
        self.held: list[int] = []
        self.alive = True
        self.buffer = bytearray()
        os.set_blocking(results, False)

    def hand(self, number: int) -> None:
        try:
            os.write(self.tasks, number.to_bytes(NUMBER_BYTES, "little"))
        except BrokenPipeError:  # it died: what it held is linted by this process at the end
            self.alive = False
            return
        self.held.append(number)

    def receive(self) -> list[tuple[int, bytes]]:
        """The frames (piece number, payload) complete in the pipe now."""
        while self.alive:
            try:
                chunk = os.read(self.results, PIPE_SIZE)
            except BlockingIOError:
                break
            if not chunk:
                self.alive = False
            self.buffer += chunk
        frames = []
        header = NUMBER_BYTES + LENGTH_BYTES
        while len(self.buffer) >= header:
            length = int.from_bytes(self.buffer[NUMBER_BYTES:header], "little")
            if len(self.buffer) < header + length:
                break
            number = int.from_bytes(self.buffer[:NUMBER_BYTES], "little")
            frames.append((number, bytes(self.buffer[header : header + length])))
            del self.buffer[: header + length]
        return frames

    def finish(self) -> None:
        """Wait for the pieces it holds; hand it no more (it exits)."""
        os.close(self.tasks)
        self.handing = False
        os.set_blocking(self.results, True)

    def stop(self) -> None:
        """Make sure it is gone, and reap it."""
        if self.handing:
            os.close(self.tasks)
        os.close(self.results)
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)  # gone already when it finished its pieces
        os.waitpid(self.pid, 0)


def _fork(shares: Sequence[Sequence[T]], lint: Callable[[T], R], inherited: list[int]) -> _Worker:
    """A worker linting the pieces it is handed. It closes what it inherited
    of the other workers' pipes, so that each pipe has one reader and one
    writer: a worker whose pipe this process closes (or that this process
    leaves by dying) sees its end and exits."""
    task_read, task_write = os.pipe()
    result_read, result_write = os.pipe()
    _widen(result_write)
    try:
        pid = os.fork()
    except OSError:
        for fd in (task_read, task_write, result_read, result_write):
            os.close(fd)
        raise
    if pid == 0:
        _serve(shares, lint, task_read, result_write, [*inherited, task_write, result_read])
    os.close(task_read)
    os.close(result_write)
    return _Worker(pid, task_write, result_read)


def _serve(
    shares: Sequence[Sequence[T]], lint: Callable[[T], R], tasks: int, results: int, others: list[int]
) -> NoReturn:
    """A worker's life: close the `others` pipes' ends it inherited, lint
    each piece handed, send its results back, exit when no more come.
    Whatever happens, it exits without running this process's exit
    handlers or flushing its buffers: it sends results or nothing.

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
        while (number := _read_number(tasks)) is not None:
            payload = pickle.dumps([lint(item) for item in shares[number]], protocol=pickle.HIGHEST_PROTOCOL)
            header = number.to_bytes(NUMBER_BYTES, "little") + len(payload).to_bytes(LENGTH_BYTES, "little")
            _write_all(results, header + payload)
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


def _read_number(fd: int) -> int | None:
    """The number of the next piece to lint, None when no more will come."""
    data = b""
    while len(data) < NUMBER_BYTES:
        chunk = os.read(fd, NUMBER_BYTES - len(data))
        if not chunk:
            return None
        data += chunk
    return int.from_bytes(data, "little")


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
