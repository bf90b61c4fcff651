"""Two first runs on a fresh Prefect home at once: one sets Prefect up, the other waits its turn,
and neither prints a migration traceback. The test holds the set-up lock itself first, so it sees
both runs wait for it (the kernel's list of blocked file locks) before either starts Prefect."""
from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import pytest

from flows.prefect_home import LOCK_FILE, ready_marker
from tests.cli.helpers import FIGWATCH
from tests.flows.helpers import write_config

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def _waiting_for_a_lock() -> set[int]:
    """Pids blocked on a file lock ("->" lines of /proc/locks)."""
    rows = (line.split() for line in Path("/proc/locks").read_text().splitlines())
    return {int(row[5]) for row in rows if len(row) > 5 and row[1] == "->"}


def test_two_first_runs_on_a_fresh_prefect_home_take_turns(tmp_path):
    home = tmp_path / "prefect"
    home.mkdir()
    env = {**os.environ, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    configs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        configs.append(str(write_config(tmp_path / name)))
    with (home / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # --prefect: a run goes through Prefect (and its first-use lock) only when asked or a server answers
        runs = [subprocess.Popen([FIGWATCH, "run", "--prefect", "--config", c],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, env=env) for c in configs]
        deadline = time.monotonic() + 180
        while not {r.pid for r in runs} <= _waiting_for_a_lock():
            assert time.monotonic() < deadline and all(r.poll() is None for r in runs), "the runs did not wait"
            time.sleep(0.2)
        assert not (home / "prefect.db").exists()  # nobody started Prefect while the set-up was taken
    for run in runs:
        out, err = run.communicate(timeout=400)
        assert run.returncode == 0, err[-3000:]
        assert "Traceback" not in err and "ERROR" not in err, err[-3000:]
        assert "5 new" in out
    assert ready_marker(home).exists()
