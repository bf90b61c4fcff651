"""`figwatch serve`: the deployments on their schedules, from this one process.

Schedules only fire with a Prefect server (docs/PREFECT.md): without PREFECT_API_URL we
start Prefect's API on 127.0.0.1 as a child process (SQLite under PREFECT_HOME), wait for
/api/health, and stop it on exit. With PREFECT_API_URL set, that server is used.

The local API can start a backfill, so it is guarded: any local process and any web page the
operator opens can reach 127.0.0.1.
- Prefect's API auth string: from PREFECT_SERVER_API_AUTH_STRING or PREFECT_API_AUTH_STRING when
  set, else generated at each start and written 0600 to <home>/prefect-api-auth for the operator's
  own `prefect` commands (export PREFECT_API_AUTH_STRING="$(cat that file)").
- Prefect's CSRF protection on, CORS limited to the API's own origin.
- Host and Origin checked (figwatch/listeners.py): only 127.0.0.1, localhost and [::1].
- The served flows take no `config`: the settings are those `serve` started with (passed to the
  flow-run processes in FIGWATCH_SERVED_CONFIG), whatever a caller of the API asks for.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from prefect import flow

from figwatch.config import Settings
from figwatch.errors import FigwatchError
from flows.orchestration import backfill, monitor
from flows.prefect_home import first_use

HOST = "127.0.0.1"
SERVED_CONFIG = "FIGWATCH_SERVED_CONFIG"  # the config file `figwatch serve` was started with ("" for defaults)
AUTH_FILE = "prefect-api-auth"
_AUTH_VARIABLES = ("PREFECT_SERVER_API_AUTH_STRING", "PREFECT_API_AUTH_STRING")


def served_config() -> str | None:
    """The settings file the serving process names ("" for the defaults). Unset, the deployment lost its
    environment (prefect.yaml's `work_pool.job_variables`): a clear error, not a quiet run on the defaults."""
    named = os.environ.get(SERVED_CONFIG)
    if named is None:
        raise FigwatchError(f"{SERVED_CONFIG} is not set: the served flows take their settings file from the "
                            "process that serves them (figwatch serve, or the work pool's job variables)")
    return named or None


@flow(name="monitor", description="Harvest every source once, fold new figures, send a digest on change.")
def served_monitor() -> dict[str, Any]:
    """The monitor with the settings `figwatch serve` started with."""
    return monitor.fn(config=served_config())


@flow(name="backfill", description="Historical articles in publication order; history without alerts unless notify.")
def served_backfill(
    since: date | None = None,
    until: date | None = None,
    sources: list[str] | None = None,
    notify: bool = False,
    dry_run: bool = False,
) -> dict[str, Any]:
    """A backfill with the settings `figwatch serve` started with: a caller chooses the window, not the config."""
    return backfill.fn(since=since, until=until, sources=sources, notify=notify, dry_run=dry_run,
                       config=served_config())


@dataclass
class LocalServer:
    """Prefect's API as a child process on loopback."""

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
        s.bind((HOST, 0))
        return s.getsockname()[1]


def api_auth_string(home: Path) -> str:
    """The API's auth string: the environment's, else a new one written 0600 to <home>/prefect-api-auth."""
    for variable in _AUTH_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable]
    auth = f"figwatch:{secrets.token_urlsafe(32)}"
    path = home / AUTH_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older file may have had other modes
        os.write(fd, auth.encode())
    finally:
        os.close(fd)
    return auth


def start_local_server(home: Path, *, auth: str, port: int | None = None, timeout: float = 120.0) -> LocalServer:
    """Start Prefect's API on 127.0.0.1 (auth string, CSRF, Host check) and wait until it answers /api/health."""
    port = port or free_port()
    log = home / "prefect-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_API_AUTH_STRING": auth, "PREFECT_SERVER_CSRF_PROTECTION_ENABLED": "true",
           "PREFECT_SERVER_API_CORS_ALLOWED_ORIGINS": f"http://{HOST}:{port}", "PREFECT_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    with log.open("ab") as sink:
        process = subprocess.Popen([sys.executable, "-m", "flows.serve", str(port)], stdout=sink,
                                   stderr=subprocess.STDOUT, env=env, start_new_session=True)
    server = LocalServer(process, f"http://{HOST}:{port}/api", log)
    try:
        wait_healthy(server.api_url, timeout=timeout, process=process)
    except BaseException:
        server.stop()
        raise
    return server


def run_api_server(port: int) -> None:
    """The child process: Prefect's API and its services, as `prefect server start` runs them, behind the Host check."""
    import uvicorn
    from prefect.server.api.server import create_app

    from figwatch.listeners import LoopbackOnly

    uvicorn.run(LoopbackOnly(create_app(final=True)), host=HOST, port=port, log_level="warning", lifespan="on")


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
    from prefect import serve as prefect_serve
    from prefect.deployments.runner import RunnerDeployment
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

    server, local = None, {}
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so `finally` stops the child server
    os.environ[SERVED_CONFIG] = str(Path(config).absolute()) if config else ""  # fixed for every flow run
    if not os.environ.get("PREFECT_API_URL"):
        auth = api_auth_string(Path(settings.home))
        with first_use():
            server = start_local_server(Path(os.environ["PREFECT_HOME"]), auth=auth)
        os.environ.update(PREFECT_API_URL=server.api_url, PREFECT_API_AUTH_STRING=auth)  # for the flow-run processes
        local = {PREFECT_API_URL: server.api_url, PREFECT_API_AUTH_STRING: auth}  # this one read them at import
        print(f"figwatch serve: started a local Prefect server at {server.api_url} (log: {server.log}; "
              f"auth string: {Path(settings.home) / AUTH_FILE} unless set in the environment)", flush=True)
    try:
        with temporary_settings(updates=local):
            deployments: list[RunnerDeployment] = []
            for made in (served_monitor.to_deployment(name="monitor", **schedule_options(settings, interval)),
                         served_backfill.to_deployment(name="backfill")):
                # to_deployment gives a coroutine only when called inside an event loop; serve runs outside one
                if not isinstance(made, RunnerDeployment):
                    raise FigwatchError(f"prefect's to_deployment gave {type(made).__name__}, not a RunnerDeployment")
                deployments.append(made)
            prefect_serve(*deployments)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    run_api_server(int(sys.argv[1]))
