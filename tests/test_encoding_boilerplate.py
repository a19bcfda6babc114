"""The encoding and boilerplate families beyond their rule examples: the seed,
hard typography, mojibake repairs and their safety, lazy loading of ftfy and
of the phrase packs, the pack format, markup, hostile input and the labelled
scraped pages."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtlint import toml
from mtlint.api import build_document, check_text, fix_text
from mtlint.checks import boilerplate, encoding
from mtlint.diagnostic import Applicability, Severity
from mtlint.errors import PackError

from .conftest import ROOT, SEED

PAGES = ROOT / "eval" / "pages"
HARD_TYPOGRAPHY = (
    "Il a payé 12 € pour l’œuvre ; Straße, niño, 2 m², ½ litre, 3 ‰, A → B, 25 °C, "
    "¿qué? ¡sí! 🌍 — « Œdipe » coûte 1 000 £ ou 5 ¥, © 2024 Éditions Ça™ · naïve Zoë ÉTÉ"
)


def codes_by_line(text: str, **kwargs) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for diagnostic in check_text(text, **kwargs):
        line = text.count("\n", 0, diagnostic.start) + 1
        found.setdefault(line, set()).add(diagnostic.code)
    return found


def test_seed_lines() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = check_text(text, lang="fr", select=["boilerplate", "encoding"])
    by_line: dict[int, list[str]] = {}
    for diagnostic in found:
        by_line.setdefault(text.count("\n", 0, diagnostic.start) + 1, []).append(diagnostic.code)
    boilerplate_lines = {line for line, codes in by_line.items() if any(c.startswith("B") for c in codes)}
    assert boilerplate_lines == {1, 2, 3, 4, 5, 18, 19, 20, 21}
    assert [c for c in by_line[20] if c.startswith("E")] == ["E002", "E002"]
    assert not any(by_line.get(line) for line in range(6, 18))


@pytest.mark.parametrize("lang", ["fr", "es", "en", "de", "it", "pt"])
def test_hard_typography_never_fires(lang: str) -> None:
    assert check_text(HARD_TYPOGRAPHY, lang=lang, select=["encoding", "boilerplate"]) == []


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("prÃ©sident", "président"),  # Windows-1252
        ("lâ\x80\x99accord", "l’accord"),  # Latin-1: C1 controls
        ("ÃƒÂ©tÃƒÂ©", "été"),  # doubled
        ("m√°s", "más"),  # MacRoman, which ftfy's detector misses
        ("¬´\u00a0oui\u00a0¬ª", "«\u00a0oui\u00a0»"),
        ("l\x92accord", "l’accord"),  # Windows-1252 read as Latin-1
        ("une Å“uvre", "une œuvre"),  # needs the context: Å“ alone is not bad
        ("GrÃ¶ÃŸe", "Größe"),
    ],
)
def test_mojibake_is_repaired_safely(damaged: str, repaired: str) -> None:
    text = f"Le mot {damaged} est abîmé."
    found = check_text(text, lang="fr", select=["E003"])
    assert found and all(d.severity is Severity.ERROR for d in found)
    assert all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in found)
    assert fix_text(text, lang="fr", select=["E003"]).text == f"Le mot {repaired} est abîmé."


def test_mojibake_with_a_lost_no_break_space_is_unsafe() -> None:
    (finding,) = check_text("Il est parti Ã Paris", lang="fr", select=["E003"])
    assert finding.fix.applicability is Applicability.UNSAFE
    assert finding.suggestions == ("à",)


def test_mojibake_quoted_as_an_example_is_a_note() -> None:
    text = "Des séquences du type «\u00a0Ã©\u00a0» trahissent un mauvais encodage."
    (finding,) = check_text(text, lang="fr", select=["E003"])
    assert finding.severity is Severity.INFO
    assert finding.fix.applicability is Applicability.UNSAFE


def test_mojibake_control_is_not_reported_twice() -> None:
    codes = [d.code for d in check_text("lâ\x80\x99accord et \x81 seul", lang="fr", select=["encoding"])]
    assert sorted(codes) == ["E003", "E004"]


def test_ftfy_is_imported_only_when_the_prefilter_hits() -> None:
    """Clean text, French capitals before a no-break space among it (É and
    U+00A0 are shaped like a UTF-8 sequence), does not import ftfy."""
    script = (
        "import sys; from mtlint.api import check_text; "
        "check_text(open(sys.argv[1], encoding='utf-8').read(), lang='fr'); "
        "check_text('SANTÉ\u00a0: le «\u00a0ÉTÉ\u00a0» de la CGT\u00a0! ÇA\u00a0?', lang='fr'); "
        "assert 'ftfy' not in sys.modules, 'ftfy imported on clean text'; "
        "check_text('prÃ©sident', lang='fr'); assert 'ftfy' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", script, str(SEED)], check=True, cwd=ROOT)


@pytest.mark.parametrize("capital", sorted(encoding.CAPITALS_BEFORE_NBSP))
def test_capitals_set_aside_before_a_no_break_space_lose_no_repair(
    capital: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `_spaced_capital` sets aside before ftfy is asked, ftfy's
    detector rejects: the repairs are those found without it, here and
    among real mojibake around it."""
    text = (
        f"SANT{capital}\u00a0: «\u00a0LE{capital}\u00a0» X{capital}\u00a0! {capital}\u00a0? "
        f"AB{capital}\u00a0Z prÃ©sident, lâ€™accord, parti Ã\u00a0 Paris, CÂ\u00a0: VOILÃ\u00a0!"
    )
    found = encoding._find_mojibake(build_document(text, lang="fr"))
    monkeypatch.setattr(encoding, "_spaced_capital", lambda prose, candidate: False)
    assert encoding._find_mojibake(build_document(text, lang="fr")) == found
    assert len(found) >= 3


