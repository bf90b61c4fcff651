"""A date an article states in its own opening: a wire dateline or a byline date (issue 15)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from figwatch.sources.dateline import stated_date

NOW = datetime(2026, 12, 3, 7, 0, tzinfo=timezone.utc)


def _day(text: str, now: datetime = NOW) -> str | None:
    found = stated_date(text, now)
    return found.date().isoformat() if found else None


@pytest.mark.parametrize(("text", "day"), [
    ("SEOUL, Nov. 4 (Yonhap) -- North Korea has sent troops, the JCS said in a 2025 briefing.", "2025-11-04"),
    ("KYIV, June 12 -- About 1,200 soldiers were killed, the agency said.\nIts February 2025 assessment ...",
     "2025-06-12"),
    ("WASHINGTON, Sept. 30, 2025 -- The Pentagon said ...", "2025-09-30"),
    ("By Jane Doe\nNovember 4, 2025\n\nNorth Korea has sent ...", "2025-11-04"),
    ("Updated 4 November 2025\nNorth Korea has sent ...", "2025-11-04"),
    ("Tokyo [Japan], October 21 (ANI): Pyongyang's troops, the ministry said in its 2025 paper, ...", "2025-10-21"),
])
def test_a_dateline_or_a_byline_date_dates_the_article(text, day):
    assert _day(text) == day


def test_a_dateline_without_a_year_takes_the_latest_year_that_is_not_in_the_future():
    assert _day("SEOUL, Dec. 20 -- No year anywhere.") == "2025-12-20"  # Dec. 20, 2026 is still to come
    assert _day("SEOUL, Nov. 4 -- No year anywhere.") == "2026-11-04"
    assert _day("SEOUL, Dec. 20 -- Since the 2026 elections ...") == "2025-12-20"  # 2026-12-20 is in the future


@pytest.mark.parametrize("text", [
    "The agency said on November 4, 2024 that North Korea had sent more troops to Russia than anyone thought.",
    "In a speech, May 5 was named a day of remembrance.",  # no place in capitals: no dateline
    "SEOUL, Feb. 30 -- there is no such day.",
    "x" * 500 + "\nSEOUL, Nov. 4 -- too far down to be the article's own dateline.",
    "No date at all.",
])
def test_a_date_in_a_sentence_or_far_down_is_not_the_articles(text):
    assert _day(text) is None
