"""Source-language words, phrases and names left in a target text, found
without the source: the analysis the `untranslated` rules share.

Three methods, each where the research note found it precise:
- single words from curated lists of source-only words, checked in context;
- phrases: runs of three or more words whose frequencies favour a source
  language over the target (compact wordfreq lexicons);
- names opened by a source-language article (El Espectador, Los Andes).
Which source languages are in play comes from `--source-lang`, or else from
the single-word hits: a phrase lexicon is loaded only for a language that
left words behind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from itertools import compress, count, pairwise
from operator import attrgetter, sub
from typing import NamedTuple

from mtlint.document import Document
from mtlint.lang.foreign import (
    LanguagePair,
    WordContext,
    loanwords,
    name_languages,
    pair,
    particles,
    sources_for,
    target_articles,
)
from mtlint.lexicon import lexicon
from mtlint.spans import Spans
from mtlint.survey import RunReader, Survey, survey
from mtlint.tokens import Token

#: words that join the parts of a name (Castilla y León, Universidad de los Andes)
NAME_JOINERS = frozenset(
    {"de", "del", "y", "da", "di", "von", "van", "la", "los", "las", "el", "of", "the", "in", "and", "for", "on"}
)
#: phrase scoring, in Zipf tenths: how much more frequent in the source a
#: word must be to count, and on average over the run
WORD_LEAN = 10
RUN_LEAN = 20
MIN_RUN = 3
#: a source word rarer than this (Zipf tenths) leans nowhere: not loading
#: the rest of the source lexicon halves its cost
SOURCE_FLOOR = 25
#: tokens of the first pass kept for the second (an article's are all kept)
KEPT_TOKENS = 20_000
#: a document this long (characters) reads its phrases in the first pass
LARGE = 100_000
#: words at least this frequent in both languages are shared (de, la, en)
SHARED_ZIPF = 45
#: what may stand between two words of one phrase
PHRASE_GAP = " \u00a0\u202f,'’-"
#: a token's key
KEY = attrgetter("key")


class Finding(NamedTuple):
    kind: str
    start: int
    end: int
    source: str
    text: str


class Analysis:
    """The document's findings by kind, and the sources they are taken from
    (the sources given, or those its listed words confirm, likeliest first)."""

    def __init__(self, names: list[Finding]) -> None:
        self.words: list[Finding] = []
        self.phrases: list[Finding] = []
        self.names = names
        self.sources: tuple[str, ...] = ()


def analyse(doc: Document) -> Analysis:
    return doc.memo("untranslated", _analyse)


def _analyse(doc: Document) -> Analysis:
    """Most paragraphs hold none of the listed words, no leaning word and no
    source article: one survey of the document says which do, and only
    those are tokenised and read in context (contexts never reach across a
    paragraph). Which words lean towards a source is known from the
    vocabulary once the sources are. Given, they are read in the same pass.
    Found from the listed words, in a second pass; but a large document
    reads in the first pass the phrases of every source whose listed words
    it holds, and drops those of sources no word confirms: reading its
    paragraphs twice would cost more than loading a lexicon."""
    listed = _listed(doc.lang, doc.source_langs or sources_for(doc.lang), doc.source_langs or name_languages())
    surveyed = survey(doc)
    if doc.source_langs:
        ahead = doc.source_langs
    elif len(doc.prose) >= LARGE:
        ahead = tuple(p.source for p in listed.pairs if not surveyed.vocabulary.isdisjoint(p.words))
    else:
        ahead = ()
    # Tokens are kept for a second pass only where one may come: sources
    # read ahead are all the sources a listed word can confirm.
    reading = _Reading(doc, surveyed, KEPT_TOKENS if not ahead else 0)
    leaning = {source: _leaning(doc.lang, source, surveyed) for source in ahead}
    reading.read(listed, leaning)
    analysis = Analysis(names=reading.names)
    analysis.words = [finding for found in reading.words.values() for finding in found]
    ranked = Counter(finding.source for finding in analysis.words).most_common() if analysis.words else []
    analysis.sources = tuple(doc.source_langs) or tuple(source for source, _ in ranked)
    late = [source for source in analysis.sources if source not in leaning]
    if late:
        reading.read(NOTHING_LISTED, {source: _leaning(doc.lang, source, surveyed) for source in late})
    analysis.phrases = _best_phrases([found for source in analysis.sources for found in reading.phrases[source]])
    in_phrases = Spans((phrase.start, phrase.end) for phrase in analysis.phrases)
    analysis.words = [word for word in analysis.words if not in_phrases.hold(word.start)]
    # A run that is just a name (El Espectador) is the name rule's finding.
    in_names = Spans((name.start, name.end) for name in analysis.names)
    analysis.phrases = [phrase for phrase in analysis.phrases if not in_names.enclose(phrase.start, phrase.end)]
    return analysis


class Listed(NamedTuple):
    """What the data lists for a target and its sources, gathered once per
    run: every article reads it."""

    pairs: tuple[LanguagePair, ...]
    #: the articles that open names in the sources, each with its language
    by_particle: dict[str, str]
    #: those articles in key form
    name_keys: frozenset[str]
    #: the words of every pair and the name keys: what a paragraph must hold to be read
    watch: frozenset[str]


NOTHING_LISTED = Listed((), {}, frozenset(), frozenset())


@cache
def _listed(target: str, sources: tuple[str, ...], name_sources: tuple[str, ...]) -> Listed:
    """The pairs of `target` with `sources`, and the articles that open names
    in `name_sources` (and not in the target)."""
    pairs = tuple(p for p in (pair(target, source) for source in sources) if p is not None)
    own = target_articles(target)
    by_particle: dict[str, str] = {}
    for source in name_sources:
        for particle in particles(source) - own:
            by_particle.setdefault(particle, source)
    name_keys = frozenset(particle.lower() for particle in by_particle)
    return Listed(pairs, by_particle, name_keys, name_keys.union(*(p.words for p in pairs)))


class _Reading:
    """The findings of the paragraphs that may hold some. When a second pass
    may come, the tokens of the first are kept for it up to `room` tokens,
    so that an article is tokenised once; past that they are dropped and
    made again: a document's tokens would take ten times its size."""

    def __init__(self, doc: Document, survey: Survey, room: int) -> None:
        self.doc = doc
        self.survey = survey
        self.kept: dict[tuple[int, int], list[Token]] = {}
        #: how many more tokens may be kept for the second pass
        self.room = room
        #: by source, in the order of the pairs, then of the document
        self.words: dict[str, list[Finding]] = {}
        self.phrases: dict[str, list[Finding]] = {}
        self.names: list[Finding] = []

    def read(self, listed: Listed, leaning: dict[str, set[str]]) -> None:
        """Words of `listed`'s pairs, names opened by its particles and
        phrases of the words `leaning` to each source."""
        doc = self.doc
        by_particle, name_keys = listed.by_particle, listed.name_keys
        gates = [(language_pair, _gated(doc, language_pair)) for language_pair in listed.pairs]
        for language_pair in listed.pairs:
            self.words.setdefault(language_pair.source, [])
        for source in leaning:
            self.phrases.setdefault(source, [])
        runs = {source: self._runs(source, keys) for source, keys in leaning.items()}
        for bounds, held in self.survey.paragraphs_with(listed.watch, *leaning.values()):
            admitted = [p for p, admits in gates if (found := held & p.words) and admits(bounds, found)]
            # A run holds two leaning words at least; one word repeated next
            # to itself (new new) is not a phrase worth the tokens of every
            # paragraph that says "un an".
            phrasing = [
                source
                for source, keys in leaning.items()
                if len(held & keys) >= 2 and _may_phrase(runs[source](bounds))
            ]
            named = not name_keys.isdisjoint(held)
            if not (admitted or phrasing or named):
                continue
            words = self._tokens(bounds)
            keys = list(map(KEY, words))
            covered = _loanword_tokens(doc.lang, keys) if admitted or phrasing else set()
            for language_pair in admitted:
                self.words[language_pair.source].extend(_word_hits(language_pair, words, keys, covered))
            for source in phrasing:
                self.phrases[source].extend(_phrases(doc, source, words, keys, covered))
            if named:
                self.names.extend(_names(doc, words, keys, by_particle, name_keys))

    def _runs(self, source: str, keys: set[str]) -> RunReader:
        """What reads a paragraph's runs of words leaning to `source` (their
        leans), bridged as _phrases bridges them."""
        source_words, target_words = lexicon(source, SOURCE_FLOOR), lexicon(self.doc.lang)

        def zipfs(key: str) -> tuple[int, int]:
            bare = key.rstrip("'")
            return source_words.get(bare, 0), target_words.get(bare, 0)

        def shared(key: str) -> bool:
            return _shares(*zipfs(key))

        leans = {key: sub(*zipfs(key)) for key in keys}
        return self.survey.runs(leans, shared)

    def _tokens(self, bounds: tuple[int, int]) -> list[Token]:
        """The paragraph's tokens, kept from the first pass if they were."""
        if bounds in self.kept:
            return self.kept.pop(bounds)
        words = self.survey.tokens(bounds)
        if len(words) <= self.room:
            self.kept[bounds] = words
            self.room -= len(words)
        return words


