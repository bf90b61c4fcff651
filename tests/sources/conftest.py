"""Fixtures for the sources tests: fast fetch settings, a client, a recorded sleep, a threaded server."""
from __future__ import annotations

import socket
from datetime import datetime, timezone

import pytest
from pytest_httpserver import HTTPServer

from figwatch.config import FetchSettings
from figwatch.sources.fetch import make_client

NOW = datetime(2025, 4, 1, tzinfo=timezone.utc)


@pytest.fixture
def settings() -> FetchSettings:
    return FetchSettings(contact="ops@example.org", connect_timeout=2, read_timeout=2, total_timeout=10,
                         retries=2, backoff=0.001, polite_delay=0, run_budget=60, max_bytes=200_000)


@pytest.fixture
def client(settings):
    with make_client(settings) as c:
        yield c


@pytest.fixture
def sleeps() -> list[float]:
    """Pass `sleeps.append` as `sleep`: retries and polite delays are recorded, not waited."""
    return []


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def threaded_server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def dead_url() -> str:
    """A loopback URL where nothing listens: a port bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No test here may reach past loopback: other hosts fail name lookup at once."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", "::1", b"127.0.0.1", b"localhost"):
            raise socket.gaierror(socket.EAI_NONAME, f"test blocks non-loopback host {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
