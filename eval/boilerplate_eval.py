"""Boilerplate recall and content flagged on labelled scraped pages.

    python eval/boilerplate_eval.py                 # every page in eval/pages/
    python eval/boilerplate_eval.py --show          # list missed and wrongly flagged lines
    python eval/boilerplate_eval.py --no-source     # as if --source-lang were not given

Each page `eval/pages/<name>.txt` has a label file `<name>.labels` with one
letter per line: B for page furniture (boilerplate), C for article content.
`pages.toml` gives each page's language, for machine-translated pages the
source language, and for the pages written after the rules were tuned
`set = "held-out"` (the others are the development set the phrase packs were
grown on). A line counts as flagged when a boilerplate finding starts on it.
Recall is the share of B lines flagged; the content-flag share is the share of
C lines flagged, which must stay under 3 %. Both are given per language and
per set.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtlint import toml
from mtlint.api import check_text

PAGES = Path(__file__).resolve().parent / "pages"


def flagged_lines(text: str, lang: str, sources: tuple[str, ...]) -> dict[int, str]:
    """1-based line number -> the codes of the boilerplate findings starting on it."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    found: dict[int, str] = {}
    for diagnostic in check_text(text, lang=lang, source_langs=sources, select=["boilerplate"]):
        number = max(i for i, start in enumerate(starts[:-1]) if start <= diagnostic.start) + 1
        found[number] = ",".join(filter(None, (found.get(number), diagnostic.code)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--show", action="store_true", help="print missed and wrongly flagged lines")
    parser.add_argument("--no-source", action="store_true", help="ignore the source languages in pages.toml")
    args = parser.parse_args()
    manifest = toml.loads((args.pages / "pages.toml").read_text(encoding="utf-8"))
    totals: Counter[str] = Counter()
    by_lang: dict[str, Counter[str]] = {}
    by_set: dict[str, Counter[str]] = {}
    print(f"{'page':<28} {'B lines':>7} {'recall':>7} {'C lines':>7} {'C flagged':>9}")
    for name, meta in manifest.items():
        text = (args.pages / f"{name}.txt").read_text(encoding="utf-8")
        labels = (args.pages / f"{name}.labels").read_text(encoding="utf-8").split()
        lines = text.splitlines()
        if len(labels) != len(lines):
            raise SystemExit(f"{name}: {len(lines)} lines but {len(labels)} labels")
        sources = () if args.no_source or "source" not in meta else (meta["source"],)
        found = flagged_lines(text, meta["lang"], sources)
        counts: Counter[str] = Counter()
        for number, (label, line) in enumerate(zip(labels, lines, strict=True), start=1):
            counts[label] += 1
            if number in found:
                counts[label + " flagged"] += 1
            if args.show and (label == "B") != (number in found):
                what = "missed " if label == "B" else f"FLAGGED {found[number]}"
                print(f"    {what} {name}:{number}: {line[:110]}")
        totals.update(counts)
        by_lang.setdefault(meta["lang"], Counter()).update(counts)
        by_set.setdefault(meta.get("set", "development"), Counter()).update(counts)
        print(
            f"{name:<28} {counts['B']:>7} {counts['B flagged'] / max(counts['B'], 1):>7.2f} "
            f"{counts['C']:>7} {counts['C flagged']:>9}"
        )
    print()
    for group, counts in [*sorted(by_lang.items()), *sorted(by_set.items())]:
        print(
            f"{group}: recall {counts['B flagged'] / counts['B']:.3f} ({counts['B flagged']}/{counts['B']}), "
            f"content flagged {counts['C flagged'] / counts['C']:.3%} ({counts['C flagged']}/{counts['C']})"
        )
    print(
        f"all {len(manifest)} pages: recall {totals['B flagged'] / totals['B']:.3f} "
        f"({totals['B flagged']}/{totals['B']}), content flagged {totals['C flagged'] / totals['C']:.3%} "
        f"({totals['C flagged']}/{totals['C']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
