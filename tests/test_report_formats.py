"""The machine-read output formats, checked against their consumers' rules.

JSON is a contract other tools parse, GitHub reads its workflow commands
literally and code scanning rejects invalid SARIF, so each format is checked
on hand-built results whose positions are known: an emoji before a span (code
points, not UTF-16 units), a CRLF line, and text GitHub must escape.
"""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from mtlint.api import build_document, check_text
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.examples import bad, good
from mtlint.registry import builtin_registry
from mtlint.report import FORMATS, ReportContext, full, part, writer
from mtlint.results import NO_FINDINGS, CacheEntry, FileResult, Tally
from mtlint.rule import RuleMeta

CONTRACT_FIELDS = [
    "path",
    "code",
    "rule",
    "category",
    "severity",
    "message",
    "start",
    "end",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "suggestions",
    "fix",
]
SARIF_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

ARTICLE = "Bonjour 😀 le le monde.\r\nIl a dit: « oui ».\r\n"
NOTES = "Texte \ufffd ici\n"


def article() -> FileResult:
    """Two diagnostics: a doubled word after an emoji (safe fix) and, on the
    CRLF second line, a colon whose message needs escaping (unsafe fix)."""
    doubled = ARTICLE.index("le le")
    colon = ARTICLE.index(":")
    return FileResult(
        path="article.txt",
        text=ARTICLE,
        diagnostics=[
            Diagnostic(
                code="S003",
                rule="doubled-word",
                category=Category.SEGMENTATION,
                severity=Severity.WARNING,
                message="« le » est répété",
                start=doubled,
                end=doubled + 5,
                text=ARTICLE[doubled : doubled + 5],
                fix=Fix((Edit(doubled + 2, doubled + 5, ""),), Applicability.SAFE, "Supprimer le doublon"),
            ),
            Diagnostic(
                code="T001",
                rule="space-before-colon",
                category=Category.TYPOGRAPHY,
                severity=Severity.INFO,
                message="Il manque une espace avant « : », 100 % des cas\nvoir la règle",
                start=colon,
                end=colon + 1,
                text=":",
                suggestions=("\u00a0:",),
                fix=Fix((Edit(colon, colon + 1, "\u00a0:"),), Applicability.UNSAFE),
            ),
        ],
    )


def notes() -> FileResult:
    """A path GitHub must escape and a code no RuleMeta describes."""
    return FileResult(
        path="notes/a,b:c%.md",
        text=NOTES,
        diagnostics=[
            Diagnostic(
                code="E001",
                rule="replacement-character",
                category=Category.ENCODING,
                severity=Severity.ERROR,
                message="caractère U+FFFD",
                start=6,
                end=7,
                text="\ufffd",
            )
        ],
    )


def results() -> list[FileResult]:
    return [article(), notes(), FileResult(path="missing.txt", error="No such file")]


def rules() -> dict[str, RuleMeta]:
    metas = [
        RuleMeta(
            code="T001",
            name="space-before-colon",
            category=Category.TYPOGRAPHY,
            severity=Severity.INFO,
            summary="French puts a no-break space before a colon.",
            explanation="French typography separates the colon from the word before it.",
            examples=(bad("dit⟦:⟧", "dit\u00a0:", lang="fr"), good("dit\u00a0:", lang="fr")),
            languages=("fr",),
            fix=Applicability.UNSAFE,
        ),
        RuleMeta(
            code="S003",
            name="doubled-word",
            category=Category.SEGMENTATION,
            severity=Severity.WARNING,
            summary="A word is repeated.",
            explanation="Machine translation sometimes doubles a word; readers notice.",
            examples=(bad("⟦le le⟧ monde", "le monde"), good("le monde")),
            fix=Applicability.SAFE,
        ),
    ]
    return {meta.code: meta for meta in metas}


def render(name: str, items: list[FileResult], ctx: ReportContext | None = None) -> str:
    out = io.StringIO()
    writer(name)(items, out, ctx or ReportContext(rules=rules()))
    return out.getvalue()


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """Line and code-point column, counted without the LineIndex under test."""
    prefix = text[:offset]
    return prefix.count("\n") + 1, offset - (prefix.rfind("\n") + 1) + 1


