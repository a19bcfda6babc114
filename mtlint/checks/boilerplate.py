"""Page furniture scraped into the article: the audio player's labels, summary
tabs, "read also" links, share buttons, newsletter promos, contact footers,
bylines, photo credits and captions, hashtag soup, and the words of links
whose target was lost.

A scraper that keeps every text node of a page keeps these too, and machine
translation then renders them into the target language while leaving some in
the source's. The analysis reads the document line by line, then block by
block:

- structure gives the strongest signals, whatever the language: hashtag
  lines, lines led by emoji or carrying two, short lines that are a link;
- phrase packs (`rules/<lang>/boilerplate.toml`, TOML) give the words of
  real outlets' widgets. Each language's phrases are compiled into an
  alternation per placement (whole line, opener, anywhere; plus small ones
  for openers that make any line furniture, for link residue and for
  credits that close a caption; whole-line labels that are plain words are
  looked up in a dict instead), each when a line first needs it, matched
  against a folded copy of the line (lower case, no accents, one kind of
  apostrophe and space), and only for the languages in play: the target
  and the source languages, or Spanish and English when no source is
  given, since their widgets are the ones machine translation brings
  along most;
- blocks give context: the line just before a photo credit is its caption,
  the lines under "Lire aussi" or "Archivé dans" are its links or tags, and
  after the article's last paragraph and the first furniture below it,
  short unpunctuated lines are more of the same.

Most lines of an article are long sentences that none of this can flag,
and the analysis sets them aside at C speed before any Python reads them
(`_suspects`): the prose is folded whole through bytes, a count of the
letters after a space shows that a line ending with a period holds more
than SHORT words (so that only a head phrase could make it furniture), one
pattern over the whole page finds the lines a head phrase could open, and
link residue is looked for only around literal pieces of its phrases. The
lines left are judged one by one as above.

A short line without final punctuation is never boilerplate by that alone:
headings look like that. Each flagged line is one finding, whose unsafe fix
deletes the line.

The pack format, documented here because these are data packs, not rule
packs: a `[pack]` table (`kind = "phrases"`, which the rule loader skips;
name, description, source: the kinds of pages the phrases were drawn from),
then one `[topics.<name>]` table
per topic with

- `rule`: the rule that reports it (`widget-label`, `promo-line`,
  `byline-line`, `media-credit` or `link-residue`) and `what`: how a message
  names it; `list = true` when its whole-line labels head a list of links;
- `line`: labels that make up the whole line (trailing digits and punctuation
  allowed: `Commentaires (12)`); `head`: openers that make a line furniture
  however long it runs (`Il vous reste 62 % de cet article à lire…`);
  `start`: openers of a line that goes on, when it is short or has no final
  punctuation; `any`: phrases anywhere in a short, unpunctuated or
  promotional line (for `link-residue`: anywhere at all, reported as a span);
- for the byline topic, `lead`: the words before an author's name (`par`),
  `desk`: the words before a desk's name (`rédaction`), `months`, and
  `date-words`: day names and the small words of a date line; its one-word
  `line` labels are the agencies (`afp`), also found in datelines and
  slash-joined sign-offs (`aar/dpa/Reuters`).

Phrases are written in lower case. `'` matches any apostrophe, a space any run
of spaces (optional before `:;!?`), `-` a hyphen, a space or nothing, `*` the
rest of a word and `#` a number (`31/10/2024`, `10h15`). Accents are optional
on both sides.
"""

from __future__ import annotations

import codecs
import itertools
import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

import regex

from mtlint import toml
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document, Span
from mtlint.errors import PackError
from mtlint.examples import bad, good
from mtlint.lines import EMOJI, Line, contact_starts, line_features
from mtlint.pack_paths import builtin_packs_dir
from mtlint.pattern_store import kept
from mtlint.patterns import lazy, occurrences
from mtlint.rule import Context, PythonRule

PACK_FILE = "boilerplate.toml"
#: the languages whose widgets a translated page most often keeps, run when
#: the document names no source language
DEFAULT_SOURCES = ("es", "en")
RULE_NAMES = ("widget-label", "promo-line", "byline-line", "media-credit", "link-residue")
PLACEMENTS = ("line", "head", "start", "any")
TOPIC_FIELDS: Mapping[str, type] = {
    "rule": str,
    "what": str,
    "list": bool,
    **dict.fromkeys(PLACEMENTS, list),
    "lead": list,
    "desk": list,
    "date-words": list,
    "months": list,
}

#: masked kinds that are text a reader sees on the line
LINK_KINDS = ("url", "email", "link")
#: longer lines are article text: no line verdict falls on them (see
#: `_line_verdict`), which also keeps the cost linear on a megabyte-long line
MAX_LINE = 1000
#: a line this short with a phrase is furniture even when it ends with a period
SHORT = 12
#: a line opened by a label is furniture when it has this few words ("Photo :
#: AFP."; "Published in 1998, the book sold well." is not), or when it is one
#: unpunctuated phrase of at most OPENER_LONG words ("Lire aussi : <headline>")
OPENER_WORDS = 6
OPENER_LONG = 20
#: at most this many words in a line that is only a link or an address
CONTACT_WORDS = 8
#: a caption is one sentence of at most this many words
CAPTION_WORDS = 30
#: the items of a "read also" or tags list: headlines of at most this many words
LIST_WORDS = 16
LIST_ITEMS = 6
#: after the article's last paragraph, a line of at most this many words
#: without final punctuation is a tag or a button, once furniture is there
TAIL_WORDS = 5
#: a paragraph of the article: at least this many words and final punctuation
PARAGRAPH_WORDS = 8
#: a dateline may name a place of at most this many words
PLACE_WORDS = 3

