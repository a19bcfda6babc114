"""Mojibake recall on damage we make ourselves from clean text.

    python eval/inject_encoding.py eval/.corpus/clean-fr.txt eval/stress/*-news.txt
    python eval/inject_encoding.py --per-file 300 --show 5 FILES

From each file, paragraphs with at least one non-ASCII letter are drawn with a
fixed seed, and each is damaged in every way below: the UTF-8 bytes of the
whole paragraph, of one word or of one character are read as Windows-1252,
Latin-1 or MacRoman, or read as Windows-1252 twice. A damaged copy counts as
found when the mojibake rule (E003) reports more findings on it than on the
clean paragraph; it counts as restored when its safe fixes give back the clean
paragraph exactly. The language of each file is guessed from its name
(clean-fr.txt, fr-news.txt), else --lang.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtlint.api import check_text, fix_text

NON_ASCII_WORD = regex.compile(r"\S*[^\x00-\x7f\s]\S*")
NON_ASCII_CHAR = regex.compile(r"[^\x00-\x7f\s]")
FILE_LANG = regex.compile(r"(?:^|[-_.])(fr|es|en|de|it|pt)(?:[-_.]|$)")


def windows_1252(data: bytes) -> str:
    """Bytes as a browser reads Windows-1252: the five bytes it leaves
    undefined become the C1 controls Latin-1 gives (what ftfy calls sloppy)."""
    return "".join(_byte(b) for b in data)


def _byte(value: int) -> str:
    try:
        return bytes([value]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(value)


def as_cp1252(text: str) -> str:
    return windows_1252(text.encode("utf-8"))


def as_latin1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def as_macroman(text: str) -> str:
    return text.encode("utf-8").decode("mac_roman")


def doubled(text: str) -> str:
    return as_cp1252(as_cp1252(text))


Damage = Callable[[str, random.Random], str | None]


def _whole(decode: Callable[[str], str]) -> Damage:
    return lambda text, rng: decode(text)


def _part(pattern: regex.Pattern[str], decode: Callable[[str], str]) -> Damage:
    def damage(text: str, rng: random.Random) -> str | None:
        matches = list(pattern.finditer(text))
        if not matches:
            return None
        match = rng.choice(matches)
        return text[: match.start()] + decode(match.group()) + text[match.end() :]

    return damage


DAMAGES: dict[str, Damage] = {
    "line-cp1252": _whole(as_cp1252),
    "line-latin1": _whole(as_latin1),
    "line-macroman": _whole(as_macroman),
    "word-cp1252": _part(NON_ASCII_WORD, as_cp1252),
    "word-latin1": _part(NON_ASCII_WORD, as_latin1),
    "word-macroman": _part(NON_ASCII_WORD, as_macroman),
    "char-cp1252": _part(NON_ASCII_CHAR, as_cp1252),
    "char-macroman": _part(NON_ASCII_CHAR, as_macroman),
    "doubled-line": _whole(doubled),
    "doubled-word": _part(NON_ASCII_WORD, doubled),
}


def mojibake_count(text: str, lang: str) -> int:
    return sum(1 for d in check_text(text, lang=lang, select=["E003"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", default="fr", help="language of files whose name does not say it")
    parser.add_argument("--per-file", type=int, default=200, help="paragraphs drawn from each file")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N missed copies per kind")
    args = parser.parse_args()
    found, total, restored = Counter(), Counter(), Counter()
    missed: dict[str, list[str]] = {}
    for path in args.files:
        named = FILE_LANG.search(path.name)
        lang = named.group(1) if named else args.lang
        rng = random.Random(f"{args.seed}:{path.name}")
        paragraphs = [p for p in path.read_text(encoding="utf-8").splitlines() if NON_ASCII_CHAR.search(p)]
        for clean in rng.sample(paragraphs, min(args.per_file, len(paragraphs))):
            before = mojibake_count(clean, lang)
            for kind, damage in DAMAGES.items():
                damaged = damage(clean, rng)
                if damaged is None or damaged == clean:
                    continue
                total[kind] += 1
                if mojibake_count(damaged, lang) > before:
                    found[kind] += 1
                else:
                    missed.setdefault(kind, []).append(damaged)
                if fix_text(damaged, lang=lang, select=["E003"], unsafe=False).text == clean:
                    restored[kind] += 1
    print(f"{'damage':<15} {'copies':>7} {'recall':>7} {'restored by safe fixes':>23}")
    for kind in DAMAGES:
        if total[kind]:
            print(
                f"{kind:<15} {total[kind]:>7} {found[kind] / total[kind]:>7.3f} {restored[kind] / total[kind]:>23.3f}"
            )
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"{'all':<15} {all_total:>7} {all_found / max(all_total, 1):>7.3f}")
    for kind, texts in missed.items():
        for text in texts[: args.show]:
            print(f"missed {kind}: {text[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
