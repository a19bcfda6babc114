"""Write the compact word-frequency lexicons mtlint ships in mtlint/lang/lexicon/.

Each language's file lists wordfreq's words at or above a Zipf frequency
floor: a provenance line, then one "<word>\t<zipf×10>" line per word, sorted
by word (code points) so that mtlint can bisect the lines without building a
dict. Loading it is one split, far cheaper than importing wordfreq's full
lists at run time (the research note measured 1.3–2.1 s and 190 MB for
those), and nothing is downloaded when mtlint runs.

    pip install wordfreq
    python scripts/build_lexicon.py            # every language
    python scripts/build_lexicon.py fr es      # some

wordfreq's data is CC BY-SA 4.0 (see its README); the files carry that note.
"""

from __future__ import annotations

import gzip
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

LANGUAGES = ("fr", "es", "en", "de", "it", "pt")
#: the floor: rarer words count as unknown, which is what every rule wants;
#: German, which writes compounds closed, has twice the words and a higher
#: floor, so that its lexicon loads within the budget of a language pair
MIN_ZIPF = 1.5
FLOORS = {"de": 2.0}
TARGET = Path(__file__).resolve().parent.parent / "mtlint" / "lang" / "lexicon"


def build(lang: str) -> Path:
    found: dict[str, int] = {}
    for word in wordfreq.iter_wordlist(lang, "large"):
        zipf = wordfreq.zipf_frequency(word, lang)
        if zipf < FLOORS.get(lang, MIN_ZIPF):
            break
        key = word.replace("’", "'")
        if " " in key or "\t" in key:
            continue
        # Two spellings with one key (l’ and l'): the more frequent, met first.
        found.setdefault(key, round(zipf * 10))
    lines = [
        f"# wordfreq {version('wordfreq')} '{lang}' large list, Zipf >= {FLOORS.get(lang, MIN_ZIPF)}; "
        "data CC BY-SA 4.0 (wordfreq authors). Built by scripts/build_lexicon.py."
    ]
    lines.extend(f"{word}\t{zipf}" for word, zipf in sorted(found.items()))
    path = TARGET / f"{lang}.txt.gz"
    TARGET.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between builds of the same data.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def main(argv: list[str]) -> int:
    for lang in argv or LANGUAGES:
        path = build(lang)
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
