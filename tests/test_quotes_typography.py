"""The quotes and typography families on the seed article and through their
options, beyond what each rule's own examples show."""

from __future__ import annotations

import json
from pathlib import Path

from mtlint import check_text, fix_text
from mtlint.diagnostic import Severity
from tests.conftest import SEED


def seed_findings(run_cli, *flags: str) -> list[dict]:
    return json.loads(run_cli("check", "--format", "json", "--lang", "fr", *flags, str(SEED)).out)


def test_seed_quotes(run_cli) -> None:
    found = [(r["line"], r["column"], r["code"], r["text"]) for r in seed_findings(run_cli, "--select", "quotes")]
    assert found == [(7, 1, "Q001", "«"), (11, 1, "Q001", "«"), (14, 87, "Q005", "“")]


def test_seed_typography(run_cli) -> None:
    found = seed_findings(run_cli, "--select", "typography")
    by_line = {(r["line"], r["code"], r["severity"]) for r in found}
    assert (11, "T002", "warning") in by_line, "«Je: no space after «"
    assert (6, "T003", "info") in by_line, "« ne … personne »: plain spaces"
    assert all(r["severity"] == "info" for r in found if r["line"] != 11)


def test_french_spacing_option(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Il a dit « oui ». Photo: AFP\n", encoding="utf-8")
    (tmp_path / "mtlint.toml").write_text('[rules.typography]\nfrench-spacing = "strict"\n', encoding="utf-8")
    strict = json.loads(run_cli("check", "--format", "json", "--lang", "fr", str(article)).out)
    assert {r["severity"] for r in strict if r["code"] == "T003"} == {"warning"}
    (tmp_path / "mtlint.toml").write_text('[rules.typography]\nfrench-spacing = "off"\n', encoding="utf-8")
    off = json.loads(run_cli("check", "--format", "json", "--lang", "fr", str(article)).out)
    assert not [r for r in off if r["code"] in ("T002", "T003")]


def test_nbsp_option_chooses_the_space(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Vraiment ? Oui!\n", encoding="utf-8")
    (tmp_path / "mtlint.toml").write_text('lang = "fr"\n[rules.T002]\nnbsp = "U+202F"\n', encoding="utf-8")
    run_cli("check", "--fix", str(article))
    assert article.read_text(encoding="utf-8") == "Vraiment\u00a0? Oui\u202f!\n"


def test_bad_option_value_is_one_line(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mtlint.toml").write_text('[rules.T003]\nfrench-spacing = "loose"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.code == 2 and "french-spacing" in result.err and result.err.count("\n") == 1


def test_many_notes_are_grouped_in_full_output(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Un : deux ; trois ? quatre ! « cinq » six.\n«Sept\n", encoding="utf-8")
    out = run_cli("check", "--lang", "fr", str(article)).out
    assert "T003 [*] breaking-punctuation-space: 6 times in" in out
    assert out.count("breaking-punctuation-space") == 1
    assert "T002" in out and "-->" in out, "the real finding is still shown in full"


def test_unsafe_quote_fixes_only_with_unsafe() -> None:
    text = "Il parle de “détermination”. « Nous restons attachés, dit-il.\n"
    safe = fix_text(text, lang="fr")
    assert "“détermination”" in safe.text
    unsafe = fix_text(text, lang="fr", unsafe=True)
    assert "«\u00a0détermination\u00a0»" in unsafe.text
    assert unsafe.text.rstrip("\n").endswith("dit-il.\u00a0»")
    assert not [d for d in unsafe.diagnostics if d.category.value == "quotes" and d.severity >= Severity.WARNING]
    assert fix_text(unsafe.text, lang="fr", unsafe=True).text == unsafe.text


def test_quotes_across_paragraphs_and_languages() -> None:
    assert not check_text("« Début de la citation.\n\n« Suite et fin. »\n", lang="fr", select=["quotes"])
    assert not check_text("„Er sagte ‚nein‘ und ging“, hieß es.\n", lang="de", select=["quotes"])
    assert not check_text("He said “it was ‘a victory’”, and left.\n", lang="en", select=["quotes"])
    found = check_text("Ele disse «sim» e “não”.\n", lang="pt", select=["quotes"])
    assert [d.code for d in found] == ["Q006"]