def _leaning(target: str, source: str, surveyed: Survey) -> set[str]:
    """The words of the document that lean towards `source`. Articles of
    one run share most of their words: each is weighed once per run."""
    source_words, target_words = lexicon(source, SOURCE_FLOOR), lexicon(target)
    if not source_words or not target_words:
        return set()

    def leans(word: str) -> bool:
        # most words of a text are not words of the source: the target is asked only about those that are
        in_source = source_words.get(word, 0)
        return bool(in_source) and in_source - target_words.get(word, 0) >= WORD_LEAN

    def weigh(keys: list[str]) -> list[bool]:
        # Most are not even let through the source's filter: only those are looked up.
        bare = [key.rstrip("'") for key in keys]
        possible = set(source_words.may_hold(bare))
        return [word in possible and leans(word) for word in bare]

    return surveyed.words_where(weigh, _weighed(target, source))


@cache
def _weighed(target: str, source: str) -> dict[str | bytes, bool]:
    """Whether each word weighed so far for a pair leans towards the source
    (by its key, or by its spelling where a survey reads words as bytes)."""
    return {}


def _loanword_tokens(target: str, keys: list[str]) -> set[int]:
    """Indices of the tokens (by their `keys`) inside an adopted foreign word
    or phrase (tango, mea culpa, start-up). A phrase is looked for where its
    first two words stand together: most paragraphs hold none of those
    pairs, and both lookups run at C speed."""
    singles, by_pair = _loanwords_indexed(target)
    covered = set(compress(count(), map(singles.__contains__, keys)))
    pairs = list(pairwise(keys))
    for index in compress(count(), map(by_pair.__contains__, pairs)):
        for phrase in by_pair[pairs[index]]:
            if tuple(keys[index : index + len(phrase)]) == phrase:
                covered.update(range(index, index + len(phrase)))
    return covered


