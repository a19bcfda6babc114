"""The segmentation family on the seed article and on the traps the research
note lists (abbreviations, initials, lowercase names, rare inflections,
institutions, titles), beyond what each rule's own examples show."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from mtlint import check_text, fix_text
from mtlint.checks.segmentation import ARTICLE, RULES, language_data
from mtlint.diagnostic import Severity
from mtlint.toml import loads
from tests.conftest import SEED


def found(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    """(code, text) of every segmentation finding."""
    return [(d.code, d.text) for d in check_text(text, lang=lang, select=("segmentation",))]


def codes(text: str, lang: str = "fr") -> list[str]:
    return [code for code, _ in found(text, lang)]


def test_seed(run_cli) -> None:
    out = run_cli("check", "--format", "json", "--lang", "fr", "--select", "segmentation", str(SEED)).out
    results = {(r["line"], r["code"], r["severity"], r["text"], tuple(r["suggestions"])) for r in json.loads(out)}
    assert results == {
        (7, "S006", "info", "Nous restons attachés à", ()),
        (13, "S001", "warning", "missiles. soldats", ()),
        (18, "S007", "warning", "que Ce", ()),
        (18, "S002", "warning", "bulletinvous", ("bulletin vous",)),
    }


# --- stray-sentence-break -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "« M. le ministre, vous vous êtes engagé », dit Mme la présidente.",
        "des offrandes (p. ex. des lampes), etc. et cf. la chronologie.",
        "du Ier siècle av. J.-C. au IVe siècle apr. J.-C. dans la région.",
        "J. R. R. Tolkien et E. Macron, vol. 2, chap. 4, art. 49.3, n° 3.",
        "Elle a écrit à soutien@example.org. puis à https://www.example.org. ensuite",
        "La batterie est plus endurante. iOS 26, la nouvelle version. eBay et npm. reiserfs aussi.",
        "Tapez Imp écr. puis Aux. et le reste, sans oublier apt. apt-get le fait.",
    ],
)
def test_stray_break_traps(text: str) -> None:
    assert "S001" not in codes(text)


def test_stray_break_after_lowercase_single_words() -> None:
    """A lowercase one-letter word is a word, not an initial."""
    assert found("Le gouvernement a. annoncé la mesure à. partir de lundi.") == [
        ("S001", "a. annoncé"),
        ("S001", "à. partir"),
    ]


def test_stray_break_fix_deletes_the_period() -> None:
    outcome = fix_text("des milliers de missiles. soldats en Russie.", lang="fr", unsafe=True, select=("S001",))
    assert outcome.text == "des milliers de missiles soldats en Russie."


def test_stray_break_languages() -> None:
    assert codes("Die Opposition kritisierte u. a. die Pläne (vgl. dazu den Kommentar).", "de") == []
    assert codes("Sr. López, p. ej. los datos del s. XX, a. C. y d. C. allí.", "es") == []
    assert codes("The ministers met. in Washington.", "en") == ["S001"]


def test_no_space_after_period_is_left_to_typography() -> None:
    assert codes("C'est la fin.Le reste suit.") == []


# --- glued-words, missing-apostrophe, missing-hyphen ----------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["listerons", "coopérativement", "parachèvera", "agiront", "affectionnez", "appuierez", "réacheminement"],
)
def test_rare_inflections_and_derivations_are_words(word: str) -> None:
    assert codes(f"Les services {word} plus tard.") == []


def test_glued_words_skip_names_code_and_terms() -> None:
    text = (
        "#dassistance #nordcoréennes BulletinVous bulletinvous.txt /usr/bulletinvous "
        "www.bulletinvous.example un servicegroup, un hardlink, les préfixes semi- et sesqui-."
    )
    assert found(text) == []


def test_a_term_repeated_is_not_an_accident() -> None:
    assert codes("Le score popcon du paquet.") == ["S002"]
    assert codes("Le score popcon du paquet, les votes popcon, le total popcon.") == []


def test_glued_suggestion_keeps_the_case_of_the_text() -> None:
    [diagnostic] = check_text("notre bulletinvous pouvez", lang="fr", select=("S002",))
    assert diagnostic.suggestions == ("bulletin vous",)


def test_missing_apostrophe_follows_the_document() -> None:
    curly = fix_text("Un accord dassistance, l’accord.", lang="fr", unsafe=True, select=("S003",))
    straight = fix_text("Un accord dassistance, l'accord.", lang="fr", unsafe=True, select=("S003",))
    assert curly.text == "Un accord d’assistance, l’accord."
    assert straight.text == "Un accord d'assistance, l'accord."


def test_missing_apostrophe_yields_to_a_better_split() -> None:
    """laligne is la ligne, not l'aligne; dhelp is a program, not d'help."""
    assert found("avec renvoi à laligne automatique") == [("S002", "laligne")]
    assert codes("les commandes dwww, dhelp ou doccentral") == []


def test_missing_hyphen_is_a_note() -> None:
    [diagnostic] = check_text("des troupes nordcoréennes en Russie", lang="fr", select=("segmentation",))
    assert (diagnostic.code, diagnostic.severity, diagnostic.suggestions) == (
        "S004",
        Severity.INFO,
        ("nord-coréennes",),
    )


def test_closed_compounds_are_not_glued() -> None:
    assert codes("The birdhouse has a scrollbar and a whitelist.", "en") == []
    assert codes("Ein Grenzstreit zwischen zwei mittelamerikanischen Staaten.", "de") == []
    assert codes("He left thebook on the table.", "en") == ["S002"]


# --- doubled-word -----------------------------------------------------------------------------------


def test_doubled_word_exceptions() -> None:
    assert codes("Nous nous sommes vus, vous vous êtes tus, à la queue leu leu, en en-tête.") == []
    assert codes("She had had enough; that that was so is clear.", "en") == []
    assert codes("Bevor sie sie aufnehmen, prüfen Sie, ob Sie sie brauchen.", "de") == []


def test_doubled_word_across_lines() -> None:
    wrapped = "Le traité de\nde partenariat\nstratégique est signé par les deux pays.\n"
    assert codes(wrapped) == ["S005"]
    table = "Le marquage sur texte indépendant, avec des marques automatiques pour chaque élément de la liste, est"
    assert codes(f"{table}\nest un élément de marquage ou une chaîne de caractères, qui suit la liste.\n") == []


# --- repeated-clause --------------------------------------------------------------------------------


def test_sentence_repeated_in_its_paragraph_is_a_warning() -> None:
    text = "Le sommet a eu lieu jeudi à Moscou. Peskov a confirmé. Le sommet a eu lieu jeudi à Moscou."
    [diagnostic] = check_text(text, lang="fr", select=("S006",))
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.text == "Le sommet a eu lieu jeudi à Moscou."


def test_sentence_repeated_elsewhere_is_a_note() -> None:
    text = "Le sommet a eu lieu jeudi à Moscou.\nPeskov a confirmé. Le sommet a eu lieu jeudi à Moscou.\n"
    assert [d.severity for d in check_text(text, lang="fr", select=("S006",))] == [Severity.INFO]


def test_paragraph_repeated_is_a_warning() -> None:
    paragraph = "Le sommet a eu lieu jeudi à Moscou, a rapporté l’agence. Peskov a confirmé la date et le lieu."
    text = f"{paragraph}\nUn autre paragraphe.\n{paragraph}\n"
    [diagnostic] = check_text(text, lang="fr", select=("S006",))
    assert (diagnostic.severity, diagnostic.text) == (Severity.WARNING, paragraph)


def test_copies_far_apart_are_the_author_s() -> None:
    sentence = "Cette option est désactivée par défaut dans la boîte de dialogue."
    filler = " ".join(
        chr(0x61 + n // 26 // 26 % 26) + chr(0x61 + n // 26 % 26) + chr(0x61 + n % 26) for n in range(ARTICLE + 10)
    )
    assert check_text(f"{sentence}\n{filler}\n{sentence}\n", lang="fr", select=("S006",)) == []


def test_runs_of_function_words_are_not_clauses() -> None:
    assert codes("Il a parlé de la fin de la guerre et de la fin de la paix en Europe.") == []


# --- mid-sentence-capital ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Marine Le Pen est à La Haye avec les Républicains.",
        "la Corée du Nord, la Défense et la Commission européenne.",
        "le film La grande vadrouille et le roman Les Misérables, intitulé Les Misérables.",
        "une clarinette en Si bémol et un concerto en La mineur.",
        "de A à Z, et CE que dit la UE.",
        "Le traité\nLes deux pays ont signé.",
    ],
)
def test_mid_sentence_capital_traps(text: str) -> None:
    assert "S007" not in codes(text)


def test_mid_sentence_capital_fix_lowercases() -> None:
    outcome = fix_text("qui nous fera ressentir que Ce n’est pas la fin.", lang="fr", unsafe=True, select=("S007",))
    assert outcome.text == "qui nous fera ressentir que ce n’est pas la fin."


# --- data and robustness ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en", "es", "de", "it", "pt"])
def test_language_data_is_complete(lang: str) -> None:
    data = language_data(lang)
    assert data is not None
    raw = loads((resources.files("mtlint.lang") / "segmentation" / f"{lang}.toml").read_text(encoding="utf-8"))
    for section, key in [("doubled", "words"), ("capitals", "function-words"), ("capitals", "title-nouns")]:
        values = raw[section][key]
        assert values == [v.lower() for v in values], f"{lang}: [{section}] {key} is lowercase"
        assert len(values) == len(set(values)), f"{lang}: [{section}] {key} has duplicates"
    abbreviations = raw["abbreviations"]["words"]
    assert len(abbreviations) == len(set(abbreviations)), f"{lang}: duplicate abbreviations"


def test_every_rule_language_has_data() -> None:
    for rule in RULES:
        for lang in rule.languages:
            assert lang == "*" or language_data(lang) is not None, (rule.code, lang)


def test_unknown_language_is_quiet() -> None:
    assert codes("les les missiles. soldats bulletinvous", "nl") == []


@pytest.mark.parametrize(
    "text",
    ["a. " * 2000, "e" + "\u0301" * 20_000, "le " * 5000, "x" * 100_000, "bulletinvous" * 2000, ". " * 5000],
)
def test_hostile_input_completes(text: str) -> None:
    assert isinstance(found(text), list)
