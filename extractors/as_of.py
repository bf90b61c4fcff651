"""The date a figure refers to: "as of late February", "by mid-March 2025", "since December"."""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.topic import Topic

# a year (1950-2099) not preceded by [\w,.]: the look-behind sits after the four digits (and spans
# them), so a pattern opens with two literal digits that the engine skips to in C. One per century,
# the later first: any year of the 2000s is later than every one of the 1900s
YEARS_BY_CENTURY = (re.compile(r"20\d\d(?<![\w,.]....)(?![\w])"), re.compile(r"19[5-9]\d(?<![\w,.]....)(?![\w])"))


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
    """The first as-of date in text[start:end], or None (the month names and parts are the language's)."""
    g = topic.grammar
    m = g.as_of.search(text, start, end)
    if not m:
        return None
    month = g.months[m.group("month").lower().rstrip(".")]
    if m.group("year"):
        year = int(m.group("year"))
    elif ref is not None:
        year = ref[0] if month <= ref[1] else ref[0] - 1
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(m.group("day")) if m.group("day") else g.parts_of_month.get((m.group("part") or g.default_part).lower(),
                                                                          last)
    return date(year, month, min(max(day, 1), last))
