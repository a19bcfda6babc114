"""The untranslated family on the seed, with its allow-lists and languages."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtlint import check_text
from mtlint.api import build_document
from mtlint.checks.untranslated import LATIN_LETTER, NON_LATIN_LETTER, ForeignScript, other_letter_bytes
from mtlint.diagnostic import Severity
from mtlint.lang.foreign import WORD_END, loanwords, pair
from mtlint.lexicon import FILTER_FLOOR, Lexicon, _table, lexicon
from mtlint.shape import shaped
from mtlint.survey import ChunkSurvey, survey
from mtlint.untranslated import (
    MIN_RUN,
    RUN_LEAN,
    SOURCE_FLOOR,
    WORD_LEAN,
    _analyse,
    _leaning,
    _loanword_tokens,
    _may_close,
    _weighed,
)
from tests.conftest import ROOT, SEED


def test_seed_untranslated(run_cli) -> None:
    for flags in ((), ("--source-lang", "es")):
        out = run_cli("check", "--format", "json", "--lang", "fr", "--select", "untranslated", *flags, str(SEED)).out
        found = [(r["line"], r["code"], r["text"], r["severity"]) for r in json.loads(out)]
        loud = [f for f in found if f[3] != "info"]
        assert loud == [(19, "U004", "El Espectador", "warning"), (20, "U002", "o", "warning")]


def test_vocabulary_accepts_a_name(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mtlint.toml").write_text('lang = "fr"\nvocabulary = ["El Espectador"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli("check", "--format", "json", "--select", "U004", str(article)).out
    assert json.loads(out) == []


def test_names_alone_are_notes() -> None:
    found = check_text("Le quotidien El País et le festival de Los Angeles ont salué El Niño.", lang="fr")
    assert found and all(d.severity is Severity.INFO for d in found if d.category.value == "untranslated")


def test_loanwords_and_latin_are_accepted() -> None:
    text = "Il a fait son mea culpa, grosso modo, lors de la movida, a priori sans statu quo, un week-end."
    assert not [d for d in check_text(text, lang="fr") if d.category.value == "untranslated"]


def test_language_is_named_in_the_message() -> None:
    found = check_text("Il a répondu according to the ministry jeudi.", lang="fr", select=["untranslated"])
    assert [d.message.split()[0] for d in found] == ["English"]


def test_short_quotation_is_a_note_but_speech_is_not() -> None:
    title = check_text("Le film « Hasta la vista » sort jeudi.", lang="fr", select=["U002", "U003"])
    assert all(d.severity is Severity.INFO for d in title)
    speech = check_text(
        "« Nous avons travaillé toute la nuit pero nous n’avons rien trouvé de concret », dit-il.",
        lang="fr",
        select=["U002"],
    )
    assert [d.severity for d in speech] == [Severity.WARNING]


def test_phrase_lexicons_load_only_when_a_source_is_in_play() -> None:
    lexicon.cache_clear()
    check_text("Le Kremlin a répondu jeudi à une question sur l’accord.", lang="fr", select=["untranslated"])
    assert lexicon.cache_info().currsize == 0, "nothing looked untranslated: no lexicon loaded"
    check_text("Le Kremlin a répondu, según fuentes oficiales, jeudi.", lang="fr", select=["untranslated"])
    assert lexicon.cache_info().currsize == 2, "French and Spanish only"


def test_gate_of_a_context_bound_word() -> None:
    """Spanish "y" counts only before an article, a preposition or a
    capital: its gate finds those places, so that paragraphs where French
    says "il y a" are not read word by word."""
    from mtlint.lang.foreign import pair

    gate = pair("fr", "es").gates["y"]
    for text in ("Pedro y el ministro", "Madrid y Barcelona", "Y los demás", "soldats y, la ville"):
        assert gate.search(text) is not None, text
    for text in ("il y a", "il y en a", "on y va", "y'all", "y\u0301 el", "ay el"):
        assert gate.search(text) is None, text


def test_foreign_script_prefilter_misses_no_letter_of_another_script() -> None:
    """Every letter of another script that Unicode has is shaped into a
    byte the prefilter marks; and few bytes are marked."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    letters = "".join(NON_LATIN_LETTER.findall(every))
    assert len(letters) > 100_000
    table = other_letter_bytes()
    assert set(shaped(letters).translate(table)) == {1}
    assert sum(table) < 8


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["y", "Y", "el", "El", "ella", "de", "del", "delta", "Los", "x", "É", " ", ", ", "'", "’"])
    )
)
def test_a_gate_finds_what_a_lookahead_per_required_word_finds(pieces: list[str]) -> None:
    """A gate writes the end of a word once after all the words its context
    requires: as a search, the same as that end after each word."""
    context = pair("fr", "es").contexts["y"]
    gate = pair("fr", "es").gates["y"]
    following = [f"(?i:{regex.escape(word)}){WORD_END}" for word in sorted(context.require_next)]
    choices = "|".join([*following, r"[\p{Lu}\p{Lt}]"])
    one_each = regex.compile(rf"(?<!\p{{L}})(?i:y){WORD_END}[^\p{{L}}]*+(?:{choices})")
    text = "".join(pieces)
    assert (gate.search(text) is None) == (one_each.search(text) is None)


