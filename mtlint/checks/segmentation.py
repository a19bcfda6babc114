"""Word and sentence boundaries that machine translation and scraping damage:
a period left inside a sentence, two words glued into one, a lost apostrophe
or hyphen, a doubled word, a repeated clause, a capital left mid-sentence.

What each language allows is data (`lang/segmentation/<lang>.toml`:
abbreviations, function words, title nouns, prefixes, suffix rewrites); word
frequencies come from the compact lexicons (`mtlint.lexicon`). The word
analysis behind glued-words, missing-apostrophe and missing-hyphen runs once
per document and is shared, as are the sentence units of repeated-clause.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, pairwise

import regex

from mtlint import toml
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.lexicon import lexicon
from mtlint.paragraphs import paragraphs
from mtlint.rule import Context, PythonRule
from mtlint.tokens import tokens

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

STRAY_BREAK = regex.compile(r"(?<=[^\s.])\.[ \u00a0\u202f]++(?=\p{Ll})")
NEXT_WORD = regex.compile(r"[\p{L}\p{M}]++['’]?+")
LAST_LETTERS = regex.compile(r"[\p{L}\p{M}]++$")
ROMAN = regex.compile(
    r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|(?:i{1,3}|iv|vi{0,3}|ix|x)"
)
SENTENCE_BREAK = regex.compile(r"(?<=[.!?…][»”\"')\]]{0,3}+)\s++(?=[\p{Lu}«“„\"'(¿¡])")


@dataclass(frozen=True)
class LanguageData:
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
    source = resources.files("mtlint.lang") / "segmentation" / f"{lang}.toml"
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


# --- stray sentence break --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Break:
    """A period between two words, the second lowercase."""

    start: int  # the word before
    period: int
    end: int  # the end of the word after
    before: str
    after: str


def _breaks(doc: Document, data: LanguageData) -> Iterator[Break]:
    prose = doc.prose
    if ". " not in prose and ".\u00a0" not in prose and ".\u202f" not in prose:
        return
    words = lexicon(doc.lang)
    for match in STRAY_BREAK.finditer(prose):
        period = match.start()
        before = _word_before(prose, period)
        if before is None:
            continue
        word_start, word = before
        if (word.isupper() and len(word) == 1) or word in data.abbreviations or word.lower() in data.abbreviations:
            continue  # an initial (J. R. R. Tolkien), an abbreviation
        if ROMAN.fullmatch(word):
            continue
        following = NEXT_WORD.match(prose, match.end())
        if following is None:
            continue
        after = following.group()
        end = following.end()
        if after.lower() != after or not _standalone(prose, match.end(), end) or prose[end : end + 1] == "-":
            continue  # iPhone, eBay; ext2, exemple.com; apt-get
        key = after.lower().replace("’", "'")
        if not key.endswith("'"):
            if not any(char in VOWELS for char in key):
                continue  # npm, dpkg: a lowercase name opening a sentence
            if words and key not in words:
                continue  # reiserfs: not a word of the language, likely a name
        yield Break(word_start, period, end, word, after)


def _word_before(prose: str, period: int) -> tuple[int, str] | None:
    """The word that ends at `period` (closing brackets and quotes between
    them allowed), or None when what precedes is an initial, a number, a
    dotted abbreviation, a path or an address."""
    start = period
    limit = max(0, period - 64)
    while start > limit and not prose[start - 1].isspace():
        start -= 1
    run = prose[start:period]
    if any(char in "./@\\_" or char.isdigit() for char in run):
        return None  # J.-C., c.-à-d., U.S, v2, paths, addresses
    core = run.rstrip("".join(CLOSERS))
    letters = LAST_LETTERS.search(core)
    if letters is None:
        return None
    return start + letters.start(), letters.group()


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


@dataclass(frozen=True, slots=True)
class Split:
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
    english = lexicon("en") if doc.lang != "en" else {}
    prose = doc.prose
    readings: dict[str, tuple[str, int] | None] = {}
    found: list[Split] = []
    for token in tokens(doc):
        text = token.text
        if not MIN_GLUED <= len(text) <= MAX_GLUED:
            continue
        word = token.key
        if words.get(word, 0) >= TYPO or not text.islower() or word.endswith("'"):
            continue  # a word; a name; an elided word (jusqu')
        if prose[token.end : token.end + 1] == "-" and not prose[token.end + 1 : token.end + 2].isalpha():
            continue  # "les préfixes semi- et sesqui-": a prefix cited
        if not _standalone(prose, token.start, token.end):
            continue
        if word not in readings:
            readings[word] = _reading(word, words, data, english)
        reading = readings[word]
        if reading is not None:
            kind, cut = reading
            found.append(Split(kind, token.start, token.end, token.start + cut, word[:cut], word[cut:]))
    written = Counter(doc.text[split.start : split.end] for split in found)
    return [split for split in found if written[doc.text[split.start : split.end]] < TERM]


def _reading(word: str, words: dict[str, int], data: LanguageData, english: dict[str, int]) -> tuple[str, int] | None:
    """How `word`, unknown to the lexicon, reads as two words: (kind, where
    they join), or None when it is an inflection, a derived word or an
    English word."""
    if english.get(word, 0) >= KNOWN or _derived(word, words, data, english):
        return None
    return _split(word, words, data, english)


def _derived(word: str, words: dict[str, int], data: LanguageData, english: dict[str, int]) -> bool:
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


def _inflected(word: str, words: dict[str, int], data: LanguageData, english: dict[str, int], depth: int = 2) -> bool:
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


def _stem(form: str, words: dict[str, int], english: dict[str, int]) -> bool:
    """Whether `form` is a word the language knows well enough to derive
    from: not a fragment (lal, dep), a frequent typo (avecle) or an English
    word (basede: based)."""
    zipf = words.get(form, 0)
    return len(form) >= 4 and zipf >= STEM and english.get(form, 0) <= zipf + LEAN


def _split(word: str, words: dict[str, int], data: LanguageData, english: dict[str, int]) -> tuple[str, int] | None:
    """The best reading of `word` as two words, if any: an elided word
    without its apostrophe, a compound without its hyphen, or two words."""
    glued = words.get(word, 0)
    elided: tuple[str, int] | None = None
    elided_zipf = 0
    for length in _lengths(data.elisions):
        rest = word[length:]
        if word[:length] not in data.elisions or len(rest) < 3 or rest[0] not in ELIDING:
            continue
        rest_zipf = words.get(rest, 0)
        if rest_zipf >= max(PART, glued + GAP) and english.get(rest, 0) < rest_zipf + LEAN:
            elided, elided_zipf = ("apostrophe", length), rest_zipf
            break
    for length in _lengths(data.hyphen_prefixes):
        rest = word[length:]
        if word[:length] in data.hyphen_prefixes and len(rest) >= 4 and words.get(rest, 0) >= max(KNOWN, glued + GAP):
            return "hyphen", length
    best: tuple[int, int] | None = None
    if glued < KNOWN:
        function_words = data.function_words
        for cut in range(1, len(word)):
            left = word[:cut]
            if left not in function_words and words.get(left, 0) < PART_BESIDE_FUNCTION:
                continue  # the common case, decided before any other lookup
            rarer = _glued_at(left, word[cut:], words, data, english)
            if rarer > glued + GAP and (best is None or rarer > best[0]):
                best = (rarer, cut)
    if best is None or (elided is not None and elided_zipf >= best[0]):
        return elided
    return "glued", best[1]


@cache
def _lengths(strings: frozenset[str]) -> tuple[int, ...]:
    """The lengths of `strings`, longest first."""
    return tuple(sorted({len(string) for string in strings}, reverse=True))


def _glued_at(left: str, right: str, words: dict[str, int], data: LanguageData, english: dict[str, int]) -> int:
    """How well left+right reads as two words: the frequency of the rarer
    content half, 0 when it does not read so at all. A half is a function
    word of the language or a content word (see _content)."""
    left_zipf, right_zipf = words.get(left, 0), words.get(right, 0)
    left_function, right_function = left in data.function_words, right in data.function_words
    if not (left_function or _content(left, left_zipf, right_function, data)):
        return 0
    if not (right_function or _content(right, right_zipf, left_function, data)):
        return 0
    if left in data.prefixes and not right_function:
        return 0  # autopartage, surgénération: a derived word
    if data.closed_compounds and not (left_function or right_function):
        return 0  # birdhouse, scrollbar: an English or German compound
    if english.get(left, 0) >= left_zipf and english.get(right, 0) >= right_zipf:
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
        prose = doc.prose
        words = tokens(doc)
        for first, second in pairwise(words):
            if first.key != second.key or second.capitalised or second.hyphenated or first.key in data.doubled:
                continue
            if first.capitalised and not first.initial:
                continue  # German "dass Sie sie ändern": two words
            gap = prose[first.end : second.start]
            if first.key.endswith("'") or not gap.isspace():
                continue
            if ("\n" in gap or "\r" in gap) and _paragraph(doc, first.start) != _paragraph(doc, second.start):
                continue  # a heading, a table cell or a list item, and the text after it
            if not _standalone(prose, first.start, second.end):
                continue
            fix = Fix((Edit(first.end, second.end, ""),), Applicability.UNSAFE, f"Delete the second '{second.text}'")
            yield self.report(doc, first.start, second.end, f"'{second.text}' is written twice", fix=fix)


def _paragraph(doc: Document, offset: int) -> int:
    """The index of the paragraph that holds `offset`."""
    starts = doc.memo("segmentation-paragraph-starts", lambda d: [start for start, _ in paragraphs(d)])
    return bisect_right(starts, offset)


# --- repeated clause ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    """The words as repeated-clause compares them, in parallel lists: one
    object per word would cost more than the comparison."""

    keys: list[str]
    starts: list[int]
    ends: list[int]
    #: how many elided words (l', d') come before each index: they count with the next
    elided: list[int]

    def length(self, low: int, high: int) -> int:
        """How many words [low, high) holds, an elided word counting with the next."""
        return high - low - (self.elided[high] - self.elided[low])


def _words(doc: Document) -> Words:
    def build(doc: Document) -> Words:
        found = tokens(doc)
        keys = [t.key for t in found]
        elided = list(accumulate((key[-1] == "'" for key in keys), initial=0))
        return Words(keys, [t.start for t in found], [t.end for t in found], elided)

    return doc.memo("segmentation-words", build)


@dataclass(frozen=True, slots=True)
class Repeat:
    start: int
    end: int
    first: int
    severity: Severity
    sentence: bool


def repeats(doc: Document) -> list[Repeat]:
    return doc.memo("segmentation-repeats", _find_repeats)


def _find_repeats(doc: Document) -> list[Repeat]:
    words = _words(doc)
    data = language_data(doc.lang)
    function_words = data.function_words if data is not None else frozenset()
    found = _repeated_sentences(doc, words)
    covered_starts = [repeat.start for repeat in found]
    for paragraph_start, paragraph_end in paragraphs(doc):
        low, high = bisect_left(words.starts, paragraph_start), bisect_left(words.starts, paragraph_end)
        for repeat in _repeated_runs(words, low, high, function_words):
            inside = bisect_right(covered_starts, repeat.start) - 1
            if inside < 0 or found[inside].end <= repeat.start:
                found.append(repeat)
    return sorted(found, key=lambda r: r.start)


def _repeated_sentences(doc: Document, words: Words) -> list[Repeat]:
    """Paragraphs and sentences of MIN_SENTENCE words or more met again within
    ARTICLE words; further apart, in a manual or a book, repetition is the
    author's. A warning for a paragraph repeated word for word (a lead or a
    caption scraped twice) and for a sentence repeated word for word in its
    own paragraph (a segment translated twice); manuals repeat sentences
    from one section to the next, so other copies are notes."""
    prose = doc.prose
    seen: dict[tuple[str, ...], tuple[int, int, int, int]] = {}
    found: list[Repeat] = []
    for number, (paragraph_start, paragraph_end) in enumerate(paragraphs(doc)):
        sentences: list[tuple[int, int]] = []
        position = paragraph_start
        for match in SENTENCE_BREAK.finditer(prose, paragraph_start, paragraph_end):
            sentences.append((position, match.start()))
            position = match.start()
        sentences.append((position, paragraph_end))
        low, high = bisect_left(words.starts, paragraph_start), bisect_left(words.starts, paragraph_end)
        if len(sentences) > 1 and words.length(low, high) >= 2 * MIN_SENTENCE:
            repeat = _compare(doc, words, seen, paragraph_start, paragraph_end, -1 - number)
            if repeat is not None:
                found.append(repeat)
                continue
        for start, end in sentences:
            repeat = _compare(doc, words, seen, start, end, number)
            if repeat is not None:
                found.append(repeat)
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
    earlier = seen.get(key)
    seen[key] = (low, number, start, end)
    if earlier is None or low - earlier[0] > ARTICLE:
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


def _repeated_runs(words: Words, low: int, high: int, function_words: frozenset[str]) -> Iterator[Repeat]:
    """Runs of MIN_REPEAT words or more that occur twice in words[low:high],
    each reported once, at its second occurrence, without overlapping itself."""
    keys = words.keys
    grams = list(zip(*(keys[low + shift : high] for shift in range(MIN_REPEAT)), strict=False))
    if len(set(grams)) == len(grams):
        return  # the common case, decided at C speed
    seen: dict[tuple[str, ...], int] = {}
    index = low
    while index + MIN_REPEAT <= high:
        gram = grams[index - low]
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
        for repeat in repeats(doc):
            line, column = doc.lines.position(repeat.first)
            what = "Sentence" if repeat.sentence else "Words"
            exact = " word for word" if repeat.severity is Severity.WARNING else ""
            yield self.report(
                doc,
                repeat.start,
                repeat.end,
                f"{what} repeated{exact} from line {line}, column {column}",
                severity=repeat.severity,
            )


# --- mid-sentence capital --------------------------------------------------------------------


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
        prose = doc.prose
        words = tokens(doc)
        function_words = data.function_words
        for index in range(1, len(words) - 1):
            token = words[index]
            if not token.text[0].isupper() or token.key not in function_words or token.hyphenated:
                continue
            core = token.text.rstrip("'’")
            if (len(core) < 2 and core == token.text) or not (len(core) < 2 or core[1:].islower()):
                continue  # single letters (de A à Z); acronyms (CE, LA)
            previous, following = words[index - 1], words[index + 1]
            if previous.key in data.title_nouns or previous.key.endswith("'"):
                continue
            opening = previous.initial and previous.text[1:].islower() and not data.title_case
            if not (previous.text.islower() or opening):
                continue  # after a name (La Paz Pour…) a capital may open another name
            if not _only(HORIZONTAL_SPACE, prose[previous.end : token.start]):
                continue
            between = prose[token.end : following.start]
            if (between and not _only(HORIZONTAL_SPACE, between)) or not following.text.islower():
                continue
            if following.key in data.name_followers:
                continue  # en Si bémol: a musical key
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
