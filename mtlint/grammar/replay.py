"""The backend G001 uses when no server is bound: `replies.json`.

It behaves as a server would for the texts it has a reply for: the reply is in
LanguageTool's JSON, offsets in UTF-16 units, and the rules mtlint sends as
`disabledRules` are left out, as the server would leave them out. Any other
text gets no match. It exists so that the rule's examples run without Java or
a network, through the same conversion code as real answers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from mtlint.grammar.matches import Match, Utf16Index, lt_language, parse_match, rule_set
from mtlint.grammar.settings import GrammarSettings


class ReplayBackend:
    """Answers from `replies`: {(language sent, text): [raw matches]}."""

    def __init__(self, replies: dict[tuple[str, str], list[Any]], settings: GrammarSettings | None = None) -> None:
        self.replies = replies
        self.settings = settings or GrammarSettings()

    def check(self, lang: str, source_langs: Sequence[str], texts: list[str], where: str) -> list[list[Match]]:
        language = lt_language(lang, self.settings)
        disabled, _ = rule_set(language, self.settings)
        found = []
        for text in texts:
            index = Utf16Index(text)
            matches = [parse_match(raw, index) for raw in self.replies.get((language, text), ())]
            found.append([match for match in matches if match.rule_id not in disabled])
        return found


@cache
def replay_backend() -> ReplayBackend:
    data = json.loads((resources.files("mtlint.grammar") / "replies.json").read_text(encoding="utf-8"))
    return ReplayBackend({(reply["language"], reply["text"]): reply["matches"] for reply in data["replies"]})
