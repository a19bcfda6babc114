"""The parts of the boilerplate analysis that serve speed: patterns compiled
only when a line needs them, the page folded through its bytes, and link
residue looked for only in the stretches around its keys. Each must change
nothing but the time taken."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache

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
    yield
    boilerplate.phrase_pack.cache_clear()


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


@cache
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


def drawn_mix(data: st.DataObject, placement: str) -> tuple[boilerplate.PhrasePack, str]:
    """The pack of a language drawn, and the words of its `placement`'s
    phrases, of several topics, run together with signs and spaces."""
    pack = boilerplate.phrase_pack(data.draw(st.sampled_from(LANGS)))
    words = sorted({word for phrase in pack.phrases(placement) for word in boilerplate.fold(phrase).split()})
    return pack, "".join(data.draw(st.lists(st.sampled_from(words) | st.sampled_from(BESIDE), max_size=10)))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_whole_labels_find_what_their_pattern_finds_in_any_mix(data: st.DataObject) -> None:
    pack, label = drawn_mix(data, "line")
    same_label(pack, whole_label_pattern(pack), label)


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


@pytest.mark.parametrize("first", ["wild", "plain"])
def test_the_first_topic_wins_between_phrases_found_anywhere(first: str) -> None:
    topics = {
        "wild": {"rule": "promo-line", "what": "a follow button", "any": ["suivez-nous sur *", "suivez-nous"]},
        "plain": {"rule": "promo-line", "what": "a social promo", "any": ["suivez-nous sur facebook", "sur x"]},
    }
    ordered = {name: topics[name] for name in sorted(topics, key=lambda name: name != first)}
    pack = boilerplate.compile_pack("fr", {"pack": {"source": "test"}, "topics": ordered}, "test")
    for label in ("et suivez-nous sur facebook !", "suivez-nous sur x", "sur x, suivez-nous", "suivez-nous sur"):
        same_phrase(pack, label)
    assert pack.topic(pack.anywhere.search("et suivez-nous sur facebook"))[1].name == first


def test_a_phrase_found_anywhere_may_open_with_a_number() -> None:
    topics = {
        "count": {"rule": "widget-label", "what": "a counter", "any": ["# partage"]},
        "offer": {"rule": "promo-line", "what": "an offer", "any": ["1 partage", "1 partage offert", "2 mois"]},
    }
    pack = boilerplate.compile_pack("fr", {"pack": {"source": "test"}, "topics": topics}, "test")
    for label in ("1 partage offert", "et 12 partage", "x2 mois", "2 mois offerts", "1 partage"):
        same_phrase(pack, label)
    assert pack.topic(pack.anywhere.search("1 partage"))[1].name == "count"


@cache
def grouped_anywhere(pack: boilerplate.PhrasePack) -> re.Pattern[str]:
    """What `PhrasePack.anywhere` stands for: a group per topic."""
    groups = boilerplate._groups("any", pack.placements["any"])
    return re.compile(rf"{boilerplate.WORD_START}(?:{groups}){boilerplate.WORD_END}")


def leftmost_by_topic(pack: boilerplate.PhrasePack, label: str) -> re.Match[str] | None:
    """The first place from the left where `grouped_anywhere` matches."""
    grouped = grouped_anywhere(pack)
    return next(filter(None, (grouped.match(label, place) for place in range(len(label) + 1))), None)


def same_phrase(pack: boilerplate.PhrasePack, label: str) -> None:
    expected, found = leftmost_by_topic(pack, label), pack.anywhere.search(label)
    assert (found is None) == (expected is None), label
    if expected is not None:
        assert (pack.topic(found), found.span()) == (pack.topic(expected), expected.span()), label


@pytest.mark.parametrize("lang", LANGS)
def test_phrases_anywhere_are_found_as_a_group_per_topic_finds_them(lang: str) -> None:
    """Each phrase found anywhere, inside words, after a word, before signs:
    the same topic and the same span as a group per topic tried at each place."""
    pack = boilerplate.phrase_pack(lang)
    for phrase in pack.phrases("any"):
        folded = boilerplate.fold(phrase.strip())
        for before, after in itertools.product(["", "x", " ", "lire ", "'", "/"], ["", "s", " ", ":", " 3", "x"]):
            same_phrase(pack, before + folded + after)
            same_phrase(pack, before + folded[: len(folded) // 2] + after + folded)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_phrases_anywhere_are_found_as_a_group_per_topic_finds_them_in_any_mix(data: st.DataObject) -> None:
    same_phrase(*drawn_mix(data, "any"))


#: lines of furniture and of prose, to be run together on a page
LINES = [
    "Il vous reste 62 % de cet article à lire.", "Photo : AFP",
    "Il vous reste 62 % de cet article à lire, la suite est réservée aux abonnés depuis hier.",
    "Abonnez-vous à notre newsletter",
    "Lire aussi : le traité ne menaçait personne", "Le Kremlin a déclaré que le traité ne menaçait personne.",
    "Selon l'agence, le traité ne menaçait personne, a déclaré le porte-parole hier soir. (EFE)",
    "Le président est arrivé à Madrid, où il a rencontré son homologue, hier soir / AFP", "Foto: EFE",
    "Le président est arrivé à Madrid, où il a rencontré son homologue hier soir. Photo : Jean Dupont",
    "Suscríbete a nuestro boletín", "Lea también: el tratado no amenazaba a nadie", "Par Jean Dupont",
    "Read more: the treaty threatened no one", "Écoutez cet article", "12 commentaires", "Partager sur Facebook",
    "Le traité, signé à Genève, ne menaçait personne selon les experts réunis hier à Paris | Reuters",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES) | st.sampled_from(FRAGMENTS), max_size=12), st.sampled_from([(), ("es", "en")]))
def test_no_line_outside_the_suspects_gets_a_verdict(pieces: list[str], sources: tuple[str, ...]) -> None:
    """The lines set aside before any is judged (`_suspects`) are long
    sentences that no verdict falls on: judging every line finds no more."""
    doc = build_document("\n".join(pieces), lang="fr", source_langs=sources)
    packs = boilerplate.packs_in_play(doc)
    page = boilerplate._Page.read(doc)
    suspects = set(boilerplate._suspects(page, packs))
    for index in range(len(page.starts)):
        current = page.text(index)
        if index not in suspects and current is not None:
            assert boilerplate._line_verdict(current, packs) is None, current.text


#: what may stand before and after a phrase on a line, folded
BEFORE = ["", " ", "x", "lire ", "«\u00a0", "/", "photo, ", " / "]
AFTER = ["", " :", " 3", "s", "."]


def _instances(phrase: str) -> set[str]:
    """A phrase as a page may write it, folded: numbers and words for its
    special characters, its spaces doubled or tabs, its hyphen kept or not."""
    filled = boilerplate.fold(phrase.strip()).replace("#", "12").replace("*", "abc")
    return {
        filled,
        filled.replace(" ", "  "),
        filled.replace(" ", "\t"),
        filled.replace("-", ""),
        filled.replace("-", " "),
    }


def _same_answer(reference: re.Match[str] | None, gated: re.Match[str] | None, label: str) -> None:
    assert (gated is None) == (reference is None), label
    if reference is not None:
        assert (gated.span(), gated.lastgroup) == (reference.span(), reference.lastgroup), label


@pytest.mark.parametrize("lang", LANGS)
def test_a_pattern_not_yet_compiled_lets_through_every_label_it_would_match(lang: str) -> None:
    """Until it is compiled, a pack's pattern answers from its phrases' heads
    (`GatedPattern`): every label its compiled pattern matches gets the same
    match, each phrase of the openers, the heads, the phrases found anywhere,
    the credits and the whole-line labels the dict does not hold, as a page
    may write it and with text around it."""
    pack = boilerplate.phrase_pack(lang)
    others = pack.lines.pattern
    gated = [
        (pack.phrases("start"), pack.openers, "match"),
        (pack.phrases("head"), pack.head, "match"),
        (pack.phrases("any"), pack.anywhere, "search"),
        (pack.credits, pack.credit_end, "search"),
        (pack.phrases("line"), others, "match"),
    ]
    for phrases, pattern, method in gated:
        if pattern is None:
            continue
        compiled = pattern._compiled()
        # its first answer, each time, as if no label had compiled it yet
        fresh = boilerplate.GatedPattern(phrases, lambda compiled=compiled: compiled)
        first = fresh._first_match if method == "match" else fresh._first_search
        for phrase in phrases:
            for text in _instances(phrase):
                for before, after in itertools.product(BEFORE, AFTER):
                    label = before + text + after
                    _same_answer(getattr(compiled, method)(label), first(label), label)


def test_a_gate_that_turned_away_many_lines_compiles_its_pattern() -> None:
    """A page of short lines asked every gate of every pack about each line:
    past GATED_LINES lines turned away, the pattern compiles and answers
    itself, the same answers."""
    pack = boilerplate.phrase_pack("fr")
    compiled = pack.anywhere._compiled()
    built: list[re.Pattern[str]] = []

    def build() -> re.Pattern[str]:
        built.append(compiled)
        return compiled

    gated = boilerplate.GatedPattern(pack.phrases("any"), build)
    lines = [f"le président déclare {number}" for number in range(boilerplate.GATED_LINES + 5)]
    answers = [gated.search(line) for line in lines[: boilerplate.GATED_LINES - 1]]
    assert not built, "the gate turned these lines away itself"
    answers += [gated.search(line) for line in lines[boilerplate.GATED_LINES - 1 :]]
    assert built == [compiled] and gated.search == compiled.search
    assert [answer is None for answer in answers] == [compiled.search(line) is None for line in lines]