# parts rendered where a file is linted


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize(
    "ctx", [ReportContext(), ReportContext(quiet=True), ReportContext(unsafe_fixes=True)], ids=repr
)
def test_a_report_of_parts_rendered_in_another_process_is_the_report(name: str, ctx: ReportContext) -> None:
    """Each file's part rendered where it was linted, then sent back as a
    worker of --jobs sends it (pickled, without its findings), writes the
    report that the findings themselves write."""
    whole = render(name, results(), ctx)
    rendered = results()
    for result in rendered:
        if result.error is None:
            result.fragment = part(name)(result, ctx)
    assert render(name, pickle.loads(pickle.dumps(rendered)), ctx) == whole


def test_a_rendered_result_crosses_as_its_part_and_tally(tmp_path: Path) -> None:
    """What the parent needs of a file linted in a worker, and no more: its
    findings are not rebuilt there, and its text is read from the file if
    anything asks for it."""
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode())
    result = article()
    result.path, result.fixed = str(path), 2
    result.cache_entry = CacheEntry("key", "value", "name", "stamp")
    result.fragment = part("concise")(result, ReportContext())
    sent = pickle.loads(pickle.dumps(result))
    assert (sent.path, sent.fragment, sent.tally, sent.fixed) == (result.path, result.fragment, result.tally, 2)
    assert (sent.error, sent.binary, sent.cache_entry, sent.original) == (None, False, result.cache_entry, None)
    assert sent.findings == 2
    with pytest.raises(AttributeError):
        sent.diagnostics  # noqa: B018
    assert sent.text == ARTICLE


def test_a_tally_counts_what_the_summaries_and_the_exit_code_ask() -> None:
    tally = Tally.of(article().diagnostics)
    assert tally.findings == 2
    assert dict(tally.severities) == {Severity.WARNING: 1, Severity.INFO: 1}
    assert dict(tally.categories) == {Category.SEGMENTATION: 1, Category.TYPOGRAPHY: 1}
    assert (tally.fixable_safe, tally.fixable_unsafe) == (1, 1)
    assert tally.reaches(Severity.WARNING) and not tally.reaches(Severity.ERROR)
    assert Tally.of([]) is NO_FINDINGS and not NO_FINDINGS.reaches(Severity.INFO)


# json


def test_json_records_follow_the_contract() -> None:
    items = results()
    records = json.loads(render("json", items))
    texts = {item.path: item.text for item in items}
    assert [record["code"] for record in records] == ["S003", "T001", "E001"]
    for record in records:
        assert list(record) == CONTRACT_FIELDS
        text = texts[record["path"]]
        assert record["text"] == text[record["start"] : record["end"]]
        assert (record["line"], record["column"]) == expected_position(text, record["start"])
        assert (record["end_line"], record["end_column"]) == expected_position(text, record["end"])
        assert record["category"] in {category.value for category in Category}
        assert record["severity"] in {"error", "warning", "info"}
        assert isinstance(record["suggestions"], list)


def test_json_values_count_code_points_and_crlf_lines() -> None:
    doubled, colon, replacement = json.loads(render("json", results()))
    assert (doubled["line"], doubled["column"], doubled["end_line"], doubled["end_column"]) == (1, 11, 1, 16)
    assert (colon["line"], colon["column"], colon["end_line"], colon["end_column"]) == (2, 9, 2, 10)
    assert (replacement["column"], replacement["end_column"]) == (7, 8)
    assert doubled["fix"] == {"applicability": "safe", "edits": [{"start": 12, "end": 15, "replacement": ""}]}
    assert colon["fix"]["applicability"] == "unsafe"
    assert colon["suggestions"] == ["\u00a0:"]
    assert replacement["fix"] is None
    assert (replacement["category"], replacement["severity"]) == ("encoding", "error")


def test_json_is_indented_unescaped_and_newline_terminated() -> None:
    output = render("json", results())
    assert output.startswith('[\n  {\n    "path": "article.txt",')
    assert "« le » est répété" in output
    assert output.endswith("]\n")


def test_json_of_an_empty_run_is_an_empty_array() -> None:
    assert render("json", []) == "[]\n"
    assert render("json", [FileResult(path="missing.txt", error="No such file")]) == "[]\n"


# json-lines


