"""Coverage-guided fuzzing of check_text and fix_text with atheris.

    python fuzz/fuzz_check.py -atheris_runs=100000      # as long as you like
    python fuzz/fuzz_check.py -max_total_time=3600 fuzz/corpus

Each input becomes a string (any Unicode the data provider yields, lone
surrogates aside) and a markup and language; the target checks the same
properties as tests/test_properties.py and raises on the first violation,
which atheris reports with the input that caused it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from mtlint import check_text, fix_text
    from mtlint.document import LineIndex

MARKUPS = ("plain", "markdown", "html")
LANGS = ("fr", "es", "en", "de", "ru")


def _clean(text: str) -> str:
    """Lone surrogates cannot come from a decoded file: drop them."""
    return text.encode("utf-8", "ignore").decode("utf-8")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    markup = MARKUPS[provider.ConsumeIntInRange(0, len(MARKUPS) - 1)]
    lang = LANGS[provider.ConsumeIntInRange(0, len(LANGS) - 1)]
    text = _clean(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()))
    lines = LineIndex(text)
    for diagnostic in check_text(text, markup=markup, lang=lang, preview=True):
        if not 0 <= diagnostic.start <= diagnostic.end <= len(text):
            raise AssertionError(f"span out of bounds: {diagnostic}")
        if diagnostic.text != text[diagnostic.start : diagnostic.end]:
            raise AssertionError(f"text is not the slice: {diagnostic}")
        lines.position(diagnostic.start)
    once = fix_text(text, unsafe=True, markup=markup, lang=lang)
    if fix_text(once.text, unsafe=True, markup=markup, lang=lang).text != once.text:
        raise AssertionError("fixing twice differs from fixing once")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
