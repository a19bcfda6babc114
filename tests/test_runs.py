"""Whole runs: parallel processes, the result cache, skipped files, timing,
and --fix killed at random moments, on real files and real processes."""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from mtlint.report import FORMATS
from mtlint.runner import PARALLEL_MIN, RESULTS_FILE, RESULTS_VERSION, Runner
from tests.conftest import ROOT, SEED

ARTICLE = "Le Kremlin a  déclaré « oui ». Écrivez à [email protected] ou à la rédaction.\n"


def articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"a{index:03d}.txt"
        path.write_text(ARTICLE * (1 + index % 3), encoding="utf-8")
        paths.append(path)
    return paths


def mtlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mtlint", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_jobs_give_identical_output_in_a_stable_order(tmp_path: Path) -> None:
    articles(tmp_path / "docs", 40)
    one = mtlint("check", "--format", "json", "--lang", "fr", "--no-cache", "-j", "1", "docs", cwd=tmp_path)
    two = mtlint("check", "--format", "json", "--lang", "fr", "--no-cache", "-j", "2", "docs", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    paths = [record["path"] for record in json.loads(one.stdout)]
    assert paths == sorted(paths)


@pytest.mark.parametrize("options", [[f"--format={name}"] for name in FORMATS] + [["--fail-on=error"], ["--quiet"]])
def test_every_report_is_the_same_from_workers_and_from_the_cache(tmp_path: Path, options: list[str]) -> None:
    """Files linted in workers come back as their parts of the report,
    rendered there (`FileResult.fragment`); results read from the cache are
    rendered here, beside one file linted anew. Every report and exit code
    is the one a run on one process without the cache gives."""
    paths = articles(tmp_path / "docs", 40)
    one = mtlint("check", "--lang", "fr", *options, "--no-cache", "-j", "1", "docs", cwd=tmp_path)
    two = mtlint("check", "--lang", "fr", *options, "-j", "2", "docs", cwd=tmp_path)
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
    paths[7].write_text(ARTICLE.replace("oui", "non"), encoding="utf-8")
    one = mtlint("check", "--lang", "fr", *options, "--no-cache", "-j", "1", "docs", cwd=tmp_path)
    again = mtlint("check", "--lang", "fr", *options, "-j", "2", "docs", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (one.returncode, one.stdout)


def test_sarif_from_workers_lists_the_rules_of_every_configuration_once(tmp_path: Path) -> None:
    """SARIF's rules' table holds the rules of every configuration the run
    met (here the working folder's, which selects G001 with grammar off,
    and two folders' own): the workers of --jobs render their files'
    results against the table the report will hold, and build no plan of
    their own, so the warning about G001 is said once."""
    (tmp_path / "mtlint.toml").write_text('extend-select = ["G001"]\n', encoding="utf-8")
    articles(tmp_path / "docs" / "a", 20)
    articles(tmp_path / "docs" / "b", 20)
    (tmp_path / "docs" / "a" / "mtlint.toml").write_text('select = ["typography"]\n', encoding="utf-8")
    (tmp_path / "docs" / "b" / "mtlint.toml").write_text('select = ["quotes", "segmentation"]\n', encoding="utf-8")
    one = mtlint("check", "--lang", "fr", "--format", "sarif", "--no-cache", "-j", "1", "docs", cwd=tmp_path)
    two = mtlint("check", "--lang", "fr", "--format", "sarif", "--no-cache", "-j", "2", "docs", cwd=tmp_path)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert two.stderr.count("grammar is off") == 1
    (run,) = json.loads(two.stdout)["runs"]
    categories = {rule["properties"]["category"] for rule in run["tool"]["driver"]["rules"]}
    assert {"typography", "quotes", "segmentation", "encoding"} <= categories
    assert {result["properties"]["category"] for result in run["results"]} == {"typography", "segmentation"}


def cached_rows(cache: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(cache / RESULTS_FILE)) as database:
        return sorted(database.execute("SELECT key, value FROM results"))


def test_result_cache_is_used_trusted_only_when_valid_and_ignores_itself(tmp_path: Path) -> None:
    articles(tmp_path / "docs", 3)
    first = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    cache = tmp_path / ".mtlint_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert (
        (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    rows = cached_rows(cache)
    assert len(rows) == 3
    with closing(sqlite3.connect(cache / RESULTS_FILE)) as database, database:
        database.execute("UPDATE results SET value = '{not json'")
    again = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    assert again.stdout == first.stdout, "corrupt entries are ignored, not trusted"
    assert cached_rows(cache) == rows, "and written again"
    (cache / RESULTS_FILE).write_bytes(b"not a database, and long enough to look like one's header" * 20)
    again = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    assert again.stdout == first.stdout and again.stderr == "", "a damaged database is not trusted"
    assert cached_rows(cache) == rows, "and is made again"
    with closing(sqlite3.connect(cache / RESULTS_FILE)) as database:
        database.execute(f"PRAGMA user_version = {RESULTS_VERSION + 1}")
    again = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    assert again.stdout == first.stdout, "another format's results are not read"
    assert cached_rows(cache) == rows
    (tmp_path / "docs" / "a000.txt").write_text("Texte propre.\n", encoding="utf-8")
    changed = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    assert "a000.txt" not in changed.stdout, "a changed file is linted again"
    (tmp_path / "mtlint.toml").write_text('ignore = ["E002"]\n', encoding="utf-8")
    reconfigured = mtlint("check", "--format", "json", "--lang", "fr", "docs", cwd=tmp_path)
    assert "E002" not in reconfigured.stdout, "a changed config is not served from the cache"


def imported(cwd: Path, argv: list[str], watched: set[str]) -> tuple[str, list[str]]:
    """The output of `mtlint <argv>` run in a new process, and which of the
    `watched` modules it imported (not those the environment's own start-up
    imported before mtlint: a base Python may import some at site)."""
    probe = (
        "import sys; before = set(sys.modules); from mtlint.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"loaded = sorted({watched!r} & (set(sys.modules) - before))\n"
        "import json; print(json.dumps(loaded), file=sys.stderr)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True)
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_an_unchanged_rerun_loads_no_rule_no_toml_parser_and_no_temp_files(tmp_path: Path) -> None:
    """What the cache saves is only worth it if the re-run skips the imports
    too: the rules (and `regex`), the TOML parser without a config file,
    tempfile when nothing is written, the workers' pool and `signal` with no
    worker to start, the packs' loader (only their files are stamped),
    `threading` with no progress bar to draw, and hashlib, which loads
    OpenSSL (the keys are BLAKE2's, `mtlint.cache.hashed`)."""
    articles(tmp_path / "docs", 3)
    mtlint("check", "--lang", "fr", "docs", cwd=tmp_path)
    watched = {"mtlint.engine", "regex", "tomli", "tomllib", "tempfile", "mtlint.pool", "signal", "mtlint.packs"}
    watched |= {"threading", "hashlib"}
    out, loaded = imported(tmp_path, ["check", "--lang", "fr", "docs"], watched)
    assert "E002" in out, "the cached findings are reported"
    assert loaded == []


def test_a_check_imports_what_it_uses(tmp_path: Path) -> None:
    """Start-up is most of checking one article: modules imported for one
    convenience each (dataclasses and the inspect module it pulls in,
    importlib.resources) cost more than linting the article. The default
    format loads rich's console only to colour a terminal: CI logs and
    pre-commit's captured output are plain text. Without the result cache
    (--no-cache, --fix) neither hashlib nor json is needed; shutil only for
    help (argparse's width, see mtlint.cli.Formatter)."""
    articles(tmp_path / "docs", 1)
    watched = {"dataclasses", "inspect", "importlib.resources", "rich.console", "hashlib", "json", "shutil"}
    watched.add("mtlint.engine")
    for argv in (["--format", "concise"], []):
        out, loaded = imported(tmp_path, ["check", "--no-cache", *argv, "--lang", "fr", "docs"], watched)
        assert "docs" in out
        assert loaded == ["mtlint.engine"], "the rules ran, and nothing else came"


def test_results_read_from_the_cache_are_left_out_of_collections(tmp_path: Path, monkeypatch) -> None:
    """An unchanged repository's results live to the end of the run: the
    collector is kept off them (frozen), and is on again afterwards."""
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", PARALLEL_MIN)]
    Runner({"lang": "fr"}).check_paths(paths, jobs=1)
    frozen_before = gc.get_freeze_count()
    try:
        results = Runner({"lang": "fr"}).check_paths(paths, jobs=2)
        frozen = gc.get_freeze_count() - frozen_before
    finally:
        gc.unfreeze()
    assert gc.isenabled()
    findings = sum(len(result.diagnostics) for result in results)
    assert findings >= 2 * PARALLEL_MIN, "the findings came back from the cache"
    assert frozen >= findings


def test_a_file_is_linted_and_fixed_without_a_collection(tmp_path: Path, monkeypatch) -> None:
    """A document's lint makes objects that all live until it is done, and
    no cycle: no collection starts while one is linted (or fixed, which
    lints it again), however low the thresholds; the collector is on again
    afterwards, and a caller that had it off finds it off."""
    from mtlint.engine import Plan

    monkeypatch.chdir(tmp_path)
    (path,) = articles(tmp_path / "docs", 1)
    linting: list[bool] = []
    collections: list[int] = []
    run = Plan.run

    def watched_run(plan: Plan, *args: object, **kwargs: object) -> object:
        linting.append(True)
        try:
            return run(plan, *args, **kwargs)
        finally:
            linting.append(False)

    def watch(phase: str, info: dict) -> None:
        if phase == "start" and linting[-1:] == [True]:
            collections.append(info["generation"])

    monkeypatch.setattr(Plan, "run", watched_run)

    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(watch)
    try:
        linted = Runner({"lang": "fr", "no_cache": True}).check_path(str(path.relative_to(tmp_path)))
        assert gc.isenabled()
        fixed = Runner({"lang": "fr", "no_cache": True, "fix": True}).check_path(str(path.relative_to(tmp_path)))
        assert gc.isenabled()
        gc.disable()
        Runner({"lang": "fr", "no_cache": True}).check_path(str(path.relative_to(tmp_path)))
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.callbacks.remove(watch)
        gc.set_threshold(*thresholds)
    assert linted.diagnostics and fixed.fixed, "the article was linted, then fixed"
    assert linting.count(True) >= 4
    assert collections == []


def test_a_run_in_another_format_reads_the_results_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The format, the failing level and which files are walked decide what
    is shown, not what a file's findings are: the results' keys leave them
    out, and a change of config that does decide findings still counts."""
    monkeypatch.chdir(tmp_path)
    paths = [str(path.relative_to(tmp_path)) for path in articles(tmp_path / "docs", 2)]
    first = Runner({"lang": "fr"}).check_paths(paths, jobs=1)
    with monkeypatch.context() as unlinted:
        unlinted.setattr(Runner, "_lint", None)
        again = Runner({"lang": "fr", "format": "json", "fail_on": "error"}).check_paths(paths, jobs=1)
    assert [result.diagnostics for result in again] == [result.diagnostics for result in first]
    ignored = Runner({"lang": "fr", "format": "json", "ignore": ("E002",)}).check_paths(paths, jobs=1)
    assert "E002" not in {diagnostic.code for result in ignored for diagnostic in result.diagnostics}


def test_no_cache_and_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles(tmp_path / "docs", 2)
    mtlint("check", "--no-cache", "docs", cwd=tmp_path)
    assert not (tmp_path / ".mtlint_cache").exists()
    mtlint("check", "--cache-dir", "elsewhere", "docs", cwd=tmp_path)
    assert (tmp_path / "elsewhere" / ".mtlint_cache" / RESULTS_FILE).is_file()
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "from-env"))
    mtlint("check", "docs", cwd=tmp_path)
    assert (tmp_path / "from-env" / ".mtlint_cache" / RESULTS_FILE).is_file()
    mtlint("check", "--cache-dir", "flag", "docs", cwd=tmp_path)
    assert (tmp_path / "flag" / ".mtlint_cache").is_dir(), "the flag wins over the environment"
    assert not (tmp_path / ".mtlint_cache").exists()


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    articles(tmp_path / "docs", 60)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mtlint", "check", "--format", "json", "--lang", "fr", "-j", "1", "docs"]
    runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs[0] == outputs[1]
    rows = cached_rows(tmp_path / ".mtlint_cache")
    assert len(rows) == 60
    assert all(isinstance(json.loads(value), list) for _, value in rows)
    assert sorted(path.name for path in (tmp_path / ".mtlint_cache").iterdir()) == [
        ".gitignore",
        "CACHEDIR.TAG",
        RESULTS_FILE,
    ], "no journal is left behind"


@pytest.mark.parametrize("count", [1, 40])
def test_binary_files_skipped_in_walks_said_with_verbose(tmp_path: Path, count: int) -> None:
    """Found by reading them, in one process or in a worker (40 files), in
    a cold run and in one answered from the cache: skipped, not an error."""
    articles(tmp_path / "docs", count)
    (tmp_path / "docs" / "a000.bin.txt").write_bytes(b"abc\x00\x01\x02")
    (tmp_path / "docs" / "zz.txt").write_bytes(b"\x00" * 9000 + b"text")
    for cached in ("--no-cache", "--no-cache", "--cache-dir=cache", "--cache-dir=cache"):
        quiet = mtlint("check", "--format", "json", cached, "docs", cwd=tmp_path)
        assert quiet.returncode == 1 and quiet.stderr == ""
        assert {record["path"] for record in json.loads(quiet.stdout)} == {f"docs/a{i:03d}.txt" for i in range(count)}
    verbose = mtlint("check", "--format", "concise", "--verbose", "--jobs", "2", "docs", cwd=tmp_path)
    skipped = [line for line in verbose.stderr.splitlines() if line.startswith("mtlint: skipped")]
    assert skipped == ["mtlint: skipped docs/a000.bin.txt: binary file", "mtlint: skipped docs/zz.txt: binary file"]
    named = mtlint("check", "docs/zz.txt", cwd=tmp_path)
    assert named.returncode == 2 and "docs/zz.txt: binary file" in named.stderr


def test_unreadable_and_looping_files_are_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    good = tmp_path / "good.txt"
    good.write_text("Texte propre.\n", encoding="utf-8")
    result = mtlint("check", "loop.txt", "good.txt", "missing.txt", "", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and "loop.txt" in lines[0] and "loop" in lines[0]
    assert "Traceback" not in result.stderr


def test_empty_file_is_clean(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert mtlint("check", "empty.txt", cwd=tmp_path).returncode == 0


def test_timing_prints_time_per_rule(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MTLINT_TIMING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mtlint", "check", "--format", "concise", str(SEED)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "time per rule" in result.stderr and "Q001" in result.stderr


def test_fix_killed_at_random_moments_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    """--fix writes each file through a temp file, fsync and rename: a process
    killed at any moment leaves each file either untouched or fully fixed."""
    folder = tmp_path / "docs"
    paths = articles(folder, 30)
    old = {path: path.read_bytes() for path in paths}
    reference = tmp_path / "reference"
    for path in paths:
        (reference / path.name).parent.mkdir(exist_ok=True)
        (reference / path.name).write_bytes(old[path])
    mtlint("check", "--fix", "--no-cache", "-j", "1", "reference", cwd=tmp_path)
    new = {path: (reference / path.name).read_bytes() for path in paths}
    assert any(new[path] != old[path] for path in paths)
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mtlint", "check", "--fix", "--no-cache", "-j", "1", "docs"]
    for _ in range(6):
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.8))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in paths:
            assert path.read_bytes() in (old[path], new[path]), f"{path.name} is half written"
        leftovers = [p for p in folder.iterdir() if p.name.startswith(".")]
        assert all(p.name.endswith(".mtlint-tmp") for p in leftovers), "only a temp file a kill interrupted"
        for path in paths:
            path.write_bytes(old[path])


def slow_pattern_project(folder: Path, category: str) -> None:
    """A project whose pack holds H001, a pattern of `category` that
    backtracks catastrophically on a run of "a" not followed by the end."""
    (folder / "slow.toml").write_text(
        f'[[rules]]\ncode = "H001"\nname = "slow"\nkind = "pattern"\ncategory = "{category}"\n'
        'severity = "warning"\npattern = \'(a|aa)+$\'\nmessage = "m"\nsummary = "s"\nexplanation = "e"\n'
        'examples = [{ bad = "⟦a⟧" }, { good = "b" }]\n',
        encoding="utf-8",
    )
    (folder / "mtlint.toml").write_text('rule-paths = ["slow.toml"]\nlang = "fr"\n', encoding="utf-8")


def test_a_users_pattern_that_times_out_is_dropped_and_the_run_goes_on(tmp_path: Path) -> None:
    slow_pattern_project(tmp_path, "typography")
    (tmp_path / "a.txt").write_text("a" * 40 + "b  c\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    result = mtlint("check", "--format", "concise", "--no-cache", "a.txt", "b.txt", cwd=tmp_path)
    warnings = [line for line in result.stderr.splitlines() if "timed out" in line]
    assert len(warnings) == 1 and "slow.toml" in warnings[0] and "H001" in warnings[0]
    assert "T001" in result.stdout, "the other rules still ran"


def test_the_code_fingerprint_follows_every_file_but_compiled_ones(tmp_path: Path, monkeypatch) -> None:
    """A cached result names the build of mtlint that made it: any file of
    the package or of its packs, changed, makes another fingerprint; a
    compiled module does not (it changes with the interpreter, not mtlint)."""
    from mtlint import runner

    packs = tmp_path / "rules"
    (packs / "fr" / "__pycache__").mkdir(parents=True)
    (packs / "fr" / "boilerplate.toml").write_text("[pack]\n", encoding="utf-8")
    monkeypatch.setattr(runner, "builtin_packs_dir", lambda: packs)
    fingerprint = runner._code_fingerprint.__wrapped__
    before = fingerprint()
    (packs / "fr" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert fingerprint() == before
    (packs / "fr" / "boilerplate.toml").write_text("[pack]\nname = 'x'\n", encoding="utf-8")
    assert fingerprint() != before


def test_the_code_fingerprint_follows_the_libraries_that_decide_findings(tmp_path: Path, monkeypatch) -> None:
    """Another version of regex, ftfy, markdown-it-py or charset-normalizer
    may find otherwise: installing one writes its files anew, and the
    fingerprint follows their top module's stamp, found without importing it."""
    from mtlint import runner

    library = tmp_path / "fakelib"
    library.mkdir()
    (library / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(runner, "DECIDING_LIBRARIES", (*runner.DECIDING_LIBRARIES, "fakelib", "absentlib"))
    fingerprint = runner._code_fingerprint.__wrapped__
    before = fingerprint()
    assert "fakelib" not in sys.modules, "found, not imported"
    (library / "__init__.py").write_text("VERSION = 22\n", encoding="utf-8")
    assert fingerprint() != before


def test_clean_removes_mtlints_caches_below_and_nothing_else(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    articles(project / "docs", 2)
    outside.mkdir()
    mtlint("check", "docs", cwd=project)
    mtlint("check", "--cache-dir", "docs/sub", "docs", cwd=project)
    mtlint("check", "--cache-dir", str(outside), "docs", cwd=project)
    handmade = project / "docs" / ".mtlint_cache"
    handmade.mkdir()
    (handmade / "notes.txt").write_text("mine", encoding="utf-8")
    (project / "link").symlink_to(outside, target_is_directory=True)
    done = mtlint("clean", cwd=project)
    assert done.returncode == 0 and done.stderr == ""
    assert sorted(done.stdout.splitlines()) == ["removed .mtlint_cache", "removed docs/sub/.mtlint_cache"]
    assert not (project / ".mtlint_cache").exists() and not (project / "docs" / "sub" / ".mtlint_cache").exists()
    assert (handmade / "notes.txt").is_file(), "a folder without mtlint's tag is not mtlint's"
    assert (outside / ".mtlint_cache" / RESULTS_FILE).is_file(), "links are not followed"
    assert mtlint("clean", cwd=project).stdout == ""
    missing = mtlint("clean", "nowhere", cwd=project)
    assert missing.returncode == 2 and missing.stderr == "mtlint: error: nowhere: no such directory\n"


def test_a_progress_bar_is_drawn_once_the_work_has_taken_its_delay() -> None:
    """A run of a few files shows a bar only once it has taken a second (the
    CLI's PROGRESS_AFTER; a short delay here), counting what was done
    before; a run that ends first draws nothing and leaves no timer."""
    from mtlint.runner import _Bar

    with _Bar(None, 5) as never:
        never.advance(2)
    assert never.progress is None and never.timer is None
    with _Bar(0.05, 5) as late:
        late.advance(2)
        waited = 0.0
        while late.progress is None and waited < 5:
            time.sleep(0.01)
            waited += 0.01
        assert late.progress is not None
        late.advance(1)
        assert late.progress.tasks[0].completed == 3
    assert late.progress.finished is False and not late.progress.live.is_started
    with _Bar(30, 5) as quick:
        quick.advance(5)
    assert quick.progress is None
    assert quick.timer is not None
    quick.timer.join(1)
    assert not quick.timer.is_alive()
