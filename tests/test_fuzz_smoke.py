"""The atheris fuzz target runs, briefly, as part of the suite; run it for as
long as you like with `python fuzz/fuzz_check.py -atheris_runs=N`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_fuzz_target_smoke(tmp_path) -> None:
    pytest.importorskip("atheris")
    result = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_check.py"), "-atheris_runs=1500", "-max_len=512", "-seed=1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Done 1500" in result.stderr
