"""Word and sentence boundaries that machine translation and scraping damage:
a period left inside a sentence, two words glued into one, a lost apostrophe
or hyphen, a doubled word, a repeated clause, a capital left mid-sentence.

What each language allows is data (`lang/segmentation/<lang>.toml`:
abbreviations, function words, title nouns, prefixes, suffix rewrites); word
frequencies come from the compact lexicons (`mtlint.lexicon`). The word
analysis behind glued-words, missing-apostrophe and missing-hyphen runs once
per document and is shared, as is the byte view of the words below; what
only one analysis needs (the sentence units of repeated-clause) lives only
as long as that analysis, not as long as the document.

These rules look at every word, and a Python object per word would cost more
than all the rest of the linter. So they first read the prose as bytes, one
per character (its cp1252 encoding, where a character cp1252 lacks stands as
a byte of its class): translation tables, `split` and compiled byte patterns
find at C speed the few places worth a closer look (a period before a
lowercase letter, a capitalised function word, one word twice in a row, a
word the lexicon may not know, a sentence or four words met twice). Each
distinct word is kept once, with a number, and the document's words are a
list of numbers, so that words, sentences and runs compare by numbers. Only
there are words tokenised and judged, by the same tests as a word-by-word
reading. The byte view is coarser than the words, never finer, so it misses
nothing; a document whose letters it cannot tell apart (ẞ and ß lower alike,
but cp1252 has only ß) is read word by word.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from functools import cache, partial
from itertools import accumulate, chain, compress, count, filterfalse, islice, pairwise, repeat
from operator import add, eq, ge, itemgetter, sub
from typing import NamedTuple

import regex

from mtlint import toml
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.lang import DATA
from mtlint.lexicon import Lexicon, lexicon
from mtlint.paragraphs import paragraphs
from mtlint.pattern_store import kept
from mtlint.patterns import lazy
from mtlint.rule import Context, PythonRule
from mtlint.shape import (
    CHARS,
    KEY_LETTERS,
    LETTER,
    LETTERS,
    ODD_BYTES,
    ODD_LETTER,
    ODD_MARK,
    ODD_UPPER,
    RUN,
    UPPERCASE,
    WORD_CHARS,
    WordShape,
    bytes_where,
    decoded,
    key_bytes,
    odd_numbers,
    one_of,
    prose_shape,
    shaped,
    word_indices,
    word_shape,
)
from mtlint.tokens import WORD, Token, key_form, tokens

LANGUAGES = ("fr", "en", "es", "de", "it", "pt")

#: lexicon values are Zipf frequencies in tenths (mtlint.lexicon)
KNOWN = 25  # a word this frequent is a word of the language, not damage
TYPO = 30  # ...except a frequent typo (lhomme, surle) far below its halves
PART = 30  # each content half of a glued word is at least this frequent
PART_BESIDE_FUNCTION = 25  # ...or this, beside a function word
STEM = 20  # a form an inflection or derivation leads to is at least this frequent
GAP = 20  # the glued form is this far below its rarer half
LEAN = 5  # a word this much more frequent in another language is that language's (dhelp: d+help)
MIN_GLUED, MAX_GLUED = 5, 30  # letters; longer tokens are not split (linear time)
TERM = 3  # an unknown word written this often in one document is its term (popcon), not an accident
MIN_REPEAT = 4  # words in a repeated run
MIN_REPEAT_CONTENT = 2  # of which not function words
MIN_SENTENCE = 6  # words in a sentence worth comparing across the article
ARTICLE = 1500  # words: how far apart two copies of a sentence are still one article's

HORIZONTAL_SPACE = frozenset(" \t\u00a0\u202f\u2009")
VOWELS = frozenset("aeiouyàâäáéèêëíìîïóòôöúùûüœæ")
#: what an elided word stands before
ELIDING = VOWELS | {"h"}
#: characters next to a token that make it part of code, a path, an
#: identifier or a hashtag rather than a word of prose
CODE_NEIGHBOURS = frozenset("#/\\_@$%=~{}<>|`*+^&0123456789")
CLOSERS = frozenset(")]»”\"'’")
SENTENCE_CLOSERS = frozenset(".!?…)]»”\"'’")

STRAY_BREAK = lazy(regex.compile, r"(?<=[^\s.])\.[ \u00a0\u202f]++(?=\p{Ll})")
NEXT_WORD = lazy(regex.compile, r"[\p{L}\p{M}]++['’]?+")
LAST_LETTERS = lazy(regex.compile, r"[\p{L}\p{M}]++$")
ROMAN = lazy(
    regex.compile,
    r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|(?:i{1,3}|iv|vi{0,3}|ix|x)",
)
SENTENCE_BREAK = lazy(regex.compile, r"(?<=[.!?…][»”\"')\]]{0,3}+)\s++(?=[\p{Lu}«“„\"'(¿¡])")
LOWERCASE = lazy(regex.compile, r"\p{Ll}")
#: the run of letters and marks that ends where the match is asked to end
RUN_BEFORE = lazy(regex.compile, r"(?r)[\p{L}\p{M}]++")
HORIZONTAL_RUN = lazy(regex.compile, r"[ \t\u00a0\u202f\u2009]++")
HORIZONTAL_RUN_BEFORE = lazy(regex.compile, r"(?r)[ \t\u00a0\u202f\u2009]++")
#: what str.isspace() accepts (the regex module's \s leaves out U+001C..U+001F)
SPACE_RUN = lazy(regex.compile, r"[\s\x1c-\x1f]++")


class LanguageData(NamedTuple):
    """One language's segmentation data, as `lang/segmentation/<lang>.toml` gives it."""

    abbreviations: frozenset[str]
    doubled: frozenset[str]
    function_words: frozenset[str]
    title_nouns: frozenset[str]
    name_followers: frozenset[str]
    #: titles and labels are written in title case (English)
    title_case: bool
    prefixes: frozenset[str]
    hyphen_prefixes: frozenset[str]
    elisions: frozenset[str]
    #: the language writes new compounds closed (whitelist, Grenzstreit): two
    #: content words together are a compound, so a glued word needs a function word
    closed_compounds: bool
    #: strings the lexicon holds that are no words on their own (suffixes, codes)
    fragments: frozenset[str]
    #: spelling changes inside a stem (parachèvera: parachever)
    alternations: tuple[tuple[str, str], ...]
    #: suffix -> replacements, and the suffix lengths to try, longest first
    inflections: dict[str, tuple[str, ...]]
    suffix_lengths: tuple[int, ...]


@cache
def language_data(lang: str) -> LanguageData | None:
    """The data of `lang`, or None when mtlint has none for it."""
    source = DATA / "segmentation" / f"{lang}.toml"
    if not source.is_file():
        return None
    data = toml.loads(source.read_text(encoding="utf-8"))
    glued = data.get("glued", {})
    rewrites: dict[str, list[str]] = {}
    for suffix, replacement in glued.get("inflections", ()):
        rewrites.setdefault(suffix, []).append(replacement)
    return LanguageData(
        abbreviations=frozenset(data["abbreviations"]["words"]),
        doubled=frozenset(data["doubled"]["words"]),
        function_words=frozenset(data["capitals"]["function-words"]),
        title_nouns=frozenset(data["capitals"]["title-nouns"]),
        name_followers=frozenset(data["capitals"].get("name-followers", ())),
        title_case=bool(data["capitals"].get("title-case", False)),
        prefixes=frozenset(glued.get("prefixes", ())),
        hyphen_prefixes=frozenset(glued.get("hyphen-prefixes", ())),
        elisions=frozenset(glued.get("elisions", ())),
        closed_compounds=bool(glued.get("closed-compounds", False)),
        fragments=frozenset(glued.get("fragments", ())),
        alternations=tuple((written, alternative) for written, alternative in glued.get("alternations", ())),
        inflections={suffix: tuple(found) for suffix, found in rewrites.items()},
        suffix_lengths=tuple(sorted({len(suffix) for suffix in rewrites}, reverse=True)),
    )


def _standalone(prose: str, start: int, end: int) -> bool:
    """Whether prose[start:end] is a word of running text, not a piece of a
    hashtag, path, identifier, file name or number."""
    if start > 0 and (
        prose[start - 1] in CODE_NEIGHBOURS or (prose[start - 1] == "." and start > 1 and prose[start - 2].isalnum())
    ):
        return False
    if end < len(prose):
        following = prose[end]
        if following in CODE_NEIGHBOURS:
            return False
        if following == "." and end + 1 < len(prose) and prose[end + 1].isalnum():
            return False
    return True