@cache
def _loanwords_indexed(target: str) -> tuple[frozenset[str], dict[tuple[str, str], list[tuple[str, ...]]]]:
    """The adopted words of `target`, and its adopted phrases by their first two words."""
    singles = frozenset(phrase[0] for phrase in loanwords(target) if len(phrase) == 1)
    by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for phrase in loanwords(target):
        if len(phrase) > 1:
            by_pair.setdefault((phrase[0], phrase[1]), []).append(phrase)
    return singles, by_pair


def _in_name(words: list[Token], index: int) -> bool:
    """Whether the word at `index` sits inside a name or a title: capitalised
    words on both sides, with at most one small joining word between
    (Castilla y León, Universidad de los Andes, Software in the Public Interest)."""
    return _capital_within(words, index, 1) and _capital_within(words, index, -1)


def _capital_within(words: list[Token], index: int, step: int) -> bool:
    for distance in (1, 2):
        position = index + step * distance
        if not 0 <= position < len(words):
            return False
        word = words[position]
        if word.capitalised:
            return True
        if word.key not in NAME_JOINERS:
            return False
    return False


def _word_hits(language_pair: LanguagePair, words: list[Token], keys: list[str], covered: set[int]) -> list[Finding]:
    """The listed words of the pair among `words` (their `keys`), read in
    context; only the tokens whose key is listed are looked at."""
    listed = language_pair.words
    found = []
    for index in compress(count(), map(listed.__contains__, keys)):
        word = words[index]
        if index in covered or word.hyphenated or word.attached:
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        if word.capitalised and (not word.initial or (following is not None and following.capitalised)):
            continue  # a name, or part of one (El País): the name rule decides
        if _in_name(words, index):
            continue
        context = language_pair.contexts.get(word.key)
        if context is not None and not _context_allows(context, words, index, listed):
            continue
        found.append(Finding("word", word.start, word.end, language_pair.source, word.text))
    return found


