"""What mtlint knows about a target × source language pair, kept as data.

`pairs/<target>-<source>.toml` lists the source's words that are not words
of the target, with their context exceptions; `names.toml` the articles that
open names in each source language; `loanwords/<target>.txt` the foreign
phrases the target has adopted. Adding a pair is adding these files.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

import regex

from mtlint import toml
from mtlint.lang import DATA
from mtlint.lang.tables import table
from mtlint.patterns import lazy

CONTEXT_KEYS = frozenset({"skip-after", "skip-before", "require-next", "require-next-capital", "needs-company"})


class WordContext(NamedTuple):
    """When a listed word is not a hit: after or before certain words, or
    unless followed by certain words (or a capital), or when alone."""

    skip_after: frozenset[str] = frozenset()
    skip_before: frozenset[str] = frozenset()
    require_next: frozenset[str] = frozenset()
    require_next_capital: bool = False
    needs_company: bool = False


class LanguagePair(NamedTuple):
    """`gates` finds, for a word that counts only before certain words or a
    capital (Spanish "y el", "y Madrid"; French "il y a" is not), the places
    where it may count: a paragraph where its gate finds nothing need not be
    read word by word."""

    target: str
    source: str
    words: frozenset[str]
    contexts: Mapping[str, WordContext] = MappingProxyType({})
    gates: Mapping[str, regex.Pattern[str]] = MappingProxyType({})


@cache
def pair(target: str, source: str) -> LanguagePair | None:
    """The data of one pair, or None when mtlint has none."""
    path = DATA / "pairs" / f"{target}-{source}.toml"
    if not path.is_file():
        return None
    data = toml.loads(path.read_text(encoding="utf-8"))
    words = data["words"]
    contexts = {}
    for word, rules in words.get("context", {}).items():
        unknown = set(rules) - CONTEXT_KEYS
        if unknown:
            raise ValueError(f"{path}: [words.context.{word}]: unknown keys {sorted(unknown)}")
        contexts[word] = WordContext(
            frozenset(rules.get("skip-after", ())),
            frozenset(rules.get("skip-before", ())),
            frozenset(rules.get("require-next", ())),
            bool(rules.get("require-next-capital", False)),
            bool(rules.get("needs-company", False)),
        )
    gates = {word: gate for word, context in contexts.items() if (gate := _gate(word, context)) is not None}
    return LanguagePair(target, source, frozenset(words["list"]), contexts, gates)


#: the end of a word whose key is written out: no letter, mark or elision after it
WORD_END = r"(?![\p{L}\p{M}]|['’]\p{L})"


def _gate(word: str, context: WordContext) -> regex.Pattern[str] | None:
    """The word followed, past anything but letters, by one of the words its
    context requires or by a capital; None when its context requires none.
    Compiled on first use: a pair has a gate for each such word, and most
    articles hold few of them."""
    if not (context.require_next or context.require_next_capital) or "'" in word:
        return None
    following = []
    if context.require_next:
        # one WORD_END after them all: `regex` took 7 ms to compile one after each of the 34 words of "y"
        required = "|".join(regex.escape(item) for item in sorted(context.require_next))
        following.append(f"(?i:{required}){WORD_END}")
    if context.require_next_capital:
        following.append(r"[\p{Lu}\p{Lt}]")
    return lazy(regex.compile, rf"(?<!\p{{L}})(?i:{regex.escape(word)}){WORD_END}[^\p{{L}}]*+(?:{'|'.join(following)})")


@cache
def sources_for(target: str) -> tuple[str, ...]:
    """Every source language mtlint has a pair for, into `target`."""
    folder = DATA / "pairs"
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml"))
    return tuple(name[len(target) + 1 : -5] for name in names if name.startswith(f"{target}-"))


def particles(source: str) -> frozenset[str]:
    """Articles that open names in `source` (El, Los, The…)."""
    return frozenset(table("names")["particles"].get(source, ()))


def name_languages() -> tuple[str, ...]:
    """Every language whose name articles mtlint knows."""
    return tuple(table("names")["particles"])


def target_articles(target: str) -> frozenset[str]:
    """Articles of the target itself, which never mark a foreign name."""
    return frozenset(table("names")["target-articles"].get(target, ()))


@cache
def loanwords(target: str) -> tuple[tuple[str, ...], ...]:
    """The adopted foreign phrases of `target`, as tuples of lowercase words."""
    path = DATA / "loanwords" / f"{target}.txt"
    if not path.is_file():
        return ()
    phrases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower().replace("’", "'")
        if line:
            phrases.append(tuple(line.replace("-", " ").split()))
    return tuple(phrases)


def language_name(code: str) -> str:
    """English name of a language code, for messages ("Spanish")."""
    profile = table("profiles").get(code)
    return profile["name"] if profile else code
