"""Encoding damage: characters that say the text was decoded wrongly somewhere
upstream. More of this family (mojibake, control characters, entities) comes
with its own issue; this module starts with the replacement character."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtlint.diagnostic import Category, Diagnostic, Severity
from mtlint.document import Document
from mtlint.examples import bad, good
from mtlint.rule import Context, PythonRule

REPLACEMENT_RUN = regex.compile("\ufffd+")


class ReplacementCharacter(PythonRule):
    """A decoder met bytes it could not read and put U+FFFD (�) in their place.

    The original characters are gone: no tool can restore them from this text,
    so there is no fix. Go back to the source (the original page, the export
    before conversion) and take the text again with the right encoding.
    A run of several U+FFFD is reported once.
    """

    code = "E001"
    name = "replacement-character"
    category = Category.ENCODING
    severity = Severity.ERROR
    summary = "U+FFFD REPLACEMENT CHARACTER: characters lost in decoding"
    examples = (
        bad("Le pr⟦\ufffd⟧sident a déclaré"),
        bad("Dmitri Peskov a r⟦\ufffd\ufffd⟧pondu"),
        bad("El presidente de Colombia est⟦\ufffd⟧ en Bogotá", lang="es"),
        good("Le président a déclaré"),
        good("Le symbole ◆ n'est pas un caractère de remplacement"),
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if "\ufffd" not in doc.prose:
            return
        for match in REPLACEMENT_RUN.finditer(doc.prose):
            count = match.end() - match.start()
            what = "character was" if count == 1 else f"{count} characters were"
            yield self.report(
                doc,
                match.start(),
                match.end(),
                f"U+FFFD: {what} lost when this text was decoded; take it again from the source",
            )


RULES = (ReplacementCharacter,)
