"""How the benchmarks run mtlint: in new processes, from compiled modules,
as an installed mtlint runs. pip compiles the modules at install time, so a
shell that forbids writing bytecode (PYTHONDONTWRITEBYTECODE) must not make
every timed run compile the sources again; and a shell that unbuffers
Python's output (PYTHONUNBUFFERED) must not turn each write into a system
call that a user's shell would not."""

from __future__ import annotations

import compileall
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENT = {
    key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
}


def compile_package() -> None:
    compileall.compile_dir(ROOT / "mtlint", quiet=1)
