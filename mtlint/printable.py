"""Text from the input made safe to write where a person reads it: a
terminal, a CI log, an editor's problem list.

Scraped text and file names carry control characters, and a linter's
output must not drive the terminal or colour the log it is read in: ESC
opens colour, cursor and title commands, and a line break in a file's name
would split a one-line message. ruff shows control characters in its
excerpts as their pictures too.
"""

from __future__ import annotations

import re
import sys

from mtlint.patterns import lazy

#: what a terminal or a log viewer acts on rather than shows: the C0 controls
#: (ESC opens colour, cursor and title commands), DEL and the C1 controls;
#: tab and line feed are the formats' own business unless `one_line`
CONTROL = lazy(re.compile, "[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_IN_LINE = lazy(re.compile, "[\x00-\x1f\x7f-\x9f]")


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` with each control character shown as its Unicode picture (␛
    for ESC, ␡ for DEL), or as U+FFFD for a C1 control, which has none. A
    picture is one column wide, as the character's place in an excerpt
    needs."""
    if text.isprintable():  # at C speed, where a pattern's scan costs 40 instructions a character
        return text
    return (CONTROL_IN_LINE if one_line else CONTROL).sub(_picture, text)


def say(kind: str, message: str) -> None:
    """`mtlint: <kind>: <message>` on stderr, one line whatever the message
    quotes (a file's name, an error's text)."""
    print(f"mtlint: {kind}: {printable(message, one_line=True)}", file=sys.stderr)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
