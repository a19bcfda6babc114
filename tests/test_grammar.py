"""Grammar through LanguageTool (issue 7), against a server that speaks its
HTTP API on 127.0.0.1 inside the tests, and against a real one when
MTLINT_LANGUAGETOOL_URL names it.

Nothing here leaves 127.0.0.1, and language-tool-python is never asked to
find, download or start LanguageTool: every test gives a server URL, except
the one that takes Java away first.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from mtlint.api import build_document
from mtlint.config import read_config
from mtlint.errors import ConfigError
from mtlint.grammar import GrammarError
from mtlint.grammar.matches import Match, Utf16Index, default_disabled, rule_set, split_matches
from mtlint.grammar.rule import LanguageToolRule
from mtlint.grammar.settings import GrammarSettings, server_root
from tests.conftest import ROOT, SEED

# --- a LanguageTool stand-in ------------------------------------------------

MISSPELLINGS = {"recu": ["reçu"], "recieved": ["received"], "teh": ["the", "ten", "tea"]}
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "Spanish", "code": "es", "longCode": "es"},
]
WORD = re.compile(r"\w+")


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool:
    """A stand-in for a LanguageTool server, on 127.0.0.1 in a thread.

    It speaks the part of LanguageTool's documented HTTP API mtlint uses
    (https://languagetool.org/http-api/, "LanguageTool embedded HTTP server"):

    - `GET /v2/languages`: a JSON list of `{name, code, longCode}`;
    - `POST /v2/check`, form-encoded, with `text` (or `data`, annotated text
      as JSON), `language`, and optionally `disabledRules`, `enabledRules`
      and `motherTongue`: a JSON object with `software`, `warnings`,
      `language` and `matches`, each match with `message`, `shortMessage`,
      `replacements` (`[{value}]`), `offset` and `length` counted in UTF-16
      code units as Java counts them, `context` (`{text, offset, length}`),
      `sentence`, and `rule` (`{id, description, issueType, category: {id,
      name}}`). Unknown languages get HTTP 400, too long a text HTTP 413, as
      LanguageTool answers.

    Its matches are deterministic: a word of MISSPELLINGS is a spelling
    mistake (FR_SPELLING_RULE in French, MORFOLOGIK_RULE_EN_US otherwise),
    two spaces are WHITESPACE_RULE, and a paragraph starting in lower case is
    UPPERCASE_SENTENCE_START, each unless `disabledRules` lists it. It
    records every request and counts the TCP connections it accepted.
    """

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.connections = 0
        self.status: int | None = None  # answer every request with this status
        self.delay = 0.0
        self.max_length: int | None = None
        self.incomplete = False
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as LanguageTool's server

            def setup(self) -> None:
                super().setup()
                with fake._lock:
                    fake.connections += 1

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._record("GET", self.path, {})
                if fake.status:
                    self._answer(fake.status, b"Error: simulated failure", "text/plain")
                elif self.path.split("?")[0] == "/v2/languages":
                    self._answer(200, json.dumps(LANGUAGES).encode(), "application/json")
                else:
                    self._answer(404, b"Not found", "text/plain")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
                form = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
                fake._record("POST", self.path, form)
                time.sleep(fake.delay)
                status, payload, kind = fake._check(self.path, form)
                self._answer(status, payload, kind)

            def _answer(self, status: int, payload: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{kind}; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (timeout test)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _record(self, method: str, path: str, form: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((method, path, form))

    @property
    def checks(self) -> list[dict[str, str]]:
        return [form for method, path, form in self.requests if method == "POST" and path == "/v2/check"]

    @property
    def paragraphs_sent(self) -> list[str]:
        return [paragraph for form in self.checks for paragraph in form["text"].split("\n\n")]

    def _check(self, path: str, form: dict[str, str]) -> tuple[int, bytes, str]:
        if self.status:
            return self.status, b"Error: simulated failure", "text/plain"
        if path != "/v2/check":
            return 404, b"Not found", "text/plain"
        if "data" in form:
            annotation = json.loads(form["data"])["annotation"]
            text = "".join(part.get("text", part.get("interpretAs", "")) for part in annotation)
        else:
            text = form["text"]
        language = form.get("language", "")
        if language.lower() not in {code.lower() for item in LANGUAGES for code in (item["code"], item["longCode"])}:
            return 400, f"Error: '{language}' is not a language code known to LanguageTool.".encode(), "text/plain"
        if self.max_length is not None and len(text) > self.max_length:
            message = (
                f"Error: Your text exceeds the limit of {self.max_length} characters (it's {len(text)} characters)."
            )
            return 413, message.encode(), "text/plain"
        disabled = set(filter(None, form.get("disabledRules", "").split(",")))
        matches = [match for match in self._matches(text, language) if match["rule"]["id"] not in disabled]
        answer = {
            "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28", "apiVersion": 1},
            "warnings": {"incompleteResults": self.incomplete},
            "language": {"name": language, "code": language},
            "matches": matches,
        }
        return 200, json.dumps(answer, ensure_ascii=False).encode(), "application/json"

    def _matches(self, text: str, language: str) -> Iterator[dict[str, Any]]:
        spelling = "FR_SPELLING_RULE" if language.startswith("fr") else "MORFOLOGIK_RULE_EN_US"
        found = []
        for word in WORD.finditer(text):
            if word.group().lower() in MISSPELLINGS:
                found.append((word.start(), word.end(), spelling, "misspelling", "TYPOS", MISSPELLINGS[word.group()]))
        for spaces in re.finditer(r"(?<=\S)  +(?=\S)", text):
            found.append((spaces.start(), spaces.end(), "WHITESPACE_RULE", "whitespace", "TYPOGRAPHY", [" "]))
        for paragraph in re.finditer(r"(?:^|(?<=\n\n))([a-zà-ÿ])", text):
            found.append(
                (paragraph.start(), paragraph.end(), "UPPERCASE_SENTENCE_START", "typographical", "CASING", [])
            )
        for start, end, rule_id, issue, category, replacements in sorted(found):
            offset, length = utf16(text[:start]), utf16(text[start:end])
            yield {
                "message": f"Possible mistake ({rule_id}).",
                "shortMessage": "Mistake",
                "replacements": [{"value": value} for value in replacements],
                "offset": offset,
                "length": length,
                "context": {"text": text, "offset": offset, "length": length},
                "sentence": text,
                "type": {"typeName": "Other"},
                "rule": {
                    "id": rule_id,
                    "description": rule_id.lower(),
                    "issueType": issue,
                    "category": {"id": category, "name": category.title()},
                },
            }


@pytest.fixture
def lt() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool()
    yield server
    server.close()


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """tmp_path as the current directory (the cache's root without config).
    Its own MonkeyPatch: run_cli undoes the `monkeypatch` fixture's changes."""
    patch = pytest.MonkeyPatch()
    patch.chdir(tmp_path)
    yield tmp_path
    patch.undo()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def grammar_findings(out: str) -> list[dict[str, Any]]:
    return [record for record in json.loads(out) if record["code"] == "G001"]


MARKDOWN = """# Le rapport

Le ministre a recu une lettre de teh ambassade.

```python
recu = teh()
```

Le texte `recu` reste tel quel.

    recu en bloc de code indenté

Le porte-parole a recu la réponse.
"""


def check_markdown(run_cli: Callable[..., Any], workdir: Path, url: str, *extra: str, text: str = MARKDOWN) -> Any:
    path = workdir / "article.md"
    path.write_text(text, encoding="utf-8")
    return run_cli("check", "--format", "json", "--lang", "fr", "--languagetool-url", url, *extra, str(path))


# --- positions, ids, replacements -------------------------------------------


def test_markdown_findings_at_exact_positions_and_none_from_code(run_cli, workdir, lt) -> None:
    outcome = check_markdown(run_cli, workdir, lt.url)
    assert outcome.err == ""
    found = grammar_findings(outcome.out)
    assert [(d["line"], d["column"], d["text"], d["rule"]) for d in found] == [
        (3, 15, "recu", "LT:FR_SPELLING_RULE"),
        (3, 34, "teh", "LT:FR_SPELLING_RULE"),
        (13, 19, "recu", "LT:FR_SPELLING_RULE"),
    ]
    assert all(d["category"] == "grammar" and d["severity"] == "warning" for d in found)
    # The code block, the indented block and the code span were never sent.
    sent = "\n".join(lt.paragraphs_sent)
    assert "recu = teh()" not in sent and "bloc de code" not in sent and "`" not in sent
    assert all(form["language"] == "fr" for form in lt.checks)


def test_single_replacement_is_an_unsafe_fix_and_several_are_suggestions(run_cli, workdir, lt) -> None:
    found = grammar_findings(check_markdown(run_cli, workdir, lt.url).out)
    recu, teh = found[0], found[1]
    assert recu["suggestions"] == ["reçu"]
    assert recu["fix"] == {
        "applicability": "unsafe",
        "edits": [{"start": recu["start"], "end": recu["end"], "replacement": "reçu"}],
    }
    assert teh["suggestions"] == ["the", "ten", "tea"] and teh["fix"] is None


def test_unsafe_fixes_apply_grammar_replacements(run_cli, workdir, lt) -> None:
    outcome = check_markdown(run_cli, workdir, lt.url, "--fix", "--unsafe-fixes")
    fixed = (workdir / "article.md").read_text(encoding="utf-8")
    assert "Le ministre a reçu une lettre" in fixed and "Le porte-parole a reçu la réponse" in fixed
    assert "recu = teh()" in fixed and "`recu`" in fixed, "code is never fixed"
    assert "teh ambassade" in fixed, "several replacements: no fix"
    assert outcome.code in (0, 1)


def test_emoji_before_a_match_keeps_positions(run_cli, workdir, lt) -> None:
    text = "🎉🎉 Le ministre a recu une lettre 👍🏽 et teh réponse.\n"
    found = grammar_findings(check_markdown(run_cli, workdir, lt.url, text=text).out)
    assert [(d["column"], d["text"]) for d in found] == [(18, "recu"), (40, "teh")]
    assert [text[d["start"] : d["end"]] for d in found] == ["recu", "teh"]


def test_default_disabled_rules_are_sent_and_config_changes_them(run_cli, workdir, lt) -> None:
    text = "le ministre a  dit bonjour.\n"
    found = grammar_findings(check_markdown(run_cli, workdir, lt.url, text=text).out)
    assert found == [], "uppercase start and whitespace are mtlint's own families"
    disabled = lt.checks[0]["disabledRules"].split(",")
    assert {"UPPERCASE_SENTENCE_START", "WHITESPACE_RULE", "FRENCH_WHITESPACE", "FRENCH_WORD_REPEAT_RULE"} <= set(
        disabled
    )
    assert "ENGLISH_WORD_REPEAT_RULE" not in disabled, "other languages' ids stay out"
    (workdir / "mtlint.toml").write_text(
        '[grammar]\nenabled-rules = ["WHITESPACE_RULE"]\ndisabled-rules = ["FR_SPELLING_RULE"]\n', encoding="utf-8"
    )
    (workdir / "article.md").write_text("le ministre a  recu bonjour.\n", encoding="utf-8")
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "--languagetool-url", lt.url, "article.md")
    assert [d["rule"] for d in grammar_findings(outcome.out)] == ["LT:WHITESPACE_RULE"]
    assert lt.checks[-1]["enabledRules"] == "WHITESPACE_RULE"
    assert "FR_SPELLING_RULE" in lt.checks[-1]["disabledRules"].split(",")


def test_source_language_is_the_default_mother_tongue(run_cli, workdir, lt) -> None:
    check_markdown(run_cli, workdir, lt.url, "--source-lang", "es", text="Le ministre a recu une lettre.\n")
    assert lt.checks[0]["motherTongue"] == "es"


def test_long_documents_are_batched_over_one_reused_connection_per_request_in_flight(run_cli, workdir, lt) -> None:
    paragraphs = [f"Le ministre numéro {n} a recu une lettre longue de plusieurs mots. " * 3 for n in range(40)]
    text = "\n\n".join(paragraphs) + "\n"
    found = grammar_findings(check_markdown(run_cli, workdir, lt.url, text=text).out)
    assert len(found) == 120 and {d["text"] for d in found} == {"recu"}
    assert sorted(lt.paragraphs_sent) == sorted(p.strip() for p in paragraphs)
    assert 4 <= len(lt.checks) < 40, "several paragraphs per request, several requests in flight"
    assert lt.connections <= 5, "one connection per request in flight (plus the languages request at most)"


def test_a_request_the_server_finds_too_long_is_split(run_cli, workdir, lt) -> None:
    lt.max_length = 400
    paragraphs = [f"Paragraphe {n} : le ministre a recu une lettre de plusieurs mots." for n in range(30)]
    found = grammar_findings(check_markdown(run_cli, workdir, lt.url, text="\n\n".join(paragraphs) + "\n").out)
    assert len(found) == 30
    lt.max_length = 10
    outcome = check_markdown(run_cli, workdir, lt.url, "--no-cache", text="Le ministre a recu une lettre.\n")
    assert outcome.code == 2 and "longer than the LanguageTool server" in outcome.err


# --- cache ------------------------------------------------------------------


def test_second_run_sends_nothing_for_unchanged_paragraphs(run_cli, workdir, lt) -> None:
    first = check_markdown(run_cli, workdir, lt.url)
    assert len(lt.paragraphs_sent) == 4
    cache = workdir / ".mtlint_cache" / "grammar"
    assert len(list(cache.glob("*/*.json"))) == 4
    assert (workdir / ".mtlint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    lt.requests.clear()
    second = check_markdown(run_cli, workdir, lt.url)
    assert lt.requests == [], "nothing at all is sent: not even the language list"
    assert grammar_findings(second.out) == grammar_findings(first.out)
    changed = MARKDOWN.replace("Le porte-parole a recu", "La porte-parole a recu")
    third = check_markdown(run_cli, workdir, lt.url, text=changed)
    assert lt.paragraphs_sent == ["La porte-parole a recu la réponse."]
    assert len(grammar_findings(third.out)) == 3


def test_cache_depends_on_server_language_and_rules(run_cli, workdir, lt) -> None:
    check_markdown(run_cli, workdir, lt.url)
    sent = len(lt.paragraphs_sent)
    path = workdir / "article.md"
    run_cli("check", "--lang", "fr", "--languagetool-url", lt.url.replace("127.0.0.1", "localhost"), str(path))
    assert len(lt.paragraphs_sent) == 2 * sent, "another server URL: sent again"
    (workdir / "mtlint.toml").write_text('[grammar]\ndisabled-rules = ["X_RULE"]\n', encoding="utf-8")
    run_cli("check", "--lang", "fr", "--languagetool-url", lt.url, str(path))
    assert len(lt.paragraphs_sent) == 3 * sent, "another rule set: sent again"


def test_corrupt_cache_entries_are_ignored_and_rewritten(run_cli, workdir, lt) -> None:
    first = check_markdown(run_cli, workdir, lt.url)
    entries = sorted((workdir / ".mtlint_cache" / "grammar").glob("*/*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_text('{"version": 1, "key": "other", "matches": []}', encoding="utf-8")
    bad_match = {"version": 1, "key": entries[2].stem, "matches": [{"start": -1}]}
    entries[2].write_text(json.dumps(bad_match), encoding="utf-8")
    lt.requests.clear()
    second = check_markdown(run_cli, workdir, lt.url)
    assert len(lt.paragraphs_sent) == 3
    assert grammar_findings(second.out) == grammar_findings(first.out)
    assert all(json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem for entry in entries)


def test_no_cache_reads_and_writes_nothing(run_cli, workdir, lt) -> None:
    check_markdown(run_cli, workdir, lt.url, "--no-cache")
    check_markdown(run_cli, workdir, lt.url, "--no-cache")
    assert len(lt.paragraphs_sent) == 8
    assert not (workdir / ".mtlint_cache" / "grammar").exists()


def test_incomplete_answers_are_not_cached(run_cli, workdir, lt) -> None:
    lt.incomplete = True
    check_markdown(run_cli, workdir, lt.url)
    assert not list((workdir / ".mtlint_cache").glob("grammar/*/*.json"))


def test_unwritable_cache_warns_once_and_goes_on(run_cli, workdir, lt) -> None:
    (workdir / ".mtlint_cache").write_text("not a directory", encoding="utf-8")
    outcome = check_markdown(run_cli, workdir, lt.url)
    assert len(grammar_findings(outcome.out)) == 3
    lines = outcome.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtlint: warning: cannot write the grammar cache")


def test_cache_lives_beside_the_config(run_cli, tmp_path, lt) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[tool.mtlint]\nlang = "fr"\n\n[tool.mtlint.grammar]\nenabled = true\nserver = "{lt.url}/v2/"\n',
        encoding="utf-8",
    )
    (project / "docs" / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--format", "json", str(project / "docs" / "a.md"))
    assert [d["text"] for d in grammar_findings(outcome.out)] == ["recu"]
    assert list((project / ".mtlint_cache" / "grammar").glob("*/*.json"))


# --- failures ---------------------------------------------------------------


def one_line_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mtlint: error: ") and "Traceback" not in err
    return lines[0]


def test_unreachable_server_is_one_line_and_exit_2(run_cli, workdir) -> None:
    url = closed_port_url()
    outcome = check_markdown(run_cli, workdir, url, "--grammar")
    assert outcome.code == 2
    line = one_line_error(outcome.err)
    assert f"cannot reach the LanguageTool server at {url}" in line
    assert "Connection refused" in line and "--languagetool-url" in line


def test_grammar_optional_warns_and_goes_on(run_cli, workdir) -> None:
    text = "Le ministre a  recu une lettre.\n"
    outcome = check_markdown(run_cli, workdir, closed_port_url(), "--grammar=optional", text=text)
    lines = outcome.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtlint: warning: cannot reach")
    assert "going on without grammar" in lines[0]
    records = json.loads(outcome.out)
    assert records and not grammar_findings(outcome.out), "mtlint's own rules still ran"
    assert outcome.code == 1


def test_optional_from_config(run_cli, workdir) -> None:
    (workdir / "mtlint.toml").write_text(
        f'[grammar]\nenabled = "optional"\nserver = "{closed_port_url()}"\n', encoding="utf-8"
    )
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--lang", "fr", "a.md")
    assert outcome.err.startswith("mtlint: warning: cannot reach") and outcome.code in (0, 1)


def test_http_error_is_one_line(run_cli, workdir, lt) -> None:
    lt.status = 500
    outcome = check_markdown(run_cli, workdir, lt.url)
    assert outcome.code == 2
    assert "answered HTTP 500" in one_line_error(outcome.err)


def test_timeout_is_one_line(run_cli, workdir, lt) -> None:
    lt.delay = 3.0
    (workdir / "mtlint.toml").write_text("[grammar]\ntimeout = 0.5\n", encoding="utf-8")
    outcome = check_markdown(run_cli, workdir, lt.url)
    assert outcome.code == 2
    assert "did not answer within 0.5 s" in one_line_error(outcome.err)


def test_unsupported_language_is_one_line(run_cli, workdir, lt) -> None:
    path = workdir / "a.md"
    path.write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--lang", "ja", "--languagetool-url", lt.url, str(path))
    assert outcome.code == 2
    line = one_line_error(outcome.err)
    assert "does not support language 'ja'" in line and str(path) in line


def test_not_a_languagetool_server_is_one_line(run_cli, workdir, lt) -> None:
    outcome = check_markdown(run_cli, workdir, lt.url + "/elsewhere")
    assert outcome.code == 2
    assert "HTTP 404" in one_line_error(outcome.err)


def test_missing_java_for_a_local_server_is_one_line(run_cli, workdir, tmp_path) -> None:
    patch = pytest.MonkeyPatch()
    patch.setenv("PATH", str(tmp_path / "no-java-here"))
    patch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    try:
        (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
        outcome = run_cli("check", "--lang", "fr", "--grammar", "a.md")
    finally:
        patch.undo()
    assert outcome.code == 2
    line = one_line_error(outcome.err)
    assert "Java is not installed" in line and "--languagetool-url" in line
    assert not (tmp_path / "ltp").exists(), "language-tool-python was not even asked"


def test_optional_skips_only_an_unsupported_language(run_cli, workdir, lt) -> None:
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    (workdir / "b.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    (workdir / "mtlint.toml").write_text('[per-file-ignores]\n"a.md" = ["ALL"]\n', encoding="utf-8")
    outcome = run_cli(
        "check", "--format", "json", "--lang", "ja", "--languagetool-url", lt.url, "--grammar=optional", "a.md"
    )
    assert outcome.code == 0 and outcome.err == "", "an ignored file asks nothing"
    outcome = run_cli(
        "check", "--format", "json", "--lang", "ja", "--languagetool-url", lt.url, "--grammar=optional", "b.md"
    )
    assert "does not support language 'ja'" in outcome.err and "going on without grammar for 'ja'" in outcome.err
    assert len(outcome.err.splitlines()) == 1


class StandInLanguageTool:
    """Stands in for `language_tool_python.LanguageTool`, so that the local
    path runs without Java or a download: it "starts" the fake server."""

    url = ""
    closed = 0
    error: Exception | None = None

    def __init__(self, language: str) -> None:
        if StandInLanguageTool.error is not None:
            raise StandInLanguageTool.error

    def close(self) -> None:
        StandInLanguageTool.closed += 1


@pytest.fixture
def local_lt(tmp_path: Path, lt: FakeLanguageTool) -> Iterator[type[StandInLanguageTool]]:
    """Java on PATH (a stub never run) and language-tool-python's LanguageTool
    replaced by the stand-in, which points at the fake server."""
    import language_tool_python

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (bin_dir / "java").chmod(0o755)
    patch = pytest.MonkeyPatch()
    patch.setenv("PATH", str(bin_dir))
    patch.setattr(language_tool_python, "LanguageTool", StandInLanguageTool)
    patch.setattr(StandInLanguageTool, "url", f"{lt.url}/v2/")
    patch.setattr(StandInLanguageTool, "closed", 0)
    patch.setattr(StandInLanguageTool, "error", None)
    yield StandInLanguageTool
    patch.undo()


def test_local_server_started_by_language_tool_python_is_used_and_closed(run_cli, workdir, lt, local_lt) -> None:
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "--grammar", "a.md")
    assert [d["text"] for d in grammar_findings(outcome.out)] == ["recu"]
    assert lt.checks and local_lt.closed == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ("PathError", "cannot find or download LanguageTool"),
        ("ServerError", "the local LanguageTool server did not start"),
        ("SystemError", "requires Java"),
    ],
)
def test_local_server_failures_are_one_line(run_cli, workdir, local_lt, error: str, expected: str) -> None:
    from language_tool_python import exceptions

    kind = getattr(exceptions, error, None) or SystemError
    local_lt.error = kind("Detected java 11.0. LanguageTool requires Java >= 17 for version 6.8.")
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--lang", "fr", "--grammar", "a.md")
    assert outcome.code == 2
    line = one_line_error(outcome.err)
    assert expected in line and "--languagetool-url" in line


def test_bad_url_on_the_command_line(run_cli, workdir) -> None:
    outcome = run_cli("check", "--languagetool-url", "ftp://example.org", "x.md")
    assert outcome.code == 2
    assert "--languagetool-url" in one_line_error(outcome.err)


# --- switching it on and off ------------------------------------------------


def test_grammar_is_off_by_default_and_its_selection_warns(run_cli, workdir, lt) -> None:
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "a.md")
    assert not grammar_findings(outcome.out) and outcome.err == ""
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "--select", "G001", "a.md")
    assert "grammar is off" in outcome.err and lt.requests == []
    assert not (workdir / ".mtlint_cache" / "grammar").exists()


def test_grammar_flag_before_a_path_and_no_grammar(run_cli, workdir, lt) -> None:
    (workdir / "mtlint.toml").write_text(f'[grammar]\nserver = "{lt.url}"\n', encoding="utf-8")
    (workdir / "a.md").write_text("Le ministre a recu une lettre.\n", encoding="utf-8")
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "--grammar", "a.md")
    assert [d["text"] for d in grammar_findings(outcome.out)] == ["recu"]
    (workdir / "mtlint.toml").write_text(f'[grammar]\nenabled = true\nserver = "{lt.url}"\n', encoding="utf-8")
    outcome = run_cli("check", "--format", "json", "--lang", "fr", "--no-grammar", "--no-cache", "a.md")
    assert not grammar_findings(outcome.out)


