"""Run the selected rules on one document and keep what the user wants to see.

The order of filters matters and is the same for every rule: findings inside
masked markup, in suppressed regions, inside accepted vocabulary or ignored
for this file are dropped; severities are then overridden from config; what is
left is sorted by position.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import regex

from mtlint.diagnostic import Diagnostic, Packed, Severity, packed, unpacked
from mtlint.document import Document
from mtlint.errors import ConfigError, RuleTimeout
from mtlint.lanes import FORK_MIN, in_two_lanes
from mtlint.pattern_store import kept
from mtlint.printable import say
from mtlint.registry import Registry
from mtlint.rule import Context, Rule
from mtlint.spans import Spans
from mtlint.suppression import Suppression, suppressions

#: findings of one rule in one file past which the rule stops: a rule that
#: fires on every other word is reading something that is not prose of the
#: language ("a. " repeated), and listing it all helps nobody (LanguageTool
#: stops a check past an error-per-word rate for the same reason)
MAX_FINDINGS = 10_000
#: the context of a rule the plan holds no options for
NO_OPTIONS = Context()


class Plan:
    """Everything decided once per configuration: which rules run, with which
    options and severities, and which words are accepted. `timings`, when
    set, collects each rule's seconds (MTLINT_TIMING), and `analysis_timings`
    those of the analyses the rules share (`Document.memo`), which would
    otherwise count in whichever rule asked for one first."""

    def __init__(
        self,
        registry: Registry,
        rules: list[Rule],
        contexts: dict[str, Context],
        severities: dict[str, Severity],
        vocabulary: regex.Pattern[str] | None = None,
    ) -> None:
        self.registry = registry
        self.rules = rules
        self.contexts = contexts
        self.severities = severities
        self.vocabulary = vocabulary
        self.timings: dict[str, float] | None = None
        self.analysis_timings: dict[str, float] = {}

    @property
    def rules(self) -> list[Rule]:
        return self._rules

    @rules.setter
    def rules(self, rules: list[Rule]) -> None:
        self._rules = rules
        #: the rules that apply to each language met, in plan order
        self._by_lang: dict[str, list[Rule]] = {}

    def rules_for(self, lang: str) -> list[Rule]:
        """The plan's rules that apply to `lang`: decided once per language, not once per document."""
        if lang not in self._by_lang:
            self._by_lang[lang] = [rule for rule in self._rules if rule.meta.applies_to(lang)]
        return self._by_lang[lang]

    @classmethod
    def build(
        cls,
        registry: Registry,
        *,
        select: Sequence[str] = ("ALL",),
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        preview: bool = False,
        rule_tables: Mapping[str, Mapping[str, Any]] | None = None,
        vocabulary: Sequence[str] = (),
        where: str = "command line",
    ) -> Plan:
        for selector in (*select, *ignore, *extend_select):
            registry.check_selector(selector, where)
        rules = registry.select((*select, *extend_select), ignore, preview=preview)
        contexts, severities = _rule_settings(registry, rules, rule_tables or {}, where)
        return cls(registry, rules, contexts, severities, _vocabulary_pattern(vocabulary))

    def run(self, doc: Document, ignored: Sequence[str] = (), *, lanes: int = 1) -> list[Diagnostic]:
        """The diagnostics of `doc`, filtered and sorted. A user's pattern that
        times out is dropped from the plan with a warning; the run goes on.

        With `lanes` above one, a large document's rules run on two processes
        (`mtlint.lanes`); what comes back is taken in rule order, so findings,
        warnings and timings are those of one process."""
        regions = suppressions(doc.text) if doc.markup != "plain" else []
        accepted = _accepted_spans(self.vocabulary, doc.text)
        rules = self.rules_for(doc.lang)
        if ignored:
            rules = [rule for rule in rules if not any(self.registry.specificity(s, rule) for s in ignored)]

        analyses = doc.analyses = {} if self.timings is not None else None

        def check(rule: Rule) -> Outcome:
            if analyses is None:
                return self._outcome(rule, doc, regions, accepted)
            known = set(analyses)
            outcome = self._outcome(rule, doc, regions, accepted)
            analysed = tuple((key, seconds) for key, seconds in analyses.items() if key not in known)
            return outcome._replace(
                seconds=outcome.seconds - sum(seconds for _, seconds in analysed), analyses=analysed
            )

        outcomes = in_two_lanes(rules, check) if lanes > 1 and len(doc.text) >= FORK_MIN else map(check, rules)
        found: list[Diagnostic] = []
        for rule, outcome in zip(rules, outcomes, strict=True):
            if outcome is NOTHING:
                continue
            for warning in outcome.warnings:
                say("warning", warning)
            if outcome.dropped:
                self.rules = [kept for kept in self.rules if kept is not rule]
            if self.timings is not None:
                self.timings[rule.meta.code] = self.timings.get(rule.meta.code, 0.0) + outcome.seconds
                for key, seconds in outcome.analyses:
                    self.analysis_timings[key] = self.analysis_timings.get(key, 0.0) + seconds
            found.extend(outcome.kept)
        found.sort(key=Diagnostic.sort_key)
        return found

    def _outcome(self, rule: Rule, doc: Document, regions: list[Suppression], accepted: Spans) -> Outcome:
        """The rule's findings the user wants to see, severities overridden,
        with what to warn about: returned, not printed, so that a rule checked
        in another process reports through this one, in order."""
        started = time.perf_counter() if self.timings is not None else 0.0
        kept: list[Diagnostic] = []
        warnings: list[str] = []
        code = rule.meta.code
        severity = self.severities.get(code)
        try:
            for diagnostic in rule.check(doc, self.contexts.get(code, NO_OPTIONS)):
                if len(kept) == MAX_FINDINGS:
                    warnings.append(
                        f"{doc.path}: {code} stopped after {MAX_FINDINGS:,} findings;"
                        " the text is probably not prose of its language"
                    )
                    break
                if doc.is_masked(diagnostic.start, diagnostic.end) and not rule.raw:
                    continue
                if regions and _suppressed(self.registry, rule, diagnostic, regions):
                    continue
                if accepted and accepted.enclose(diagnostic.start, diagnostic.end):
                    continue
                if severity is not None:
                    diagnostic.severity = severity
                kept.append(diagnostic)
        except RuleTimeout as timeout:
            warnings.append(f"{timeout}; rule dropped for the rest of the run")
            return Outcome([], warnings, _since(started, self.timings), dropped=True)
        if not kept and not warnings and self.timings is None:
            return NOTHING  # most rules find nothing in most documents
        return Outcome(kept, warnings, _since(started, self.timings))


