"""One dead source among good ones: runs succeed, health records it, and a digest names it once."""
from __future__ import annotations

import json

from figwatch.config import load_settings
from flows.jobs import report_json, run_monitor
from flows.steps import open_runtime
from tests.alerts.smtp_helpers import free_port
from tests.flows.helpers import write_config


def test_dead_source_is_recorded_and_named_once_when_it_crosses_the_limit(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    extra = (f'[[sources]]\nname = "dead"\nurl = "{dead}"\n'
             '[fetch]\nretries = 0\npolite_delay = 0.0\n[alerts]\nfailing_after_runs = 2\n')
    settings = load_settings(write_config(tmp_path, extra=extra))

    first = report_json(run_monitor(settings))
    assert first["articles_new"] == 5 and "dead" in first["source_errors"]
    assert len(first["digests"]) == 1  # the seed figures; the dead source has failed only once

    second = report_json(run_monitor(settings))
    assert second["events"] == [] and len(second["digests"]) == 1  # a notice-only digest
    notice = json.loads(next(tmp_path.glob(f"digests/digest-{second['digests'][0]}-*.json")).read_text())
    assert "dead" in json.dumps(notice["notices"])

    third = report_json(run_monitor(settings))
    assert third["digests"] == []  # already named: not repeated every run

    rt = open_runtime(settings)
    health = {h.name: h for h in rt.store.source_health()}
    rt.store.close()
    assert health["dead"].consecutive_failures == 3 and health["dead"].last_error
    assert health["seeds"].consecutive_failures == 0 and health["seeds"].last_success is not None
