"""Sentences with their offsets: a linear split that knows common abbreviations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.boilerplate import Line
from extractors.topic import Topic
from extractors.work import Work

# "...2024.[1] South ...": "[.!?][.!?]*", not "[.!?]+", so that the pattern opens with a character
# class and the engine skips to the next mark in C instead of trying the pattern at every place
_AFTER_MARK = r"[.!?]*[\"”’)\]]*(?:\[\d{1,3}\])*\s+(?=[\"“‘(\[]?[A-Z0-9])"
BOUNDARY = re.compile(r"[.!?]" + _AFTER_MARK)
# the same boundaries in a line without "!" or "?": opening with a literal, it skips to each "." faster
PERIOD = re.compile(r"\." + _AFTER_MARK)
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


def split_sentences(text: str, lines: list[Line], topic: Topic, work: Work | None = None) -> list[Sentence]:
    """Sentences of the kept lines, in order."""
    out: list[Sentence] = []
    abbreviations = topic.abbreviations
    for para, line in enumerate(lines):
        start = line.start
        marks = PERIOD if text.find("!", start, line.end) < 0 and text.find("?", start, line.end) < 0 else BOUNDARY
        for m in marks.finditer(text, line.start, line.end):
            if _abbreviation(text, m.start(), abbreviations, topic.numbering):
                continue
            _add(out, text, start, m.end(), para, line.heading)
            start = m.end()
        if start < line.end:
            _add(out, text, start, line.end, para, line.heading)
    return out
