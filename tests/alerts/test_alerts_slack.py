"""Slack against a real HTTP server on loopback: Block Kit limits, splitting, retries, secrets."""
from __future__ import annotations

import json
import re
import threading
from datetime import timedelta

import pytest
from werkzeug import Request, Response

from alerts import (
    SlackChannel,
    build_channels,
    build_digest,
    deliver_pending,
    render_digest,
)
from alerts.digest_view import digest_view
from alerts.slack_blocks import link, mrkdwn_escape, split_text
from figwatch.config import AlertSettings, SlackSettings
from figwatch.errors import ConfigError
from figwatch.models import Metric
from tests.alerts.alerts_fakes import METRICS, NOW, MemoryOutbox, changed

HOOK = "/services/T000/B000/xoxSECRETtoken"
ENV = "FIGWATCH_TEST_SLACK_URL"


@pytest.fixture
def webhook(httpserver, monkeypatch):
    url = httpserver.url_for(HOOK)
    monkeypatch.setenv(ENV, url)
    return url


def _channel(timeout: float = 10.0) -> SlackChannel:
    slack = SlackSettings(webhook_url_env=ENV, timeout=timeout, pace=0)
    return build_channels(AlertSettings(files=None, slack=slack))["slack"]


def _posted(httpserver) -> list[dict]:
    return [json.loads(req.get_data()) for req, _ in httpserver.log]


def _check_limits(message: dict) -> None:
    blocks = message["blocks"]
    assert message["text"] and len(blocks) <= 50
    assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
    for b in blocks:
        if b["type"] == "section":
            assert 0 < len(b["text"]["text"]) <= 3000
        if b["type"] == "context":
            assert len(b["elements"]) <= 10 and all(len(e["text"]) <= 2000 for e in b["elements"])


def _big_digest(n: int = 60):
    metrics = {f"m.{i}": Metric(f"m.{i}", f"Figure number {i} & <more>", "units") for i in range(n)}
    events = [changed(f"m.{i}", 1000 + i, 2000 + 7 * i, evidence=f"Quote {i}: " + f"word{i} " * (40 + 5 * i))
              for i in range(n)]
    events.append(changed("m.0", 5, 6, evidence="Huge " + "x" * 20 + (" long" * 1500)))  # one 7,500-char quote
    return build_digest(events, [], metrics, now=NOW), metrics


def test_sixty_changes_split_into_valid_messages_with_nothing_cut(httpserver, webhook):
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    digest, metrics = _big_digest()
    box = MemoryOutbox()
    digest = box.add(digest, ["slack"])
    report = deliver_pending(box, {"slack": _channel()}, metrics, now=NOW)
    posted = _posted(httpserver)
    assert report.sent == 1 and len(posted) > 1
    assert posted == [json.loads(json.dumps(m)) for m in render_digest(digest, metrics).slack_messages]
    everything = ""
    for i, message in enumerate(posted, 1):
        _check_limits(message)
        assert f"(part {i} of {len(posted)})" in message["blocks"][0]["text"]["text"]
        everything += "".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    squeezed = re.sub(r"\s+", "", everything)
    items = digest_view(digest, metrics).items
    assert len(items) == 60  # one item per metric: m.0's second change is told once, by its larger one
    for item in items:
        assert item.cite is not None and re.sub(r"\s+", "", mrkdwn_escape(item.cite.quote)) in squeezed
        assert mrkdwn_escape(f"Figure number {item.metric[2:]} & <more>") in everything
    assert "<more>" not in everything


def test_500_then_200_is_delivered_exactly_once_on_the_next_call(httpserver, webhook):
    httpserver.expect_oneshot_request(HOOK, method="POST").respond_with_data("boom " + webhook, status=500)
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    box = MemoryOutbox()
    box.add(build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW), ["slack"])
    channels = {"slack": _channel()}
    first = deliver_pending(box, channels, METRICS, now=NOW)
    error = box.rows[1].last_error
    assert first.failed == 1 and "answered 500" in error and "xoxSECRETtoken" not in error + repr(first)
    second = deliver_pending(box, channels, METRICS, now=NOW + timedelta(hours=1))
    for _ in range(3):
        assert deliver_pending(box, channels, METRICS, now=NOW + timedelta(days=1)).sent == 0
    assert second.sent == 1 and len(httpserver.log) == 2 and box.rows[1].status == "sent"


def test_a_failed_part_resumes_without_reposting_the_parts_slack_accepted(httpserver, webhook):
    digest, metrics = _big_digest()
    digest = MemoryOutbox().add(digest, ["slack"])
    rendered = render_digest(digest, metrics)
    total = len(rendered.slack_messages)
    calls = {"n": 0}

    def second_fails(request: Request) -> Response:
        calls["n"] += 1
        return Response("busy", status=503) if calls["n"] == 2 else Response("ok")

    httpserver.expect_request(HOOK, method="POST").respond_with_handler(second_fails)
    channel = _channel()
    with pytest.raises(Exception, match=f"message 2 of {total}"):
        channel.send(rendered, digest)
    channel.send(rendered, digest)
    headers = [m["blocks"][0]["text"]["text"] for m in _posted(httpserver)]
    assert len(headers) == total + 1 and headers[1] == headers[2]  # only part 2 went twice


def test_timeout_after_slack_received_is_recorded_honestly_and_retried(httpserver, webhook):
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response("ok")

    httpserver.expect_oneshot_request(HOOK, method="POST").respond_with_handler(slow)
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    box = MemoryOutbox()
    box.add(build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW), ["slack"])
    channels = {"slack": _channel(timeout=0.5)}
    try:
        first = deliver_pending(box, channels, METRICS, now=NOW)
    finally:
        release.set()
    row = box.rows[1]
    assert first.failed == 1 and row.status == "failed" and row.next_attempt_at is not None
    assert "timed out waiting for the answer" in row.last_error and "may have posted" in row.last_error
    assert "xoxSECRETtoken" not in row.last_error
    assert deliver_pending(box, channels, METRICS, now=NOW + timedelta(hours=1)).sent == 1


def test_4xx_is_not_retried_and_config_errors_name_the_variable(httpserver, webhook, monkeypatch):
    httpserver.expect_request(HOOK, method="POST").respond_with_data("invalid_blocks", status=400)
    box = MemoryOutbox()
    box.add(build_digest([changed("casualties.total", 3000, 4000)], [], METRICS, now=NOW), ["slack"])
    deliver_pending(box, {"slack": _channel()}, METRICS, now=NOW)
    assert box.rows[1].next_attempt_at is None and "invalid_blocks" in box.rows[1].last_error
    monkeypatch.setenv(ENV, "ftp://secret-host/hook")
    with pytest.raises(ConfigError) as caught:
        _channel()
    assert ENV in str(caught.value) and "secret-host" not in str(caught.value)
    monkeypatch.delenv(ENV)
    with pytest.raises(ConfigError, match=ENV):
        _channel()


def test_mrkdwn_escaping_links_and_splitting_helpers():
    assert mrkdwn_escape("a & <!channel> > b") == "a &amp; &lt;!channel&gt; &gt; b"
    assert link("https://x.example/?a=1&b=<2>|3", "R&D <news>") == \
        "<https://x.example/?a=1&amp;b=&lt;2&gt;%7C3|R&amp;D &lt;news&gt;>"
    text = "&amp;" * 700
    pieces = split_text(text, 3000)
    assert "".join(pieces) == text and all(len(p) <= 3000 and p.startswith("&amp;") for p in pieces)
