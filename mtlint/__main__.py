"""`python -m mtlint` runs the same CLI as the `mtlint` script."""

from mtlint.cli import run

run()
