"""Save every rule's findings on fixed inputs, or compare with a saved set:
how a change meant to be faster proves it finds the same things.

    python scripts/findings_snapshot.py save before.json      # before the change
    python scripts/findings_snapshot.py compare before.json   # after it: prints the differences

The inputs: the project's news texts in four languages, the seed (with and
without --source-lang es), 1 MB of the benchmark corpus, the Debian
documentation of eval/.corpus when it is built, and three hostile shapes.
The comparison exits 1 when a finding was lost or gained.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import build
from benchmarks.environment import ROOT
from mtlint.api import build_document
from mtlint.engine import Plan
from mtlint.registry import builtin_registry

#: the documentation corpora of eval/corpus.py, when built: name, language, sources
DOCUMENTATION = (
    ("clean-fr", "fr", ()),
    ("clean-es", "es", ()),
    ("clean-de", "de", ()),
    ("fr-untranslated-en", "fr", ("es", "en")),
)

Inputs = dict[str, tuple[str, str, tuple[str, ...]]]


def inputs() -> Inputs:
    def read(path: Path, size: int = 1_000_000) -> str:
        return path.read_text(encoding="utf-8")[:size]

    seed = read(ROOT / "seeds" / "000_322c771c9c5e90a3.txt")
    found: Inputs = {
        "seed": (seed, "fr", ()),
        "seed-es": (seed, "fr", ("es",)),
        **{
            f"{lang}-news": (read(ROOT / "eval" / "stress" / f"{lang}-news.txt"), lang, ())
            for lang in ("fr", "es", "en", "de")
        },
        "hostile-dots": ("a. " * 30000, "fr", ()),
        "hostile-quotes": ("«" * 50000 + ' fin « ouvert "x', "fr", ()),
        "hostile-line": ("Le président a déclaré « oui » à 12:30 ; " * 5000, "fr", ()),
    }
    with tempfile.TemporaryDirectory() as temp:
        big, _ = build(Path(temp))
        found["benchmark-1MB"] = (read(big), "fr", ())
    corpus = ROOT / "eval" / ".corpus"
    for name, lang, sources in (
        ("clean-fr", "fr", ()),
        ("clean-es", "es", ()),
        ("clean-de", "de", ()),
        ("fr-untranslated-en", "fr", ("es", "en")),
    ):
        if (corpus / f"{name}.txt").is_file():
            found[name] = (read(corpus / f"{name}.txt"), lang, sources)
    return found


def findings() -> dict[str, list[list[object]]]:
    plan = Plan.build(builtin_registry(), preview=True)
    return {
        name: sorted(
            [d.code, d.start, d.end, d.message, str(d.severity)]
            for d in plan.run(build_document(text, lang=lang, source_langs=sources))
        )
        for name, (text, lang, sources) in inputs().items()
    }


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        raise SystemExit(__doc__)
    mode, path = sys.argv[1], Path(sys.argv[2])
    now = findings()
    if mode == "save":
        path.write_text(json.dumps(now), encoding="utf-8")
        print(f"saved {sum(map(len, now.values()))} findings on {len(now)} inputs to {path}")
        return 0
    before = json.loads(path.read_text(encoding="utf-8"))
    differences = 0
    for name in sorted(before.keys() | now.keys()):
        old, new = {tuple(x) for x in before.get(name, [])}, {tuple(x) for x in now.get(name, [])}
        for label, items in (("lost", old - new), ("new", new - old)):
            for item in sorted(items, key=str)[:10]:
                print(f"{name}: {label} {item}")
            differences += len(items)
    print("identical" if not differences else f"{differences} differences (at most 10 shown per input and kind)")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
