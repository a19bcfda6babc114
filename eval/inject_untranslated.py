"""Recall of the untranslated family on fragments we insert ourselves.

    python eval/inject_untranslated.py --lang fr --phrases eval/untranslated/es-phrases.txt eval/stress/fr-news.txt
    python eval/inject_untranslated.py --lang fr --words eval/untranslated/es-words.txt
    python eval/inject_untranslated.py --lang de --phrases eval/untranslated/en-phrases.txt eval/.corpus/clean-de.txt

A phrase is inserted between two words of a clean paragraph (a fixed seed
picks where); a word file gives each word with a sentence to put it in. A
fragment counts as found when an `untranslated` warning or error overlaps it.
Recall is reported by fragment length in words.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtlint.api import check_text
from mtlint.diagnostic import Severity

GAP = regex.compile(r"(?<=\p{Ll}) (?=\p{Ll})")


def found(text: str, start: int, end: int, lang: str, sources: list[str]) -> bool:
    for d in check_text(text, lang=lang, source_langs=sources, select=["untranslated"]):
        if d.severity >= Severity.WARNING and d.start < end and start < d.end:
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("clean", nargs="*", type=Path, help="clean paragraphs to insert phrases into")
    parser.add_argument("--lang", required=True)
    parser.add_argument("--source-lang", action="append", default=[], help="as the CLI's (default: inferred)")
    parser.add_argument("--phrases", type=Path)
    parser.add_argument("--words", type=Path)
    parser.add_argument("--per-phrase", type=int, default=3, help="insertions of each phrase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tried: Counter[int] = Counter()
    hit: Counter[int] = Counter()
    cases: list[tuple[str, int, int, int]] = []
    if args.words:
        for line in args.words.read_text(encoding="utf-8").splitlines():
            if "\t" not in line or line.startswith("#"):
                continue
            word, sentence = line.split("\t", 1)
            start = sentence.index("{}")
            cases.append((sentence.replace("{}", word, 1), start, start + len(word), 1))
    if args.phrases:
        paragraphs = [p for path in args.clean for p in path.read_text(encoding="utf-8").splitlines() if GAP.search(p)]
        for phrase in args.phrases.read_text(encoding="utf-8").splitlines():
            phrase = phrase.strip()
            if not phrase or phrase.startswith("#"):
                continue
            for _ in range(args.per_phrase):
                paragraph = rng.choice(paragraphs)
                gap = rng.choice(list(GAP.finditer(paragraph))).start()
                text = paragraph[: gap + 1] + phrase + " " + paragraph[gap + 1 :]
                cases.append((text, gap + 1, gap + 1 + len(phrase), len(phrase.split())))
    for text, start, end, length in cases:
        tried[length] += 1
        if found(text, start, end, args.lang, args.source_lang):
            hit[length] += 1
        elif args.show_missed:
            print(f"missed: {text[start:end]!r} in …{text[max(0, start - 40) : end + 40]}…")
    total_tried, total_hit = sum(tried.values()), sum(hit.values())
    for length in sorted(tried):
        label = f"{length} word{'s' if length > 1 else ''}"
        print(f"{label:<8} {hit[length]:>5}/{tried[length]:<5} recall {hit[length] / tried[length]:.3f}")
    print(f"all      {total_hit:>5}/{total_tried:<5} recall {total_hit / max(total_tried, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
