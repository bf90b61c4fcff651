"""Page furniture: the lines of a page that are no article (related posts, share bars, banners).

A heading such as "Related Posts" or "You may also like" ends the article: what follows is a
list of other stories. Shorter lines that match a furniture pattern are dropped one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


def _is_heading(line: str) -> bool:
    """No closing punctuation and few words: a headline, teaser title or caption."""
    stripped = line.rstrip()
    if len(stripped) > 400:
        return False
    return not CLOSED.search(stripped) and len(stripped.split()) <= 25


_KEYS: dict[int, tuple[Topic, re.Pattern[str] | None]] = {}


def _keywords(topic: Topic) -> frozenset[str] | None:
    """Literals (lower case) one of which every furniture match contains; None if unknown.

    A literal of letters is the first four letters of a word (all of a shorter one); any other
    is a plain substring."""
    keys: list[str] | None = []
    for pattern in topic.raw.get("boilerplate", {}).get("lines", []):
        runs = [r[:4] for r in re.findall(r"[a-z]{3,}", pattern.lower().replace("\\w", " ").replace("\\b", " "))]
        if re.match(r"\^?\(\?:", pattern) and runs:
            keys.extend(runs)  # an alternation: any alternative's word
        elif runs:
            keys.append(runs[0])  # the first word of a sequence is required (4 letters: "cookies?")
        elif not re.search(r"[\\^$.*+?()\[\]{}|]", pattern):
            keys.append(pattern.lower())
        else:
            return None
    return frozenset(keys)


def _key_regex(topic: Topic) -> re.Pattern[str] | None:
    """The keywords as one case-sensitive regex over a lowered line (a word opening with a key of
    four letters, a word equal to a shorter one, a substring otherwise): one scan, not a word set."""
    hit = _KEYS.get(id(topic))
    if hit is None or hit[0] is not topic:
        keys = _keywords(topic)
        words = sorted(k if len(k) == 4 else f"{k}(?![a-z])" for k in keys or () if k.isalpha() and len(k) <= 4)
        parts = [rf"(?<![a-z])(?:{'|'.join(words)})"] if words else []  # branches open with a literal: fast
        parts += sorted(re.escape(k) for k in keys or () if not k.isalpha())
        hit = _KEYS[id(topic)] = (topic, re.compile("|".join(parts) or r"(?!x)x") if keys is not None else None)
    return hit[1]


def _is_furniture(line: str, topic: Topic) -> bool:
    """A short line with a furniture pattern, or a long one that opens with two of them."""
    keys = _key_regex(topic)
    if keys is not None and not keys.search(line[:LONG_LINE].lower()):
        return False  # no word of the line opens a furniture pattern
    hits = topic.boiler_lines.finditer(line, 0, LONG_LINE)
    first = next(hits, None)
    if first is None:
        return False
    return len(line) < LONG_LINE or next(hits, None) is not None


def content_lines(text: str, topic: Topic) -> list[Line]:
    """The article's lines, in order, furniture removed."""
    kept: list[Line] = []
    for m in LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        if len(line) < 80 and topic.boiler_headings.match(line):
            break
        if _is_furniture(line, topic):
            continue
        kept.append(Line(m.start(), m.end(), _is_heading(line)))
    return kept