def _only(chars: frozenset[str], text: str) -> bool:
    return bool(text) and all(char in chars for char in text)


# --- the prose as bytes (mtlint.shape), as these rules read it --------------------------------

#: bytes cp1252 leaves undefined that the shape never uses: they end sentences
#: and paragraphs where repeated-clause marks them
SENTENCE_MARK, PARAGRAPH_MARK = b"\x90", b"\x8f"
LOWERS = bytes_where(LOWERCASE.match, ODD_LETTER)
HORIZONTAL = bytes_where(HORIZONTAL_SPACE.__contains__)
REGEX_SPACES = bytes_where(kept(regex.compile, r"\s").match)
_SPACES = bytes_where(str.isspace)
SPACE_TABLE = bytes(ord(" ") if byte in _SPACES else ord("x") for byte in range(256))
#: the words in key form (WordShape.keys) as repeated-clause counts them: a
#: letter or a mark (a), an elision (') or anything else (a space)
WORD_CLASSES = bytes(
    ord("a") if byte in KEY_LETTERS or byte == ODD_MARK else byte if byte == ord("'") else ord(" ")
    for byte in range(256)
)
#: the shape with every sentence end (.!?…) as a period, for SENTENCE_BREAK_BYTES
SENTENCE_ENDS = bytes.maketrans(b"!?\x85", b"...")
#: SENTENCE_BREAK in that shape: the end, its quotes and spaces, before the next
#: sentence's opening; a period first, so that the pattern skips to periods at C speed
SENTENCE_BREAK_BYTES = lazy(
    re.compile,
    rb"\.[\xbb\x94\"')\]]{0,3}("
    + one_of(REGEX_SPACES)
    + b"+)(?="
    + one_of(bytes_where(lambda char: UPPERCASE.match(char) or char in "«“„\"'(¿¡", ODD_UPPER))
    + b")",
)


def _codes(shape: WordShape, keys: Iterable[bytes]) -> list[int | bytes]:
    """Keys (key_bytes) as the shape numbers them, or as themselves where no
    word of the shape has them: equal codes, equal keys."""
    vocabulary = shape.vocabulary
    return [vocabulary.get(key, key) for key in keys]


@cache
def _encoded(words: frozenset[str]) -> frozenset[bytes]:
    """`words` as keys in bytes (key_bytes)."""
    return frozenset(map(key_bytes, words))


def _word_starts(doc: Document, shape: WordShape, indices: Iterable[int]) -> Iterator[int]:
    """Where the words of these ascending indices start: each paragraph's
    words are walked at most once."""
    spans = paragraphs(doc)
    current, at = -1, 0
    runs: Iterator[re.Match[bytes]] = iter(())
    for index in indices:
        number = bisect_right(shape.offsets, index) - 1
        if number != current:
            current, at = number, shape.offsets[number]
            runs = RUN.finditer(shape.keys, *spans[number])
        match = next(islice(runs, index - at, None))
        at = index + 1
        yield match.start()


def _key(doc: Document, start: int, text: str) -> str:
    """The key of the word `text` at `start`, as tokens() gives it: lowered
    word by word, unless lowering depends on what surrounds it (Σ) or changes
    its length (İ); then sliced from the prose in key form, as tokens() slices
    it (one copy of the prose, where a token per word would cost thirty)."""
    if "Σ" in text or "İ" in text:
        return doc.memo("segmentation-keyed-prose", lambda d: key_form(d.prose))[start : start + len(text)]
    return text.lower().replace("’", "'")


def _token_at(doc: Document, start: int) -> Token | None:
    """The word that starts at `start`, a place where one may start."""
    match = WORD.match(doc.prose, start)
    if match is None:
        return None
    text = match.group()
    return Token(start, match.end(), _key(doc, start, text), doc.prose)


def _tokens_between(doc: Document, start: int, end: int) -> list[Token]:
    """The words of prose[start:end], two places no word crosses."""
    prose = doc.prose
    return [
        Token(match.start(), match.end(), _key(doc, match.start(), match.group()), prose)
        for match in WORD.finditer(prose, start, end)
    ]


def _token_ending(doc: Document, end: int) -> Token | None:
    """The word that ends at `end` (on a letter or a mark), if any."""
    prose = doc.prose
    run = RUN_BEFORE.match(prose, 0, end)
    if run is None:
        return None
    letter = LETTER.search(prose, run.start(), end)
    token = _token_at(doc, letter.start()) if letter is not None else None
    return token if token is not None and token.end == end else None


# --- stray sentence break --------------------------------------------------------------------

#: STRAY_BREAK in the shape, then NEXT_WORD: exact for a break of ASCII
#: spaces and a word without placeholders, a place to try them otherwise
STRAY_CANDIDATE = lazy(
    re.compile,
    rb"\.(?<="
    + one_of(REGEX_SPACES + b".", negated=True)
    + rb"\.)([ \xa0]+)(?="
    + one_of(LOWERS)
    + b")("
    + one_of(WORD_CHARS)
    + rb"+['\x92]?)",
)


class Break(NamedTuple):
    """A period between two words, the second lowercase."""

    start: int  # the word before
    period: int
    end: int  # the end of the word after
    before: str
    after: str


def _breaks(doc: Document, data: LanguageData) -> Iterator[Break]:
    prose = doc.prose
    spaces = prose_shape(doc).translate(SPACE_TABLE)  # every space (str.isspace) as b" "
    words = lexicon(doc.lang)
    befores: dict[str, tuple[int, str] | None] = {}
    afters: dict[str, bool] = {}
    ends: dict[str, bool] = {}
    for period, following, end in _break_candidates(doc):
        limit = max(0, period - 64)  # the run of non-spaces before the period, 64 characters at most
        start = spaces.rfind(b" ", limit, period) + 1 or limit
        run = prose[start:period]
        if run not in befores:
            befores[run] = _word_before(run, data)
        before = befores[run]
        if before is None:
            continue
        after, tail = prose[following:end], prose[end : end + 2]
        if after not in afters:
            afters[after] = after.lower() == after and _word_after(after, words)  # not iPhone, eBay
        if tail not in ends:
            # Spaces open the word after: only what follows it makes it code (ext2, exemple.com, apt-get).
            ends[tail] = tail[:1] != "-" and _standalone(tail, 0, 0)
        if afters[after] and ends[tail]:
            offset, word = before
            yield Break(start + offset, period, end, word, after)


def _break_candidates(doc: Document) -> Iterator[tuple[int, int, int]]:
    """Where STRAY_BREAK matches, and where NEXT_WORD then starts and ends:
    read from the shape, or from the prose where the shape cannot tell."""
    prose = doc.prose
    for candidate in STRAY_CANDIDATE.finditer(prose_shape(doc)):
        period, (following, end) = candidate.start(), candidate.span(2)
        if b"\xa0" in candidate.group(1) or ODD_BYTES.search(candidate.group(2)):
            match = STRAY_BREAK.match(prose, period)
            word_after = NEXT_WORD.match(prose, match.end()) if match is not None else None
            if word_after is None:
                continue
            following, end = word_after.span()
        yield period, following, end


def _word_before(run: str, data: LanguageData) -> tuple[int, str] | None:
    """The word that ends the run before a period (closing brackets and quotes
    between them allowed) and its offset in the run, or None when the run is
    an initial, a number, a dotted abbreviation, a path, an address, an
    abbreviation of the language or a Roman numeral."""
    if any(char in "./@\\_" or char.isdigit() for char in run):
        return None  # J.-C., c.-à-d., U.S, v2, paths, addresses
    core = run.rstrip("".join(CLOSERS))
    letters = LAST_LETTERS.search(core)
    if letters is None:
        return None
    word = letters.group()
    if (word.isupper() and len(word) == 1) or word in data.abbreviations or word.lower() in data.abbreviations:
        return None  # an initial (J. R. R. Tolkien), an abbreviation
    if ROMAN.fullmatch(word):
        return None
    return letters.start(), word


def _word_after(after: str, words: dict[str, int]) -> bool:
    """Whether the lowercase `after` reads as a word of the language, not as a
    lowercase name opening a sentence (npm, dpkg, reiserfs)."""
    key = after.lower().replace("’", "'")
    if key.endswith("'"):
        return True
    return any(char in VOWELS for char in key) and (not words or key in words)


