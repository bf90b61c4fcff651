"""Page furniture: the lines of a page that are no article (related posts, share bars, banners).

A heading such as "Related Posts" or "You may also like" ends the article once its prose has
begun: what follows is a list of other stories (above the first paragraph it is a menu's line,
dropped). Shorter lines that match a furniture pattern are dropped one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.alternation import FLAGS, _alternation, _split_top
from extractors.prefilter import FOLDING, any_literal, literals

if TYPE_CHECKING:
    from extractors.topic import Topic

LINE = re.compile(r"[^\r\n]+")
CLOSED = re.compile(r"[.!?:;\"”’)]$")
LONG_LINE = 300  # a furniture pattern in a longer paragraph needs a second hit to drop it


@dataclass(frozen=True)
class Line:
    """A kept line of the page: its span and whether it reads like a headline."""

    start: int
    end: int
    heading: bool


PROSE_WORDS = 12  # a line with fewer words and no number is no sign that the article's prose has begun
_DIGIT = re.compile(r"\d")


def _is_heading(line: str) -> bool:
    """No closing punctuation and few words: a headline, teaser title or caption."""
    stripped = line.rstrip()
    if len(stripped) > 400:
        return False
    # CLOSED can only match at the last character: no need to scan the line
    return not CLOSED.match(stripped, len(stripped) - 1) and len(stripped.split()) <= 25


@dataclass(frozen=True)
class _Screen:
    """A cheap exact test that the furniture regex has no match in a line's head (LONG_LINE chars).

    The regex is an alternation: an alternative opening with \\A is tried at the line start only;
    one whose matches all contain one of some ASCII literals needs one in the lowered head (true
    when no character of the line folds onto an ASCII letter: see prefilter); any other is
    searched as it is. Most lines of prose fail all three, and the regex is never run on them."""

    anchored: re.Pattern[str] | None
    literals: re.Pattern[str]
    rest: re.Pattern[str] | None

    def may_match(self, line: str) -> bool:
        return bool((self.anchored and self.anchored.match(line, 0, LONG_LINE))
                    or self.literals.search(line[:LONG_LINE].lower())
                    or (self.rest and self.rest.search(line, 0, LONG_LINE)))


def _union(alternatives: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(alternatives), flags) if alternatives else None


def _lines_regex(patterns: list[str]) -> re.Pattern[str]:
    """Furniture patterns: those anchored with ^ tried at the line start only, word-led ones at word
    starts (\\b lets the engine skip most positions), the rest anywhere."""
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    worded = [p for p in patterns if not p.startswith("^") and re.match(r"[\w]", p)]
    other = [p for p in patterns if not p.startswith("^") and not re.match(r"[\w]", p)]
    parts = []
    if anchored:
        parts.append(r"\A(?:" + _alternation(anchored) + ")")
    if worded:
        parts.append(r"\b(?:" + _alternation(worded) + ")")
    if other:
        parts.append(_alternation(other))  # flat: each alternative opens with its literal (fast to skip)
    return re.compile("|".join(parts) or r"(?!x)x", FLAGS)


def _screen(regex: re.Pattern[str]) -> _Screen:
    """The furniture regex read into a _Screen."""
    anchored: list[str] = []
    lits: set[str] = set()
    rest: list[str] = []
    for alt in _split_top(regex.pattern):
        need = None if alt.startswith("\\A") else literals(alt, regex.flags)
        if need and all(lit.isascii() for lit in need):
            lits |= need
        else:
            (anchored if alt.startswith("\\A") else rest).append(alt)
    return _Screen(_union(anchored, regex.flags), any_literal(frozenset(lits)), _union(rest, regex.flags))


@dataclass(frozen=True)
class Furniture:
    """A language's page furniture, compiled: headings that end an article, lines that are dropped."""

    headings: re.Pattern[str]
    lines: re.Pattern[str]
    screen: _Screen

    @classmethod
    def build(cls, headings: list[str], lines: list[str]) -> Furniture:
        # "Related articles (관련 기사)": a translation in brackets after the heading
        heads = re.compile(r"^\W*(?:" + _alternation(headings) + r")\W*(?:\([^()]{1,40}\)\W*)?$", FLAGS)
        regex = _lines_regex(lines)
        return cls(heads, regex, _screen(regex))

    def is_furniture(self, line: str) -> bool:
        """A short line with a furniture pattern, or a long one that opens with two of them."""
        hits = self.lines.finditer(line, 0, LONG_LINE)
        first = next(hits, None)
        if first is None:
            return False
        return len(line) < LONG_LINE or next(hits, None) is not None


def content_lines(text: str, topic: Topic) -> list[Line]:
    """The article's lines, in order, furniture removed."""
    kept: list[Line] = []
    furniture = topic.furniture
    # the literal screen holds unless a character of the page folds onto an ASCII letter
    screen = None if any(ch in text for ch in FOLDING) else furniture.screen
    prose = False  # has the article's prose begun? Before it, "Latest news" is a menu's line, not the end
    for m in LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        if len(line) < 80 and furniture.headings.match(line):
            if prose:
                break
            continue
        if (screen is None or screen.may_match(line)) and furniture.is_furniture(line):
            continue
        heading = _is_heading(line)
        # a page's short notice ("Notifications can be managed in browser preferences.") does not begin the prose:
        # a short line begins it when it names the topic or a number
        prose = prose or not (heading or (len(line.split()) < PROSE_WORDS and not _DIGIT.search(line)
                                          and not any(map(line.lower().__contains__, topic.context_gate))))
        kept.append(Line(m.start(), m.end(), heading))
    return kept