def test_patterns_for_rarer_text_are_compiled_on_first_use() -> None:
    """Mojibake candidates, entities, suppression comments, continued blocks
    and the word before a foreign number are compiled when a text first
    needs them: the seed (plain text, real debris) needs none, and they were
    about 4 % of start-up's instructions. Text that needs them gets them."""
    script = (
        "import sys; from mtlint.api import check_text\n"
        "from mtlint.checks import encoding, typography\n"
        "from mtlint import paragraphs, suppression\n"
        "lazy = [encoding.mojibake_candidate, encoding.lost_nbsp, encoding.entity, suppression.directive,\n"
        "        paragraphs.continued, typography.previous_word]\n"
        "check_text(open(sys.argv[1], encoding='utf-8').read(), lang='fr')\n"
        "assert [f.cache_info().currsize for f in lazy] == [0] * 6\n"
        "check_text('prÃ©sident, cafÃ un &amp; 1.000,5 francs\\n\\x1c\\ninfo', lang='fr')\n"
        "check_text('<!-- mtlint-disable -->\\nTexte.', lang='fr', markup='markdown')\n"
        "assert [f.cache_info().currsize for f in lazy] == [1] * 6, [f.cache_info() for f in lazy]\n"
    )
    subprocess.run([sys.executable, "-c", script, str(SEED)], check=True, cwd=ROOT)


def test_entities() -> None:
    fixed = fix_text("Tom&nbsp;&amp;&#160;Jerry &amp;amp; co", lang="en", select=["E007"]).text
    assert fixed == "Tom\u00a0&\u00a0Jerry & co"
    assert check_text("Write `&nbsp;` here, &nbsp; there", lang="en", markup="markdown", select=["E007"]) == []
    (double,) = check_text("<p>Tom &amp;amp; Jerry &nbsp;</p>", lang="en", markup="html", select=["E007"])
    assert double.text == "&amp;amp;" and double.fix.applicability is Applicability.UNSAFE


def test_invisible_characters_by_language() -> None:
    assert check_text("le gouver\u00adnement", lang="fr", select=["E005"])
    assert not check_text("die Regie\u00adrung", lang="de", select=["E005"])
    assert not check_text("שלום\u200fעולם and Krem\u200flin", lang="en", select=["E005"])
    assert check_text("The Krem\u200flin", lang="en", select=["E005"])


