"""The parts of the segmentation analysis that serve speed and memory: words
numbered once per distinct word, sentences counted in bytes, repeated runs
looked for only where four words may come back, and keys of Σ and İ words
sliced from one copy of the prose. Each must read the document as tokens()
does, word for word."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtlint import shape as shapes
from mtlint.api import build_document
from mtlint.checks import segmentation
from mtlint.engine import Plan
from mtlint.paragraphs import paragraphs
from mtlint.registry import builtin_registry
from mtlint.tokens import tokens
from tests.conftest import SEED

FRAGMENTS = [
    "Le", "chat", "dort", "sur", "le", "tapis", "rouge", "du", "salon", "l’", "l'", "d’", "jusqu’à", "aujourd’hui",
    " ", "  ", "\u00a0", "\t", ". ", "! ", "? ", "… ", ".» ", ".” ", ".) ", ". «", ".\n", "\n", "\n\n", "\r\n",
    ", ", "' ", " ’", "e\u0301", "\u0301", "α", "ΟΔΟΣ", "Σ", "İ", "ß", "12", "-", "M. ", "Il", "Nous",
]  # fmt: skip
documents = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)
#: a sentence or two and their copies, for repeated-clause
SENTENCES = [
    "Le chat dort sur le tapis rouge du salon. ", "Nous restons attachés à l’accord signé hier. ",
    "Il a parlé de la fin de la guerre et du monde. ", "La réunion aura lieu jeudi à Moscou, dit-il. ",
    "La réunion aura lieu jeudi à Moscou, dit-elle. ", "La réunion aura lieu jeudi à Moscou, dit-elle aujourd’hui. ",
    "Le chat dort sur le tapis rouge du salon", "le chat dort sur le tapis rouge du salon ! ", "\n", "\n\n",
    "Σοφία a vu l’ΟΔΟΣ et le ΟΔΟΣ ce matin-là. ", "Σοφία a vu l’ΑΒΓΔ et le ΑΒΓΔ ce matin-là. ",
    "Le ministre a confirmé la nouvelle e\u0301te\u0301 de l’été. ", "Le ministre a confirmé la nouvelle de l’été. ",
]  # fmt: skip
articles = st.lists(st.sampled_from(SENTENCES), max_size=40).map("".join)
#: word numbers, two of them sharing their low 16 bits with two others
numbers = st.sampled_from([0, 1, 65536, 65537])
PLAN = Plan.build(builtin_registry(), select=["segmentation"])


@settings(max_examples=300, deadline=None)
@given(documents)
def test_words_are_numbered_as_tokens_read_them(text: str) -> None:
    doc = build_document(text, lang="fr")
    shape = shapes.word_shape(doc)
    if shape is None:
        return
    keys = {number: key for key, number in shape.vocabulary.items()}
    words = [keys[number] for number in shape.words]
    if shape.odd:
        assert len(words) == len(tokens(doc))  # where a word holds a placeholder, only its token tells its key
    else:
        assert words == [shapes.key_bytes(token.key) for token in tokens(doc)]
    # One number object per distinct word, shared by its occurrences: no object per word.
    assert len({id(number) for number in shape.words}) == len(set(shape.words)) == len(shape.vocabulary)


@settings(max_examples=300, deadline=None)
@given(documents)
@example("Le chat dort sur le tapis.\nLe chat dort sur le tapis.\n\nIl dort. « Le chat » dort.» Il dort")
def test_sentences_are_counted_as_tokens_count_them(text: str) -> None:
    doc = build_document(text, lang="fr")
    shape = shapes.word_shape(doc)
    if shape is None or not paragraphs(doc):
        return
    counts = segmentation._sentence_counts(doc, shape)
    starts = [token.start for token in tokens(doc)]
    elided = [token.key.endswith("'") for token in tokens(doc)]
    bounds, lows, lengths = [0], [], []
    for start, end in paragraphs(doc):
        breaks = segmentation.SENTENCE_BREAK.finditer(doc.prose, start, end)
        cuts = [start, *(found.start() for found in breaks), end]
        for first, last in pairwise(cuts):
            low, high = bisect_left(starts, first), bisect_left(starts, last)
            lows.append(low)
            lengths.append(high - low - sum(elided[low:high]))
        bounds.append(bounds[-1] + len(cuts) - 1)
    assert (counts.bounds, counts.lows, counts.lengths) == (bounds, [*lows, len(starts)], lengths)


def findings(text: str, word_by_word: bool) -> list[tuple[str, int, int, str, str]]:
    doc = build_document(text, lang="fr")
    if word_by_word:
        doc.memo("word-shape", lambda d: None)  # as a document in another script is read
    return sorted((d.code, d.start, d.end, d.message, str(d.severity)) for d in PLAN.run(doc))


@settings(max_examples=200, deadline=None)
@given(st.one_of(documents, articles))
# Sentences that differ only in words the shape cannot spell, in an article it reads as bytes
@example(SEED.read_text(encoding="utf-8") + "\nΣοφία a vu l’ΟΔΟΣ et le ΟΔΟΣ ici. Σοφία a vu l’ΑΒΓΔ et le ΑΒΓΔ ici.")
def test_the_shape_finds_what_a_word_by_word_reading_finds(text: str) -> None:
    assert findings(text, word_by_word=False) == findings(text, word_by_word=True)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(numbers, max_size=30), max_size=8))
def test_no_paragraph_with_four_words_twice_is_left_out(paragraph_words: list[list[int]]) -> None:
    words = [number for paragraph in paragraph_words for number in paragraph]
    offsets = [0]
    for paragraph in paragraph_words:
        offsets.append(offsets[-1] + len(paragraph))
    shape = shapes.WordShape(b"", {}, words, offsets, False)
    kept = segmentation._run_paragraphs(shape, array("I", words).tobytes())
    for number, paragraph in enumerate(paragraph_words):
        runs = list(zip(paragraph, paragraph[1:], paragraph[2:], paragraph[3:], strict=False))
        if len(paragraph) >= 2 * segmentation.MIN_REPEAT and len(set(runs)) < len(runs):
            assert number in kept


def test_keys_of_sigma_and_dotted_i_words_are_those_of_tokens() -> None:
    for text in (
        "ΟΔΟΣ. ΟΔΟΣ' ΟΔΟΣ’A le ΣΟΦΙΑ Σ.Σ ΟΔΟΣ\u0301 ",
        "İstanbul et ΟΔΟΣ, ΟΔΟΣ'A: İ",
        "Le parti ΣΥΡΙΖΑ a gagné.\nΣΥΡΙΖΑ\nΟΔΟΣ",
    ):
        doc = build_document(text * 3, lang="fr")
        for token in tokens(doc):
            assert segmentation._key(doc, token.start, token.text) == token.key


def test_a_sigma_word_does_not_tokenise_the_document() -> None:
    doc = build_document("Le parti ΣΥΡΙΖΑ a gagné les élections. " * 100, lang="fr")
    assert segmentation._key(doc, doc.prose.index("Σ"), "ΣΥΡΙΖΑ") == "συριζα"
    assert doc.memo("tokens", lambda d: None) is None  # no token was made for the other words


def test_the_capitals_pattern_is_one_text_whatever_order_the_function_words_come_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Built from the language's set of words, the pattern's text followed
    the hash seed: the same matches, but no two processes wrote it alike."""
    data = segmentation.language_data("fr")
    assert data is not None
    words = sorted(data.function_words)
    texts = set()
    for order in (words, words[::-1], words[1::2] + words[::2]):
        shuffled = data._replace(function_words=dict.fromkeys(order).keys())
        monkeypatch.setattr(segmentation, "language_data", lambda lang, given=shuffled: given)
        texts.add(segmentation._capital_candidates.__wrapped__("fr").pattern)
    assert len(texts) == 1
