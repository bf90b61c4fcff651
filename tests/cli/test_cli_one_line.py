"""Bad input through the command as a user types it: one line on stderr and a documented exit code
(2: usage, 1: the work failed), never a traceback; bad URLs are refused, not stored; `report
--serve` answers only requests addressed to a loopback name."""
from __future__ import annotations

import json
import re
import signal
import socket
import sqlite3
import subprocess

import pytest

from tests.cli.helpers import FIGWATCH, figwatch
from tests.flows.helpers import write_config
from tests.sources.test_live_feeds import RSS, WIRE, item, rss


def _one_line(out: subprocess.CompletedProcess, code: int) -> str:
    assert out.returncode == code, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    return out.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["digest", "--preview", "²"], "not an id"),
    (["digest", "--preview", "9" * 20], "not an id"),
    (["review", "--confirm", "9" * 20], "not an id"),
    (["review", "--reject", "1", "٣"], "not an id"),
    (["report", "--serve", "--port", "99999"], "not a port"),
    (["nonsense"], "invalid choice"),
])
def test_bad_arguments_are_one_line_and_exit_2(args, says):
    assert says in _one_line(figwatch(*args), 2)


def test_report_serve_on_a_port_in_use_is_one_line(tmp_path):
    config = str(write_config(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = figwatch("report", "--config", config, "--serve", "--port", str(port))
    assert f"cannot listen on 127.0.0.1:{port}" in _one_line(out, 1)


def test_a_database_at_an_unknown_migration_is_one_line(tmp_path):
    config = str(write_config(tmp_path))
    assert figwatch("db", "upgrade", "--config", config).returncode == 0
    with sqlite3.connect(tmp_path / "figwatch.db") as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    for command in (["db", "upgrade"], ["sources"]):
        assert "'0099'" in _one_line(figwatch(*command, "--config", config), 1)


def test_urls_with_control_characters_are_refused_and_ipv6_keeps_its_brackets(tmp_path, httpserver):
    folder = tmp_path / "articles"
    folder.mkdir()
    stories = {"newline": "Seoul says 12,000 North Korean soldiers are in Kursk.",
               "escape": "Kyiv says 3,000 more North Korean troops arrived in Russia in February."}
    for name, story in stories.items():
        (folder / f"{name}.txt").write_text(f"Published: 2025-03-01\n\n{story}\n")
    (folder / "manifest.json").write_text(json.dumps([
        {"file": "newline.txt", "url": "https://ex.org/story\nSet-Cookie: x=1"},
        {"file": "escape.txt", "url": "https://ex.org/\x1b[2Jstory"},
    ]))
    ipv6 = f"http://[::1]:{httpserver.port}/story?utm_source=rss"
    entries = item("Six", ipv6, content=f"<p>{WIRE} Six.</p>") + item("Bad", "https://ex.org/a\nb", content="Bad")
    httpserver.expect_request("/feed").respond_with_data(rss(entries), content_type=RSS)
    extra = f'[[sources]]\nname = "live"\nurl = "{httpserver.url_for("/feed")}"\n'
    config = str(write_config(tmp_path, seeds=folder, extra=extra))
    out = figwatch("run", "--direct", "--config", config)
    assert out.returncode == 0, out.stderr
    with sqlite3.connect(tmp_path / "figwatch.db") as db:
        urls = [u for (u,) in db.execute("SELECT url FROM articles")]
    assert not any(re.search(r"[\x00-\x1f\x7f]", u) for u in urls), urls
    assert f"http://[::1]:{httpserver.port}/story" in urls
    assert not any("ex.org" in u for u in urls)  # the bad URLs were refused, not cleaned into another address
    assert len(urls) == 2  # the IPv6 story and the bad link's entry under its own urn: (its text was fine)


def test_report_serve_answers_only_loopback_names(tmp_path):
    config = str(write_config(tmp_path))
    server = subprocess.Popen([FIGWATCH, "report", "--config", config, "--serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in server.stdout:
            if (found := re.search(r"http://127\.0\.0\.1:(\d+)/", line)):
                port = int(found.group(1))
                break
        assert port, server.stderr.read()
        status = lambda host, extra="": _status(port, f"Host: {host}\r\n{extra}")  # noqa: E731
        for good in (f"127.0.0.1:{port}", "localhost", f"LOCALHOST:{port}", f"[::1]:{port}"):
            assert status(good) == 200, good
        for evil in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "localhost.", ""):
            assert status(evil) == 421, evil
        assert _status(port, "") == 421  # no Host at all
        assert status(f"127.0.0.1:{port}", "Origin: http://evil.example\r\n") == 403
        assert status(f"127.0.0.1:{port}", "Origin: null\r\n") == 403
        assert status(f"127.0.0.1:{port}", f"Origin: http://localhost:{port}\r\n") == 200
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert "Traceback" not in server.stderr.read()


def _status(port: int, headers: str) -> int:
    """The status of a raw GET /: no client library to fill in or fix the Host header."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"GET / HTTP/1.1\r\n{headers}Connection: close\r\n\r\n".encode())
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])