def test_ignoring_g001_per_file_sends_nothing(run_cli, workdir, lt) -> None:
    (workdir / "mtlint.toml").write_text('[per-file-ignores]\n"*.md" = ["G001"]\n', encoding="utf-8")
    check_markdown(run_cli, workdir, lt.url)
    assert lt.checks == []


def test_rules_lists_and_explains_g001(run_cli) -> None:
    listed = run_cli("rules")
    assert re.search(r"^G001\s+languagetool\s+grammar\s+warning\s+unsafe", listed.out, re.M)
    page = run_cli("explain", "languagetool")
    assert "--grammar" in page.out and "LT:FR_SPELLING_RULE" in page.out


def test_default_run_imports_nothing_of_languagetool() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mtlint", "check", str(SEED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert done.returncode in (0, 1), done.stderr[-2000:]
    heavy = {"language_tool_python", "requests", "mtlint.grammar.client", "mtlint.grammar.service"}
    assert not heavy & imported
    assert not {name for name in imported if name.startswith("language_tool_python.")}


# --- config -----------------------------------------------------------------


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "mtlint.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_config_table_is_read(tmp_path) -> None:
    path = write_config(
        tmp_path,
        '[grammar]\nenabled = true\nserver = "localhost:8081/v2/"\ndisabled-rules = ["EN_QUOTES"]\n'
        'enabled-rules = "WHITESPACE_RULE"\ntimeout = 5\nmother-tongue = "en-GB"\nvariants = { en = "en-GB" }\n',
    )
    assert read_config(path).grammar == GrammarSettings(
        enabled=True,
        server="http://localhost:8081",
        disabled_rules=("EN_QUOTES",),
        enabled_rules=("WHITESPACE_RULE",),
        timeout=5.0,
        mother_tongue="en-GB",
        variants=(("en", "en-GB"),),
    )


