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

from mtlint.document import Document
from mtlint.paragraphs import paragraphs
from mtlint.tokens import WORD, keyed_prose


class Survey:
    """The document's vocabulary (word keys, as `tokens.key` writes them),
    and the paragraphs holding given keys. Held while one analysis runs: the
    distinct chunks are as many as the document's distinct spellings."""

    def __init__(self, doc: Document) -> None:
        self.keyed = keyed_prose(doc)
        self.bounds = paragraphs(doc)
        self.chunks = set(self.keyed.split())
        # one findall over the distinct chunks finds every word of the text
        self.vocabulary: set[str] = set(WORD.findall(" ".join(self.chunks)))
        # a chunk that is a word without an apostrophe is that word alone;
        # the others hold punctuation, digits or several words
        self.mixed = (self.chunks - self.vocabulary) | {
            chunk for chunk in self.chunks & self.vocabulary if chunk.endswith("'")
        }

    def paragraphs_with(self, keys: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in `keys`, with those keys."""
        wanted = set(keys) & self.vocabulary
        if not wanted:
            return
        holding = {chunk: {chunk} for chunk in (self.chunks & wanted) - self.mixed}
        for chunk in self.mixed:
            found = wanted.intersection(WORD.findall(chunk))
            if found:
                holding[chunk] = found
        keyed, chunks = self.keyed, frozenset(holding)
        for start, end in self.bounds:
            held = chunks.intersection(keyed[start:end].split())
            if held:
                yield (start, end), set().union(*(holding[chunk] for chunk in held))
