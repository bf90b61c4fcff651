"""The monitor and backfill recipes without Prefect, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest

from figwatch.config import load_settings
from figwatch.errors import ConfigError
from flows.jobs import BackfillRequest, report_json, run_backfill, run_monitor
from tests.flows.helpers import assert_seed_story, changes, write_config


def test_monitor_on_seeds_then_nothing_new(store_url, tmp_path):
    settings = load_settings(write_config(tmp_path, db_url=store_url))
    first = report_json(run_monitor(settings))
    assert_seed_story(first)
    again = report_json(run_monitor(settings))
    assert (again["articles_new"], again["events"], again["digests"]) == (0, [], [])


def test_backfill_january_only_gives_january_figures(store_url, tmp_path):
    settings = load_settings(write_config(tmp_path, db_url=store_url))
    report = report_json(run_backfill(settings, BackfillRequest(date(2025, 1, 1), date(2025, 1, 31))))
    assert report["articles_seen"] == 3
    assert {e["published"][:7] for e in report["events"]} == {"2025-01"}
    metrics = {e["metric"] for e in report["events"]}
    assert not metrics & {"casualties.killed", "casualties.wounded", "troops.additional", "weapons.artillery_systems"}
    assert report["digests"] == []


def test_backfill_is_idempotent_and_later_monitor_alerts_only_on_news(store_url, tmp_path):
    settings = load_settings(write_config(tmp_path, db_url=store_url))
    run_backfill(settings, BackfillRequest(until=date(2025, 1, 31)))
    again = report_json(run_backfill(settings, BackfillRequest(until=date(2025, 1, 31))))
    assert (again["articles_new"], again["events"]) == (0, [])
    later = report_json(run_monitor(settings))
    assert later["articles_new"] == 2
    assert changes(later)["casualties.total"] == (3000, 4000)
    assert len(later["digests"]) == 1


def test_backfill_dry_run_stores_nothing(tmp_path):
    settings = load_settings(write_config(tmp_path))
    dry = report_json(run_backfill(settings, BackfillRequest(dry_run=True)))
    assert dry["articles_new"] == 5 and dry["events"]
    real = report_json(run_backfill(settings, BackfillRequest()))
    assert real["articles_new"] == 5


def test_backfill_with_notify_sends_one_digest(tmp_path):
    settings = load_settings(write_config(tmp_path))
    report = report_json(run_backfill(settings, BackfillRequest(notify=True)))
    assert len(report["digests"]) == 1
    assert len(list((tmp_path / "digests").glob("digest-*.html"))) == 1


def test_backfill_unknown_source_is_a_clear_error(tmp_path):
    settings = load_settings(write_config(tmp_path))
    with pytest.raises(ConfigError, match="no source named 'nope'"):
        run_backfill(settings, BackfillRequest(sources=("nope",)))


def test_a_long_backfill_lists_the_first_events_and_counts_them_all(tmp_path, monkeypatch):
    import flows.steps

    monkeypatch.setattr(flows.steps, "REPORTED_EVENTS", 3)
    settings = load_settings(write_config(tmp_path))
    report = report_json(run_backfill(settings, BackfillRequest()))
    assert len(report["events"]) == 3
    assert sum(report["event_counts"].values()) == 11 and report["event_counts"]["changed"] == 1