def test_bidi_control_inside_code_is_reported() -> None:
    (finding,) = check_text("`if user\u202e == root`", lang="en", markup="markdown", select=["E006"])
    assert finding.severity is Severity.ERROR


def test_control_characters() -> None:
    fixed = fix_text("\x1b[31mAlerte\x1b[0m rouge,\x0bsuite\x00", lang="fr", select=["E004"]).text
    assert fixed == "Alerte rouge, suite"


def test_phrase_packs_load_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = boilerplate._read
    monkeypatch.setattr(boilerplate, "_read", lambda path: read.append(path.parent.name) or original(path))
    boilerplate.phrase_pack.cache_clear()
    boilerplate.packs_in_play(build_document("Der Kreml.", lang="de", source_langs=("it",)))
    assert sorted(read) == ["de", "it"]
    read.clear()
    boilerplate.phrase_pack.cache_clear()
    boilerplate.packs_in_play(build_document("Le Kremlin.", lang="fr"))
    assert sorted(read) == ["fr"], "a clean article: its own language only"
    read.clear()
    boilerplate.phrase_pack.cache_clear()
    boilerplate.packs_in_play(build_document("Le Kremlin a répondu a@example.org o b@example.org.", lang="fr"))
    assert sorted(read) == ["es", "fr"], "Spanish words left in: Spanish widgets too"
    boilerplate.phrase_pack.cache_clear()


@pytest.mark.parametrize("lang", ["fr", "es", "en", "de", "it", "pt"])
def test_every_pack_names_its_sources(lang: str) -> None:
    data = toml.loads((ROOT / "rules" / lang / boilerplate.PACK_FILE).read_text(encoding="utf-8"))
    assert len(data["pack"]["source"]) > 80
    pack = boilerplate.compile_pack(lang, data, lang)
    assert pack.lines is not None and pack.residue is not None and pack.byline is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[pack]\nsource = "x"\n[topics.a]\nrule = "widget-label"\nwhat = "a"\nlines = ["x"]\n', "'lines'"),
        ('[pack]\nsource = "x"\n[topics.a]\nrule = "footer"\nwhat = "a"\n', "'rule' must be"),
        ('[pack]\nname = "x"\n[topics.a]\nrule = "widget-label"\nwhat = "a"\n', "source"),
    ],
)
def test_pack_errors_name_the_field(body: str, message: str) -> None:
    with pytest.raises(PackError, match=message):
        boilerplate.compile_pack("xx", toml.loads(body), "xx.phrases")


def test_structure_without_phrases() -> None:
    text = (
        "Le Kremlin a déclaré que le traité ne menaçait personne, selon l’agence officielle.\n"
        "www.example.com\n"
        "✅ Toutes nos offres\n"
        "Les manifestants scandaient #MeToo et #NousToutes devant la mairie, a constaté l’AFP.\n"
        "#Russie #Corée\n"
    )
    assert codes_by_line(text, lang="fr", select=["boilerplate"]) == {2: {"B002"}, 3: {"B002"}, 5: {"B005"}}


def test_a_page_on_one_line_is_article_text_whatever_it_holds() -> None:
    """A line longer than MAX_LINE gets no line verdict: the text of a page
    that came without line breaks is one line, and with unsafe fixes the
    promo-line and hashtag-line fixes deleted the whole article for its
    emoji or hashtags."""
    prose = "Le Kremlin a déclaré que le traité ne menaçait personne, selon l’agence officielle. " * 14
    for line in (f"📧 {prose}", f"{prose} 🎉 {prose[:60]} 👏", f"{prose} #Russie #Corée #Japon"):
        assert len(line) > boilerplate.MAX_LINE
        assert check_text(line, lang="fr", select=["boilerplate"]) == []
        assert fix_text(line, lang="fr", unsafe=True).text.count("traité") == line.count("traité")
    short = f"📧 {prose[:200]}"
    assert [d.code for d in check_text(short, lang="fr", select=["boilerplate"])] == ["B002"]


