"""Bytes to text and back, without losing a byte.

mtlint accepts UTF-8, UTF-8 with a BOM and UTF-16 with a BOM. Anything else is
refused with the likely encoding named, never silently re-decoded: a guess that
is wrong would make `--fix` write a damaged file. Newlines are not translated,
so writing the text back reproduces every byte outside the edits.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from mtlint.errors import FileError


class Decoded(NamedTuple):
    """A decoded file and how to encode it back exactly."""

    text: str
    encoding: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


BOMS = (
    (codecs.BOM_UTF32_LE, None),
    (codecs.BOM_UTF32_BE, None),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class BinaryFile(FileError):
    """The file holds NUL bytes: an error when named, skipped when a walk
    of a directory meets it."""


def is_binary(data: bytes) -> bool:
    """A NUL byte in UTF-8 text means the file is not text (as git judges)."""
    return b"\x00" in data[:8192]


def decode(data: bytes, path: str) -> Decoded:
    """Decode `data` or raise FileError naming `path` and the reason."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            if encoding is None:
                raise FileError(f"{path}: UTF-32 is not supported; convert the file to UTF-8")
            return _strict(data[len(bom) :], encoding, bom, path)
    if is_binary(data):
        raise BinaryFile(f"{path}: binary file (it contains NUL bytes), not text")
    return _strict(data, "utf-8", b"", path)


def _strict(body: bytes, encoding: str, bom: bytes, path: str) -> Decoded:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        guess = _guess(body)
        hint = f"; it looks like {guess}, convert it to UTF-8 first" if guess else "; convert it to UTF-8 first"
        byte = body[error.start : error.start + 1].hex()
        raise FileError(
            f"{path}: not valid {encoding.upper()} (byte 0x{byte} at offset {error.start + len(bom)}){hint}"
        ) from None
    return Decoded(text, encoding, bom)


def _guess(body: bytes) -> str | None:
    """The encoding charset-normalizer believes in, for the error message only."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:65536]).best()
    return best.encoding if best is not None else None
