"""The command line: argument parsing and output only; the work is elsewhere.

Exit codes (a contract): 0 nothing at or above `--fail-on`; 1 something is;
2 the run itself failed. Failures are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from mtlint import __version__
from mtlint.errors import MtlintError
from mtlint.pattern_store import keep
from mtlint.printable import printable, say
from mtlint.report import FORMATS

EXIT_OK, EXIT_FOUND, EXIT_FAILED = 0, 1, 2
#: a run over more files than this shows a progress bar on a terminal at once
PROGRESS_FROM = 50
#: and any other run once it has taken this many seconds
PROGRESS_AFTER = 1.0
#: the garbage collector's thresholds during a run. CPython's (700, 10, 10)
#: start a collection every 700 objects made and not yet freed; a check makes
#: millions that live until their document is done, and almost no garbage
#: that only a collection frees (under 700 objects in a run over 1,000
#: articles or the 5 MB file, all from start-up). With CPython's thresholds
#: the 5 MB file spent 80 ms in 330 collections, start-up 5 ms in 36.
COLLECTOR_THRESHOLDS = (100_000, 20, 10)


class Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal. Left to find the width
    itself, argparse imports `shutil` (and with it `bz2` and `lzma`) in
    every run, as it makes a formatter for each argument added: a cost
    every check pays for help it never prints."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it: COLUMNS,
    else standard output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2, and
    lays out its help with Formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_FAILED, f"mtlint: error: {message} (see '{self.prog} --help')\n")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes of 1 or more, got {value!r}")
    return int(value)


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _parser() -> Parser:
    parser = Parser(prog="mtlint", description="Lint articles for machine-translation and scraping artifacts.")
    parser.add_argument("--version", action="version", version=f"mtlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    check = commands.add_parser("check", help="check files, directories or stdin (-)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - reads stdin (default: .)")
    check.add_argument("--format", choices=FORMATS, help="output format (default: full)")
    check.add_argument("--select", type=_list, action="extend", metavar="SELECTORS", help="rules to run")
    check.add_argument("--ignore", type=_list, action="extend", metavar="SELECTORS", help="rules not to run")
    check.add_argument("--extend-select", type=_list, action="extend", metavar="SELECTORS", help="rules to add")
    check.add_argument("--lang", help="target language of the text (default: detected)")
    check.add_argument(
        "--source-lang", type=_list, action="extend", metavar="LANGS", help="language(s) it was translated from"
    )
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="exit 1 at this level")
    check.add_argument("--fix", action="store_true", default=None, help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", default=None, help="apply unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a diff; write nothing")
    check.add_argument("--config", type=Path, metavar="FILE", help="use this config file only")
    check.add_argument("--stdin-filename", metavar="NAME", help="file name for stdin (markup, config)")
    check.add_argument("--preview", action="store_true", default=None, help="run preview rules too")
    check.add_argument("--quiet", "-q", action="store_true", help="print diagnostics only")
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of diagnostics")
    check.add_argument("--no-cache", action="store_true", default=None, help="do not read or write the cache")
    check.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="keep .mtlint_cache here (default: $MTLINT_CACHE_DIR, else project root)",
    )
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="processes (default: cores)")
    check.add_argument("--verbose", "-v", action="store_true", help="say which files were skipped and why")
    check.add_argument(
        "--grammar",
        action="store_const",
        const="on",
        help="also check grammar and spelling with LanguageTool; --grammar=optional warns and goes on if it fails",
    )
    # The exact string "--grammar=optional" is its own option, so that a path
    # after a bare --grammar is never taken for its value.
    check.add_argument(
        "--grammar=optional", dest="grammar", action="store_const", const="optional", help=argparse.SUPPRESS
    )
    check.add_argument("--no-grammar", dest="grammar", action="store_const", const="off", help="do not check grammar")
    check.add_argument(
        "--languagetool-url",
        metavar="URL",
        help="LanguageTool server to use, implies --grammar (default: a local one run by language-tool-python)",
    )

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--config", type=Path, metavar="FILE", help="also list the packs this config names")

    clean = commands.add_parser("clean", help="remove the caches (.mtlint_cache) in folders and below them")
    clean.add_argument("folders", nargs="*", type=Path, metavar="DIR", help="where to look (default: .)")

    explain = commands.add_parser("explain", help="explain one rule")
    explain.add_argument("rule", metavar="CODE|NAME")
    explain.add_argument("--config", type=Path, metavar="FILE", help="also look in the packs this config names")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run mtlint with `argv` (else the process's arguments); the exit code.
    The caller gets its collector thresholds back, whatever the run ends in."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        return _main(argv, [])
    finally:
        keep()
        gc.set_threshold(*thresholds)


def run() -> NoReturn:
    """The `mtlint` script and `python -m mtlint`: `main`, then out of the
    process as soon as its output is flushed (as mypy leaves), without the
    interpreter's teardown, which frees every result, rule, pattern and
    lexicon entry one object at a time: 10-25 ms, a tenth of a re-run
    answered from the result cache. The run's results are held to the end,
    so that freeing them is skipped too. Nothing is left undone: before
    `main` returns, every file mtlint writes is closed, the result cache is
    committed and a local LanguageTool server is stopped; the patterns
    compiled anew are kept (`pattern_store`) before the process leaves.

    The collector keeps mtlint's thresholds to the end: CPython's, set back
    as `main` does, made the next object start a collection of everything
    made since the last one, just before the process left (3-8 ms of a
    start-up, 10-28 ms after 1,000 articles)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    held: list[Any] = []
    code = _main(None, held)
    keep()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `mtlint check | head`: as in _main
        code = EXIT_FAILED
    with suppress(OSError, ValueError):  # closed by _main after a broken pipe
        sys.stderr.flush()
    os._exit(code)


