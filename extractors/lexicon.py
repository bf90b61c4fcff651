"""Labelled lexicons and the small regex builders every compiled part of a topic uses."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.alternation import FLAGS, _alternation
from extractors.prefilter import literals

NEVER = r"(?!x)x"  # a pattern that matches nothing (an empty list)


def bounded(body: str) -> str:
    """Word-bounded without \\b, so patterns may begin or end with punctuation ("~", "%")."""
    return rf"(?<![\w-])(?:{body})(?![\w])"


def any_of(patterns: list[str], flags: int = FLAGS) -> re.Pattern[str]:
    """One word-bounded alternation of patterns (matching nothing when there are none)."""
    return re.compile(bounded(_alternation(patterns) if patterns else NEVER), flags)


def words(items: list[str] | tuple[str, ...]) -> str:
    """A plain alternation of words in their order ("the|its|their"), for a regex's fixed frame."""
    return "|".join(items) if items else NEVER


def word_re(items: list[str] | tuple[str, ...], flags: int = FLAGS) -> re.Pattern[str]:
    """Any of the words, not inside another word."""
    return re.compile(rf"(?<![\w])(?:{words(items)})(?![\w])", flags)


@dataclass(frozen=True)
class Lexicon:
    """Labelled patterns: one unnamed alternation finds cues fast; per-label regexes name them.

    `hits` lists (start, end, label). Named groups would cost the engine a mark per attempt,
    about three times the scan, so the label is found only for the (rare) matches."""

    regex: re.Pattern[str] | None
    labelled: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, groups: dict[str, list[str]]) -> Lexicon:
        pats = [p for pats in groups.values() for p in pats]
        if not pats:
            return cls(None, ())
        labelled = tuple((label, re.compile(bounded(_alternation(ps)), FLAGS)) for label, ps in groups.items() if ps)
        return cls(re.compile(r"\b" + bounded(_alternation(pats)), FLAGS), labelled)

    def may_match(self, text: str) -> bool:
        """False when no cue can be in text (a str check before any scan; the literals are read once)."""
        if self.regex is None:
            return False
        needs = literals(self.regex.pattern, self.regex.flags)
        if needs is None:
            return True
        low = text.lower()
        return any(n in low for n in needs)

    def _label(self, text: str, start: int, end: int, endpos: int) -> str:
        if len(self.labelled) == 1:
            return self.labelled[0][0]  # every way below ends in the one label: no regex needed
        for label, rx in self.labelled:
            m = rx.match(text, start, endpos)
            if m and m.end() == end:
                return label
        for label, rx in self.labelled:  # a shorter reading of the same place
            if rx.match(text, start, endpos):
                return label
        return self.labelled[0][0]

    def hits(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
        """Every cue in text[pos:endpos], in order."""
        if self.regex is None:
            return []
        end = len(text) if endpos is None else endpos
        label = self._label
        return [(s, e, label(text, s, e, end)) for s, e in (m.span() for m in self.regex.finditer(text, pos, end))]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int, str] | None:
        end = len(text) if endpos is None else endpos
        m = self.regex.search(text, pos, end) if self.regex is not None else None
        return (m.start(), m.end(), self._label(text, m.start(), m.end(), end)) if m else None

    def last(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int, str] | None:
        if self.regex is None:
            return None
        end = len(text) if endpos is None else endpos
        found = None
        for m in self.regex.finditer(text, pos, end):
            found = m
        return (found.start(), found.end(), self._label(text, found.start(), found.end(), end)) if found else None
