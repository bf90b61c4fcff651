"""Watchdogs speak on transitions: failing, recovered, stale, missed run; and a notices-only digest."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from alerts import (
    build_channels,
    build_digest,
    render_digest,
    watch_schedule,
    watch_sources,
    watch_stale,
)
from figwatch.config import AlertSettings, FilesSettings
from figwatch.models import Figure, SourceHealth
from tests.alerts.alerts_fakes import METRICS, NOW, claim

T = datetime(2026, 11, 20, 6, 30, tzinfo=timezone.utc)


def test_sources_failing_after_n_runs_and_recovering_are_named_once():
    health = [
        SourceHealth("yonhap", last_success=T, last_error="HTTP 503\nService Unavailable", consecutive_failures=3),
        SourceHealth("kcna", consecutive_failures=2, last_error="timeout"),
        SourceHealth("tass", last_success=NOW, consecutive_failures=0),
        SourceHealth("reuters", consecutive_failures=9),
    ]
    notices = watch_sources(health, previous_failing={"tass", "reuters"}, failing_after=3)
    assert [(n.kind, n.subject) for n in notices] == [("source_recovered", "tass"), ("source_failing", "yonhap")]
    assert ("failed 3 runs in a row (HTTP 503 Service Unavailable; last success 2026-11-20 06:30 UTC)"
            in notices[1].message)


def test_stale_metrics_count_days_to_the_run_and_quiet_against_coverage():
    def on(c, when):
        return replace(c, published=when)

    jan = on(claim("casualties.total", 4000, "approx"), datetime(2025, 1, 24, tzinfo=timezone.utc))
    mar = on(claim("troops.deployed", 11000), datetime(2025, 3, 27, tzinfo=timezone.utc))
    figures = {
        "casualties.total": Figure("casualties.total", history=(jan,)),
        "troops.deployed": Figure("troops.deployed", history=(mar,)),
        "weapons.shells": Figure("weapons.shells"),
    }
    # the run is long after the archive: troops is as fresh as the coverage, casualties has been
    # quiet 62 days of it; the reader is told how long ago that is from today, the run
    stale = watch_stale(figures, NOW, 14, metrics=METRICS)
    assert [n.subject for n in stale] == ["casualties.total"]
    assert stale[0].message == "No new report on Casualties (total) for 668 days (last: about 4,000 on 24 Jan 2025)"
    assert watch_stale(figures, NOW, 14, already={"casualties.total"}) == []
    assert watch_stale(figures, NOW, 90) == []


def test_missed_runs():
    hour = timedelta(hours=1)
    assert watch_schedule(None, NOW, hour) == [] and watch_schedule(NOW - hour, NOW, hour) == []
    missed = watch_schedule(NOW - 5 * hour, NOW, hour)
    assert missed[0].kind == "run_missed" and "No run for 5 hours (expected every 1 hour" in missed[0].message


def test_a_digest_of_notices_only_renders_everywhere(tmp_path):
    notices = watch_schedule(NOW - timedelta(days=2), NOW, timedelta(minutes=30))
    d = build_digest([], notices, METRICS, now=NOW)
    assert d.subject.startswith("figwatch: No run for 2 days")
    r = render_digest(d, METRICS)
    assert "MISSED RUNS" in r.text and "Missed runs" in r.html
    assert any("No run for 2 days" in b["text"]["text"] for b in r.slack_messages[0]["blocks"]
               if b["type"] == "section")
    channels = build_channels(AlertSettings(files=FilesSettings(dir=str(tmp_path))))
    assert list(channels) == ["files"]
