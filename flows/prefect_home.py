"""Prefect's home folder on this machine: its first set-up is done by one figwatch at a time.

Prefect creates and migrates its SQLite database when its first server starts on a home (the
ephemeral server of `figwatch run`, `prefect server start` under `figwatch serve`), behind a lock
that holds only inside one process: two first runs at once on a fresh home race through the
migrations, and the loser prints a traceback. So until a figwatch has started Prefect on this
home once (a marker file per Prefect version: an upgrade migrates again), figwatch takes an
exclusive file lock around that start. Later runs never wait.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

LOCK_FILE = ".figwatch-first-setup.lock"


def ready_marker(home: Path) -> Path:
    return home / f".figwatch-ready-prefect-{version('prefect')}"


@contextmanager
def first_use() -> Iterator[None]:
    """Around a first start of Prefect on the local PREFECT_HOME: alone until it is set up.

    Nothing to do with a server elsewhere (PREFECT_API_URL) or once the home is set up.
    """
    if os.environ.get("PREFECT_API_URL") or not os.environ.get("PREFECT_HOME"):
        yield
        return
    home = Path(os.environ["PREFECT_HOME"])
    if ready_marker(home).exists():
        yield
        return
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also on an error
        if ready_marker(home).exists():  # set up by the process we waited for
            fcntl.flock(lock, fcntl.LOCK_UN)
            yield
            return
        yield
        ready_marker(home).touch()