def _main(argv: Sequence[str] | None, held: list[Any]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_FAILED
    try:
        if args.command == "check":
            return _check(args, held)
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "clean":
            return _clean(args)
        _parser().print_help()
        return EXIT_OK
    except MtlintError as error:
        say("error", str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("mtlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_FAILED
    except Exception as error:  # the promise is one line, never a traceback
        if os.environ.get("MTLINT_DEBUG"):
            raise
        say("internal error", f"{type(error).__name__}: {error} (MTLINT_DEBUG=1 shows more)")
        return EXIT_FAILED


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The CLI's explicit settings, by Settings field name."""
    return {
        "select": tuple(args.select) if args.select else None,
        "ignore": tuple(args.ignore) if args.ignore else None,
        "extend_select": tuple(args.extend_select or ()),
        "lang": args.lang.lower() if args.lang else None,
        "source_lang": tuple(lang.lower() for lang in args.source_lang) if args.source_lang else None,
        "fail_on": args.fail_on,
        "fix": args.fix,
        "unsafe_fixes": args.unsafe_fixes,
        "format": args.format,
        "preview": args.preview,
        "no_cache": args.no_cache,
        "grammar": _grammar_overrides(args),
    }


def _grammar_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The GrammarSettings fields `--grammar[=optional]`, `--no-grammar` and
    `--languagetool-url` set."""
    from mtlint.grammar.settings import server_root

    values: dict[str, Any] = {}
    if args.grammar == "off":
        values["enabled"] = False
    elif args.grammar is not None:
        values.update(enabled=True, optional=args.grammar == "optional")
    if args.languagetool_url is not None:
        values["server"] = server_root(args.languagetool_url, "--languagetool-url")
        values.setdefault("enabled", True)
    return values


def _check(args: argparse.Namespace, held: list[Any]) -> int:
    from mtlint.runner import STDIN, Runner

    paths = args.paths or ["."]
    if paths.count(STDIN) and len(paths) > 1:
        raise MtlintError("'-' (stdin) cannot be combined with other paths")
    if args.unsafe_fixes and not args.diff:
        args.fix = True
    # as RUFF_CACHE_DIR: a CI job keeps the cache where its cache step saves it
    from_environment = os.environ.get("MTLINT_CACHE_DIR")
    cache_dir = args.cache_dir or (Path(from_environment) if from_environment else None)
    runner = Runner(_overrides(args), config=args.config, diff=args.diff, cache_dir=cache_dir)
    settings = runner.settings_for(Path(args.stdin_filename or "_").absolute())
    timing = os.environ.get("MTLINT_TIMING") == "1"
    stdin_fixed = paths == [STDIN] and settings.fix
    out = sys.stderr if stdin_fixed else sys.stdout
    color = out.isatty() and "NO_COLOR" not in os.environ
    failed = False
    targets = []
    for shown, error in runner.files(paths):
        if error is not None:
            say("error", str(error))
            failed = True
        else:
            targets.append(shown)
    replay = None
    try:
        jobs = 1 if timing else args.jobs or os.cpu_count() or 1
        if targets == [STDIN]:
            results = [runner.check_stdin(args.stdin_filename, jobs)]
        else:
            if not (failed or timing or args.diff or color):
                replay = runner.replay(targets, _report_options(args, settings, out))
                kept = replay.kept() if replay is not None else None
                if kept is not None:
                    out.write(kept[1])
                    return kept[0]
            progress = sys.stderr.isatty() and settings.format in ("full", "concise") and not args.quiet
            delay = (0.0 if len(targets) > PROGRESS_FROM else PROGRESS_AFTER) if progress else None
            if not (args.statistics or args.diff or color):
                ctx = _report_context(args, settings.format, color, runner, targets)
                runner.render = _renderer(settings.format, ctx)
            results = runner.check_paths(targets, jobs, progress=delay, verbose=args.verbose)
        for result in results:
            if result.error is not None:
                say("error", result.error)
                failed = True
        if timing:
            _print_timings(runner)
        if args.diff:
            return _print_diff(results, failed)
        if stdin_fixed and results and results[0].error is None:
            sys.stdout.write(results[0].text)
        held.append(results)
        if replay is None or failed or len(results) != len(targets):
            _report(results, settings.format, args, runner, out, color)
            return _exit_code(results, failed, settings.fail_level)
        # every file shown, each from its stamped result or linted now: the report holds until one changes
        rendered = io.StringIO()
        _report(results, settings.format, args, runner, rendered, color)
        report = rendered.getvalue()
        out.write(report)
        code = _exit_code(results, failed, settings.fail_level)
        replay.keep(code, report)
        return code
    finally:
        runner.close()


def _report_options(args: argparse.Namespace, settings: Any, out: Any) -> str:
    """What a report depends on besides the results and the settings (a
    replayed report's options, `mtlint.replay`): the format and its flags,
    the level that fails, and how the output stream encodes."""
    options = (settings.format, args.statistics, args.quiet, bool(args.unsafe_fixes), settings.fail_on)
    return repr((*options, out.encoding, out.errors))


def _exit_code(results: list[Any], failed: bool, level: Any) -> int:
    if failed:
        return EXIT_FAILED
    if level is not None and any(result.tally.reaches(level) for result in results):
        return EXIT_FOUND
    return EXIT_OK


def _print_timings(runner: Any) -> None:
    """MTLINT_TIMING=1: seconds spent in each rule, then in each analysis
    the rules share, slowest first, on stderr."""
    rules: dict[str, float] = {}
    analyses: dict[str, float] = {}
    for plan in runner.plans():
        for totals, timings in ((rules, plan.timings or {}), (analyses, plan.analysis_timings)):
            for name, seconds in timings.items():
                totals[name] = totals.get(name, 0.0) + seconds
    print("mtlint: time per rule (MTLINT_TIMING=1)", file=sys.stderr)
    for code, seconds in sorted(rules.items(), key=lambda item: -item[1]):
        print(f"  {code:<6} {seconds:8.3f} s", file=sys.stderr)
    print("mtlint: time per analysis the rules share, counted in none of them", file=sys.stderr)
    for name, seconds in sorted(analyses.items(), key=lambda item: -item[1]):
        print(f"  {name:<28} {seconds:8.3f} s", file=sys.stderr)


def _report(results: list[Any], format_name: str, args: argparse.Namespace, runner: Any, out: Any, color: bool) -> None:
    from mtlint.report import writer

    if args.statistics:
        from mtlint.report.statistics import write as write_statistics

        write_statistics(results, out)
        return
    writer(format_name)(results, out, _report_context(args, format_name, color, runner))


def _report_context(
    args: argparse.Namespace, format_name: str, color: bool, runner: Any, shown: Sequence[str] = ()
) -> Any:
    """The report's context. SARIF's lists the rules of every plan of the
    run; given the files `shown` before they are linted, their plans are
    built first, so that the workers of `--jobs` render the files' results
    with the rules' table the report will hold."""
    from mtlint.report import ReportContext

    ctx = ReportContext(color=color, unsafe_fixes=bool(args.unsafe_fixes), quiet=args.quiet)
    if format_name != "sarif":
        return ctx
    return ctx._replace(rules={rule.meta.code: rule.meta for plan in runner.plans(shown) for rule in plan.rules})


def _renderer(format_name: str, ctx: Any) -> Callable[[Any], str | None]:
    """A file's part of the report in `format_name`, rendered by the process
    that linted it (see `Runner.render`). Not asked for a coloured report,
    the statistics or a diff, which need the findings themselves."""
    from mtlint.report import part

    return partial(part(format_name), ctx=ctx)


def _print_diff(results: list[Any], failed: bool) -> int:
    import difflib

    changed = False
    for result in results:
        if result.original is None:
            continue
        changed = True
        diff = difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"a/{result.path}",
            tofile=f"b/{result.path}",
        )
        for line in diff:
            sys.stdout.write(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    if failed:
        return EXIT_FAILED
    return EXIT_FOUND if changed else EXIT_OK


def _registry(config: Path | None) -> Any:
    from mtlint.config import find_config, read_config
    from mtlint.registry import builtin_registry

    registry = builtin_registry()
    source = config or find_config(Path.cwd())
    if source is not None:
        settings = read_config(source)
        if settings.rule_paths:
            registry = registry.extended(settings.rule_paths)
    return registry


def _rules(args: argparse.Namespace) -> int:
    from mtlint.catalog import rules_json, rules_table

    registry = _registry(args.config)
    sys.stdout.write(rules_json(registry) if args.format == "json" else rules_table(registry))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from mtlint.catalog import explain

    registry = _registry(args.config)
    rule = registry.get(args.rule)
    if rule is None:
        raise MtlintError(f"unknown rule {args.rule!r} (see 'mtlint rules')")
    sys.stdout.write(explain(rule.meta))
    return EXIT_OK


def _clean(args: argparse.Namespace) -> int:
    """Remove the caches below each folder given, one line per cache removed."""
    from mtlint.cache import remove_caches

    folders = args.folders or [Path()]
    for folder in folders:
        if not folder.is_dir():
            raise MtlintError(f"{folder}: no such directory")
    for folder in folders:
        try:
            removed = remove_caches(folder)
        except OSError as error:
            raise MtlintError(f"{folder}: cannot remove its cache: {error.strerror or error}") from None
        for cache in removed:
            print(f"removed {printable(str(cache), one_line=True)}")
    return EXIT_OK
