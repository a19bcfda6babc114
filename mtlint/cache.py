"""What every cache of mtlint shares: the `.mtlint_cache` directory, which
ignores itself for git (`.gitignore`) and says what it is (`CACHEDIR.TAG`),
as pytest's and ruff's do; stable keys; and a JSON store on disk that never
lies, where LanguageTool's answers live (lint results have a database of
their own: `mtlint.result_cache`).

Each entry of a `DiskStore` is a file named by the hash of everything its
value depends on, under `<project>/.mtlint_cache/<area>/`. Entries are
written to a temporary file and renamed, so two processes sharing the
directory each see a whole entry or none; an entry that does not parse, or
does not carry the key and version it should, counts as missing and is
written again. A file per entry suits answers that each took a server a
tenth of a second; creating the file would cost more than most lints.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mtlint.files import read_file

try:
    # hashlib's own BLAKE2 (`hashlib.blake2b` is this function), without
    # importing hashlib, which loads OpenSSL's libcrypto first: 7 M
    # instructions of a re-run over 1,000 files (1.4 %), and libcrypto's
    # pages, for a run that hashes a few dozen bytes a file.
    from _blake2 import blake2b
except ImportError:  # a Python without CPython's module
    from hashlib import blake2b

CACHE_DIR = ".mtlint_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by mtlint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def digest(*parts: Any) -> str:
    """A stable key for JSON-serialisable `parts`."""
    return hashed(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))


def hashed(data: bytes) -> str:
    """The key of `data`: 64 hexadecimal digits (BLAKE2b, 32 bytes)."""
    return blake2b(data, digest_size=32).hexdigest()


class DiskStore:
    """Values under `directory` (an area of `.mtlint_cache`), by key."""

    def __init__(self, directory: Path, version: int) -> None:
        self.directory = directory
        self.version = version
        self.write_error: OSError | None = None

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The value stored under `key`, or None when missing or not trusted."""
        try:
            # a string path: an unchanged repository reads thousands of
            # entries, and pathlib's objects cost more than the read
            data = json.loads(read_file(f"{self.directory}/{key[:2]}/{key}.json"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != self.version or data.get("key") != key:
            return None
        return data.get("value")

    def put(self, key: str, value: Any) -> None:
        """Store `value`; a failure to write is remembered, not raised: the
        cache only saves time."""
        import tempfile  # here: a run that only reads the cache skips its import (and shutil's)

        path = self._path(key)
        payload = json.dumps({"version": self.version, "key": key, "value": value}, ensure_ascii=False)
        try:
            if not path.parent.is_dir():
                make_directory(path.parent, self.directory.parent)
            handle, temp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(payload)
                Path(temp).replace(path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as error:
            self.write_error = self.write_error or error


def remove_caches(top: Path) -> list[Path]:
    """Remove every `.mtlint_cache` in `top` and the folders below it, as
    `ruff clean` does, and say which. Only a folder that carries mtlint's
    `CACHEDIR.TAG` is removed: one of that name made by hand is not
    mtlint's to delete. Links are not followed, and `.git` is not walked."""
    import shutil  # here: only `mtlint clean` pays its import

    removed: list[Path] = []
    for folder, folders, _ in os.walk(top):
        if CACHE_DIR in folders:
            cache = Path(folder) / CACHE_DIR
            if not cache.is_symlink() and _tagged(cache):
                shutil.rmtree(cache)
                removed.append(cache)
        folders[:] = [name for name in folders if name not in (CACHE_DIR, ".git")]
    return removed


def _tagged(cache: Path) -> bool:
    try:
        return (cache / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    except (OSError, UnicodeDecodeError):
        return False


def make_directory(directory: Path, root: Path) -> None:
    """Create `directory`, in or at the cache's `root`; a `.mtlint_cache`
    root created here gets its `.gitignore` and `CACHEDIR.TAG`."""
    fresh = not root.exists()
    directory.mkdir(parents=True, exist_ok=True)
    if fresh and root.name == CACHE_DIR:
        (root / ".gitignore").write_text("# Created by mtlint.\n*\n", encoding="utf-8")
        (root / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
