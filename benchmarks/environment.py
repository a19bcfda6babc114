"""How the benchmarks run mtlint: in new processes, from compiled modules,
as an installed mtlint runs. pip compiles the modules at install time, so a
shell that forbids writing bytecode (PYTHONDONTWRITEBYTECODE) must not make
every timed run compile the sources again, nor keep every run from keeping
its compiled patterns beside them (`mtlint/pattern_store.py`), as any run
of an installed mtlint does for the next; and a shell that unbuffers
Python's output (PYTHONUNBUFFERED) must not turn each write into a system
call that a user's shell would not."""

from __future__ import annotations

import compileall
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = {
    key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
}


def compile_package() -> None:
    compileall.compile_dir(ROOT / "mtlint", quiet=1)


def keep_patterns(command: Sequence[str]) -> None:
    """Run `command` once before anything is timed, so that the patterns it
    compiles are kept as a user's earlier run would have left them: the
    first timed run does not pay for compiling and writing them."""
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENVIRONMENT, check=False)
