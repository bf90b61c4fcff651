"""Publication dates: parse the few shapes feeds and files use, refuse the implausible.

Everything comes out timezone-aware UTC; a date-only value means midnight UTC. A date before
1990 or more than two days in the future (year 0, 2099) is a broken feed, not news.
"""
from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=2)


def to_utc(dt: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC already."""
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def parse_date(value: str | None) -> datetime | None:
    """ISO date or date-time, or RFC 2822; None when it is none of them."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
        return to_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return to_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's *_parsed fields (UTC struct_time) to an aware datetime."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


def implausible(dt: datetime, now: datetime) -> str | None:
    """Why a publication date cannot be right, or None when it can."""
    if dt < EARLIEST:
        return f"date {dt.date().isoformat()} is before {EARLIEST.year}"
    if dt > now + FUTURE_SLACK:
        return f"date {dt.date().isoformat()} is in the future"
    return None
