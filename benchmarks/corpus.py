"""The benchmark corpus: realistic article text, built offline and reproducibly.

The text is the project's own: the hand-written French news in
eval/stress/fr-news.txt (161 paragraphs of clean news prose with names,
numbers and quotations) and the seed article (a real machine-translated page
with its scraping debris). Paragraphs are dealt with a fixed seed from a
shuffled deck, reshuffled when it runs out, into articles of about 3 KB, so
that no paragraph comes back within about 10,000 words: an archive of real
articles does not repeat itself every few paragraphs, and the rules that
compare paragraphs (repeated clauses) should see what they would see there.
One article in four gets the seed's debris lines and one paragraph in three
an injected defect (a stray period, a glued pair, a straight quote), so that
rules have findings to report as they would on real input.

The text repeats itself at that distance, so its vocabulary is small (about
4,000 distinct words in 5 MB, where real news would have tens of thousands):
`bench.py` also reads real French documentation when `eval/corpus.py` has
built it.

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


class Deck:
    """The paragraphs in a shuffled order, dealt one by one and reshuffled
    when all have been dealt."""

    def __init__(self, paragraphs: list[str], rng: random.Random) -> None:
        self.paragraphs, self.rng, self.left = paragraphs, rng, []

    def deal(self) -> str:
        if not self.left:
            self.left = self.paragraphs[:]
            self.rng.shuffle(self.left)
        return self.left.pop()


def article(rng: random.Random, deck: Deck, debris: list[str]) -> str:
    lines: list[str] = []
    size = 0
    while size < ARTICLE_BYTES:
        paragraph = deck.deal()
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
    deck = Deck(paragraphs, rng)
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    debris = seed_lines[:5] + seed_lines[17:]
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    articles = []
    for index in range(ARTICLES):
        path = folder / f"article-{index:04d}.txt"
        path.write_text(article(rng, deck, debris), encoding="utf-8")
        articles.append(path)
    chunks, size = [], 0
    while size < BIG_BYTES:
        chunk = article(rng, deck, debris)
        chunks.append(chunk)
        size += len(chunk.encode("utf-8"))
    big = out / "big.txt"
    big.write_text("".join(chunks), encoding="utf-8")
    return big, articles


if __name__ == "__main__":
    big, articles = build(Path(sys.argv[1]))
    print(f"{big} ({big.stat().st_size} bytes) and {len(articles)} articles")