#: adopted phrases whole, cut short, and words around them
LOANWORD_CHUNKS = sorted(
    {*loanwords("fr"), *(phrase[:2] for phrase in loanwords("fr")), *((word,) for word in ("le", "de", "x", "in"))}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LOANWORD_CHUNKS), max_size=12).map(lambda chunks: [w for c in chunks for w in c]))
def test_loanwords_are_found_where_a_phrase_by_phrase_scan_finds_them(keys: list[str]) -> None:
    """Adopted phrases looked for where their first two words stand
    together cover the tokens a scan of every phrase from every word covers."""
    covered = set()
    for index in range(len(keys)):
        for phrase in loanwords("fr"):
            if tuple(keys[index : index + len(phrase)]) == phrase:
                covered.update(range(index, index + len(phrase)))
    assert _loanword_tokens("fr", keys) == covered


#: words leaning to Spanish or English, words both share with French, French
#: words, adopted phrases, identifiers and gaps, for phrases cut every way
PHRASE_PIECES = [
    "el", "los", "pero", "según", "fuentes", "oficiales", "nosotros", "tiempo", "una", "como", "El País",
    "the", "according", "to", "ministry", "new", "email", "protected", "leadership", "meeting",
    "de", "la", "en", "a", "no", "le", "ministre", "dit", "que", "jeudi", "un", "an",
    "mea culpa", "statu quo", "fact-checking", "x2", "a=b",
    " ", " ", " ", ", ", ". ", " - ", "’", "\u00a0", "\n\n", "(",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=40).map(lambda pieces: " ".join(pieces)))
def test_paragraphs_left_untokenised_for_phrases_hold_none(text: str) -> None:
    """The paragraphs whose runs of leaning words cannot make a phrase
    (`_may_phrase`) are not read for phrases: reading every paragraph
    holding two leaning words finds the same phrases."""

    def phrases() -> list[tuple[int, int, str]]:
        doc = build_document(text + "\n\n" + text.upper(), lang="fr", source_langs=("es", "en"))
        return [(found.start, found.end, found.source) for found in _analyse(doc).phrases]

    found = phrases()
    with patch("mtlint.untranslated._may_phrase", return_value=True):
        assert phrases() == found


@given(st.lists(st.integers(-30, 60), max_size=8))
def test_a_run_may_close_where_a_stretch_of_it_passes_the_phrase_test(leans: list[int]) -> None:
    """`_may_close` says whether some stretch of a run, in a row, holds two
    strongly leaning words or MIN_RUN words, leaning RUN_LEAN on average."""
    stretches = [leans[first:last] for first in range(len(leans)) for last in range(first + 1, len(leans) + 1)]
    passing = [
        stretch
        for stretch in stretches
        if (sum(lean >= RUN_LEAN for lean in stretch) >= 2 or len(stretch) >= MIN_RUN)
        and sum(stretch) / len(stretch) >= RUN_LEAN
    ]
    assert _may_close(leans) == bool(passing)


#: letters of other scripts, Latin letters cp1252 lacks (each a false start),
#: characters beyond the Latin blocks that are no letters, and line breaks
SCRIPT_PIECES = [
    *("Москва", "л", "π", "新华社", "µ", "ˆ", "Łódź", "Łódź" * 20, "™", "e\u0301", "\u0301" * 30, "🌍"),
    *("mot", "Word", " ", "\n", "\r\n"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SCRIPT_PIECES), max_size=40).map("".join), st.booleans())
@example("Łódź" * 32 + "Łл mot\nWord", True)  # a letter right after the last false start
def test_foreign_script_reads_the_lines_holding_a_letter_of_another_script(text: str, latin: bool) -> None:
    """Lines found where the shape may hold a letter of another script, or
    by `regex` past many places that hold none, are those holding a letter
    the rule looks for."""
    letter = NON_LATIN_LETTER if latin else LATIN_LETTER
    lines = [(found.start(), found.end()) for found in regex.finditer(r"[^\r\n]*+", text)]
    expected = sorted({(start, end) for start, end in lines if letter.search(text, start, end)})
    doc = build_document(text, lang="fr")
    assert doc.prose == text
    assert list(ForeignScript._lines(doc, latin)) == expected


def test_words_leaning_to_a_source_are_those_their_frequencies_say() -> None:
    """The words found leaning to a source, through its lexicon's filter,
    are those whose Zipf frequencies, looked up one by one without it, lean
    WORD_LEAN towards it: read from the shape and from the chunks, with
    their apostrophes."""
    assert SOURCE_FLOOR >= FILTER_FLOOR, "a source's lexicon is asked without its filter"
    text = SEED.read_text(encoding="utf-8") + (ROOT / "eval" / "stress" / "fr-news.txt").read_text(encoding="utf-8")
    doc = build_document(text + "\nl'o y el c'est sino'amigo", lang="fr")
    target = Lexicon(_table("fr"), 0)
    for source in ("es", "en"):
        source_words = Lexicon(_table(source), SOURCE_FLOOR)

        def leans(word: str, source_words: Lexicon = source_words) -> bool:
            bare = word.rstrip("'")
            return source_words.get(bare) > 0 and source_words.get(bare) - target.get(bare) >= WORD_LEAN

        for surveyed in (survey(doc), ChunkSurvey(doc)):
            _weighed.cache_clear()
            expected = {word for word in surveyed.vocabulary if leans(word)}
            assert _leaning("fr", source, surveyed) == expected
            assert {"o", "sino'"} <= expected or source == "en"
