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
from mtlint.tokens import WORD, key_form


class Survey:
    """The document's vocabulary (word keys, as `tokens.key` writes them),
    and the paragraphs holding given keys. Held while one analysis runs: the
    distinct chunks are as many as the document's distinct spellings."""

    def __init__(self, doc: Document) -> None:
        self.prose = doc.prose
        self.bounds = paragraphs(doc)
        # paragraph by paragraph: a list of all of the text's chunks at once
        # would take ten times its size
        distinct: set[str] = set()
        for start, end in self.bounds:
            distinct.update(self.prose[start:end].split())
        self.chunks = list(distinct)
        # the chunks in key form, one per line: one findall over them finds
        # every word of the text
        self.keyed = key_form("\n".join(self.chunks))
        self.vocabulary: set[str] = set(WORD.findall(self.keyed))

    def paragraphs_with(self, keys: Collection[str]) -> Iterator[tuple[tuple[int, int], set[str]]]:
        """The paragraphs holding words whose key is in `keys`, with those keys."""
        wanted = set(keys) & self.vocabulary
        if not wanted:
            return
        holding: dict[str, set[str]] = {}
        vocabulary = self.vocabulary
        for chunk, keyed in zip(self.chunks, self.keyed.split("\n"), strict=True):
            # a chunk that is one word without an apostrophe is that word
            if keyed in vocabulary and not keyed.endswith("'"):
                if keyed in wanted:
                    holding[chunk] = {keyed}
            elif found := wanted.intersection(WORD.findall(keyed)):
                holding[chunk] = found
        prose, chunks = self.prose, frozenset(holding)
        for start, end in self.bounds:
            held = chunks.intersection(prose[start:end].split())
            if held:
                yield (start, end), set().union(*(holding[chunk] for chunk in held))