class Outcome(NamedTuple):
    """What checking one rule on one document gave."""

    kept: list[Diagnostic]
    warnings: list[str]
    seconds: float
    #: the rule timed out and leaves the plan
    dropped: bool = False
    #: timed: the shared analyses the rule was the first to ask for, and
    #: their seconds, which `seconds` leaves out
    analyses: tuple[tuple[str, float], ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its findings `packed`: a large file's second lane
        (`mtlint.lanes`) sends thousands back."""
        return (_arrived, (packed(self.kept), self.warnings, self.seconds, self.dropped, self.analyses))


def _arrived(
    kept: Packed, warnings: list[str], seconds: float, dropped: bool, analyses: tuple[tuple[str, float], ...]
) -> Outcome:
    """An outcome as `Outcome.__reduce__` sent it."""
    return Outcome(unpacked(kept), warnings, seconds, dropped, analyses)


#: what a rule that found nothing gives when no timings are kept: one object
#: for all, which `Plan.run` passes over
NOTHING = Outcome([], [], 0.0)


def _since(started: float, timings: dict[str, float] | None) -> float:
    return time.perf_counter() - started if timings is not None else 0.0


def _suppressed(registry: Registry, rule: Rule, diagnostic: Diagnostic, regions: list[Suppression]) -> bool:
    """Whether the diagnostic starts in a region that covers its rule. A fix
    reaching into any such region is withdrawn: `--fix` never edits there."""
    covering = [r for r in regions if not r.selectors or any(registry.specificity(s, rule) for s in r.selectors)]
    for region in covering:
        if region.start <= diagnostic.start < region.end:
            return True
    if diagnostic.fix is not None:
        for region in covering:
            if any(edit.start < region.end and region.start < edit.end for edit in diagnostic.fix.edits):
                diagnostic.fix = None
                break
    return False


def _vocabulary_pattern(words: Sequence[str]) -> regex.Pattern[str] | None:
    """One alternation for the accepted words and names, longest first (one
    length in code point order, so that every process writes the same
    pattern), matched on word boundaries."""
    if not words:
        return None
    alternatives = "|".join(regex.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))
    return kept(regex.compile, rf"(?<!\w)(?:{alternatives})(?!\w)")


def _accepted_spans(pattern: regex.Pattern[str] | None, text: str) -> Spans:
    return Spans(match.span() for match in pattern.finditer(text)) if pattern else Spans(())


def _rule_settings(
    registry: Registry,
    rules: list[Rule],
    tables: Mapping[str, Mapping[str, Any]],
    where: str,
) -> tuple[dict[str, Context], dict[str, Severity]]:
    """Per-rule options and severities from `[rules.<selector>]` tables.

    A table applies to every rule its selector names; each key must be
    `severity` or an option one of those rules declares.
    """
    options: dict[str, dict[str, Any]] = {}
    severities: dict[str, Severity] = {}
    for selector, table in tables.items():
        registry.check_selector(selector, f"{where}: [rules.{selector}]")
        targets = [rule for rule in registry.rules if registry.specificity(selector, rule)]
        for key, value in table.items():
            place = f"{where}: key 'rules.{selector}.{key}'"
            if key == "severity":
                try:
                    level = Severity.parse(str(value))
                except ValueError as error:
                    raise ConfigError(f"{place}: {error}") from None
                severities.update((rule.meta.code, level) for rule in targets)
                continue
            declaring = [rule for rule in targets if key in rule.meta.options]
            if not declaring:
                raise ConfigError(f"{place}: no rule selected by {selector!r} has this option")
            for rule in declaring:
                try:
                    value = rule.meta.options[key].validate(value)
                except ValueError as error:
                    raise ConfigError(f"{place}: {error}") from None
                options.setdefault(rule.meta.code, {})[key] = value
    contexts = {}
    for rule in rules:
        values = {name: option.default for name, option in rule.meta.options.items()}
        values.update(options.get(rule.meta.code, {}))
        contexts[rule.meta.code] = Context(values)
    return contexts, severities
