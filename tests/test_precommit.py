"""The real pre-commit framework runs the hooks of this repository.

`pre-commit try-repo` installs the hook repository into its own environment
with pip, as it does for users; that install is the only network use of the
test suite (a package install, from the package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

CLEAN = (
    "Le gouvernement a présenté mardi un projet de loi sur la rénovation des logements anciens.\n"
    "Le texte prévoit des aides pour les ménages modestes et un calendrier étalé sur dix ans.\n"
)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def snapshot_of_this_tree(target: Path) -> str:
    """A git repository holding this working tree as it is now (tracked and
    untracked files, not ignored ones), committed; returns the commit."""
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target).strip()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "hooks"
    hooks.mkdir()
    rev = snapshot_of_this_tree(hooks)
    repo = base / "articles"
    repo.mkdir()
    shutil.copy(SEED, repo / "damaged.txt")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    return repo, hooks, rev


def try_repo(repo: Path, hooks: Path, rev: str, name: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "mtlint", "--ref", rev, "--files", name],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_damaged_article(articles: tuple[Path, Path, str]) -> None:
    result = try_repo(*articles, "damaged.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "damaged.txt:20:" in result.stdout and "E002" in result.stdout


def test_hook_passes_clean_article(articles: tuple[Path, Path, str]) -> None:
    result = try_repo(*articles, "clean.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
