"""`figwatch serve` on a fresh Prefect home, started once for this module: a scheduled monitor run
fires, a backfill triggered through Prefect runs in the served process with the served settings
(a caller's `config` is not taken), and the local API answers only an authenticated, CSRF-checked
client that addresses it by a loopback name."""
from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from figwatch.store import Store
from tests.flows.helpers import wait_for as _wait
from tests.flows.helpers import write_config

pytestmark = [pytest.mark.prefect, pytest.mark.slow]
BIN = Path(sys.executable).parent


def _api_url(proc: subprocess.Popen, log: Path) -> str:
    def found():
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early:\n{log.read_text()[-3000:]}")
        m = re.search(r"local Prefect server at (http://\S+/api)", log.read_text())
        return m and m.group(1)

    return _wait(found, 180, "the local Prefect server")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A running `figwatch serve` over the seeds: (api url, its config's folder, env, auth string)."""
    tmp_path = tmp_path_factory.mktemp("serve")
    config = write_config(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_", "PREFECT_SERVER_API_AUTH"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        proc = subprocess.Popen([str(BIN / "figwatch"), "serve", "--config", str(config), "--interval", "1"],
                                stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        api = _api_url(proc, log)
        auth_file = tmp_path / "home" / "prefect-api-auth"
        yield api, tmp_path, env, auth_file
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    assert auth_file.read_text() not in log.read_text()  # the secret is never logged


def _prefect(env, api, auth, *args):
    return subprocess.run([str(BIN / "prefect"), *args], env={**env, "PREFECT_API_URL": api,
                          "PREFECT_API_AUTH_STRING": auth}, capture_output=True, text=True, timeout=120)


def test_serve_fires_the_schedule_and_runs_a_backfill_with_the_served_settings_only(served):
    api, folder, env, auth_file = served
    auth = auth_file.read_text()
    store = Store.open(f"sqlite:///{folder / 'figwatch.db'}")
    _wait(lambda: store.last_run("monitor"), 240, "a scheduled monitor run")
    assert store.load_figures()["casualties.total"].baseline.value == 4000

    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    other = write_config(elsewhere, extra='[[sources]]\nname = "etc"\npath = "/etc"\n')
    hijack = _prefect(env, api, auth, "deployment", "run", "backfill/backfill", "-p", f"config={other}")
    trigger = _prefect(env, api, auth, "deployment", "run", "backfill/backfill",
                       "-p", "since=2025-01-01", "-p", "until=2025-01-31")
    assert trigger.returncode == 0, trigger.stdout + trigger.stderr
    _wait(lambda: store.last_run("backfill"), 180, "the triggered backfill")
    store.close()
    assert not (elsewhere / "figwatch.db").exists(), hijack.stdout + hijack.stderr  # `config` is no parameter
    with sqlite3.connect(folder / "figwatch.db") as db:
        assert not [u for (u,) in db.execute("SELECT url FROM articles") if "/etc/" in u]

    unauthenticated = _prefect(env, api, "figwatch:wrong", "deployment", "run", "backfill/backfill")
    assert unauthenticated.returncode != 0 and "401" in unauthenticated.stdout + unauthenticated.stderr


def _request(api: str, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    """One raw HTTP exchange, headers exactly as given (no client fills in Host)."""
    port = int(re.search(r":(\d+)/", api).group(1))
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"{method} /api{path} HTTP/1.1\r\n{head}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                     .encode() + body)
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    status, _, rest = reply.partition(b"\r\n")
    return int(status.split()[1]), rest.partition(b"\r\n\r\n")[2]


def test_the_local_api_answers_only_an_authenticated_loopback_client(served):
    api, _, _, auth_file = served
    assert stat.S_IMODE(auth_file.stat().st_mode) == 0o600
    host = re.search(r"//([^/]+)/", api).group(1)
    basic = "Basic " + base64.b64encode(auth_file.read_bytes()).decode()
    authed = {"Host": host, "Authorization": basic, "Content-Type": "application/json"}
    filter_ = b"{}"

    assert _request(api, "GET", "/health", {"Host": host})[0] == 200
    assert _request(api, "GET", "/health", {"Host": "evil.example"})[0] == 421
    assert _request(api, "GET", "/health", {"Host": f"evil.example:{host.split(':')[1]}"})[0] == 421
    assert _request(api, "GET", "/csrf-token?client=x", {"Host": host})[0] == 401  # no auth string
    assert _request(api, "GET", "/csrf-token?client=x", {"Host": host, "Authorization": "Basic Zm9vOmJhcg=="})[0] == 401
    assert _request(api, "POST", "/deployments/filter", {"Host": host}, filter_)[0] in (401, 403)
    assert _request(api, "POST", "/deployments/filter", {**authed, "Origin": "http://evil.example"}, filter_)[0] == 403
    status, body = _request(api, "POST", "/deployments/filter", authed, filter_)
    assert status == 403 and b"CSRF" in body  # authenticated, but no CSRF token
    websocket = {"Host": host, "Origin": "http://evil.example", "Upgrade": "websocket", "Connection": "Upgrade",
                 "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13"}
    assert _request(api, "GET", "/events/out", websocket)[0] == 403

    status, token = _request(api, "GET", "/csrf-token?client=figwatch-test", authed)
    assert status == 200, token
    with_token = {**authed, "Prefect-Csrf-Token": json.loads(token)["token"], "Prefect-Csrf-Client": "figwatch-test"}

    def both_served():
        status, listed = _request(api, "POST", "/deployments/filter", with_token, filter_)
        assert status == 200, listed
        return listed if {d["name"] for d in json.loads(listed)} == {"monitor", "backfill"} else None

    listed = _wait(both_served, 120, "both deployments")
    assert "config" not in json.dumps([d["parameter_openapi_schema"] for d in json.loads(listed)])

    # Past the CLI's own check, straight to the API: a backfill run asking for another config.
    elsewhere = auth_file.parent.parent / "api-elsewhere"
    elsewhere.mkdir()
    other = write_config(elsewhere, extra='[[sources]]\nname = "etc"\npath = "/etc"\n')
    (deployment,) = [d["id"] for d in json.loads(listed) if d["name"] == "backfill"]
    run = json.dumps({"parameters": {"config": str(other), "dry_run": True}}).encode()
    status, created = _request(api, "POST", f"/deployments/{deployment}/create_flow_run", with_token, run)
    if status == 201:  # accepted: then the run must fail on the unknown parameter, not use it
        run_id = json.loads(created)["id"]

        def finished():
            state = json.loads(_request(api, "GET", f"/flow_runs/{run_id}", authed)[1])["state"]["type"]
            return state if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        assert _wait(finished, 180, "the hijacking run to end") != "COMPLETED"
    else:
        assert status in (409, 422), created
    assert not (elsewhere / "figwatch.db").exists()



def test_a_served_flow_without_its_settings_variable_stops_with_a_clear_error(monkeypatch):
    """A deployment that lost its environment must not run quietly on the default settings."""
    from figwatch.errors import FigwatchError
    from flows.serve import SERVED_CONFIG, served_config

    monkeypatch.delenv(SERVED_CONFIG, raising=False)
    with pytest.raises(FigwatchError, match=SERVED_CONFIG):
        served_config()
    monkeypatch.setenv(SERVED_CONFIG, "")
    assert served_config() is None  # `figwatch serve` with the defaults
    monkeypatch.setenv(SERVED_CONFIG, "/srv/figwatch.toml")
    assert served_config() == "/srv/figwatch.toml"