def test_pyproject_table_is_read(tmp_path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.mtlint.grammar]\nenabled = "optional"\n', encoding="utf-8")
    grammar = read_config(path).grammar
    assert grammar.enabled and grammar.optional


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("colour = 1", "unknown key 'grammar.colour'"),
        ("enabled = 1", "key 'grammar.enabled'"),
        ('server = "ftp://x"', "key 'grammar.server'"),
        ("timeout = 0", "key 'grammar.timeout'"),
        ('timeout = "5"', "key 'grammar.timeout'"),
        ('disabled-rules = ["A,B"]', "key 'grammar.disabled-rules'"),
        ("enabled-rules = [1]", "key 'grammar.enabled-rules'"),
        ('mother-tongue = "english please"', "key 'grammar.mother-tongue'"),
        ('variants = { en = "en GB" }', "key 'grammar.variants.en'"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path, body: str, expected: str) -> None:
    path = write_config(tmp_path, f"[grammar]\n{body}\n")
    with pytest.raises(ConfigError) as raised:
        read_config(path)
    message = str(raised.value)
    assert str(path) in message and expected in message and "\n" not in message


def test_grammar_must_be_a_table(tmp_path) -> None:
    with pytest.raises(ConfigError, match="key 'grammar': expected a table"):
        read_config(write_config(tmp_path, "grammar = true\n"))


