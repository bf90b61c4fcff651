"""docker-compose.yml's topology run natively on loopback, once for this module: a Prefect server
on a fresh PostgreSQL database, the work pool prefect.yaml names, prefect.yaml's deployments
registered as docker/worker-entrypoint.sh registers them, and a process worker that runs them.

prefect.yaml assumes the image's /app; it is deployed from a copy whose /app paths point at this
checkout and at a test settings file (the seeds, SQLite and digests under tmp: no mail catcher
here, so no email channel), everything else as written.
"""
from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest
import yaml

from flows.serve import HOST, LocalServer, free_port, wait_healthy
from tests.flows.helpers import wait_for as _wait
from tests.flows.helpers import write_config

pytestmark = [pytest.mark.prefect, pytest.mark.postgres, pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COMPOSE_SETTINGS = ROOT / "docker/figwatch.toml"
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@dataclass
class Topology:
    api: str  # the server's API URL
    env: dict[str, str]  # the worker's environment (compose's `worker` service)
    settings: Path  # what FIGWATCH_SERVED_CONFIG names in the deployed copy of prefect.yaml
    digests: Path
    worker_log: Path

    def prefect(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "prefect"), *args], env=self.env, cwd=ROOT, capture_output=True,
                              text=True, timeout=180)

    def get(self, path: str) -> Any:
        reply = httpx.get(f"{self.api}{path}", timeout=10)
        reply.raise_for_status()
        return reply.json()


def _pool() -> str:
    """The one work pool prefect.yaml's deployments name (FIGWATCH_POOL in compose)."""
    pools = {d["work_pool"]["name"] for d in yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]}
    assert len(pools) == 1, pools
    return pools.pop()