DIGIT = lazy(regex.compile, r"\d")
#: a word: a letter, then letters, marks, digits, apostrophes and hyphens
LETTER = r"\p{L}"
WORD_CHAR = r"[\p{L}\p{M}\p{N}'’-]"
WORD = lazy(regex.compile, rf"{LETTER}{WORD_CHAR}*+")
#: a character's class for counting words (`_traits`)
CHAR_CLASS = lazy(regex.compile, rf"(?P<a>{LETTER})|(?P<k>{WORD_CHAR})")
#: a line is terminal when it ends with a stop, maybe inside closing quotes
#: or brackets
STOPS = ".!?…:;"
CLOSERS = "\"'»”’)]"
#: a headline may end with a question mark and still be one phrase
STATEMENT_END = lazy(regex.compile, r"[.!…:;][\"'»”’)\]]*+$")
#: any sentence end inside a line: a quotation with its source is not a link line
PAUSE = lazy(regex.compile, r"[.!?…]\s")
SENTENCE_BREAK = lazy(regex.compile, r"[.!?…][\"'»”’)]*+\s++(?=[\"'«“(]?\p{Lu})")
#: a clock time or a full numeric date: with a month name, what makes a line a
#: date line (a version number such as 2.24.1 is neither)
DATE_SHAPE = lazy(regex.compile, r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b")
#: bullets, emoji, arrows and quotation marks before a label
DECORATION = lazy(regex.compile, r"[^\w#@©]*+")
#: the link or address right after link words, which then still work
ADDRESS_AFTER = lazy(regex.compile, r"[\s:]*+(?:https?://|www\.|\S+@|\[email)")
#: separators between the items of a scraped menu line
MENU_SEPARATOR = lazy(regex.compile, r"\s*+[|•·]\s*+")
#: the name of an author after a lead word: two or more capitalised words,
#: with particles, not opened by an article ("By The Numbers" is a heading)
ARTICLES = r"(?i:the|an?|l[aeo]s?|el|il|gli|un[ae]?|d[eia][rms]?|ein[e]?|os?|as?)"
CAPITALISED = r"\p{Lu}[\p{L}\p{M}'’.-]*+"
PARTICLES = r"(?:d[aeiou]s?|de[lr]|van|von|der|le|la|y|e|bin|al)"
NAME = rf"(?!{ARTICLES}\s){CAPITALISED}(?:\s++(?:{PARTICLES}\s++)?{CAPITALISED})++"
BYLINE_TAIL = r"(?:\s*+(?:[,|/—–-]|\b(?:and|et|y|e|und|&)\b)\s*+[^.!?]{0,80}+)?+"
#: a newsroom desk: "Rédaction Politique", "Redacción Clarín", "Redazione ANSA"
DESK_NAME = r"(?:\s++\p{Lu}\S*+){1,3}$"

#: what separates a caption from the credit that closes it: a sentence end,
#: a dash or a slash after a space, an opening bracket. Its first character
#: is one class, which `re` scans for (a dash, not the space before it, so
#: that the scan stops at few places), and a lookbehind picks the branch it
#: opened. Credits are only looked for, never shown, so the match may start
#: at the dash
CREDIT_SEPARATOR = r"[.!?»”)|/—–\-(](?:(?<=[.!?»”)])\s+|(?<=\s[|/—–-])\s*|(?<=\())"

#: the page holds a byte for each character of cp1252, the one-byte
#: encoding of the languages the packs cover, and in its five free places
#: for characters it lacks that are common in the pages read: a narrow and
#: a thin no-break space, an arrow, a combining acute accent, a zero-width
#: space. Through those bytes the whole prose folds with one
#: `bytes.translate` at C speed, where `str.translate` calls its table once
#: a character (70 ms a megabyte)
BYTE_EXTRAS = "\u202f\u2009\u2192\u0301\u200b"
#: what the folded bytes hold for a character without a byte (an emoji, a
#: Greek letter), until the page puts it right
UNKNOWN = "?"
#: the separators MENU_SEPARATOR finds
MENU_MARKS = "|•·"
#: the shortest literal piece of a link-residue phrase looked for
KEY_LENGTH = 4


#: what folding strips (combining marks) and the apostrophes it makes one
MARK = lazy(regex.compile, r"\p{M}")
APOSTROPHES = {"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"}


class _Fold(dict[int, str]):
    """A `str.translate` table that lower-cases and strips accents one code
    point at a time, so offsets in the folded text are offsets in the line."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = MARK.sub("", unicodedata.normalize("NFD", char.lower()))
        folded = APOSTROPHES.get(folded, folded)
        if char.isspace() and char not in "\r\n":
            folded = " "
        result = folded if len(folded) == 1 else char
        self[code] = result
        return result


FOLD = _Fold()


def fold(text: str) -> str:
    """`text` lower-cased, without accents, with one apostrophe and one space."""
    return text.translate(FOLD)


#: the pieces of pattern of a phrase's special characters (# * - and space)
NUMBER = r"\d+(?:[.,:h/-]\d+)*"
SPECIAL = {"#": NUMBER, "*": r"\w*", "-": r"[-\s]?", " ": r"\s+"}
#: a space before these is optional
OPTIONAL_SPACE_BEFORE = (":", ";", "!", "?")
SPECIAL_TOKENS = frozenset({*SPECIAL.values(), r"\s*"})


@cache
def _tokens(text: str) -> tuple[str, ...]:
    """The regular expression for one pack phrase, one piece per character
    (syntax: module docstring). Cached: the head scouts write the head
    phrases again."""
    folded = fold(text.strip())
    return tuple(
        r"\s*"
        if char == " " and following in OPTIONAL_SPACE_BEFORE
        else SPECIAL.get(char) or (char if char.isalnum() else re.escape(char))  # letters, digits: no escape
        for char, following in itertools.zip_longest(folded, folded[1:], fillvalue="")
    )


#: a whole-line label that is words and single spaces, ending with a letter:
#: `WholeLabels` looks these up instead of matching them
PLAIN_LABEL = lazy(re.compile, r"[\w']+(?: [\w']+)*(?<=[^\W\d_])")

#: a phrase starts and ends on word boundaries, unless it starts or ends
#: with punctuation itself ("/reuters", "ap photo/")
WORD_START = r"(?:(?<!\w)|(?!\w))"
WORD_END = r"(?:(?!\w)|(?<!\w))"


def _alternation(phrases: Iterable[str]) -> str:
    """One pattern for all `phrases`, as a trie: shared beginnings are written
    once, which makes the pattern several times smaller, so it compiles and
    matches faster than a flat list. An optional tail is greedy, so the
    fuller label wins ("écouter cet article" over "écouter")."""
    return _trie_pattern(_trie(map(_tokens, phrases)))


def _trie(phrases: Iterable[Sequence[str]]) -> dict[str, dict]:
    """The trie of `phrases` given as tokens; "" marks where one ends."""
    trie: dict[str, dict] = {}
    for tokens in phrases:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}
    return trie


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = []
    for token, child in sorted(node.items()):
        if token:
            tokens = [token]
            while len(child) == 1 and "" not in child:  # a run without a fork is written as it is
                ((token, child),) = child.items()
                tokens.append(token)
            branches.append("".join(tokens) + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _bounded(token: str) -> str:
    """The first `token` of a phrase, behind WORD_START. After a letter or a
    digit, a lookbehind says what WORD_START says before it, and a sign is a
    boundary itself: so the pattern still opens with plain characters, which
    `re` scans the text for, instead of trying the pattern at every place."""
    if token in SPECIAL_TOKENS:
        return WORD_START + token
    if re.fullmatch(r"\w", token):
        return rf"{token}(?<!\w.)"
    return token


def _groups(placement: str, topics: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    """The alternation of the phrases of `topics`, a named group per topic."""
    return "|".join(f"(?P<{placement}_{key}>{_alternation(phrases)})" for key, phrases in topics)


def _scannable(placement: str, topics: Sequence[tuple[str, tuple[str, ...]]]) -> re.Pattern[str]:
    """The phrases of `topics` found anywhere, in one pattern that `re` scans
    the text for by first characters. Each branch opens with a phrase's
    first character (behind WORD_START, `_bounded`), then tries the rest of
    each topic's phrases that open with it, a topic at a time in their
    order, each in a group `<placement>_<topic>_<n>`. When every phrase
    opens with a character of its own, at any place only one branch can
    match, and a search finds what a group per topic tried at each place
    from the left finds: the first topic's phrase there, and of it the
    fullest that ends a word. A group per topic hides the first characters
    from `re`, which then tries the pattern at every place: that is the
    pattern when a phrase opens with `#`, `*` or `-` (none does in the
    shipped packs)."""
    if any(_tokens(phrase)[0] in SPECIAL_TOKENS for _, phrases in topics for phrase in phrases):
        return kept(re.compile, rf"{WORD_START}(?:{_groups(placement, topics)}){WORD_END}")
    by_first: dict[str, dict[str, list[Sequence[str]]]] = {}
    for key, phrases in topics:
        for phrase in phrases:
            first, *rest = _tokens(phrase)
            by_first.setdefault(first, {}).setdefault(key, []).append(rest)
    branches = [
        _bounded(first)
        + "(?:"
        + "|".join(f"(?P<{placement}_{key}_{number}>{_trie_pattern(_trie(rests))})" for key, rests in keyed.items())
        + ")"
        for number, (first, keyed) in enumerate(sorted(by_first.items()))
    ]
    return kept(re.compile, f"(?:{'|'.join(branches)}){WORD_END}")


def _keys(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """A few literal pieces, one of which every phrase holds, for `str.find`
    to look for: greedily, the piece of KEY_LENGTH characters or more that
    the most phrases not yet served hold, the longest first (a phrase without
    such a piece offers its longest). None when a phrase has no literal piece."""
    runs = [[run for run in re.split(r"[#*\- ]", fold(phrase.strip())) if run] for phrase in phrases]
    if not all(runs):
        return None
    holders: dict[str, set[int]] = {}  # every piece of a phrase: the phrases that hold it
    offered: set[str] = set()
    for index, pieces in enumerate(runs):
        for run in pieces:
            for start in range(len(run)):
                for end in range(start + 1, len(run) + 1):
                    holders.setdefault(run[start:end], set()).add(index)
        long = [run for run in pieces if len(run) >= KEY_LENGTH]
        if not long:
            offered.add(max(pieces, key=len))
        for run in long:
            offered.update(run[i:j] for i in range(len(run)) for j in range(i + KEY_LENGTH, len(run) + 1))
    keys: list[str] = []
    waiting = set(range(len(runs)))
    while waiting:
        key = max(sorted(offered), key=lambda piece: (len(holders[piece] & waiting), len(piece)))
        keys.append(key)
        waiting -= holders[key]
    return tuple(keys)


def _barrier(phrases: Iterable[str]) -> str:
    """A character that no match of `phrases` can hold: not a word character,
    a space, a character of a phrase, nor one a number (#) may hold."""
    folded = "".join(fold(phrase) for phrase in phrases)
    held = set(folded) | {"-"} | (set(".,:/") if "#" in folded else set())
    return rf"[^\w\s{re.escape(''.join(sorted(held)))}]"


def _heads(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """What each of `phrases` opens with, which a match of its pattern holds
    as written once its runs of white space are made one space: its folded
    words up to its first special character (`_tokens`), spaces as one.
    None when one opens with a special character."""
    heads = set()
    for phrase in phrases:
        head = []
        for char, token in zip(fold(phrase.strip()), _tokens(phrase), strict=True):
            if token == SPECIAL[" "]:
                head.append(" ")
            elif token in SPECIAL_TOKENS:
                break
            else:
                head.append(char)
        if not head:
            return None
        heads.add("".join(head).rstrip())
    return tuple(sorted(heads))


#: lines a phrase pack's pattern turns away by its heads before it compiles
#: anyway: by then its gate has cost about what compiling it and searching
#: with it would (a gate of 112 heads, 19 µs a line of documentation; the
#: compiled pattern, 4.4 ms and 7.5 µs a line), and a page of short lines
#: (50,000 a megabyte) no longer asks every gate of every pack each time
GATED_LINES = 1000


class GatedPattern:
    """A pack's pattern, compiled when first needed. Until it is, a text is
    first asked whether it holds the head of one of the pattern's phrases
    (`_heads`) where a match would begin: at its start for `match`, from
    `pos` on for `search`; one that holds none cannot match. Once compiled,
    `match` and `search` are the pattern's own. A source language's pack is
    asked about the lines its target's pack leaves alone, which seldom
    hold one of its phrases, and a French article with one short line
    compiled its own pack's openers and phrases found anywhere for nothing.
    A pattern with a phrase that opens with a special character (no head)
    compiles when first asked, and any pattern once its gate has turned
    away GATED_LINES lines."""

    __slots__ = ("_build", "_heads", "_left", "match", "search")

    def __init__(self, phrases: Iterable[str], build: Callable[[], re.Pattern[str]]) -> None:
        self._build = build
        self._heads = _heads(phrases)
        #: how many more lines the gate may turn away
        self._left = GATED_LINES
        self.match: Callable[..., re.Match[str] | None] = self._first_match
        self.search: Callable[..., re.Match[str] | None] = self._first_search

    def _first_match(self, text: str) -> re.Match[str] | None:
        if self._heads is not None and not " ".join(text.split()).startswith(self._heads) and self._turned_away():
            return None
        return self._compiled().match(text)

    def _first_search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        heads = self._heads
        if heads is not None and not any(map(" ".join(text[pos:].split()).__contains__, heads)) and self._turned_away():
            return None
        return self._compiled().search(text, pos)

    def _turned_away(self) -> bool:
        """Counts a line the gate turns away: False once GATED_LINES were."""
        self._left -= 1
        return self._left > 0

    def _compiled(self) -> re.Pattern[str]:
        pattern = self._build()
        self.match, self.search = pattern.match, pattern.search
        return pattern


class LabelMatch(NamedTuple):
    """A whole-line label `WholeLabels` found, read as a match of the
    pattern it stands for: from the label's start to its end, with the
    group of its topic."""

    lastgroup: str
    length: int

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return self.length


class WholeLabels:
    r"""A pack's whole-line labels, matched against a folded label as the
    pattern `^(?:<a group per topic>)[\W\d_]*$` would match them: the first
    topic with a label that the line is, with digits and signs after it.

    Most labels are words and single spaces ending with a letter (`PLAIN_LABEL`:
    "écoutez cet article"). A line is such a label when its text up to its
    last letter, runs of spaces made one, is that label: a dict finds it.
    The others (`#`, `*`, `-`, signs, a final digit) make a pattern of their
    own, a sixth of the size of all of them, which took longer to compile
    (10 ms for French, in every process) than linting four articles."""

    def __init__(self, topics: list[tuple[str, tuple[str, ...]]]) -> None:
        self.order = {key: index for index, (key, _) in enumerate(topics)}
        #: by plain label, the first topic that has it
        self.plain: dict[str, str] = {}
        others: list[tuple[str, tuple[str, ...]]] = []
        for key, phrases in topics:
            rest = []
            for phrase in phrases:
                folded = fold(phrase.strip())
                if PLAIN_LABEL.fullmatch(folded):
                    self.plain.setdefault(folded, key)
                else:
                    rest.append(phrase)
            if rest:
                others.append((key, tuple(rest)))
        self.pattern = (
            GatedPattern(
                (phrase for _, phrases in others for phrase in phrases),
                lambda: kept(re.compile, rf"^(?:{_groups('line', others)})[\W\d_]*$"),
            )
            if others
            else None
        )

    def match(self, label: str) -> LabelMatch | None:
        end = len(label)
        while end and not (label[end - 1].isalnum() and not label[end - 1].isdecimal()):  # [\W\d_]
            end -= 1
        found = self.plain.get(" ".join(label[:end].split())) if end and not label[0].isspace() else None
        matched = self.pattern.match(label) if self.pattern is not None else None
        if matched is not None:
            key = matched.lastgroup.partition("_")[2]
            found = key if found is None or self.order[key] < self.order[found] else found
        return None if found is None else LabelMatch(f"line_{found}", len(label))


#: a phrase found: a match of a pattern with a group per topic, or a whole-line label
Found = re.Match[str] | LabelMatch


class Topic(NamedTuple):
    name: str
    rule: str
    what: str
    #: its whole-line labels head a list of links or tags (Lire aussi, Tags)
    heads_list: bool = False


class PhrasePack:
    """One language's phrases, validated when read and compiled on first use:
    most documents need few of the patterns (an article without furniture
    never needs the labels found anywhere, its bylines or its credits), and
    compiling them all took longer than linting a short article.

    `lines` finds whole-line labels (`WholeLabels`, mostly a dict);
    `openers` is the alternation of line openers and `anywhere` of phrases
    found anywhere, with a named group per placement and topic; `head` holds the openers that make any line
    furniture, apart because they are all a long sentence needs trying;
    `residue` finds link residue and `credit_end` a credit closing a caption
    line. These run on the standard `re` engine, which compiles and matches
    literal alternations several times faster than `regex` (folded text
    needs no Unicode properties); `byline` and `desk`, an author's or a
    desk's name after its lead, need `regex` for capital letters.

    The rest serves speed: the patterns a line is matched against are
    compiled only once a line holds the head of one of their phrases
    (`GatedPattern`); `head_scouts` find the lines a head phrase could
    open (`_head_scouts`); `residue_keys` are literal pieces one of which
    each residue match holds (`_keys`), and `residue_barrier` finds
    characters none holds; `credit_stops` says that a credit may hold a
    period, an exclamation or a question mark, or a number, which may hold
    a period."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.topics: dict[str, Topic] = {}
        #: per placement, the key and phrases of each topic that has some there
        self.placements: dict[str, list[tuple[str, tuple[str, ...]]]] = {placement: [] for placement in PLACEMENTS}
        self.date_words: frozenset[str] = frozenset()
        self.months: frozenset[str] = frozenset()
        self.agencies: frozenset[str] = frozenset()
        self.leads: tuple[str, ...] = ()
        self.desks: tuple[str, ...] = ()
        self.credits: tuple[str, ...] = ()
        self.credit_stops = False
        self.residue_phrases: tuple[str, ...] = ()

    def phrases(self, placement: str) -> list[str]:
        """The phrases of `placement`, all topics together."""
        return [phrase for _, phrases in self.placements[placement] for phrase in phrases]

    def _placed(self, placement: str, around: str) -> GatedPattern | None:
        """`placement`'s groups, to be compiled where `around` says {groups}; None without phrases."""
        topics = self.placements[placement]
        if not topics:
            return None
        return GatedPattern(
            self.phrases(placement), lambda: kept(re.compile, around.replace("{groups}", _groups(placement, topics)))
        )

    @cached_property
    def lines(self) -> WholeLabels | None:
        return WholeLabels(self.placements["line"]) if self.placements["line"] else None

    @cached_property
    def openers(self) -> GatedPattern | None:
        return self._placed("start", rf"^(?:{{groups}}){WORD_END}(?=.*?\w)")

    @cached_property
    def anywhere(self) -> GatedPattern | None:
        topics = self.placements["any"]
        return GatedPattern(self.phrases("any"), lambda: _scannable("any", topics)) if topics else None

    @cached_property
    def head(self) -> GatedPattern | None:
        return self._placed("head", rf"(?:{{groups}}){WORD_END}")

    @cached_property
    def head_scouts(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        return _head_scouts(self.phrases("head"))

    @cached_property
    def residue(self) -> re.Pattern[str] | None:
        if not self.residue_phrases:
            return None
        return kept(re.compile, rf"{WORD_START}(?:{_alternation(self.residue_phrases)}){WORD_END}")

    @cached_property
    def residue_keys(self) -> tuple[str, ...] | None:
        return _keys(self.residue_phrases)

    @cached_property
    def residue_barrier(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The first barrier from a place, and the stretch to the end of the
        last barrier before one (`_Page.run`)."""
        barrier = _barrier(self.residue_phrases)
        return kept(re.compile, barrier), kept(re.compile, rf"(?s:.*){barrier}")

    @cached_property
    def credit_end(self) -> GatedPattern | None:
        credits = self.credits
        return GatedPattern(credits, lambda: _credit_end(credits)) if credits else None

    @cached_property
    def byline(self) -> regex.Pattern[str] | None:
        if not self.leads:
            return None
        leads = "|".join(regex.escape(word) for word in self.leads)
        return kept(regex.compile, rf"(?i:{leads})\s++(?-i:{NAME}){BYLINE_TAIL}$")

    @cached_property
    def desk(self) -> regex.Pattern[str] | None:
        if not self.desks:
            return None
        return kept(regex.compile, rf"(?i:{'|'.join(regex.escape(word) for word in self.desks)}){DESK_NAME}")

    def topic(self, match: Found) -> tuple[str, Topic]:
        """The placement (line, head, start, any) and topic of a match of a
        pattern with a group per topic."""
        placement, index, *_ = match.lastgroup.split("_")
        return placement, self.topics[index]

    def opens(self, label: str) -> Found | None:
        """A whole-line label that `label` is, or else an opener it starts with."""
        match = self.lines.match(label) if self.placements["line"] else None
        if match is None and self.placements["start"]:
            match = self.openers.match(label)
        return match

    def search(self, label: str) -> Found | None:
        """A whole-line label, an opener or else the first phrase found
        anywhere in `label`."""
        match = self.opens(label)
        if match is None and self.placements["any"]:
            match = self.anywhere.search(label)
        return match

    def credit_closes(self, label: str) -> bool:
        """Whether a credit of the pack closes `label`."""
        return bool(self.credits) and self.credit_end.search(label, _last_stop(self.credit_stops, label)) is not None


@cache
def phrase_pack(lang: str) -> PhrasePack | None:
    """The phrase pack of `lang`, or None when there is none. Read on first
    use only: a document never loads the packs of languages not in play."""
    path = builtin_packs_dir() / lang / PACK_FILE
    if not path.is_file():
        return None
    return compile_pack(lang, _read(path), path.as_posix())


def _read(path: Path) -> dict[str, Any]:
    try:
        return toml.loads(path.read_text(encoding="utf-8"))
    except (OSError, toml.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: not a valid boilerplate phrase pack: {error}") from None


def compile_pack(lang: str, data: Mapping[str, Any], shown: str) -> PhrasePack:
    """A PhrasePack from a parsed pack file; errors name the file and field.
    Its patterns are compiled when first used."""
    if set(data) - {"pack", "topics"} or not isinstance(data.get("topics"), dict):
        raise PackError(f"{shown}: expected a [pack] table and [topics.<name>] tables")
    if "source" not in data.get("pack", {}):
        raise PackError(f"{shown}: [pack]: field 'source' missing: name the pages the phrases come from")
    pack = PhrasePack(lang)
    for index, (name, table) in enumerate(data["topics"].items()):
        where = f"{shown}: [topics.{name}]"
        for key, value in table.items():
            if key not in TOPIC_FIELDS or not isinstance(value, TOPIC_FIELDS[key]):
                raise PackError(f"{where}: field {key!r}: unknown or of the wrong type")
        if table.get("rule") not in RULE_NAMES or "what" not in table:
            raise PackError(f"{where}: 'rule' must be one of {', '.join(RULE_NAMES)}, and 'what' is required")
        key = f"t{index}"
        topic = pack.topics[key] = Topic(name, table["rule"], table["what"], table.get("list", False))
        if topic.rule == "link-residue":
            pack.residue_phrases += tuple(table.get("any", []))
            continue
        for placement, topics in pack.placements.items():
            if table.get(placement):
                topics.append((key, tuple(table[placement])))
        if topic.rule == "media-credit":
            pack.credits += tuple(table.get("start", []))
        if topic.rule == "byline-line":
            _bylines(pack, table)
    pack.credit_stops = any(stop in fold(credit) for credit in pack.credits for stop in ".!?#")
    return pack


def _bylines(pack: PhrasePack, table: Mapping[str, Any]) -> None:
    """The byline topic's extra fields: lead words before a name, desk words
    before a desk's name, the words of dates, and its one-word sign-offs
    (the agencies)."""
    pack.leads = tuple(table.get("lead", ())) or pack.leads
    pack.desks = tuple(table.get("desk", ())) or pack.desks
    pack.months = frozenset(fold(word) for word in table.get("months", []))
    pack.date_words = frozenset(fold(word) for word in table.get("date-words", [])) | pack.months
    pack.agencies = frozenset(fold(word) for word in table.get("line", []) if word.isalpha())


def _credit_end(credits: Iterable[str]) -> re.Pattern[str]:
    """A credit closing a caption line: a separator, then one of `credits`
    and at most 80 characters without a stop to the end."""
    return kept(re.compile, rf"{CREDIT_SEPARATOR}(?:{_alternation(credits)})[^.!?]{{1,80}}$")


def packs_in_play(doc: Document) -> list[PhrasePack]:
    """The phrase packs of the target language and of the source languages:
    those given, or else those the untranslated analysis found words of. A
    clean article compiles only its own language's pack."""
    from mtlint.untranslated import analyse as untranslated

    sources = doc.source_langs or tuple(s for s in untranslated(doc).sources if s in DEFAULT_SOURCES)
    wanted = dict.fromkeys((doc.lang, *sources))
    return [pack for pack in map(phrase_pack, wanted) if pack is not None]


def _head_scouts(heads: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Two patterns that find in the folded page, at its start and after a
    line feed, the lines whose label could open with one of the head phrases
    `heads`, followed by no letter (as WORD_END says). They skip any
    character but the first ones of the phrases: those are characters
    DECORATION stops at, which no decoration before a label is, folded or
    not (`_traits`). A phrase that opens with decoration never opens a
    label and is left out. None when a phrase opens with another special
    character."""
    phrases, firsts, digits = [], set(), False
    for phrase in heads:
        token, first = _tokens(phrase)[0], fold(phrase.strip())[0]
        if token == NUMBER:
            digits = True
        elif token in SPECIAL_TOKENS:
            return None
        elif DECORATION.match(first).end():
            continue
        else:
            firsts.add(first)
        phrases.append(phrase)
    if not phrases:
        return kept(re.compile, "(?!)"), kept(re.compile, "(?!)")
    starting = re.escape("".join(sorted(firsts))) + (r"\d" if digits else "")
    body = rf"[^\n{starting}]*+{_alternation(phrases)}{WORD_END}"
    return kept(re.compile, body), kept(re.compile, rf"\n{body}")


# --- The analysis -------------------------------------------------------------


class Verdict(NamedTuple):
    """Why one line is boilerplate: the rule that reports it and the reason;
    whether it is a credit on its own line (its caption is the line above)
    or a label that heads a list of links (the lines below are its items)."""

    rule: str
    start: int
    end: int
    reason: str
    credit: bool = False
    heads_list: bool = False


class LineText(NamedTuple):
    """One non-blank line: where its text is, the text folded or not, its
    features."""

    index: int
    start: int
    end: int
    text: str
    folded: str
    line: Line
    words: int
    terminal: bool


class Analysis:
    """The document's furniture lines, with their verdicts, and its link residue."""

    def __init__(self) -> None:
        self.verdicts: list[Verdict] = []
        self.residue: list[tuple[int, int, str]] = []


def analyse(doc: Document) -> Analysis:
    """The boilerplate lines and link residue of `doc`, computed once."""
    return doc.memo("boilerplate", _analyse)


def _analyse(doc: Document) -> Analysis:
    analysis = Analysis()
    packs = packs_in_play(doc)
    page = _Page.read(doc)
    found: dict[int, Verdict] = {}
    for index in _suspects(page, packs):
        current = page.text(index)
        verdict = None if current is None else _line_verdict(current, packs)
        if verdict is not None:
            found[index] = verdict
    analysis.residue = list(_residue(doc, page, packs))
    _captions(page, found)
    _lists(page, found)
    _tail(page, found)
    analysis.verdicts = [found[index] for index in sorted(found)]
    return analysis


# --- Reading the page ---------------------------------------------------------


@cache
def _traits(char: str) -> tuple[str, int, bool]:
    """What the page keeps of a character: its folded character, its class
    for counting words (`a` a letter, `k` another character of a word, a
    space anything else), and whether it is plain: neither an emoji nor a
    character that folding turns from decoration into label or back. A line
    with a character that is not plain is odd."""
    target = FOLD[ord(char)]
    match = CHAR_CLASS.match(char)
    kind = match.lastgroup if match else " "
    plain = EMOJI.match(char) is None and DECORATION.match(char).end() == DECORATION.match(target).end()
    return target, ord(kind), plain


@cache
def _charset() -> tuple[str, Any]:
    """The characters of the page's bytes, in byte order (BYTE_EXTRAS), and
    the map that encodes them, for the codecs of the standard library."""
    extras = iter(BYTE_EXTRAS)
    chars = "".join(
        next(extras) if char == "\ufffd" else char for char in bytes(range(256)).decode("cp1252", "replace")
    )
    return chars, codecs.charmap_build(chars)


@cache
def _byte_tables() -> tuple[bytes, bytes]:
    """`bytes.translate` tables for the page's bytes: each byte's folded
    character, and its class (`_traits`). A carriage return folds to a line
    feed, so that one literal finds every line start. A character that is
    not plain, or whose fold has no byte, folds to UNKNOWN for the page to
    put right."""
    chars, _ = _charset()
    folded, classes = bytearray(), bytearray()
    for char in chars:
        target, kind, plain = _traits(char)
        position = chars.find(target.replace("\r", "\n"))
        folded.append(position if plain and position >= 0 else ord(UNKNOWN))
        classes.append(kind)
    return bytes(folded), bytes(classes)


def _terminal(text: str) -> bool:
    """Whether `text` ends with a stop, maybe inside closing quotes or brackets."""
    body = text.rstrip(CLOSERS)
    return bool(body) and body[-1] in STOPS


class _Page:
    """The document as the analysis reads it, at C speed where that suffices.

    `folded` is the prose folded whole (line feeds for carriage returns)
    through its bytes (BYTE_EXTRAS), the few characters without a byte put
    right one by one; `classes` classes its characters for counting words
    (None when too many characters lack a byte: every line is then odd).
    A line is odd when it holds a hash sign, an e-mail placeholder, the
    start of a link or address, or a character that is not plain (those
    lines are `unplain`): its features and text are read as `mtlint.lines`
    and `_content_bounds` read them. Any other line has no features, and
    its text is its stripped prose. `rough` are the lines that are not
    plainly prose (`_line_spans`), `menus` those with a menu separator.
    Lines are numbered as `mtlint.lines` numbers them; their features,
    their LineTexts (None for a blank line) and the places of residue keys
    are found on demand, once."""

    def __init__(
        self,
        prose: str,
        folded: str,
        classes: bytearray | None,
        starts: list[int],
        ends: list[int],
        rough: list[int],
        links: list[Span],
        contact_starts: list[int],
    ) -> None:
        self.prose = prose
        self.folded = folded
        self.classes = classes
        self.starts = starts
        self.ends = ends
        self.rough = rough
        self.links = links
        self.link_starts = [span.start for span in links]
        self.contact_starts = contact_starts
        self.odd: set[int] = set()
        self.unplain: set[int] = set()
        self.menus: set[int] = set()
        self.features: dict[int, Line] = {}
        self.texts: dict[int, LineText | None] = {}
        self.places: dict[str, list[int]] = {}

    @classmethod
    def read(cls, doc: Document) -> _Page:
        prose = doc.prose
        chars, encoding = _charset()
        folding, classing = _byte_tables()
        raw = codecs.charmap_encode(prose, "replace", encoding)[0]
        marked, classes = raw.translate(folding), bytearray(raw.translate(classing))
        del raw  # a byte a character, freed before the folded text is made, where a large page peaks
        missing = marked.count(UNKNOWN.encode()) - prose.count(UNKNOWN)
        odd = [
            *occurrences(marked, b"#"),
            *(at for at in occurrences(marked, b"[") if marked.startswith(b"[email", at)),
        ]
        menus = [at for mark in MENU_MARKS for at in occurrences(marked, bytes([chars.index(mark)]))]
        unplain: list[int] = []
        if missing * 8 > len(prose):
            folded, classes = fold(prose).replace("\r", "\n"), None
        else:
            places = [at for at in occurrences(marked, UNKNOWN.encode()) if prose[at] != UNKNOWN] if missing else []
            folded = _decode(prose, marked, classes, places, unplain, odd, menus)
        starts, ends, rough = _line_spans(marked, prose, classes)
        links = [span for span in doc.masked if span.kind in LINK_KINDS]
        contacts = contact_starts(doc)
        page = cls(prose, folded, classes, starts, ends, rough, links, contacts)
        if classes is None:
            page.odd = page.unplain = set(range(len(starts)))
        else:
            page.unplain = {page.index(at) for at in unplain}
            page.odd = page.unplain | {page.index(at) for at in (*odd, *page.link_starts)}
        page.menus = {page.index(at) for at in menus}
        return page

    def index(self, offset: int) -> int:
        """The line at `offset`, or the nearest before it (the first line if none)."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def touched(self, start: int, end: int) -> range:
        """The lines that share a character with [start, end)."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def line(self, index: int) -> Line:
        if index not in self.features:
            start, end = self.starts[index], self.ends[index]
            self.features[index] = line_features(self.prose, start, end, self.contact_starts, index not in self.unplain)
        return self.features[index]

    def line_at(self, offset: int) -> Line:
        """`mtlint.lines.line_at`."""
        return self.line(self.index(offset))

    def text(self, index: int) -> LineText | None:
        if index not in self.texts:
            self.texts[index] = self._read_text(index)
        return self.texts[index]

    def _read_text(self, index: int) -> LineText | None:
        start, end = self.starts[index], self.ends[index]
        line = self.line(index) if index in self.odd else Line(start, end, 0, False, 0, 0)
        bounds = _content_bounds(self.prose, line, self.links, bisect_left(self.link_starts, start))
        if bounds is None:
            return None
        start, end = bounds
        raw = self.prose[start:end]
        text = raw.strip()
        at = start + len(raw) - len(raw.lstrip())
        folded = self.folded[at : at + len(text)]
        return LineText(index, start, end, text, folded, line, self._words(at, text), _terminal(text))

    def _words(self, at: int, text: str) -> int:
        """How many words `text`, at `at`, holds: the runs of word characters
        with a letter, which are the letters after a space once the other
        word characters are deleted from the classes."""
        if self.classes is None:
            return len(WORD.findall(text))
        return (b" " + self.classes[at : at + len(text)].translate(None, b"k")).count(b" a")

    def before(self, index: int) -> LineText | None:
        """The nearest non-blank line above line `index`."""
        return next(filter(None, map(self.text, range(index - 1, -1, -1))), None)

    def after(self, index: int) -> Iterator[LineText]:
        """The non-blank lines below line `index`."""
        return filter(None, map(self.text, range(index + 1, len(self.starts))))

    def last(self) -> Iterator[LineText]:
        """The non-blank lines, from the last."""
        return filter(None, map(self.text, range(len(self.starts) - 1, -1, -1)))

    def occurrences(self, key: str) -> list[int]:
        """Where `key` is in `folded`, looked for once per page."""
        if key not in self.places:
            self.places[key] = list(occurrences(self.folded, key))
        return self.places[key]

    def run(self, position: int, barrier: tuple[re.Pattern[str], re.Pattern[str]], floor: int) -> tuple[int, int]:
        """The stretch of `folded` around `position` without a barrier, given
        that there is one at `floor` or that `floor` is 0. The last barrier
        before `position` is found from `floor` by `(?s:.*)`, which `re`
        takes to `position` in one step, and back: stretches looked for from
        left to right, each from the end of the last, read the page once and
        need no reversed copy of it."""
        following, last = barrier
        before = last.match(self.folded, floor, position)
        after = following.search(self.folded, position)
        return (before.end() if before else floor), (after.start() if after else len(self.folded))


def _decode(
    prose: str,
    marked: bytes,
    classes: bytearray,
    places: list[int],
    unplain: list[int],
    odd: list[int],
    menus: list[int],
) -> str:
    """The folded text of `marked`, with the characters without a byte, at
    `places`, folded one by one, and their classes in `classes`. Where one
    is not plain its place goes to `unplain`; where it folds to a hash sign
    or a menu separator, to `odd` or `menus`. The bytes between places are
    decoded piece by piece, so that no whole copy waits to be put right."""
    chars, _ = _charset()
    view = memoryview(marked)
    pieces, last = [], 0
    for at in places:
        target, classes[at], plain = _traits(prose[at])
        pieces += (codecs.charmap_decode(view[last:at], "strict", chars)[0], target)
        last = at + 1
        if not plain:
            unplain.append(at)
        if target == "#":
            odd.append(at)
        elif target in MENU_MARKS:
            menus.append(at)
    pieces.append(codecs.charmap_decode(view[last:], "strict", chars)[0])
    return "".join(pieces)


def _line_spans(marked: bytes, prose: str, classes: bytearray | None) -> tuple[list[int], list[int], list[int]]:
    """Where the lines of `mtlint.lines` start and end (runs of characters
    other than line breaks, which are line feeds in `marked`), and the rough
    ones: all but those that end with a period, an exclamation or a question
    mark and hold more than SHORT words, which is most lines of prose. The
    words are counted from below, as the letters after a space: one count
    at C speed."""
    lengths = [len(line) for line in marked.split(b"\n")]
    # every line starts after the one before it and its line feed
    heads = itertools.accumulate(map(operator.add, lengths, itertools.repeat(1)), initial=0)
    starts = list(itertools.compress(heads, lengths))
    ends = list(map(operator.add, starts, filter(None, lengths)))
    if classes is None:
        return starts, ends, list(range(len(starts)))
    count = classes.count
    rough = [
        index
        for index, (start, end) in enumerate(zip(starts, ends, strict=True))
        if prose[end - 1] not in ".!?" or count(b" a", start, end) <= SHORT
    ]
    return starts, ends, rough


# --- Lines to judge -----------------------------------------------------------


def _suspects(page: _Page, packs: list[PhrasePack]) -> list[int]:
    """The lines to judge one by one: odd lines, menu rows, lines a head
    phrase could open and loose lines (`_loose`). Any other line is a long
    sentence of article text, which no rule flags: phrases that are not
    heads count only on short lines or lines without final punctuation, a
    closing credit only before no period, exclamation or question mark."""
    suspects = page.odd | page.menus
    if packs:
        suspects |= _headed(page, packs) | _loose(page, packs)
    return sorted(suspects)


def _headed(page: _Page, packs: list[PhrasePack]) -> set[int]:
    """The lines a head phrase could open."""
    spans = []
    for pack in packs:
        if pack.head_scouts is None:
            return set(range(len(page.starts)))
        at_start, after_break = pack.head_scouts
        spans.extend(match.span() for match in after_break.finditer(page.folded))
        first = at_start.match(page.folded)
        if first is not None:
            spans.append(first.span())
    return {index for start, end in spans for index in page.touched(start, end)}


def _loose(page: _Page, packs: list[PhrasePack]) -> set[int]:
    """The rough lines that are not odd and may be short, or where a phrase
    could count because the line lacks final punctuation (a whole-line or
    opener phrase, or one found anywhere), or a closing credit
    because it ends without a period, an exclamation or a question mark.
    Other lines hold more than SHORT words, too many for a byline."""
    loose = set()
    for index in page.rough:
        if index in page.odd:
            continue
        start, end = page.starts[index], page.ends[index]
        piece = page.prose[start:end]
        text = piece.strip()
        if not text or len(text) > MAX_LINE:
            continue
        left = start + len(piece) - len(piece.lstrip())
        right = left + len(text)
        if page.classes.count(b" a", max(start - 1, 0), right) <= SHORT:
            loose.add(index)
            continue
        folded = page.folded[left:right]
        if _phrased(folded[DECORATION.match(folded).end() :], _terminal(text), packs):
            loose.add(index)
    return loose


def _phrased(label: str, terminal: bool, packs: list[PhrasePack]) -> bool:
    """Whether a phrase could count on a line too long for a byline: a
    whole-line, opener or anywhere phrase when the line lacks final
    punctuation (`terminal` False), or a closing credit."""
    if not terminal and any(pack.search(label) for pack in packs):
        return True
    return any(pack.credit_closes(label) for pack in packs)


# --- Judging a line -----------------------------------------------------------


def _content_bounds(prose: str, line: Line, links: list[Span], first: int) -> tuple[int, int] | None:
    """Where the line's text is: its prose trimmed, widened over the links and
    addresses the prose view masks (a line may be nothing but a URL); None for
    a blank line or one that is all markup. `first` indexes the first link
    that may lie on the line (no copy of the list per line)."""
    text = prose[line.start : line.end]
    stripped = text.strip()
    start = line.start + len(text) - len(text.lstrip()) if stripped else line.end
    end = start + len(stripped) if stripped else line.start
    for span in itertools.islice(links, first, None):
        if span.start >= line.end:
            break
        start, end = min(start, span.start), max(end, span.end)
    return (start, end) if start < end else None


def _line_verdict(current: LineText, packs: list[PhrasePack]) -> Verdict | None:
    """The verdict on one line from its structure and the phrase packs. A
    line longer than MAX_LINE is article text, whatever emoji, hashtags or
    addresses it holds: a page whose text came on one line is that line,
    and the fix that deletes furniture would delete it whole."""
    text, line, words = current.text, current.line, current.words
    start, end = current.start, current.end
    if len(text) > MAX_LINE:
        return None
    if line.hashtags >= 2:
        tokens = text.split()
        if line.hashtags * 2 >= len(tokens) or all(t.startswith("#") for t in tokens[-3:]):
            return Verdict("hashtag-line", start, end, f"a line of {line.hashtags} hashtags")
    folded = current.folded
    label = folded[DECORATION.match(folded).end() :]
    for pack in packs:
        verdict = _phrase_verdict(pack, current, label)
        if verdict is not None:
            return verdict
    if line.leading_emoji:
        return Verdict("promo-line", start, end, "a line led by emoji: a promotional block")
    if line.emoji >= 2:
        return Verdict("promo-line", start, end, f"a line with {line.emoji} emoji: a promotional block")
    if line.contacts and (words <= 3 or (words <= CONTACT_WORDS and not current.terminal and not PAUSE.search(text))):
        return Verdict("promo-line", start, end, "a short line that is only a link or an address")
    return None


def _phrase_verdict(pack: PhrasePack, current: LineText, label: str) -> Verdict | None:
    """The verdict the phrases of one language give on a line, if any."""
    text, words, start, end = current.text, current.words, current.start, current.end
    promotional = current.line.leading_emoji or current.line.emoji >= 2
    match = pack.head.match(label) if pack.head is not None else None
    if match is None and (words <= SHORT or not current.terminal or promotional):
        match = pack.search(label)  # a long sentence cannot be a label, an opener or a short line
    if match is not None:
        placement, topic = pack.topic(match)
        offset = len(text) - len(label)  # folding keeps lengths, so the label's offsets are the line's
        reason = f"{topic.what} ({text[offset + match.start() : offset + match.end()].strip()!r})"
        one_phrase = not STATEMENT_END.search(text) and not SENTENCE_BREAK.search(text)
        opener = words <= OPENER_WORDS or (one_phrase and words <= OPENER_LONG)
        short_phrase = words <= SHORT and not SENTENCE_BREAK.search(text)
        if (
            placement in ("line", "head")
            or (placement == "start" and opener)
            or (placement == "any" and (short_phrase or not current.terminal or promotional))
        ):
            credit = topic.rule == "media-credit"
            return Verdict(topic.rule, start, end, reason, credit, placement == "line" and topic.heads_list)
    if ("|" in label or "•" in label or "·" in label) and pack.lines is not None:  # MENU_MARKS
        items = [item for item in MENU_SEPARATOR.split(label) if item]
        if len(items) >= 2 and all(_is_label(pack, item) for item in items):
            return Verdict("widget-label", start, end, "a row of page buttons")
    byline = _byline(pack, text, label, words)
    if byline is not None:
        return Verdict("byline-line", start, end, byline)
    if words <= CAPTION_WORDS * 2 and pack.credit_closes(label):
        return Verdict("media-credit", start, end, "a photo caption that ends with its credit")
    return None


def _last_stop(stops: bool, label: str) -> int:
    """Where a credit at the end of `label` may begin: at its last period,
    exclamation or question mark, since what follows the credit has none and
    the separator before it may be one; at the start when a credit may hold
    one itself (`stops`)."""
    if stops:
        return 0
    return max(label.rfind("."), label.rfind("!"), label.rfind("?"), 0)


def _is_label(pack: PhrasePack, item: str) -> bool:
    """Whether `item` (folded) is one of the pack's whole-line labels."""
    return pack.lines.match(item) is not None


def _byline(pack: PhrasePack, text: str, label: str, words: int) -> str | None:
    """What kind of byline the line is, if it is one: an author after a lead
    word, a desk, a list of agencies (aar/dpa/Reuters), or a dateline (a date,
    a time, and at most a place and an agency)."""
    if words > SHORT:
        return None
    body = text[DECORATION.match(text).end() :]
    if pack.byline is not None and pack.byline.match(body):
        return "a byline"
    if pack.desk is not None and words <= OPENER_WORDS and pack.desk.match(body):
        return "a newsroom desk's byline"
    if pack.agencies and "/" in label:
        parts = [part.strip() for part in label.split("/")]
        if (
            len(parts) <= OPENER_WORDS
            and all(WORD.fullmatch(part) for part in parts)
            and any(part in pack.agencies for part in parts)
        ):
            return "an agency sign-off"
    if pack.date_words and DIGIT.search(label):
        places, month = 0, False
        for word in WORD.findall(DIGIT.sub(" ", body)):
            folded = fold(word)
            if folded in pack.date_words or folded in pack.agencies:
                month = month or folded in pack.months
            elif word[0].isupper():
                places += 1
            else:
                return None
        if places <= PLACE_WORDS and (month or DATE_SHAPE.search(label)):
            return "a date line"
    return None


def _captions(page: _Page, found: dict[int, Verdict]) -> None:
    """The caption of a photo is the line just before its credit: one
    sentence of at most CAPTION_WORDS words (at most SHORT when a blank line
    separates them)."""
    for index in sorted(found):
        if not found[index].credit:
            continue
        previous = page.before(index)
        if previous is None:
            continue
        limit = CAPTION_WORDS if previous.index == index - 1 else SHORT
        if previous.index < index - 2 or previous.index in found or previous.words > limit:
            continue
        if SENTENCE_BREAK.search(previous.text):
            continue
        found[previous.index] = Verdict(
            "media-credit", previous.start, previous.end, "the caption of the photo credited below"
        )


def _lists(page: _Page, found: dict[int, Verdict]) -> None:
    """The items under a list's label ("Lire aussi", "Sur le même sujet",
    "Tags"): the lines right below it that read as headlines or tags."""
    for index in sorted(found):
        verdict = found[index]
        if not verdict.heads_list:
            continue
        for item in itertools.islice(page.after(index), LIST_ITEMS):
            if item.index in found:
                break
            if item.words > LIST_WORDS or STATEMENT_END.search(item.text) or SENTENCE_BREAK.search(item.text):
                break
            found[item.index] = Verdict(
                verdict.rule, item.start, item.end, f"an item of the list under {verdict.reason}"
            )


def _tail(page: _Page, found: dict[int, Verdict]) -> None:
    """After the article's last paragraph and the first furniture below it,
    short lines without final punctuation are tags and buttons. A list that
    ends the article comes before the furniture, and a document of headings
    alone has no paragraph, so neither is touched."""
    last = next(
        (t.index for t in page.last() if t.words >= PARAGRAPH_WORDS and t.terminal and t.index not in found),
        None,
    )
    if last is None:
        return
    furniture = min((index for index in found if index > last), default=None)
    if furniture is None:
        return
    for item in page.after(furniture):
        if item.index not in found and item.words <= TAIL_WORDS and not item.terminal:
            found[item.index] = Verdict("widget-label", item.start, item.end, "a tag or button after the article's end")


def _residue(doc: Document, page: _Page, packs: list[PhrasePack]) -> Iterator[tuple[int, int, str]]:
    """Link words left without their link: not followed by the address. Each
    pack's pattern runs over the folded prose (folding keeps offsets, and
    the patterns read a line feed as they read a carriage return), not line
    by line, but only over the stretches `_windows` gives."""
    found: set[tuple[int, int]] = set()
    length = len(page.folded)
    for pack in packs:
        if not pack.residue_phrases:
            continue
        for start, end in _windows(page, pack):
            found.update(match.span() for match in pack.residue.finditer(page.folded, start, min(end + 1, length)))
    text = doc.text
    for start, end in sorted(found):
        line = page.line_at(start)
        if line.contacts and ADDRESS_AFTER.match(text, end, min(end + 16, line.end)):
            continue
        yield start, end, text[start:end]


def _windows(page: _Page, pack: PhrasePack) -> Iterator[tuple[int, int]]:
    """The stretches of the page that hold every residue match of `pack`: a
    match holds one of its keys and no barrier character, so it lies in the
    stretch without barrier around a key; the whole page when a phrase has
    no key. The barrier that closes a stretch is read with it, for the
    pattern's lookahead."""
    if pack.residue_keys is None:
        yield 0, len(page.folded)
        return
    end = 0
    for seed in sorted(found for key in pack.residue_keys for found in page.occurrences(key)):
        if seed >= end:
            start, end = page.run(seed, pack.residue_barrier, end)
            yield start, end


# --- The rules ----------------------------------------------------------------


def _delete_line(doc: Document, start: int, end: int) -> Fix:
    """Delete the line holding [start, end), its line break included; when
    the line also holds markup (`<div><p>Écoutez…</p>`), only the text, so
    that no tag loses its partner."""
    line, _ = doc.lines.position(start)
    line_start, line_end = doc.lines.line_bounds(line, doc.text)
    if doc.text[line_start:line_end].strip() != doc.text[start:end]:
        return Fix((Edit(start, end, ""),), Applicability.UNSAFE, "Delete this text")
    if line < doc.lines.line_count:
        line_end = doc.lines.line_start(line + 1)
    return Fix((Edit(line_start, line_end, ""),), Applicability.UNSAFE, "Delete this line")


class _LineRule:
    """Mixed into the line rules: report the verdicts named after the rule.

    Raw, because a line is reported whole even when a link in it is masked;
    lines inside code are blank in the prose view, so they never get here."""

    raw = True
    fix = Applicability.UNSAFE
    name: str
    #: how the message opens
    lead = ""

    def check(self: Any, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for verdict in analyse(doc).verdicts:
            if verdict.rule == self.name:
                yield self.report(
                    doc,
                    verdict.start,
                    verdict.end,
                    f"{self.lead}: {verdict.reason}",
                    fix=_delete_line(doc, verdict.start, verdict.end),
                )


class WidgetLabel(_LineRule, PythonRule):
    """A page widget's label scraped into the article: the audio player
    (`Écoutez cet article`, `Audio généré avec Google AI`), summary and
    key-point tabs, "read also" and "related" blocks, share, print and
    comment buttons, cookie banners, advertising labels, reading time.

    The labels come from the phrase packs of the languages in play, written
    from real outlets' pages; a row of such buttons (`Partager | Imprimer`)
    counts too. A label must make up the whole line, or open a line that goes
    on (`Lire aussi : …`) and has no final punctuation or few words. Under a
    list's label (`Lire aussi`, `Archivé dans`) the headlines and tags below
    count as well, and so do short unpunctuated lines after the article's last
    paragraph once furniture has begun there. The fix deletes the line; it is
    unsafe: check the line is not a heading that happens to match.
    """

    code = "B001"
    name = "widget-label"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    lead = "Page widget left in the text"
    summary = "A page widget's label (audio player, summary tab, share buttons, ...) on its own line"
    examples = (
        bad(
            "⟦Écoutez cet article⟧\n⟦Audio généré avec Google AI⟧\nLe Kremlin a déclaré.",
            "Le Kremlin a déclaré.",
        ),
        bad("Le Kremlin a déclaré.\n⟦Lire aussi : La Corée du Nord lance un missile⟧\n"),
        bad("⟦Escuchar este artículo⟧\nEl Kremlin declaró.", "El Kremlin declaró.", lang="es"),
        bad("⟦Share | Copy link | 12 comments⟧\nThe Kremlin said.", "The Kremlin said.", lang="en"),
        good("Voir aussi\nLire la documentation avant d'écouter cet article.\nImprimer"),
        good("La Corée du Nord a lancé l’un de ses missiles les plus puissants"),
        good("Der Artikel ist lesenswert.", lang="de"),
    )


class PromoLine(_LineRule, PythonRule):
    """A promotional line of the source site: newsletter and subscription
    offers, "follow us" calls, contact footers (`écrivez-nous par email`),
    cross-promotion (`Nous vous invitons à les voir à El Espectador`), and
    the lines such blocks are made of on news pages: led by an emoji or
    carrying two, or short and made of a link or an address.

    A phrase counts on a short line, a line without final punctuation or one
    with emoji or an address; a long sentence that mentions a newsletter is
    left alone, and so is any line of more than 1,000 characters (a page
    whose text came on one line). The fix deletes the line; it is unsafe.
    """

    code = "B002"
    name = "promo-line"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    lead = "Promotional line of the source page"
    summary = "A newsletter, subscription, contact or cross-promotion line of the source site"
    examples = (
        bad(
            "Le Kremlin a déclaré.\n⟦📧 📬 Semaine par semaine, recevez notre bulletin.⟧\n",
            "Le Kremlin a déclaré.\n",
        ),
        bad("⟦Si un sujet vous intéresse, écrivez-nous par email [email protected]⟧"),
        bad("⟦Suscríbete a nuestro boletín⟧\nEl Kremlin declaró.", "El Kremlin declaró.", lang="es"),
        bad("⟦Follow us on https://x.com/example⟧", lang="en"),
        good("La lettre d’information du ministère, publiée chaque semaine, a changé de format en mars dernier."),
        good("Le rapport est en ligne sur https://www.example.org/rapport.pdf depuis ce matin, dit le ministère."),
        good("The newsletter business has grown, the survey found.", lang="en"),
    )


class BylineLine(_LineRule, PythonRule):
    """A byline, agency sign-off or date line of the source page: `Par Jean
    Dupont`, `Publié le 31 octobre 2024 à 10h15`, `Mis à jour le …`,
    `(AFP)`, `Con información de EFE`, `Reporting by …`.

    In a translated or republished article these belong to the page, not to
    the text, and they are often the source outlet's. A byline is a lead word
    (par, por, by, von, di) followed by capitalised names on a short line, or
    a desk (`Rédaction Politique`); a date line holds a date or a time, the
    words of dates, and at most a place and an agency (`Madrid, 8 mar
    (EFE)`). The fix deletes the line; it is unsafe, since a publication may
    keep its own.
    """

    code = "B003"
    name = "byline-line"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    lead = "Byline or date line of the source page"
    summary = "A byline, agency sign-off or published/updated line"
    examples = (
        bad("⟦Par Jean Dupont⟧\n⟦Publié le 31 octobre 2024 à 10h15⟧\nLe Kremlin a déclaré.", "Le Kremlin a déclaré."),
        bad("⟦Por Redacción Internacional⟧\nEl Kremlin declaró.", "El Kremlin declaró.", lang="es"),
        bad("⟦Von Anna Müller und Hans Weber⟧\nDer Kreml erklärte.", "Der Kreml erklärte.", lang="de"),
        bad("⟦31 octobre 2024⟧\nLe Kremlin a déclaré."),
        good("Par ailleurs, le Kremlin a déclaré que rien ne changerait."),
        good("Publié le 31 octobre, le rapport de la Cour des comptes a fait grand bruit dans les ministères."),
        good("By Car\nBy train, the trip takes two hours.", lang="en"),
    )


class MediaCredit(_LineRule, PythonRule):
    """A photo or video credit (`Photo : Agence AFP`, `Foto: EFE`,
    `(Photo by … / Getty Images)`), and the caption of the photo: the line
    just before a credit when it is one sentence of at most 30 words, or a
    caption line that ends with its credit.

    A caption is not article text: it described an image the page no longer
    shows. The fix deletes each line; it is unsafe.
    """

    code = "B004"
    name = "media-credit"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    lead = "Photo credit or caption of the source page"
    summary = "A photo or video credit line, or the caption line before it"
    examples = (
        bad(
            "⟦Vladimir Poutine et Kim Jong-un.⟧\n⟦Photo : Agence AFP⟧\nLe Kremlin a déclaré.",
            "Le Kremlin a déclaré.",
        ),
        bad("⟦El presidente Petro en Bogotá. Foto: EFE⟧\nEl Kremlin declaró.", lang="es"),
        bad("⟦Foto: Kay Nietfeld/dpa⟧", lang="de"),
        good("Le photographe a déclaré : « Photo interdite ici. » Puis il est parti."),
        good("Photo and video rights are a long-running debate among publishers.", lang="en"),
    )


class HashtagLine(_LineRule, PythonRule):
    """A line of hashtags: at least two that make up half the line or more,
    or a line ending in three or more. News sites generate them from the title
    slug (`#Russie #affirme #son #accord #dassistance`), and their damage
    shows it: apostrophes and hyphens dropped (`#dassistance`,
    `#nordcoréennes`).

    They are page metadata, not text. The fix deletes the line; it is unsafe.
    """

    code = "B005"
    name = "hashtag-line"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    lead = "Hashtag line of the source page"
    summary = "A line made of hashtags"
    examples = (
        bad(
            "Le Kremlin a déclaré.\n⟦#Russie #affirme #son #accord #dassistance #militaire⟧",
            "Le Kremlin a déclaré.\n",
        ),
        bad("⟦#Rusia #Corea #Ucrania⟧", lang="es"),
        good("Les manifestants scandaient #MeToo dans les rues de Paris, a constaté l’AFP."),
        good("Use the C# and F# languages.", lang="en"),
    )


class LinkResidue(PythonRule):
    """The words of a link whose target was lost: `comme suit lien`,
    `cliquez ici`, `en este enlace`, `click here`. The scraper kept the
    anchor text and dropped the address, so the sentence points readers to
    nothing (and machine translation sometimes mangles the anchor: `comme suit
    lien` is Spanish `en el siguiente enlace`).

    Not reported when an address follows on the same line. There is no fix:
    put the link back, or rewrite the sentence without it.
    """

    code = "B006"
    name = "link-residue"
    category = Category.BOILERPLATE
    severity = Severity.WARNING
    summary = "Link text left without its link (click here, at this link)"
    examples = (
        bad("Vous pouvez le faire ⟦comme suit lien⟧."),
        bad("Pour vous inscrire, ⟦cliquez ici⟧."),
        bad("Puede consultarlo ⟦en este enlace⟧.", lang="es"),
        bad("To register, ⟦click here⟧.", lang="en"),
        good("Le lien entre les deux pays est ancien."),
        good("Pour vous inscrire, cliquez ici : https://example.org/inscription"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for start, end, text in analyse(doc).residue:
            yield self.report(doc, start, end, f"Link text {text!r} without its link: the address was lost")


RULES = (WidgetLabel, PromoLine, BylineLine, MediaCredit, HashtagLine, LinkResidue)
