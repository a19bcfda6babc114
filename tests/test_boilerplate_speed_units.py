"""The parts of the boilerplate analysis that serve speed: patterns compiled
only when a line needs them, the page folded through its bytes, and link
residue looked for only in the stretches around its keys. Each must change
nothing but the time taken."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.api import build_document
from mtlint.checks import boilerplate

#: compiled when a line first needs them
LAZY = {"lines", "openers", "anywhere", "head", "residue", "credit_end", "byline", "desk"}

FRAGMENTS = [
    "lien", "cliquez ici", "comme suit lien", "en este enlace", "click here", "aquí", " ", "\n", "\r\n", ".", ",",
    "(", ")", "#", "|", "📧", "🌍", "ā", "α", "č", "❝", "e\u0301", "Photo : AFP", "Par Jean Dupont", "Lire aussi",
    "Écoutez cet article", "suivez-nous", "’", "«", "»", "12", "-", "\u00a0",
]  # fmt: skip
pages = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


@pytest.fixture
def fresh_packs() -> Iterator[None]:
    boilerplate.phrase_pack.cache_clear()
    boilerplate._scouts.cache_clear()
    yield
    boilerplate.phrase_pack.cache_clear()
    boilerplate._scouts.cache_clear()


def test_a_clean_article_compiles_no_phrase_pattern(fresh_packs: None) -> None:
    text = "Le Kremlin a déclaré que le traité ne menaçait personne, selon l’agence officielle russe de presse."
    assert boilerplate.analyse(build_document(text, lang="fr")).verdicts == []
    assert LAZY.isdisjoint(vars(boilerplate.phrase_pack("fr")))


def test_a_label_compiles_what_it_needs(fresh_packs: None) -> None:
    (verdict,) = boilerplate.analyse(build_document("Écoutez cet article\nLe Kremlin a déclaré.", lang="fr")).verdicts
    assert verdict.rule == "widget-label"
    assert {"lines", "head"} <= set(vars(boilerplate.phrase_pack("fr")))


@settings(max_examples=300, deadline=None)
@given(pages)
def test_the_page_is_folded_as_fold_folds(text: str) -> None:
    doc = build_document(text, lang="fr")
    page = boilerplate._Page.read(doc)
    assert page.folded == boilerplate.fold(doc.prose).replace("\r", "\n")
    assert list(zip(page.starts, page.ends, strict=True)) == [m.span() for m in re.finditer(r"[^\n]+", page.folded)]


@settings(max_examples=300, deadline=None)
@given(pages)
def test_residue_windows_hold_every_match(text: str) -> None:
    doc = build_document(text, lang="fr")
    page = boilerplate._Page.read(doc)
    folded = page.folded
    for lang in ("fr", "es", "en"):
        pack = boilerplate.phrase_pack(lang)
        barrier, _ = pack.residue_barrier
        windows = list(boilerplate._windows(page, pack))
        for start, end in windows:  # stretches without a barrier, as wide as they go
            assert barrier.search(folded, start, end) is None
            assert start == 0 or barrier.match(folded, start - 1)
            assert end == len(folded) or barrier.match(folded, end)
        windowed = {
            match.span()
            for start, end in windows
            for match in pack.residue.finditer(folded, start, min(end + 1, len(folded)))
        }
        assert windowed == {match.span() for match in pack.residue.finditer(folded)}


@pytest.mark.parametrize("lang", ["fr", "es", "en", "de", "it", "pt"])
def test_every_residue_phrase_holds_a_key(lang: str) -> None:
    pack = boilerplate.phrase_pack(lang)
    assert all(any(key in boilerplate.fold(phrase) for key in pack.residue_keys) for phrase in pack.residue_phrases)


LANGS = ["fr", "es", "en", "de", "it", "pt"]


def whole_label_pattern(pack: boilerplate.PhrasePack) -> re.Pattern[str]:
    """All of a pack's whole-line labels in one pattern: what `WholeLabels` stands for."""
    return re.compile(rf"^(?:{boilerplate._groups('line', pack.placements['line'])})[\W\d_]*$")


def same_label(pack: boilerplate.PhrasePack, reference: re.Pattern[str], label: str) -> None:
    expected, found = reference.match(label), pack.lines.match(label)
    assert (found is None) == (expected is None), label
    if expected is not None:
        assert (found.lastgroup, found.start(), found.end()) == (expected.lastgroup, 0, expected.end()), label


#: what may stand around or inside a label on a page, folded
BESIDE = ["", " ", "  ", "\t", ":", " :", " (12)", " 3", "3", "…", "_", "s", " x", "-", " »", "'", "2e", "²", "\u0301"]


@pytest.mark.parametrize("lang", LANGS)
def test_whole_labels_find_what_their_pattern_finds(lang: str) -> None:
    """Each label of the pack, and each with a sign, a digit, a letter or
    spaces around or inside it: the same topic, the same span."""
    pack = boilerplate.phrase_pack(lang)
    reference = whole_label_pattern(pack)
    for phrase in pack.phrases("line"):
        folded = boilerplate.fold(phrase.strip())
        inside = {folded, folded.replace(" ", "  "), folded.replace(" ", "\t"), folded.replace(" ", ""), folded[:-1]}
        for label in inside:
            for before, after in itertools.product(["", " ", "x", "#"], BESIDE):
                same_label(pack, reference, before + label + after)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_whole_labels_find_what_their_pattern_finds_in_any_mix(data: st.DataObject) -> None:
    """Pieces of labels of several topics, run together with signs and spaces."""
    lang = data.draw(st.sampled_from(LANGS))
    pack = boilerplate.phrase_pack(lang)
    words = sorted({word for phrase in pack.phrases("line") for word in boilerplate.fold(phrase).split()})
    pieces = st.lists(st.sampled_from(words) | st.sampled_from(BESIDE), max_size=8)
    same_label(pack, whole_label_pattern(pack), "".join(data.draw(pieces)))


@pytest.mark.parametrize("first", ["wild", "plain"])
def test_the_first_topic_wins_between_a_plain_label_and_a_pattern(first: str) -> None:
    topics = {
        "wild": {"rule": "widget-label", "what": "a share button", "line": ["partager sur *"]},
        "plain": {"rule": "promo-line", "what": "a promo", "line": ["partager sur facebook"]},
    }
    ordered = {name: topics[name] for name in sorted(topics, key=lambda name: name != first)}
    pack = boilerplate.compile_pack("fr", {"pack": {"source": "test"}, "topics": ordered}, "test")
    for label in ("partager sur facebook", "partager  sur facebook (3)", "partager sur x"):
        same_label(pack, whole_label_pattern(pack), label)
    assert pack.topic(pack.lines.match("partager sur facebook"))[1].name == first
