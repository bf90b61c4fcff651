"""A sentence's cues, found once and shared by all its figures.

Every figure asks the same lexicons about overlapping parts of its sentence (the noun after it,
the predicate near it, the party before it ...). Each lexicon or pattern is scanned over the whole
sentence the first time one is asked about; a question about a part is answered from that list.
Where a cue straddles the part's edge, or the part leaves the sentence, the part is scanned on its
own, so an answer is the one a scan of that part would give; but for a part whose end cuts a word
("troops" of "troopships" at a 160-character limit), where a scan of the part alone would read a
cue the sentence's scan rightly does not. (No text of the snapshot check had such a case.)
"""
from __future__ import annotations

import re

from extractors.topic import Lexicon

Hit = tuple[int, int, str]  # start, end, label ("" for a plain pattern)


def scan(cue: Lexicon | re.Pattern[str], text: str, lo: int, hi: int) -> list[Hit]:
    if isinstance(cue, Lexicon):
        return cue.hits(text, lo, hi)
    return [(m.start(), m.end(), "") for m in cue.finditer(text, lo, hi)]


class SentenceCues:
    """The cues of text[start:end], by lexicon, read lazily."""

    __slots__ = ("text", "start", "end", "_found")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self._found: dict[int, list[Hit]] = {}  # by id(): lexicons outlive the sentence

    def all(self, cue: Lexicon | re.Pattern[str]) -> list[Hit]:
        hits = self._found.get(id(cue))
        if hits is None:
            hits = self._found[id(cue)] = scan(cue, self.text, self.start, self.end)
        return hits

    def within(self, cue: Lexicon | re.Pattern[str], lo: int, hi: int) -> list[Hit]:
        """The cues a scan of text[lo:hi] finds."""
        if lo < self.start or hi > self.end:
            return scan(cue, self.text, lo, hi)
        hits = self._found.get(id(cue))
        out: list[Hit] = []
        for h in self.all(cue) if hits is None else hits:
            if h[0] >= hi:
                break
            if h[1] <= lo:
                continue
            if h[0] < lo or h[1] > hi:
                return scan(cue, self.text, lo, hi)  # cut by the edge: the part reads it otherwise
            out.append(h)
        return out

    def first(self, cue: Lexicon | re.Pattern[str], lo: int, hi: int) -> Hit | None:
        found = self.within(cue, lo, hi)
        return found[0] if found else None

    def last(self, cue: Lexicon | re.Pattern[str], lo: int, hi: int) -> Hit | None:
        found = self.within(cue, lo, hi)
        return found[-1] if found else None
