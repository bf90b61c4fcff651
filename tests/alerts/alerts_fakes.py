"""Test doubles for alerts: an in-memory Outbox (the store's contract) and sample events."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from figwatch.models import Claim, Delivery, Digest, Event, Metric

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)

METRICS = {
    "casualties.total": Metric("casualties.total", "Casualties (total)", "soldiers"),
    "troops.deployed": Metric("troops.deployed", "North Korean troops in Russia", "soldiers"),
    "weapons.shells": Metric("weapons.shells", "Artillery shells supplied", "shells"),
}


def claim(metric: str, value: float, qualifier: str = "exact", *, who: str = "NIS", outlet: str = "Yonhap",
          day: int = 1, evidence: str | None = None, url: str | None = None, **kw) -> Claim:
    evidence = evidence or f"{who} said the figure was {value:,.0f}."
    return Claim(
        metric=metric, value=value, qualifier=qualifier, evidence=evidence, start=0, end=1,
        source_key=who, outlet=outlet, published=datetime(2026, 11, day, 8, tzinfo=timezone.utc),
        article_url=url or f"https://news.example/{metric}/{day}", **kw,
    )


def changed(metric: str, old: float, new: float, *, revision: bool = False, **kw) -> Event:
    return Event("changed", metric, new=claim(metric, new, day=10, **kw), old=claim(metric, old, day=2),
                 revision=revision)


class MemoryOutbox:
    """The Outbox protocol over dicts, recording every mark for the assertions."""

    def __init__(self) -> None:
        self.digests: dict[int, Digest] = {}
        self.rows: dict[int, Delivery] = {}
        self.log: list[tuple] = []

    def add(self, digest: Digest, channels: list[str]) -> Digest:
        digest = replace(digest, id=len(self.digests) + 1)
        self.digests[digest.id] = digest
        for ch in channels:
            i = len(self.rows) + 1
            self.rows[i] = Delivery(digest_id=digest.id, channel=ch, id=i)
        return digest

    def claim_due(self, now: datetime, *, lease=None) -> list[Delivery]:
        due = [d for d in self.rows.values() if d.status == "pending"
               or (d.status == "failed" and d.next_attempt_at is not None and d.next_attempt_at <= now)]
        for d in due:  # no lease kept here (the store's is tested on the store), only the owner token
            self.rows[d.id] = replace(d, lease_owner=f"owner-{len(self.log)}")
        return [self.rows[d.id] for d in due]

    def renew_lease(self, delivery_id: int, owner: str, until: datetime, *,
                    parts_sent: int | None = None, parts_key: str | None = None) -> bool:
        d = self.rows[delivery_id]
        if d.lease_owner != owner or d.status == "sent":
            return False
        if parts_sent is not None:
            self.rows[delivery_id] = replace(d, parts_sent=parts_sent, parts_key=parts_key)
        return True

    def get_digest(self, digest_id: int) -> Digest:
        return self.digests[digest_id]

    def mark_sent(self, delivery_id: int, at: datetime) -> None:
        d = self.rows[delivery_id]
        assert d.status != "sent", "a sent delivery was sent again"
        self.rows[delivery_id] = replace(d, status="sent", sent_at=at, attempts=d.attempts + 1, lease_owner=None)
        self.log.append(("sent", delivery_id))

    def mark_failed(self, delivery_id: int, error: str, next_attempt_at: datetime | None) -> None:
        d = self.rows[delivery_id]
        self.rows[delivery_id] = replace(d, status="failed", last_error=error, attempts=d.attempts + 1,
                                         next_attempt_at=next_attempt_at, lease_owner=None)
        self.log.append(("failed", delivery_id, error))

    def mark_skipped(self, delivery_id: int, reason: str) -> None:
        d = self.rows[delivery_id]
        self.rows[delivery_id] = replace(d, status="skipped", last_error=reason)
        self.log.append(("skipped", delivery_id))

    def by_channel(self, channel: str) -> list[Delivery]:
        return [d for d in self.rows.values() if d.channel == channel]
