"""LanguageTool's answers on disk, one file per paragraph.

The key hashes everything the answer depends on: the server, the language
sent, the rules turned off and on, the mother tongue and the paragraph's
text. An unchanged paragraph is therefore never sent twice, and changing any
of those sends it again. Entries are written to a temporary file and renamed,
so a reader sees a whole entry or none; an entry that does not parse, or is
not what its key says, counts as missing and is written again.

Layout: `<project>/.mtlint_cache/grammar/<2 hex>/<64 hex>.json`, kept by
`mtlint.cache.DiskStore`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mtlint.cache import DiskStore, digest
from mtlint.grammar.matches import Match

VERSION = 1


def cache_key(
    server: str, language: str, disabled: Sequence[str], enabled: Sequence[str], mother: str, text: str
) -> str:
    return digest(VERSION, server, language, sorted(disabled), sorted(enabled), mother, text)


class DiskCache:
    """Paragraph answers under `directory` (`.mtlint_cache/grammar`)."""

    def __init__(self, directory: Path) -> None:
        self.store = DiskStore(directory, VERSION)

    @property
    def write_error(self) -> OSError | None:
        return self.store.write_error

    def get(self, key: str) -> list[Match] | None:
        """The cached matches of `key`, or None when missing or unreadable."""
        value = self.store.get(key)
        if not isinstance(value, list):
            return None
        try:
            return [Match.from_json(item) for item in value]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, matches: Sequence[Match]) -> None:
        self.store.put(key, [match.to_json() for match in matches])
