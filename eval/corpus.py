"""Build clean, human-written evaluation corpora from Debian documentation packages.

mtlint's false-alarm rate ("findings per 10,000 words on text with no defects") can only be
measured on text that is known to be clean, that anyone can rebuild offline, and whose origin
and licence are on record. Debian's documentation packages are exactly that: human-translated
prose, versioned, installable with apt. This script extracts their prose paragraphs, keeps only
those in the requested language, and writes one paragraph per line plus a manifest.

    python eval/corpus.py [--lang fr es en de it pt] [--out eval/.corpus] [--install]

Outputs (in --out): clean-<lang>.txt, manifest.json, and for French also headings-fr.txt and
fr-untranslated-en.txt (English paragraphs left untranslated in French documentation: real
positives for an "untranslated text" rule). Same installed package versions -> byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

LANGUAGES = ("fr", "es", "en", "de", "it", "pt")
MIN_WORDS = 12  # shorter blocks are mostly captions, labels and list fragments, not prose
BOILERPLATE_FILES = 3  # a paragraph repeated in this many files of one source is page template
DOMINANCE = 2  # a language must have at least this many times the runner-up's stop words


@dataclass(frozen=True)
class Source:
    """One language's files in one Debian package, chosen by regex over `dpkg -L` paths."""

    package: str
    locale: str
    include: str
    exclude: str | None = None
    kind: str = "html"  # "html" or "fortune"


def _handbook(locale: str) -> Source:
    return Source("debian-handbook", locale, rf"/usr/share/doc/debian-handbook/html/{locale}/[^/]+\.html")


def _faq(package: str, lang: str) -> Source:
    return Source(package, lang, rf"/usr/share/doc/debian/FAQ/{lang}/[^/]+\.{lang}\.html")


def _devref(package: str, lang: str) -> Source:
    return Source(package, lang, rf"/usr/share/developers-reference/{lang}/[^/]+\.html")


def _debref(package: str, lang: str) -> Source:
    return Source(package, lang, rf"/usr/share/debian-reference/[^/]+\.{lang}\.html")


def _maint(package: str, lang: str) -> Source:
    return Source(package, lang, rf"/usr/share/doc/{package}/html/[^/]+\.{lang}\.html")


def _edu(package: str, locale: str) -> Source:
    # The bullseye manual shipped beside it is a near-copy: it would only add near-duplicates.
    return Source(package, locale, rf"/usr/share/doc/{package}/debian-edu-bookworm-manual\.html")


def _gimp(package: str, locale: str) -> Source:
    return Source(package, locale, rf"/usr/share/gimp/2\.0/help/{locale}/[^/]+\.html")


def _lilypond(lang: str) -> Source:
    return Source(f"lilypond-doc-html-{lang}", lang, rf"/usr/share/doc/lilypond/html/Documentation/.+\.{lang}\.html")


def _kicad(lang: str) -> Source:
    return Source(f"kicad-doc-{lang}", lang, rf"/usr/share/doc/kicad/help/{lang}/[^/]+\.html")


# Fortune files that are not prose: ASCII art, banners, recipes (ingredient tables), IRC logs,
# quizzes, name puns, offensive collections, and a preliminary copy of another file.
_FORTUNE_SKIP = r".*(\.dat|\.u8|/art|/ascii-art|/asciiart|/banner|/off/.*|\.fortunes-pre)"
_DE_FORTUNE_SKIP = (
    r".*/(beilagen|brot|dessert|hauptgericht|kalt|kuchen|plaetzchen|salat|sauce|suppe|vorspeise"
    r"|channel-debian\.fortunes|linuxtag|quiz|namen)"
)


def _fortunes(package: str, locale: str, files: str, exclude: str = _FORTUNE_SKIP) -> Source:
    return Source(package, locale, rf"/usr/share/games/fortunes/{files}", exclude, "fortune")


