"""One registry for every rule, Python or TOML, and the selectors that pick them.

A selector is `ALL`, a category (`quotes`), a code (`E002`), a code prefix
(`E`, `E00`) or a rule name (`multiple-spaces`): names and codes are accepted
everywhere from day one (ruff's users asked for names for years).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from mtlint.diagnostic import Category
from mtlint.errors import ConfigError, PackError
from mtlint.patterns import lazy
from mtlint.rule import Rule

BUILTIN_CODE = lazy(re.compile, r"[A-Z]\d{3}")
USER_CODE = lazy(re.compile, r"[A-Z]{1,4}\d{3}")
RULE_NAME = lazy(re.compile, r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CATEGORIES = frozenset(category.value for category in Category)
#: specificity of a selector that names one rule exactly
EXACT = 1000
#: seconds a user's pattern may search one file before it is dropped
USER_PATTERN_TIMEOUT = 2.0


class Registry:
    """The rules known to one run, indexed by code and by name."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = sorted(rules, key=lambda rule: rule.meta.code)
        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in self.rules:
            meta = rule.meta
            for index, key in ((self.by_code, meta.code), (self.by_name, meta.name)):
                if key in index:
                    other = index[key].meta.origin
                    raise PackError(f"{meta.origin}: rule {key!r} is already defined by {other}")
                index[key] = rule

    def extended(self, pack_paths: Sequence[Path]) -> Registry:
        """This registry plus the users' packs at `pack_paths`."""
        from mtlint.pack_paths import pack_files
        from mtlint.packs import load_pack

        rules = list(self.rules)
        for root in pack_paths:
            if not root.exists():
                raise ConfigError(f"{root}: rule pack not found (named in 'rule-paths')")
            for path in pack_files(root):
                for rule in load_pack(path, timeout=USER_PATTERN_TIMEOUT):
                    if not USER_CODE.fullmatch(rule.meta.code):
                        raise PackError(
                            f"{path}: rule {rule.meta.code!r}: field 'code': expected 1-4 capitals and 3 digits"
                        )
                    rules.append(rule)
        return Registry(rules)

    def get(self, key: str) -> Rule | None:
        return self.by_code.get(key) or self.by_name.get(key)

    def specificity(self, selector: str, rule: Rule) -> int:
        """How precisely `selector` names `rule`: 0 when it does not match it.

        The most specific selector wins between select and ignore, so
        `--select E001 --ignore E` keeps E001 (ruff's resolution).
        """
        meta = rule.meta
        if selector in (meta.code, meta.name):
            return EXACT
        if selector == "ALL":
            return 1
        if selector == meta.category.value:
            return 2
        if meta.code.startswith(selector) and selector[:1].isupper():
            return 2 + len(selector)
        return 0

    def check_selector(self, selector: str, where: str) -> None:
        """Raise ConfigError unless `selector` names at least one rule."""
        if selector == "ALL" or selector in CATEGORIES:
            return
        if not any(self.specificity(selector, rule) for rule in self.rules):
            raise ConfigError(f"{where}: unknown rule selector {selector!r} (see 'mtlint rules')")

    def select(
        self,
        select: Sequence[str],
        ignore: Sequence[str] = (),
        *,
        preview: bool = False,
    ) -> list[Rule]:
        """The rules that `select` picks and `ignore` does not outrank.

        Preview rules run only when named exactly, or with `preview` on.
        """
        chosen = []
        for rule in self.rules:
            picked = max((self.specificity(s, rule) for s in select), default=0)
            dropped = max((self.specificity(s, rule) for s in ignore), default=0)
            if not picked or dropped >= picked:
                continue
            if rule.meta.status == "preview" and not preview and picked < EXACT:
                continue
            chosen.append(rule)
        return chosen


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """Every shipped rule: the Python checks and the packs under `rules/`."""
    from mtlint.checks import python_rules
    from mtlint.pack_paths import builtin_packs_dir, pack_files
    from mtlint.packs import load_pack

    root = builtin_packs_dir()
    rules: list[Rule] = list(python_rules())
    for path in pack_files(root):
        rules.extend(load_pack(path, display=path.relative_to(root.parent).as_posix()))
    return Registry(rules)
