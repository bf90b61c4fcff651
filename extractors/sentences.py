"""Sentences with their offsets: a linear split that knows the language's abbreviations.

The marks that end a sentence and what may open the next are the language's ([sentences]); the
boundary regex opens with a character class, so that the engine skips to the next mark in C
instead of trying the pattern at every place ("...2024.[1] South ...": "[.!?][.!?]*", not "[.!?]+").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.boilerplate import Line

if TYPE_CHECKING:
    from extractors.topic import Topic
MAX_SENTENCE = 1500  # longer "sentences" are no prose; they are cut so that work stays linear
CUT = re.compile(r"\s")
# a fact box's line, "Killed: ~600" or "~4,000 — killed or wounded": part of the box's story
LABEL_LINE = re.compile(r"\s*(?:\w[^:\n]{0,40}:\s+\S|[~≈]?\d[\d,.]*\+?[ \t]*[—–-][ \t])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: span in the text, its paragraph (line) number, and headline-ness."""

    start: int
    end: int
    para: int
    heading: bool


def _abbreviation(text: str, at: int, abbreviations: frozenset[str], numbering: frozenset[str] = frozenset()) -> bool:
    """Whether the word ending at `at` (its last 12 characters at most) is an abbreviation or a letter
    (one of `numbering` only before a number: "No. 5")."""
    window = text[max(0, at - 12):at]
    if window[-1:] == "\n":  # the word is the one before a final newline, as a regex's "\S+$" reads it
        window = window[:-1]
    if not window or window[-1].isspace():  # str.isspace and split() know the whitespace \s knows
        return False
    token = window.rsplit(None, 1)[-1].lstrip("(\"“‘").lower()
    if token in numbering:
        return text[at + 1:at + 3].strip()[:1].isdigit()
    return token in abbreviations or (len(token) == 1 and "a" <= token <= "z")


def _add(out: list[Sentence], text: str, start: int, end: int, para: int, heading: bool) -> None:
    """Append text[start:end] as sentences: an overlong one is cut at whitespace into pieces of at
    most MAX_SENTENCE characters."""
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        ws = CUT.search(text, cut - 200, cut)
        cut = ws.start() + 1 if ws else cut
        out.append(Sentence(start, cut, para, heading))
        start = cut
    out.append(Sentence(start, end, para, heading))


def split_sentences(text: str, lines: list[Line], topic: Topic) -> list[Sentence]:
    """Sentences of the kept lines, in order."""
    out: list[Sentence] = []
    g = topic.grammar
    abbreviations, rare = g.abbreviations, g.rare_marks
    for para, line in enumerate(lines):
        start = line.start
        # a line with only the common mark ("."): a pattern opening with its literal skips to each one faster
        marks = g.boundary_common
        for mark in rare:  # str.find: the quickest look for a mark
            if text.find(mark, start, line.end) >= 0:
                marks = g.boundary
                break
        for m in marks.finditer(text, line.start, line.end):
            if _abbreviation(text, m.start(), abbreviations, g.numbering):
                continue
            _add(out, text, start, m.end(), para, line.heading)
            start = m.end()
        if start < line.end:
            _add(out, text, start, line.end, para, line.heading)
    return out
