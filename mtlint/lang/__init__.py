"""Language resources: what mtlint knows about each language, kept as data."""

from pathlib import Path

#: the folder of the language data, as a path: mtlint installs as plain
#: files, and importing importlib.resources would cost every run ~10 ms
DATA = Path(__file__).parent
