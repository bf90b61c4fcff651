"""Is a text written in the topic's language? Told by the share of its words that are the
language's commonest function words (its file's `[language.identify]`): no model, no download.

A text in another language is not read: its digits would still match, and a figure read out of
words the grammar does not know is a guess. The run reports such an article instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageSign:
    language: str  # the language's name ("English")
    function_words: frozenset[str]
    min_share: float  # below this share of function words a text is in another language
    min_words: int  # a shorter text is not judged: too few words to tell

    @classmethod
    def build(cls, d: dict[str, Any]) -> LanguageSign:
        """From a language file's `[language]` table."""
        sign = d["identify"]
        return cls(d["name"], frozenset(w.lower() for w in sign["function_words"]), float(sign["min_share"]),
                   int(sign["min_words"]))

    def share(self, text: str) -> float | None:
        """The share of the text's words that are function words; None for a text too short to tell."""
        words = _WORD.findall(text.lower())
        if len(words) < self.min_words:
            return None
        return sum(w in self.function_words for w in words) / len(words)

    def reads(self, text: str) -> bool:
        """False only for a text long enough to tell that is in another language."""
        share = self.share(text)
        return share is None or share >= self.min_share