def test_json_lines_carries_the_same_records_one_per_line() -> None:
    output = render("json-lines", results())
    lines = output.splitlines()
    assert output.endswith("\n")
    assert [json.loads(line) for line in lines] == json.loads(render("json", results()))
    assert all(line == json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) for line in lines)


def test_json_lines_escapes_unicode_line_separators() -> None:
    text = "a\u2028b\x85c"
    item = FileResult(
        path="sep.txt",
        text=text,
        diagnostics=[Diagnostic("E004", "line-separator", Category.ENCODING, Severity.WARNING, "U+2028", 0, 5, text)],
    )
    output = render("json-lines", [item])
    assert len(output.splitlines()) == 1
    assert "\\u2028" in output
    assert json.loads(output)["text"] == text


def test_json_lines_of_an_empty_run_is_empty() -> None:
    assert render("json-lines", []) == ""


# concise


CONCISE = [
    "article.txt:1:11: warning S003 [doubled-word] « le » est répété",
    "article.txt:2:9: info T001 [space-before-colon] Il manque une espace avant « : », 100 % des cas\\nvoir la règle",
    "notes/a,b:c%.md:1:7: error E001 [replacement-character] caractère U+FFFD",
]


def test_concise_prints_one_line_per_diagnostic_and_a_summary() -> None:
    assert render("concise", results()).splitlines() == [*CONCISE, "Found 3 problems."]


def test_concise_summary_is_singular_for_one_problem() -> None:
    assert render("concise", [notes()]).splitlines() == [CONCISE[2], "Found 1 problem."]


def test_concise_quiet_prints_only_diagnostics() -> None:
    assert render("concise", results(), ReportContext(quiet=True)).splitlines() == CONCISE


def test_concise_prints_nothing_without_diagnostics() -> None:
    assert render("concise", [FileResult(path="clean.txt", text="Propre.\n")]) == ""


def test_concise_finds_each_position_as_the_line_index_does() -> None:
    """The concise writer works out positions itself, without a call per
    line: at every offset, over LF, CRLF and lone CR lines, to the text's
    end, it must say what `FileResult.position` says."""
    text = "un\ndeux\r\ntrois\rquatre\r\n\n😀 cinq"
    spans = [
        Diagnostic("T001", "r", Category.TYPOGRAPHY, Severity.INFO, "m", at, at, "") for at in range(len(text) + 1)
    ]
    result = FileResult(path="a.txt", text=text, diagnostics=spans)
    printed = render("concise", [result], ReportContext(quiet=True)).splitlines()
    assert [line.split(": ")[0] for line in printed] == [
        f"a.txt:{line}:{column}" for line, column in map(result.position, range(len(text) + 1))
    ]


# full


class RichWithoutColour:
    """Blocks printed as the full format printed them all before the plain
    printer stood in: rich's console without colour, soft wrapping."""

    def __init__(self, out: io.StringIO) -> None:
        self.console = Console(
            file=out, no_color=True, color_system=None, highlight=False, soft_wrap=True, emoji=False, markup=False
        )

    def print(self, block: full.Styled) -> None:
        self.console.print(Text.assemble(*block.pieces))


