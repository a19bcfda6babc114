"""Quotation marks: unclosed, unmatched, crossed, mismatched, and of the wrong
style for the language. All six rules read one shared analysis
(`mtlint.quotes`), computed once per document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mtlint.diagnostic import Applicability, Category, Diagnostic, Edit, Fix, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.quotes import CLOSERS, Pair, analyse, inner_space, levels
from mtlint.rule import Context, PythonRule

GUILLEMETS = frozenset("«»‹›")


def _where(doc: Document, offset: int) -> str:
    line, column = doc.lines.position(offset)
    return f"line {line}, column {column}"


class UnclosedQuote(PythonRule):
    """A quotation mark opens and nothing closes it before the paragraph ends.

    Machine translation often drops the closing mark, or splits a quotation
    around a paraphrase; the reader can no longer tell where the quoted words
    stop. A quotation that runs over several paragraphs is not reported when
    the next paragraph starts with the same opening mark (French and English
    convention) or with » (guillemets de suite).

    The fix, unsafe because where the quotation ends is a guess, closes it at
    the end of the paragraph; it is offered only when one mark is open there.
    """

    code = "Q001"
    name = "unclosed-quote"
    category = Category.QUOTES
    severity = Severity.ERROR
    fix = Applicability.UNSAFE
    summary = "A quotation mark is opened and never closed in its paragraph"
    examples = (
        bad(
            "⟦«⟧ Nous restons attachés à l’accord, a déclaré Peskov.",
            "« Nous restons attachés à l’accord, a déclaré Peskov.\u00a0»",
        ),
        bad("⟦«⟧El acuerdo sigue vigente, dijo Peskov.", "«El acuerdo sigue vigente, dijo Peskov.»", lang="es"),
        bad("⟦“⟧We remain committed, said Peskov.", "“We remain committed, said Peskov.”", lang="en"),
        good("« Nous restons attachés », a déclaré Peskov. L’accord d’aujourd’hui, rock ’n’ roll."),
        good("« Premier paragraphe de la citation.\n« Second paragraphe, qui la termine. »"),
        good("« Premier paragraphe de la citation.\n» Suite de la citation, qui se termine ici. »"),
        good("“First paragraph of the quote.\n“Second paragraph, which ends it.”", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        unclosed = [problem for problem in analyse(doc).problems if problem.kind == "unclosed"]
        if not unclosed:
            return
        per_paragraph = Counter(problem.paragraph_end for problem in unclosed)
        for problem in unclosed:
            mark = problem.mark
            end = problem.paragraph_end
            while end > mark.start + 1 and doc.text[end - 1].isspace():
                end -= 1
            closer = CLOSERS[mark.char][0]
            space = inner_space(doc.lang) if mark.char in GUILLEMETS else ""
            fix = None
            if per_paragraph[problem.paragraph_end] == 1:
                # With several marks open, where each ends is no longer a guess but noise.
                fix = Fix((Edit(end, end, space + closer),), Applicability.UNSAFE, f"Close it with {closer} at the end")
            yield self.report(
                doc,
                mark.start,
                mark.start + 1,
                f"{mark.char} opened here is never closed; the paragraph ends at {_where(doc, end)}",
                fix=fix,
            )


class UnmatchedClosingQuote(PythonRule):
    """A closing quotation mark with no opening mark before it in the paragraph.

    Usually the opening mark was lost in translation or extraction, or a
    paragraph was split in the middle of a quotation. Straight double quotes
    and single quotes are not reported: they double as inch marks,
    apostrophes and elisions.
    """

    code = "Q002"
    name = "unmatched-closing-quote"
    category = Category.QUOTES
    severity = Severity.WARNING
    summary = "A closing quotation mark has no opening mark"
    examples = (
        bad("Il a dit non⟦»⟧ et il est parti."),
        bad("Dijo que no⟦»⟧ y se fue.", lang="es"),
        good("Il a dit « non » et il est parti."),
        good('Les années ’80, l’an 2000 et un écran de 24" suffisent.'),
        good("He said “no” and left.", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for problem in analyse(doc).problems:
            if problem.kind == "unmatched":
                mark = problem.mark
                yield self.report(doc, mark.start, mark.start + 1, f"{mark.char} closes a quotation that never opened")


class CrossedQuotes(PythonRule):
    """A quotation closes while one opened inside it is still open: the marks
    cross instead of nesting («a “b» c”).

    This is what machine translation makes of a quotation inside a quotation
    when it moves one mark but not the other. Reorder or remove marks so that
    the inner quotation closes first.
    """

    code = "Q003"
    name = "crossed-quotes"
    category = Category.QUOTES
    severity = Severity.WARNING
    summary = "Quotations cross instead of nesting"
    examples = (
        bad("« Il a dit “non⟦»⟧ et il est parti”."),
        bad("„Er sagte »nein⟦“⟧ und ging«.", lang="de"),
        good("« Il a dit “non” et il est parti »."),
        good("„Er sagte »nein« und ging“.", lang="de"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for problem in analyse(doc).problems:
            if problem.kind == "nesting" and problem.other is not None:
                mark, inner = problem.mark, problem.other
                yield self.report(
                    doc,
                    mark.start,
                    mark.start + 1,
                    f"{mark.char} closes an outer quotation while {inner.char} opened at {_where(doc, inner.start)} "
                    "is still open",
                )


class MismatchedQuotePair(PythonRule):
    """A quotation opens with one style of mark and closes with another
    («…” or “…»): two styles mixed at one level.

    It happens when a translation engine rewrites one of the two marks. The
    fix, unsafe, replaces the closing mark with the one that matches the
    opening mark.
    """

    code = "Q004"
    name = "mismatched-quote-pair"
    category = Category.QUOTES
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    summary = "A quotation closes with a mark of another style than the one that opened it"
    examples = (
        bad("« Nous restons attachés⟦”⟧, a déclaré Peskov.", "« Nous restons attachés», a déclaré Peskov."),
        bad("«El acuerdo sigue vigente⟦”⟧, dijo.", "«El acuerdo sigue vigente», dijo.", lang="es"),
        good("« Nous restons attachés », a déclaré Peskov."),
        good("„Wir bleiben dabei“, sagte Peskow.", lang="de"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for problem in analyse(doc).problems:
            if problem.kind == "mismatched" and problem.other is not None:
                mark, opener = problem.mark, problem.other
                expected = CLOSERS[opener.char][0]
                fix = Fix((Edit(mark.start, mark.start + 1, expected),), Applicability.UNSAFE, f"Use {expected}")
                yield self.report(
                    doc,
                    mark.start,
                    mark.start + 1,
                    f"{mark.char} closes the quotation opened with {opener.char} at {_where(doc, opener.start)}",
                    fix=fix,
                    suggestions=(expected,),
                )


class WrongQuoteStyle(PythonRule):
    """The quotation marks are not those the language uses at this level, such
    as English “…” at the first level of a French text, where « … » is
    expected (and “…” inside it).

    Machine translation carries the source's marks over, or the target
    language's marks for a different level. The fix, unsafe because house
    styles differ, converts the pair to the language's first choice, with the
    space French puts inside guillemets. Straight quotes ("…") are a keyboard
    habit rather than a sign of translation, so they are only a note (`info`).
    """

    code = "Q005"
    name = "wrong-quote-style"
    category = Category.QUOTES
    severity = Severity.WARNING
    fix = Applicability.UNSAFE
    summary = "Quotation marks of another language's style"
    languages = ("fr", "es", "en", "de", "it", "pt")
    examples = (
        bad(
            "la ⟦“⟧détermination de Pyongyang à contre-attaquer”.",
            "la «\u00a0détermination de Pyongyang à contre-attaquer\u00a0».",
        ),
        bad("Er sagte ⟦“⟧nein”.", "Er sagte „nein“.", lang="de"),
        bad("He called it a ⟦«⟧victory».", "He called it a “victory”.", lang="en"),
        good("« Il a parlé de “détermination” », a rapporté l’armée."),
        good("Er sagte „nein“ und »nein«.", lang="de"),
        good("He said “it was ‘a victory’” and left.", lang="en"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        expected = levels(doc.lang)
        for pair in analyse(doc).pairs:
            level = pair.opener.level
            if level > len(expected) or pair.style in expected[level - 1]:
                continue
            wanted = expected[level - 1][0]
            straight = pair.style[0] in "\"'"
            yield self.report(
                doc,
                pair.opener.start,
                pair.opener.start + 1,
                f"{pair.style[0]}…{pair.style[1]} at level {level}; this language uses {wanted[0]}…{wanted[1]} here",
                fix=self._convert(doc, pair, wanted),
                severity=Severity.INFO if straight else None,
            )

    def _convert(self, doc: Document, pair: Pair, wanted: str) -> Fix:
        opener, closer = pair.opener.start, pair.closer.start
        space = inner_space(doc.lang) if wanted[0] in GUILLEMETS else ""
        after = opener + 1
        while space and after < closer and doc.text[after] in " \u00a0\u202f":
            after += 1
        before = closer
        while space and before > after and doc.text[before - 1] in " \u00a0\u202f":
            before -= 1
        edits = (Edit(opener, after, wanted[0] + space), Edit(before, closer + 1, space + wanted[1]))
        return Fix(edits, Applicability.UNSAFE, f"Use {wanted[0]}…{wanted[1]}")


class MixedQuoteStyles(PythonRule):
    """Two accepted styles are used at the same level in one document, such
    as «…» and “…” both as first-level marks in Portuguese.

    Each is correct on its own; together they look careless, and usually mean
    that parts of the text came from different sources or engines. The less
    frequent style is reported.
    """

    code = "Q006"
    name = "mixed-quote-styles"
    category = Category.QUOTES
    severity = Severity.INFO
    summary = "Two quotation styles at the same level in one document"
    languages = ("fr", "es", "en", "de", "it", "pt")
    examples = (
        bad("Ele disse «sim» e depois ⟦“⟧não”.", lang="pt"),
        bad("« Il a dit “oui” puis ⟦‹⟧ non › », raconte-t-elle."),
        good("Ele disse «sim» e depois «não».", lang="pt"),
        good("« Il a dit “oui” puis “non” », raconte-t-elle."),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        expected = levels(doc.lang)
        by_level: dict[int, list[Pair]] = {}
        for pair in analyse(doc).pairs:
            level = pair.opener.level
            if level <= len(expected) and pair.style in expected[level - 1]:
                by_level.setdefault(level, []).append(pair)
        for level, pairs in sorted(by_level.items()):
            counts = Counter(pair.style for pair in pairs)
            if len(counts) < 2:
                continue
            main = max(counts, key=lambda style: (counts[style], -_first(pairs, style)))
            for pair in pairs:
                if pair.style != main:
                    yield self.report(
                        doc,
                        pair.opener.start,
                        pair.opener.start + 1,
                        f"{pair.style[0]}…{pair.style[1]} at level {level}, where the rest of the text uses "
                        f"{main[0]}…{main[1]}",
                        suggestions=(f"{main[0]}…{main[1]}",),
                    )


def _first(pairs: list[Pair], style: str) -> int:
    return next(pair.opener.start for pair in pairs if pair.style == style)


RULES = (UnclosedQuote, UnmatchedClosingQuote, CrossedQuotes, MismatchedQuotePair, WrongQuoteStyle, MixedQuoteStyles)
