"""What every masker shares: bare URLs and e-mail addresses, and the prose view.

A masker first collects the spans of its own structure (code, tags, ...) and
then calls `finish`, which looks for bare links only in what is still prose.
Masked characters are spaces by then, and a space ends a link, so a URL can
never run on into a tag or a code span.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator

import regex

from mtlint.document import Span
from mtlint.pattern_store import kept
from mtlint.patterns import lazy

# A URL ends at white space, at characters that cannot appear unescaped in one
# and at quotation marks and CJK punctuation, which Chinese and Japanese text
# puts straight after a URL without a space.
_URL_BODY = r"[^\s<>\"`“”‘’«»\u3000-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]"

# The possessive quantifiers keep every attempt linear: a failed match gives
# nothing back, and the look-behinds let an e-mail or URL start only where a
# word starts, so a megabyte-long word is scanned once, not once per character.
# Those word starts are ASCII: Chinese and Japanese put a URL or an address
# straight after a letter, with no space. Domains may be internationalised.
BARE_LINK = lazy(
    regex.compile,
    rf"(?P<url>(?P<prefix>(?<![A-Za-z0-9_])(?:https?|ftp)://|(?<![A-Za-z0-9_.-])www\.(?=\w)){_URL_BODY}++)"
    r"|(?<![A-Za-z0-9_.%+-])(?P<email>(?:mailto:)?[A-Za-z0-9_.%+-]++@(?:[^\W_][\w-]*+\.)+[^\W\d_]{2,}+)",
)

# Sentence punctuation after a URL belongs to the sentence (closing quotes and
# guillemets already ended the body). Closing brackets are decided apart: they
# stay when they close a bracket opened in the URL, as in
# https://en.wikipedia.org/wiki/Mercury_(planet).
_TRAILING = frozenset(".,;:!?'*_~…›")
_CLOSING = {")": "(", "]": "["}

_NOT_BREAK = lazy(regex.compile, r"[^\r\n]++")
#: what every link holds (see `_markers`)
_MARKERS = tuple(kept(regex.compile, literal) for literal in ("://", r"www\.", "@"))
_SPACE = lazy(regex.compile, r"\s")
_SPACE_BEFORE = lazy(regex.compile, r"\s", regex.REVERSE)
#: how far around a marker a link may reach
_WINDOW = 2000


def _url_end(text: str, body: int, end: int) -> int:
    """Where the URL whose body starts at `body` really ends, once trailing
    punctuation and unbalanced closing brackets are given back to the prose."""
    balance = {
        closer: text.count(opener, body, end) - text.count(closer, body, end) for closer, opener in _CLOSING.items()
    }
    while end > body:
        char = text[end - 1]
        if char in _TRAILING:
            end -= 1
        elif char in _CLOSING and balance[char] < 0:
            balance[char] += 1
            end -= 1
        else:
            break
    return end


def _markers(prose: str) -> Iterator[regex.Match[str]]:
    """Each "://", "www." and "@" of `prose`, in order: what one search for
    the three finds, but `regex` finds one literal several times faster than
    it (or the standard library's engine) finds the first of three."""
    return heapq.merge(*(pattern.finditer(prose) for pattern in _MARKERS), key=lambda match: match.start())


def bare_links(prose: str) -> list[Span]:
    """The bare URLs and e-mail addresses in `prose`, in order.

    The Cloudflare placeholder "[email protected]" has no "@", so it never
    matches and stays visible for the rule that reports it. The full pattern
    runs only on the words around "://", "www." and "@": most text has none,
    and trying it at every word start costs more than all the rules.
    """
    spans: list[Span] = []
    if "://" not in prose and "www." not in prose and "@" not in prose:
        return spans  # most documents: three searches for a literal cost less than merging three scans
    searched = 0
    for marker in _markers(prose):
        if marker.start() < searched:
            continue
        before = _SPACE_BEFORE.search(prose, max(searched, marker.start() - _WINDOW), marker.start())
        start = before.end() if before else max(searched, marker.start() - _WINDOW)
        after = _SPACE.search(prose, marker.end(), marker.end() + _WINDOW)
        end = after.start() if after else min(len(prose), marker.end() + _WINDOW)
        for match in BARE_LINK.finditer(prose, start, end):
            if match.group("email") is not None:
                spans.append(Span(match.start(), match.end(), "email"))
                continue
            body = match.end("prefix")
            link_end = _url_end(prose, body, match.end())
            if link_end > body:
                spans.append(Span(match.start(), link_end, "url"))
        searched = end
    return spans


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans. Where two overlap, the one that starts
    first keeps the overlap: it is the outer structure that swallowed the other."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if span.end <= span.start:
            continue
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end <= last.end:
                continue
            if span.kind == last.kind:
                merged[-1] = Span(last.start, span.end, last.kind)
                continue
            span = Span(last.end, span.end, span.kind)
        merged.append(span)
    return tuple(merged)


def _spaces(match: regex.Match[str]) -> str:
    return " " * (match.end() - match.start())


def blank(text: str, spans: Iterable[Span]) -> str:
    """`text` with the characters of sorted, non-overlapping `spans` turned into
    spaces, line breaks kept so that line numbers stay the file's."""
    parts = []
    pos = 0
    for span in spans:
        chunk = text[span.start : span.end]
        parts.append(text[pos : span.start])
        # Most spans sit on one line; the regex is for the few that do not.
        parts.append(_NOT_BREAK.sub(_spaces, chunk) if "\n" in chunk or "\r" in chunk else " " * len(chunk))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def finish(
    text: str, spans: Iterable[Span], links: Callable[[str], Iterable[Span]] = bare_links
) -> tuple[str, tuple[Span, ...]]:
    """The `mask` result for `text` whose structure is `spans`: those spans plus
    the links that `links` finds in the prose left by them, merged, and the
    prose view."""
    structure = merge(spans)
    prose = blank(text, structure)
    found = merge(links(prose))
    # Blanking the links in the prose view equals blanking everything in the text.
    return blank(prose, found), merge((*structure, *found))