def rich_plain(items: list[FileResult], ctx: ReportContext) -> str:
    """The full format as rich renders it without colour (rich's console is
    imported only for colour)."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(full, "PlainPrinter", RichWithoutColour)
        full.write(items, out, ctx)
    return out.getvalue()


def examples_checked() -> list[FileResult]:
    """Every shipped rule's bad examples, checked with every rule: the
    messages, spans and fixes the full format really shows."""
    found = []
    for rule in builtin_registry().rules:
        for index, example in enumerate(rule.meta.examples):
            if example.kind == "bad":
                text = example.text.replace("⟦", "").replace("⟧", "")
                diagnostics = check_text(text, lang=example.lang or "fr", markup=example.markup)
                found.append(FileResult(f"{rule.meta.code}-{index}.txt", text, diagnostics))
    return found


def test_full_plain_output_is_what_rich_writes_without_colour() -> None:
    """Tabs, the control characters rich drops (and ESC, which it keeps),
    wide characters before a span, messages on two lines, grouped notes."""
    tricky = "Il\ta dit\a\b\v\f\r \x1b[31m漢字 le le mot.\n"
    at = tricky.index("le le")
    odd = Diagnostic(
        code="S003",
        rule="doubled-word",
        category=Category.SEGMENTATION,
        severity=Severity.WARNING,
        message="« le\tle »\x07 répété\r\nici",
        start=at,
        end=at + 5,
        text="le le",
        suggestions=("le\tmot",),
        fix=Fix((Edit(at, at + 3, ""),), Applicability.SAFE, "Supprimer\tle doublon"),
    )
    notes = [
        Diagnostic("T001", "space-before-colon", Category.TYPOGRAPHY, Severity.INFO, "espace", i, i + 1, "x")
        for i in range(5)
    ]
    items = [*results(), FileResult("odd\tname.txt", tricky, [odd, *notes]), *examples_checked()]
    for ctx in (ReportContext(), ReportContext(unsafe_fixes=True), ReportContext(quiet=True)):
        assert render("full", items, ctx) == rich_plain(items, ctx)
    clean = [FileResult("clean.txt", "Propre.\n")]
    assert render("full", clean) == rich_plain(clean, ReportContext())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(st.characters(exclude_categories=("Cs",))), st.sampled_from(["", "bold", "cyan"]))))
def test_any_text_prints_plain_as_rich_writes_it_without_colour(pieces: list[tuple[str, str]]) -> None:
    block = full.Styled()
    for text, style in pieces:
        block.append(text, style)
    plain, rich = io.StringIO(), io.StringIO()
    full.PlainPrinter(plain).print(block)
    RichWithoutColour(rich).print(block)
    assert plain.getvalue() == rich.getvalue()


def test_full_in_colour_is_rendered_by_rich() -> None:
    coloured = render("full", results(), ReportContext(rules=rules(), color=True))
    assert "\x1b[" in coloured
    assert "\x1b[" not in render("full", results())


# github


def test_github_commands_are_escaped() -> None:
    assert render("github", results()).splitlines() == [
        "::warning file=article.txt,line=1,col=11,endLine=1,endColumn=16,title=S003 [doubled-word]::« le » est répété",
        "::notice file=article.txt,line=2,col=9,endLine=2,endColumn=10,title=T001 [space-before-colon]"
        "::Il manque une espace avant « : », 100 %25 des cas%0Avoir la règle",
        "::error file=notes/a%2Cb%3Ac%25.md,line=1,col=7,endLine=1,endColumn=8,title=E001 [replacement-character]"
        "::caractère U+FFFD",
    ]


def test_github_escapes_carriage_returns() -> None:
    item = notes()
    item.path = "a\r\nb.txt"
    item.diagnostics[0].message = "un\r\ndeux"
    assert render("github", [item]) == (
        "::error file=a%0D%0Ab.txt,line=1,col=7,endLine=1,endColumn=8,title=E001 [replacement-character]"
        "::un%0D%0Adeux\n"
    )


# sarif


def sarif_log() -> dict[str, Any]:
    return json.loads(render("sarif", results()))


def test_sarif_parts_rendered_apart_make_the_log_the_findings_make() -> None:
    """A worker of --jobs renders a file's SARIF results where every code is
    among the rules that ran (the article's, here), and leaves the others
    (the notes' E001) to the report: either way the log is the same bytes,
    its indices included."""
    ctx = ReportContext(rules=rules())
    whole = render("sarif", results(), ctx)
    rendered = results()
    for result in rendered:
        if result.error is None:
            result.fragment = part("sarif")(result, ctx)
    assert [result.fragment is None for result in rendered] == [False, True, True]
    assert render("sarif", pickle.loads(pickle.dumps(rendered)), ctx) == whole
    assert part("sarif")(FileResult(path="empty.txt", text="rien"), ctx) == ""
    assert render("sarif", [FileResult(path="empty.txt", text="rien")], ctx).count('"results": []') == 1


def test_sarif_is_valid_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is absent: {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(sarif_log())]
    assert errors == []


def test_sarif_run_declares_code_points_and_the_tool() -> None:
    log = sarif_log()
    assert (log["$schema"], log["version"]) == ("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == ("mtlint", "https://github.com/mtlint/mtlint")
    assert driver["version"]


def test_sarif_rules_are_sorted_and_every_rule_index_resolves() -> None:
    """The rules that ran by code, then any other code reported (E001 here,
    missing from the context's rules): a file's results rendered apart
    from the run index the rules that ran, which such a code cannot shift."""
    (run,) = sarif_log()["runs"]
    descriptors = run["tool"]["driver"]["rules"]
    assert [descriptor["id"] for descriptor in descriptors] == ["S003", "T001", "E001"]
    assert [result["ruleId"] for result in run["results"]] == ["S003", "T001", "E001"]
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["properties"]["code"] == result["ruleId"]
    colon = descriptors[1]
    assert colon["name"] == "space-before-colon"
    assert colon["shortDescription"]["text"] == "French puts a no-break space before a colon."
    assert colon["defaultConfiguration"]["level"] == "note"
    assert colon["properties"] == {"category": "typography", "tags": ["typography"], "status": "stable"}
    assert descriptors[2]["name"] == "replacement-character"
    assert set(descriptors[2]) == {"id", "name", "properties"}


def test_sarif_results_locate_spans_in_code_points() -> None:
    (run,) = sarif_log()["runs"]
    doubled, colon, replacement = run["results"]
    location = doubled["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "article.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 11,
        "endLine": 1,
        "endColumn": 16,
        "snippet": {"text": "le le"},
    }
    assert [result["level"] for result in run["results"]] == ["warning", "note", "error"]
    assert colon["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert replacement["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes/a%2Cb%3Ac%25.md"
    assert "fixes" not in replacement


def test_sarif_fixes_map_edits_to_deleted_regions() -> None:
    (run,) = sarif_log()["runs"]
    doubled, colon, _ = run["results"]
    (fix,) = doubled["fixes"]
    assert fix["description"]["text"] == "Supprimer le doublon"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "article.txt", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 13, "endLine": 1, "endColumn": 16},
            "insertedContent": {"text": ""},
        }
    ]
    assert colon["fixes"][0]["description"]["text"] == "Apply the suggested fix (unsafe)"


def test_sarif_absolute_paths_become_file_uris() -> None:
    item = notes()
    item.path = "/srv/articles/mon article.txt"
    (run,) = json.loads(render("sarif", [item]))["runs"]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///srv/articles/mon%20article.txt"}


# control characters from the input


def test_no_format_read_by_people_passes_a_control_character_to_the_terminal(tmp_path: Path) -> None:
    """ESC from scraped text or a file's name would colour, move or retitle
    the terminal (or colour a CI log); each control character is shown as
    its picture, one column wide, so that the underline stays under its
    word. A message has none to show (see the next test)."""
    text = "Le texte \x1b[31mrouge\x1b[0m est le le mot.\n"
    at = text.index("le le")
    doubled = Diagnostic(
        "S003", "doubled-word", Category.SEGMENTATION, Severity.WARNING, "« le le » répété", at, at + 5, "le le"
    )
    items = [FileResult("nom\x1b]0;titre\x07\n.txt", text, [doubled])]
    for name in ("full", "concise", "github"):
        shown = render(name, items)
        assert not any(char in shown for char in "\x1b\x07"), name
        assert "␛" in shown, name
    assert render("concise", items).count("\n") == 2, "one line per finding, and the count"
    lines = render("full", items).splitlines()
    excerpt, marker = next(lines[at : at + 2] for at, line in enumerate(lines) if line.startswith("1 | "))
    assert marker.index("^") == excerpt.index("le le"), "each picture takes its character's column"
    assert rich_plain(items, ReportContext()) == render("full", items)


def test_a_message_quoting_a_control_character_shows_its_picture() -> None:
    rule = builtin_registry().rules[0]
    doc = build_document("mot\x1b[2J.")
    assert rule.report(doc, 0, 3, "« mot\x1b[2J »").message == "« mot␛[2J »"


def test_printable_shows_c0_del_and_c1_controls_and_keeps_the_rest() -> None:
    from mtlint.printable import printable

    assert printable("a\x00b\x1bc\x7fd\x9be\tf\ng") == "a␀b␛c␡d\ufffde\tf\ng"
    assert printable("t\tn\n", one_line=True) == "t␉n␊"
    same = "« Déjà » — 漢字\u00a0!"
    assert printable(same) is same
