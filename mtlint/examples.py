"""Rule examples with their expected spans marked, as LanguageTool's <marker>.

A bad example marks each span the rule must report with ⟦ and ⟧
(U+27E6/U+27E7): `des missiles⟦. s⟧oldats`. These two characters never occur in
real prose and cannot clash with HTML or MT inline tags.
"""

from __future__ import annotations

from typing import NamedTuple

OPEN_MARK = "\u27e6"
CLOSE_MARK = "\u27e7"


class Example(NamedTuple):
    """One example of a rule. `kind` is "bad" or "good"; `fixed` is the text a
    bad example becomes after the rule's fix; `lang` and `markup` say how to
    read it when the rule's defaults are not enough."""

    kind: str
    text: str
    fixed: str | None = None
    lang: str | None = None
    markup: str = "plain"

    @property
    def plain(self) -> str:
        """The example without its markers: what the rule actually sees."""
        return self.text.replace(OPEN_MARK, "").replace(CLOSE_MARK, "")

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The marked spans, as offsets into `plain`."""
        return marked_spans(self.text)


def marked_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the ⟦…⟧ spans in `text` once the markers are removed.

    Raises ValueError on unbalanced or nested markers, so a typo in an example
    fails the meta-tests instead of silently testing nothing.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    removed = 0
    for index, char in enumerate(text):
        if char == OPEN_MARK:
            if open_at is not None:
                raise ValueError(f"nested {OPEN_MARK} in example {text!r}")
            open_at = index - removed
            removed += 1
        elif char == CLOSE_MARK:
            if open_at is None:
                raise ValueError(f"{CLOSE_MARK} without {OPEN_MARK} in example {text!r}")
            spans.append((open_at, index - removed))
            open_at = None
            removed += 1
    if open_at is not None:
        raise ValueError(f"{OPEN_MARK} never closed in example {text!r}")
    return spans


def bad(text: str, fixed: str | None = None, *, lang: str | None = None, markup: str = "plain") -> Example:
    return Example("bad", text, fixed, lang, markup)


def good(text: str, *, lang: str | None = None, markup: str = "plain") -> Example:
    return Example("good", text, None, lang, markup)
