"""Small builders for fold tests: claims read like the news they stand for."""
from __future__ import annotations

from datetime import datetime, timezone

from figwatch.models import Claim, Metric

METRICS = {
    name: Metric(name=name, label=name)
    for name in (
        "troops.deployed", "troops.additional", "casualties.total",
        "casualties.killed", "casualties.wounded",
    )
}


def day(month: int, d: int, year: int = 2025) -> datetime:
    return datetime(year, month, d, 12, 0, tzinfo=timezone.utc)


def claim(
    metric: str,
    value: float,
    when: datetime,
    source: str | None = None,
    *,
    qualifier: str = "approx",
    low: float | None = None,
    high: float | None = None,
    url: str | None = None,
    confidence: float = 1.0,
) -> Claim:
    """A report; unless `url` names its article, each source's each day is an article of its own."""
    url = url or f"https://example.org/{source or 'unsourced'}/{when:%Y-%m-%dT%H%M}"
    return Claim(
        metric=metric, value=value, qualifier=qualifier, evidence=f"{source} says {value:g}.",
        start=0, end=5, low=low, high=high, source=source, source_key=source,
        confidence=confidence, article_url=url, published=when, outlet="Example",
    )
