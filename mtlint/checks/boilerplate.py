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
  real outlets' widgets. Each language's phrases are compiled into one
  alternation (plus small ones for openers that make any line furniture,
  for link residue and for credits that close a caption), matched against a
  folded copy of the line (lower case, no accents, one kind of apostrophe
  and space), and only for the languages in play: the target and the source
  languages, or Spanish and English when no source is given, since their
  widgets are the ones machine translation brings along most;
- blocks give context: the line just before a photo credit is its caption,
  the lines under "Lire aussi" or "Archivé dans" are its links or tags, and
  after the article's last paragraph and the first furniture below it,
  short unpunctuated lines are more of the same.

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

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

from mtlint import toml
from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document, Span
from mtlint.errors import PackError
from mtlint.examples import bad, good
from mtlint.lines import Line, line_at, lines
from mtlint.packs import builtin_packs_dir
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
#: longer lines are article text: phrase lookups stop there, which also keeps
#: the cost linear on a megabyte-long line
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

DIGIT = regex.compile(r"\d")
WORD = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}'’-]*+")
TERMINAL = regex.compile(r"[.!?…:;][\"'»”’)\]]*+$")
#: a headline may end with a question mark and still be one phrase
STATEMENT_END = regex.compile(r"[.!…:;][\"'»”’)\]]*+$")
#: any sentence end inside a line: a quotation with its source is not a link line
PAUSE = regex.compile(r"[.!?…]\s")
SENTENCE_BREAK = regex.compile(r"[.!?…][\"'»”’)]*+\s++(?=[\"'«“(]?\p{Lu})")
#: a clock time or a full numeric date: with a month name, what makes a line a
#: date line (a version number such as 2.24.1 is neither)
DATE_SHAPE = regex.compile(r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b")
#: bullets, emoji, arrows and quotation marks before a label
DECORATION = regex.compile(r"[^\w#@©]*+")
#: the link or address right after link words, which then still work
ADDRESS_AFTER = regex.compile(r"[\s:]*+(?:https?://|www\.|\S+@|\[email)")
#: separators between the items of a scraped menu line
MENU_SEPARATOR = regex.compile(r"\s*+[|•·]\s*+")
#: the name of an author after a lead word: two or more capitalised words,
#: with particles, not opened by an article ("By The Numbers" is a heading)
ARTICLES = r"(?i:the|an?|l[aeo]s?|el|il|gli|un[ae]?|d[eia][rms]?|ein[e]?|os?|as?)"
CAPITALISED = r"\p{Lu}[\p{L}\p{M}'’.-]*+"
PARTICLES = r"(?:d[aeiou]s?|de[lr]|van|von|der|le|la|y|e|bin|al)"
NAME = rf"(?!{ARTICLES}\s){CAPITALISED}(?:\s++(?:{PARTICLES}\s++)?{CAPITALISED})++"
BYLINE_TAIL = r"(?:\s*+(?:[,|/—–-]|\b(?:and|et|y|e|und|&)\b)\s*+[^.!?]{0,80}+)?+"
#: a newsroom desk: "Rédaction Politique", "Redacción Clarín", "Redazione ANSA"
DESK_NAME = r"(?:\s++\p{Lu}\S*+){1,3}$"


class _Fold(dict[int, str]):
    """A `str.translate` table that lower-cases and strips accents one code
    point at a time, so offsets in the folded text are offsets in the line."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = regex.sub(r"\p{M}", "", unicodedata.normalize("NFD", char.lower()))
        folded = {"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"}.get(folded, folded)
        if char.isspace() and char not in "\r\n":
            folded = " "
        result = folded if len(folded) == 1 else char
        self[code] = result
        return result


FOLD = _Fold()


def fold(text: str) -> str:
    """`text` lower-cased, without accents, with one apostrophe and one space."""
    return text.translate(FOLD)


def _tokens(text: str) -> list[str]:
    """The regular expression for one pack phrase, one piece per character
    (syntax: module docstring)."""
    out = []
    folded = fold(text.strip())
    for index, char in enumerate(folded):
        following = folded[index + 1 : index + 2]
        if char == "#":
            out.append(r"\d+(?:[.,:h/-]\d+)*")
        elif char == "*":
            out.append(r"\w*")
        elif char == "-":
            out.append(r"[-\s]?")
        elif char == " ":
            out.append(r"\s*" if following in (":", ";", "!", "?") else r"\s+")
        else:
            out.append(re.escape(char))
    return out


#: a phrase starts and ends on word boundaries, unless it starts or ends
#: with punctuation itself ("/reuters", "ap photo/")
WORD_START = r"(?:(?<!\w)|(?!\w))"
WORD_END = r"(?:(?!\w)|(?<!\w))"


def _alternation(phrases: Iterable[str]) -> str:
    """One pattern for all `phrases`, as a trie: shared beginnings are written
    once, which makes the pattern several times smaller, so it compiles and
    matches faster than a flat list. An optional tail is greedy, so the
    fuller label wins ("écouter cet article" over "écouter")."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [token + _trie_pattern(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    rule: str
    what: str
    #: its whole-line labels head a list of links or tags (Lire aussi, Tags)
    heads_list: bool = False


@dataclass
class PhrasePack:
    """One language's compiled phrases.

    `lines` is the one alternation of whole-line labels, line openers and
    phrases found anywhere, with a named group per placement and topic;
    `head` holds the openers that make any line furniture, apart because they
    are all a long sentence needs trying; `residue` finds link residue and
    `credit_end` a credit closing a caption line. These run on the standard
    `re` engine, which compiles and matches literal alternations several
    times faster than `regex` (folded text needs no Unicode properties);
    `byline` and `desk`, an author's or a desk's name after its lead, need
    `regex` for capital letters."""

    lang: str
    topics: dict[str, Topic] = field(default_factory=dict)
    lines: re.Pattern[str] | None = None
    head: re.Pattern[str] | None = None
    residue: re.Pattern[str] | None = None
    credit_end: re.Pattern[str] | None = None
    byline: regex.Pattern[str] | None = None
    desk: regex.Pattern[str] | None = None
    date_words: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()

    def topic(self, match: re.Match[str]) -> tuple[str, Topic]:
        """The placement (line, head, start, any) and topic of a match of `lines`."""
        placement, index = match.lastgroup.split("_")
        return placement, self.topics[index]


@cache
def phrase_pack(lang: str) -> PhrasePack | None:
    """The compiled phrase pack of `lang`, or None when there is none. Read on
    first use only: a document never loads the packs of languages not in play."""
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
    """A PhrasePack from a parsed pack file; errors name the file and field."""
    if set(data) - {"pack", "topics"} or not isinstance(data.get("topics"), dict):
        raise PackError(f"{shown}: expected a [pack] table and [topics.<name>] tables")
    if "source" not in data.get("pack", {}):
        raise PackError(f"{shown}: [pack]: field 'source' missing: name the pages the phrases come from")
    pack = PhrasePack(lang)
    placements: dict[str, list[str]] = {placement: [] for placement in PLACEMENTS}
    residue, credits = [], []
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
            residue += table.get("any", [])
            continue
        for placement, phrases in placements.items():
            if table.get(placement):
                phrases.append(f"(?P<{placement}_{key}>{_alternation(table[placement])})")
        if topic.rule == "media-credit":
            credits += table.get("start", [])
        if topic.rule == "byline-line":
            _bylines(pack, table)
    if placements["head"]:
        pack.head = re.compile(rf"(?:{'|'.join(placements['head'])}){WORD_END}")
    branches = []
    if placements["line"]:
        branches.append(rf"^(?:{'|'.join(placements['line'])})[\W\d_]*$")
    if placements["start"]:
        branches.append(rf"^(?:{'|'.join(placements['start'])}){WORD_END}(?=.*?\w)")
    if placements["any"]:
        branches.append(rf"{WORD_START}(?:{'|'.join(placements['any'])}){WORD_END}")
    pack.lines = re.compile("|".join(branches)) if branches else None
    if residue:
        pack.residue = re.compile(rf"{WORD_START}(?:{_alternation(residue)}){WORD_END}")
    if credits:
        separator = r"(?:[.!?»”)]\s+|\s[|/—–-]\s*|\()"
        pack.credit_end = re.compile(rf"{separator}(?:{_alternation(credits)})[^.!?]{{1,80}}$")
    return pack


def _bylines(pack: PhrasePack, table: Mapping[str, Any]) -> None:
    """The byline topic's extra fields: lead words before a name, desk words
    before a desk's name, the words of dates, and its one-word sign-offs
    (the agencies)."""
    if table.get("lead"):
        leads = "|".join(regex.escape(word) for word in table["lead"])
        pack.byline = regex.compile(rf"(?i:{leads})\s++(?-i:{NAME}){BYLINE_TAIL}$")
    if table.get("desk"):
        desks = "|".join(regex.escape(word) for word in table["desk"])
        pack.desk = regex.compile(rf"(?i:{desks}){DESK_NAME}")
    pack.months = frozenset(fold(word) for word in table.get("months", []))
    pack.date_words = frozenset(fold(word) for word in table.get("date-words", [])) | pack.months
    pack.agencies = frozenset(fold(word) for word in table.get("line", []) if word.isalpha())


def packs_in_play(doc: Document) -> list[PhrasePack]:
    """The phrase packs of the target language and of the source languages:
    those given, or else those the untranslated analysis found words of. A
    clean article compiles only its own language's pack."""
    from mtlint.untranslated import analyse as untranslated

    sources = doc.source_langs or tuple(s for s in untranslated(doc).sources if s in DEFAULT_SOURCES)
    wanted = dict.fromkeys((doc.lang, *sources))
    return [pack for pack in map(phrase_pack, wanted) if pack is not None]


# --- The analysis -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why one line is boilerplate: the rule that reports it and the reason;
    whether it is a credit on its own line (its caption is the line above)
    or a label that heads a list of links (the lines below are its items)."""

    rule: str
    start: int
    end: int
    reason: str
    credit: bool = False
    heads_list: bool = False


@dataclass(frozen=True, slots=True)
class LineText:
    """One non-blank line: where its text is, the text, its features."""

    index: int
    start: int
    end: int
    text: str
    line: Line
    words: int
    terminal: bool


@dataclass
class Analysis:
    verdicts: list[Verdict] = field(default_factory=list)
    residue: list[tuple[int, int, str]] = field(default_factory=list)


def analyse(doc: Document) -> Analysis:
    """The boilerplate lines and link residue of `doc`, computed once."""
    return doc.memo("boilerplate", _analyse)


def _analyse(doc: Document) -> Analysis:
    analysis = Analysis()
    packs = packs_in_play(doc)
    prose = doc.prose
    links = [span for span in doc.masked if span.kind in LINK_KINDS]
    link_starts = [span.start for span in links]
    texts: list[LineText] = []
    found: dict[int, Verdict] = {}
    for index, line in enumerate(lines(doc)):
        bounds = _content_bounds(prose, line, links, bisect_left(link_starts, line.start))
        if bounds is None:
            continue
        start, end = bounds
        text = prose[start:end].strip()
        words = len(WORD.findall(text))
        current = LineText(index, start, end, text, line, words, TERMINAL.search(text) is not None)
        texts.append(current)
        verdict = _line_verdict(current, packs)
        if verdict is not None:
            found[index] = verdict
    analysis.residue = list(_residue(doc, packs))
    _captions(texts, found)
    _lists(texts, found)
    _tail(texts, found)
    analysis.verdicts = [found[index] for index in sorted(found)]
    return analysis


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
    """The verdict on one line from its structure and the phrase packs."""
    text, line, words = current.text, current.line, current.words
    start, end = current.start, current.end
    tokens = text.split()
    if line.hashtags >= 2 and (line.hashtags * 2 >= len(tokens) or all(t.startswith("#") for t in tokens[-3:])):
        return Verdict("hashtag-line", start, end, f"a line of {line.hashtags} hashtags")
    if len(text) <= MAX_LINE:
        folded = fold(text)
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
    if match is None and pack.lines is not None and (words <= SHORT or not current.terminal or promotional):
        match = pack.lines.search(label)  # a long sentence cannot be a label, an opener or a short line
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
    if pack.lines is not None and MENU_SEPARATOR.search(label):
        items = [item for item in MENU_SEPARATOR.split(label) if item]
        if len(items) >= 2 and all(_is_label(pack, item) for item in items):
            return Verdict("widget-label", start, end, "a row of page buttons")
    byline = _byline(pack, text, label, words)
    if byline is not None:
        return Verdict("byline-line", start, end, byline)
    if pack.credit_end is not None and words <= CAPTION_WORDS * 2 and pack.credit_end.search(label):
        return Verdict("media-credit", start, end, "a photo caption that ends with its credit")
    return None


def _is_label(pack: PhrasePack, item: str) -> bool:
    """Whether `item` (folded) is one of the pack's whole-line labels."""
    match = pack.lines.search(item)
    return match is not None and match.lastgroup.startswith("line_")


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


def _captions(texts: list[LineText], found: dict[int, Verdict]) -> None:
    """The caption of a photo is the line just before its credit: one
    sentence of at most CAPTION_WORDS words (at most SHORT when a blank line
    separates them)."""
    for position, current in enumerate(texts):
        verdict = found.get(current.index)
        if verdict is None or not verdict.credit or position == 0:
            continue
        previous = texts[position - 1]
        limit = CAPTION_WORDS if previous.index == current.index - 1 else SHORT
        if previous.index < current.index - 2 or previous.index in found or previous.words > limit:
            continue
        if SENTENCE_BREAK.search(previous.text):
            continue
        found[previous.index] = Verdict(
            "media-credit", previous.start, previous.end, "the caption of the photo credited below"
        )


def _lists(texts: list[LineText], found: dict[int, Verdict]) -> None:
    """The items under a list's label ("Lire aussi", "Sur le même sujet",
    "Tags"): the lines right below it that read as headlines or tags."""
    for position, current in enumerate(texts):
        verdict = found.get(current.index)
        if verdict is None or not verdict.heads_list:
            continue
        for item in texts[position + 1 : position + 1 + LIST_ITEMS]:
            if item.index in found:
                break
            if item.words > LIST_WORDS or STATEMENT_END.search(item.text) or SENTENCE_BREAK.search(item.text):
                break
            found[item.index] = Verdict(
                verdict.rule, item.start, item.end, f"an item of the list under {verdict.reason}"
            )


def _tail(texts: list[LineText], found: dict[int, Verdict]) -> None:
    """After the article's last paragraph and the first furniture below it,
    short lines without final punctuation are tags and buttons. A list that
    ends the article comes before the furniture, and a document of headings
    alone has no paragraph, so neither is touched."""
    last = max(
        (t.index for t in texts if t.words >= PARAGRAPH_WORDS and t.terminal and t.index not in found),
        default=None,
    )
    if last is None:
        return
    furniture = next((t.index for t in texts if t.index > last and t.index in found), None)
    if furniture is None:
        return
    for item in (t for t in texts if t.index > furniture):
        if item.index not in found and item.words <= TAIL_WORDS and not item.terminal:
            found[item.index] = Verdict("widget-label", item.start, item.end, "a tag or button after the article's end")


def _residue(doc: Document, packs: list[PhrasePack]) -> Iterator[tuple[int, int, str]]:
    """Link words left without their link: not followed by the address. Each
    pack's pattern runs once over the whole folded prose (folding keeps
    offsets), not line by line."""
    searched = [pack.residue for pack in packs if pack.residue is not None]
    if not searched:
        return
    text, folded = doc.text, fold(doc.prose)
    found = sorted({match.span() for residue in searched for match in residue.finditer(folded)})
    for start, end in found:
        line = line_at(doc, start)
        if line.contacts and ADDRESS_AFTER.match(text, end, min(end + 16, line.end)):
            continue
        yield start, end, text[start:end]


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
    left alone. The fix deletes the line; it is unsafe.
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
