"""Which words a document holds, and which paragraphs hold some listed
words, found without tokenising it.

A token per word is the dearest thing a rule can ask for. Most documents
are read from their word shape (mtlint.shape), which the segmentation rules
build anyway: its distinct words are the vocabulary, and the paragraphs
holding given words are found by asking each paragraph's numbers, at C
speed. A document the shape cannot read (another script) is read in
whitespace-separated chunks: the distinct chunks are few, so words are
looked for in those alone, and a paragraph is asked only which chunks it
holds (a set intersection). Paragraphs end at line breaks, so a paragraph's
chunks are chunks of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import cached_property, lru_cache
from itertools import compress, count, filterfalse
from typing import Protocol

import regex

from mtlint.document import Document
from mtlint.paragraphs import paragraphs
from mtlint.patterns import lazy
from mtlint.shape import RUN, SHAPE_CODEC, WordShape, decoded, odd_numbers, odd_places, paragraphs_holding, word_shape
from mtlint.tokens import WORD, Token, key_form, split_tokens, tokens_between

WORD_OR_BREAK = lazy(regex.compile, rf"\n|{WORD.pattern}")
#: splits the shape's keys into the spaces and the words between them, alternately
WORDS_AND_SPACES = lazy(re.compile, b"(" + RUN.pattern + b")")


#: what may surround the one word of a chunk: no letter or mark is here, so a
#: chunk that is letters once these are stripped is that word
TRIM = "0123456789.,;:!?…\"'’‘“”«»„‹›()[]{}<>-–—/\\|*+=%&#@$€£§°•·~^`_"


class Survey(Protocol):
    """The document's vocabulary (word keys, as `tokens.key` writes them), and
    the paragraphs holding given keys: each with the keys it holds, in order."""

    vocabulary: set[str]

    def paragraphs_with(self, *key_sets: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in one of `key_sets`,
        each with the keys it holds, in order."""
        ...

    def tokens(self, bounds: tuple[int, int]) -> list[Token]:
        """The tokens of the paragraph at `bounds`, as tokens_between makes them."""
        ...

    def words_where(self, test: KeyTest, verdicts: dict[str | bytes, bool]) -> set[str]:
        """The keys of the vocabulary that pass `test`, each tested once for
        all documents sharing `verdicts`."""
        ...

    def runs(self, marks: Mapping[str, int], bridges: Callable[[str], bool]) -> RunReader:
        """What reads a paragraph's runs of marked words (`marks`: a value
        by key), without its tokens where the survey can."""
        ...


#: a test of many keys at once, a verdict for each in order: a test that
#: looks words up can take the steps shared by all at C speed
KeyTest = Callable[[list[str]], list[bool]]

#: a paragraph's runs (by its bounds): the values of its marked words in
#: order, a run where only words that bridge stand between two of them; None
#: where only the paragraph's tokens can tell
RunReader = Callable[[tuple[int, int]], list[list[int]] | None]


def survey(doc: Document) -> Survey:
    """The survey of `doc`: from its word shape when it has one."""
    shape = word_shape(doc)
    return ShapeSurvey(doc, shape) if shape is not None else ChunkSurvey(doc)