class StraySentenceBreak(PythonRule):
    """A period followed by a lowercase word: a sentence break inside a
    sentence (`des milliers de missiles. soldats en Russie`).

    Machine translation inserts such breaks where the source had a line
    break, a footnote call or an inline element, and scraping leaves them
    where a tag ended. Read the sentence: usually the period must go; now and
    then a capital is missing instead. Abbreviations of the language
    (`M. le ministre`, `p. ex. des`, `etc. et`, listed per language as
    data), initials, numbers and Roman numerals, dotted forms (`av. J.-C.`,
    `U.S.`), paths, and lowercase names after a real sentence end (`iPhone`,
    `npm`, words the language's lexicon does not know) are not reported. A
    missing space after the period (`fin.Le`) is
    missing-space-after-punctuation's (T004) business. The fix, unsafe
    because the capital may be what is missing, deletes the period.
    """

    code = "S001"
    name = "stray-sentence-break"
    category = Category.SEGMENTATION
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = LANGUAGES
    summary = "A period followed by a lowercase word inside a sentence"
    examples = (
        bad(
            "Séoul a accusé Pyongyang d’envoyer des milliers de ⟦missiles. soldats⟧ en Russie.",
            "Séoul a accusé Pyongyang d’envoyer des milliers de missiles soldats en Russie.",
        ),
        bad(
            "Il a rencontré les ⟦ministres. américains⟧ à Washington.",
            "Il a rencontré les ministres américains à Washington.",
        ),
        bad(
            "The ministers ⟦met. in⟧ Washington on Thursday.", "The ministers met in Washington on Thursday.", lang="en"
        ),
        good(
            "M. le ministre et Mme la présidente, p. ex. des lampes, etc. et cf. la chronologie, av. J.-C. dans "
            "le IVe siècle. iPhone et npm. Fin.Le reste."
        ),
        good("Mr. and Mrs. Smith arrived at 3 a.m. on Sunday, e.g. by train, vs. the U.S. team.", lang="en"),
        good("Die Opposition kritisierte u. a. die Pläne, vgl. dazu den Kommentar.", lang="de"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        data = language_data(doc.lang)
        if data is None:
            return
        for found in _breaks(doc, data):
            fix = Fix((Edit(found.period, found.period + 1, ""),), Applicability.UNSAFE, "Delete the period")
            yield self.report(
                doc,
                found.start,
                found.end,
                f"Period between '{found.before}' and the lowercase '{found.after}': a sentence break mid-sentence?",
                fix=fix,
            )


# --- glued words, missing apostrophe, missing hyphen --------------------------------------


class Split(NamedTuple):
    """A token that reads as two words: where they join and what goes there."""

    kind: str  # "glued", "apostrophe" or "hyphen"
    start: int
    end: int
    at: int
    left: str
    right: str


def splits(doc: Document) -> list[Split]:
    """Every token of `doc` that is two words joined, computed once."""
    return doc.memo("segmentation-splits", _find_splits)


def _find_splits(doc: Document) -> list[Split]:
    data = language_data(doc.lang)
    words = lexicon(doc.lang)
    if data is None or not words:
        return []
    english = lexicon("en") if doc.lang != "en" else lexicon("und")  # no lexicon: English is no foreign language here
    splitter = Splitter(doc.prose, data, words, english, _readings(doc.lang))
    found = [split for split in map(splitter.split, _split_candidates(doc, splitter)) if split is not None]
    if not found:
        return found
    written = Counter(doc.text[split.start : split.end] for split in found)
    return [split for split in found if written[doc.text[split.start : split.end]] < TERM]


def _split_candidates(doc: Document, splitter: Splitter) -> Iterator[Token]:
    """The tokens that may be two words joined, in order: those whose key the
    lexicon does not know and that read as two words, found among the distinct
    words, and those whose key only their token tells."""
    shape = word_shape(doc)
    if shape is None:
        yield from tokens(doc)
        return
    odd = odd_numbers(shape)
    vocabulary = shape.vocabulary
    may, may_not = _split_verdicts(doc.lang)
    # filtered, not subtracted: a set difference would walk all of `may`, the words of every article so far
    unseen = filterfalse(may.__contains__, filterfalse(may_not.__contains__, vocabulary))
    new = [word for word in unseen if vocabulary[word] not in odd]
    sized = [word for word in new if MIN_GLUED <= len(word) <= MAX_GLUED]
    fits = set(compress(sized, map(splitter.may_split, decoded(sized))))
    may.update(fits)
    may_not.update(filterfalse(fits.__contains__, new))
    wanted = {vocabulary[word] for word in vocabulary.keys() & may}
    if odd:
        wanted.update(n for word, n in vocabulary.items() if n in odd and MIN_GLUED <= len(word) <= MAX_GLUED)
    for start in _word_starts(doc, shape, word_indices(shape, wanted)):
        token = _token_at(doc, start)
        if token is not None:
            yield token


@cache
def _split_verdicts(lang: str) -> tuple[set[bytes], set[bytes]]:
    """The words (shape bytes) met so far in `lang` that may be two words
    joined, and those that may not: whether a word may depends on the word
    and the language's data only, and articles of one run share most of
    their words."""
    return set(), set()


@cache
def _readings(lang: str) -> dict[str, tuple[str, int] | None]:
    """How each word met so far in `lang` reads as two words (Splitter.reading):
    it depends on the word and the language's data only, and the articles of
    a run ask again for the same words."""
    return {}


class Splitter:
    """Reads tokens as two words joined, each distinct word once per run
    (`readings`, shared by the documents of one language)."""

    def __init__(
        self,
        prose: str,
        data: LanguageData,
        words: Lexicon,
        english: Lexicon,
        readings: dict[str, tuple[str, int] | None],
    ) -> None:
        self.prose = prose
        self.data = data
        self.words = words
        self.english = english
        self.readings = readings

    def may_split(self, word: str) -> bool:
        """Whether a token whose key is `word` may be two words joined."""
        return not word.endswith("'") and self.words.get(word, 0) < TYPO and self.reading(word) is not None

    def reading(self, word: str) -> tuple[str, int] | None:
        """How `word`, unknown to the lexicon, reads as two words: (kind, where
        they join), or None when it does not, or is an inflection, a derived
        word or an English word. The split, the rarer outcome, is tried first."""
        if word not in self.readings:
            found = _split(word, self.words, self.data, self.english)
            if found is not None and (
                self.english.reaching(word, KNOWN) >= KNOWN or _derived(word, self.words, self.data, self.english)
            ):
                found = None
            self.readings[word] = found
        return self.readings[word]

    def split(self, token: Token) -> Split | None:
        """The split `token` reads as, if any."""
        text = token.text
        if not MIN_GLUED <= len(text) <= MAX_GLUED:
            return None
        word = token.key
        if self.words.get(word, 0) >= TYPO or not text.islower() or word.endswith("'"):
            return None  # a word; a name; an elided word (jusqu')
        prose = self.prose
        if prose[token.end : token.end + 1] == "-" and not prose[token.end + 1 : token.end + 2].isalpha():
            return None  # "les préfixes semi- et sesqui-": a prefix cited
        if not _standalone(prose, token.start, token.end):
            return None
        reading = self.reading(word)
        if reading is None:
            return None
        kind, cut = reading
        return Split(kind, token.start, token.end, token.start + cut, word[:cut], word[cut:])


def _derived(word: str, words: Lexicon, data: LanguageData, english: Lexicon) -> bool:
    """Whether `word` is a known word inflected or derived: a suffix rewrite
    leads to a word of the lexicon (listerons: lister, parachèvera:
    parachever), or a prefix stands before one (réacheminement)."""
    if _inflected(word, words, data, english):
        return True
    for cut in range(2, min(len(word) - 3, 8)):
        if word[:cut] in data.prefixes:
            rest = word[cut:]
            if rest not in data.function_words and (
                _stem(rest, words, english) or _inflected(rest, words, data, english)
            ):
                return True
    return False


def _inflected(word: str, words: Lexicon, data: LanguageData, english: Lexicon, depth: int = 2) -> bool:
    """Whether suffix rewrites, at most `depth` in a row, lead from `word` to
    a known word (affectionnez: affectionner: affection)."""
    for length in data.suffix_lengths:
        if len(word) - length < 2:
            continue
        stem = word[:-length]
        for replacement in data.inflections.get(word[-length:], ()):
            forms = [stem + replacement]
            for written, alternative in data.alternations:
                at = stem.rfind(written)
                if at >= 0:
                    forms.append(stem[:at] + alternative + stem[at + len(written) :] + replacement)
            for form in forms:
                if _stem(form, words, english) or (depth > 1 and _inflected(form, words, data, english, depth - 1)):
                    return True
    return False


def _stem(form: str, words: Lexicon, english: Lexicon) -> bool:
    """Whether `form` is a word the language knows well enough to derive
    from: not a fragment (lal, dep), a frequent typo (avecle) or an English
    word (basede: based)."""
    if len(form) < 4:
        return False
    zipf = words.get(form, 0)
    return zipf >= STEM and english.reaching(form, zipf + LEAN + 1) <= zipf + LEAN


def _split(word: str, words: Lexicon, data: LanguageData, english: Lexicon) -> tuple[str, int] | None:
    """The best reading of `word` as two words, if any: an elided word
    without its apostrophe, a compound without its hyphen, or two words."""
    glued = words.get(word, 0)
    elided: tuple[str, int] | None = None
    elided_zipf = 0
    for length in _lengths(data.elisions):
        rest = word[length:]
        if word[:length] not in data.elisions or len(rest) < 3 or rest[0] not in ELIDING:
            continue
        rest_zipf = words.reaching(rest, PART)
        if rest_zipf >= max(PART, glued + GAP) and english.reaching(rest, rest_zipf + LEAN) < rest_zipf + LEAN:
            elided, elided_zipf = ("apostrophe", length), rest_zipf
            break
    for length in _lengths(data.hyphen_prefixes):
        rest = word[length:]
        if word[:length] not in data.hyphen_prefixes or len(rest) < 4:
            continue
        if words.reaching(rest, KNOWN) >= max(KNOWN, glued + GAP):
            return "hyphen", length
    best: tuple[int, int] | None = None
    if glued < KNOWN:
        function_words = data.function_words
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if len(right) < 3 and right not in function_words:
                continue  # no content word (see _content) is that short
            if left not in function_words and (
                cut < 3 or words.reaching(left, PART_BESIDE_FUNCTION) < PART_BESIDE_FUNCTION
            ):
                continue  # the common case, decided before any other lookup
            rarer = _glued_at(left, right, words, data, english)
            if rarer > glued + GAP and (best is None or rarer > best[0]):
                best = (rarer, cut)
    if best is None or (elided is not None and elided_zipf >= best[0]):
        return elided
    return "glued", best[1]


@cache
def _lengths(strings: frozenset[str]) -> tuple[int, ...]:
    """The lengths of `strings`, longest first."""
    return tuple(sorted({len(string) for string in strings}, reverse=True))


def _glued_at(left: str, right: str, words: Lexicon, data: LanguageData, english: Lexicon) -> int:
    """How well left+right reads as two words: the frequency of the rarer
    content half, 0 when it does not read so at all. A half is a function
    word of the language or a content word (see _content)."""
    left_function, right_function = left in data.function_words, right in data.function_words
    # a content half is PART_BESIDE_FUNCTION or more; a function word's own frequency is returned
    left_zipf = words.get(left, 0) if left_function else words.reaching(left, PART_BESIDE_FUNCTION)
    right_zipf = words.get(right, 0) if right_function else words.reaching(right, PART_BESIDE_FUNCTION)
    if not (left_function or _content(left, left_zipf, right_function, data)):
        return 0
    if not (right_function or _content(right, right_zipf, left_function, data)):
        return 0
    if left in data.prefixes and not right_function:
        return 0  # autopartage, surgénération: a derived word
    if data.closed_compounds and not (left_function or right_function):
        return 0  # birdhouse, scrollbar: an English or German compound
    if english.reaching(left, left_zipf) >= left_zipf and english.reaching(right, right_zipf) >= right_zipf:
        return 0  # servicegroup, ftpmasters: an English compound
    if left_function and right_function:
        return min(left_zipf, right_zipf)
    return right_zipf if left_function else left_zipf if right_function else min(left_zipf, right_zipf)


def _content(part: str, zipf: int, beside_function: bool, data: LanguageData) -> bool:
    """Whether `part` reads as a content word: three letters or more, Zipf 3
    or more (2.5 for four letters or more beside a function word), and not a
    fragment the lexicon holds as a word (eur, ier)."""
    if len(part) < 3 or part in data.fragments:
        return False
    return zipf >= PART or (beside_function and len(part) >= 4 and zipf >= PART_BESIDE_FUNCTION)


def _apostrophe(doc: Document) -> str:
    """The apostrophe the document uses most: ’ unless ' outnumbers it."""
    return doc.memo("segmentation-apostrophe", lambda d: "'" if d.text.count("'") > d.text.count("’") else "’")


class GluedWords(PythonRule):
    """Two words written as one (`notre bulletinvous pouvez`): a token the
    language's lexicon does not know that splits into two frequent words.

    Scraping glues the text of a link or a line to the next word, and some
    engines drop a space around inline tags. The word must be unknown to the
    target lexicon and to English, must not be a rare inflection of a known
    word (listerons, coopérativement), nor a derived word (autopartage);
    both halves must be frequent, three letters or more unless a function
    word. URLs, e-mail addresses, hashtags, code-like tokens, numbers and
    capitalised names are not read. The suggestion is the split; the fix,
    unsafe (the split is a guess from frequencies), inserts a space.
    """

    code = "S002"
    name = "glued-words"
    category = Category.SEGMENTATION
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = LANGUAGES
    summary = "Two words glued into one"
    examples = (
        bad(
            "Si vous souhaitez recevoir notre ⟦bulletinvous⟧ pouvez le faire.",
            "Si vous souhaitez recevoir notre bulletin vous pouvez le faire.",
        ),
        bad(
            "Le lancement a eu lieu ⟦quelquesheures⟧ après la réunion.",
            "Le lancement a eu lieu quelques heures après la réunion.",
        ),
        bad(
            "The launch took place a few ⟦hoursafter⟧ the meeting.",
            "The launch took place a few hours after the meeting.",
            lang="en",
        ),
        good(
            "Nous listerons les options, coopérativement, via #dassistance, www.example.org, debootstrap, "
            "servicegroup et hardlink."
        ),
        good("We will reconvene after the predetermined deadline, said the spokeswoman.", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for split in splits(doc):
            if split.kind != "glued":
                continue
            suggestion = f"{split.left} {split.right}"
            yield self.report(
                doc,
                split.start,
                split.end,
                f"'{doc.text[split.start : split.end]}' is not a word; two words glued: '{suggestion}'?",
                fix=Fix((Edit(split.at, split.at, " "),), Applicability.UNSAFE, f"Write '{suggestion}'"),
                suggestions=(doc.text[split.start : split.at] + " " + doc.text[split.at : split.end],),
            )


class MissingApostrophe(PythonRule):
    """An elided word glued to the next without its apostrophe
    (`dassistance` for d’assistance, `lanno` for l’anno).

    Some scrapers and encoders drop apostrophes they cannot represent. The
    token must be unknown to the lexicon, start with one of the language's
    elided forms (data: l, d, qu, jusqu… in French; dell, nell, un… in
    Italian) and continue with a known word that starts with a vowel or h.
    The fix, unsafe, inserts the apostrophe the document uses most.
    """

    code = "S003"
    name = "missing-apostrophe"
    category = Category.SEGMENTATION
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = ("fr", "it")
    summary = "An elided word glued to the next without its apostrophe"
    examples = (
        bad("un accord ⟦dassistance⟧ militaire mutuelle", "un accord d’assistance militaire mutuelle"),
        bad("C’est ⟦lhomme⟧ du jour.", "C’est l’homme du jour."),
        bad(
            "Il sindaco ha parlato ⟦dellaccordo⟧ con la regione.",
            "Il sindaco ha parlato dell’accordo con la regione.",
            lang="it",
        ),
        good("un accord d’assistance militaire, l’homme du jour, #dassistance"),
        good("Il sindaco ha parlato dell’accordo.", lang="it"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for split in splits(doc):
            if split.kind != "apostrophe":
                continue
            apostrophe = _apostrophe(doc)
            written = doc.text[split.start : split.at] + apostrophe + doc.text[split.at : split.end]
            yield self.report(
                doc,
                split.start,
                split.end,
                f"'{doc.text[split.start : split.end]}' is not a word; an apostrophe is missing: '{written}'?",
                fix=Fix((Edit(split.at, split.at, apostrophe),), Applicability.UNSAFE, f"Write '{written}'"),
                suggestions=(written,),
            )


class MissingHyphen(PythonRule):
    """A compound the language writes with a hyphen, glued into one word
    (`nordcoréennes` for nord-coréennes, `sulcoreano` for sul-coreano).

    The left halves that take a hyphen (nord, sud, franco, germano…) are
    data. Spelling reforms accept some of these compounds welded, so this is
    a note (`info`). The fix, unsafe, inserts the hyphen.
    """

    code = "S004"
    name = "missing-hyphen"
    category = Category.SEGMENTATION
    severity = Severity.INFO
    fix = Applicability.UNSAFE
    languages = ("fr", "pt")
    summary = "A compound written without its hyphen"
    examples = (
        bad(
            "le déploiement de troupes ⟦nordcoréennes⟧ en Russie", "le déploiement de troupes nord-coréennes en Russie"
        ),
        bad("o exército ⟦sulcoreano⟧ informou", "o exército sul-coreano informou", lang="pt"),
        good("le déploiement de troupes nord-coréennes, un sommet franco-allemand, le nord du pays"),
        good("o exército sul-coreano informou", lang="pt"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for split in splits(doc):
            if split.kind != "hyphen":
                continue
            written = doc.text[split.start : split.at] + "-" + doc.text[split.at : split.end]
            yield self.report(
                doc,
                split.start,
                split.end,
                f"'{doc.text[split.start : split.end]}' is usually written with a hyphen: '{written}'",
                fix=Fix((Edit(split.at, split.at, "-"),), Applicability.UNSAFE, f"Write '{written}'"),
                suggestions=(written,),
            )


# --- doubled word -----------------------------------------------------------------------------

#: where more than this share of the words may be doubled ("a. a. a."), the gaps are read in bulk
MAX_DOUBLED_SHARE = 1 / 16
#: the shape as word characters (a), spaces and the rest (.), for the gaps between words
GAP_TABLE = bytes(
    ord("a") if byte in WORD_CHARS else ord(" ") if SPACE_TABLE[byte] == ord(" ") else ord(".") for byte in range(256)
)
WORD_RUN = lazy(re.compile, rb"a+")


def _word_pairs(doc: Document, data: LanguageData) -> Iterator[tuple[Token, Token]]:
    """The pairs of words in a row, separated by spaces, that may be one word
    doubled: equal in key form, not a doubling the language allows, or
    holding a word only its token tells."""
    shape = word_shape(doc)
    if shape is None:
        yield from pairwise(tokens(doc))
        return
    words = shape.words
    indices = set(compress(count(), map(eq, words, islice(words, 1, None))))
    if indices:  # most documents double no word: the allowed doublings are looked up only when one does
        allowed = set(_codes(shape, _encoded(data.doubled)))
        indices = {index for index in indices if words[index] not in allowed}
    if len(indices) > MAX_DOUBLED_SHARE * len(words):
        if shape.odd:
            yield from pairwise(tokens(doc))
            return
        indices = _spaced(doc, indices)
    for index in word_indices(shape, odd_numbers(shape)):
        indices.update((index - 1, index) if index else (index,))
    prose = doc.prose
    for start in _word_starts(doc, shape, sorted(indices)):
        first = _token_at(doc, start)
        space = SPACE_RUN.match(prose, first.end) if first is not None else None
        second = _token_at(doc, space.end()) if space is not None else None
        if second is not None:
            yield first, second


def _spaced(doc: Document, indices: set[int]) -> set[int]:
    """Of these word indices, those of words that only spaces part from the
    next ("a. a. a." has none), all gaps read at once from the shape: with no
    placeholder in it, its runs of letters are the words."""
    gaps = WORD_RUN.split(prose_shape(doc).translate(GAP_TABLE))
    spaced = list(map(bytes.isspace, gaps))  # gaps[0] comes before the first word
    return {index for index in indices if spaced[index + 1]}


def _doubled(doc: Document, data: LanguageData, first: Token, second: Token) -> bool:
    """Whether `second` is `first` written again."""
    if first.key != second.key or second.capitalised or second.hyphenated or first.key in data.doubled:
        return False
    if first.capitalised and not first.initial:
        return False  # German "dass Sie sie ändern": two words
    gap = doc.prose[first.end : second.start]
    if first.key.endswith("'") or not gap.isspace():
        return False
    if ("\n" in gap or "\r" in gap) and _paragraph(doc, first.start) != _paragraph(doc, second.start):
        return False  # a heading, a table cell or a list item, and the text after it
    return _standalone(doc.prose, first.start, second.end)


class DoubledWord(PythonRule):
    """The same word twice in a row (`le le`, `the the`).

    Machine translation doubles a word where two source words map to one,
    and editing after it leaves the old word beside the new. Doubling that
    the language allows is data per language: French `nous nous`,
    `vous vous`; English `had had`, `that that`; German `die die` (article
    and relative pronoun). Two capitalised words (Bora Bora) and words split
    by punctuation are not reported. The fix, unsafe, deletes the second
    word.
    """

    code = "S005"
    name = "doubled-word"
    category = Category.SEGMENTATION
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = LANGUAGES
    summary = "A word written twice in a row"
    examples = (
        bad("Le traité ⟦de de⟧ partenariat stratégique", "Le traité de partenariat stratégique"),
        bad("⟦Le le⟧ Kremlin a répondu.", "Le Kremlin a répondu."),
        bad("She said that ⟦the the⟧ treaty stands.", "She said that the treaty stands.", lang="en"),
        good("Nous nous sommes vus, vous vous êtes tus ; Bora Bora, le, le…"),
        good("She had had enough, and said that that was it.", lang="en"),
        good("Das Kind, das das Buch las, kam.", lang="de"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        data = language_data(doc.lang)
        if data is None:
            return
        for first, second in _word_pairs(doc, data):
            if not _doubled(doc, data, first, second):
                continue
            fix = Fix((Edit(first.end, second.end, ""),), Applicability.UNSAFE, f"Delete the second '{second.text}'")
            yield self.report(doc, first.start, second.end, f"'{second.text}' is written twice", fix=fix)


def _paragraph(doc: Document, offset: int) -> int:
    """The index of the paragraph that holds `offset`."""
    return bisect_right(paragraphs(doc), offset, key=itemgetter(0))


# --- repeated clause ----------------------------------------------------------------------------


class Words:
    """One paragraph's words as repeated-clause compares them, in parallel
    sequences: one object per word would cost more than the comparison. Keys
    are the shape's word numbers (or codes, _codes) where the document is
    read as bytes, str where word by word; where each word starts and ends
    is worked out when first asked."""

    __slots__ = ("_locate", "_spans", "base", "elided", "keys")

    def __init__(
        self,
        base: int,
        keys: Sequence[Hashable],
        elisions: Iterable[bool],
        locate: Callable[[], tuple[list[int], list[int]]],
    ) -> None:
        #: the index of the first word among the document's words
        self.base = base
        self.keys = keys
        #: how many elided words (l', d') come before each index: they count with the next
        self.elided = list(accumulate(elisions, initial=0))
        self._locate = locate
        self._spans: tuple[list[int], list[int]] | None = None

    @property
    def starts(self) -> list[int]:
        return self._positions()[0]

    @property
    def ends(self) -> list[int]:
        return self._positions()[1]

    def _positions(self) -> tuple[list[int], list[int]]:
        if self._spans is None:
            self._spans = self._locate()
        return self._spans

    def length(self, low: int, high: int) -> int:
        """How many words [low, high) holds, an elided word counting with the next."""
        return high - low - (self.elided[high] - self.elided[low])


def _token_words(doc: Document, number: int) -> Words:
    """Paragraph `number`'s words, from tokens(), for a document read word by word."""
    start, end = paragraphs(doc)[number]
    every = tokens(doc)
    low = bisect_left(every, start, key=itemgetter(0))  # by where tokens start
    found = every[low : bisect_left(every, end, key=itemgetter(0))]
    keys = [token.key for token in found]
    return Words(low, keys, (key.endswith("'") for key in keys), lambda: _token_spans(found))


def _shape_words(doc: Document, shape: WordShape, elided: set[int], number: int) -> Words:
    """Paragraph `number`'s words, from the shape (`elided`: the numbers of
    elided words), but from their tokens where a word holds a placeholder."""
    start, end = paragraphs(doc)[number]
    base = shape.offsets[number]
    if shape.odd and ODD_BYTES.search(prose_shape(doc), start, end):
        found = _tokens_between(doc, start, end)
        keys = [key_bytes(token.key) for token in found]
        return Words(base, _codes(shape, keys), map(bytes.endswith, keys, repeat(b"'")), lambda: _token_spans(found))
    numbers = shape.words[base : shape.offsets[number + 1]]

    def locate() -> tuple[list[int], list[int]]:
        spans = [match.span() for match in RUN.finditer(shape.keys, start, end)]
        return [first for first, _ in spans], [last for _, last in spans]

    return Words(base, numbers, map(elided.__contains__, numbers), locate)


def _token_spans(found: list[Token]) -> tuple[list[int], list[int]]:
    return [token.start for token in found], [token.end for token in found]


class Repeat(NamedTuple):
    start: int
    end: int
    first: int
    severity: Severity
    sentence: bool


def repeats(doc: Document) -> list[Repeat]:
    return doc.memo("segmentation-repeats", _find_repeats)


def _find_repeats(doc: Document) -> list[Repeat]:
    data = language_data(doc.lang)
    function_words = data.function_words if data is not None else frozenset()
    shape = word_shape(doc)
    read: Callable[[int], Words]
    function: Collection[Hashable]
    if shape is None:
        read = cache(partial(_token_words, doc))  # by the sentences, then by the runs
        found = _repeated_sentences(doc, read)
        run_paragraphs: Iterable[int] = range(len(paragraphs(doc)))
        function = function_words
    else:
        # Every word's number in four bytes: a stretch's words are a slice, hashed once.
        packed = array("I", shape.words).tobytes()
        found = _repeated_stretches(doc, shape, packed)
        run_paragraphs = _run_paragraphs(shape, packed)
        # most documents have no paragraph to read for runs
        elided = (
            {number for word, number in shape.vocabulary.items() if word.endswith(b"'")} if run_paragraphs else set()
        )
        read = partial(_shape_words, doc, shape, elided)
        function = set(_codes(shape, _encoded(function_words))) if run_paragraphs else set()
    covered_starts = [stretch.start for stretch in found]
    for number in run_paragraphs:
        for run in _repeated_runs(read(number), function):
            inside = bisect_right(covered_starts, run.start) - 1
            if inside < 0 or found[inside].end <= run.start:
                found.append(run)
    return sorted(found, key=lambda r: r.start)


class Stretch(NamedTuple):
    """A sentence, or a paragraph of several, that _compare records."""

    #: the index of its first word among the document's words
    low: int
    #: the index of the word after its last
    high: int
    paragraph: int
    #: its index in the paragraph, -1 for the whole paragraph
    sentence: int

    @property
    def number(self) -> int:
        """Its paragraph's index, or -1 - index for a whole paragraph, as _compare has it."""
        return -1 - self.paragraph if self.sentence < 0 else self.paragraph


#: a Stretch's fields as a plain tuple: built at C speed, where a Stretch is not
StretchFields = tuple[int, int, int, int]


def _repeated_stretches(doc: Document, shape: WordShape, packed: bytes) -> list[Repeat]:
    """What _repeated_sentences finds, read in bulk from the shape: the words
    of each sentence and paragraph are counted there and compared by their
    numbers (`packed`: four bytes each)."""
    stretches = _recorded(doc, shape)
    if len(set(_number_keys(packed, stretches))) == len(stretches):
        return []  # no stretch comes back, as in most documents: none is compared
    seen: dict[Hashable, StretchFields] = {}
    found: list[Repeat] = []
    skipped = -1
    for stretch, key in _keyed_stretches(doc, shape, packed, stretches):
        if stretch[2] == skipped:
            continue  # the sentences of a paragraph repeated whole
        earlier = seen.get(key)
        seen[key] = stretch
        if earlier is None or stretch[0] - earlier[0] > ARTICLE:
            continue
        current = Stretch(*stretch)
        found.append(_stretch_repeat(doc, shape, current, Stretch(*earlier)))
        if current.sentence < 0:
            skipped = current.paragraph
    return found


def _keyed_stretches(
    doc: Document, shape: WordShape, packed: bytes, stretches: list[StretchFields]
) -> Iterable[tuple[StretchFields, Hashable]]:
    """The stretches _compare records (`stretches`), in its order, each with
    what it compares: its words' numbers. Where a word holds a placeholder, its
    tokens' codes (_codes) instead; these are read only for the stretches
    whose numbers come back within ARTICLE words, as the others never make
    a repeat (equal tokens, equal numbers)."""
    keys = _number_keys(packed, stretches)
    if not shape.odd:
        return zip(stretches, keys, strict=True)
    listed = list(keys)
    near = _near(stretches, listed)
    odd = odd_numbers(shape)
    return [
        (stretch, _exact_key(doc, shape, odd, Stretch(*stretch), key))
        for stretch, key in zip(stretches, listed, strict=True)
        if key in near
    ]


def _number_keys(packed: bytes, stretches: list[StretchFields]) -> Iterator[bytes]:
    """Each stretch's words' numbers, four bytes each, made as they are asked
    for: only the distinct ones are kept (a large document's would take
    megabytes)."""
    return (packed[4 * low : 4 * high] for low, high, _, _ in stretches)


def _near(stretches: list[StretchFields], keys: list[bytes]) -> set[bytes]:
    """The keys met twice within ARTICLE words."""
    last: dict[bytes, int] = {}
    near: set[bytes] = set()
    for (low, _, _, _), key in zip(stretches, keys, strict=True):
        if low - last.get(key, -ARTICLE - 1) <= ARTICLE:
            near.add(key)
        last[key] = low
    return near


def _exact_key(doc: Document, shape: WordShape, odd: set[int], stretch: Stretch, key: bytes) -> Hashable:
    """What the stretch compares: `key`, its words' numbers, unless one of its
    words holds a placeholder (its number in `odd`); then the codes of its
    tokens' keys, packed as the shape's numbers are when the shape has
    every one."""
    if odd.isdisjoint(shape.words[stretch.low : stretch.high]):
        return key
    codes = _codes(shape, (key_bytes(token.key) for token in _tokens_between(doc, *_stretch_span(doc, stretch))))
    if all(isinstance(code, int) for code in codes):
        return array("I", codes).tobytes()
    return tuple(codes)


class SentenceCounts(NamedTuple):
    """Every sentence of the document, as SENTENCE_BREAK cuts its paragraphs,
    counted in the shape: what _compare needs of it but its words."""

    #: the index of each paragraph's first sentence, then the sentence count
    bounds: list[int]
    #: the index of each sentence's first word, then the word count
    lows: list[int]
    #: each sentence's length (Words.length)
    lengths: list[int]


def _recorded(doc: Document, shape: WordShape) -> list[StretchFields]:
    """The stretches _compare records, in its order: in each paragraph, the
    whole paragraph when it holds several sentences and twice MIN_SENTENCE
    words, then each sentence of MIN_SENTENCE words or more."""
    if not paragraphs(doc):
        return []
    counts = _sentence_counts(doc, shape)
    bounds, lows, lengths = counts.bounds, counts.lows, counts.lengths
    totals = list(accumulate(lengths, initial=0))
    wholes = [
        (lows[first], lows[last], number, -1)
        for number, (first, last) in enumerate(pairwise(bounds))
        if last - first > 1 and totals[last] - totals[first] >= 2 * MIN_SENTENCE
    ]
    sizes = list(map(sub, bounds[1:], bounds))
    paragraph = chain.from_iterable(map(repeat, count(), sizes))
    place = chain.from_iterable(map(range, sizes))
    sentences = compress(zip(lows, lows[1:], paragraph, place, strict=False), map(ge, lengths, repeat(MIN_SENTENCE)))
    # By first word, a paragraph before its first sentence (a stable sort): stretches of
    # MIN_SENTENCE words or more never share their first word otherwise.
    return sorted(chain(wholes, sentences), key=itemgetter(0))


def _sentence_counts(doc: Document, shape: WordShape) -> SentenceCounts:
    """The sentences counted in the words in key form, read as classes of
    bytes (WORD_CLASSES) with SENTENCE_MARK over the line break after each
    paragraph and over the end of each sentence (what the break holds after
    it, quotes and spaces, is no word): a word starts on a letter after a
    space or an elision, and an elided word ends on its apostrophe (l', d')."""
    spans = paragraphs(doc)
    breaks = _sentence_breaks(doc)
    classes = bytearray(shape.keys.translate(WORD_CLASSES))
    for (_, end), _ in pairwise(spans):
        classes[end] = SENTENCE_MARK[0]
    for start in breaks:
        classes[start] = SENTENCE_MARK[0]
    sentences = classes.split(SENTENCE_MARK)
    after_space = map(bytearray.count, sentences, repeat(b" a"))
    first = map(bytearray.startswith, sentences, repeat(b"a"))
    elided = map(bytearray.count, sentences, repeat(b"'"))
    lengths = list(map(add, after_space, first))
    # Paragraph by paragraph, a sentence more than the breaks it holds.
    earlier_breaks = map(bisect_left, repeat(breaks), (start for start, _ in spans))
    return SentenceCounts(
        [*map(add, count(), earlier_breaks), len(spans) + len(breaks)],
        list(accumulate(map(add, lengths, elided), initial=0)),
        lengths,
    )


def _sentence_breaks(doc: Document) -> list[int]:
    """Where each sentence break (SENTENCE_BREAK: the end of a sentence, its
    quotes and spaces) starts, in the prose."""
    ends = bytearray(prose_shape(doc).translate(SENTENCE_ENDS))
    for (_, end), _ in pairwise(paragraphs(doc)):
        ends[end] = PARAGRAPH_MARK[0]  # the line break after a paragraph: no break reaches past it
    return [found.start() for found in SENTENCE_BREAK_BYTES.finditer(ends)]


def _stretch_span(doc: Document, stretch: Stretch) -> tuple[int, int]:
    """Where the stretch lies in the prose, as SENTENCE_BREAK cuts its paragraph."""
    start, end = paragraphs(doc)[stretch.paragraph]
    if stretch.sentence < 0:
        return start, end
    cut = doc.memo("segmentation-sentence-starts", lambda d: {})
    if stretch.paragraph not in cut:
        breaks = SENTENCE_BREAK_BYTES.finditer(prose_shape(doc)[start:end].translate(SENTENCE_ENDS))
        cut[stretch.paragraph] = [start, *(start + found.start(1) for found in breaks), end]
    bounds = cut[stretch.paragraph]
    return bounds[stretch.sentence], bounds[stretch.sentence + 1]


def _stretch_repeat(doc: Document, shape: WordShape, stretch: Stretch, earlier: Stretch) -> Repeat:
    """The repeat `stretch` makes of `earlier`, as _compare words it."""
    start, end = _shown(doc, shape, stretch)
    earlier_start, earlier_end = _shown(doc, shape, earlier)
    text = doc.text
    exact = text[start:end].split() == text[earlier_start:earlier_end].split()
    warn = exact and (stretch.number < 0 or stretch.number == earlier.number)
    return Repeat(start, end, earlier_start, Severity.WARNING if warn else Severity.INFO, True)


def _shown(doc: Document, shape: WordShape, stretch: Stretch) -> tuple[int, int]:
    """What a repeat of the stretch shows: a sentence from its first word to
    its closing mark, a paragraph without the spaces around it."""
    start, end = _stretch_span(doc, stretch)
    prose = doc.prose
    if stretch.sentence < 0:
        while prose[end - 1].isspace():
            end -= 1
        while prose[start].isspace():
            start += 1
        return start, end
    first = RUN.search(shape.keys, start, end)
    last = start + len(shape.keys[start:end].rstrip())
    return first.start() if first is not None else start, _sentence_end(prose, last)


def _run_paragraphs(shape: WordShape, packed: bytes) -> list[int]:
    """The paragraphs where four words in a row may be met twice, far enough
    apart for a repeat: a repeated run needs it."""
    grams = _four_grams(packed)
    return [
        number
        for number, (low, high) in enumerate(pairwise(shape.offsets))
        if high - low >= 2 * MIN_REPEAT and len(set(grams[low : high - 3])) < high - low - 3
    ]


def _four_grams(packed: bytes) -> array[int]:
    """Each run of four words, from each word on, as one integer: the low 16
    bits of each word's number side by side. A set of integers is built at C
    speed where one of tuples is not; two words that share their low bits
    may make a paragraph read in vain, never one left out."""
    halves = array("H", packed)
    low = (halves[0::2] if sys.byteorder == "little" else halves[1::2]).tobytes()
    size = max(len(packed) // 4 - 3, 0)
    grams = array("Q", (0,)) * size
    for shift in range(4):
        # the runs from words shift, shift + 4, ...: eight bytes apart in `low`, one after another
        taken = len(range(shift, size, 4))
        grams[shift::4] = array("Q", low[2 * shift : 2 * shift + 8 * taken])
    return grams


def _repeated_sentences(doc: Document, read: Callable[[int], Words]) -> list[Repeat]:
    """Paragraphs and sentences of MIN_SENTENCE words or more met again within
    ARTICLE words; further apart, in a manual or a book, repetition is the
    author's. A warning for a paragraph repeated word for word (a lead or a
    caption scraped twice) and for a sentence repeated word for word in its
    own paragraph (a segment translated twice); manuals repeat sentences
    from one section to the next, so other copies are notes. `read` gives
    each paragraph's words."""
    prose = doc.prose
    seen: dict[tuple[str, ...], tuple[int, int, int, int]] = {}
    found: list[Repeat] = []
    for number, (paragraph_start, paragraph_end) in enumerate(paragraphs(doc)):
        words = read(number)
        sentences: list[tuple[int, int]] = []
        position = paragraph_start
        for match in SENTENCE_BREAK.finditer(prose, paragraph_start, paragraph_end):
            sentences.append((position, match.start()))
            position = match.start()
        sentences.append((position, paragraph_end))
        if len(sentences) > 1 and words.length(0, len(words.keys)) >= 2 * MIN_SENTENCE:
            whole = _compare(doc, words, seen, paragraph_start, paragraph_end, -1 - number)
            if whole is not None:
                found.append(whole)
                continue
        for start, end in sentences:
            sentence = _compare(doc, words, seen, start, end, number)
            if sentence is not None:
                found.append(sentence)
    return found


def _compare(
    doc: Document,
    words: Words,
    seen: dict[tuple[str, ...], tuple[int, int, int, int]],
    start: int,
    end: int,
    number: int,
) -> Repeat | None:
    """The repeat doc.text[start:end] makes of a stretch `seen` before, if
    any; records it in `seen` either way. `number` is the paragraph's index,
    or -1 - index for a whole paragraph."""
    low, high = bisect_left(words.starts, start), bisect_left(words.starts, end)
    if high - low < MIN_SENTENCE or words.length(low, high) < MIN_SENTENCE:
        return None
    key = tuple(words.keys[low:high])
    if number >= 0:  # a sentence: from its first word to its closing mark
        start, end = words.starts[low], _sentence_end(doc.prose, words.ends[high - 1])
    else:  # a paragraph, footnote calls and numbers included
        while doc.prose[end - 1].isspace():
            end -= 1
        while doc.prose[start].isspace():
            start += 1
    index = words.base + low
    earlier = seen.get(key)
    seen[key] = (index, number, start, end)
    if earlier is None or index - earlier[0] > ARTICLE:
        return None
    text = doc.text
    exact = text[start:end].split() == text[earlier[2] : earlier[3]].split()
    warn = exact and (number < 0 or number == earlier[1])
    return Repeat(start, end, earlier[2], Severity.WARNING if warn else Severity.INFO, True)


def _sentence_end(prose: str, end: int) -> int:
    """`end` moved past the sentence's closing punctuation and quotes."""
    while end < len(prose) and prose[end] in SENTENCE_CLOSERS:
        end += 1
    return end


def _repeated_runs(words: Words, function_words: Collection[Hashable]) -> Iterator[Repeat]:
    """Runs of MIN_REPEAT words or more that occur twice in a paragraph, each
    reported once, at its second occurrence, without overlapping itself. Only
    the words that open a run of MIN_REPEAT met twice are visited: at the
    others, nothing is ever found."""
    keys = words.keys
    high = len(keys)
    grams = list(zip(*(keys[shift:] for shift in range(MIN_REPEAT)), strict=False))
    met = Counter(grams)
    if len(met) == len(grams):
        return  # the common case, decided at C speed
    twice = {gram for gram, times in met.items() if times > 1}
    seen: dict[tuple[Hashable, ...], int] = {}
    index = 0
    for at in compress(count(), map(twice.__contains__, grams)):
        if at < index:
            continue  # inside a run
        index = at
        gram = grams[index]
        earlier = seen.get(gram)
        if earlier is None:
            seen[gram] = index
            index += 1
            continue
        if earlier + MIN_REPEAT > index:
            index += 1
            continue
        length = MIN_REPEAT
        while index + length < high and earlier + length < index and keys[earlier + length] == keys[index + length]:
            length += 1
        run = keys[index : index + length]
        if (
            words.length(index, index + length) >= MIN_REPEAT
            and sum(key not in function_words for key in run) >= MIN_REPEAT_CONTENT
        ):
            yield Repeat(
                words.starts[index], words.ends[index + length - 1], words.starts[earlier], Severity.INFO, False
            )
        index += length


class RepeatedClause(PythonRule):
    """The same words twice: a run of four words or more repeated within a
    paragraph, or a sentence or a paragraph met again in the article.

    Machine translation repeats a clause when it translates a segment twice
    (`« Nous restons attachés à l’accord… “Nous restons attachés à nos
    intérêts…`), and scraping duplicates captions, leads and pull quotes.
    Repetition can be deliberate (anaphora, a quotation taken up, a manual
    describing two similar commands), so this is a note (`info`), except
    for a sentence repeated word for word in its own paragraph and a
    paragraph repeated word for word: warnings. Runs made only of function
    words are not reported, nor copies more than 1,500 words apart (a book
    or a manual, not an article). There is no fix: which copy to keep, and
    how to join what remains, is an editor's call.
    """

    code = "S006"
    name = "repeated-clause"
    category = Category.SEGMENTATION
    severity = Severity.INFO
    languages = ("*",)
    summary = "A clause or sentence repeated"
    examples = (
        bad(
            "« Nous restons attachés à l’accord que nous avons signé. “⟦Nous restons attachés à⟧ nos intérêts”, "
            "a déclaré Peskov."
        ),
        bad(
            "Le sommet a eu lieu jeudi à Moscou. Peskov a confirmé. ⟦Le sommet a eu lieu jeudi à Moscou.⟧",
        ),
        bad("We remain committed to the deal, he said. ⟦We remain committed to⟧ our interests.", lang="en"),
        good("Nous restons attachés à l’accord. Il a parlé de la fin de la guerre et de la fin du monde."),
        good("He had had enough; that that was so was clear to all of them.", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for found in repeats(doc):
            line, column = doc.lines.position(found.first)
            what = "Sentence" if found.sentence else "Words"
            exact = " word for word" if found.severity is Severity.WARNING else ""
            yield self.report(
                doc,
                found.start,
                found.end,
                f"{what} repeated{exact} from line {line}, column {column}",
                severity=found.severity,
            )


# --- mid-sentence capital --------------------------------------------------------------------


@cache
def _capital_candidates(lang: str) -> re.Pattern[bytes] | None:
    """Where mid-sentence-capital may report, in the shape: a function word of
    two letters or more, capitalised, after a word and horizontal space and
    before a letter. The pattern opens on literal capitals, so that it skips
    to them at C speed, and checks what precedes once."""
    data = language_data(lang)
    if data is None:
        return None
    rests: dict[int, list[bytes]] = {}
    for word in data.function_words:
        if len(word) < 2:
            continue  # single letters are not reported
        rest = b"".join(b"['\x92]" if char == "'" else re.escape(shaped(char)) for char in word[1:])
        for first in _capitals_of(word[0]):
            rests.setdefault(first, []).append(rest)
    firsts = b"|".join(re.escape(bytes((first,))) for first in sorted(rests))
    word_end, space = one_of(WORD_CHARS), one_of(HORIZONTAL)
    after_word = b"(?:(?<=%s%s.)|(?<=%s%s%s.)|(?<=%s%s%s.))" % (word_end, space, word_end, space, space, *(space,) * 3)
    words = b"|".join(
        b"(?<=" + re.escape(bytes((first,))) + b")(?:" + b"|".join(sorted(found, key=_longest_first)) + b")"
        for first, found in sorted(rests.items())
    )
    word_ends = b"(?:(?<=['\x92])(?=%s)|(?<!['\x92])(?!%s))" % (one_of(LETTERS), word_end)
    following = b"(?=%s*%s)" % (space, one_of(LETTERS))
    return kept(
        re.compile, b"(?:" + firsts + b")" + after_word + b"(?:" + words + b")" + word_ends + following, re.DOTALL
    )


def _longest_first(rest: bytes) -> tuple[int, bytes]:
    """The longer rest first, so that the fuller word wins; rests of one
    length in byte order, so that the pattern is the same text in every
    process, whatever order the language's set of words comes in."""
    return -len(rest), rest


def _capitals_of(letter: str) -> list[int]:
    """The shape's bytes for a capital that lowers to `letter`."""
    return [*_capitals().get(letter, ()), ODD_UPPER]


@cache
def _capitals() -> dict[str, list[int]]:
    """The shape's bytes of capitals, by the letter each lowers to: read
    once, not once per function word."""
    capitals: dict[str, list[int]] = {}
    for byte, char in enumerate(CHARS):
        if char.isupper():
            capitals.setdefault(char.lower(), []).append(byte)
    return capitals


def _mid_sentence_capitals(doc: Document, data: LanguageData) -> Iterator[tuple[Token, Token]]:
    """The capitalised function words between two lowercase words, and the word before each."""
    pattern = _capital_candidates(doc.lang)
    if pattern is None:
        return
    prose = doc.prose
    for candidate in pattern.finditer(prose_shape(doc)):
        token = _token_at(doc, candidate.start())
        if token is None or not _capitalised_function_word(token, data):
            continue
        space = HORIZONTAL_RUN_BEFORE.match(prose, 0, token.start)
        previous = _token_ending(doc, space.start()) if space is not None else None
        space = HORIZONTAL_RUN.match(prose, token.end)
        following = _token_at(doc, space.end() if space is not None else token.end)
        if previous is not None and following is not None and _mid_sentence(prose, data, previous, token, following):
            yield previous, token


def _capitalised_function_word(token: Token, data: LanguageData) -> bool:
    """Whether `token` is a function word with a capital, not part of a compound."""
    if not token.text[0].isupper() or token.key not in data.function_words or token.hyphenated:
        return False
    core = token.text.rstrip("'’")
    if len(core) < 2:
        return core != token.text  # a single letter (de A à Z), unless elided (L')
    return core[1:].islower()  # not an acronym (CE, LA)


def _mid_sentence(prose: str, data: LanguageData, previous: Token, token: Token, following: Token) -> bool:
    """Whether `token` stands between two lowercase words, not after a title
    noun nor before a musical key."""
    if previous.key in data.title_nouns or previous.key.endswith("'"):
        return False
    opening = previous.initial and previous.text[1:].islower() and not data.title_case
    if not (previous.text.islower() or opening):
        return False  # after a name (La Paz Pour…) a capital may open another name
    if not _only(HORIZONTAL_SPACE, prose[previous.end : token.start]):
        return False
    between = prose[token.end : following.start]
    if (between and not _only(HORIZONTAL_SPACE, between)) or not following.text.islower():
        return False
    return following.key not in data.name_followers  # en Si bémol: a musical key


class MidSentenceCapital(PythonRule):
    """A function word with a capital in the middle of a sentence, between
    two lowercase words (`nous fera ressentir que Ce n’est pas la fin`).

    It is what remains of a title whose italics or quotation marks were
    lost, of a line break or heading fused into the text, or of an engine's
    casing error. Only closed lists of function words (articles, pronouns,
    conjunctions, prepositions: data per language) are read, and only before
    a lowercase word, so names stay out (Le Pen, La Haye, Les Républicains);
    a general lexicon test would flag du Nord and la Défense. The word
    before is lowercase, or opens the sentence (`Dans Les notes`) in
    languages that do not write titles in title case. After a noun that
    introduces a title or a label (film, livre, journal, intitulé, option…)
    or before a musical key (Si bémol) the capital is kept. Italicise or
    quote a title; otherwise lowercase the word, which is what the fix does
    (unsafe: it may be a title).
    """

    code = "S007"
    name = "mid-sentence-capital"
    category = Category.SEGMENTATION
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    languages = LANGUAGES
    summary = "A capitalised function word in the middle of a sentence"
    examples = (
        bad(
            "un résumé qui nous fera ressentir ⟦que Ce⟧ n’est pas la fin du monde.",
            "un résumé qui nous fera ressentir que ce n’est pas la fin du monde.",
        ),
        bad("Les licences ⟦libres Les⟧ licences sont publiées.", "Les licences libres les licences sont publiées."),
        bad(
            "a summary that makes us ⟦feel The⟧ end is not near.",
            "a summary that makes us feel the end is not near.",
            lang="en",
        ),
        good(
            "Marine Le Pen est à La Haye avec les Républicains ; la Corée du Nord, la Défense, le film La grande "
            "vadrouille, le journal Le Monde."
        ),
        good("He read The Guardian and saw the film The end of the affair.", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        data = language_data(doc.lang)
        if data is None:
            return
        for previous, token in _mid_sentence_capitals(doc, data):
            lowered = token.text[0].lower()
            fix = Fix(
                (Edit(token.start, token.start + 1, lowered),),
                Applicability.UNSAFE,
                f"Write '{lowered}{token.text[1:]}'",
            )
            yield self.report(
                doc,
                previous.start,
                token.end,
                f"'{token.text}' is capitalised in the middle of a sentence: a lost title, a fused heading?",
                fix=fix,
            )


RULES = (
    StraySentenceBreak,
    GluedWords,
    MissingApostrophe,
    MissingHyphen,
    DoubledWord,
    RepeatedClause,
    MidSentenceCapital,
)
