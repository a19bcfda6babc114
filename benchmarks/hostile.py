"""Linear time on hostile input: each shape at two sizes through the CLI, in
seconds per MB, so that both the bound (2 s/MB) and the growth show.

Each size is timed RUNS times and the fastest run counts: the bound is on
the program, and a slow spell of the machine (wall time here can run half
again as long for minutes) slows some runs, never speeds one up. One run a
size put "three words a line" over the bound in such a spell on 2026-11-29,
though it ran fewer instructions than when it read 1.2 s/MB.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.environment import ENVIRONMENT, compile_package

BOUND = 2.0  # seconds per MB
RUNS = 3  # per shape and size; the fastest counts

#: the words of short lines, in lists of coprime lengths (13, 11, 9) with a
#: number below 97 after them: 124,839 lines before one comes back
FIRSTS = ("le", "un", "ce", "son", "leur", "notre", "du", "au", "ces", "des", "les", "nos", "vos")
NOUNS = ("président", "traité", "ministre", "accord", "sommet", "rapport", "budget", "conseil", "vote", "débat", "plan")
VERBS = ("déclare", "signe", "refuse", "promet", "annonce", "prépare", "rejette", "soutient", "publie")


def three_words_a_line(n: int) -> str:
    """Short lines without final punctuation, none alike: each may be page
    furniture, so the boilerplate rules judge every one."""
    lines = (
        f"{FIRSTS[i % len(FIRSTS)]} {NOUNS[i % len(NOUNS)]} {VERBS[i % len(VERBS)]} {i % 97}" for i in range(n // 22)
    )
    return "\n".join(lines)


SHAPES: dict[str, Callable[[int], str]] = {
    "1 MB on one line": lambda n: ("Le président a déclaré « oui » à 12:30 ; " * (n // 40))[:n],
    "names on one line": lambda n: "Le quotidien El Espectador a publié l’information. " * (n // 52),
    "CRLF line ends": lambda n: "Le président a déclaré « oui » à 12:30.\r\n" * (n // 42),
    "three words a line": three_words_a_line,
    "opening quotes": lambda n: "«" * (n // 2),
    '"a. " repeated': lambda n: "a. " * (n // 3),
    "combining marks": lambda n: "e" + "\u0301" * (n // 2),
    "hashtags": lambda n: "#tag " * (n // 5),
    "emoji and e-mails": lambda n: "📧 a@example.org " * (n // 20),
    "unclosed comments (HTML)": lambda n: "<!-- " * (n // 5),
    # letters cp1252 lacks: each a place where a letter of another script may stand (U005)
    "letters beyond cp1252": lambda n: "Łódź Dvořák Wałęsa " * (n // 24),
    # a digit, a separator and three digits at every number (T008)
    "numbers with separators": lambda n: "1.000,000 2.345.678 " * (n // 20),
    # the two-character needles of T005 and T006, forty to a line
    "spaced and doubled marks": lambda n: ("a , b . c ,, d .. " * 20 + "\n") * (n // 361),
}


def seconds(path: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mtlint", "check", "--lang", "fr", "--format", "concise", "--no-cache", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENVIRONMENT,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: exit {result.returncode}: {result.stderr.strip()}")
    return time.perf_counter() - started


def main() -> int:
    compile_package()
    worst = 0.0
    with tempfile.TemporaryDirectory() as temp:
        for name, make in SHAPES.items():
            rates = []
            for size in (500_000, 1_000_000):
                text = make(size)
                suffix = ".html" if "HTML" in name else ".txt"
                path = Path(temp) / f"shape{suffix}"
                path.write_text(text, encoding="utf-8")
                megabytes = path.stat().st_size / 1_000_000
                rates.append(min(seconds(path) for _ in range(RUNS)) / megabytes)
            worst = max(worst, *rates)
            verdict = "ok" if max(rates) <= BOUND else "OVER"
            print(f"{name:<26} {rates[0]:5.2f} s/MB at 0.5 MB, {rates[1]:5.2f} s/MB at 1 MB   {verdict}")
    print(f"worst {worst:.2f} s/MB (bound {BOUND} s/MB; the fastest of {RUNS} runs a size)")
    return 0 if worst <= BOUND else 1


if __name__ == "__main__":
    raise SystemExit(main())