class ShapeSurvey:
    """A survey read from the word shape. A word holding a placeholder (a
    letter or mark cp1252 lacks) has no key there: its key is read from the
    prose where the shape places the word.

    The shape's words are decoded into keys only when the vocabulary is
    asked for (a hundred microseconds an article): which paragraphs hold
    given words is answered with those words spelt as the shape spells
    them, the words of the language pairs once per run (`_spellings`)."""

    def __init__(self, doc: Document, shape: WordShape) -> None:
        self.doc = doc
        self.shape = shape
        self.bounds = paragraphs(doc)
        self.starts = [start for start, _ in self.bounds]
        #: the paragraphs holding a word whose key only its token tells
        self.odd_paragraphs: set[int] = set()
        self.odd = odd_numbers(shape)
        #: each key only tokens tell, and the paragraphs holding it
        self.told: dict[str, set[int]] = {}
        if self.odd:
            self._tell(doc.prose)

    @cached_property
    def vocabulary(self) -> set[str]:
        """The keys the shape spells, decoded together (the cp1252 codec costs
        a Python call per decode), and those only tokens tell."""
        spelt = self.shape.vocabulary
        if self.odd:
            spelt = {word: number for word, number in spelt.items() if number not in self.odd}
        keys = set(decoded(list(spelt)))
        return keys | self.told.keys() if self.told else keys

    def _tell(self, prose: str) -> None:
        """The keys of the words holding a placeholder, from the prose in key
        form: each such word spans in the shape's keys what its token spans
        in the prose (a byte per character), so its key is sliced from its
        paragraph lowered, as tokens lower it."""
        keys, starts = self.shape.keys, self.starts
        keyed: dict[int, str] = {}
        done = -1
        for placeholder in odd_places(keys):
            start = max(keys.rfind(b" ", 0, placeholder), keys.rfind(b"'", 0, placeholder)) + 1
            if start == done:
                continue  # a second placeholder in the same word
            done = start
            end = RUN.match(keys, start).end()
            paragraph = bisect_right(starts, start) - 1
            first, last = self.bounds[paragraph]
            if paragraph not in keyed:
                keyed[paragraph] = key_form(prose[first:last])
                self.odd_paragraphs.add(paragraph)
            self.told.setdefault(keyed[paragraph][start - first : end - first], set()).add(paragraph)

    def words_where(self, test: KeyTest, verdicts: dict[str | bytes, bool]) -> set[str]:
        """The keys that pass `test`: the words the shape spells are looked up
        by their spelling, at C speed, and only those no document has shown
        before are decoded and tested; those only tokens tell, by their key."""
        spelt, odd = self.shape.vocabulary, self.odd
        new = [word for word in filterfalse(verdicts.__contains__, spelt) if spelt[word] not in odd]
        verdicts.update(zip(new, test(decoded(new)), strict=True))
        found = set(decoded(list(compress(spelt, map(verdicts.get, spelt)))))
        return found | _passing(self.told, test, verdicts) if self.told else found

    def runs(self, marks: Mapping[str, int], bridges: Callable[[str], bool]) -> RunReader:
        """Runs read from the paragraph's word numbers: the marked ones are
        found at C speed, and a word between two of them is asked whether
        it bridges once per document (most runs end at the first word
        after a marked one). A paragraph holding a word only its token
        tells is left to its tokens."""
        vocabulary = self.shape.vocabulary
        values = {vocabulary[word]: marks[key] for word, key in _spelt(marks).items() if word in vocabulary}
        words, offsets = self.shape.words, self.shape.offsets
        verdicts: dict[int, bool] = {}
        spellings: dict[int, bytes] = {}

        def bridge(number: int) -> bool:
            if number not in verdicts:
                if not spellings:
                    spellings.update(zip(vocabulary.values(), vocabulary, strict=True))
                verdicts[number] = bridges(spellings[number].decode(SHAPE_CODEC))
            return verdicts[number]

        def read(bounds: tuple[int, int]) -> list[list[int]] | None:
            paragraph = bisect_left(self.starts, bounds[0])
            if paragraph in self.odd_paragraphs:
                return None
            low, high = offsets[paragraph], offsets[paragraph + 1]
            found: list[list[int]] = []
            last = -1
            for at in compress(count(low), map(values.__contains__, words[low:high])):
                if found and all(map(bridge, words[last + 1 : at])):
                    found[-1].append(values[words[at]])
                else:
                    found.append([values[words[at]]])
                last = at
            return found

        return read

    def tokens(self, bounds: tuple[int, int]) -> list[Token]:
        """The shape splits the paragraph's words out of its keys at C speed:
        decoded, they are the tokens' keys (a paragraph holding a word only
        its token tells is tokenised)."""
        paragraph = bisect_left(self.starts, bounds[0])
        if paragraph in self.odd_paragraphs:
            return tokens_between(self.doc, *bounds)
        parts = WORDS_AND_SPACES.split(self.shape.keys[bounds[0] : bounds[1]])
        spelt = parts[1::2]
        keys = decoded(spelt)
        return split_tokens(parts, bounds[0], keys, self.doc.prose)

    def paragraphs_with(self, *key_sets: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in one of `key_sets`,
        with those keys. A frozenset (the words of the language pairs, the
        same for every article of a run) is spelt once per run; any other
        collection (an article's own few words) on the spot."""
        vocabulary = self.shape.vocabulary
        by_number: dict[int, str] = {}
        told: set[str] = set()
        for keys in key_sets:
            spellings = _spellings(keys) if isinstance(keys, frozenset) else _spelt(keys)
            by_number.update((vocabulary[word], spellings[word]) for word in spellings.keys() & vocabulary.keys())
            if self.told:
                told.update(self.told.keys() & keys)
        if not by_number and not told:
            return
        held: dict[int, set[str]] = {}
        if by_number:
            wanted = set(by_number)
            words, offsets = self.shape.words, self.shape.offsets
            for paragraph in paragraphs_holding(self.shape, wanted):
                found = wanted.intersection(words[offsets[paragraph] : offsets[paragraph + 1]])
                held[paragraph] = {by_number[number] for number in found}
        for key in told:
            for paragraph in self.told[key]:
                held.setdefault(paragraph, set()).add(key)
        for paragraph in sorted(held):
            yield self.bounds[paragraph], held[paragraph]


def _spelt(keys: Collection[str]) -> dict[bytes, str]:
    """The keys the shape can spell, by their spelling. A key cp1252 cannot
    encode is no spelt word's (those hold placeholders, which no encoding
    makes): only tokens tell it."""
    spelt = {}
    for key in keys:
        try:
            spelt[key.encode(SHAPE_CODEC)] = key
        except UnicodeEncodeError:
            continue
    return spelt


#: `_spelt` of the sets of listed words, which every article of a run asks for
_spellings = lru_cache(maxsize=16)(_spelt)


class ChunkSurvey:
    """The document's vocabulary (word keys, as `tokens.key` writes them),
    and the paragraphs holding given keys. Held while one analysis runs: the
    distinct chunks are as many as the document's distinct spellings.

    Chunks are taken from each paragraph in key form, as tokens read it. A
    chunk of letters alone is a word; a chunk that is letters once the
    punctuation and digits around them are stripped holds that one word;
    only the others (elisions, words joined by signs) are searched for
    their words, with one `findall` over them all."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.prose = doc.prose
        self.bounds = paragraphs(doc)
        # paragraph by paragraph: a list of all of the text's chunks at once
        # would take ten times its size
        distinct: set[str] = set()
        for start, end in self.bounds:
            distinct.update(key_form(self.prose[start:end]).split())
        self.words = set(filter(str.isalpha, distinct))
        self.holders: dict[str, list[str]] = {}
        searched = []
        for chunk in distinct - self.words:
            core = chunk.strip(TRIM)
            if core.isalpha():
                self.holders.setdefault(core, []).append(chunk)
            else:
                searched.append(chunk)
        # one findall over the other chunks, line feeds marking where each ends
        index = 0
        for found in WORD_OR_BREAK.findall("\n".join(searched)):
            if found == "\n":
                index += 1
            else:
                self.holders.setdefault(found, []).append(searched[index])
        self.vocabulary: set[str] = self.words.union(self.holders)

    def paragraphs_with(self, *key_sets: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in one of `key_sets`, with those keys."""
        wanted = set().union(*map(self.vocabulary.intersection, key_sets))
        if not wanted:
            return
        holding = {word: {word} for word in wanted & self.words}
        for word in wanted & self.holders.keys():
            for chunk in self.holders[word]:
                holding.setdefault(chunk, set()).add(word)
        prose, chunks = self.prose, frozenset(holding)
        for start, end in self.bounds:
            held = chunks.intersection(key_form(prose[start:end]).split())
            if held:
                yield (start, end), set().union(*(holding[chunk] for chunk in held))

    def tokens(self, bounds: tuple[int, int]) -> list[Token]:
        return tokens_between(self.doc, *bounds)

    def words_where(self, test: KeyTest, verdicts: dict[str | bytes, bool]) -> set[str]:
        return _passing(self.vocabulary, test, verdicts)

    def runs(self, marks: Mapping[str, int], bridges: Callable[[str], bool]) -> RunReader:
        """Chunks do not keep the order of words: tokens tell the runs."""
        return _unknown_runs


def _unknown_runs(bounds: tuple[int, int]) -> None:
    return None


def _passing(keys: Collection[str], test: KeyTest, verdicts: dict[str | bytes, bool]) -> set[str]:
    """The `keys` that pass `test`, each tested once for all documents sharing `verdicts`."""
    new = list(filterfalse(verdicts.__contains__, keys))
    verdicts.update(zip(new, test(new), strict=True))
    return {key for key in keys if verdicts[key]}
