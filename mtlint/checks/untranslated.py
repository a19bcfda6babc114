"""Source-language material left in the target text. This module starts with
the punctuation only Spanish uses; words, phrases and names follow with the
family's own issue."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtlint.diagnostic import Category, Diagnostic, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.quotes import is_quoted
from mtlint.rule import Context, PythonRule

INVERTED = regex.compile("[¿¡]")


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
        if "¿" not in doc.prose and "¡" not in doc.prose:
            return
        for match in INVERTED.finditer(doc.prose):
            start, end = match.span()
            in_quote = is_quoted(doc, start, end)
            yield self.report(
                doc,
                start,
                end,
                f"Spanish {match.group()} in a text that is not Spanish"
                + (" (inside a quotation: a slogan or a title?)" if in_quote else ": left over from the source"),
                severity=Severity.INFO if in_quote else None,
            )


RULES = (InvertedPunctuation,)
