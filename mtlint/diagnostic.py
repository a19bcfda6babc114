"""What a rule reports: severities, categories, edits, fixes and diagnostics.

These types are the JSON contract's vocabulary (DESIGN.md): every output format
is a rendering of a `Diagnostic`, so nothing here knows about any format.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from functools import partial
from itertools import starmap
from operator import attrgetter
from typing import Any, NamedTuple


class Severity(IntEnum):
    """Ordered so that `--fail-on` can compare: info < warning < error."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        # `_name_`, not `name`: enum's property for `name` costs a Python call,
        # and a report asks for a label per finding
        return self._name_.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"expected one of error, warning, info, got {value!r}") from None


class Category(StrEnum):
    """The seven categories of the contract; other tools select on them."""

    ENCODING = "encoding"
    QUOTES = "quotes"
    UNTRANSLATED = "untranslated"
    SEGMENTATION = "segmentation"
    BOILERPLATE = "boilerplate"
    TYPOGRAPHY = "typography"
    GRAMMAR = "grammar"

    @property
    def letter(self) -> str:
        """The first letter of every built-in code in this category."""
        return self.value[0].upper()


#: by value, for reading cached results (a lookup, not an Enum call per field)
SEVERITIES = {severity.value: severity for severity in Severity}
#: each severity's label, for reports that write one per finding (a lookup, not a property call)
SEVERITY_LABELS = {severity: severity.label for severity in Severity}
CATEGORIES = {category.value: category for category in Category}


class Applicability(IntEnum):
    """How far a fix can be trusted (ruff's model): safe fixes apply with `--fix`,
    unsafe ones only with `--unsafe-fixes` too, because they may change meaning."""

    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        # `_name_`, not `name`: enum's property for `name` costs a Python call,
        # and a report asks for a label per finding
        return self._name_.lower()


APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}


class Edit(NamedTuple):
    """Replace text[start:end] with `replacement`; offsets are code points."""

    start: int
    end: int
    replacement: str

    def overlaps(self, other: Edit) -> bool:
        """Edits that merely touch are not overlapping (textlint #731); two
        insertions at the same point are, since their order would be a guess."""
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str = ""

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


class Diagnostic:
    """One finding. `start`/`end` index the decoded file text, end exclusive.
    Mutable: a plan sets the severity the user configured. A plain class,
    not a dataclass: importing dataclasses (and inspect) costs every run
    more than checking a short article."""

    #: in the order of the constructor's parameters, as `repr` and `to_json` give them
    FIELDS = ("code", "rule", "category", "severity", "message", "start", "end", "text", "suggestions", "fix")
    __slots__ = FIELDS

    def __init__(
        self,
        code: str,
        rule: str,
        category: Category,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        text: str,
        suggestions: tuple[str, ...] = (),
        fix: Fix | None = None,
    ) -> None:
        self.code = code
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.text = text
        self.suggestions = suggestions
        self.fix = fix

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.FIELDS)

    def __repr__(self) -> str:
        return f"Diagnostic({', '.join(f'{name}={getattr(self, name)!r}' for name in self.FIELDS)})"

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        """Pickled as its constructor's arguments: pickle's default for a
        class with slots names every field in each, which takes half as
        long again to write and half as long again to read back. (mtlint's
        own processes send theirs `packed`.)"""
        fields = (self.code, self.rule, self.category, self.severity, self.message, self.start, self.end, self.text)
        return (Diagnostic, (*fields, self.suggestions, self.fix))

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)

    def to_json(self) -> list[Any]:
        """Everything needed to rebuild this diagnostic (the result cache), as
        a row of fields in their order: an unchanged repository reads back
        thousands, and a row parses and builds in half the time of an object."""
        fix = self.fix
        return [
            self.code,
            self.rule,
            self.category.value,
            self.severity.value,
            self.message,
            self.start,
            self.end,
            self.text,
            list(self.suggestions),
            None
            if fix is None
            else [fix.applicability.value, fix.title, [[edit.start, edit.end, edit.replacement] for edit in fix.edits]],
        ]

    @classmethod
    def from_json(cls, row: list[Any]) -> Diagnostic:
        """The inverse of `to_json`; KeyError, TypeError or ValueError on
        anything else."""
        code, rule, category, severity, message, start, end, text, suggestions, fix = row
        return cls(
            code,
            rule,
            CATEGORIES[category],
            SEVERITIES[severity],
            message,
            start,
            end,
            text,
            tuple(suggestions),
            None if fix is None else Fix(tuple(starmap(Edit, fix[2])), APPLICABILITIES[fix[0]], fix[1]),
        )


#: a diagnostic's fields but its fix, in the constructor's order, read at C speed (`packed`)
_ALL_BUT_FIX = attrgetter(*Diagnostic.FIELDS[:-1])
_FIX = attrgetter("fix")
#: an Edit made from a plain tuple as tuple's own constructor makes it, where
#: calling Edit runs a function of Python
_EDIT = partial(tuple.__new__, Edit)
#: what `packed` makes: a row per diagnostic (its fields but the fix), and
#: the fixes, each as (row number, applicability, title, edit, edit...)
Packed = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def packed(diagnostics: list[Diagnostic]) -> Packed:
    """`diagnostics` as tuples of strings, numbers and enums, for the workers
    of `--jobs` to send back (`unpacked` reads them). Pickle writes such
    tuples at C speed but calls Python for each object of ours (a
    Diagnostic's `__reduce__`, a Fix's and an Edit's): a worker sending the
    3,800 findings of 500 benchmark articles as objects spent 29-35 ms
    pickling them, packed 17-25 ms. Reading them back costs about the same
    either way. A large file's second lane (`mtlint.lanes`) sends its
    findings packed too."""
    rows = list(map(_ALL_BUT_FIX, diagnostics))
    fixes = [
        (number, fix.applicability, fix.title, *map(tuple, fix.edits))
        for number, fix in enumerate(map(_FIX, diagnostics))
        if fix is not None
    ]
    return rows, fixes


def unpacked(values: Packed) -> list[Diagnostic]:
    """The diagnostics `packed` made `values` of, equal field by field."""
    rows, fixes = values
    diagnostics = list(starmap(Diagnostic, rows))
    for number, applicability, title, *edits in fixes:
        diagnostics[number].fix = Fix(tuple(map(_EDIT, edits)), applicability, title)
    return diagnostics
