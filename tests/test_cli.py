"""The command line end to end, on real files on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

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


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column computed the slow, obvious way (LF, CRLF, lone CR)."""
    lines = text[:offset].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


def test_seed_full_report_exits_1(run_cli) -> None:
    result = run_cli("check", str(SEED))
    assert result.code == 1
    assert "E002" in result.out and "email-protected-placeholder" in result.out
    assert ":20:" in result.out
    assert "^^^^" in result.out
    assert "Found " in result.out and "2 encoding" in result.out.replace("  ", " ")
    assert result.err == ""


def test_json_contract_on_seed(run_cli) -> None:
    result = run_cli("check", "--format", "json", str(SEED))
    assert result.code == 1
    text = SEED.read_text(encoding="utf-8")
    records = json.loads(result.out)
    assert records
    for record in records:
        assert list(record) == CONTRACT_FIELDS
        assert record["text"] == text[record["start"] : record["end"]]
        assert (record["line"], record["column"]) == position(text, record["start"])
        assert (record["end_line"], record["end_column"]) == position(text, record["end"])
        assert record["severity"] in ("error", "warning", "info")


def test_rules_json_lists_contract_categories(run_cli) -> None:
    result = run_cli("rules", "--format", "json")
    assert result.code == 0
    rules = json.loads(result.out)
    categories = {"encoding", "quotes", "untranslated", "segmentation", "boilerplate", "typography", "grammar"}
    for rule in rules:
        assert rule["category"] in categories
        assert {"code", "rule", "category", "severity", "languages", "fixable", "summary", "examples"} <= set(rule)
    assert {rule["code"] for rule in rules} >= {"E001", "E002", "T001"}


def test_rules_text_and_explain(run_cli) -> None:
    listed = run_cli("rules")
    assert listed.code == 0 and "multiple-spaces" in listed.out
    by_name = run_cli("explain", "multiple-spaces")
    by_code = run_cli("explain", "T001")
    assert by_name.code == by_code.code == 0
    assert by_name.out == by_code.out
    assert "Fix: safe" in by_name.out and "Examples:" in by_name.out
    unknown = run_cli("explain", "nope")
    assert unknown.code == 2 and unknown.err.count("\n") == 1


