"""Strings from outside reach Slack escaped for mrkdwn, everywhere in the payload.

A source name read in an article and a failing feed's error (its Content-Type header) carry
`<!here>`, `<!channel>` and a disguised link `<https://evil.example|...>`; the JSON posted to a
webhook on loopback holds none of them unescaped: not in the blocks, not in the top-level
`text` (Slack's notification), not in the header.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from alerts import build_channels, build_digest, deliver_pending
from figwatch.config import AlertSettings, SlackSettings, load_settings
from flows.jobs import run_monitor
from tests.alerts.alerts_fakes import METRICS, NOW, MemoryOutbox, changed
from tests.alerts.slack_sink import HOOK, SlackSink, serve

ENV = "FIGWATCH_TEST_SLACK_ESCAPE_URL"
HOSTILE = "<!here> <!channel> <https://evil.example/phish|Official NIS> & <@U123>"
ARTICLE = "https://news.example/nk/1?a=1&b=2"


@contextmanager
def webhook(sink: SlackSink, monkeypatch):
    for server in serve(sink):
        monkeypatch.setenv(ENV, server.url_for(HOOK))
        yield server


def _raw(sink: SlackSink) -> str:
    import json

    return "".join(json.dumps(b, ensure_ascii=False) for b in sink.bodies)


def _assert_nothing_unescaped(raw: str, links: set[str]) -> None:
    assert raw, "nothing was posted"
    assert "<!" not in raw and "<@" not in raw
    assert set(re.findall(r"<(https?://[^|>]*)", raw)) <= links  # only the links figwatch made


def test_a_hostile_source_name_is_escaped_in_text_header_and_blocks(monkeypatch):
    event = changed("casualties.total", 3000, 4000, who=HOSTILE, outlet=HOSTILE, evidence=f"{HOSTILE} said 4,000.",
                    url=ARTICLE)
    box = MemoryOutbox()
    digest = box.add(build_digest([event], [], METRICS, now=NOW), ["slack"])
    assert "<!here>" in digest.subject  # the subject names the source as read
    sink = SlackSink()
    with webhook(sink, monkeypatch):
        channels = build_channels(AlertSettings(files=None, slack=SlackSettings(webhook_url_env=ENV, pace=0)))
        assert deliver_pending(box, channels, METRICS, now=NOW).sent == 1
    (message,) = sink.bodies
    assert "&lt;!here&gt;" in message["text"] and "&lt;!here&gt;" in message["blocks"][0]["text"]["text"]
    _assert_nothing_unescaped(_raw(sink), {"https://news.example/nk/1?a=1&amp;b=2",
                                           "https://news.example/casualties.total/2"})


def test_a_failing_feeds_error_reaches_slack_escaped(tmp_path: Path, httpserver, monkeypatch):
    # The feed answers HTML, so its error quotes the Content-Type header the server chose.
    httpserver.expect_request("/feed").respond_with_data("<html><body>moved</body></html>",
                                                         content_type=f"text/html; x={HOSTILE}")
    config = tmp_path / "figwatch.toml"
    config.write_text(
        f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "figwatch.db"}"\n'
        f'[[sources]]\nname = "wire"\nurl = "{httpserver.url_for("/feed")}"\n[fetch]\npolite_delay = 0\nretries = 0\n'
        f'[alerts]\nfailing_after_runs = 1\n[alerts.files]\ndir = "{tmp_path / "digests"}"\n'
        f'[alerts.slack]\nwebhook_url_env = "{ENV}"\npace = 0\n',
        encoding="utf-8",
    )
    sink = SlackSink()
    with webhook(sink, monkeypatch):
        report = run_monitor(load_settings(config))
    assert report.source_errors and "<!channel>" in report.source_errors["wire"]  # it did come in hostile
    assert any("Sources failing" in b["text"]["text"] for m in sink.bodies for b in m["blocks"] if "text" in b)
    _assert_nothing_unescaped(_raw(sink), set())
