"""Secrets stay out of stored errors and printed ones: a Slack reply that echoes the webhook's
secret path, a database URL whose password holds '/'. Real runs of the command."""
from __future__ import annotations

import sqlite3

import pytest

from tests.cli.helpers import figwatch
from tests.flows.helpers import write_config

TOKEN = "xoxQ7secretTOKEN42"
HOOK = f"/services/T01ABCDEF/B02GHIJKL/{TOKEN}"


def test_a_webhook_reply_echoing_the_secret_path_is_stored_redacted(tmp_path, httpserver):
    httpserver.expect_request(HOOK, method="POST").respond_with_data(
        f"invalid_token: no service at {HOOK} (token {TOKEN})", status=400)
    config = str(write_config(tmp_path, extra='[alerts.slack]\nwebhook_url_env = "FIGWATCH_TEST_HOOK"\n'))
    env = {"FIGWATCH_TEST_HOOK": httpserver.url_for(HOOK)}
    run = figwatch("run", "--direct", "--config", config, env=env)
    listing = figwatch("deliveries", "--config", config, env=env)
    assert len(httpserver.log) == 1 and run.returncode == 1, run.stderr  # 1: a delivery failed, recorded
    with sqlite3.connect(tmp_path / "figwatch.db") as db:
        (error,) = [e for (e,) in db.execute("SELECT last_error FROM deliveries WHERE channel = 'slack'")]
    assert "answered 400" in error and "invalid_token: no service at" in error
    for shown in (error, run.stdout + run.stderr, listing.stdout + listing.stderr):
        assert TOKEN not in shown and "B02GHIJKL" not in shown


@pytest.mark.parametrize("url", [
    "postgresql://figwatch:s3cr/et!@127.0.0.1:5x432/figwatch",  # a bad port: the URL does not parse
    "postgresql//figwatch:s3cr/et!@127.0.0.1/figwatch",  # no "://"
])
def test_a_malformed_database_url_never_shows_its_password(url):
    out = figwatch("sources", env={"FIGWATCH_DATABASE_URL": url})
    assert out.returncode == 1 and out.stderr.startswith("figwatch: bad database URL")
    assert len(out.stderr.strip().splitlines()) == 1
    assert "s3cr" not in out.stderr and "et!" not in out.stderr and "127.0.0.1" in out.stderr