def test_config_error_from_the_cli_is_one_line(run_cli, workdir) -> None:
    (workdir / "mtlint.toml").write_text("[grammar]\nenable = true\n", encoding="utf-8")
    (workdir / "a.md").write_text("Texte.\n", encoding="utf-8")
    outcome = run_cli("check", "a.md")
    assert outcome.code == 2
    assert "unknown key 'grammar.enable'" in one_line_error(outcome.err)


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://localhost:8081", "http://localhost:8081"),
        ("localhost:8081/", "http://localhost:8081"),
        ("https://api.languagetool.org/v2", "https://api.languagetool.org"),
        ("http://host/lt/v2/", "http://host/lt"),
    ],
)
def test_server_root(given: str, root: str) -> None:
    assert server_root(given, "here") == root


# --- units: offsets, matches, rule sets -------------------------------------


def test_utf16_offsets_become_code_points() -> None:
    text = "a😀b👍🏽c"
    index = Utf16Index(text)
    assert index.length == utf16(text) == 9
    assert [index.code_point(n) for n in (0, 1, 3, 4, 6, 8, 9)] == [0, 1, 2, 3, 4, 5, 6]
    assert index.code_point(2) == 1, "inside a surrogate pair: the pair's start"


def raw(offset: int, length: int, rule_id: str = "R", replacements: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "message": "m",
        "offset": offset,
        "length": length,
        "replacements": [{"value": value} for value in replacements],
        "rule": {"id": rule_id, "issueType": "misspelling", "category": {"id": "TYPOS"}},
    }


