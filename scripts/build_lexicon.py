"""Write the compact word-frequency lexicons mtlint ships in mtlint/lang/lexicon/.

Each language's file lists wordfreq's words at or above a Zipf frequency
floor: a provenance line, then one "<word>\t<zipf×10>" line per word, sorted
by word (code points) so that mtlint can bisect the lines without building a
dict. It is far cheaper than importing wordfreq's full lists at run time
(the research note measured 1.3–2.1 s and 190 MB for those), and nothing is
downloaded when mtlint runs.

The file is plain text, and `<lang>.index` says where each stretch of about
CHUNK bytes of lines starts and its first word: a lookup bisects the first
words and searches one stretch. It is not compressed: a run over a thousand
articles looked up words in 70 % of the stretches of three lexicons, and
inflating them (gzip members, as the files were until 2026-11-29) was 1.3 %
of its instructions, paid again by every process of `--jobs`, and 4 % of a
1 MB file's. Installed, the six languages take 13.7 MB instead of 4.8; in
the wheel, which compresses each file whole, 4.4 MB instead of 4.7 (the
indexes 0.2 MB of it).

`<lang>.filter` is a bitmap that says at C speed which words may be in the
lexicon at FILTER_FLOOR or above (mtlint.lexicon): 128 KiB a language,
0.8 MB for the six installed.

    pip install wordfreq
    python scripts/build_lexicon.py            # every language
    python scripts/build_lexicon.py fr es      # some

wordfreq's data is CC BY-SA 4.0 (see its README); the files carry that note.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtlint.lexicon import FILTER_FLOOR, filter_of

LANGUAGES = ("fr", "es", "en", "de", "it", "pt")
#: the floor: rarer words count as unknown, which is what every rule wants;
#: German, which writes compounds closed, has twice the words and a higher
#: floor, so that its lexicon loads within the budget of a language pair
MIN_ZIPF = 1.5
FLOORS = {"de": 2.0}
#: bytes of lines per stretch of the index: a lookup searches one stretch.
#: A French lookup took 2.5 µs with 2,048, 1.6 with 512, 1.7 with 256 (the
#: bisection deepens); the index, read when a language is first used, takes
#: about 1 ms to split at 512
CHUNK = 512
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
    path = TARGET / f"{lang}.txt"
    TARGET.mkdir(parents=True, exist_ok=True)
    data, index = bytearray(), []
    for first, text in _chunks(lines):
        index.append(f"{len(data)}\t{first}")
        data += text.encode("utf-8")
    path.write_bytes(bytes(data))
    (TARGET / f"{lang}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (TARGET / f"{lang}.filter").write_bytes(filter_of(word for word, zipf in found.items() if zipf >= FILTER_FLOOR))
    return path


def _chunks(lines: list[str]) -> list[tuple[str, str]]:
    """The text in stretches, each with the first word it holds: the
    provenance line alone (no word), then runs of whole lines of about CHUNK
    characters. Each word's line starts with the line feed before it, so that a
    stretch is searched for "\n<word>\t" whatever its place; the file's last
    line feed ends the last stretch."""
    chunks = [("", lines[0])]
    run: list[str] = []
    size = 0
    for line in lines[1:]:
        run.append(line)
        size += len(line) + 1
        if size >= CHUNK:
            chunks.append((run[0].partition("\t")[0], "\n" + "\n".join(run)))
            run, size = [], 0
    if run:
        chunks.append((run[0].partition("\t")[0], "\n" + "\n".join(run)))
    first, last = chunks[-1]
    chunks[-1] = (first, last + "\n")
    return chunks


def main(argv: list[str]) -> int:
    for lang in argv or LANGUAGES:
        path = build(lang)
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
