"""Sentences with their offsets: a linear split that knows the language's abbreviations.

The marks that end a sentence and what may open the next are the language's ([sentences]). Each run
of marks is found once and what follows it read without backtracking, so the split is linear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.boilerplate import Line
from extractors.topic import Topic
from extractors.work import Work

# A boundary is a run of marks, closing quotes and brackets, footnote marks ("...2024.[1] South"), then
# whitespace before what may open a sentence (the language's `mark_run` and `opening`). Each run of
# marks is found once ("[.!?]+" cannot backtrack) and what follows it is read by a possessive pattern,
# which gives nothing back: it reads what it keeps and one character more. (One pattern tried at every
# mark read a run of n marks n times over: 40,000 dots took 84 s.)
AFTER = re.compile(r"[\"”’)\]]*+(?:\[\d{1,3}\])*+(\s*+)")
ABBREVIATION_WINDOW = 12  # characters before a mark read for an abbreviation
CUT_WINDOW = 200  # characters before the cut searched for whitespace
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
    window = text[max(0, at - ABBREVIATION_WINDOW):at]
    if window[-1:] == "\n":  # the word is the one before a final newline, as a regex's "\S+$" reads it
        window = window[:-1]
    if not window or window[-1].isspace():  # str.isspace and split() know the whitespace \s knows
        return False
    token = window.rsplit(None, 1)[-1].lstrip("(\"“‘").lower()
    if token in numbering:
        return text[at + 1:at + 3].strip()[:1].isdigit()
    return token in abbreviations or (len(token) == 1 and "a" <= token <= "z")


def _add(out: list[Sentence], text: str, start: int, end: int, para: int, heading: bool, work: Work) -> None:
    """Append text[start:end] as sentences: an overlong one is cut at whitespace into pieces of at
    most MAX_SENTENCE characters."""
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        ws = CUT.search(text, cut - CUT_WINDOW, cut)
        work.split_chars += CUT_WINDOW
        cut = ws.start() + 1 if ws else cut
        out.append(Sentence(start, cut, para, heading))
        start = cut
    out.append(Sentence(start, end, para, heading))


def _boundary(text: str, run: re.Match[str], end: int, opening: re.Pattern[str], work: Work) -> int | None:
    """Where the sentence the run of marks closes ends (after its whitespace), or None when the run
    closes none."""
    after = AFTER.match(text, run.end(), end)
    if after is None:  # never: AFTER matches the empty string
        return None
    work.split_chars += after.end() - run.start() + 1
    if after.end(1) == after.start(1):
        return None  # no whitespace after the marks
    work.split_chars += 2
    return after.end() if opening.match(text, after.end(), end) else None


def split_sentences(text: str, lines: list[Line], topic: Topic, work: Work | None = None) -> list[Sentence]:
    """Sentences of the kept lines, in order; work.split_chars counts the characters the scans read."""
    out: list[Sentence] = []
    work = work if work is not None else Work()
    g = topic.grammar
    for para, line in enumerate(lines):
        start = line.start
        work.split_chars += line.end - line.start  # the scan for runs of marks
        for run in g.mark_run.finditer(text, line.start, line.end):
            end = _boundary(text, run, line.end, g.opening, work)
            if end is None:
                continue
            work.split_chars += ABBREVIATION_WINDOW
            if _abbreviation(text, run.start(), g.abbreviations, g.numbering):
                continue
            _add(out, text, start, end, para, line.heading, work)
            start = end
        if start < line.end:
            _add(out, text, start, line.end, para, line.heading, work)
    return out