def test_split_matches_assigns_paragraphs_and_drops_straddling_ones() -> None:
    texts = ["😀 ab", "cd 😀"]  # UTF-16: 5 units each, separator 2
    found, dropped = split_matches([raw(3, 2, "A"), raw(7, 2, "B"), raw(10, 2, "C"), raw(4, 4, "X")], texts, "\n\n")
    assert found == [
        [Match(2, 4, "A", "m", (), "misspelling", "TYPOS")],
        [Match(0, 2, "B", "m", (), "misspelling", "TYPOS"), Match(3, 4, "C", "m", (), "misspelling", "TYPOS")],
    ]
    assert dropped == ["X"]


def test_malformed_match_is_refused() -> None:
    with pytest.raises(ValueError):
        split_matches([{"offset": 0}], ["text"], "\n\n")
    with pytest.raises(ValueError):
        split_matches([raw(0, 2) | {"rule": "R"}], ["text"], "\n\n")


def test_rule_set_follows_the_data_and_the_config() -> None:
    assert {"UPPERCASE_SENTENCE_START", "FRENCH_WHITESPACE"} <= default_disabled("fr")
    assert "ENGLISH_WORD_REPEAT_RULE" in default_disabled("en-US")
    settings = GrammarSettings(disabled_rules=("EN_QUOTES",), enabled_rules=("WHITESPACE_RULE",))
    disabled, enabled = rule_set("en-US", settings)
    assert "EN_QUOTES" in disabled and "WHITESPACE_RULE" not in disabled and enabled == ("WHITESPACE_RULE",)
    assert list(disabled) == sorted(disabled), "a stable order: the cache key depends on it"


