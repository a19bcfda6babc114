"""Which words a document holds, and which paragraphs hold some listed
words, found without tokenising it.

A token per word is the dearest thing a rule can ask for, and even a regular
expression's `findall` over every paragraph makes a string per word. Text
splits into whitespace-separated chunks at C speed, and a document repeats
its chunks: the distinct chunks are few, so words are looked for in those
alone, and a paragraph is asked only which chunks it holds (a set
intersection). Paragraphs end at line breaks, so a paragraph's chunks are
chunks of the document.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import regex

from mtlint.document import Document
from mtlint.paragraphs import paragraphs
from mtlint.tokens import WORD, key_form

WORD_OR_BREAK = regex.compile(rf"\n|{WORD.pattern}")


#: what may surround the one word of a chunk: no letter or mark is here, so a
#: chunk that is letters once these are stripped is that word
TRIM = "0123456789.,;:!?…\"'’‘“”«»„‹›()[]{}<>-–—/\\|*+=%&#@$€£§°•·~^`_"
#: a document shorter than this (characters) keeps each paragraph's chunks
#: for `paragraphs_with`: an article's are few, a book's would be too many
KEEP_CHUNKS = 100_000


class Survey:
    """The document's vocabulary (word keys, as `tokens.key` writes them),
    and the paragraphs holding given keys. Held while one analysis runs: the
    distinct chunks are as many as the document's distinct spellings.

    Chunks are taken from each paragraph in key form, as tokens read it. A
    chunk of letters alone is a word; a chunk that is letters once the
    punctuation and digits around them are stripped holds that one word;
    only the others (elisions, words joined by signs) are searched for
    their words, with one `findall` over them all."""

    def __init__(self, doc: Document) -> None:
        self.prose = doc.prose
        self.bounds = paragraphs(doc)
        # paragraph by paragraph: a list of all of the text's chunks at once
        # would take ten times its size
        self.kept: list[set[str]] | None = [] if len(self.prose) < KEEP_CHUNKS else None
        distinct: set[str] = set()
        for start, end in self.bounds:
            chunks = key_form(self.prose[start:end]).split()
            distinct.update(chunks)
            if self.kept is not None:
                self.kept.append(set(chunks))
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

    def paragraphs_with(self, keys: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in `keys`, with those keys."""
        wanted = self.vocabulary.intersection(keys)
        if not wanted:
            return
        holding = {word: {word} for word in wanted & self.words}
        for word in wanted & self.holders.keys():
            for chunk in self.holders[word]:
                holding.setdefault(chunk, set()).add(word)
        prose, chunks = self.prose, frozenset(holding)
        for index, (start, end) in enumerate(self.bounds):
            held = chunks.intersection(
                self.kept[index] if self.kept is not None else key_form(prose[start:end]).split()
            )
            if held:
                yield (start, end), set().union(*(holding[chunk] for chunk in held))
