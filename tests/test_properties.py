"""Properties the public API keeps on any input (Hypothesis).

Inputs are arbitrary Unicode (lone surrogates aside) mixed with the material
the rules react to: quotation marks, French spacing, emoji, combining marks,
right-to-left letters and bidi controls, NUL, CR/LF mixes, mojibake, entities,
placeholders, Spanish and English words, very long lines. For every input and
markup: nothing raises; every span is in bounds and its text is the slice;
line and column agree with the offset; fixing twice equals fixing once; and
one round of fixes changes nothing outside its edits.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtlint import check_text, fix_text
from mtlint.api import build_document
from mtlint.diagnostic import Applicability
from mtlint.engine import Plan
from mtlint.fixer import apply_edits, choose_edits
from mtlint.registry import builtin_registry

FRAGMENTS = [
    "«", "»", "“", "”", "„", "‘", "’", "'", '"', "‹", "›", " ", "  ", "\u00a0", "\u202f", "\t",
    "\n", "\r\n", "\r", "\n\n", ".", ",", ";", ":", "!", "?", "...", "…", "¿", "¡", "-", "—", "(", ")",
    "#Russie ", "📧", "👀🌎", "e\u0301", "\u0301", "שלום", "مرحبا", "\u202e", "\u200b", "\u00ad", "\x00", "\x85",
    "\ufffd", "Ã©", "â€™", "&nbsp;", "&amp;", "[email protected]", "a@example.org", "https://example.org/a_(b)",
    "`code`", "```\n", "<b>", "</p>", "<!-- mtlint-disable -->", "1.000", "2,500", "12:30", "M. ", "p. ex. ",
    " o ", " el ", "según ", "the ", "El Espectador", "Le Kremlin", "missiles. soldats", "bulletinvous",
    "que Ce ", "le le ", "Photo: AFP", "Москва", "Ab",
]  # fmt: skip
pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(exclude_categories=("Cs",)), max_size=8))
documents = st.lists(pieces, max_size=40).map("".join)
long_lines = st.builds(lambda piece, n: piece * n, st.sampled_from(FRAGMENTS), st.integers(50, 400))
inputs = st.one_of(documents, long_lines, st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
markups = st.sampled_from(["plain", "markdown", "html"])
langs = st.sampled_from(["fr", "es", "en", "de", None])
#: MTLINT_PROPERTY_EXAMPLES=5000 for a long local run; CI keeps the default
EXAMPLES = int(os.environ.get("MTLINT_PROPERTY_EXAMPLES", "150"))
CHECK = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def position(text: str, offset: int) -> tuple[int, int]:
    lines = text[:offset].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


@CHECK
@given(text=inputs, markup=markups, lang=langs)
def test_spans_are_exact(text: str, markup: str, lang: str | None) -> None:
    doc = build_document(text, markup=markup, lang=lang)
    for diagnostic in check_text(text, markup=markup, lang=lang, preview=True):
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text)
        assert diagnostic.text == text[diagnostic.start : diagnostic.end]
        assert doc.lines.position(diagnostic.start) == position(text, diagnostic.start)
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)


@CHECK
@given(text=inputs, markup=markups, lang=langs)
def test_fixing_twice_equals_fixing_once(text: str, markup: str, lang: str | None) -> None:
    once = fix_text(text, unsafe=True, markup=markup, lang=lang or "fr")
    twice = fix_text(once.text, unsafe=True, markup=markup, lang=lang or "fr")
    assert twice.text == once.text


@CHECK
@given(text=inputs, markup=markups)
def test_one_round_changes_nothing_outside_its_edits(text: str, markup: str) -> None:
    plan = Plan.build(builtin_registry())
    diagnostics = plan.run(build_document(text, markup=markup, lang="fr"))
    edits, _ = choose_edits(diagnostics, Applicability.UNSAFE)
    fixed = apply_edits(text, edits)
    position_in, position_out = 0, 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        kept = edit.start - position_in
        assert fixed[position_out : position_out + kept] == text[position_in : edit.start]
        position_out += kept + len(edit.replacement)
        position_in = edit.end
    assert fixed[position_out:] == text[position_in:]
