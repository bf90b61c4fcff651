"""Two monitor runs at once on one database: each event once, each digest once, each send once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from figwatch.store import Store
from tests.flows.helpers import write_config

FIGWATCH = str(Path(sys.executable).with_name("figwatch"))


def test_two_monitor_runs_at_once_record_and_send_everything_once(store_url, tmp_path):
    config = write_config(tmp_path, db_url=store_url)
    config.write_text(config.read_text().replace("[store]\n", "[store]\nbatch_size = 1\n"), encoding="utf-8")
    runs = [subprocess.Popen([FIGWATCH, "run", "--direct", "--json", "--config", str(config)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-1500:] for _, err in outcomes]

    with Store.open(store_url) as store:
        events = store.events()
        keys = [(e.kind, e.metric, e.new.value, e.new.source_key, e.new.published) for e in events]
        assert len(keys) == len(set(keys)) and events
        deliveries = store.deliveries()
        assert [(d.channel, d.status) for d in deliveries] == [("files", "sent")]
        assert all(e.id is not None for e in store.events(deliveries[0].digest_id))
        assert len(store.events(deliveries[0].digest_id)) == len(events)
    assert len(list((tmp_path / "digests").glob("digest-*.json"))) == 1
