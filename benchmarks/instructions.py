"""Instructions, not seconds: what a change to mtlint costs or saves, counted
by valgrind's callgrind, so that two versions compare on a machine whose
speed drifts (this one's by up to a factor of two from one second to the
next, which hides a 5 % change in any timing).

    python benchmarks/instructions.py            # start-up and per article
    python benchmarks/instructions.py --big      # and per million characters of the 5 MB file

Start-up is one `mtlint check` of a 3 KB article in a new process, in the
concise and in the default format. Per
article is the difference between linting 120 and 20 articles in one
process, over 100. Hash randomisation is fixed (PYTHONHASHSEED=0): set
iteration order changes what some loops do. Without valgrind it says so and
stops. Each count takes valgrind about 50 times the run's time. Start-up
is best counted with a fresh virtual environment's interpreter (`--python`):
mtlint is imported from this checkout either way.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import build
from benchmarks.environment import ENVIRONMENT, ROOT, compile_package

#: lints the first N articles of a folder (or a file's first N bytes) in one process
LINT_IN_PROCESS = """
import sys
from pathlib import Path
from mtlint.api import build_document
from mtlint.engine import Plan
from mtlint.registry import builtin_registry
target, count = Path(sys.argv[1]), int(sys.argv[2])
plan = Plan.build(builtin_registry())
if target.is_dir():
    texts = [path.read_text(encoding="utf-8") for path in sorted(target.iterdir())[:count]]
else:
    texts = [target.read_text(encoding="utf-8")[:count]] if count else []
for text in texts:
    plan.run(build_document(text, lang="fr"))
"""


def instructions(command: list[str]) -> int:
    """The instructions callgrind counts for `command`, run from the project."""
    environment = {**ENVIRONMENT, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind counted nothing for {' '.join(command)}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", action="store_true", help="also count per million characters of the 5 MB file")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter to count, such as a fresh virtual environment's: a base Python whose site-packages"
        " import modules at start-up (.pth files) hides what mtlint's own imports cost",
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts")
        return 0
    compile_package()
    python = args.python
    with tempfile.TemporaryDirectory() as temp:
        big, articles = build(Path(temp))
        folder = str(articles[0].parent)
        check = [python, "-m", "mtlint", "check", "--lang", "fr", "--format", "concise", "--no-cache"]
        print(f"start-up, one 3 KB article: {instructions([*check, str(articles[0])]) / 1e6:,.0f} M instructions")
        # the default (full) format, printed to a pipe as in CI and pre-commit
        full = [arg for arg in check if arg not in ("--format", "concise")]
        print(f"start-up, default format: {instructions([*full, str(articles[0])]) / 1e6:,.0f} M instructions")
        few = instructions([python, "-c", LINT_IN_PROCESS, folder, "20"])
        many = instructions([python, "-c", LINT_IN_PROCESS, folder, "120"])
        print(f"per article, in one process: {(many - few) / 100 / 1e6:,.2f} M instructions")
        if args.big:
            none = instructions([python, "-c", LINT_IN_PROCESS, str(big), "0"])
            one = instructions([python, "-c", LINT_IN_PROCESS, str(big), str(1_000_000)])
            print(f"per million characters of the 5 MB file: {(one - none) / 1e6:,.0f} M instructions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
