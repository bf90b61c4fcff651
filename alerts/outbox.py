"""Delivery that loses nothing: send what the outbox says is due, record each outcome.

The store commits a digest and one Delivery per channel with the events that caused them;
this module runs after the commit. Each delivery is tried on its own, so one channel down
never holds back another; failures are retried on later runs with exponential backoff and
jitter; a delivery marked sent is never sent again (the outbox no longer offers it).
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping, Protocol, Sequence

from alerts.channel import Channel
from alerts.parts import LeaseLost, PartedChannel
from alerts.render import Rendered, render_digest
from alerts.routing import route_digest
from figwatch.errors import DeliveryError
from figwatch.faults import crash_point
from figwatch.models import Claim, Delivery, Digest, Metric
from figwatch.wording import redact

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
MAX_ERROR = 500


Clock = Callable[[], datetime]


class Outbox(Protocol):
    def claim_due(self, now: datetime, *, lease: timedelta) -> list[Delivery]: ...  # due, and reserved for this sender
    def renew_lease(self, delivery_id: int, owner: str, until: datetime, *,
                    parts_sent: int | None = None, parts_key: str | None = None) -> bool: ...  # False: not ours now
    def get_digest(self, digest_id: int) -> Digest: ...
    def mark_sent(self, delivery_id: int, at: datetime) -> None: ...
    def mark_failed(self, delivery_id: int, error: str, next_attempt_at: datetime | None) -> None: ...
    def mark_skipped(self, delivery_id: int, reason: str) -> None: ...  # nothing for this channel: not "sent"


def run_clock(now: datetime) -> Clock:
    """`now`, moving on with the real time from this call: the clock a run's leases are counted on."""
    start = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - start)


@dataclass(frozen=True)
class _Lease:
    """This sender's hold on one delivery: renewed before it sends and after every part."""

    outbox: Outbox
    delivery: Delivery
    length: timedelta
    clock: Clock

    def renew(self, parts_sent: int | None = None, parts_key: str | None = None) -> None:
        d = self.delivery
        if d.id is None or d.lease_owner is None:
            return  # an outbox that does not lease
        until = self.clock() + self.length
        if not self.outbox.renew_lease(d.id, d.lease_owner, until, parts_sent=parts_sent, parts_key=parts_key):
            raise LeaseLost(f"{d.channel}: delivery {d.id} is another sender's now")


@dataclass(frozen=True)
class _StoredParts:
    """A PartLog over the delivery's stored progress; each record renews the lease.

    Between a part accepted and its record is the at-least-once window of one part.
    """

    lease: _Lease

    def resume(self, key: str) -> int:
        d = self.lease.delivery
        return d.parts_sent if d.parts_key == key else 0

    def accepted(self, parts: int, key: str) -> None:
        channel = self.lease.delivery.channel
        crash_point(f"part-sent:{channel}:{parts}")
        self.lease.renew(parts_sent=parts, parts_key=key)
        crash_point(f"part-recorded:{channel}:{parts}")

    def hold(self) -> None:
        self.lease.renew()


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    errors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # channel -> messages

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.skipped == 0


def next_attempt(attempts: int, now: datetime, rng: random.Random | None = None) -> datetime:
    """1, 2, 4, ... minutes (capped at 6 h), each drawn from [half, full] so retries spread out."""
    rng = rng or random.Random()
    full = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** max(0, min(attempts - 1, 20))))
    seconds = full.total_seconds() * rng.uniform(0.5, 1.0)
    return now + timedelta(seconds=seconds)


def _error_text(exc: BaseException, channel: Channel | None) -> str:
    """One line of error for the outbox, secrets scrubbed, long text cut (it is a log line)."""
    text = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    text = redact(text, tuple(getattr(channel, "secrets", ()) or ()))
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


class _Run:
    """One deliver_pending call: caches each digest and its rendering, counts outcomes."""

    def __init__(self, outbox: Outbox, metrics, history, base_url, routes):
        self.outbox, self.metrics, self.history, self.base_url, self.routes = outbox, metrics, history, base_url, routes
        self.digests: dict[int, Digest] = {}
        self.rendered: dict[tuple[int, str], tuple[Digest, Rendered]] = {}
        self.sent = self.failed = self.skipped = 0
        self.errors: dict[str, list[str]] = {}

    def prepare(self, digest_id: int, channel: str) -> tuple[Digest, Rendered]:
        if digest_id not in self.digests:
            self.digests[digest_id] = self.outbox.get_digest(digest_id)
        digest = route_digest(self.digests[digest_id], self.routes, channel, self.metrics)
        key = (digest_id, channel if self.routes.get(channel) else "")
        if key not in self.rendered:
            history = _history_at(self.history, digest.created)
            self.rendered[key] = (digest, render_digest(digest, self.metrics, base_url=self.base_url, history=history))
        return self.rendered[key]

    def note(self, channel: str, error: str) -> None:
        self.errors.setdefault(channel, []).append(error)

    def report(self) -> DeliveryReport:
        errors = {k: tuple(v) for k, v in self.errors.items()}
        return DeliveryReport(sent=self.sent, failed=self.failed, skipped=self.skipped, errors=errors)


