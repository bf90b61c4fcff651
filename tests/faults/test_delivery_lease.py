"""A delivery's lease is counted from its claim and renewed while sending.

A monitor run whose harvest takes longer than the lease claims a Slack digest of many parts;
meanwhile `figwatch deliver` runs. The webhook on loopback counts what it accepted: each part
exactly once (before: the lease, counted from the run's start, had run out at the claim, and
the second sender posted every part again).
"""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from alerts import render_digest
from figwatch.config import load_settings
from figwatch.store import Store
from flows.cli import main
from flows.jobs import run_monitor
from tests.alerts.slack_sink import HOOK, METRIC, SlackSink, big_digest

ENV = "FIGWATCH_TEST_SLACK_LEASE_URL"
EMPTY_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title></channel></rss>'


def _feed_after(delay: float):
    def answer(request: Request) -> Response:
        time.sleep(delay)
        return Response(EMPTY_FEED, content_type="application/rss+xml")
    return answer


def _config(tmp_path: Path, feed: str, lease_s: float, pace: float) -> Path:
    path = tmp_path / "figwatch.toml"
    path.write_text(
        f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "figwatch.db"}"\n'
        f'[[sources]]\nname = "slow"\nurl = "{feed}"\n[fetch]\npolite_delay = 0\nretries = 0\n'
        f'[alerts]\ndelivery_lease_minutes = {lease_s / 60}\n[alerts.files]\ndir = "{tmp_path / "digests"}"\n'
        f'[alerts.slack]\nwebhook_url_env = "{ENV}"\npace = {pace}\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(("lease_s", "harvest_s", "pace", "hold_at", "events"), [
    (3.0, 3.5, 0.0, 1, 200),  # the harvest outlasts the lease; the second sender comes at the first part
    (2.4, 0.0, 0.8, 5, 120),  # sending outlasts the lease (four parts, paced): renewed after each part
], ids=["long-harvest", "long-send"])
def test_a_second_sender_during_a_long_run_never_posts_a_part_again(tmp_path, monkeypatch, lease_s, harvest_s,
                                                                     pace, hold_at, events):
    sink = SlackSink(hold_at=hold_at)  # the run's post of that part waits until the second sender is done
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(HOOK, method="POST").respond_with_handler(sink)
    server.expect_request("/feed").respond_with_handler(_feed_after(harvest_s))
    server.start()
    monkeypatch.setenv(ENV, server.url_for(HOOK))
    config = _config(tmp_path, server.url_for("/feed"), lease_s, pace)
    created = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        digest = store.compose_digest(lambda _: big_digest(created, events), ["slack"], now=created, allow_empty=True)
    assert digest is not None
    total = len(render_digest(digest, METRIC).slack_messages)
    run = threading.Thread(target=run_monitor, args=(load_settings(config),))
    try:
        run.start()
        assert sink.held.wait(30), "the run never posted"
        assert main(["deliver", "--config", str(config)]) == 0  # the concurrent sender
        sink.release.set()
        run.join(60)
    finally:
        sink.release.set()
        server.clear()
        server.stop()
    assert total > hold_at and sink.posts_per_part(total) == [1] * total
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        assert [(d.status, d.parts_sent) for d in store.deliveries()] == [("sent", total)]
