"""Unit tests of the engine's parts: line index, decoding, fixer, suppression,
selection and the public API."""

from __future__ import annotations

import pickle
from fnmatch import fnmatch
from importlib import resources

import pytest
import regex

from mtlint import check_text, fix_text
from mtlint.decoding import decode
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document, LineIndex, Span
from mtlint.errors import FileError
from mtlint.examples import marked_spans
from mtlint.files import READ_CHUNK, Globs, read_file
from mtlint.fixer import apply_edits, choose_edits, fix_until_stable
from mtlint.lang.detect import detect
from mtlint.lexicon import FILTER_FLOOR, Lexicon, _filter, _Table, _table, filter_of, lexicon
from mtlint.paragraphs import paragraphs
from mtlint.results import CacheEntry, FileResult
from mtlint.shape import word_shape
from mtlint.spans import Spans
from mtlint.suppression import suppressions
from mtlint.survey import ChunkSurvey, ShapeSurvey
from mtlint.tokens import WORD, Token, key_form, tokens_between


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab\ncd", 0, (1, 1)),
        ("ab\ncd", 2, (1, 3)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\r\ncd", 3, (1, 4)),
        ("ab\rcd", 3, (2, 1)),
        ("😀é\nx", 1, (1, 2)),
        ("ab\n", 3, (2, 1)),
        ("", 0, (1, 1)),
    ],
)
def test_line_index(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == expected


@pytest.mark.parametrize("text", ["a\r\r\nb\rc\n\nd\r", "\r\n\n\r", "un\ndeux\r\ntrois\rquatre\r\n\n😀 cinq"])
def test_line_index_over_mixed_line_ends(text: str) -> None:
    """A text with a carriage return is indexed by a search for the breaks:
    every offset but one inside a CRLF gets the line and column counted
    the obvious way, and the CRLF is one break."""
    index = LineIndex(text)
    assert len(index.starts) == len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue
        lines = text[:offset].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert index.position(offset) == (len(lines), len(lines[-1]) + 1)


def test_line_index_bounds() -> None:
    index = LineIndex("ab\r\ncd")
    assert index.line_bounds(1, "ab\r\ncd") == (0, 2)
    with pytest.raises(IndexError):
        index.position(7)


def test_masked_lookup() -> None:
    doc = Document("abcdefghij", masked=(Span(2, 4, "code"), Span(6, 7, "url")))
    assert doc.is_masked(3, 5) and doc.is_masked(0, 3) and doc.is_masked(6, 6) is False
    assert not doc.is_masked(4, 6) and not doc.is_masked(7, 10)
    assert doc.is_masked(3, 3) and not doc.is_masked(2, 2)


def test_decode_variants() -> None:
    assert decode("é".encode(), "f").text == "é"
    with_bom = decode(b"\xef\xbb\xbf" + "é".encode(), "f")
    assert with_bom.text == "é" and with_bom.encode("é") == b"\xef\xbb\xbf" + "é".encode()
    utf16 = decode("\ufeffé".encode("utf-16-be"), "f")
    assert utf16.text == "é" and utf16.encode("é") == "\ufeffé".encode("utf-16-be")
    crlf = decode(b"a\r\nb", "f")
    assert crlf.text == "a\r\nb", "newlines are never translated"
    with pytest.raises(FileError, match="UTF-32"):
        decode("\ufeffa".encode("utf-32"), "f")
    with pytest.raises(FileError, match=r"f: not valid UTF-8 \(byte 0xe9"):
        decode("é".encode("latin-1"), "f")


def test_marked_spans() -> None:
    assert marked_spans("a⟦b⟧c⟦d⟧") == [(1, 2), (3, 4)]
    for broken in ("a⟦b", "a⟧b", "⟦a⟦b⟧⟧"):
        with pytest.raises(ValueError):
            marked_spans(broken)


def diag(start: int, end: int, replacement: str, applicability: Applicability = Applicability.SAFE) -> Diagnostic:
    fix = Fix((Edit(start, end, replacement),), applicability)
    return Diagnostic("T001", "x", Category.TYPOGRAPHY, Severity.WARNING, "m", start, end, "", fix=fix)


def test_choose_edits_skips_overlap_allows_adjacent() -> None:
    edits, count = choose_edits(
        [diag(0, 2, "A"), diag(1, 3, "B"), diag(2, 4, "C"), diag(6, 6, "D")], Applicability.SAFE
    )
    assert [(e.start, e.end) for e in edits] == [(0, 2), (2, 4), (6, 6)] and count == 3
    edits, _ = choose_edits([diag(1, 1, "x"), diag(1, 1, "y")], Applicability.SAFE)
    assert len(edits) == 1, "two insertions at one point would be a guess"
    edits, _ = choose_edits([diag(0, 1, "x", Applicability.UNSAFE)], Applicability.SAFE)
    assert edits == []


def test_apply_edits() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "")]) == "bcdEf"


