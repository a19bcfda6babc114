"""The backend G001 uses when grammar is on: a LanguageTool server, with a cache.

For each document the rule hands over its paragraphs of prose. Those whose
answer is cached (in memory for this run, on disk across runs) are not sent;
the others are grouped into requests of at most `BATCH_LIMIT` UTF-16 units,
joined by a blank line (a paragraph break for LanguageTool), and sent up to
`CONCURRENCY` at a time over one pooled connection per request in flight. A
match is assigned back to its paragraph, so that answers are cached per
paragraph; one that straddles two paragraphs is dropped.

Nothing here contacts a server until a paragraph needs sending: a run whose
paragraphs are all cached sends nothing at all.
"""

from __future__ import annotations

import contextlib
import math
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from mtlint.grammar import GrammarError, UnsupportedLanguage
from mtlint.grammar.cache import DiskCache, cache_key
from mtlint.grammar.client import CONCURRENCY, Client, TextTooLong, start_local_server
from mtlint.grammar.matches import Match, lt_language, rule_set, split_matches, utf16_length
from mtlint.grammar.settings import GrammarSettings

#: UTF-16 units per request at most; LanguageTool's maintainers suggest
#: chunks of about this size so that requests work on every server, and the
#: public API refuses more than 20,000
BATCH_LIMIT = 6000
#: ... and at least, unless the document is shorter, so that a long document
#: is spread over the requests in flight
BATCH_FLOOR = 1500
SEPARATOR = "\n\n"
#: a progress bar shows on a terminal when more paragraphs than this are sent
PROGRESS_ABOVE = 8
LOCAL = "local"

Batch = list[tuple[str, str]]  # (cache key, paragraph text)


