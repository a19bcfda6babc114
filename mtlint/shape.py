"""The prose as bytes, one per character, and its words as numbers: a
tokenisation at C speed that rules over whole documents share.

The prose is encoded in cp1252, a byte per character, where a character it
lacks becomes a stand-in of its class: a letter that lowers alike (K for the
Kelvin sign), or a placeholder (ODD_LETTER, ODD_UPPER, ODD_MARK) when only
tokens can tell the word's key. In key form (KEY_TABLE) letters are
lowercased, apostrophes are ', and whatever is no word is a space: its
whitespace-separated runs, split after each elision, are the words tokens()
finds, in the same order. `word_shape` numbers them: each distinct word once,
the document a list of numbers, eight bytes a word.

Segmentation reads its sentences and repeats from it, and the untranslated
survey its vocabulary and the paragraphs holding given words.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import chain, compress, count
from operator import not_
from typing import NamedTuple

import regex

from mtlint.document import Document
from mtlint.paragraphs import paragraphs
from mtlint.patterns import lazy, occurrences

LETTER = lazy(regex.compile, r"\p{L}")

UPPERCASE = lazy(regex.compile, r"\p{Lu}")

MARK = lazy(regex.compile, r"\p{M}")

SHAPE_CODEC = "cp1252"

SHAPE_ERRORS = "mtlint-shape"

#: bytes cp1252 leaves undefined: these three stand for the letters and marks
#: it lacks (segmentation uses two more as marks of its own)
ODD_LETTER, ODD_UPPER, ODD_MARK = 0x81, 0x8D, 0x9D

#: defined bytes of the same class stand for the spaces and symbols it lacks
ODD_SPACE, ODD_OTHER = 0xA0, 0x7F

#: a placeholder, where only tokens tell a word's key
ODD_BYTES = lazy(re.compile, b"[\\x81\\x8d\\x9d]")

#: a document with more placeholders than this share of its characters is
#: not in a Latin script: its words are read one by one
MAX_ODD_SHARE = 0.01


def _decoded(byte: int) -> str:
    """The character `byte` stands for in cp1252, "" where it stands for none."""
    return bytes((byte,)).decode(SHAPE_CODEC, errors="ignore")


CHARS = tuple(map(_decoded, range(256)))


def bytes_where(test: Callable[[str], object], *extra: int) -> bytes:
    """The bytes whose cp1252 character passes `test`, and `extra`."""
    return bytes(sorted({byte for byte, char in enumerate(CHARS) if char and test(char)} | set(extra)))


def one_of(values: Iterable[int], negated: bool = False) -> bytes:
    """A character class of byte patterns matching `values`, or all but them,
    in ranges: short classes keep the patterns quick to compile."""
    ranges: list[list[int]] = []
    for value in sorted(set(values)):
        if ranges and ranges[-1][1] == value - 1:
            ranges[-1][1] = value
        else:
            ranges.append([value, value])
    escaped = (
        re.escape(bytes((first,))) + b"-" * (last > first) + re.escape(bytes((last,))) * (last > first)
        for first, last in ranges
    )
    return (b"[^" if negated else b"[") + b"".join(escaped) + b"]"


LETTERS = bytes_where(LETTER.match, ODD_LETTER, ODD_UPPER)

WORD_CHARS = LETTERS + bytes((ODD_MARK,))

APOSTROPHES = bytes_where("'’".__contains__)


def _key_byte(byte: int) -> int:
    """`byte` in key form: a letter lowercased, an apostrophe as ', a mark
    kept, anything else a space."""
    if byte in (ODD_LETTER, ODD_UPPER):
        return ODD_LETTER
    if byte == ODD_MARK or byte == ord("'"):
        return byte
    if byte in APOSTROPHES:
        return ord("'")
    if byte in LETTERS:
        return CHARS[byte].lower().encode(SHAPE_CODEC)[0]
    return ord(" ")


KEY_TABLE = bytes(map(_key_byte, range(256)))

KEY_LETTERS = bytes(sorted({KEY_TABLE[byte] for byte in LETTERS}))

#: a mark that follows no letter belongs to no word
ORPHAN_MARK = lazy(re.compile, b"\x9d(?<!" + one_of(KEY_LETTERS + bytes((ODD_MARK,))) + b"\x9d)\x9d*")

#: an apostrophe that elides nothing: not between a word and a letter
STRAY_APOSTROPHE = lazy(
    re.compile, b"'(?:(?<!" + one_of(KEY_LETTERS + bytes((ODD_MARK,))) + b"')|(?!" + one_of(KEY_LETTERS) + b"))"
)

#: a word in key form, with its elision apostrophe
RUN = lazy(re.compile, rb"[^ ']+'?")


@cache
def _stand_in(char: str) -> int:
    """The byte standing for a character cp1252 lacks: the cp1252 letter of
    the same case that lowers alike (K for the Kelvin sign), else a byte of
    its class."""
    if char.isspace():
        return ODD_SPACE
    if LETTER.match(char):
        upper = bool(UPPERCASE.match(char))
        lowered = char.lower()
        twin = lowered.upper() if upper else lowered
        if len(twin) == 1 and twin.lower() == lowered and bool(UPPERCASE.match(twin)) == upper:
            encoded = twin.encode(SHAPE_CODEC, errors="ignore")
            if encoded:
                return encoded[0]
        return ODD_UPPER if upper else ODD_LETTER
    return ODD_MARK if MARK.match(char) else ODD_OTHER


def _standing_in(error: UnicodeError) -> tuple[bytes, int]:
    """The shape's encoding error handler: a stand-in byte per character."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return bytes(map(_stand_in, error.object[error.start : error.end])), error.end


