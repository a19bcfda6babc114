"""From paths to results: settings per file, decoding, linting, fixing, writing.

Each file is checked with the settings of the config nearest above it (or
the one given with `--config`), with the CLI's flags on top. A file that
cannot be read becomes a result with an `error`; the others go on.

G001 (`mtlint.grammar`) asks LanguageTool: with grammar on, each plan gets it
bound to a service (one per grammar settings and cache directory, so that a
run reuses one connection); with grammar off, it is left out of the plan, and
nothing of LanguageTool's is imported.

The rules and what they need are imported when a file is linted, not when
this module is: a run whose results all come from the cache never loads them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from fnmatch import fnmatch
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtlint import __version__
from mtlint.config import Settings, find_config, read_config
from mtlint.decoding import BinaryFile, Decoded, decode
from mtlint.diagnostic import Applicability, Diagnostic
from mtlint.document import Document, LineIndex
from mtlint.errors import FileError
from mtlint.files import Walker, read_file, read_stamped, write_atomic
from mtlint.pack_paths import builtin_packs_dir, pack_files
from mtlint.printable import printable, say
from mtlint.results import CacheEntry, FileResult
from mtlint.stamps import current_stamp

if TYPE_CHECKING:
    import threading

    from mtlint.engine import Plan
    from mtlint.replay import Replay
    from mtlint.result_cache import ResultCache
    from mtlint.rule import Rule

STDIN = "-"
#: `--jobs` gives each process at least this many files: fewer, and
#: starting a worker (which warms up as this process does) costs more than
#: it saves
PARALLEL_MIN = 16
#: where `--jobs` forks its workers (`mtlint.pool`); elsewhere they start anew
FORK = hasattr(os, "fork")
#: the result cache's format; entries of another version are ignored
RESULTS_VERSION = 5
#: the result cache's database, in `.mtlint_cache`
RESULTS_FILE = "results.sqlite3"
#: the libraries whose version can change what mtlint finds in a text: how
#: patterns match, which mojibake is repaired, what markup hides, how bytes
#: decode (the cache's keys follow them: `_code_fingerprint`)
DECIDING_LIBRARIES = ("regex", "ftfy", "markdown_it", "charset_normalizer")


class Runner:
    """One run of `mtlint check`: caches settings and plans per config file."""

    def __init__(
        self,
        overrides: Mapping[str, Any] | None = None,
        *,
        config: Path | None = None,
        diff: bool = False,
        cache_dir: Path | None = None,
    ) -> None:
        self.overrides = overrides or {}
        self.config = config
        self.diff = diff
        self.cache_dir = cache_dir
        self._configs: dict[Path, Path | None] = {}
        self._stores: dict[Path, ResultCache] = {}
        self._settings: dict[Path | None, Settings] = {}
        self._plans: dict[Path | None, Plan] = {}
        #: what a cache key takes from the configuration, per configuration file
        self._config_keys: dict[Path | None, str] = {}
        self._grammar: dict[tuple[Any, Path | None], Any] = {}
        self._grammar_warned = False
        #: the store and configuration key by the folder part of a file's name as given (_slot_of)
        self._folder_slots: dict[str, tuple[ResultCache | None, str]] = {}
        #: the settings by the folder part of a file's name as given (_settings_of)
        self._folder_settings: dict[str, Settings] = {}
        #: the files found by walking a directory, not named: skipped, not an error, when binary
        self._walked: set[str] = set()
        #: a file's part of the report (set by the command line): a run on
        #: several processes renders each file's in the process that linted
        #: it (`FileResult.fragment`), unless the part is None (SARIF's, for
        #: a code outside its rules' table), left to the report
        self.render: Callable[[FileResult], str | None] | None = None

    def settings_for(self, path: Path) -> Settings:
        """The effective settings for a file at `path` (or for stdin). Config
        files are looked up once per directory and read once per run."""
        source = self.config
        if source is None:
            directory = path.absolute().parent
            if directory not in self._configs:
                self._configs[directory] = find_config(directory)
            source = self._configs[directory]
        if source not in self._settings:
            base = read_config(source) if source is not None else Settings(Path.cwd())
            self._settings[source] = base.merged(self.overrides)
        return self._settings[source]

    def _settings_of(self, shown: str) -> Settings:
        """`settings_for` the file named `shown`, looked up by the folder part
        of the name as written: a run over a thousand files asks for every
        one, and making a path absolute costs more than a dictionary lookup."""
        folder = os.path.dirname(shown)  # noqa: PTH120 (a Path per file: see above)
        if folder not in self._folder_settings:
            self._folder_settings[folder] = self.settings_for(Path(shown))
        return self._folder_settings[folder]

    def plan_for(self, settings: Settings) -> Plan:
        if settings.source not in self._plans:
            # Imported here, as in `_lint`: a run answered from the result
            # cache never loads the rules.
            from mtlint.engine import Plan
            from mtlint.registry import Registry, builtin_registry

            registry: Registry = builtin_registry()
            if settings.rule_paths:
                registry = registry.extended(settings.rule_paths)
            plan = Plan.build(
                registry,
                select=settings.select,
                ignore=settings.ignore,
                extend_select=settings.extend_select,
                preview=settings.preview,
                rule_tables=settings.rules,
                vocabulary=settings.vocabulary,
                where=settings.where,
            )
            plan.rules = self._grammar_rules(settings, plan)
            if os.environ.get("MTLINT_TIMING") == "1":
                plan.timings = {}
            self._plans[settings.source] = plan
        return self._plans[settings.source]

    def close(self) -> None:
        """Release what the run holds: the result cache's connections, and
        grammar's connections and local LanguageTool server."""
        for store in self._stores.values():
            store.close()
        for service in self._grammar.values():
            service.close()
        self._grammar.clear()

    def _grammar_rules(self, settings: Settings, plan: Plan) -> list[Rule]:
        """The plan's rules with G001 bound to LanguageTool, or without it
        when grammar is off (with a warning if a selector named it)."""
        from mtlint.grammar.rule import LanguageToolRule

        rules = plan.rules
        if not any(isinstance(rule, LanguageToolRule) for rule in rules):
            return rules
        if not settings.grammar.enabled:
            named = [
                selector
                for selector in (*settings.select, *settings.extend_select)
                if any(
                    plan.registry.specificity(selector, rule) > 1
                    for rule in rules
                    if isinstance(rule, LanguageToolRule)
                )
            ]
            if named and not self._grammar_warned:
                self._grammar_warned = True
                say("warning", f"{', '.join(named)} selects LanguageTool's G001, but grammar is off: pass --grammar")
            return [rule for rule in rules if not isinstance(rule, LanguageToolRule)]
        cache_dir = None if settings.no_cache else settings.root / ".mtlint_cache" / "grammar"
        key = (settings.grammar, cache_dir)
        if key not in self._grammar:
            from mtlint.grammar.service import LanguageToolService

            self._grammar[key] = LanguageToolService(settings.grammar, cache_dir, partial(say, "warning"))
        return [LanguageToolRule(self._grammar[key]) if isinstance(rule, LanguageToolRule) else rule for rule in rules]

    def plans(self, shown: Sequence[str] = ()) -> list[Plan]:
        """The plan of every configuration met, those of the files `shown`
        built first: the rules that ran, for SARIF's rule table (a run
        answered from the cache builds them only when asked)."""
        for name in shown:
            self.plan_for(self._settings_of(name))
        return [self.plan_for(settings) for settings in list(self._settings.values())]

    def files(self, paths: Sequence[str]) -> Iterator[tuple[str, FileError | None]]:
        """Each file to check, as given or found by walking a directory; a path
        that cannot be checked comes with its error. A binary file met in a
        walk is dropped from the results when reading it shows it is one
        (`check_paths`), not opened here first: a walk of 1,000 files would
        open each twice."""
        for given in paths:
            path = Path(given)
            if given == STDIN:
                yield given, None
            elif path.is_dir():
                settings = self.settings_for(path / "_")
                walker = Walker(
                    settings.include,
                    (*settings.exclude, *settings.extend_exclude),
                    base=settings.root,
                    respect_gitignore=settings.respect_gitignore,
                )
                try:
                    for found in walker.walk(path):
                        self._walked.add(found)
                        yield found, None
                except FileError as error:
                    yield given, error
            elif path.exists():
                yield given, None
            elif path.is_symlink():
                yield given, FileError(f"{given}: broken symbolic link or symbolic link loop")
            else:
                yield given, FileError(f"{given}: no such file or directory")

    def replay(self, shown: Sequence[str], options: str) -> Replay | None:
        """Where the report of this run over `shown`, with the report's
        `options`, is kept (`mtlint.replay`); None unless every file's result
        is cached in one store and the file is stamped (`mtlint.stamps`),
        and every configuration met caches its results. A run over no file
        has nothing to replay, and leaves no cache behind."""
        if not shown:
            return None
        slots = [self._folder_slot(settings) for settings in list(self._settings.values())]
        stores = {store for store, _ in slots}
        if len(stores) != 1 or None in stores:
            return None
        sources = sorted(config_key for _, config_key in slots)
        for item in shown:
            stamp = current_stamp(item)
            if stamp is None:
                return None
            sources.append(f"{self._slot_of(item)[1]}:{stamp}")
        try:
            folder = os.getcwd()  # noqa: PTH109 (a string, as the names are)
        except OSError:
            return None
        from mtlint.replay import Replay  # here: a run without the cache imports no hashing (see _folder_slot)

        return Replay.of(stores.pop(), folder, options, shown, sources)

    def check_path(self, shown: str, lanes: int = 1) -> FileResult:
        """Lint (and fix, as the settings say) one file on disk; a large one
        on two processes when `lanes` allows (see `mtlint.lanes`). The
        result carries its entry in the result cache when it belongs there,
        made in whichever process linted it; the process that gathers the
        results writes them (`_remember`)."""
        path = Path(shown)
        store, config_key = self._slot_of(shown)
        stamp = None
        try:
            if store is None:
                data = read_file(shown)
            else:
                data, stamp = read_stamped(shown)
        except OSError as error:
            return FileResult(shown, error=f"{shown}: cannot read: {error.strerror or error}")
        try:
            decoded = decode(data, shown)
        except FileError as error:
            return FileResult(shown, error=str(error), binary=isinstance(error, BinaryFile))
        result = self._lint(decoded, shown, path, lanes)
        if store is not None:
            key = _content_key(config_key, shown, data)
            result.cache_entry = CacheEntry(key, _to_cache(result), _stamp_name(config_key, shown), stamp)
        if result.original is not None and not self.diff:
            new_data = decoded.encode(result.text)
            if decoded.encode(decoded.text) != data:
                return FileResult(shown, error=f"{shown}: decoding is not lossless; not writing fixes")
            try:
                write_atomic(path, new_data)
            except OSError as error:
                return FileResult(shown, error=f"{shown}: cannot write: {error.strerror or error}")
        return result

    def check_paths(
        self, shown: Sequence[str], jobs: int, progress: float | None = None, *, verbose: bool = False
    ) -> list[FileResult]:
        """Lint the files at `shown`, in that order, on `jobs` processes,
        without the binary files a walk met (said with `verbose`), with a
        progress bar `progress` seconds in (never for None: see _Bar).

        The output does not depend on `jobs`: results come back in the order
        given. Grammar runs in one process, which keeps one connection."""
        results = self._check_paths(shown, jobs, progress)
        skipped = {index for index, result in enumerate(results) if result.binary and result.path in self._walked}
        if not skipped:
            return results
        if verbose:
            for index in sorted(skipped):
                print(f"mtlint: skipped {printable(results[index].path, one_line=True)}: binary file", file=sys.stderr)
        return [result for index, result in enumerate(results) if index not in skipped]

    def _check_paths(self, shown: Sequence[str], jobs: int, progress: float | None) -> list[FileResult]:
        named = {os.path.dirname(item) for item in shown}  # noqa: PTH120 (a Path per file costs more than its lint)
        folders = {Path(folder or ".").absolute() for folder in named}
        for path in folders:
            self.settings_for(path / "_")
        grammar = any(settings.grammar.enabled for settings in self._settings.values())
        if grammar:
            progress = None  # LanguageTool's answers, the slow part, have a bar of their own: one at a time
        # Cached results are read here, all at once: starting workers costs
        # more than reading an unchanged repository's results.
        caching = any(not (settings.no_cache or settings.fix or self.diff) for settings in self._settings.values())
        cached = self._cached_results(shown) if caching else [None] * len(shown)
        missing = [item for item, result in zip(shown, cached, strict=True) if result is None]
        # each process gets PARALLEL_MIN files or more: `--jobs 64` on 40 files starts one worker, not 63
        processes = min(jobs, len(missing) // PARALLEL_MIN)
        if processes <= 1 or grammar:
            # one file at a time: a large one may take two processes (`jobs` of them allow it)
            linted = iter([self.check_path(item, jobs) for item in _progress(missing, progress)])
        else:
            linted = iter(self._in_parallel(missing, folders, processes, progress))
        results = [result if result is not None else next(linted) for result in cached]
        self._remember(results)
        return results

    def _cached_results(self, shown: Sequence[str]) -> list[FileResult | None]:
        """Each file's result from the cache, or None when it must be linted
        (or cannot be read: linting it says why). Each store is asked once
        for its files' stamps and values: a file whose stamp is the one kept
        is not read (`mtlint.stamps`); the others are read and asked for by
        their content's key, and those found get their new stamp kept. The
        files of a store with nothing to read are not read here, only when
        linted.

        Out of the garbage collector's sight: the results of an unchanged
        repository are tens of thousands of objects that all live to the end
        of the run, and collecting while they are made, or after, only walks
        them again and again (7 % of a re-run over 1,000 articles). Nothing
        made here forms a cycle, so they are frozen (left out of every later
        collection) once made."""
        with _out_of_collection(freeze=True):
            readable: dict[ResultCache, bool] = {}
            named: dict[ResultCache, dict[str, tuple[int, str | None]]] = {}  # index and stamp now, by name
            for index, item in enumerate(shown):
                store, config_key = self._slot_of(item)
                if store is None:
                    continue
                if store not in readable:
                    readable[store] = store.readable()
                if readable[store]:
                    named.setdefault(store, {})[_stamp_name(config_key, item)] = (index, current_stamp(item))
            results: list[FileResult | None] = [None] * len(shown)
            for store, files in named.items():
                for name, stamp, value in store.get_stamped(list(files)):
                    index, now = files[name]
                    if stamp == now:
                        results[index] = _from_cache(value, shown[index], None)
                self._look_up_by_content(store, files, shown, results)
            return results

    def _look_up_by_content(
        self,
        store: ResultCache,
        files: Mapping[str, tuple[int, str | None]],
        shown: Sequence[str],
        results: list[FileResult | None],
    ) -> None:
        """Fill in `results` for the `files` (of `store`, by name) whose
        stamps did not answer, by reading them and asking for their content's
        key; keep the stamp of each one found, so that the next run need not
        read it."""
        wanted: dict[str, tuple[int, str, str, str | None]] = {}
        for name, (index, _) in files.items():
            if results[index] is not None:
                continue
            item = shown[index]
            try:
                data, stamp = read_stamped(item)  # a string path: see _slot_of
                text = decode(data, item).text
            except (OSError, FileError):
                continue
            wanted[_content_key(self._slot_of(item)[1], item, data)] = (index, text, name, stamp)
        for key, value in store.get_many(list(wanted)):
            index, text, name, stamp = wanted[key]
            results[index] = _from_cache(value, shown[index], text)
            if results[index] is not None and stamp is not None:
                store.put_stamp(name, stamp, key)

    def _remember(self, results: list[FileResult]) -> None:
        """Write the results linted in this run to the result cache, each
        store in one transaction (with the stamps `_cached_results` kept)."""
        for result in results:
            entry = result.cache_entry
            if entry is not None:
                store, _ = self._slot_of(result.path)
                if store is not None:
                    store.put(entry.key, entry.value)
                    if entry.stamp is not None:
                        store.put_stamp(entry.name, entry.stamp, entry.key)
        for store in self._stores.values():
            store.flush()

    def _in_parallel(
        self, missing: list[str], folders: set[Path], jobs: int, progress: float | None
    ) -> list[FileResult]:
        """The results of `missing`, in order, from `jobs` processes: this one
        and `jobs - 1` workers (`mtlint.pool`), forked where the system can
        fork, else started anew by `concurrent.futures` (`_in_spawned`)."""
        from mtlint.pool import in_forked_workers, pieces  # here: a run answered from the cache needs neither

        # The rules are imported here, once, and the workers inherit them.
        for path in folders:
            self.plan_for(self.settings_for(path / "_"))
        for store in self._stores.values():
            store.close()
        # Objects the workers inherit stay out of their collections, which
        # would otherwise write to (and so copy) every inherited page.
        gc.freeze()
        shares = pieces(missing, jobs)
        lint = self.check_path if self.render is None else self._check_rendered
        with _Bar(progress, len(missing)) as bar:
            if FORK:
                return in_forked_workers(shares, jobs - 1, lint, bar.advance)
            return self._in_spawned(shares, jobs, bar)

    def _check_rendered(self, shown: str) -> FileResult:
        """`check_path`, and the file's part of the report (`render`). A
        worker sends back the part, not the findings: for a worker's half of
        the benchmark's articles (500 files, concise format), 0.6 MB instead
        of 2.3, pickled in 3.2-4.8 ms with the tallies and read here in
        2.1-3.2 ms, where the findings took 6.9-10.6 and 8.7-11.0 ms (most
        of it rebuilding them). And the rendering is shared by the processes,
        where this one did it all at the end: 3 ms a half in the concise
        format, 40 ms in the full one."""
        result = self.check_path(shown)
        if result.error is None and self.render is not None:
            result.fragment = self.render(result)
        return result

    def _in_spawned(self, shares: list[list[str]], jobs: int, bar: _Bar) -> list[FileResult]:
        """`_in_parallel` where there is no fork (Windows): `jobs - 1`
        workers of a process pool, each building its own Runner and plans
        (they inherit nothing), take the pieces from the front; this process
        takes them from the back, cancelling the pieces no worker has begun,
        until they meet."""
        from concurrent.futures import ProcessPoolExecutor, as_completed

        here: dict[int, list[FileResult]] = {}
        with ProcessPoolExecutor(
            jobs - 1, initializer=_start_worker, initargs=(self.overrides, self.config, self.diff, self.cache_dir)
        ) as pool:
            futures = [pool.submit(_worker_check, piece) for piece in shares]
            for index in reversed(range(len(shares))):
                if not futures[index].cancel():
                    break
                here[index] = [self.check_path(item) for item in shares[index]]
                bar.advance(len(shares[index]))
            for future in as_completed(future for index, future in enumerate(futures) if index not in here):
                bar.advance(len(future.result()))
        linted: list[FileResult] = []
        for index, future in enumerate(futures):
            linted.extend(here[index] if index in here else future.result())
        return linted

    def _slot_of(self, shown: str) -> tuple[ResultCache | None, str]:
        """`_folder_slot` of the file named `shown`, by its folder's name.

        Looked up for every file of an unchanged repository, where pathlib's
        objects would cost more than reading the cached result: the store is
        found by the folder's name as written."""
        folder = os.path.dirname(shown)  # noqa: PTH120
        if folder not in self._folder_slots:
            self._folder_slots[folder] = self._folder_slot(self._settings_of(shown))
        return self._folder_slots[folder]

    def _folder_slot(self, settings: Settings) -> tuple[ResultCache | None, str]:
        """The store of files with these settings, and what their keys take
        from the configuration; no store when their results are not cached."""
        if settings.no_cache or settings.fix or self.diff or settings.grammar.enabled:
            return None, ""
        # here: a run without the cache (--no-cache, --fix) does not import json and BLAKE2
        from mtlint.cache import CACHE_DIR, digest
        from mtlint.result_cache import ResultCache

        path = (self.cache_dir or settings.root) / CACHE_DIR / RESULTS_FILE
        if path not in self._stores:
            self._stores[path] = ResultCache(path, RESULTS_VERSION)
        if settings.source not in self._config_keys:
            self._config_keys[settings.source] = digest(
                _code_fingerprint(),
                repr(settings.as_linted()),
                [_file_stamp(pack) for root in settings.rule_paths for pack in pack_files(root)],
            )
        return self._stores[path], self._config_keys[settings.source]

    def check_stdin(self, filename: str | None, lanes: int = 1) -> FileResult:
        """Lint text from standard input; `filename` picks markup and config."""
        shown = filename or STDIN
        data = sys.stdin.buffer.read()
        try:
            decoded = decode(data, shown)
        except FileError as error:
            return FileResult(shown, error=str(error))
        return self._lint(decoded, shown, Path(filename) if filename else Path.cwd() / STDIN, lanes)

    def _lint(self, decoded: Decoded, shown: str, path: Path, lanes: int) -> FileResult:
        """The file's result, linted (and fixed) out of the garbage
        collector's sight (`_out_of_collection`)."""
        with _out_of_collection():
            return self._lint_collected(decoded, shown, path, lanes)

    def _lint_collected(self, decoded: Decoded, shown: str, path: Path, lanes: int) -> FileResult:
        from mtlint.api import build_document
        from mtlint.fixer import fix_until_stable
        from mtlint.markup import markup_for

        settings = self._settings_of(shown)
        plan = self.plan_for(settings)
        ignored = _per_file_ignores(settings, path)
        markup = markup_for(shown)
        prose_lang = settings.lang

        def document(text: str) -> Document:
            return build_document(text, path=shown, markup=markup, lang=prose_lang, source_langs=settings.source_lang)

        def lint(text: str) -> list[Diagnostic]:
            return plan.run(document(text), ignored, lanes=lanes)

        if not (settings.fix or self.diff):
            doc = document(decoded.text)
            # The result's line index is the document's, which rules may have built already.
            return FileResult(shown, decoded.text, plan.run(doc, ignored, lanes=lanes), lines=doc.lines)
        if prose_lang is None:
            # Decide the language once, so that fixing cannot change it midway.
            prose_lang = build_document(decoded.text, markup=markup).lang
        threshold = Applicability.UNSAFE if settings.unsafe_fixes else Applicability.SAFE
        outcome = fix_until_stable(decoded.text, lint, threshold)
        if not outcome.converged:
            say("warning", f"{shown}: fixes did not settle; none applied (please report this file)")
        original = decoded.text if outcome.text != decoded.text else None
        return FileResult(shown, outcome.text, outcome.diagnostics, outcome.fixed, original=original)


@contextmanager
def _out_of_collection(*, freeze: bool = False) -> Iterator[None]:
    """No collection while inside; with `freeze`, what was made is then left
    out of every later one. A document's lint makes objects by the hundred
    thousand that live until it is done, and no cycle: every collection of
    a run over the 5 MB benchmark file, 1,000 articles or the clean corpora
    of eval/ found only the 601 objects that start-up left. A collection
    in the middle of one only walks them: 25-28 ms on the 5 MB file, two of
    32 and 19 ms on 3.8 MB of German. The collector then runs as it did
    before, once the document is freed, and may free what start-up left."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


def _content_key(config_key: str, shown: str, data: bytes) -> str:
    """The key of a file's result: its settings' key, its name as given and
    its bytes, hashed as they are (an unchanged repository asks for
    thousands of keys when its files' stamps changed)."""
    from mtlint.cache import hashed  # imported already (see _folder_slot)

    return hashed(f"{config_key}\0{shown}\0".encode("utf-8", "surrogateescape") + data)


def _stamp_name(config_key: str, shown: str) -> str:
    """The name a file's stamp is kept under: its settings' key and its name
    as given, hashed (a file's name need not be text SQLite takes)."""
    from mtlint.cache import hashed  # as in _content_key

    return hashed(f"{config_key}\0{shown}".encode("utf-8", "surrogateescape"))


def _to_cache(result: FileResult) -> str:
    """A result as the result cache keeps it: JSON of the text's length, its
    lines' starts and a row per diagnostic (see `_from_cache`)."""
    import json  # imported by mtlint.cache already (see _folder_slot)

    rows = [diagnostic.to_json() for diagnostic in result.diagnostics]
    return json.dumps([result.lines.length, result.lines.starts, rows], ensure_ascii=False, separators=(",", ":"))


def _from_cache(cached: str, shown: str, text: str | None) -> FileResult | None:
    """The result of `shown` from its `cached` entry, or None when it is not
    trusted (the file is then linted again and its entry written over).
    Without `text` (found by its stamp), the result reads its text when
    asked; its positions come from the lines' starts kept, which must be
    whole numbers in order, from 0 to within the text, as every
    diagnostic's span must be; nothing may follow the entry's value."""
    try:
        (length, starts, rows), end = _entry_decoder()(cached)
        if not (
            end == len(cached)
            and type(length) is int
            and type(starts) is list
            and starts[:1] == [0]
            and set(map(type, starts)) == {int}
            and starts == sorted(starts)
            and starts[-1] <= length
            and (text is None or len(text) == length)
        ):
            return None
        diagnostics = [Diagnostic.from_json(row) for row in rows]
        if all(0 <= diagnostic.start <= diagnostic.end <= length for diagnostic in diagnostics):
            return FileResult(shown, text, diagnostics, lines=LineIndex.restored(starts, length))
    except (KeyError, TypeError, ValueError):
        pass
    return None


@cache
def _entry_decoder() -> Callable[[str], tuple[Any, int]]:
    """What reads a cached entry: the decoder's own `raw_decode`, without
    what `json.loads` does around it (a call more, a pattern matched at each
    end) for every entry of a re-run: 8,000 of its 113,000 instructions.
    Made on first use: json is imported by mtlint.cache already."""
    import json

    return json.JSONDecoder().raw_decode


def _per_file_ignores(settings: Settings, path: Path) -> tuple[str, ...]:
    """Selectors ignored for `path` by `per-file-ignores` (globs relative to
    the config's directory, or matching the file name)."""
    if not settings.per_file_ignores:
        return ()
    try:
        relative = path.absolute().relative_to(settings.root.absolute()).as_posix()
    except ValueError:
        relative = path.as_posix()
    ignored: list[str] = []
    for glob, selectors in settings.per_file_ignores.items():
        if fnmatch(relative, glob) or fnmatch(path.name, glob):
            ignored.extend(selectors)
    return tuple(ignored)


_WORKER: Runner | None = None


def _start_worker(overrides: Mapping[str, Any], config: Path | None, diff: bool, cache_dir: Path | None) -> None:
    global _WORKER
    _WORKER = Runner(overrides, config=config, diff=diff, cache_dir=cache_dir)


def _worker_check(piece: list[str]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.check_path(shown) for shown in piece]


def _progress(items: Sequence[Any], delay: float | None) -> Iterator[Any]:
    """`items`, with a progress bar on stderr `delay` seconds in (see _Bar)."""
    with _Bar(delay, len(items)) as bar:
        for item in items:
            yield item
            bar.advance(1)


class _Bar:
    """A progress bar on stderr (rich), drawn `delay` seconds into the work,
    at once for 0, never for None: a run of a few files that ends within a
    second would only flash one, and a longer one (a large file, a slow
    disk) says that it is at work. The delay is a timer thread's; the bar's
    count is kept under a lock, so a bar drawn late starts where the work
    is."""

    def __init__(self, delay: float | None, total: int) -> None:
        self.delay = delay
        self.total = total
        self.done = 0
        self.progress: Any = None
        self.ended = False
        self.timer: threading.Timer | None = None
        # a bar never drawn (no terminal: CI, pre-commit) needs no lock,
        # nor `threading`: 4 M instructions of a re-run over 1,000 files
        self.lock: AbstractContextManager[Any] = nullcontext()
        if delay is not None:
            import threading

            self.lock = threading.Lock()

    def __enter__(self) -> _Bar:
        if self.delay == 0:
            self._draw()
        elif self.delay is not None:
            import threading

            self.timer = threading.Timer(self.delay, self._draw)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _draw(self) -> None:
        from rich.console import Console
        from rich.progress import Progress

        with self.lock:
            if self.ended:
                return
            self.progress = Progress(transient=True, console=Console(stderr=True))
            self.progress.start()
            self.task = self.progress.add_task("checking", total=self.total, completed=self.done)

    def advance(self, count: int) -> None:
        if self.delay is None:
            return
        with self.lock:
            self.done += count
            if self.progress is not None:
                self.progress.advance(self.task, count)

    def __exit__(self, *exc: object) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            self.ended = True
            if self.progress is not None:
                self.progress.stop()


def _file_stamp(path: str | Path) -> tuple[str, int, int]:
    stat = os.stat(path)  # noqa: PTH116 (a string path: see _code_fingerprint)
    return os.fspath(path), stat.st_mtime_ns, stat.st_size


@cache
def _code_fingerprint() -> str:
    """mtlint's version, the stamps of its files and packs, and those of the
    libraries whose behaviour decides findings (`_library_stamps`): a result
    cached by one build of mtlint, or beside another version of one of those
    libraries, is never read by another. Every run that reads the cache takes
    them, so they are walked as strings, without the compiled modules: 1 ms,
    where a Path and two stats per file took 4-5."""
    from mtlint.cache import digest

    stamps = []
    for root in (Path(__file__).resolve().parent, builtin_packs_dir()):
        for folder, folders, names in os.walk(root):
            folders[:] = [name for name in folders if name != "__pycache__"]
            stamps.extend(_file_stamp(os.path.join(folder, name)) for name in names)  # noqa: PTH118
    return digest(__version__, sorted(stamps), _library_stamps())


def _library_stamps() -> list[tuple[str, int, int] | str]:
    """The stamp of each of DECIDING_LIBRARIES' top module, found without
    importing it (a re-run answered from the cache imports none of them):
    installing another version writes it anew. A library that cannot be
    found is named as missing."""
    from importlib.util import find_spec

    stamps: list[tuple[str, int, int] | str] = []
    for name in DECIDING_LIBRARIES:
        try:
            spec = find_spec(name)
            stamps.append(_file_stamp(spec.origin) if spec is not None and spec.origin else f"{name}: no file")
        except (ImportError, ValueError, OSError):
            stamps.append(f"{name}: missing")
    return stamps