def deliver_pending(
    outbox: Outbox,
    channels: Mapping[str, Channel],
    metrics: Mapping[str, Metric],
    *,
    now: datetime,
    history: Mapping[str, Sequence[Claim]] | None = None,
    base_url: str | None = None,
    max_attempts: int = 20,
    routes: Mapping[str, Sequence[str]] | None = None,
    rng: random.Random | None = None,
    lease: timedelta = timedelta(minutes=5),
    clock: Clock | None = None,
) -> DeliveryReport:
    """Send every due delivery once, record sent or failed (with the next attempt), report counts.

    A delivery whose channel is not configured is skipped and left pending (it is sent once the
    channel is configured again). `routes` narrows each channel's copy to its metrics.
    Leases are counted on `clock` (default: `now` moving on from this call) from the moment
    they are claimed, and renewed before each delivery is sent and after each part of it.
    """
    clock = clock or run_clock(now)
    run = _Run(outbox, metrics, history, base_url, routes or {})
    for delivery in outbox.claim_due(clock(), lease=lease):
        if delivery.status == "sent" or delivery.id is None:
            continue  # defensive: a sent delivery is never sent again
        channel = channels.get(delivery.channel)
        if channel is None:
            run.skipped += 1
            run.note(delivery.channel, f"{delivery.channel}: channel not configured; delivery left pending")
            continue
        held = _Lease(outbox, delivery, lease, clock)
        _deliver_one(run, delivery, channel, held, now=now, max_attempts=max_attempts, rng=rng)
    return run.report()


def _deliver_one(run: _Run, delivery: Delivery, channel: Channel, held: _Lease, *, now, max_attempts, rng) -> None:
    """Render (cached), send, record; any failure is recorded for this delivery only."""
    assert delivery.id is not None  # claimed deliveries are stored ones
    try:
        digest, rendered = run.prepare(delivery.digest_id, delivery.channel)
        if not digest.events and not digest.notices:  # routed away: nothing for this channel, nothing written
            run.outbox.mark_skipped(delivery.id, "nothing routed to this channel")
            run.skipped += 1
            return
        held.renew()  # claimed with others: still ours after their sends?
        crash_point(f"before-send:{delivery.channel}")
        if isinstance(channel, PartedChannel):
            channel.send_parts(rendered, digest, _StoredParts(held))
        else:
            channel.send(rendered, digest)
        crash_point(f"after-send:{delivery.channel}")  # the documented at-least-once window
    except LeaseLost as lost:  # another sender has it now: its outcome is its to record
        run.skipped += 1
        run.note(delivery.channel, str(lost))
        return
    except Exception as exc:  # one delivery's failure, whatever it is, never stops the others
        attempts = delivery.attempts + 1
        retryable = exc.retryable if isinstance(exc, DeliveryError) else True
        error = _error_text(exc, channel)
        if retryable and attempts < max_attempts:
            when = next_attempt(attempts, now, rng)
            wait = getattr(exc, "retry_after", None)  # the far end asked for at least this long
            if wait is not None:
                when = max(when, now + timedelta(seconds=wait))
        else:
            when = None
            error += f" (gave up after {attempts} attempt{'s' if attempts != 1 else ''})"
        run.outbox.mark_failed(delivery.id, error, when)
        run.failed += 1
        run.note(delivery.channel, error)
        return
    run.outbox.mark_sent(delivery.id, now)
    run.sent += 1


def _history_at(history: Mapping[str, Sequence[Claim]] | None,
                created: datetime) -> Mapping[str, Sequence[Claim]] | None:
    """Each figure's history as of the digest: a retry renders the same parts as the first attempt."""
    if not history:
        return history
    return {m: [c for c in h if c.published is None or c.published <= created] for m, h in history.items()}


def format_deliveries(deliveries: Sequence[Delivery]) -> str:
    """A fixed-width table for `figwatch deliveries`: one row per delivery, newest digests last."""
    head = ("ID", "DIGEST", "CHANNEL", "STATUS", "TRIES", "NEXT ATTEMPT", "SENT AT", "LAST ERROR")
    rows = [head]
    for d in deliveries:
        rows.append((
            str(d.id if d.id is not None else "-"),
            str(d.digest_id),
            d.channel,
            d.status,
            str(d.attempts),
            _when(d.next_attempt_at),
            _when(d.sent_at),
            _short(d.last_error or ""),
        ))
    if len(rows) == 1:
        return "no deliveries"
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1] for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else "-"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
