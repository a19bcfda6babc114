"""Language resources: what mtlint knows about each language, kept as data."""

from pathlib import Path

#: the folder of the language data, as a path (as `pack_paths.builtin_packs_dir`
#: finds the packs): mtlint installs as plain files, and importing
#: importlib.resources would cost every run 5-10 ms (18 M instructions)
DATA = Path(__file__).parent
