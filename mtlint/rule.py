"""The one interface behind every rule, whether written in Python or in a TOML pack.

A rule is its metadata (`RuleMeta`) plus `check(doc, ctx)`. Metadata is the
documentation: `mtlint rules`, `mtlint explain`, SARIF's rule table and the
example tests all read it, so a rule cannot exist undocumented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

from mtlint.diagnostic import Applicability, Category, Diagnostic, Fix, Severity
from mtlint.document import Document
from mtlint.examples import Example
from mtlint.printable import printable


class Option(NamedTuple):
    """A per-rule setting users may give under `[tool.mtlint.rules.<selector>]`.

    `choices`, when set, lists the accepted values; otherwise the value must
    have the type of `default`.
    """

    default: Any
    help: str
    choices: tuple[Any, ...] = ()

    def validate(self, value: Any) -> Any:
        if self.choices:
            if value not in self.choices:
                shown = ", ".join(repr(choice) for choice in self.choices)
                raise ValueError(f"expected one of {shown}, got {value!r}")
        elif not isinstance(value, type(self.default)) or isinstance(value, bool) != isinstance(self.default, bool):
            raise ValueError(f"expected {type(self.default).__name__}, got {value!r}")
        return value


class RuleMeta(NamedTuple):
    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    explanation: str
    examples: tuple[Example, ...]
    languages: tuple[str, ...] = ("*",)
    fix: Applicability | None = None
    status: str = "stable"
    origin: str = "builtin"
    options: Mapping[str, Option] = MappingProxyType({})

    def applies_to(self, lang: str) -> bool:
        return "*" in self.languages or lang in self.languages


class Context(NamedTuple):
    """What a rule may know beyond the document: its own option values."""

    options: Mapping[str, Any] = MappingProxyType({})


class Rule:
    """Base of every rule. Subclasses set `meta` and implement `check`.

    A `raw` rule reads the text with its markup, so its findings inside masked
    regions are kept; every other rule's are dropped there.
    """

    meta: RuleMeta
    raw: bool = False

    def check(self, doc: Document, ctx: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def for_examples(self) -> Rule:
        """The rule as its examples run it. A rule that needs an outside
        service (LanguageTool) returns a copy answering from recorded
        replies; every other rule is its own example runner."""
        return self

    def report(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        suggestions: tuple[str, ...] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic of this rule on doc.text[start:end]. The message is
        for people, and may quote the text: its control characters are shown
        as their pictures (`mtlint.printable`), whatever format shows it."""
        meta = self.meta
        return Diagnostic(
            code=meta.code,
            rule=meta.name,
            category=meta.category,
            severity=severity or meta.severity,
            message=printable(message),
            start=start,
            end=end,
            text=doc.text[start:end],
            suggestions=suggestions,
            fix=fix,
        )


class PythonRule(Rule):
    """A rule written in Python: class attributes are its metadata and the class
    docstring is its explanation, so the module reads like the rule's page."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    examples: ClassVar[tuple[Example, ...]]
    languages: ClassVar[tuple[str, ...]] = ("*",)
    fix: ClassVar[Applicability | None] = None
    status: ClassVar[str] = "stable"
    options: ClassVar[Mapping[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.meta = RuleMeta(
            code=cls.code,
            name=cls.name,
            category=cls.category,
            severity=cls.severity,
            summary=cls.summary,
            explanation=cleandoc(cls.__doc__ or ""),
            examples=cls.examples,
            languages=cls.languages,
            fix=cls.fix,
            status=cls.status,
            origin=f"{cls.__module__}.{cls.__qualname__}",
            options=cls.options,
        )


def cleandoc(doc: str) -> str:
    """A docstring as `inspect.cleandoc` cleans it: the first line stripped
    of its indent, the others of the least indent among them, blank lines
    dropped at both ends. Here because importing inspect costs every run
    more than checking a short article, for this one function."""
    lines = doc.expandtabs().split("\n")
    margin = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()), default=0)
    lines = [lines[0].lstrip(), *(line[margin:] for line in lines[1:])]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