class LanguageToolService:
    """LanguageTool for one run and one set of grammar settings."""

    def __init__(self, settings: GrammarSettings, cache_dir: Path | None, warn: Callable[[str], None]) -> None:
        self.settings = settings
        self.disk = DiskCache(cache_dir) if cache_dir is not None else None
        self.warn = warn
        self.memory: dict[str, list[Match]] = {}
        self.client: Client | None = None
        self.failed = False
        self.unsupported: set[str] = set()
        self.requests = 0
        self.sent = 0
        self._local: Any = None
        self._lock = threading.Lock()
        self._cache_warned = False

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self._local is not None:
            self._local.close()
            self._local = None

    def check(self, lang: str, source_langs: Sequence[str], texts: list[str], where: str) -> list[list[Match]]:
        """The matches of each text. With `optional`, a failure is a warning
        and grammar is off for the rest of the run (for the rest of the
        documents in that language, when the server does not support it)."""
        if self.failed or lang in self.unsupported:
            return [[] for _ in texts]
        try:
            return self._check(lang, source_langs, texts, where)
        except UnsupportedLanguage as error:
            if not self.settings.optional:
                raise
            self.unsupported.add(lang)
            self.warn(f"{error} (--grammar=optional: going on without grammar for {lang!r})")
        except GrammarError as error:
            if not self.settings.optional:
                raise
            self.failed = True
            self.warn(f"{error} (--grammar=optional: going on without grammar)")
        return [[] for _ in texts]

    def _check(self, lang: str, source_langs: Sequence[str], texts: list[str], where: str) -> list[list[Match]]:
        language = lt_language(lang, self.settings)
        disabled, enabled = rule_set(language, self.settings)
        mother = self.settings.mother_tongue or next((s for s in source_langs if s != lang), "")
        server = self.settings.server or LOCAL
        keys = [cache_key(server, language, disabled, enabled, mother, text) for text in texts]
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key in self.memory or key in missing:
                continue
            cached = self.disk.get(key) if self.disk is not None else None
            if cached is None:
                missing[key] = text
            else:
                self.memory[key] = cached
        if missing:
            client = self._connect()
            form = {"language": client.resolve(language, lang, where)}
            if disabled:
                form["disabledRules"] = ",".join(disabled)
            if enabled:
                form["enabledRules"] = ",".join(enabled)
            if mother and client.supports(mother):
                form["motherTongue"] = mother
            self._fetch(client, form, list(missing.items()), where)
        return [self.memory[key] for key in keys]

    def _connect(self) -> Client:
        if self.client is None:
            if self.settings.server:
                self.client = Client(self.settings.server, self.settings.timeout)
            else:
                self.client, self._local = start_local_server(self.settings.timeout)
        return self.client

    def _fetch(self, client: Client, form: dict[str, str], items: Batch, where: str) -> None:
        batches = batched(items)
        progress = _progress(len(items))
        with (
            progress or contextlib.nullcontext(),
            ThreadPoolExecutor(max_workers=min(CONCURRENCY, len(batches))) as pool,
        ):
            task = progress.add_task("LanguageTool", total=len(items)) if progress else None
            futures = [pool.submit(self._send, client, form, batch, where) for batch in batches]
            try:
                for future in as_completed(futures):
                    answers = future.result()
                    for key, matches, complete in answers:
                        self.memory[key] = matches
                        if complete and self.disk is not None:
                            self.disk.put(key, matches)
                    if progress is not None and task is not None:
                        progress.advance(task, len(answers))
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        if self.disk is not None and self.disk.write_error is not None and not self._cache_warned:
            self._cache_warned = True
            error = self.disk.write_error
            self.warn(
                f"cannot write the grammar cache in {error.filename or self.disk.directory} "
                f"({error.strerror or error}): answers are not kept for the next run (--no-cache does without it)"
            )

    def _send(
        self, client: Client, form: dict[str, str], batch: Batch, where: str
    ) -> list[tuple[str, list[Match], bool]]:
        """The matches of each paragraph of one request; a request the server
        finds too long is split in two."""
        texts = [text for _, text in batch]
        try:
            data = client.check({**form, "text": SEPARATOR.join(texts)})
        except TextTooLong as error:
            if len(batch) == 1:
                raise GrammarError(
                    f"{where}: a paragraph of {len(texts[0])} characters is longer than the LanguageTool server at "
                    f"{client.root} accepts ({error}): raise maxTextLength in the server's configuration"
                ) from None
            half = len(batch) // 2
            return self._send(client, form, batch[:half], where) + self._send(client, form, batch[half:], where)
        with self._lock:
            self.requests += 1
            self.sent += len(batch)
        try:
            found, _straddling = split_matches(data["matches"], texts, SEPARATOR)
        except ValueError as error:
            raise GrammarError(
                f"the LanguageTool server at {client.root} sent a match mtlint cannot read ({error}): "
                f"is it LanguageTool ≥ 4?"
            ) from None
        warnings = data.get("warnings")
        complete = not (isinstance(warnings, dict) and warnings.get("incompleteResults"))
        return [(key, matches, complete) for (key, _), matches in zip(batch, found, strict=True)]


def batched(items: Batch, limit: int = BATCH_LIMIT, floor: int = BATCH_FLOOR) -> list[Batch]:
    """`items` in document order, grouped into requests: each at most `limit`
    UTF-16 units (a longer paragraph goes alone), and the whole spread over
    the requests in flight when it is long enough."""
    sizes = [utf16_length(text) + len(SEPARATOR) for _, text in items]
    target = min(limit, max(floor, math.ceil(sum(sizes) / CONCURRENCY)))
    batches: list[Batch] = []
    current: Batch = []
    size = 0
    for item, item_size in zip(items, sizes, strict=True):
        if current and size + item_size > target:
            batches.append(current)
            current, size = [], 0
        current.append(item)
        size += item_size
    if current:
        batches.append(current)
    return batches


def _progress(count: int) -> Any:
    """A rich progress bar on stderr, when it is a terminal and the count is
    worth one."""
    if count <= PROGRESS_ABOVE or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]LanguageTool[/bold] paragraphs"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
