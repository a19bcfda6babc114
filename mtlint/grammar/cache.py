"""LanguageTool's answers on disk, one file per paragraph.

The key hashes everything the answer depends on: the server, the language
sent, the rules turned off and on, the mother tongue and the paragraph's
text. An unchanged paragraph is therefore never sent twice, and changing any
of those sends it again. Entries are written to a temporary file and renamed,
so a reader sees a whole entry or none; an entry that does not parse, or is
not what its key says, counts as missing and is written again.

Layout: `<project>/.mtlint_cache/grammar/<2 hex>/<64 hex>.json`. The cache
directory ignores itself for git (`.gitignore`) and says what it is
(`CACHEDIR.TAG`), as pytest's and ruff's do.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mtlint.grammar.matches import Match

VERSION = 1
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by mtlint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def cache_key(
    server: str, language: str, disabled: Sequence[str], enabled: Sequence[str], mother: str, text: str
) -> str:
    material = json.dumps(
        [VERSION, server, language, sorted(disabled), sorted(enabled), mother, text], ensure_ascii=False
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class DiskCache:
    """Paragraph answers under `directory` (`.mtlint_cache/grammar`)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.write_error: OSError | None = None

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Match] | None:
        """The cached matches of `key`, or None when missing or unreadable."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != VERSION or data.get("key") != key:
                return None
            matches = data.get("matches")
            if not isinstance(matches, list):
                return None
            return [Match.from_json(item) for item in matches]
        except (OSError, ValueError):
            return None

    def put(self, key: str, matches: Sequence[Match]) -> None:
        """Store `matches` under `key`; a failure to write is remembered, not
        raised (the cache only saves time)."""
        path = self._path(key)
        payload = json.dumps(
            {"version": VERSION, "key": key, "matches": [match.to_json() for match in matches]}, ensure_ascii=False
        )
        try:
            if not path.parent.is_dir():
                self._make_directories(path.parent)
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

    def _make_directories(self, directory: Path) -> None:
        root = self.directory.parent
        fresh = not root.exists()
        directory.mkdir(parents=True, exist_ok=True)
        if fresh and root.name == ".mtlint_cache":
            (root / ".gitignore").write_text("# Created by mtlint.\n*\n", encoding="utf-8")
            (root / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