def test_fix_until_stable_converges_and_reports_rounds() -> None:
    def lint(text: str) -> list[Diagnostic]:
        index = text.find("  ")
        return [diag(index, index + 2, " ")] if index >= 0 else []

    outcome = fix_until_stable("a    b", lint, Applicability.SAFE)
    assert outcome.text == "a b" and outcome.converged and outcome.fixed == 3

    def flip(text: str) -> list[Diagnostic]:
        return [diag(0, 1, "b" if text[0] == "a" else "a")]

    looping = fix_until_stable("a", flip, Applicability.SAFE)
    assert not looping.converged and looping.text == "a" and looping.fixed == 0


def test_suppression_regions() -> None:
    text = "a\n<!-- mtlint-disable-next-line E001 -->\nb\nc\n<!-- mtlint-disable -->\nd\n<!-- mtlint-enable -->\ne\n"
    regions = suppressions(text)
    lines = [(text[r.start : r.end], r.selectors) for r in regions]
    assert ("b\n", ("E001",)) in lines
    assert any("d" in chunk and not selectors for chunk, selectors in lines)
    assert all("e\n" not in chunk for chunk, _ in lines)


def test_api_check_and_fix() -> None:
    found = check_text("Le Kremlin a  déclaré", lang="fr")
    assert [(d.code, d.start, d.end) for d in found] == [("T001", 12, 14)]
    outcome = fix_text("Le Kremlin a  déclaré \ufffd", lang="fr")
    assert outcome.text == "Le Kremlin a déclaré \ufffd"
    assert [d.code for d in outcome.diagnostics] == ["E001"]


def test_diagnostics_pickle_as_they_were() -> None:
    """Diagnostics pickled one by one (Diagnostic's own `__reduce__`, for
    callers of the API): every field comes back equal, enums as themselves."""
    sent = check_text("Il a dit « bonjour  et  Ã©tÃ©", lang="fr")
    assert any(d.fix is not None for d in sent) and len({d.category for d in sent}) > 1
    back = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == sent and [d.to_json() for d in back] == [d.to_json() for d in sent]
    for before, after in zip(sent, back, strict=True):
        assert after.category is before.category and after.severity is before.severity
        assert after.fix is None or after.fix.applicability is before.fix.applicability


def test_results_pickle_as_they_were() -> None:
    """The workers of `--jobs` send whole results back, their diagnostics
    packed as plain tuples (`FileResult.__reduce__`): every field comes
    back equal, enums as themselves, fixes of one edit or several as Fix
    and Edit again, the lines' index, the cache's entry and a file's error."""
    text = "Il a dit « bonjour  et  Ã©tÃ©\nlà."
    found = check_text(text, lang="fr")
    several = Fix((Edit(0, 2, "Elle"), Edit(5, 5, ",")), Applicability.SAFE, "two edits")
    found.append(Diagnostic("T999", "two", Category.TYPOGRAPHY, Severity.INFO, "m", 0, 2, "Il", ("a", "b"), several))
    sent = FileResult("a.txt", text, found, fixed=1, original="before", lines=LineIndex(text))
    sent.cache_entry = CacheEntry("key", "value", "name", None)
    failed = FileResult("b.bin", "", error="not text", binary=True)
    back, back_failed = pickle.loads(pickle.dumps([sent, failed], protocol=pickle.HIGHEST_PROTOCOL))
    assert back.diagnostics == sent.diagnostics and len(back.diagnostics) > 2
    for before, after in zip(sent.diagnostics, back.diagnostics, strict=True):
        assert after.category is before.category and after.severity is before.severity
        if before.fix is not None:
            assert type(after.fix) is Fix and after.fix.applicability is before.fix.applicability
            assert all(type(edit) is Edit for edit in after.fix.edits)
    fields = ("path", "text", "fixed", "error", "original", "binary", "cache_entry")
    assert [getattr(back, name) for name in fields] == [getattr(sent, name) for name in fields]
    assert back.position(len(text) - 1) == sent.position(len(text) - 1) == (2, 3)
    assert [getattr(back_failed, name) for name in fields] == [getattr(failed, name) for name in fields]
    assert back_failed.diagnostics == []