def test_headings_and_sentences_are_left_alone() -> None:
    text = (
        "Voir aussi\n"
        "Un compromis difficile\n"
        "Publié en 2019, le livre s’est vendu à 100 000 exemplaires.\n"
        "La lettre d’information de la mairie, envoyée chaque semaine, change de format.\n"
        "Par ailleurs, le maire a annoncé des travaux.\n"
        "Les chiffres clés\n"
        "3 milliards d’euros\n"
    )
    assert check_text(text, lang="fr", select=["boilerplate"]) == []


def test_lists_and_the_tail() -> None:
    text = (
        "Le Kremlin a déclaré que le traité ne menaçait personne, selon l’agence officielle.\n"
        "Lire aussi\n"
        "La Corée du Nord lance un missile\n"
        "Le Japon proteste\n"
        "La Russie a démenti toute livraison d’armes, a indiqué le porte-parole du ministère.\n"
        "Partager\n"
        "Corée du Nord\n"
        "Asie\n"
    )
    assert set(codes_by_line(text, lang="fr", select=["boilerplate"])) == {2, 3, 4, 6, 7, 8}


def test_a_line_that_is_a_link_is_reported_whole() -> None:
    text = "Suivez-nous sur https://x.com/example\n"
    (finding,) = check_text(text, lang="fr", select=["B002"])
    assert (finding.start, finding.end) == (0, len(text) - 1)


def test_html_fix_keeps_the_tags() -> None:
    text = "<div><p>Écoutez cet article</p>\n<p>Le Kremlin a déclaré.</p></div>\n"
    fixed = fix_text(text, lang="fr", markup="html", select=["boilerplate"], unsafe=True).text
    assert fixed == "<div><p></p>\n<p>Le Kremlin a déclaré.</p></div>\n"


def test_no_boilerplate_inside_code_blocks() -> None:
    text = "Texte.\n\n```\nÉcoutez cet article\n#a #b #c\n```\n"
    assert check_text(text, lang="fr", markup="markdown", select=["boilerplate"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le président a déclaré, cliquez ici. " * 6000,
        " ".join(f"#mot{i}" for i in range(50000)),
        "a" + "\u0301" * 200000,
        "prÃ©sident √© " * 20000,
        "&amp;" * 40000,
        "Écoutez cet article\n" * 20000,
    ],
    ids=["long-line", "hashtags", "combining", "mojibake", "entities", "lines"],
)
def test_hostile_input_is_linear(text: str) -> None:
    started = time.perf_counter()
    check_text(text, lang="fr", select=["encoding", "boilerplate"])
    assert time.perf_counter() - started < 10


def test_scraped_pages() -> None:
    """The labelled pages of eval/pages: under 3 % of content lines flagged."""
    manifest = toml.loads((PAGES / "pages.toml").read_text(encoding="utf-8"))
    assert len(manifest) >= 20 and len({meta["lang"] for meta in manifest.values()}) == 6
    content = flagged_content = furniture = flagged_furniture = 0
    for name, meta in manifest.items():
        text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
        labels = (PAGES / f"{name}.labels").read_text(encoding="utf-8").split()
        sources = (meta["source"],) if "source" in meta else ()
        flagged = codes_by_line(text, lang=meta["lang"], source_langs=sources, select=["boilerplate"])
        for number, label in enumerate(labels, start=1):
            if label == "C":
                content += 1
                flagged_content += number in flagged
            else:
                furniture += 1
                flagged_furniture += number in flagged
    assert flagged_content / content < 0.03
    assert flagged_furniture / furniture > 0.9


def test_pages_have_one_label_per_line() -> None:
    for path in Path(PAGES).glob("*.txt"):
        labels = path.with_suffix(".labels").read_text(encoding="utf-8").split()
        assert len(labels) == len(path.read_text(encoding="utf-8").splitlines())
        assert set(labels) <= {"B", "C"}
