"""HTML: a linear regex tokenizer rather than a parser.

Rules only need to know which characters are text, not the element tree, and
scraped HTML is too often broken for a strict parser. The tokens follow the
HTML tokenizer closely enough for that: a quoted attribute value may contain
">", and a comment, script, style or tag left open at the end of the file
swallows the rest, as it does in a browser. That last choice also keeps the
scan linear: no match ever fails after scanning ahead, so nothing is rescanned.
Entities (&nbsp; &#39; ...) stay visible; the encoding rules report them.
"""

from __future__ import annotations

import regex

from mtlint.document import Span
from mtlint.markup.inline import finish
from mtlint.patterns import lazy

# Everything between a tag name and its ">": white space, "/", attribute names
# and values. Every character but ">" fits one branch, so this never fails.
_ATTRIBUTES = r"(?:\s++|/|=\s*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+)|[^\s/>=]++)*+"

_TOKEN = lazy(
    regex.compile,
    r"(?P<comment><!--(?:-?>|[\s\S]*?(?:--!?>|\Z)))"
    rf"|(?P<code><(?P<raw>script|style)(?![^\s/>]){_ATTRIBUTES}"
    r"(?:>[\s\S]*?(?:</(?P=raw)(?![^\s/>])[^>]*+>?|\Z)|\Z))"
    r"|(?P<tag><!\[CDATA\[[\s\S]*?(?:\]\]>|\Z)|<[!?][^>]*+>?"
    rf"|</?[A-Za-z][^\s/>]*+{_ATTRIBUTES}>?)",
    regex.IGNORECASE,
)

_KINDS = ("comment", "code", "tag")


def mask(text: str) -> tuple[str, tuple[Span, ...]]:
    spans = []
    for match in _TOKEN.finditer(text):
        kind = next(kind for kind in _KINDS if match.group(kind) is not None)
        spans.append(Span(match.start(), match.end(), kind))
    return finish(text, spans)
