"""Where rule packs are: the shipped ones' folder and the files of a folder.

Apart from `mtlint.packs`, which loads packs: a run answered from the result
cache stamps the pack files to key its results, and never loads a rule;
importing the loader (rules, examples, kinds) would cost it 7 M
instructions, over 1 % of a re-run over 1,000 files.
"""

from __future__ import annotations

from pathlib import Path


def builtin_packs_dir() -> Path:
    """Where the shipped packs are: inside the wheel (`mtlint/_packs`), or the
    repository's `rules/` when running from a source checkout."""
    package = Path(__file__).resolve().parent
    shipped = package / "_packs"  # not importlib.resources: its import costs every run 5 ms
    return shipped if shipped.is_dir() else package.parent / "rules"


def pack_files(root: Path) -> list[Path]:
    """The pack files under `root` (a file or a directory), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(root.rglob("*.toml"))