codecs.register_error(SHAPE_ERRORS, _standing_in)


def shaped(text: str) -> bytes:
    """`text` as bytes, one per character."""
    return text.encode(SHAPE_CODEC, errors=SHAPE_ERRORS)


def marking(marked: Iterable[int]) -> bytes:
    """A table that translates the shape into 1 at the `marked` bytes and 0
    elsewhere: `bytes.find(1)` then gives their places at C speed."""
    wanted = set(marked)
    return bytes(byte in wanted for byte in range(256))


def prose_shape(doc: Document) -> bytes:
    """The prose as bytes, one per character."""
    return doc.memo("prose-shape", lambda d: shaped(d.prose))


class WordShape(NamedTuple):
    """The words of the prose in key form (lowercase, elision apostrophe as
    '), as cp1252 bytes where a letter cp1252 lacks is ODD_LETTER: a word for
    each word of tokens(), in the same order. Each distinct word is kept
    once, with a number, and the document's words are a list of those
    numbers: eight bytes a word, where a bytes object per word would take
    six times that."""

    #: the prose in key form, what is no word as spaces
    keys: bytes
    #: each distinct word and its number: equal numbers, equal words
    vocabulary: dict[bytes, int]
    #: every word's number, one after another (each word's int object shared by its occurrences)
    words: list[int]
    #: the index in `words` of each paragraph's first word, then the word count
    offsets: list[int]
    #: whether some word holds a placeholder, so that only tokens tell its key
    odd: bool


def word_shape(doc: Document) -> WordShape | None:
    """The words of `doc` as bytes, or None when it is to be read word by word."""
    return doc.memo("word-shape", _build_word_shape)


def _build_word_shape(doc: Document) -> WordShape | None:
    shape = prose_shape(doc)
    odd = shape.count(ODD_LETTER) + shape.count(ODD_UPPER) + shape.count(ODD_MARK)
    if odd > MAX_ODD_SHARE * len(shape) or (odd and _ambiguous(doc)):
        return None
    keys = shape.translate(KEY_TABLE)
    if odd:
        keys = ORPHAN_MARK.sub(lambda orphan: b" " * len(orphan.group()), keys)
    if b"'" in keys:
        keys = STRAY_APOSTROPHE.sub(b" ", keys)
    vocabulary: dict[bytes, int] = {}
    words: list[int] = []
    offsets = [0]
    # A new word takes the number its first occurrence draws: numbers need only be distinct.
    numbers = count()
    for start, end in paragraphs(doc):
        words.extend(map(vocabulary.setdefault, keys[start:end].replace(b"'", b"' ").split(), numbers))
        offsets.append(len(words))
    return WordShape(keys, vocabulary, words, offsets, bool(odd))