def _context_allows(context: WordContext, words: list[Token], index: int, listed: frozenset[str]) -> bool:
    previous = words[index - 1].key if index > 0 else ""
    following = words[index + 1] if index + 1 < len(words) else None
    if previous in context.skip_after:
        return False
    if following is not None and following.key in context.skip_before:
        return False
    if context.require_next or context.require_next_capital:
        if following is None:
            return False
        if following.key not in context.require_next and not (context.require_next_capital and following.capitalised):
            return False
    if context.needs_company:
        near = words[max(0, index - 2) : index] + words[index + 1 : index + 3]
        if not any(other.key in listed for other in near):
            return False
    return True


def _phrases(doc: Document, source: str, words: list[Token], keys: list[str], covered: set[int]) -> list[Finding]:
    """Runs of `words` (their `keys`) that lean towards `source`, bridged by words both
    languages share, within one stretch of prose. A run counts with two
    strongly leaning words, or MIN_RUN leaning ones, when its leaning words
    lean RUN_LEAN on average.

    A word's lean is how much more frequent it is in the source (Zipf
    tenths). Most words of a text lean to the target, so the scan starts only
    from the few that do not."""
    source_words, target_words = lexicon(source, SOURCE_FLOOR), lexicon(doc.lang)
    if not source_words or not target_words:
        return []
    prose = doc.prose
    bare = [key.rstrip("'") for key in keys]
    in_source, in_target = source_words.zipfs(bare), target_words.zipfs(bare)
    leaning = [
        i
        for i in range(len(words))
        if in_source[i] - in_target[i] >= WORD_LEAN and i not in covered and not words[i].attached
    ]
    found: list[Finding] = []
    run: list[int] = []
    for index in leaning:
        if run and not _bridged(prose, words, in_source, in_target, covered, run[-1], index):
            _close_run(doc, source, words, in_source, in_target, run, found)
            run = []
        run.append(index)
    _close_run(doc, source, words, in_source, in_target, run, found)
    return found


def _bridged(
    prose: str,
    words: list[Token],
    in_source: list[int],
    in_target: list[int],
    covered: set[int],
    last: int,
    index: int,
) -> bool:
    """Whether the words between two leaning words are shared by both
    languages (de, la, en) and only spaces and commas separate them."""
    for between in range(last + 1, index):
        if not _shares(in_source[between], in_target[between]) or between in covered:
            return False
    for left, right in pairwise(range(last, index + 1)):
        if prose[words[left].end : words[right].start].strip(PHRASE_GAP):
            return False
    return True


def _shares(in_source: int, in_target: int) -> bool:
    """Whether a word of these frequencies is one both languages share (de,
    la, en): frequent in both, and leaning to neither."""
    return min(in_source, in_target) >= SHARED_ZIPF and abs(in_source - in_target) < WORD_LEAN


def _may_phrase(runs: list[list[int]] | None) -> bool:
    """Whether a paragraph may hold a phrase, from its runs of leaning words
    (None: unknown). _phrases cuts such a run where a word is part of a
    loanword or an identifier, or where more than PHRASE_GAP's characters
    part two words, and never joins two: a phrase is a stretch of one run
    that _close_run accepts. Most paragraphs holding two leaning words hold
    them far apart, and are not tokenised for them."""
    return runs is None or any(_may_close(run) for run in runs if len(run) >= 2)


