"""Markdown: block structure from markdown-it-py, inline structure by hand.

markdown-it-py's inline tokens carry no character offsets, so only its block
tokens are used, through their `.map` line ranges: code blocks and HTML blocks
are masked whole, and paragraphs, headings and table rows are the regions in
which small linear scanners find code spans, autolinks, raw HTML and link
destinations. Its inline parser is therefore switched off; it would only cost
time, and it is quadratic on some inputs (long runs of "[a](").

Link reference definitions leave no token at all: a line that no leaf block
covers is either one of them or a bare container marker (">", "-", "1."), so
whatever is left after the markers is masked as a definition.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from itertools import chain

import regex
from markdown_it import MarkdownIt

from mtlint.document import LINE_BREAK, Span
from mtlint.markup.inline import bare_links, finish
from mtlint.patterns import lazy

# Opening line of front matter -> the lines that may close it.
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}

_MASKED_BLOCKS = {"fence": "code", "code_block": "code", "html_block": "html"}
_CONTAINERS = frozenset({"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"})
_CONTAINER_MARKERS = lazy(regex.compile, r"(?:[ \t]*+(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?![^ \t])))*+[ \t]*+")

_AUTOLINK = (
    r"<(?:(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20\x7f<>]*+)"
    r"|(?P<email>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]++@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*+))>"
)
_ATTRIBUTE = r"(?:\s++[A-Za-z_:][A-Za-z0-9_.:-]*+(?:\s*+=\s*+(?:[^\s\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?+)"
_TAG = rf"<(?:[A-Za-z][A-Za-z0-9-]*+{_ATTRIBUTE}*+\s*+/?>|/[A-Za-z][A-Za-z0-9-]*+\s*+>)"
# An odd run of backslashes escapes the backtick or "<" after it (the first
# alternative, which names no group), so it starts nothing. Autolinks and tags
# are matched inside the one regex; code spans and the raw HTML that runs to a
# closing string need a look-up that stays linear when nothing closes them.
_INLINE = lazy(
    regex.compile,
    r"(?<!\\)(?:\\\\)*+\\[`<]"
    r"|(?P<ticks>`++)"
    r"|(?P<delimited><!--|<\?|<!\[CDATA\[|<![A-Za-z])"
    rf"|{_AUTOLINK}|(?P<tag>{_TAG})",
)
_BACKTICKS = lazy(regex.compile, r"`++")
_CLOSING = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}

# An unescaped "]" right before "(destination \"title\")".
_ESCAPED = r"\\[\s\S]"
_LINK = lazy(
    regex.compile,
    r"(?<!\\)(?:\\\\)*+\]"
    rf"(?P<tail>\(\s*+(?:<(?:[^<>\r\n\\]|{_ESCAPED})*+>|(?:[^\s()\\]|{_ESCAPED}|\((?:[^\s()\\]|{_ESCAPED})*+\))*+)"
    rf"(?:\s++(?:\"(?:[^\"\\]|{_ESCAPED})*+\"|'(?:[^'\\]|{_ESCAPED})*+'|\((?:[^()\\]|{_ESCAPED})*+\)))?+\s*+\))",
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("inline")


class _Finder:
    """`str.find` for a scan that only moves forward. It remembers each
    needle's last answer, so a thousand unclosed "<!--" cost one search to the
    end of the paragraph instead of a thousand."""

    __slots__ = ("_end", "_last", "_text")

    def __init__(self, text: str, end: int) -> None:
        self._text = text
        self._end = end
        self._last: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, pos: int) -> int:
        last = self._last.get(needle)
        if last is not None and last[0] <= pos and (last[1] < 0 or last[1] >= pos):
            return last[1]
        found = self._text.find(needle, pos, self._end)
        self._last[needle] = (pos, found)
        return found


def _lines(text: str) -> tuple[list[int], list[int]]:
    """Start and end (before the line break) of every line, split where
    markdown-it splits them: at LF, CRLF and lone CR."""
    starts, ends = [0], []
    for match in LINE_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


def _front_matter(text: str, starts: list[int], ends: list[int]) -> int:
    """How many lines of YAML or TOML front matter open the file, 0 if none.
    An opening fence that is never closed is a thematic break, not front matter."""
    closers = _FRONT_MATTER.get(text[starts[0] : ends[0]].lstrip("\ufeff").rstrip())
    if closers is None:
        return 0
    for line in range(1, len(starts)):
        if text[starts[line] : ends[line]].rstrip() in closers:
            return line + 1
    return 0


def _code_span(runs: dict[int, list[int]], start: int, end: int) -> Span | None:
    """The code span opened by the backtick run [start, end): it closes at the
    next run of the same length; without one the run is literal text."""
    length = end - start
    closers = runs.get(length, [])
    i = bisect_left(closers, end)
    if i == len(closers):
        return None
    return Span(start, closers[i] + length, "code")


def _delimited(text: str, start: int, opening: str, finder: _Finder) -> Span | None:
    """The comment, processing instruction, CDATA section or declaration
    opened by `opening` at `start`; None when it is never closed (then "<" is
    literal text)."""
    if text.startswith(("<!-->", "<!--->"), start):
        return Span(start, text.index(">", start) + 1, "html")
    closing = _CLOSING.get(opening, ">")
    close = finder.find(closing, start + len(opening))
    return Span(start, close + len(closing), "html") if close >= 0 else None


def _inline(text: str, start: int, end: int) -> list[Span]:
    """Code spans, autolinks and raw HTML in the inline region [start, end).

    They bind equally tightly, so the leftmost wins and the scan resumes after it.
    """
    runs: dict[int, list[int]] | None = None
    finder = _Finder(text, end)
    spans = []
    pos = start
    while (match := _INLINE.search(text, pos, end)) is not None:
        kind = match.lastgroup
        pos = match.end()
        span: Span | None = None
        if kind == "ticks":
            if runs is None:
                runs = {}
                for run in _BACKTICKS.finditer(text, start, end):
                    runs.setdefault(run.end() - run.start(), []).append(run.start())
            span = _code_span(runs, match.start(), match.end())
        elif kind == "delimited":
            span = _delimited(text, match.start(), match.group(), finder)
        elif kind is not None:
            span = Span(match.start(), match.end(), "html" if kind == "tag" else kind)
        if span is not None:
            spans.append(span)
            pos = span.end
    return spans


def _destinations(prose: str, start: int, end: int) -> list[Span]:
    """The `(destination "title")` parts of inline links and images in
    [start, end) of the prose view; their text is prose and stays."""
    return [Span(match.start("tail"), match.end(), "link") for match in _LINK.finditer(prose, start, end)]


def _definition(text: str, start: int, end: int) -> Span | None:
    """The link reference definition on a line no leaf block covers, after
    any container markers; None for a line that holds only markers."""
    line = text[start:end]
    markers = _CONTAINER_MARKERS.match(line)
    offset = markers.end() if markers is not None else 0
    return Span(start + offset, end, "link-definition") if offset < len(line) else None


def mask(text: str) -> tuple[str, tuple[Span, ...]]:
    starts, ends = _lines(text)
    skip = _front_matter(text, starts, ends)
    spans = []
    source = text
    if skip:
        spans.append(Span(0, ends[skip - 1], "front-matter"))
        # Blank lines keep the line numbers while hiding the fences, which
        # markdown-it would take for a thematic break or a setext heading.
        source = "\n" * skip + (text[starts[skip] :] if skip < len(starts) else "")

    regions: list[tuple[int, int]] = []
    uncovered: list[int] = []
    next_line = skip
    for token in _parser().parse(source):
        if token.map is None or token.type in _CONTAINERS:
            continue
        first, last = token.map
        uncovered.extend(range(next_line, first))
        next_line = max(next_line, last)
        kind = _MASKED_BLOCKS.get(token.type)
        if kind is not None:
            spans.append(Span(starts[first], ends[last - 1], kind))
        elif token.type == "inline" and (not regions or regions[-1] != (first, last)):
            regions.append((first, last))
    uncovered.extend(range(next_line, len(starts)))

    for line in uncovered:
        definition = _definition(text, starts[line], ends[line])
        if definition is not None:
            spans.append(definition)

    for first, last in regions:
        spans.extend(_inline(text, starts[first], ends[last - 1]))

    def links(prose: str) -> list[Span]:
        destinations = (_destinations(prose, starts[first], ends[last - 1]) for first, last in regions)
        return [*chain.from_iterable(destinations), *bare_links(prose)]

    return finish(text, spans, links)
