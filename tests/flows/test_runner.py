"""Where a run runs: the Prefect flow only when asked or when a configured server answers."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from figwatch.errors import ConfigError
from flows.runner import choose
from tests.alerts.smtp_helpers import free_port
from tests.flows.helpers import write_config


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(self.status if self.path == "/api/health" else 404)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def prefect_api():
    """A loopback server answering /api/health as Prefect's does; yields its API URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()


def test_a_server_that_answers_takes_the_run(prefect_api):
    assert choose(prefect=False, direct=False, env={"PREFECT_API_URL": prefect_api}).prefect
    assert not choose(prefect=False, direct=True, env={"PREFECT_API_URL": prefect_api}).prefect


def test_without_a_server_the_run_is_direct_unless_asked():
    assert choose(prefect=False, direct=False, env={}) == choose(prefect=False, direct=True, env={})
    assert not choose(prefect=False, direct=False, env={}).prefect
    assert choose(prefect=True, direct=False, env={}).prefect  # Prefect's temporary server, as asked


def test_a_configured_server_that_does_not_answer_is_named(prefect_api, monkeypatch):
    monkeypatch.setattr(_Health, "status", 503)
    for url in (prefect_api, f"http://127.0.0.1:{free_port()}/api", "not a url"):
        choice = choose(prefect=False, direct=False, env={"PREFECT_API_URL": url}, timeout=0.5)
        assert not choice.prefect and url in choice.note
        with pytest.raises(ConfigError, match="no Prefect server answers"):
            choose(prefect=True, direct=False, env={"PREFECT_API_URL": url}, timeout=0.5)


def test_a_direct_run_never_imports_prefect(tmp_path):
    """The everyday run costs no Prefect import (about 2.5 s of start-up)."""
    config = write_config(tmp_path)
    code = ("import json, sys; from flows.cli import main;"
            " status = main(['run', '--json', '--config', sys.argv[1]]);"
            " print(json.dumps({'status': status,"
            " 'prefect': sorted(m for m in sys.modules if m.startswith('prefect'))}))")
    done = subprocess.run([sys.executable, "-c", code, str(config)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    *_, last = done.stdout.strip().splitlines()
    assert json.loads(last) == {"status": 0, "prefect": []}
