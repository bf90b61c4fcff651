"""The date a figure refers to: "as of late February", "by mid-March 2025", "since December"."""
from __future__ import annotations

import calendar
import re
from datetime import date

from extractors.topic import FLAGS, Topic, _alternation

MONTHS = {m.lower(): n for n, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): n for n, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
PART_DAY = {"early": 5, "mid": 15, "middle": 15, "late": 25, "the end of": 28, "end of": 28, "the beginning of": 1, "the start of": 1}
# a year (1950-2099) not preceded by [\w,.]: the look-behind sits after the four digits (and spans
# them), so a pattern opens with two literal digits that the engine skips to in C. One per century,
# the later first: any year of the 2000s is later than every one of the 1900s
YEARS_BY_CENTURY = (re.compile(r"20\d\d(?<![\w,.]....)(?![\w])"), re.compile(r"19[5-9]\d(?<![\w,.]....)(?![\w])"))

_CACHE: dict[int, tuple[Topic, re.Pattern[str]]] = {}


def _pattern(topic: Topic) -> re.Pattern[str]:
    hit = _CACHE.get(id(topic))
    if hit is None or hit[0] is not topic:
        lead = _alternation(topic.raw.get("as_of", {}).get("patterns", ["as of"]))
        months = _alternation(sorted(MONTHS, key=len, reverse=True))
        parts = _alternation(list(PART_DAY))
        rx = re.compile(rf"(?<![\w])(?:{lead})\s+(?:(?P<part>{parts})[\s-]+)?(?P<month>{months})\.?(?![\w])"
                        rf"(?:\s+(?P<day>\d{{1,2}})(?![\d]))?(?:,?\s+(?P<year>(?:19|20)\d\d))?", FLAGS)
        hit = _CACHE[id(topic)] = (topic, rx)
    return hit[1]


def reference_year(text: str, published: date | None) -> tuple[int, int] | None:
    """(year, month) that an undated "late February" falls before: publication, else the latest year named."""
    if published is not None:
        return published.year, published.month
    for years in YEARS_BY_CENTURY:
        found = years.findall(text, 0, 200_000)
        if found:
            return max(map(int, found)), 12
    return None


def find_as_of(text: str, start: int, end: int, topic: Topic, ref: tuple[int, int] | None) -> date | None:
    """The first as-of date in text[start:end], or None."""
    m = _pattern(topic).search(text, start, end)
    if not m:
        return None
    month = MONTHS[m.group("month").lower().rstrip(".")]
    if m.group("year"):
        year = int(m.group("year"))
    elif ref is not None:
        year = ref[0] if month <= ref[1] else ref[0] - 1
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group("day")) if m.group("day") else PART_DAY.get((m.group("part") or "the end of").lower(), last)
    return date(year, month, min(max(day, 1), last))