SOURCES: dict[str, tuple[Source, ...]] = {
    "fr": (
        _handbook("fr-FR"),
        _faq("debian-faq-fr", "fr"),
        _devref("developers-reference-fr", "fr"),
        _debref("debian-reference-fr", "fr"),
        _maint("maint-guide-fr", "fr"),
        _edu("debian-edu-doc-fr", "fr"),
        _gimp("gimp-help-fr", "fr"),
        _lilypond("fr"),
        _kicad("fr"),
    ),
    "es": (
        _handbook("es-ES"),
        _debref("debian-reference-es", "es"),
        _maint("maint-guide-es", "es"),
        _edu("debian-edu-doc-es", "es"),
        _gimp("gimp-help-es", "es"),
        _lilypond("es"),
        _kicad("es"),
        _fortunes("fortunes-es", "es", "es/.+"),
    ),
    "en": (
        _handbook("en-US"),
        Source("debian-faq", "en", r"/usr/share/doc/debian/FAQ/[^/]+\.en\.html"),
        Source("developers-reference", "en", r"/usr/share/developers-reference/[^/]+\.html"),
        _debref("debian-reference-en", "en"),
        _maint("maint-guide", "en"),
        _edu("debian-edu-doc-en", "en"),
        _gimp("gimp-help-en", "en"),
        _kicad("en"),
        _fortunes("fortunes", "en", "[^/]+"),
    ),
    "de": (
        _handbook("de-DE"),
        _faq("debian-faq-de", "de"),
        _devref("developers-reference-de", "de"),
        _debref("debian-reference-de", "de"),
        _maint("maint-guide-de", "de"),
        _edu("debian-edu-doc-de", "de"),
        _gimp("gimp-help-de", "de"),
        _lilypond("de"),
        _kicad("de"),
        _fortunes("fortunes-de", "de", "de/[^/]+", rf"{_FORTUNE_SKIP}|{_DE_FORTUNE_SKIP}"),
    ),
    "it": (
        _handbook("it-IT"),
        _faq("debian-faq-it", "it"),
        _devref("developers-reference-it", "it"),
        _debref("debian-reference-it", "it"),
        _maint("maint-guide-it", "it"),
        _edu("debian-edu-doc-it", "it"),
        _gimp("gimp-help-it", "it"),
        _lilypond("it"),
        _kicad("it"),
        _fortunes("fortunes-it", "it", "it/[^/]+"),
    ),
    "pt": (
        _handbook("pt-BR"),
        _faq("debian-faq-pt", "pt"),
        _debref("debian-reference-pt", "pt"),
        _debref("debian-reference-pt-br", "pt-br"),
        _edu("debian-edu-doc-pt-pt", "pt-PT"),
        _edu("debian-edu-doc-pt-br", "pt-BR"),
        _gimp("gimp-help-pt", "pt"),
        _gimp("gimp-help-pt-br", "pt_BR"),
        _lilypond("pt"),
        _fortunes("fortunes-br", "pt-BR", "brasil"),
    ),
}

# Copyright files that predate the machine-readable format have no usable "License:" line.
# Keyed by package or package family ("debian-faq" covers debian-faq-fr...).
LICENCE_NOTES = {
    "debian-faq": "SPI permission notice: verbatim and modified copies allowed (see copyright)",
    "fortunes": "BSD (fortune-mod; see copyright)",
    "fortunes-it": "no copyright claimed: collection of quotations (see copyright)",
    "fortunes-br": "GPL-2+",
}

# About thirty frequent function words per language, no word listed twice. A word frequent in
# two languages ("la", "de", "en", "que", "un", "del", "l'") proves nothing and is left out; one
# much more frequent in one of them, or in a language with few other markers, goes to that one
# ("y" and "es" to Spanish, "il" to Italian, "das" to German). Tuned on the candidate paragraphs.
# Elisions keep their apostrophe ("d'", "qu'", "dell'"): short French and Italian sentences carry
# little else. "e'" is how the ASCII-only Italian fortunes write "è".
STOP_WORDS = {
    "fr": """les des du et est une dans pour pas par sur au aux avec ce cette ces qui elle ils nous
        vous ne sont être été peut leur ses comme même d' qu' n' j' s'""",
    "es": """el los las y es su sus más pero está están también muy cuando hay ya sin puede pueden
        tiene tienen fue usted otro esto ese esa así hasta según donde sólo cada ella hace nada aquí ni""",
    "pt": """o os do dos em na nas um é não com ao pelo pela seu sua são também você isso isto
        pode podem foi muito já sem às aos eles ela ele até""",
    "en": """the of and to is that for it with on are be this by from at or not you which have can if
        will but was they their has its these there would been""",
    "de": """der die das und ist nicht ein eine zu den dem mit von auf für sich im auch als wird werden
        sind bei oder wenn dass daß kann wie aus nach noch man ich sie wir nur über""",
    "it": """il gli di della dei delle degli è che per non sono anche più questo questa nel nella alla
        alle ci essere può come ma un' dell' all' nell' sull' dall' e'""",
}
STOP_WORD_LANGUAGE = {word: lang for lang, words in STOP_WORDS.items() for word in words.split()}

