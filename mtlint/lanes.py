"""One large document's rules on two processes.

`--jobs` shares files between processes, so a run over one 5 MB file would
leave every core but one idle. Such a document's rules split in two lanes of
about equal time: the rules of `SECOND_LANE`'s categories (the untranslated
reading, which the boilerplate rules also ask which languages are in play)
run in a forked child, every other rule in this process. Each lane builds the
analyses its rules read (both build the word shape and the lines, a seventh
of the work, rather than wait for them before forking); the child sends its
outcomes back through a pipe, and they are put back in rule order.

Where there is no `fork` (Windows), or the child fails in any way, this
process checks the child's rules itself: the lanes change when findings come,
never what they are.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from mtlint.diagnostic import Category
from mtlint.rule import Rule

#: characters below which a document's rules run in one process: forking and
#: sending the findings back cost more than the second lane would save
FORK_MIN = 256 * 1024

#: the categories whose rules run in the child: together they take about half
#: the time of all rules on a large document, and they read analyses the
#: other categories never ask for
SECOND_LANE = frozenset({Category.UNTRANSLATED, Category.BOILERPLATE})

T = TypeVar("T")


def in_two_lanes(rules: Sequence[Rule], check: Callable[[Rule], T]) -> list[T]:
    """`check(rule)` for every rule, in the order given; the second lane's
    rules are checked by a forked child when there is one to fork."""
    theirs = [index for index, rule in enumerate(rules) if rule.meta.category in SECOND_LANE]
    ours = [index for index, rule in enumerate(rules) if rule.meta.category not in SECOND_LANE]
    if not hasattr(os, "fork") or not theirs or not ours:
        return [check(rule) for rule in rules]
    pid, read = _fork([rules[index] for index in theirs], check)
    stream = os.fdopen(read, "rb")
    try:
        outcomes = {index: check(rules[index]) for index in ours}
        received = _received(stream.read(), len(theirs))
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # its outcomes will not be read
        raise
    finally:
        stream.close()
        os.waitpid(pid, 0)
    if received is None:
        received = [check(rules[index]) for index in theirs]
    outcomes.update(zip(theirs, received, strict=True))
    return [outcomes[index] for index in range(len(rules))]


def _fork(theirs: list[Rule], check: Callable[[Rule], T]) -> tuple[int, int]:
    """A child checking `theirs` and writing their outcomes, pickled, to the
    pipe whose reading end is returned with its pid. Whatever happens in it,
    the child exits without running this process's exit handlers or flushing
    its buffers: it writes its outcomes or nothing.

    Objects both processes hold are frozen out of the collector while the
    child forks: its collections would otherwise write to (and so copy) every
    page they are on."""
    import pickle  # here: a run that never forks does not pay its import

    frozen = gc.get_freeze_count()
    gc.freeze()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        status = 1
        try:
            payload = pickle.dumps([check(rule) for rule in theirs], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as stream:
                stream.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    if not frozen:
        gc.unfreeze()  # what this process froze before (`_in_parallel`) stays frozen
    return pid, read


def _received(payload: bytes, count: int) -> list[T] | None:
    """The child's outcomes, or None when it did not send all of them."""
    import pickle

    try:
        outcomes = pickle.loads(payload)  # written by our own child
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    return outcomes if isinstance(outcomes, list) and len(outcomes) == count else None
