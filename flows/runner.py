"""Where `figwatch run` and `figwatch backfill` run: the plain steps in this process, or the Prefect flow.

The plain steps need neither Prefect (its import alone takes about 2.5 s) nor a server. Through
the flow, the run is visible in Prefect's UI, but without a server Prefect starts a temporary one
for that single run (10-25 s). So a run goes through the flow when a Prefect server is configured
and answers (PREFECT_API_URL set, /health within HEALTH_TIMEOUT), or when `--prefect` asks for it;
otherwise (or with `--direct`) it runs the steps directly. docs/PREFECT.md has the measurements.
"""
from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from figwatch.errors import ConfigError

HEALTH_TIMEOUT = 1.0  # seconds: a server slower than this to say it is healthy is not worth waiting for


@dataclass(frozen=True)
class Choice:
    prefect: bool  # run through the flow
    note: str | None = None  # one line for the user when the choice may surprise


def server_answers(api_url: str, *, timeout: float = HEALTH_TIMEOUT) -> bool:
    """True when the Prefect API at `api_url` answers its health check in time."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):  # refused, timed out, not a URL
        return False


def choose(*, prefect: bool, direct: bool, env: Mapping[str, str] = os.environ,
           timeout: float = HEALTH_TIMEOUT) -> Choice:
    """The flow when asked, or when the configured server answers; the plain steps otherwise."""
    if direct:
        return Choice(prefect=False)
    api_url = env.get("PREFECT_API_URL")
    if not api_url:
        return Choice(prefect=prefect)  # --prefect without a server: Prefect's temporary one
    if server_answers(api_url, timeout=timeout):
        return Choice(prefect=True)
    if prefect:
        raise ConfigError(f"no Prefect server answers at {api_url} (--direct runs without one)", key="PREFECT_API_URL")
    return Choice(prefect=False, note=f"no Prefect server answers at PREFECT_API_URL={api_url}: "
                                      "running without Prefect (--prefect insists on it)")