# HTML collapses ASCII whitespace only; the line separators are added so that no paragraph can
# split a line for str.splitlines(). Other spaces (U+00A0, U+202F, U+2009...) are typography: kept.
WHITESPACE_RUN = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A run of letters, with the apostrophe of an elision when one follows.
TOKEN = re.compile(r"[^\W\d_]+'?")
HEADING_NUMBER = re.compile(r"^(?:(?:Chapitre|Annexe|Partie)\s+)?(?:\d+|[A-Z](?=\.))(?:\.\d+)*\.?\s+")
FORTUNE_SEPARATOR = re.compile(r"^%$", re.MULTILINE)
FORTUNE_ATTRIBUTION = re.compile(r"^\s*--\s", re.MULTILINE)
IRC_LINE = re.compile(r"^\s*<[^<>\s]+>", re.MULTILINE)
# Backspace overstrike (old fortunes underline with "_^H") and bells are terminal effects, not text.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# Elements and classes holding code, paths, package names or addresses rather than prose.
CODE_TAGS = frozenset({"code", "pre", "tt", "kbd", "samp", "var"})
CODE_CLASSES = frozenset(
    {
        "command",
        "filename",
        "literal",
        "option",
        "varname",
        "replaceable",
        "userinput",
        "computeroutput",
        "systemitem",
        "package",
        "email",
        "uri",
        "ulink",
        "programlisting",
        "screen",
    }
)
# Block elements inside a prose block mean a list or table was glued into it.
BLOCK_TAGS = frozenset(
    {"address", "blockquote", "dd", "div", "dl", "dt", "figure", "form", "li", "ol", "p", "section", "table", "ul"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
# Start tags that end an open <p> in HTML, for generators that leave <p> unclosed.
CLOSES_P = BLOCK_TAGS | {"aside", "footer", "header", "hr", "nav", "pre"}
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
SKIP_TAGS = frozenset({"script", "style", "template"})
# Inline markers whose text is navigation, not prose: footnote calls ("[3]"), permalinks ("¶"),
# the back-references opening a DocBook footnote body, and Sphinx section numbers.
MARKERS = frozenset(
    {
        ("a", "footnote"),
        ("sup", "footnote"),
        ("a", "footnote-reference"),
        ("a", "para"),
        ("sup", "para"),
        ("a", "headerlink"),
        ("span", "section-number"),
    }
)


def normalise(text: str) -> str:
    """Collapse whitespace runs the way a browser renders them, keeping typographic spaces."""
    return WHITESPACE_RUN.sub(" ", text).strip(" ")


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def language_scores(text: str) -> Counter[str]:
    tokens = TOKEN.findall(text.lower().replace("’", "'"))
    return Counter(STOP_WORD_LANGUAGE[t] for t in tokens if t in STOP_WORD_LANGUAGE)


def detect_language(text: str) -> str | None:
    """The language whose stop words clearly dominate, or None when evidence is thin or mixed."""
    ranked = language_scores(text).most_common(2)
    if not ranked:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= DOMINANCE * runner_up else None


@dataclass(frozen=True)
class Block:
    """A prose block ("p") or heading ("h") with the reason it cannot be used, if any."""

    kind: str
    text: str
    flaw: str | None


@dataclass
class _Frame:
    kind: str
    parts: list[str] = field(default_factory=list)
    flaw: str | None = None


@dataclass
class _Open:
    tag: str
    frame: _Frame | None
    skip: bool


class ProseExtractor(HTMLParser):
    """Collect <p>, div.para and <h1>-<h4> text, flagging blocks that hold code or nested blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded with html.unescape
        self.blocks: list[Block] = []
        self._open: list[_Open] = []
        self._skipping = 0

    def _frame(self) -> _Frame | None:
        return next((o.frame for o in reversed(self._open) if o.frame is not None), None)

    def _in_table_cell(self) -> bool:
        return any(o.tag in ("td", "th") for o in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            if tag == "br":
                self.handle_data(" ")
            return
        if self._open and self._open[-1].tag == "p" and tag in CLOSES_P:
            self._pop()
        classes = frozenset((dict(attrs).get("class") or "").split())
        frame = self._frame()
        if frame is not None and frame.flaw is None:
            if tag in CODE_TAGS or classes & CODE_CLASSES:
                frame.flaw = "code"
            elif tag in BLOCK_TAGS:
                frame.flaw = "nested-block"
        skip = tag in SKIP_TAGS or any((tag, c) in MARKERS for c in classes)
        self._skipping += skip
        self._open.append(_Open(tag, self._new_frame(tag, classes), skip))

    def _new_frame(self, tag: str, classes: frozenset[str]) -> _Frame | None:
        """Table cells and DocBook captions (p.title) are labels, not running prose."""
        if self._in_table_cell():
            return None
        if (tag == "p" and "title" not in classes) or (tag == "div" and "para" in classes):
            return _Frame("p")
        return _Frame("h") if tag in HEADING_TAGS else None

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or all(o.tag != tag for o in self._open):
            return
        while self._pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        frame = self._frame()
        if frame is not None and not self._skipping:
            frame.parts.append(data)

    def _pop(self) -> _Open:
        element = self._open.pop()
        self._skipping -= element.skip
        if element.frame is not None:
            self.blocks.append(Block(element.frame.kind, normalise("".join(element.frame.parts)), element.frame.flaw))
        return element

    def close(self) -> None:
        super().close()
        while self._open:
            self._pop()


def html_blocks(path: Path) -> list[Block]:
    parser = ProseExtractor()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks


def fortune_blocks(path: Path) -> list[Block]:
    """Fortune entries are separated by lines holding "%"; each becomes one paragraph.

    The trailing "-- Author" attribution is dropped (it is a signature, not prose), and chat logs
    are flagged: their "<nick>" prefixes look like leftover HTML tags.
    """
    blocks = []
    for entry in FORTUNE_SEPARATOR.split(path.read_text(encoding="utf-8")):
        body = FORTUNE_ATTRIBUTION.split(entry, maxsplit=1)[0]
        blocks.append(Block("p", normalise(body), "chat-log" if IRC_LINE.search(body) else None))
    return blocks


def _dpkg_query(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], capture_output=True, text=True, check=False).stdout


def is_installed(package: str) -> bool:
    return _dpkg_query("-W", "-f=${db:Status-Status}", package) == "installed"


def package_version(package: str) -> str:
    return _dpkg_query("-W", "-f=${Version}", package)


def package_files(source: Source) -> list[Path]:
    """Regular files of the package matching the source; symlinks would count files twice."""
    include = re.compile(source.include)
    exclude = re.compile(source.exclude) if source.exclude else None
    paths = []
    for line in _dpkg_query("-L", source.package).splitlines():
        if include.fullmatch(line) and not (exclude and exclude.fullmatch(line)):
            path = Path(line)
            if path.is_file() and not path.is_symlink():
                paths.append(path)
    return sorted(paths)


def package_licence(package: str) -> str:
    """The first "License:" value of the Debian copyright file, or a note when it has none."""
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    lines = copyright_file.read_text(encoding="utf-8", errors="replace").splitlines()
    value = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("License:")), "")
    family_note = next((note for family, note in LICENCE_NOTES.items() if package.startswith(family + "-")), None)
    return value or LICENCE_NOTES.get(package) or family_note or f"unknown: see {copyright_file}"


@dataclass
class SourceReport:
    """What one source contributed and why the rest was dropped, for the manifest."""

    source: Source
    files: list[Path]
    paragraphs: int = 0
    words: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, object]:
        return {
            "package": self.source.package,
            "version": package_version(self.source.package),
            "locale": self.source.locale,
            "licence": package_licence(self.source.package),
            "copyright_file": f"/usr/share/doc/{self.source.package}/copyright",
            "paragraphs": self.paragraphs,
            "words": self.words,
            "dropped": dict(sorted(self.dropped.items())),
            "files": [str(p) for p in self.files],
        }


@dataclass
class LanguageCorpus:
    """Kept paragraphs, French headings and untranslated English, deduplicated in source order."""

    lang: str
    paragraphs: list[str] = field(default_factory=list)
    heading_candidates: dict[str, None] = field(default_factory=dict)  # dicts: ordered sets
    untranslated: dict[str, None] = field(default_factory=dict)
    reports: list[SourceReport] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add_source(self, source: Source) -> None:
        report = SourceReport(source, package_files(source))
        self.reports.append(report)
        extract = fortune_blocks if source.kind == "fortune" else html_blocks
        per_file = [extract(path) for path in report.files]
        template = _repeated_across_files(per_file)
        for block in (b for blocks in per_file for b in blocks):
            if block.kind == "h":
                self._add_heading(block, template)
            else:
                reason = self._add_paragraph(block, template)
                if reason:
                    report.dropped[reason] += 1
                else:
                    report.paragraphs += 1
                    report.words += count_words(block.text)

    def _add_paragraph(self, block: Block, template: set[str]) -> str | None:
        """Keep the block if it is clean prose in this language; otherwise say why not."""
        if block.flaw:
            return block.flaw
        if CONTROL.search(block.text):
            return "control-char"
        if count_words(block.text) < MIN_WORDS:
            return "short"
        if block.text in template:
            return "boilerplate"
        detected = detect_language(block.text)
        if detected != self.lang:
            if self.lang == "fr" and detected == "en":
                self.untranslated[block.text] = None
            return f"language:{detected or 'unclear'}"
        if block.text in self._seen:
            return "duplicate"
        self._seen.add(block.text)
        self.paragraphs.append(block.text)
        return None

    def _add_heading(self, block: Block, template: set[str]) -> None:
        """Collect code-free, non-template headings without their section numbers."""
        text = HEADING_NUMBER.sub("", block.text)
        if text and not block.flaw and block.text not in template:
            self.heading_candidates[text] = None

    def headings(self) -> list[str]:
        """Headings in this language: no other language's stop words dominate, and every word
        occurs in the kept paragraphs. Most headings have no stop word at all ("Font", "Symbol
        Fields Table"), so the paragraphs' vocabulary is what tells untranslated ones apart.
        """
        vocabulary = {w.casefold() for p in self.paragraphs for w in WORD.findall(p)}
        kept = []
        for text in self.heading_candidates:
            scores = language_scores(text)
            words = [w.casefold() for w in WORD.findall(text)]
            in_language = all(n <= scores[self.lang] for n in scores.values())
            if in_language and any(len(w) > 1 for w in words) and vocabulary.issuperset(words):
                kept.append(text)
        return kept


def _repeated_across_files(per_file: list[list[Block]]) -> set[str]:
    files_per_text = Counter(text for blocks in per_file for text in {b.text for b in blocks})
    return {text for text, n in files_per_text.items() if n >= BOILERPLATE_FILES}


def build(lang: str) -> LanguageCorpus:
    corpus = LanguageCorpus(lang)
    for source in SOURCES[lang]:
        if is_installed(source.package):
            corpus.add_source(source)
        else:
            corpus.missing.append(source.package)
    return corpus


def install_missing(langs: list[str]) -> None:
    """apt-get install the packages that are not installed yet."""
    missing = sorted({s.package for lang in langs for s in SOURCES[lang] if not is_installed(s.package)})
    if not missing:
        return
    # gimp-help-* depends on "gimp-helpbrowser | www-browser"; with no browser installed apt picks
    # a provider at random (xemacs21 on Debian 12). lynx is the small, deliberate choice.
    if any(p.startswith("gimp-help-") for p in missing):
        missing.append("lynx")
    subprocess.run(["apt-get", "update"], check=True)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *missing], check=True)


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def write_outputs(corpora: list[LanguageCorpus], out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    languages: dict[str, object] = {}
    for corpus in corpora:
        write_lines(out / f"clean-{corpus.lang}.txt", corpus.paragraphs)
        entry: dict[str, object] = {
            "output": f"clean-{corpus.lang}.txt",
            "paragraphs": len(corpus.paragraphs),
            "words": sum(count_words(p) for p in corpus.paragraphs),
            "missing_packages": corpus.missing,
            "sources": [r.as_json() for r in corpus.reports],
        }
        if corpus.lang == "fr":
            headings = corpus.headings()
            write_lines(out / "headings-fr.txt", headings)
            write_lines(out / "fr-untranslated-en.txt", list(corpus.untranslated))
            entry["headings"] = {"output": "headings-fr.txt", "lines": len(headings)}
            entry["untranslated_en"] = {"output": "fr-untranslated-en.txt", "paragraphs": len(corpus.untranslated)}
        languages[corpus.lang] = entry
    manifest = {
        "generator": "eval/corpus.py",
        "min_words": MIN_WORDS,
        "boilerplate_files": BOILERPLATE_FILES,
        "languages": languages,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def summarise(corpora: list[LanguageCorpus]) -> None:
    for corpus in corpora:
        total = sum(r.words for r in corpus.reports)
        print(f"{corpus.lang}: {len(corpus.paragraphs)} paragraphs, {total} words")
        for report in corpus.reports:
            print(
                f"  {report.source.package:28} {report.source.locale:6} {report.paragraphs:6} para {report.words:8} w"
            )
        if corpus.missing:
            print(f"  missing (not installed): {' '.join(corpus.missing)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / ".corpus")
    parser.add_argument("--install", action="store_true", help="apt-get install missing packages first")
    args = parser.parse_args(argv)
    if args.install:
        install_missing(args.lang)
    corpora = [build(lang) for lang in args.lang]
    write_outputs(corpora, args.out)
    summarise(corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