def _ambiguous(doc: Document) -> bool:
    """Whether the prose holds a capital cp1252 lacks that lowers to a letter
    it has (ẞ: ß), so that two words equal in key form differ in the shape."""
    prose = doc.prose
    capitals = {prose[match.start()] for match in re.finditer(b"\x8d", prose_shape(doc))}
    return any(len(char.lower()) == 1 and char.lower().encode(SHAPE_CODEC, errors="ignore") for char in capitals)


def odd_places(data: bytes) -> list[int]:
    """Where `data` (the shape, or its keys) holds a placeholder, in order:
    each placeholder's bytes found by `bytes.find`, at the speed of `memchr`,
    where a search for ODD_BYTES tests its class at every byte (5 ms per MB)."""
    placeholders = (bytes((byte,)) for byte in (ODD_LETTER, ODD_UPPER, ODD_MARK))
    return sorted(chain.from_iterable(occurrences(data, placeholder) for placeholder in placeholders))


def odd_numbers(shape: WordShape) -> set[int]:
    """The numbers of the words holding a placeholder: only their tokens tell their keys."""
    if not shape.odd:
        return set()
    return {number for word, number in shape.vocabulary.items() if ODD_LETTER in word or ODD_MARK in word}


def decoded(words: Sequence[bytes]) -> list[str]:
    """The shape's `words` as text, decoded together: the cp1252 codec costs
    a Python call per decode, and a document brings thousands of new words.
    A word never holds a line feed, which joins them."""
    return b"\n".join(words).decode(SHAPE_CODEC).split("\n") if words else []


def key_bytes(key: str) -> bytes:
    """A token's key as the shape spells it, or, holding a letter cp1252
    lacks, spelt apart from every key the shape spells."""
    try:
        return key.encode(SHAPE_CODEC)
    except UnicodeEncodeError:
        return bytes((ODD_LETTER,)) + key.encode("utf-8")


#: past this many numbers wanted, one pass over the words beats a search for each
FEW_WANTED = 3
#: past one paragraph in this many holding a wanted word, one pass over all
#: the words is faster than reading those paragraphs again (the 5 MB
#: benchmark file: with 7 % of its paragraphs holding one, 23 ms against
#: 34; with 43 %, 43 ms against 33)
DENSE = 4


def paragraphs_holding(shape: WordShape, wanted: set[int]) -> list[int]:
    """The paragraphs (by number) holding a word whose number is wanted.
    Each paragraph's words are asked with `set.isdisjoint`, a loop in C that
    stops at the first wanted word: twice as fast as a Python call per word
    where, as usual, most paragraphs hold none."""
    offsets = shape.offsets
    spans = map(shape.words.__getitem__, map(slice, offsets, offsets[1:]))
    return list(compress(count(), map(not_, map(wanted.isdisjoint, spans))))


def word_indices(shape: WordShape, wanted: set[int]) -> list[int]:
    """The indices of the words whose numbers are `wanted`, in order, at C
    speed: a few numbers (most calls want one or two rare words) are looked
    for with `list.index`, which compares without a Python call per word;
    more, in the paragraphs holding one (`paragraphs_holding`), or in all
    the words when many paragraphs do (`DENSE`)."""
    words, offsets = shape.words, shape.offsets
    if len(wanted) <= FEW_WANTED:
        return _indices_one_by_one(words, wanted)
    holding = paragraphs_holding(shape, wanted)
    if len(holding) * DENSE > len(offsets) - 1:
        return list(compress(count(), map(wanted.__contains__, words)))
    found: list[int] = []
    for paragraph in holding:
        low, high = offsets[paragraph], offsets[paragraph + 1]
        found.extend(compress(count(low), map(wanted.__contains__, words[low:high])))
    return found


def _indices_one_by_one(words: list[int], wanted: set[int]) -> list[int]:
    found = []
    for number in wanted:
        at = -1
        try:
            while True:
                at = words.index(number, at + 1)
                found.append(at)
        except ValueError:
            continue  # no more of this number
    found.sort()
    return found
