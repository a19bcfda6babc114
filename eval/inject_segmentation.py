"""Recall of the segmentation rules on damage we make ourselves: one defect
per paragraph and kind, then check whether the expected rule reports it.

    python eval/inject_segmentation.py --lang fr eval/stress/fr-news.txt eval/.corpus/clean-fr.txt
    python eval/inject_segmentation.py --lang en --show-missed glued eval/stress/en-news.txt

Kinds of damage, each at a site chosen with a fixed seed so that runs repeat:
- a period between two lowercase words ("missiles soldats" -> "missiles. soldats");
- two adjacent lowercase words glued ("bulletin vous" -> "bulletinvous"), 5 letters or more;
- a word doubled ("de" -> "de de");
- a function word capitalised between two lowercase words ("que ce n'est" -> "que Ce n'est").
  Function words here are the language's most frequent words in its lexicon, not the
  rule's own list, so that the list's coverage is measured too;
- a sentence of six words or more repeated right after itself.
A copy counts as found when the expected rule reports more findings on it than
on the clean paragraph.
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

from mtlint.api import build_document
from mtlint.engine import Plan
from mtlint.lexicon import lexicon
from mtlint.registry import builtin_registry

Damage = Callable[[str, random.Random, str], str | None]
#: a whole lowercase word: not part of an elision, a compound, a number or an address
WORD = r"(?<![\p{L}\p{M}\p{N}'’\-.@/_#])\p{Ll}[\p{L}\p{M}]*+(?![\p{L}\p{M}\p{N}'’\-@/_])"
PAIR = regex.compile(rf"({WORD}) ({WORD})")
LONE = regex.compile(WORD)
SENTENCE = regex.compile(r"(?<=^|[.!?] )\p{Lu}[^.!?]*[.!?](?= |$)")
FUNCTION_WORDS = 60


def _pick(rng: random.Random, matches: list[regex.Match[str]]) -> regex.Match[str] | None:
    return rng.choice(matches) if matches else None


def _pairs(text: str) -> list[regex.Match[str]]:
    return list(PAIR.finditer(text, overlapped=True))


def stray_break(text: str, rng: random.Random, lang: str) -> str | None:
    match = _pick(rng, _pairs(text))
    if match is None:
        return None
    return text[: match.end(1)] + ". " + text[match.start(2) :]


def glue(text: str, rng: random.Random, lang: str) -> str | None:
    match = _pick(rng, [m for m in _pairs(text) if len(m.group(1)) + len(m.group(2)) >= 5])
    if match is None:
        return None
    return text[: match.end(1)] + text[match.start(2) :]


def double(text: str, rng: random.Random, lang: str) -> str | None:
    match = _pick(rng, list(LONE.finditer(text)))
    if match is None:
        return None
    return text[: match.end()] + " " + match.group() + text[match.end() :]


def _frequent(lang: str) -> frozenset[str]:
    """The language's most frequent words of two letters or more."""
    ranked = sorted(
        ((word, zipf) for word, zipf in lexicon(lang).items() if len(word) >= 2 and word.isalpha()),
        key=lambda item: -item[1],
    )
    return frozenset(word for word, _ in ranked[:FUNCTION_WORDS])


def capitalise(text: str, rng: random.Random, lang: str) -> str | None:
    frequent = _frequent(lang)
    sites = [
        m
        for m in regex.finditer(
            rf"(?<=(?:^|[^\p{{L}}\p{{M}}'’\-])[\p{{Ll}}\p{{M}}]+ )({WORD})(?= \p{{Ll}})", text, overlapped=True
        )
        if m.group(1) in frequent
    ]
    match = _pick(rng, sites)
    if match is None:
        return None
    return text[: match.start(1)] + match.group(1)[0].upper() + text[match.start(1) + 1 :]


def repeat_sentence(text: str, rng: random.Random, lang: str) -> str | None:
    match = _pick(rng, [m for m in SENTENCE.finditer(text) if len(m.group().split()) >= 6])
    if match is None:
        return None
    return text[: match.end()] + " " + match.group() + text[match.end() :]


KINDS: dict[str, tuple[Damage, str]] = {
    "stray": (stray_break, "S001"),
    "glued": (glue, "S002"),
    "doubled": (double, "S005"),
    "capital": (capitalise, "S007"),
    "sentence": (repeat_sentence, "S006"),
}
LABELS = {
    "stray": "period between lowercase words",
    "glued": "two words glued",
    "doubled": "word doubled",
    "capital": "function word capitalised",
    "sentence": "sentence repeated",
}


PLAN = Plan.build(builtin_registry(), select=["segmentation"])


def _count(text: str, lang: str, code: str) -> int:
    return sum(1 for d in PLAN.run(build_document(text, lang=lang)) if d.code == code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=2000, help="paragraphs per file at most (a seeded sample)")
    parser.add_argument("--show-missed", metavar="KIND", choices=sorted(KINDS), help="print the misses of one kind")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for path in args.files:
        paragraphs = path.read_text(encoding="utf-8").splitlines()
        if len(paragraphs) > args.limit:
            paragraphs = rng.sample(paragraphs, args.limit)
        for paragraph in paragraphs:
            for kind, (damage, code) in KINDS.items():
                damaged = damage(paragraph, rng, args.lang)
                if damaged is None or damaged == paragraph:
                    continue
                tried[kind] += 1
                if _count(damaged, args.lang, code) > _count(paragraph, args.lang, code):
                    found[kind] += 1
                elif args.show_missed == kind:
                    print(f"missed: {damaged}")
    for kind, (_, code) in KINDS.items():
        if tried[kind]:
            print(f"{LABELS[kind]:<30} {code} {found[kind]:>5}/{tried[kind]:<5} recall {found[kind] / tried[kind]:.3f}")
        else:
            print(f"{LABELS[kind]:<30} {code} no site to damage")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
