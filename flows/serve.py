"""`figwatch serve`: the deployments on their schedules, from this one process.

Schedules only fire with a Prefect server (docs/PREFECT.md): without PREFECT_API_URL we
start `prefect server start` on 127.0.0.1 as a child process (SQLite under PREFECT_HOME), wait
for /api/health, and stop it on exit. With PREFECT_API_URL set, that server is used.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from figwatch.config import Settings
from figwatch.errors import FigwatchError


@dataclass
class LocalServer:
    """A `prefect server start` child process on loopback."""

    process: subprocess.Popen[bytes]
    api_url: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_local_server(home: Path, *, port: int | None = None, timeout: float = 120.0) -> LocalServer:
    """Start a Prefect server on 127.0.0.1 and wait until it answers /api/health."""
    port = port or free_port()
    log = home / "prefect-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    prefect = Path(sys.executable).with_name("prefect")
    command = [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    with log.open("ab") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    server = LocalServer(process, f"http://127.0.0.1:{port}/api", log)
    try:
        wait_healthy(server.api_url, timeout=timeout, process=process)
    except BaseException:
        server.stop()
        raise
    return server


def wait_healthy(api_url: str, *, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise FigwatchError(f"the Prefect server exited with status {process.returncode}; see its log")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise FigwatchError(f"the Prefect server at {api_url} did not become healthy in {timeout:.0f} s")


def schedule_options(settings: Settings, interval: float | None = None) -> dict[str, Any]:
    """The monitor's schedule for `to_deployment`: cron (with its timezone) or an interval."""
    if interval is None and settings.schedule.cron:
        from prefect.schedules import Cron

        return {"schedule": Cron(settings.schedule.cron, timezone=settings.schedule.timezone)}
    minutes = interval if interval is not None else settings.schedule.interval_minutes
    return {"interval": timedelta(minutes=minutes)}


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def serve(settings: Settings, *, config: str | None, interval: float | None = None) -> int:
    """Serve `monitor` on its schedule and `backfill` on demand until interrupted."""
    server = None
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so `finally` stops the child server
    if not os.environ.get("PREFECT_API_URL"):
        server = start_local_server(Path(os.environ["PREFECT_HOME"]))
        os.environ["PREFECT_API_URL"] = server.api_url
        print(f"figwatch serve: started a local Prefect server at {server.api_url} (log: {server.log})", flush=True)
    try:
        from prefect import serve as prefect_serve

        from flows.orchestration import backfill, monitor

        config = str(Path(config).absolute()) if config else None
        deployments = [
            monitor.to_deployment(name="monitor", parameters={"config": config}, **schedule_options(settings, interval)),
            backfill.to_deployment(name="backfill", parameters={"config": config}),
        ]
        prefect_serve(*deployments)
    finally:
        if server is not None:
            server.stop()
    return 0
