"""The wheel is real: built from this tree, installed into a new virtual
environment, and run from there, with the rule packs loaded from inside it.

Nothing is downloaded: the wheel is built without build isolation (hatchling
comes with the test extras) and installed without its dependencies into a
venv that sees this environment's site-packages.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the freshly built mtlint wheel installed; returns its bin/."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        cwd=base,
    )
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("mtlint-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        cwd=base,
    )
    # The dependencies come from this environment, listed after the venv's own
    # site-packages so that the wheel's mtlint wins over any other installed
    # copy. Added after the install, or pip would find that copy and skip it.
    own = subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"], capture_output=True, text=True
    ).stdout.strip()
    Path(own, "_outer.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return env_dir / "bin"


def test_installed_wheel_runs_with_its_own_packs(installed: Path, tmp_path: Path) -> None:
    python = installed / "python"
    script = "import mtlint, mtlint.pack_paths as p; print(mtlint.__file__); print(p.builtin_packs_dir())"
    where = subprocess.run(
        [str(python), "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.split("\n")
    assert str(installed.parent) in where[0], "mtlint imported from the venv, not the source tree"
    assert where[1].endswith("mtlint/_packs") and str(installed.parent) in where[1]

    listed = subprocess.run(
        [str(installed / "mtlint"), "rules", "--format", "json"], capture_output=True, text=True, cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    codes = {rule["code"] for rule in json.loads(listed.stdout)}
    assert {"E001", "E002", "T001"} <= codes, "packs from rules/ load from the installed wheel"

    checked = subprocess.run([str(installed / "mtlint"), "check", str(SEED)], capture_output=True, text=True)
    assert checked.returncode == 1, checked.stderr
    assert "email-protected-placeholder" in checked.stdout


def test_wheel_contents(installed: Path) -> None:
    wheel = next((installed.parent.parent / "dist").glob("mtlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "mtlint/_packs/common/encoding.toml" in names
    assert "mtlint/lang/profiles.toml" in names
    assert {
        f"mtlint/lang/lexicon/{lang}.{kind}" for lang in ("fr", "es") for kind in ("txt", "index", "filter")
    } <= set(names)
    assert "mtlint/lang/pairs/fr-es.toml" in names
    assert any(name.endswith("entry_points.txt") for name in names)
