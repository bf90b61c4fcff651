"""A Slack digest of many messages under rate limiting and crashes: every part accepted once.

Through the real path: the store's outbox (per-part progress in `deliveries.parts_sent`),
the Slack channel, and a webhook on loopback that answers 429 with Retry-After like Slack.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from alerts import build_channels, deliver_pending, render_digest
from alerts.parts import parts_key
from figwatch.config import AlertSettings, SlackSettings
from figwatch.faults import CRASH_ENV
from figwatch.store import Store
from tests.alerts.slack_sink import HOOK, METRIC, SlackSink, big_digest, serve

ENV = "FIGWATCH_TEST_SLACK_PARTS_URL"
NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
FIGWATCH = str(Path(sys.executable).with_name("figwatch"))


@contextmanager
def webhook(sink: SlackSink, monkeypatch):
    for server in serve(sink):
        monkeypatch.setenv(ENV, server.url_for(HOOK))
        yield server


def _channels(**settings) -> dict:
    return build_channels(AlertSettings(files=None, slack=SlackSettings(webhook_url_env=ENV, **settings)))


def _compose(store: Store, events: int) -> int:
    digest = store.compose_digest(lambda _: big_digest(NOW, events), ["slack"], now=NOW, allow_empty=True)
    assert digest is not None
    return len(render_digest(digest, METRIC).slack_messages)


def test_a_rate_limited_digest_of_over_100_parts_is_accepted_once_each(store, monkeypatch):
    total = _compose(store, 1700)
    assert total > 100
    sink = SlackSink(limit_every=40, retry_after="1")
    attempts, when = 0, NOW
    with webhook(sink, monkeypatch):
        while store.deliveries()[0].status != "sent" and attempts < 6:
            # a fresh channel each time, as each run builds its own: progress lives in the store
            deliver_pending(store, _channels(pace=0.0, max_wait=1.0), METRIC, now=when)
            attempts += 1
            when += timedelta(hours=1)
    (delivery,) = store.deliveries()
    assert sink.posts_per_part(total) == [1] * total
    assert sum(sink.accepted.values()) == total
    # the first attempt waited out one 429 (1 s of its 1 s budget) and stopped at the second
    assert attempts == 2 and sink.limited == 2
    assert delivery.status == "sent" and delivery.parts_sent == total


def test_the_stopped_attempt_records_its_progress_and_slacks_wait(store, monkeypatch):
    total = _compose(store, 300)
    sink = SlackSink(limit_every=5, retry_after="90")
    with webhook(sink, monkeypatch):
        report = deliver_pending(store, _channels(pace=0.0, max_wait=60.0), METRIC, now=NOW)
    (delivery,) = store.deliveries()
    assert report.failed == 1 and sink.posts_per_part(total)[:6] == [1, 1, 1, 1, 1, 0]
    assert delivery.parts_sent == 5 and delivery.lease_owner is None
    assert delivery.next_attempt_at >= NOW + timedelta(seconds=90)  # Retry-After outlasted the attempt's budget
    assert "429" in delivery.last_error and "xoxSECRETtoken" not in delivery.last_error


def test_a_webhook_that_never_stops_limiting_costs_a_bounded_number_of_posts(store, monkeypatch):
    _compose(store, 40)
    sink = SlackSink(limit_every=0, retry_after="0")  # 429 to every post, asking for no wait
    with webhook(sink, monkeypatch):
        report = deliver_pending(store, _channels(pace=0.0), METRIC, now=NOW)
    assert report.failed == 1 and sink.limited == 11 and not sink.accepted


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "figwatch.toml"
    path.write_text(
        f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "figwatch.db"}"\n'
        f'[alerts]\ndelivery_lease_minutes = 0\n[alerts.files]\ndir = "{tmp_path / "digests"}"\n'
        f'[alerts.slack]\nwebhook_url_env = "{ENV}"\npace = 0\n',
        encoding="utf-8",
    )
    return path


def _deliver(config: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run([FIGWATCH, "deliver", "--config", str(config)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize(("point", "twice"), [
    ("part-recorded:slack:5", []),  # part 5 accepted and recorded: the rerun starts at part 6
    ("part-sent:slack:5", [5]),     # the at-least-once window of one part: accepted, not yet recorded
])
def test_a_killed_sender_resumes_at_the_first_unsent_part(tmp_path, monkeypatch, point, twice):
    config = _config(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        total = _compose(store, 200)
    sink = SlackSink()
    with webhook(sink, monkeypatch):
        killed = _deliver(config, crash_at=point)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        assert sum(sink.accepted.values()) == 5
        again = _deliver(config)
        assert again.returncode == 0, again.stderr[-2000:]
    assert total > 5 and sink.posts_per_part(total) == [2 if n in twice else 1 for n in range(1, total + 1)]
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        assert [(d.status, d.parts_sent) for d in store.deliveries()] == [("sent", total)]


def test_a_sender_killed_while_slack_accepts_a_part_reposts_only_that_part(tmp_path, monkeypatch):
    config = _config(tmp_path)
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        total = _compose(store, 200)
    sink = SlackSink(kill_at=5)
    with webhook(sink, monkeypatch):
        env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
        sender = subprocess.Popen([FIGWATCH, "deliver", "--config", str(config)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=env)
        sink.victim = sender.pid
        assert sender.wait(timeout=120) == -signal.SIGKILL
        again = _deliver(config)
        assert again.returncode == 0, again.stderr[-2000:]
    # part 5 reached Slack but its answer never reached the sender: the one-part window
    assert sink.posts_per_part(total) == [2 if n == 5 else 1 for n in range(1, total + 1)]


@pytest.mark.parametrize("same_rendering", [True, False])
def test_progress_counts_only_for_the_rendering_it_was_made_in(store, monkeypatch, same_rendering):
    total = _compose(store, 60)
    digest = store.get_digest(store.deliveries()[0].digest_id)
    key = parts_key(render_digest(digest, METRIC).slack_messages) if same_rendering else "another rendering"
    (claimed,) = store.claim_due(NOW)
    store.renew_lease(claimed.id, claimed.lease_owner, NOW, parts_sent=2, parts_key=key)
    store.mark_failed(claimed.id, "HTTP 429", NOW)
    sink = SlackSink()
    with webhook(sink, monkeypatch):
        assert deliver_pending(store, _channels(pace=0.0), METRIC, now=NOW).sent == 1
    # resumed after part 2; or, when the parts were counted in another rendering, started over
    expected = [0, 0] + [1] * (total - 2) if same_rendering else [1] * total
    assert sink.posts_per_part(total) == expected


def test_reports_arriving_after_the_digest_do_not_change_the_parts_a_retry_resumes(store, monkeypatch):
    total = _compose(store, 120)
    first = big_digest(NOW, 1).events[0].new
    history = {"troops.deployed": [first]}
    sink = SlackSink(limit_every=3, retry_after="60")  # the first attempt stops after part 3
    with webhook(sink, monkeypatch):
        assert deliver_pending(store, _channels(pace=0.0, max_wait=1.0), METRIC, now=NOW, history=history).failed == 1
        sink.limit_every = None
        later = replace(first, value=30_000, published=NOW + timedelta(days=1))  # a report newer than the digest
        history = {"troops.deployed": [first, later]}
        assert deliver_pending(store, _channels(pace=0.0), METRIC, now=NOW + timedelta(hours=1), history=history).sent
    assert sink.posts_per_part(total) == [1] * total
