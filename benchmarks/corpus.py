"""The benchmark corpus: realistic article text, built offline and reproducibly.

The text is the project's own: the hand-written French news in
eval/stress/fr-news.txt (161 paragraphs of clean news prose with names,
numbers and quotations) and the seed article (a real machine-translated page
with its scraping debris). Paragraphs are drawn with a fixed seed into
articles of about 3 KB; one article in four gets the seed's debris lines and
one in three a few injected defects (a stray period, a glued pair, a straight
quote), so that rules have findings to report as they would on real input.

    python benchmarks/corpus.py OUT_DIR     # OUT_DIR/big.txt (5 MB) and OUT_DIR/articles/*.txt (1,000)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "eval" / "stress" / "fr-news.txt",)
SEED = ROOT / "seeds" / "000_322c771c9c5e90a3.txt"
ARTICLE_BYTES = 3000
ARTICLES = 1000
BIG_BYTES = 5_000_000


def _damage(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split(" ")
    if len(words) < 8:
        return paragraph
    at = rng.randrange(2, len(words) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        words[at] = words[at] + "."
    elif kind == 1:
        words[at : at + 2] = [words[at] + words[at + 1]]
    else:
        words[at] = '"' + words[at]
    return " ".join(words)


def article(rng: random.Random, paragraphs: list[str], debris: list[str]) -> str:
    lines: list[str] = []
    size = 0
    while size < ARTICLE_BYTES:
        paragraph = rng.choice(paragraphs)
        if rng.random() < 0.33:
            paragraph = _damage(paragraph, rng)
        lines.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    if rng.random() < 0.25:
        lines = debris[:5] + lines + debris[5:]
    return "\n".join(lines) + "\n"


def build(out: Path) -> tuple[Path, list[Path]]:
    rng = random.Random(20261128)
    paragraphs = [line for path in SOURCES for line in path.read_text(encoding="utf-8").splitlines() if line]
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    debris = seed_lines[:5] + seed_lines[17:]
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    articles = []
    for index in range(ARTICLES):
        path = folder / f"article-{index:04d}.txt"
        path.write_text(article(rng, paragraphs, debris), encoding="utf-8")
        articles.append(path)
    chunks, size = [], 0
    while size < BIG_BYTES:
        chunk = article(rng, paragraphs, debris)
        chunks.append(chunk)
        size += len(chunk.encode("utf-8"))
    big = out / "big.txt"
    big.write_text("".join(chunks), encoding="utf-8")
    return big, articles


if __name__ == "__main__":
    big, articles = build(Path(sys.argv[1]))
    print(f"{big} ({big.stat().st_size} bytes) and {len(articles)} articles")
