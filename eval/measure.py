"""False alarms on clean text: how many findings per 10,000 words.

    python eval/measure.py --lang fr eval/.corpus/clean-fr.txt eval/stress/fr-news.txt
    python eval/measure.py --lang fr --show typography FILE   # list the findings

Each file is one paragraph per line (the corpus builder and the stress texts
write them so). Every default rule runs; findings are counted per category
and severity, and the rate that matters is warnings and errors per 10,000
words, the figure the issues set targets for.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtlint.api import check_text
from mtlint.diagnostic import Severity

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", required=True)
    parser.add_argument("--show", metavar="CATEGORY|CODE", help="print each finding of this category or code")
    parser.add_argument("--all-severities", action="store_true", help="--show notes (info) too")
    args = parser.parse_args()
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        words = len(WORD.findall(text))
        found = check_text(text, lang=args.lang)
        counted = Counter((d.category.value, d.severity.label) for d in found)
        by_code = Counter((d.code, d.rule) for d in found if d.severity >= Severity.WARNING)
        print(f"{path}: {words} words, {len(text.splitlines())} paragraphs")
        for category in sorted({c for c, _ in counted}):
            alarms = counted[(category, "warning")] + counted[(category, "error")]
            notes = counted[(category, "info")]
            rate = alarms * 10000 / max(words, 1)
            print(f"  {category:<13} {alarms:>5} warnings+errors = {rate:6.2f}/10k   {notes:>5} info")
        for (code, rule), count in by_code.most_common():
            print(f"      {code} {rule}: {count}")
        if args.show:
            lines = text.splitlines(keepends=True)
            starts = [0]
            for line in lines:
                starts.append(starts[-1] + len(line))
            for d in found:
                if args.show not in (d.category.value, d.code):
                    continue
                if d.severity < Severity.WARNING and not args.all_severities:
                    continue
                index = max(i for i, start in enumerate(starts) if start <= d.start)
                left = max(starts[index], d.start - 50)
                context = text[left : d.start] + "⟦" + text[d.start : d.end] + "⟧" + text[d.end : d.end + 50]
                print(f"    {d.code} line {index + 1}: {context.rstrip()!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
