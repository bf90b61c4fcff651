"""Sentences with their offsets: a linear split that knows common abbreviations."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.boilerplate import Line
from extractors.topic import Topic

BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*(?:\[\d{1,3}\])*\s+(?=[\"“‘(\[]?[A-Z0-9])")  # "...2024.[1] South ..."
MAX_SENTENCE = 1500  # longer "sentences" are no prose; they are cut so that work stays linear
CUT = re.compile(r"\s")
LAST_WORD = re.compile(r"(\S+)$")
LETTER = re.compile(r"[a-z]")
# a fact box's line, "Killed: ~600" or "~4,000 — killed or wounded": part of the box's story
LABEL_LINE = re.compile(r"\s*(?:\w[^:\n]{0,40}:\s+\S|[~≈]?\d[\d,.]*\+?[ \t]*[—–-][ \t])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: span in the text, its paragraph (line) number, and headline-ness."""

    start: int
    end: int
    para: int
    heading: bool


def _abbreviation(text: str, at: int, topic: Topic) -> bool:
    word = LAST_WORD.search(text[max(0, at - 12):at])
    if not word:
        return False
    token = word.group(1).lstrip("(\"“‘").lower()
    return token in topic.abbreviations or bool(LETTER.fullmatch(token))


def _chunks(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut an overlong sentence at whitespace into pieces of at most MAX_SENTENCE characters."""
    out = []
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        ws = CUT.search(text, cut - 200, cut)
        cut = ws.start() + 1 if ws else cut
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_sentences(text: str, lines: list[Line], topic: Topic) -> list[Sentence]:
    """Sentences of the kept lines, in order."""
    out: list[Sentence] = []
    for para, line in enumerate(lines):
        start = line.start
        for m in BOUNDARY.finditer(text, line.start, line.end):
            if _abbreviation(text, m.start(), topic):
                continue
            out.extend(Sentence(s, e, para, line.heading) for s, e in _chunks(start, m.end(), text))
            start = m.end()
        if start < line.end:
            out.extend(Sentence(s, e, para, line.heading) for s, e in _chunks(start, line.end, text))
    return out
