"""The library surface: lint or fix a string without touching any file.

>>> from mtlint import check_text
>>> [d.code for d in check_text("Le Kremlin a  déclaré", lang="fr")]
['T001']
"""

from __future__ import annotations

from collections.abc import Sequence

from mtlint.diagnostic import Applicability, Diagnostic
from mtlint.document import Document
from mtlint.engine import Plan
from mtlint.fixer import FixOutcome, fix_until_stable
from mtlint.lang.detect import detect
from mtlint.markup import masker
from mtlint.registry import builtin_registry


def build_document(
    text: str,
    *,
    path: str = "<text>",
    markup: str = "plain",
    lang: str | None = None,
    source_langs: Sequence[str] = (),
) -> Document:
    """A Document with its prose view masked and its language decided."""
    prose, masked = masker(markup)(text)
    return Document(
        text=text,
        path=path,
        markup=markup,
        lang=lang or detect(prose),
        source_langs=tuple(source_langs),
        prose=prose,
        masked=masked,
    )


def _plan(select: Sequence[str], ignore: Sequence[str], preview: bool, vocabulary: Sequence[str]) -> Plan:
    return Plan.build(builtin_registry(), select=select, ignore=ignore, preview=preview, vocabulary=vocabulary)


def check_text(
    text: str,
    *,
    lang: str | None = None,
    source_langs: Sequence[str] = (),
    markup: str = "plain",
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
    preview: bool = False,
    vocabulary: Sequence[str] = (),
) -> list[Diagnostic]:
    """The diagnostics of `text`, sorted by position."""
    plan = _plan(select, ignore, preview, vocabulary)
    return plan.run(build_document(text, markup=markup, lang=lang, source_langs=source_langs))


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    lang: str | None = None,
    source_langs: Sequence[str] = (),
    markup: str = "plain",
    select: Sequence[str] = ("ALL",),
    ignore: Sequence[str] = (),
    preview: bool = False,
    vocabulary: Sequence[str] = (),
) -> FixOutcome:
    """`text` with its safe fixes applied (and unsafe ones when `unsafe`),
    repeated until stable, with the diagnostics that remain."""
    plan = _plan(select, ignore, preview, vocabulary)
    target = lang or detect(masker(markup)(text)[0])

    def lint(current: str) -> list[Diagnostic]:
        return plan.run(build_document(current, markup=markup, lang=target, source_langs=source_langs))

    threshold = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return fix_until_stable(text, lint, threshold)
