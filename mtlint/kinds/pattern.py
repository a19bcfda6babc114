"""`kind = "pattern"`: a regular expression reported wherever it matches.

With a `[fix]` table carrying `replacement` (a template for `regex`'s
`Match.expand`, so `\\1` and `\\g<name>` work) it becomes a substitution rule.
`{match}` in the message is replaced by the matched text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import regex

from mtlint.diagnostic import Diagnostic, Edit, Fix
from mtlint.document import Document
from mtlint.errors import PackError, RuleTimeout
from mtlint.rule import Context, Rule, RuleMeta

FIELDS: Mapping[str, type] = {
    "pattern": str,
    "ignore-case": bool,
    "scope": str,
    "fix": dict,
}
REQUIRED = ("pattern",)
SCOPES = ("prose", "raw")
FIX_FIELDS: Mapping[str, type] = {"replacement": str, "applicability": str, "title": str}


class PatternRule(Rule):
    """Reports every match of one compiled pattern in the prose (or raw) text."""

    def __init__(
        self,
        meta: RuleMeta,
        pattern: regex.Pattern[str],
        message: str,
        *,
        raw: bool = False,
        replacement: str | None = None,
        fix_title: str = "",
        timeout: float | None = None,
    ) -> None:
        self.meta = meta
        self.timeout = timeout
        self.pattern = pattern
        self.message = message
        self.raw = raw
        self.replacement = replacement
        self.fix_title = fix_title

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        source = doc.text if self.raw else doc.prose
        try:
            matches = list(self.pattern.finditer(source, timeout=self.timeout))
        except TimeoutError:
            raise RuleTimeout(f"{self.meta.origin}: rule {self.meta.code!r}: pattern timed out on {doc.path}") from None
        for match in matches:
            start, end = match.span()
            if start == end:
                continue
            fix = None
            if self.replacement is not None and self.meta.fix is not None:
                replacement = match.expand(self.replacement)
                fix = Fix((Edit(start, end, replacement),), self.meta.fix, self.fix_title)
            message = self.message.replace("{match}", match.group())
            yield self.report(doc, start, end, message, fix=fix)


def build(
    meta: RuleMeta, fields: Mapping[str, Any], message: str, where: Callable[[str], str], timeout: float | None
) -> PatternRule:
    """A PatternRule from a pack rule's fields; `where(field)` names the place
    for error messages. `timeout` bounds each search (users' packs): a
    pattern that backtracks catastrophically stops instead of hanging."""
    for name in REQUIRED:
        if name not in fields:
            raise PackError(f"{where(name)}: missing")
    scope = fields.get("scope", "prose")
    if scope not in SCOPES:
        raise PackError(f"{where('scope')}: expected one of {', '.join(SCOPES)}, got {scope!r}")
    flags = regex.V1 | (regex.IGNORECASE if fields.get("ignore-case", False) else 0)
    try:
        pattern = regex.compile(fields["pattern"], flags)
    except regex.error as error:
        raise PackError(f"{where('pattern')}: does not compile: {error}") from None
    replacement, title = _fix_fields(meta, fields.get("fix"), where)
    if replacement is not None:
        try:
            pattern.sub(replacement, "")
        except (regex.error, IndexError) as error:
            raise PackError(f"{where('fix.replacement')}: {error}") from None
    return PatternRule(
        meta, pattern, message, raw=scope == "raw", replacement=replacement, fix_title=title, timeout=timeout
    )


def _fix_fields(meta: RuleMeta, table: Mapping[str, Any] | None, where: Callable[[str], str]) -> tuple[str | None, str]:
    if table is None:
        return None, ""
    for key, value in table.items():
        expected = FIX_FIELDS.get(key)
        if expected is None:
            raise PackError(f"{where('fix.' + key)}: unknown field")
        if not isinstance(value, expected):
            raise PackError(f"{where('fix.' + key)}: expected {expected.__name__}, got {value!r}")
    if "replacement" not in table:
        raise PackError(f"{where('fix.replacement')}: missing")
    return table["replacement"], table.get("title", "")
