"""Source-language material left in the target text: punctuation only Spanish
uses, and the words, phrases and names the shared analysis
(`mtlint.untranslated`) finds."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache, partial

import regex

from mtlint.diagnostic import Category, Diagnostic, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.lang.foreign import language_name
from mtlint.lang.tables import table
from mtlint.lines import line_at, line_start
from mtlint.patterns import false_starts, lazy
from mtlint.quotes import is_quoted
from mtlint.rule import Context, PythonRule
from mtlint.shape import CHARS, ODD_LETTER, ODD_UPPER, marking, prose_shape
from mtlint.spans import Spans
from mtlint.untranslated import analyse

INVERTED = "¿¡"


class InvertedPunctuation(PythonRule):
    """Only Spanish (with Galician and Asturian) opens questions with ¿ and
    exclamations with ¡. In a French, English or German article they show
    that a sentence, or its punctuation, was carried over from a Spanish
    source.

    Inside quotation marks the Spanish is usually deliberate (a slogan such as
    « ¡No pasarán ! », a title), so there it is only a note (`info`). There is
    no fix: dropping the mark or translating the sentence is an editor's call.
    """

    code = "U001"
    name = "inverted-punctuation"
    category = Category.UNTRANSLATED
    severity = Severity.WARNING
    languages = ("fr", "en", "de", "it", "pt", "ca", "nl", "pl", "ro")
    summary = "Spanish ¿ or ¡ in a text in another language"
    examples = (
        bad("Il a demandé ⟦¿⟧pourquoi maintenant ?"),
        bad("He shouted ⟦¡⟧enough!", lang="en"),
        bad("Er fragte ⟦¿⟧warum jetzt?", lang="de"),
        good("Il a demandé pourquoi maintenant."),
        good("Er fragte: Warum jetzt?", lang="de"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        prose = doc.prose
        # `str.find` goes from one mark to the next many times faster than a
        # regex search for either; the marks are rare outside Spanish
        found: list[int] = []
        for mark in INVERTED:
            at = prose.find(mark)
            while at >= 0:
                found.append(at)
                at = prose.find(mark, at + 1)
        for start in sorted(found):
            end = start + 1
            in_quote = is_quoted(doc, start, end)
            yield self.report(
                doc,
                start,
                end,
                f"Spanish {prose[start]} in a text that is not Spanish"
                + (" (inside a quotation: a slogan or a title?)" if in_quote else ": left over from the source"),
                severity=Severity.INFO if in_quote else None,
            )


#: a quotation this short may be a title or a slogan; a longer one is speech
QUOTED_TITLE_WORDS = 8
PARENTHESES = lazy(regex.compile, r"\([^()\r\n]{0,300}+\)")


def _aside(doc: Document, start: int, end: int) -> tuple[Severity | None, str]:
    """Inside a short quotation or parentheses, foreign words are usually
    deliberate (a title, a slogan, the original term glossed): the finding
    drops to a note. Inside quoted speech they are damage like elsewhere."""
    if is_quoted(doc, start, end, max_words=QUOTED_TITLE_WORDS):
        return Severity.INFO, " (inside a short quotation: a title or a slogan?)"
    spans = doc.memo("parentheses", lambda d: Spans(m.span() for m in PARENTHESES.finditer(d.prose)))
    if spans.enclose_strictly(start, end):
        return Severity.INFO, " (in parentheses: the original term, glossed?)"
    return None, ""


class UntranslatedWord(PythonRule):
    """A word of the source language that the target does not have: the
    Spanish conjunction `o` between two addresses in a French text, English
    `the` in a German one.

    The words come from curated lists per language pair, with the target's
    homographs removed (Spanish `no`, `sin` and `su` are French words too),
    and each hit is checked in context: not inside a name (Castilla y León),
    not in a hyphenated compound (al-Assad), not in an adopted phrase (mea
    culpa), not in an identifier (dh_make, arch=all), and with word-specific
    exceptions kept as data. Inside quotation marks or parentheses it is only
    a note. The message names the language it looks like.
    """

    code = "U002"
    name = "untranslated-word"
    category = Category.UNTRANSLATED
    severity = Severity.WARNING
    languages = ("fr", "es", "de", "it", "pt", "en")
    summary = "A source-language word left untranslated"
    examples = (
        bad("écrivez-nous par email à a@example.org ⟦o⟧ b@example.org"),
        bad("Il a promis de venir, ⟦pero⟧ il n’est jamais arrivé."),
        bad("Der Minister sprach über ⟦the⟧ Zukunft des Landes.", lang="de"),
        bad("El ministro habló ⟦with⟧ los periodistas.", lang="es"),
        good("Il a visité Castilla y León, puis le musée de Guillermo del Toro, sans mea culpa."),
        good("Die Zeitung The Guardian berichtete darüber.", lang="de"),
        good("El ministro habló con los periodistas.", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for finding in analyse(doc).words:
            severity, note = _aside(doc, finding.start, finding.end)
            yield self.report(
                doc,
                finding.start,
                finding.end,
                f"{language_name(finding.source)} word {finding.text!r} left untranslated{note}",
                severity=severity,
            )


class UntranslatedPhrase(PythonRule):
    """A run of three or more words that belong to the source language rather
    than the target: `según fuentes oficiales` or `according to the ministry`
    in a French article.

    Each word is scored by how much more frequent it is in the source than in
    the target (wordfreq's frequencies, shipped as compact lexicons); a run
    counts when every word leans to the source and the run leans strongly on
    average. Single words are left to untranslated-word: below three words
    frequencies cannot tell a loanword from a leftover. The whole run is one
    span. Inside quotation marks or parentheses, and when capitalised like a
    title (Common Practice Period), it is only a note.
    """

    code = "U003"
    name = "untranslated-phrase"
    category = Category.UNTRANSLATED
    severity = Severity.WARNING
    languages = ("fr", "es", "de", "it", "pt", "en")
    summary = "A source-language phrase left untranslated"
    examples = (
        bad("Le Kremlin a répondu, ⟦según fuentes oficiales⟧, à la question."),
        bad("Le ministre a parlé ⟦according to the ministry⟧ jeudi."),
        bad("Der Minister sagte, ⟦it is not clear whether⟧ das Gesetz kommt.", lang="de"),
        bad("El ministro dijo que ⟦it is not clear whether⟧ la ley saldrá.", lang="es"),
        good("Le Kremlin a répondu, selon des sources officielles, à la question."),
        good("Der Minister sagte, es sei unklar, ob das Gesetz kommt.", lang="de"),
        good("El ministro dijo que no está claro si la ley saldrá.", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for finding in analyse(doc).phrases:
            severity, note = _aside(doc, finding.start, finding.end)
            if finding.kind == "title" and severity is None:
                severity, note = Severity.INFO, " (capitalised: a title or a name kept in its language?)"
            yield self.report(
                doc,
                finding.start,
                finding.end,
                f"{language_name(finding.source)} phrase left untranslated{note}",
                severity=severity,
            )


class SourceArticleName(PythonRule):
    """A name that starts with an article of the source language: `El
    Espectador`, `Los Andes` in a French text.

    Many are correct (El País, Los Angeles, El Niño), so on its own this is a
    note. It becomes a warning where it is probably the source page talking:
    on a promotional line (led by emoji, or with a contact address or
    hashtags), or next to other untranslated words on the same line. Add the
    names your publication keeps to the `vocabulary` to silence them.
    """

    code = "U004"
    name = "source-article-name"
    category = Category.UNTRANSLATED
    severity = Severity.INFO
    languages = ("fr", "es", "de", "it", "pt", "en")
    summary = "A name opened by a source-language article"
    examples = (
        bad("Le quotidien colombien ⟦El Espectador⟧ a publié l’information."),
        bad("👀 Nous vous invitons à les voir à ⟦El Espectador⟧."),
        bad("Die Zeitung ⟦El Tiempo⟧ berichtete darüber.", lang="de"),
        bad("El diario ⟦The Guardian⟧ informó.", lang="es"),
        good("Le quotidien Le Monde a publié l’information à La Paz."),
        good("Die Zeitung Der Spiegel berichtete darüber.", lang="de"),
        good("El diario El Tiempo informó.", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        analysis = analyse(doc)
        others = sorted(f.start for f in (*analysis.words, *analysis.phrases) if f.kind != "title")
        for finding in analysis.names:
            line = line_at(doc, finding.start)
            promoted = line.promotional
            # other findings start on the line, outside this one
            on_line = _starting(others, line.start, line.end)
            neighbours = on_line > _starting(others, max(line.start, finding.start), min(line.end, finding.end))
            raised = promoted or neighbours
            why = " on a promotional line" if promoted else " next to untranslated words" if neighbours else ""
            yield self.report(
                doc,
                finding.start,
                finding.end,
                f"Name with a {language_name(finding.source)} article{why}: the source's own name for something?",
                severity=Severity.WARNING if raised else None,
            )


FOREIGN_WORD = lazy(regex.compile, r"\p{L}[\p{L}\p{M}]*+")
LATIN_WORD = lazy(regex.compile, r"[\p{Script=Latin}\p{M}]++")
NON_LATIN_LETTER = lazy(regex.compile, r"[\p{L}--\p{Script=Latin}]", regex.V1)
LATIN_LETTER = lazy(regex.compile, r"\p{Script=Latin}")


@cache
def other_letter_bytes() -> bytes:
    """A table that turns the prose's shape into 1 where its byte may stand
    for a letter of another script (a stand-in for a letter cp1252 lacks, or
    one of its own: µ, ˆ) and 0 elsewhere: a test checks that every such
    letter of Unicode is shaped into one of those bytes."""
    letters = (byte for byte, char in enumerate(CHARS) if NON_LATIN_LETTER.fullmatch(char))
    return marking([ODD_LETTER, ODD_UPPER, *letters])


LINE_END = lazy(regex.compile, r"[\r\n]|$")


def _next_match(pattern: regex.Pattern[str], text: str, at: int) -> int:
    """Where `pattern` next matches in `text` from `at`, -1 if nowhere."""
    found = pattern.search(text, at)
    return found.start() if found is not None else -1


def _other_letters(doc: Document) -> Callable[[int], int]:
    """What finds the next letter of another script from a place in the
    prose (-1 if none): it is looked for where the prose's shape holds a
    byte that may stand for one (`other_letter_bytes`), found at the speed
    of `bytes.find`, and only those places are asked what they hold:
    `regex` would try its class at every character. A text full of Latin
    letters cp1252 lacks (Łódź, Dvořák) would cost a Python step each: past
    `false_starts` of them, `regex` searches from there on."""
    prose = doc.prose
    marked = prose_shape(doc).translate(other_letter_bytes())
    budget = false_starts(prose)

    def next_letter(at: int) -> int:
        nonlocal budget
        while budget >= 0:
            at = marked.find(1, at)
            if at < 0 or NON_LATIN_LETTER.match(prose, at) is not None:
                return at
            budget -= 1
            at += 1
        return _next_match(NON_LATIN_LETTER, prose, at)

    return next_letter


class ForeignScript(PythonRule):
    """Words in another writing system than the target's: Cyrillic or Chinese
    left in a French article, or a run of lowercase Latin words in a Russian
    one.

    Machine translation passes through what it cannot read, and a scraper
    keeps the source page's untranslated labels. For a Latin-script target a
    single foreign word of four letters or more counts (Москва), shorter ones
    only in a run (Greek letters in formulas are fine). For a target in
    another script, two lowercase Latin words in a row count: capitalised ones
    are usually names and brands, and code is masked.
    """

    code = "U005"
    name = "foreign-script"
    category = Category.UNTRANSLATED
    severity = Severity.WARNING
    languages = tuple(table("scripts")["script"])
    summary = "Words in another writing system than the target language's"
    examples = (
        bad("Le porte-parole a cité le quotidien ⟦Коммерсант⟧ jeudi."),
        bad("El ministro citó ⟦新华社 报道⟧ el jueves.", lang="es"),
        bad("Министр заявил, что ⟦according to the ministry⟧ закон готов.", lang="ru"),
        good("La constante π vaut environ 3,14 et l’angle α est droit."),
        good("Министр посетил Apple и Google в среду.", lang="ru"),
        good("El ministro citó al diario el jueves.", lang="es"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        own = table("scripts")["script"].get(doc.lang)
        if own is None:
            return
        latin = own == "Latin"
        # A run never crosses a line break: only the lines holding a letter
        # of another script are read word by word, and most texts have none.
        for start, end in self._lines(doc, latin):
            yield from self._runs(doc, start, end, latin)

    @staticmethod
    def _lines(doc: Document, latin: bool) -> Iterator[tuple[int, int]]:
        """The lines holding a letter of another script, from the start of
        each to its end."""
        prose = doc.prose
        next_letter = _other_letters(doc) if latin else partial(_next_match, LATIN_LETTER, prose)
        at = next_letter(0)
        while at >= 0:
            end = LINE_END.search(prose, at).start()
            yield line_start(prose, at), end
            at = next_letter(end)

    def _runs(self, doc: Document, start: int, end: int, latin: bool) -> Iterator[Diagnostic]:
        """The runs of foreign words between `start` and `end`."""
        run: list[regex.Match[str]] = []
        for match in FOREIGN_WORD.finditer(doc.prose, start, end):
            word = match.group()
            is_latin = word.isascii() or LATIN_WORD.fullmatch(word) is not None
            foreign = not is_latin if latin else is_latin and word.islower()
            if foreign and (not run or _adjacent(doc.prose, run[-1], match)):
                run.append(match)
                continue
            yield from self._close(doc, run, latin)
            run = [match] if foreign else []
        yield from self._close(doc, run, latin)

    def _close(self, doc: Document, run: list[regex.Match[str]], latin: bool) -> Iterator[Diagnostic]:
        if not run:
            return
        long_enough = len(run) >= 2 or (latin and len(run[0].group()) >= 4)
        if long_enough:
            start, end = run[0].start(), run[-1].end()
            yield self.report(
                doc, start, end, f"Words in another script than {language_name(doc.lang)}'s: {doc.text[start:end]!r}"
            )


def _adjacent(prose: str, left: regex.Match[str], right: regex.Match[str]) -> bool:
    return prose[left.end() : right.start()].strip(" \u00a0\u202f,-") == ""


RULES = (InvertedPunctuation, UntranslatedWord, UntranslatedPhrase, SourceArticleName, ForeignScript)


def _starting(starts: list[int], low: int, high: int) -> int:
    """How many of the sorted `starts` lie in [low, high)."""
    return max(bisect_left(starts, high) - bisect_left(starts, low), 0)