def test_missing_file_is_one_line_exit_2_after_the_others(run_cli, tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Le Kremlin a  déclaré.\n", encoding="utf-8")
    result = run_cli("check", "--format", "concise", str(tmp_path / "missing.txt"), str(good))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "missing.txt" in result.err and "Traceback" not in result.err
    assert "T001" in result.out, "the other file is still checked"


def test_unknown_config_key_is_one_line_exit_2(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mtlint.toml").write_text('selekt = ["E"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("texte\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "mtlint.toml" in result.err and "selekt" in result.err


def test_bad_config_value_and_bad_selector(run_cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtlint]\nfail-on = "sometimes"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("texte\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.code == 2 and "fail-on" in result.err and result.err.count("\n") == 1
    result = run_cli("check", "--select", "nonsense", "--config", str(SEED.parent / "missing.toml"), str(SEED))
    assert result.code == 2 and result.err.count("\n") == 1


def test_bad_arguments_are_one_line(run_cli) -> None:
    result = run_cli("check", "--format", "xml", str(SEED))
    assert result.code == 2 and result.err.count("\n") == 1
    unknown = run_cli("check", "--select", "Z999", str(SEED))
    assert unknown.code == 2 and "Z999" in unknown.err


def test_markdown_placeholder_reported_once_in_prose(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(
        "# Contact\n"
        "\n"
        "Écrivez-nous à [email protected] pour toute question.\n"
        "\n"
        "```\n"
        "mail: [email protected]\n"
        "```\n"
        "\n"
        "Le code `[email protected]` est un exemple.\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--format", "json", "--select", "E002", str(article))
    records = json.loads(result.out)
    assert [(r["code"], r["line"], r["column"]) for r in records] == [("E002", 3, 16)]


def test_fix_twice_on_crlf_keeps_line_endings(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    original = "Le Kremlin a  déclaré.\r\nPeskov   a répondu.\r\n".encode()
    article.write_bytes(original)
    first = run_cli("check", "--fix", str(article))
    fixed = article.read_bytes()
    assert fixed == "Le Kremlin a déclaré.\r\nPeskov a répondu.\r\n".encode()
    assert first.code == 0
    second = run_cli("check", "--fix", str(article))
    assert article.read_bytes() == fixed and second.code == 0


def test_fix_keeps_bom_and_utf16(run_cli, tmp_path: Path) -> None:
    bom8 = tmp_path / "bom8.txt"
    bom8.write_bytes(b"\xef\xbb\xbf" + b"a  b\n")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("\ufeffa  b\r\n".encode("utf-16-le"))
    run_cli("check", "--fix", str(bom8), str(utf16))
    assert bom8.read_bytes() == b"\xef\xbb\xbfa b\n"
    assert utf16.read_bytes() == "\ufeffa b\r\n".encode("utf-16-le")


def test_diff_writes_nothing(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Le Kremlin a  déclaré.\n", encoding="utf-8")
    result = run_cli("check", "--diff", str(article))
    assert result.code == 1
    assert "-Le Kremlin a  déclaré." in result.out and "+Le Kremlin a déclaré." in result.out
    assert article.read_text(encoding="utf-8") == "Le Kremlin a  déclaré.\n"


def test_invalid_utf8_names_the_encoding(run_cli, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président de la République a déclaré à la presse.\n".encode("cp1252"))
    result = run_cli("check", str(latin))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "latin.txt" in result.err and "UTF-8" in result.err


def test_binary_named_file_is_an_error(run_cli, tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"abc\x00def")
    result = run_cli("check", str(blob))
    assert result.code == 2 and "binary" in result.err


def test_stdin_with_filename(run_cli) -> None:
    text = "Écrivez à [email protected]\n\n```\n[email protected]\n```\n"
    result = run_cli(
        "check", "--format", "concise", "--select", "E", "-", "--stdin-filename", "note.md", stdin=text.encode()
    )
    assert result.code == 1
    assert result.out.startswith("note.md:1:11: error E002")
    assert result.out.count("E002") == 1


def test_stdin_fix_prints_fixed_text(run_cli) -> None:
    result = run_cli("check", "--fix", "--format", "concise", "-", stdin=b"a  b\n")
    assert result.out == "a b\n"
    assert result.code == 0


def test_selection_by_code_prefix_name_and_category(run_cli) -> None:
    def codes(*flags: str) -> set[str]:
        out = run_cli("check", "--format", "json", *flags, "-", stdin="x  y \ufffd [email protected]\n".encode()).out
        return {record["code"] for record in json.loads(out)} & {"E001", "E002", "T001"}

    assert codes() == {"E001", "E002", "T001"}
    assert codes("--select", "E") == {"E001", "E002"}
    assert codes("--select", "encoding", "--ignore", "E002") == {"E001"}
    assert codes("--ignore", "multiple-spaces") == {"E001", "E002"}
    assert codes("--select", "T001", "--extend-select", "replacement-character") == {"E001", "T001"}
    assert codes("--select", "E001", "--ignore", "E") == {"E001"}, "the more specific selector wins"


def test_fail_on_levels(run_cli) -> None:
    text = b"x  y\n"
    assert run_cli("check", "-", stdin=text).code == 1
    assert run_cli("check", "--fail-on", "error", "-", stdin=text).code == 0
    assert run_cli("check", "--fail-on", "never", "-", stdin="\ufffd".encode()).code == 0


def test_directory_walk_respects_gitignore_and_globs(run_cli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored/\nskip.txt\n", encoding="utf-8")
    for name in ("a.txt", "b.md", "skip.txt", "ignored/c.txt", "sub/d.txt", "image.png", "node_modules/e.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x  y\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path))
    paths = sorted(Path(record["path"]).relative_to(tmp_path).as_posix() for record in json.loads(result.out))
    assert paths == ["a.txt", "b.md", "sub/d.txt"]
    named = run_cli("check", "--format", "json", str(tmp_path / "skip.txt"))
    assert len(json.loads(named.out)) == 1, "a file named on the command line is always checked"


def test_per_file_ignores_vocabulary_and_rule_tables(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mtlint.toml").write_text(
        'vocabulary = ["Ab  cd"]\n[per-file-ignores]\n"legacy/*" = ["typography"]\n[rules.E001]\nseverity = "info"\n',
        encoding="utf-8",
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.txt").write_text("x  y\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("Ab  cd et x  y \ufffd\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path))
    records = json.loads(result.out)
    assert [(Path(r["path"]).name, r["code"], r["column"], r["severity"]) for r in records] == [
        ("new.txt", "T001", 12, "warning"),
        ("new.txt", "E001", 16, "info"),
    ]


def test_rule_option_errors(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mtlint.toml").write_text("[rules.T001]\nwidth = 3\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.code == 2 and "rules.T001.width" in result.err and result.err.count("\n") == 1


def test_user_pack_from_config(run_cli, tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(
        '[[rules]]\ncode = "H001"\nname = "no-foo"\nkind = "pattern"\ncategory = "typography"\n'
        'severity = "warning"\npattern = "foo"\nmessage = "no {match}"\nsummary = "s"\nexplanation = "e"\n'
        'examples = [{ bad = "⟦foo⟧" }, { good = "bar" }]\n',
        encoding="utf-8",
    )
    (tmp_path / "mtlint.toml").write_text('rule-paths = ["house.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("un foo ici\n", encoding="utf-8")
    result = run_cli("check", "--format", "concise", str(tmp_path / "a.txt"))
    assert result.code == 1 and "H001 [no-foo] no foo" in result.out
    (tmp_path / "house.toml").write_text('[[rules]]\ncode = "H001"\nkind = "pattern"\npattern = "("\n')
    broken = run_cli("check", str(tmp_path / "a.txt"))
    assert broken.code == 2 and broken.err.count("\n") == 1 and "house.toml" in broken.err


def test_suppression_comments_and_fix(run_cli, tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "Un  texte.\n"
        "<!-- mtlint-disable-next-line T001 -->\n"
        "Deux  espaces.\n"
        "<!-- mtlint-disable multiple-spaces -->\n"
        "Trois  espaces.\n"
        "<!-- mtlint-enable -->\n"
        "Quatre  espaces.\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--format", "json", str(article))
    assert [r["line"] for r in json.loads(result.out)] == [1, 7]
    run_cli("check", "--fix", str(article))
    text = article.read_text(encoding="utf-8")
    assert "Un texte." in text and "Quatre espaces." in text
    assert "Deux  espaces." in text and "Trois  espaces." in text, "--fix never edits a suppressed region"


def test_statistics_and_github(run_cli) -> None:
    stats = run_cli("check", "--statistics", "--select", "E002", str(SEED))
    assert stats.out.split() == ["2", "E002", "email-protected-placeholder"]
    github = run_cli("check", "--format", "github", str(SEED))
    assert "::notice file=" in github.out
    assert "::error file=" in github.out and "::warning file=" in github.out


def test_sarif_output_validates(run_cli) -> None:
    import pytest

    jsonschema = pytest.importorskip("jsonschema")
    schema_path = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"the official SARIF schema is not at {schema_path}")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    log = json.loads(run_cli("check", "--format", "sarif", str(SEED)).out)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_version_and_module_entry() -> None:
    result = subprocess.run([sys.executable, "-m", "mtlint", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("mtlint ")


def test_progress_bar_goes_to_a_terminal_on_stderr_not_into_the_output(tmp_path: Path) -> None:
    """On a real pseudo-terminal: the bar is drawn on stderr while the report,
    redirected to a file, stays plain text."""
    pty = pytest.importorskip("pty")
    for index in range(60):
        (tmp_path / f"article-{index:02d}.txt").write_text("Un texte « sans fin.\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    terminal, stderr = pty.openpty()
    with report.open("w", encoding="utf-8") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "mtlint", "check", "--lang", "fr", "--no-cache", "--jobs", "2", str(tmp_path)],
            stdout=stdout,
            stderr=stderr,
            cwd=ROOT,
        )
    os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert process.wait(timeout=60) == 1
    assert b"checking" in shown
    text = report.read_text(encoding="utf-8")
    assert "\x1b" not in text and text.count("Q001") == 60


@pytest.mark.parametrize("columns", ["60", "132", "0", "", "nonsense"])
def test_help_is_as_wide_as_argparse_makes_it(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    """mtlint's help formatter finds the terminal's width without `shutil`
    (which argparse would import in every run) and finds what argparse's own
    formatter finds."""
    import argparse

    from mtlint.cli import Formatter

    monkeypatch.setenv("COLUMNS", columns)
    ours, theirs = Formatter("mtlint"), argparse.HelpFormatter("mtlint")
    assert (ours._width, ours._max_help_position) == (theirs._width, theirs._max_help_position)


def test_a_run_collects_garbage_less_often_and_gives_the_collector_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A check makes millions of objects and almost no cyclic garbage: it
    runs with higher collector thresholds, and a caller of `main` (a test, a
    script) gets its own back, whatever the run ends in."""
    import gc

    from mtlint import cli

    during: list[tuple[int, ...]] = []

    def check(args: object, held: list) -> int:
        during.append(gc.get_threshold())
        raise cli.MtlintError("stop here")

    monkeypatch.setattr(cli, "_check", check)
    before = gc.get_threshold()
    assert cli.main(["check", str(tmp_path)]) == cli.EXIT_FAILED
    assert during == [cli.COLLECTOR_THRESHOLDS] != [before]
    assert gc.get_threshold() == before


#: `mtlint` (cli.run) on the files of argv, saying on stderr when the check
#: is over and when a collection starts
WATCHED_SCRIPT = """
import gc, os, sys
from mtlint import cli
check = cli._check
def checked(args, held):
    code = check(args, held)
    os.write(2, b"checked\\n")
    return code
cli._check = checked
gc.callbacks.append(lambda phase, info: phase == "start" and os.write(2, b"collection\\n"))
sys.argv = ["mtlint", "check", "--no-cache", *sys.argv[1:]]
cli.run()
"""


def test_the_script_starts_no_collection_on_its_way_out(tmp_path: Path) -> None:
    """A process about to end gains nothing from a collection: the script
    keeps the higher thresholds to its exit. Set back to CPython's, they
    made the next object start a collection of all objects made since the
    last one (3-8 ms of a start-up, 10-30 ms after 1,000 articles)."""
    path = tmp_path / "article.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**buffered_environment(), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", WATCHED_SCRIPT, str(path)], env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "Found" in done.stdout
    assert done.stderr.split("checked\n")[1:] == [""]


def test_a_terminal_gets_a_bar_at_once_for_many_files_and_after_a_second_for_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtlint import cli
    from mtlint.runner import Runner

    asked: list[float | None] = []

    def check_paths(self: Runner, shown: list[str], jobs: int, progress: float | None = None, **_: object) -> list:
        asked.append(progress)
        return []

    monkeypatch.setattr(Runner, "check_paths", check_paths)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    for index in range(cli.PROGRESS_FROM + 1):
        (tmp_path / f"a{index:02d}.txt").write_text("Texte.\n", encoding="utf-8")
    one = str(tmp_path / "a00.txt")
    for argv in (["check", one], ["check", str(tmp_path)], ["check", "--format", "json", one], ["check", "-q", one]):
        cli.main(argv)
    assert asked == [cli.PROGRESS_AFTER, 0.0, None, None]


def many_findings(folder: Path) -> Path:
    """A file whose report is far larger than a pipe holds (64 KB)."""
    folder.mkdir()
    path = folder / "many.txt"
    path.write_text("Il a dit « bonjour. Ã© \n\n" * 3000, encoding="utf-8")
    return path


def buffered_environment() -> dict[str, str]:
    """This environment, with standard output buffered as it is by default
    (PYTHONUNBUFFERED would hide output left in a buffer)."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def test_the_script_writes_its_whole_report_before_it_leaves(run_cli, tmp_path: Path) -> None:
    """`mtlint` (cli.run) leaves through os._exit, without the interpreter's
    teardown: what it wrote must all be out first, through a pipe too."""
    path = many_findings(tmp_path / "docs")
    in_process = run_cli("check", "--format", "json", "--no-cache", str(path))
    env = {**buffered_environment(), "PYTHONPATH": str(ROOT)}
    script = subprocess.run(
        [sys.executable, "-m", "mtlint", "check", "--format", "json", "--no-cache", str(path)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert len(script.stdout) > 1_000_000
    assert script.returncode == in_process.code == 1
    assert script.stdout == in_process.out
    assert json.loads(script.stdout)


def test_a_reader_that_stops_early_gets_exit_2_and_no_traceback(tmp_path: Path) -> None:
    """`mtlint check … | head -1`: the pipe breaks while mtlint writes; it
    stops with exit code 2 and says nothing more (Python's own exit would
    report the failed flush and exit 120)."""
    path = many_findings(tmp_path / "docs")
    env = {**buffered_environment(), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mtlint", "check", "--format", "concise", "--no-cache", str(path)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(str(path).encode())
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=60) == 2
    assert error == b""
