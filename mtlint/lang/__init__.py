"""Language resources: what mtlint knows about each language, kept as data."""
