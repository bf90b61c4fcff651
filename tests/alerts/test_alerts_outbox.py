"""deliver_pending over an in-memory outbox, and the files channel it usually drives."""
from __future__ import annotations

import json
import random
from datetime import timedelta

from alerts import (
    FilesChannel,
    build_digest,
    deliver_pending,
    format_deliveries,
    next_attempt,
    render_digest,
    route_events,
)
from figwatch.config import FilesSettings
from figwatch.errors import DeliveryError
from tests.alerts.alerts_fakes import METRICS, NOW, MemoryOutbox, changed


class Flaky:
    """A channel that fails `failures` times (retryable or not), then records what it sends."""

    def __init__(self, name: str, failures: int = 0, retryable: bool = True, secret: str = ""):
        self.name, self.failures, self.retryable = name, failures, retryable
        self.secrets = (secret,) if secret else ()
        self.sent: list[int] = []

    def send(self, rendered, digest):
        if self.failures:
            self.failures -= 1
            raise DeliveryError(f"refused by {self.secrets[0] if self.secrets else 'peer'}", channel=self.name,
                                retryable=self.retryable)
        self.sent.append(digest.id)


def _outbox(channels=("files", "slack")) -> MemoryOutbox:
    box = MemoryOutbox()
    box.add(build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW), list(channels))
    return box


def test_files_channel_writes_three_files_atomically_and_idempotently(tmp_path):
    box = _outbox(["files"])
    digest = box.get_digest(1)
    rendered = render_digest(digest, METRICS)
    ch = FilesChannel(FilesSettings(dir=str(tmp_path / "out")))
    ch.send(rendered, digest)
    ch.send(rendered, digest)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"digest-1-20261123T090000.{x}" for x in ("html", "json", "txt")]
    assert json.loads((tmp_path / "out" / names[1]).read_text("utf-8"))["id"] == 1
    assert "4,000, up from 3,000" in (tmp_path / "out" / names[2]).read_text("utf-8")


def test_one_channel_down_never_holds_back_another_and_retry_sends_exactly_once():
    box = _outbox()
    files, slack = Flaky("files"), Flaky("slack", failures=1, secret="https://hooks.example/T0/B0/s3cr3t")
    first = deliver_pending(box, {"files": files, "slack": slack}, METRICS, now=NOW, rng=random.Random(1))
    assert (first.sent, first.failed) == (1, 1) and files.sent == [1] and slack.sent == []
    failed = box.by_channel("slack")[0]
    assert failed.status == "failed" and "s3cr3t" not in failed.last_error and "***" in failed.last_error
    assert "s3cr3t" not in repr(first)
    assert NOW + timedelta(seconds=30) <= failed.next_attempt_at <= NOW + timedelta(minutes=1)
    early = deliver_pending(box, {"files": files, "slack": slack}, METRICS, now=NOW + timedelta(seconds=1))
    assert (early.sent, early.failed) == (0, 0)  # backoff respected
    later = NOW + timedelta(minutes=2)
    second = deliver_pending(box, {"files": files, "slack": slack}, METRICS, now=later)
    assert (second.sent, second.failed) == (1, 0) and slack.sent == [1] and files.sent == [1]
    for _ in range(3):  # nothing new: nothing sent
        assert deliver_pending(box, {"files": files, "slack": slack}, METRICS, now=later).sent == 0
    assert files.sent == [1] and slack.sent == [1]


def test_non_retryable_and_exhausted_failures_stop_with_a_reason_and_unknown_channels_wait():
    box = _outbox(["files", "slack", "email"])
    report = deliver_pending(box, {"files": Flaky("files", 1, retryable=False), "slack": Flaky("slack", 5)},
                             METRICS, now=NOW, max_attempts=1)
    assert (report.sent, report.failed, report.skipped) == (0, 2, 1)
    rows = {d.channel: d for d in box.rows.values()}
    assert rows["files"].next_attempt_at is None and "gave up after 1 attempt" in rows["files"].last_error
    assert rows["slack"].next_attempt_at is None
    assert rows["email"].status == "pending" and "not configured" in report.errors["email"][0]


def test_a_crashing_channel_is_recorded_not_raised():
    class Broken:
        name = "files"

        def send(self, rendered, digest):
            raise RuntimeError("disk on fire")

    box = _outbox(["files"])
    report = deliver_pending(box, {"files": Broken()}, METRICS, now=NOW)
    assert report.failed == 1 and "RuntimeError: disk on fire" in box.rows[1].last_error


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    rng = random.Random(7)
    delays = [(next_attempt(n, NOW, rng) - NOW).total_seconds() for n in range(1, 12)]
    for n, d in enumerate(delays[:8], 1):
        assert 30 * 2 ** (n - 1) <= d <= 60 * 2 ** (n - 1)
    assert max(delays) <= 6 * 3600


def test_routing_by_glob_and_routed_copies():
    events = [changed("casualties.total", 1, 2), changed("troops.deployed", 1, 2)]
    assert route_events(events, {}, "slack") == events
    assert route_events(events, {"slack": ["casualties.*"]}, "slack") == events[:1]
    assert route_events(events, {"slack": ["casualties.*"]}, "email") == events
    box = MemoryOutbox()
    box.add(build_digest(events, [], METRICS, now=NOW), ["slack", "files"])
    seen = {}

    class Spy:
        def __init__(self, name):
            self.name = name

        def send(self, rendered, digest):
            seen[self.name] = (rendered.subject, [e.metric for e in digest.events])

    deliver_pending(box, {"slack": Spy("slack"), "files": Spy("files")}, METRICS, now=NOW,
                    routes={"slack": ["troops.*"]})
    assert seen["slack"][1] == ["troops.deployed"] and "North Korean troops" in seen["slack"][0]
    assert len(seen["files"][1]) == 2


def test_format_deliveries_is_a_table():
    box = _outbox()
    deliver_pending(box, {"files": Flaky("files"), "slack": Flaky("slack", 1)}, METRICS, now=NOW)
    table = format_deliveries(list(box.rows.values())).splitlines()
    assert table[0].split()[:4] == ["ID", "DIGEST", "CHANNEL", "STATUS"]
    assert "sent" in table[1] and "failed" in table[2] and "refused by peer" in table[2]
    assert format_deliveries([]) == "no deliveries"
