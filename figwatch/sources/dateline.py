"""A date an article states in its own text, for articles that come with none.

Only the opening counts: a wire dateline ("SEOUL, Nov. 4 (Yonhap) --", "KYIV, June 12 --", "Seoul
[South Korea], December 13 (ANI):") or a
full date on a short line near the top (a byline's "November 4, 2025", "Updated 4 November
2025"). A date in a sentence is about something else ("on November 4, 2024, the agency said").
A dateline gives no year: it is the latest year the text names that puts the date on or before
the reference time, else the reference's own year (or the one before, when that would be in the
future). An archive's articles name their own year far more often than a file's time tells it. Month names come
from the calendar module, in English, with the agencies' abbreviations ("Sept.").
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timezone

OPENING_CHARS = 400  # how far into the text a dateline or byline date may stand
DATE_LINE_CHARS = 80  # a line this short holding a full date is a byline or date line, not a sentence
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for number in range(1, 13):
        full, short = calendar.month_name[number].lower(), calendar.month_abbr[number].lower()
        names[full] = names[short] = number
    names["sept"] = 9
    return names


MONTHS = _month_names()
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "SEOUL, Nov. 4 (Yonhap) --", "KYIV, June 12 -": a place in capitals, a month and a day
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z .'’-]{{1,40}},[ \t]+(?P<month>(?i:{_MONTH}))\.?[ \t]+(?P<day>\d{{1,2}})\b"
    rf"(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?", re.MULTILINE)
# "Seoul [South Korea], December 13 (ANI):": a place as written, the country in brackets, the agency after the day
_AGENCY_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){{0,3}}(?:[ \t]*\[[^\]\n]{{1,40}}\])?,[ \t]+"
    rf"(?P<month>(?i:{_MONTH}))\.?[ \t]+(?P<day>\d{{1,2}})(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?"
    rf"[ \t]*\([A-Z][\w .&-]{{1,30}}\)[ \t]*[:—–-]", re.MULTILINE)
_FULL = re.compile(
    rf"\b(?:(?P<month>(?i:{_MONTH}))\.?[ \t]+(?P<day>\d{{1,2}}),?[ \t]+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>(?i:{_MONTH}))\.?,?[ \t]+(?P<year2>(?:19|20)\d\d))\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def stated_date(text: str, reference: datetime) -> datetime | None:
    """The publication date the article's opening states (midnight UTC), or None.

    `reference` (the time the article was read) bounds it: a date after it is not the article's."""
    opening = text[:OPENING_CHARS]
    matches = [_DATELINE.search(opening), _AGENCY_DATELINE.search(opening)]
    matches += [_FULL.search(line) for line in opening.splitlines() if len(line.strip()) <= DATE_LINE_CHARS]
    for match in matches:
        when = _date_of(match, text, reference) if match else None
        if when is not None:
            return when
    return None


def _date_of(match: re.Match[str], text: str, reference: datetime) -> datetime | None:
    parts = match.groupdict()
    month = MONTHS.get((parts.get("month") or parts.get("month2") or "").lower().rstrip("."))
    day = int(parts.get("day") or parts.get("day2") or 0)
    year_text = parts.get("year") or parts.get("year2")
    if month is None:
        return None
    years = [int(year_text)] if year_text else _years_in(text, reference)
    for year in years:
        try:
            when = datetime(year, month, day, tzinfo=timezone.utc)
        except ValueError:
            return None  # "Feb. 30" is no date
        if when <= reference:
            return when
    return None


def _years_in(text: str, reference: datetime) -> list[int]:
    """Years to try for a dateline, best first: those the text names (latest first), then the
    reference's year and the year before it."""
    named = sorted({int(y) for y in _YEAR.findall(text) if EARLIEST_YEAR <= int(y) <= LATEST_YEAR}, reverse=True)
    return [*named, reference.year, reference.year - 1]