def _may_close(leans: list[int]) -> bool:
    """Whether a stretch of these leans, in a row, passes _close_run's test,
    whatever the gaps between its words."""
    for first in range(len(leans)):
        total = strong = 0
        for length, lean in enumerate(leans[first:], start=1):
            total += lean
            strong += lean >= RUN_LEAN
            if _closes(total, strong, length, spaced=True):
                return True
    return False


def _closes(total: int, strong: int, length: int, *, spaced: bool) -> bool:
    """_close_run's test on a run of `length` words whose leans sum to
    `total`, `strong` of them RUN_LEAN or more: two strong words with a
    space between (not one compound), or MIN_RUN words, leaning RUN_LEAN on
    average. _may_close asks it of stretches, as if spaced."""
    return ((strong >= 2 and spaced) or length >= MIN_RUN) and total >= RUN_LEAN * length


def _close_run(
    doc: Document,
    source: str,
    words: list[Token],
    in_source: list[int],
    in_target: list[int],
    run: list[int],
    found: list[Finding],
) -> None:
    if not run:
        return
    leans = [in_source[i] - in_target[i] for i in run]
    strong = sum(1 for lean in leans if lean >= RUN_LEAN)
    # ragged-right is one compound word, not a phrase of two
    spaced = any(
        not doc.prose[words[a].end : words[b].start].strip(" \u00a0\u202f")
        for a, b in pairwise(range(run[0], run[-1] + 1))
    )
    if _closes(sum(leans), strong, len(leans), spaced=spaced):
        start, end = words[run[0]].start, words[run[-1]].end
        kind = "title" if _title_like(words[run[0] : run[-1] + 1]) else "phrase"
        found.append(Finding(kind, start, end, source, doc.text[start:end]))


def _title_like(run: list[Token]) -> bool:
    """A run that opens with a capital mid-sentence, or is mostly capitalised,
    is a title or a name kept in its language (Common Practice Period)."""
    first = run[0]
    capitals = sum(1 for word in run if word.capitalised)
    return (first.capitalised and not first.initial) or capitals * 2 >= len(run)


def _best_phrases(phrases: list[Finding]) -> list[Finding]:
    """Where runs of two source languages overlap, the longer one wins."""
    kept: list[Finding] = []
    for phrase in sorted(phrases, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and phrase.start < kept[-1].end:
            if phrase.end - phrase.start > kept[-1].end - kept[-1].start:
                kept[-1] = phrase
            continue
        kept.append(phrase)
    return kept


def _gated(doc: Document, language_pair: LanguagePair) -> Callable[[tuple[int, int], set[str]], bool]:
    """Whether a paragraph may hold a hit of the pair: it holds a listed word
    without a gate, or a gated word whose gate finds a place in it."""
    gates = language_pair.gates

    def admits(bounds: tuple[int, int], found: set[str]) -> bool:
        return any(word not in gates or gates[word].search(doc.prose, *bounds) is not None for word in found)

    return admits


def _names(
    doc: Document, words: list[Token], keys: list[str], by_particle: dict[str, str], name_keys: frozenset[str]
) -> list[Finding]:
    """Names opened by a source-language article: the article and the
    capitalised words after it (with de/del/y between them). Only the words
    whose key (of `keys`) is a particle's (`name_keys`) can open one."""
    found = []
    resume = 0
    for index in compress(count(), map(name_keys.__contains__, keys)):
        word = words[index]
        source = by_particle.get(word.text)
        following = words[index + 1] if index + 1 < len(words) else None
        if index < resume or source is None or following is None or not following.capitalised or word.hyphenated:
            continue
        last = index + 1
        while last + 1 < len(words) and len(doc.prose[words[last].end : words[last + 1].start].strip()) == 0:
            nxt = words[last + 1]
            if nxt.capitalised and not nxt.initial:
                last += 1
            else:
                break
        start, end = word.start, words[last].end
        found.append(Finding("name", start, end, source, doc.text[start:end]))
        resume = last + 1
    return found
