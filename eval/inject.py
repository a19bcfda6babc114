"""Recall on damage we make ourselves: one defect per paragraph, then check
whether the expected rule reports it.

    python eval/inject.py --lang fr --family quotes eval/stress/fr-news.txt
    python eval/inject.py --lang fr --family typography eval/stress/fr-news.txt

For each clean paragraph and each kind of damage that applies to it, one
damaged copy is made (the site chosen with a fixed seed, so runs repeat). A
copy counts as found when the expected rule reports more findings on it than
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

from mtlint.api import check_text

Damage = Callable[[str, random.Random], str | None]
NBSPS = "\u00a0\u202f"


def _pick(rng: random.Random, matches: list[regex.Match[str]]) -> regex.Match[str] | None:
    return rng.choice(matches) if matches else None


def _replace(text: str, match: regex.Match[str] | None, new: str, group: int = 0) -> str | None:
    if match is None:
        return None
    return text[: match.start(group)] + new + text[match.end(group) :]


def delete_closing(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(regex.finditer(r"[\u00a0\u202f ]?[»”]", text))), "")


def delete_opening(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(regex.finditer(r"[«“][\u00a0\u202f ]?", text))), "")


def swap_closing(text: str, rng: random.Random) -> str | None:
    match = _pick(rng, list(regex.finditer(r"»", text)))
    return _replace(text, match, "”")


def english_style(text: str, rng: random.Random) -> str | None:
    match = _pick(rng, list(regex.finditer(r"«[\u00a0\u202f ]?([^«»]*?)[\u00a0\u202f ]?»", text)))
    return None if match is None else _replace(text, match, "“" + match.group(1) + "”")


FRENCH_SPACE = regex.compile(r"(?<=\S)[\u00a0\u202f](?=[;:!?»])|(?<=«)[\u00a0\u202f]")


def remove_nbsp(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(FRENCH_SPACE.finditer(text))), "")


def plain_space(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(FRENCH_SPACE.finditer(text))), " ")


def foreign_number(text: str, rng: random.Random) -> str | None:
    match = _pick(rng, list(regex.finditer(r"(?<![\d,.])\d{1,3}[\u00a0\u202f ]\d{3}(?![\d,])", text)))
    if match is None:
        return None
    return _replace(text, match, regex.sub(r"[\u00a0\u202f ]", rng.choice(".,"), match.group()))


def glue_after_comma(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(regex.finditer(r"(?<=\p{Ll}), (?=\p{Ll})", text))), ",")


def space_before_comma(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(regex.finditer(r"(?<=\p{Ll}),(?= )", text))), " ,")


def doubled_comma(text: str, rng: random.Random) -> str | None:
    return _replace(text, _pick(rng, list(regex.finditer(r"(?<=\p{Ll}),(?= )", text))), ",,")


FAMILIES: dict[str, dict[str, tuple[Damage, str]]] = {
    "quotes": {
        "closing mark deleted": (delete_closing, "quotes"),
        "opening mark deleted": (delete_opening, "quotes"),
        "closing mark swapped": (swap_closing, "quotes"),
        "English style at level 1": (english_style, "Q005"),
    },
    "typography": {
        "no-break space removed": (remove_nbsp, "T002"),
        "no-break space made plain": (plain_space, "T003"),
        "number in another locale": (foreign_number, "T008"),
        "space after comma removed": (glue_after_comma, "T004"),
        "space before comma": (space_before_comma, "T005"),
        "comma doubled": (doubled_comma, "T006"),
    },
}


def _count(text: str, lang: str, target: str) -> int:
    return sum(1 for d in check_text(text, lang=lang) if target in (d.code, d.category.value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--family", choices=sorted(FAMILIES), required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for path in args.files:
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for kind, (damage, target) in FAMILIES[args.family].items():
                damaged = damage(paragraph, rng)
                if damaged is None or damaged == paragraph:
                    continue
                tried[kind] += 1
                if _count(damaged, args.lang, target) > _count(paragraph, args.lang, target):
                    found[kind] += 1
                elif args.show_missed:
                    print(f"missed [{kind}]: {damaged}")
    for kind in FAMILIES[args.family]:
        if tried[kind]:
            print(f"{kind:<28} {found[kind]:>5}/{tried[kind]:<5} recall {found[kind] / tried[kind]:.3f}")
        else:
            print(f"{kind:<28} no site to damage")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