def test_read_file_reads_every_byte_as_it_is(tmp_path) -> None:
    """The cache's reads: a file of several system calls' worth, an empty one,
    line ends and a BOM kept; a folder or a missing file is an OSError."""
    large = bytes(range(256)) * (READ_CHUNK // 100) + b"\r\n\xef\xbb\xbf"
    for data in (large, b"", b"\xef\xbb\xbfa\r\nb\r"):
        path = tmp_path / "file"
        path.write_bytes(data)
        assert read_file(str(path)) == data
    for wrong in (tmp_path, tmp_path / "missing"):
        with pytest.raises(OSError):
            read_file(str(wrong))


def test_language_detection() -> None:
    assert detect("Le président a déclaré que les troupes sont dans la ville et pour la paix") == "fr"
    assert detect("El presidente dijo que los soldados están en la ciudad y para la paz") == "es"
    assert detect("Kim Jong-un") == "und"


@pytest.mark.parametrize(
    "text",
    [
        "LES Élus et LE préfet, l’état des lieux, l'été",
        "le\u0301s e\u0301te\u0301 est et",  # decomposed accents: a mark ends a word
        "İL EST İN the İ and",  # İ lowers to two characters
        "\u212aelvin the and of to",  # the Kelvin sign lowers to k
        "STRAẞE und der die das ist",  # ẞ, a capital cp1252 lacks
        "eţ les2 3et et_les ou-et très\u00a0être 📧les",
        "ΟΔΟΣ el y la los Σ del",
    ],
)
def test_detection_reads_the_words_the_text_holds(monkeypatch, text: str) -> None:
    """The profiles' words read from the word shape are those read from the
    text, where lowering, marks, letters cp1252 lacks and what is no letter
    could part them."""
    from mtlint.lang import detect as detection

    shape_words, (_, spelt) = detection._words(text)
    monkeypatch.setattr(detection, "_spelt", lambda: None)
    text_words, (_, written) = detection._words(text)
    assert [word.decode("cp1252") for word in shape_words if word in spelt] == [
        word for word in text_words if word in written
    ]


def test_a_profile_the_shape_cannot_spell_is_read_from_the_text(monkeypatch) -> None:
    """A language whose function words hold a letter cp1252 lacks is still
    told by its data alone."""
    from mtlint.lang import detect as detection

    with_polish = {**detection.profiles(), "pl": frozenset({"się", "jest", "nie", "że", "oraz", "dla"})}
    monkeypatch.setattr(detection, "profiles", lambda: with_polish)
    detection._spelt.cache_clear()
    detection._written.cache_clear()
    try:
        assert detection._spelt() is None
        assert detect("Rząd nie jest pewien, że to się uda dla wszystkich oraz dla nas") == "pl"
        assert detect("Le gouvernement est sûr que les élus et le préfet sont dans la salle") == "fr"
    finally:
        detection._spelt.cache_clear()
        detection._written.cache_clear()


def test_a_rule_stops_after_max_findings(capsys) -> None:
    """A rule firing on every other word stops at MAX_FINDINGS, with one
    warning naming the file and the rule."""
    from mtlint.engine import MAX_FINDINGS

    found = check_text("a. " * (MAX_FINDINGS + 500), lang="fr", select=["S001"])
    assert len(found) == MAX_FINDINGS
    assert "S001 stopped after 10,000 findings" in capsys.readouterr().err


def test_spans_answer_like_a_scan_of_every_span() -> None:
    spans = [(2, 5), (5, 9), (12, 20)]
    index = Spans(reversed(spans))
    for start in range(0, 22):
        assert index.hold(start) == any(s <= start < e for s, e in spans)
        for end in range(start, 23):
            assert index.enclose(start, end) == any(s <= start and end <= e for s, e in spans)
            assert index.enclose_strictly(start, end) == any(s < start and end < e for s, e in spans)
    assert not Spans(())


@pytest.mark.parametrize(
    "text",
    [
        "Il y a el niño.\nLos Andes, y todo.\n\nl'el (el) aujourd’hui El\nsans rien\n",
        "a\u00a0el\u202fb\nxel el2 ÉL\n",
        "12el «Los» (y)… -el- e\u0301l l'el' 'l' qu’el\n\nEl, y; los:\n",
        "Łódź y el Kelvin \u212aelvin; el\u0301 İstanbul y el ΣΑΣ.\n\nŁódź sin el\n",
        "ſtraße y el œuvre d’Ǆemal, y el µ\n",
    ],
)
@pytest.mark.parametrize("kind", [ShapeSurvey, ChunkSurvey])
def test_survey_finds_what_a_word_scan_finds(text: str, kind: type) -> None:
    # enough plain words that the few letters cp1252 lacks do not make the shape give up
    doc = Document(text + "\n" + "le mot de la fin, " * 200 + "\n", lang="fr")
    if kind is ShapeSurvey:
        assert word_shape(doc) is not None
    keys = {
        "el",
        "los",
        "y",
        "l'",
        "aujourd'",
        "él",
        "łódź",
        "kelvin",
        "el\u0301",
        "istanbul",
        "i\u0307stanbul",
        "σας",
        "œuvre",
        "µ",
    }
    expected = {}
    for start, end in paragraphs(doc):
        found = keys.intersection(WORD.findall(key_form(doc.prose[start:end])))
        if found:
            expected[start, end] = found
    found_survey = kind(doc, word_shape(doc)) if kind is ShapeSurvey else kind(doc)
    assert dict(found_survey.paragraphs_with(keys)) == expected
    assert found_survey.vocabulary == {
        word for start, end in paragraphs(doc) for word in WORD.findall(key_form(doc.prose[start:end]))
    }


def test_key_form_keeps_every_character_a_letter_a_mark_or_neither() -> None:
    """Tokens split the text in key form and take their offsets from it:
    lowering must neither make nor unmake a letter or a mark, and keep one
    character for one."""
    letter, mark = regex.compile(r"\p{L}"), regex.compile(r"\p{M}")
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        keyed = key_form(char)
        assert len(keyed) == 1
        assert bool(letter.match(char)) == bool(letter.match(keyed)), hex(code)
        assert bool(mark.match(char)) == bool(mark.match(keyed)), hex(code)


def test_tokens_are_the_words_a_scan_finds() -> None:
    text = "L’été, İstanbul et Ǆemal\u0301 ont «dit» qu'aujourd’hui 12h30 x\u00a0y ΣΑΣ.\n"
    doc = Document(text, lang="fr")
    keyed = key_form(doc.prose)
    found = tokens_between(doc, 0, len(doc.prose))
    assert [(t.start, t.end, t.key) for t in found] == [
        (*m.span(), keyed[m.start() : m.end()]) for m in WORD.finditer(doc.prose)
    ]
    assert all(type(t) is Token and t.text == doc.prose[t.start : t.end] for t in found)


def test_lexicon_lookups_agree_with_the_file() -> None:
    """Every word of the file is found with its frequency, by a lexicon that
    searches the stretch of the file its index points to; words around and
    between them are absent."""
    source = resources.files("mtlint.lang") / "lexicon" / "fr.txt"
    lines = source.read_bytes().decode("utf-8").rstrip("\n").split("\n")[1:]
    table = {word: int(zipf) for word, _, zipf in (line.partition("\t") for line in lines)}
    full, floored = Lexicon(_table("fr"), 0), Lexicon(_table("fr"), 25)
    for word, zipf in table.items():
        assert full.get(word) == zipf
        assert floored.get(word) == (zipf if zipf >= 25 else 0)
    for absent in [
        "",
        "zzzzzzzz",
        lines[0].split("\t")[0] + "\x00",
        "\U0010ffff",
        "!",
        *(w + "qq" for w in list(table)[::997]),
    ]:
        assert absent not in table and full.get(absent) == 0
    assert dict(full.items()) == table


def test_many_lookups_at_once_answer_as_one_at_a_time() -> None:
    """`zipfs` answers what `get` answers, word by word, for words asked
    before and words not, repeated or absent, above and below a floor."""
    words = ["de", "la", "maison", "zzzzqq", "de", "", "chien", "maison", "anticonstitutionnellement", "zzzzqq"]
    for floor in (0, 25, 45):
        answering, asked_first = Lexicon(_table("fr"), floor), Lexicon(_table("fr"), floor)
        asked_first.get("la")
        asked_first.get("zzzzqq")
        expected = [Lexicon(_table("fr"), floor).get(word) for word in words]
        assert answering.zipfs(words) == asked_first.zipfs(words) == expected
        assert answering.zipfs(words) == expected  # again, every word asked before
    assert Lexicon(_table("fr"), 0).zipfs([]) == []


def test_many_lookups_through_the_filter_answer_as_one_at_a_time() -> None:
    """A lexicon whose floor lets its filter answer gives the same answers
    from `zipfs`, which looks up only the words the filter lets through, as
    `get` without the filter, for words of the file above, at and below the
    floor and words it lacks."""
    lines = _table("es").text().decode("utf-8").split("\n")
    words = [line.partition("\t")[0] for line in lines if line][::50]
    words += [word + "qq" for word in words[::3]] + ["", "de", "de", "ñandú", "\U0010ffff"]
    for floor in (FILTER_FLOOR, 40):
        filtered, plain = Lexicon(_table("es"), floor, _filter("es")), Lexicon(_table("es"), floor)
        expected = [plain.get(word) for word in words]
        assert filtered.zipfs(words) == expected
        assert filtered.zipfs(words) == expected  # again, every word asked before
        one_by_one = Lexicon(_table("es"), floor, _filter("es"))
        assert [one_by_one.zipfs([word])[0] for word in words] == expected
        assert len(filtered.may_hold(words)) < len(words)


def test_a_word_reaches_a_frequency_as_its_lookup_says() -> None:
    """`reaching(word, zipf)` reaches `zipf` exactly when `get(word)` does,
    and from there on is `get(word)`, at thresholds below, at and above the
    filter's floor, for words the lexicon holds at every frequency, words
    it lacks, and words asked before (answered from what `get` kept); the
    filter spares look-ups of words it cannot hold at its floor."""
    lines = _table("fr").text().decode("utf-8").split("\n")
    words = [line.partition("\t")[0] for line in lines if line][::40]
    words += [word + "qq" for word in words[::3]] + ["", "de", "ñandú", "\U0010ffff"]
    plain = Lexicon(_table("fr"), 0)
    for zipf in (0, 20, FILTER_FLOOR, 30, 45):
        asked = Lexicon(_table("fr"), 0, _filter("fr"))
        for word in words:
            expected = plain.get(word)
            reached = asked.reaching(word, zipf)
            assert (reached >= zipf) == (expected >= zipf), (word, zipf)
            assert reached == expected or expected < zipf, (word, zipf)
            assert asked.reaching(word, zipf) == reached  # again, as the first time
        assert asked.get(words[0]) == plain.get(words[0])
    spared = Lexicon(_table("fr"), 0, _filter("fr"))
    for word in words:
        spared.reaching(word, FILTER_FLOOR)
    assert len(spared._asked) < len(words) / 2
    assert Lexicon(_table("fr"), 0).reaching("decla", FILTER_FLOOR) == 0  # without a filter, looked up


@pytest.mark.parametrize("lang", ["fr", "es", "en", "de", "it", "pt"])
def test_each_filter_is_that_of_its_lexicon(lang: str) -> None:
    """The shipped filter is the one the build script makes from the shipped
    lexicon's words at FILTER_FLOOR (not one left from other words or
    another floor), and it lets every one of them through."""
    table = dict(lexicon(lang).items())
    held = [word for word, zipf in table.items() if zipf >= FILTER_FLOOR]
    assert _filter(lang) == filter_of(held)
    assert lexicon(lang, FILTER_FLOOR).may_hold(held) == held
    assert lexicon(lang, FILTER_FLOOR - 1).may_hold(list(table)) == list(table)  # under its floor, no filter


@pytest.mark.parametrize("lang", ["fr", "es", "en", "de", "it", "pt"])
def test_each_stretch_of_the_index_opens_on_its_first_word(lang: str) -> None:
    """The index points each stretch at the line feed before its first word,
    and the stretches cover the file's word lines in order: a lookup
    searches only its stretch, so a wrong offset would lose the words
    before or after it. The files are read as bytes, as a lookup reads them
    (.gitattributes keeps Git from changing their line feeds)."""
    folder = resources.files("mtlint.lang") / "lexicon"
    data = (folder / f"{lang}.txt").read_bytes()
    table = _Table(data, (folder / f"{lang}.index").read_bytes())
    assert table.offsets[0] == data.index(b"\n") and data.endswith(b"\n")
    assert table.firsts == sorted(table.firsts)
    for first, start, end in zip(table.firsts, table.offsets[:-1], table.offsets[1:], strict=True):
        assert data.startswith(b"\n" + first + b"\t", start) and start < end
    assert b"\r" not in data


@pytest.mark.parametrize("globs", [["*.txt", "*.md"], ["drafts/*", "*.bak", "a/**/b.txt"], []])
def test_globs_match_as_fnmatch_does(globs: list[str]) -> None:
    compiled = Globs(globs)
    for relative in ["x.txt", "drafts/x.txt", "a/c/b.txt", "notes.md.bak", "README", "a/b.txt", "TXT.TXT"]:
        name = relative.rsplit("/", 1)[-1]
        expected = any(fnmatch(relative, glob) if "/" in glob else fnmatch(name, glob) for glob in globs)
        assert compiled.match(name, relative) == expected


def test_no_emoji_stands_before_the_prefilters_first_character() -> None:
    """`lines.FROM_FIRST_EMOJI` calls a line without a character from U+203C
    on plain: that holds only while no earlier code point is an EMOJI."""
    from mtlint.lines import EMOJI, FROM_FIRST_EMOJI

    assert not [hex(code) for code in range(0x203C) if EMOJI.fullmatch(chr(code))]
    assert all(FROM_FIRST_EMOJI.match(chr(code)) for code in (0x203C, 0x1F4EC, 0x10FFFF))


def test_a_plan_times_every_rule_it_runs_even_those_finding_nothing() -> None:
    """Rules that find nothing give one shared outcome when nobody times
    them; with timings on, each still reports its seconds."""
    from mtlint.api import build_document
    from mtlint.engine import Plan
    from mtlint.registry import builtin_registry

    plan = Plan.build(builtin_registry())
    plan.timings = {}
    assert plan.run(build_document("", lang="fr")) == []
    assert set(plan.timings) == {rule.meta.code for rule in plan.rules_for("fr")}


def test_a_timed_plan_counts_a_shared_analysis_apart_from_the_rule_that_first_asks(monkeypatch) -> None:
    """MTLINT_TIMING: the rule that first asks for an analysis the rules
    share is not charged with it, nor an analysis with the one it asks for
    in turn. A clock that moves only when told makes the seconds exact."""
    import time

    from mtlint.engine import Plan
    from mtlint.registry import Registry
    from mtlint.rule import Rule, RuleMeta

    now = [0.0]
    monkeypatch.setattr(time, "perf_counter", lambda: now[0])

    def spend(seconds: float) -> None:
        now[0] += seconds

    def words(doc: Document) -> list[str]:
        spend(3.0)
        return doc.text.split()

    def lines(doc: Document) -> list[str]:
        spend(1.0)
        doc.memo("words", words)
        return doc.text.splitlines()

    class Asking(Rule):
        def __init__(self, code: str, own: float) -> None:
            self.meta = RuleMeta(code, code.lower(), Category.TYPOGRAPHY, Severity.INFO, "", "", ())
            self.own = own

        def check(self, doc: Document, ctx: object) -> list[Diagnostic]:
            spend(self.own)
            doc.memo("lines", lines)
            doc.memo("words", words)
            return []

    plan = Plan.build(Registry([Asking("X001", 0.5), Asking("X002", 0.25)]))
    plan.timings = {}
    plan.run(Document("un deux\ntrois", lang="fr"))
    plan.run(Document("quatre", lang="fr"))
    assert plan.timings == {"X001": 1.0, "X002": 0.5}
    assert plan.analysis_timings == {"lines": 2.0, "words": 6.0}
    untimed = Document("un deux", lang="fr")
    assert untimed.memo("words", words) == ["un", "deux"] and untimed.analyses is None


def test_a_plan_decides_its_rules_per_language_again_when_they_change() -> None:
    """The rules per language are kept, and forgotten when the plan's rules
    are replaced (as the runner does for grammar)."""
    from mtlint.api import build_document
    from mtlint.engine import Plan
    from mtlint.registry import builtin_registry

    plan = Plan.build(builtin_registry(), select=["T001", "T008"])
    assert [rule.meta.code for rule in plan.rules_for("fr")] == ["T001", "T008"]
    assert [rule.meta.code for rule in plan.rules_for("ja")] == ["T001"]
    plan.rules = [rule for rule in plan.rules if rule.meta.code != "T001"]
    assert [rule.meta.code for rule in plan.rules_for("fr")] == ["T008"]
    assert [d.code for d in plan.run(build_document("Le Kremlin a  déclaré", lang="fr"))] == []
