"""Failures the user must act on. Each carries one line of text: the CLI prints
it on stderr and exits 2, never with a traceback."""

from __future__ import annotations


class MtlintError(Exception):
    """A failure of the run itself (bad arguments, config, pack or file)."""


class ConfigError(MtlintError):
    """A config file, or the CLI, asked for something that does not exist."""


class PackError(MtlintError):
    """A TOML rule pack is malformed; the message names file, rule and field."""


class FileError(MtlintError):
    """One file could not be read or written; the other files go on."""


class RuleTimeout(MtlintError):
    """A user's pattern took too long on a file; the rule is dropped from the
    run and the others go on."""
