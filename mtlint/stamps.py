"""A file's stamp: what its metadata says about its content, so that an
unchanged repository's results are found without reading its files.

Reading, decoding and hashing 1,000 articles took a sixth of a re-run
answered from the result cache; a `stat` per file takes a thirtieth of it.
The stamp holds the size, the inode, and the times of the last change to
the content (`mtime`) and to the file's record (`ctime`). Writing a file
changes its mtime and ctime, replacing it changes its inode, and no program
can set the ctime back (`touch -d` sets it to now), so a file whose stamp
is the one taken when it was read holds what was read then. Git's index
and mypy's cache trust the same fields. (On Windows `st_ctime` is the
creation time: a program that rewrote a file in place, kept its size and
set its mtime back would go unseen there; no editor or checkout does.)

One case is left, the "racy" file of git's documentation: a file written
again within the clock tick of the stamp taken when it was read gets the
same times, and with the same size, the same stamp. A stamp is therefore
only taken of a file both of whose times are at least `RACY` seconds old,
more than the coarsest timestamps in use (two seconds on FAT); a file
changed since has later times. A file edited just before a run is read and
hashed on the next run too, and stamped then.
"""

from __future__ import annotations

import os
import time

#: how old, in nanoseconds, both of a file's times must be for its stamp to
#: be trusted (see the module's docstring)
RACY = 3_000_000_000


def stamp_of(stat: os.stat_result) -> str | None:
    """The stamp of a file with this `stat`, or None when it is too recent
    to be trusted."""
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY:
        return None
    return f"{stat.st_size}:{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"


def current_stamp(path: str) -> str | None:
    """The stamp of the file at `path` now; None when it cannot be stated
    or is too recent (it is then read)."""
    try:
        return stamp_of(os.stat(path))  # noqa: PTH116 (a string path: a Path per file costs more)
    except (OSError, ValueError):
        return None
