"""The two surveys (mtlint.survey) agree with each other and with a scan of
every paragraph's words, and make the tokens tokens_between makes, whatever
the text: letters cp1252 lacks, marks, elisions, capitals that lower to two
characters."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.document import Document
from mtlint.paragraphs import paragraphs
from mtlint.shape import WordShape, paragraphs_holding, word_indices, word_shape
from mtlint.survey import ChunkSurvey, ShapeSurvey
from mtlint.tokens import WORD, key_form, tokens_between

FRAGMENTS = [
    "el", "El", "los", "y", "Y", "l’", "l'", "qu’", "aujourd’hui", "Łódź", "łódź", "ŁÓDŹ", "Wałęsa", "e\u0301l",
    "\u0301", "İstanbul", "ΣΑΣ", "σας", "\u212aelvin", "kelvin", "ſ", "œuvre", "Ǆemal", "µ", "12", "x2", "«", "»",
    "ÉTÉ", "Ÿ", "ß", "l'Été", "d’œuvre", "3h", "a'", "'b", "x-y", "Šta", "ǅ",
    " ", "  ", "\u00a0", "\u202f", ", ", ". ", "-", "'", "’", "(", ")", "\n", "\n\n", "\r\n",
]  # fmt: skip
#: plain words enough that the few letters cp1252 lacks do not make the shape give up
PADDING = "\n" + "le mot de la fin, " * 120 + "\n"
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(lambda parts: "".join(parts) + PADDING)
KEYS = ["el", "los", "y", "l'", "qu'", "aujourd'", "łódź", "wałęsa", "e\u0301l", "σας", "kelvin", "œuvre", "µ", "fin"]


def _scan(doc: Document) -> tuple[set[str], dict[tuple[int, int], set[str]]]:
    vocabulary: set[str] = set()
    held = {}
    for start, end in paragraphs(doc):
        words = set(WORD.findall(key_form(doc.prose[start:end])))
        vocabulary |= words
        if words & set(KEYS):
            held[start, end] = words & set(KEYS)
    return vocabulary, held


@settings(max_examples=300, deadline=None)
@given(texts, st.sets(st.sampled_from(KEYS), min_size=1))
def test_both_surveys_read_what_a_scan_reads(text: str, keys: set[str]) -> None:
    doc = Document(text, lang="fr")
    vocabulary, held = _scan(doc)
    expected = {bounds: found & keys for bounds, found in held.items() if found & keys}
    shape = word_shape(doc)
    if shape is not None:
        # before its vocabulary is decoded, a shape survey reads tokens and
        # looks for a frozenset of keys by their spellings
        fresh = ShapeSurvey(doc, shape)
        assert dict(fresh.paragraphs_with(frozenset(keys))) == expected
        for bounds in paragraphs(doc):
            assert fresh.tokens(bounds) == tokens_between(doc, *bounds)
        assert "vocabulary" not in fresh.__dict__, "nothing asked for the decoded vocabulary"
    surveys = [ChunkSurvey(doc)] + ([ShapeSurvey(doc, shape)] if shape is not None else [])
    for survey in surveys:
        assert survey.vocabulary == vocabulary
        assert dict(survey.paragraphs_with(keys)) == expected
        # the words of the pairs and an article's own words, asked for together
        half = set(sorted(keys)[::2])
        assert dict(survey.paragraphs_with(frozenset(half), keys - half)) == expected
        for bounds in paragraphs(doc):
            assert survey.tokens(bounds) == tokens_between(doc, *bounds)


@given(
    st.lists(st.integers(0, 12), max_size=60),
    st.sets(st.integers(0, 14), max_size=9),
    st.sets(st.integers(1, 59), max_size=12),
)
def test_word_indices_are_those_a_scan_finds(words: list[int], wanted: set[int], cuts: set[int]) -> None:
    """A few numbers searched one by one, or many in the paragraphs holding
    one, or in one pass when many paragraphs do: the indices of every word
    whose number is wanted, in order; and the paragraphs holding one."""
    offsets = [0, *sorted(cut for cut in cuts if cut < len(words)), len(words)]
    shape = WordShape(b"", {}, words, offsets, False)
    assert word_indices(shape, wanted) == [index for index, number in enumerate(words) if number in wanted]
    holding = [paragraph for paragraph, (low, high) in enumerate(pairwise(offsets)) if wanted & set(words[low:high])]
    assert paragraphs_holding(shape, wanted) == holding


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from([0, 1]))
def test_both_surveys_pick_the_words_that_pass_a_test_once(text: str, parity: int) -> None:
    """words_where gives the keys of the vocabulary that pass the test, and
    tests each key once for all the documents sharing its verdicts (the
    shape survey by spelling, without decoding its vocabulary), the new
    keys all at once."""
    doc = Document(text, lang="fr")
    vocabulary, _ = _scan(doc)
    expected = {word for word in vocabulary if len(word) % 2 == parity}
    tested: list[str] = []

    def test(words: list[str]) -> list[bool]:
        tested.extend(words)
        return [len(word) % 2 == parity for word in words]

    shape = word_shape(doc)
    surveys = [ChunkSurvey(doc)] + ([ShapeSurvey(doc, shape)] if shape is not None else [])
    for survey in surveys:
        verdicts: dict[str | bytes, bool] = {}
        assert survey.words_where(test, verdicts) == expected
        count = len(tested)
        assert survey.words_where(test, verdicts) == expected
        assert len(tested) == count, "a word weighed once is not weighed again"
    if shape is not None:
        assert "vocabulary" not in surveys[-1].__dict__


def _scanned_runs(keys: list[str], marks: dict[str, int], bridges: set[str]) -> list[list[int]]:
    runs: list[list[int]] = []
    last = -1
    for index, key in enumerate(keys):
        if key not in marks:
            continue
        if runs and all(between in bridges for between in keys[last + 1 : index]):
            runs[-1].append(marks[key])
        else:
            runs.append([marks[key]])
        last = index
    return runs


@settings(max_examples=300, deadline=None)
@given(texts, st.sets(st.sampled_from(KEYS), min_size=1), st.sets(st.sampled_from([*KEYS, "le", "de", "la"])))
def test_runs_of_marked_words_are_those_the_tokens_make(text: str, marked: set[str], bridges: set[str]) -> None:
    """A shape survey reads a paragraph's runs of marked words from its word
    numbers as they stand among its tokens' keys, or leaves the paragraph to
    its tokens (a word only its token tells); a chunk survey always does."""
    doc = Document(text, lang="fr")
    marks = {key: len(key) for key in marked}
    asked: list[str] = []

    def bridge(key: str) -> bool:
        asked.append(key)
        return key in bridges

    shape = word_shape(doc)
    read = ShapeSurvey(doc, shape).runs(marks, bridge) if shape is not None else None
    told = ChunkSurvey(doc).runs(marks, bridge)
    for bounds in paragraphs(doc):
        assert told(bounds) is None
        keys = [token.key for token in tokens_between(doc, *bounds)]
        if read is not None and (runs := read(bounds)) is not None:
            assert runs == _scanned_runs(keys, marks, bridges)
    assert len(asked) == len(set(asked)), "a word is asked whether it bridges once"
