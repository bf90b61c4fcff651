"""Builders for store tests: articles, claims and events that look like the seeds."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

from figwatch.models import Article, Claim, Digest, Event, Notice

T0 = datetime(2025, 3, 27, 9, 30, tzinfo=timezone.utc)


def article(n: int, *, url: str | None = None, text: str | None = None, **extra) -> Article:
    body = text if text is not None else f"North Korea sent about {n},000 troops. Article {n}."
    values = dict(
        url=url or f"https://news.example/{n}", title=f"Story {n}", text=body, published=T0,
        source="feed", outlet="Example News", content_hash=hashlib.sha256(body.encode()).hexdigest(),
        simhash=(1 << 63) + n, published_inferred=n % 2 == 0, guid=f"guid-{n}",
    )
    values.update(extra)
    return Article(**values)


def claim(metric: str = "troops.deployed", value: float = 11000, *, art: Article | None = None, **extra) -> Claim:
    values = dict(
        metric=metric, value=value, qualifier="range", evidence=f"About {value:g} troops.", start=6, end=12,
        low=value - 500, high=value + 500, source="South Korea's Joint Chiefs of Staff",
        source_key="South Korea JCS", confidence=0.9, as_of=date(2025, 3, 1), revised_from=12000.0,
    )
    values.update(extra)
    bare = Claim(**values)
    return bare.attach(art) if art is not None else bare


def event(kind: str = "changed", value: float = 11000, *, old: float | None = 12000, **extra) -> Event:
    new = claim(value=value, art=article(int(value)))
    before = None if old is None else claim(value=old, art=article(int(old)))
    return Event(kind=kind, metric=new.metric, new=new, old=before, **extra)


def build(events) -> Digest:
    """A stand-in for alerts' digest builder: what compose_digest is handed."""
    return Digest(
        subject=f"figwatch: {len(events)} events", created=T0, events=tuple(events),
        notices=(Notice("source_failing", "kyiv", "3 failures"),),
    )