def _schedule_exports(env: dict[str, str]) -> dict[str, str]:
    """FIGWATCH_CRON and FIGWATCH_TIMEZONE as the entrypoint sets them (`eval "$(python docker/schedule_env.py)"`)."""
    done = subprocess.run([sys.executable, str(ROOT / "docker/schedule_env.py"), str(COMPOSE_SETTINGS)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return dict(pair.split("=", 1) for pair in shlex.split(done.stdout)[1:])  # "export A=... B=..."


def _settings(folder: Path) -> Path:
    """The compose settings with this machine's paths: the seeds, SQLite and digests under `folder`,
    docker/figwatch.toml's [schedule] as written."""
    schedule = re.search(r"^\[schedule\]\n(?:[^\[\n].*\n)*", COMPOSE_SETTINGS.read_text(), re.M)
    assert schedule, "docker/figwatch.toml has no [schedule]"
    return write_config(folder, extra=schedule.group(0))


def _deployed_prefect_yaml(folder: Path, settings: Path) -> Path:
    """prefect.yaml with the image's /app paths rewritten to this checkout and `settings`."""
    text = (ROOT / "prefect.yaml").read_text()
    assert "/app/docker/figwatch.toml" in text and "directory: /app\n" in text
    text = text.replace("/app/docker/figwatch.toml", str(settings)).replace("directory: /app\n", f"directory: {ROOT}\n")
    assert "/app" not in text, "prefect.yaml names another /app path: rewrite it here too"
    path = folder / "prefect.yaml"
    path.write_text(text)
    return path


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A child in its own process group (its flow-run processes with it), output to `log`."""
    with log.open("ab") as sink:
        return subprocess.Popen(args, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the child's process group, SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=grace)
            os.killpg(process.pid, 0)  # the group may outlive its leader
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            break
    process.wait()


def _run_id(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.search(r"UUID: ([0-9a-f-]{36})", done.stdout)
    assert found, done.stdout
    return found.group(1)


def _terminal(topology: Topology, run: str) -> dict[str, Any] | None:
    """The flow run's state once it has ended."""
    state: dict[str, Any] = topology.get(f"/flow_runs/{run}")["state"]
    return state if state["type"] in TERMINAL else None


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory, pg_database: Callable[[], str]) -> Iterator[Topology]:
    from sqlalchemy.engine import make_url

    tmp = tmp_path_factory.mktemp("topology")
    started: list[subprocess.Popen[bytes]] = []
    database = make_url(pg_database()).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    port = free_port()
    api = f"http://{HOST}:{port}/api"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_", "FIGWATCH_"))}
    base.update(PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
                PYTHONPATH=str(ROOT))  # this checkout's code in every child, the flow runs' too
    try:
        # compose's prefect-server service
        server_log = tmp / "server.log"
        started.append(_start([str(BIN / "prefect"), "server", "start", "--host", HOST, "--port", str(port)],
                              {**base, "PREFECT_API_DATABASE_CONNECTION_URL": database, "PREFECT_UI_ENABLED": "false"},
                              server_log))
        server = LocalServer(started[-1], api, server_log)

        # compose's worker service, docker/worker-entrypoint.sh line by line; the two steps that need
        # no server run while it starts (it migrates its fresh database: most of this test's time)
        settings = _settings(tmp)
        topology = Topology(api, {**base, **_schedule_exports(base), "PREFECT_API_URL": api,
                                  "FIGWATCH_HOME": str(tmp / "data"),
                                  "PREFECT_WORKER_QUERY_SECONDS": "2"},  # the default 10 s poll, shortened
                            settings, tmp / "digests", tmp / "worker.log")
        upgraded = subprocess.run([str(BIN / "figwatch"), "db", "upgrade", "--config", str(settings)],
                                  env=topology.env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
        wait_healthy(api, timeout=180, process=server.process)
        pool = _pool()
        # `prefect work-pool inspect POOL || prefect work-pool create ...`, the inspect asked of the API
        # directly (one CLI start-up less)
        if httpx.get(f"{api}/work_pools/{pool}", timeout=10).status_code == 404:
            created = topology.prefect("work-pool", "create", pool, "--type", "process")
            assert created.returncode == 0, created.stdout + created.stderr
        # the worker starts polling the pool while the deployments are registered
        started.append(_start([str(BIN / "prefect"), "worker", "start", "--pool", pool, "--type", "process"],
                              topology.env, topology.worker_log))
        deployed = topology.prefect("--no-prompt", "deploy", "--all",
                                    "--prefect-file", str(_deployed_prefect_yaml(tmp, settings)))
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        yield topology
    finally:
        for process in reversed(started):
            _stop(process)
        # the database is dropped (WITH (FORCE)) by pg_database at the end of the session


def test_the_monitor_deployment_carries_the_schedule_of_docker_figwatch_toml(topology: Topology) -> None:
    import tomllib

    written = tomllib.loads(COMPOSE_SETTINGS.read_text())["schedule"]
    monitor = topology.get("/deployments/name/monitor/monitor")
    schedules = [s["schedule"] for s in monitor["schedules"]]
    assert [(s.get("cron"), s.get("timezone")) for s in schedules] == [(written["cron"], written["timezone"])]
    assert monitor["work_pool_name"] == _pool()
    assert monitor["job_variables"]["env"]["FIGWATCH_SERVED_CONFIG"] == str(topology.settings)


def test_a_backfill_triggered_from_the_cli_runs_on_the_worker_and_writes_the_digest(topology: Topology) -> None:
    run = _run_id(topology.prefect("deployment", "run", "backfill/backfill", "-p", "notify=true"))
    state = _wait(lambda: _terminal(topology, run), 300, "the backfill run to end", topology.worker_log)
    assert state["type"] == "COMPLETED", (state, topology.worker_log.read_text()[-4000:])
    assert list(topology.digests.glob("*.txt")), sorted(topology.digests.parent.rglob("*"))


def test_a_run_asking_for_another_config_is_refused(topology: Topology, tmp_path: Path) -> None:
    """The served flows take no `config` parameter: the settings are the worker's, whoever starts a run."""
    # Past the CLI's own check, straight to the API, with settings that would leave a trace if used.
    # The server checks parameters against the flow's schema but lets unknown ones through, so the
    # run is created; the flow must then refuse the parameter, not use it.
    elsewhere = write_config(tmp_path)
    backfill = topology.get("/deployments/name/backfill/backfill")
    created = httpx.post(f"{topology.api}/deployments/{backfill['id']}/create_flow_run",
                         json={"parameters": {"config": str(elsewhere)}}, timeout=10)
    assert created.status_code in (201, 409, 422), created.text

    hijack = topology.prefect("deployment", "run", "backfill/backfill", "-p", "config=/etc/passwd")
    assert hijack.returncode != 0, hijack.stdout
    assert "'config'" in hijack.stdout + hijack.stderr  # "specified but not found on the deployment"

    if created.status_code == 201:
        run = created.json()["id"]
        state = _wait(lambda: _terminal(topology, run), 300, "the run asking for another config to end",
                      topology.worker_log)
        assert state["type"] != "COMPLETED", state
        assert "SignatureMismatchError" in topology.worker_log.read_text()  # the flow has no such parameter
    assert not (tmp_path / "figwatch.db").exists() and not (tmp_path / "digests").exists()
