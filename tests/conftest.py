"""Shared fixtures: paths into the repository and a CLI runner in-process."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mtlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_322c771c9c5e90a3.txt"
SHARED = ROOT.parent / "shared"


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Outcome]:
    """Run `mtlint ARGS` in this process, with optional stdin bytes."""

    def run(*args: str, stdin: bytes = b"") -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdin", fake_stdin)
        code = main(list(args))
        monkeypatch.undo()
        return Outcome(code, out.getvalue(), err.getvalue())

    return run