class FailingBackend:
    def check(self, lang: str, source_langs: Any, texts: list[str], where: str) -> list[list[Match]]:
        raise GrammarError("boom")


def test_undetermined_language_is_not_sent() -> None:
    doc = build_document("Xyz qwv.", lang="und")
    assert list(LanguageToolRule(FailingBackend()).check(doc, None)) == []


def test_progress_bar_only_on_a_terminal_and_for_more_than_a_few(monkeypatch) -> None:
    from mtlint.grammar import service

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    assert service._progress(service.PROGRESS_ABOVE) is None
    assert service._progress(service.PROGRESS_ABOVE + 1) is not None
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert service._progress(100) is None


# --- a real LanguageTool ----------------------------------------------------

REAL = os.environ.get("MTLINT_LANGUAGETOOL_URL")


@pytest.mark.skipif(not REAL, reason="MTLINT_LANGUAGETOOL_URL is not set: no real LanguageTool server to test against")
def test_against_a_real_server(run_cli, workdir) -> None:
    path = workdir / "article.md"
    path.write_text(
        "# Report\n\n👉 The minister recieved the letter yesterday.\n\n```\nrecieved = 1\n```\n", encoding="utf-8"
    )
    outcome = run_cli("check", "--format", "json", "--lang", "en", "--languagetool-url", REAL, "--no-cache", str(path))
    assert outcome.code in (0, 1), outcome.err
    found = grammar_findings(outcome.out)
    spelling = [d for d in found if d["text"] == "recieved"]
    assert spelling and spelling[0]["line"] == 3 and spelling[0]["column"] == 16
    assert spelling[0]["rule"].startswith("LT:") and "received" in spelling[0]["suggestions"]
    assert all(d["line"] == 3 for d in found), "nothing from the code block"


def test_with_grammar_on_only_languagetools_bar_is_drawn(lt: FakeLanguageTool, workdir: Path, monkeypatch) -> None:
    """Two live bars on one terminal garble each other: with grammar on, the
    files' bar gives way to LanguageTool's paragraphs (the slow part)."""
    from mtlint import runner
    from mtlint.runner import Runner

    delays: list[float | None] = []
    drawn = runner._Bar.__init__

    def recorded(bar: Any, delay: float | None, total: int) -> None:
        delays.append(delay)
        drawn(bar, delay, total)

    monkeypatch.setattr(runner._Bar, "__init__", recorded)
    (workdir / "a.txt").write_text("Un texte.\n", encoding="utf-8")
    overrides = {"lang": "fr", "grammar": {"enabled": True, "server": lt.url}}
    Runner(overrides).check_paths(["a.txt"], 1, progress=1.0)
    Runner({"lang": "fr"}).check_paths(["a.txt"], 1, progress=1.0)
    assert delays == [None, 1.0]
    assert lt.checks, "LanguageTool was asked"
