"""Secrets planted in the environment never reach any output: logs, Prefect's records,
digests, the database, delivery errors or `figwatch` output."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.alerts.smtp_helpers import Inbox, authenticator, free_port, start
from tests.flows.helpers import write_config

FIGWATCH = str(Path(sys.executable).with_name("figwatch"))
PASSWORD = "planted-smtp-password-7f3a9c"
HOOK_TOKEN = "planted-webhook-token-b41d2e"

pytestmark = [pytest.mark.prefect, pytest.mark.slow]


def test_planted_secrets_appear_in_no_output(tmp_path, httpserver):
    httpserver.expect_request(f"/services/{HOOK_TOKEN}").respond_with_data("boom", status=500)
    inbox, port = Inbox(), free_port()
    smtp = start(inbox, port, authenticator=authenticator("figwatch", PASSWORD), auth_require_tls=False)
    extra = (f'[alerts.email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nusername = "figwatch"\n'
             'password_env = "FW_TEST_SMTP_PASSWORD"\nsender = "figwatch@localhost"\nrecipients = ["desk@localhost"]\n'
             '[alerts.slack]\nwebhook_url_env = "FW_TEST_SLACK_HOOK"\n')
    config = str(write_config(tmp_path, extra=extra))
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "FW_TEST_SMTP_PASSWORD": PASSWORD,
           "FW_TEST_SLACK_HOOK": httpserver.url_for(f"/services/{HOOK_TOKEN}")}
    outputs = []
    try:
        # `run --prefect`: through the flow, so Prefect's records are searched too
        for command in (["run", "--prefect"], ["deliveries"], ["deliver"], ["sources"], ["digest", "--preview"],
                        ["review"]):
            done = subprocess.run([FIGWATCH, *command, "--config", config], capture_output=True, text=True,
                                  env=env, timeout=240, cwd=tmp_path)
            outputs.append(done.stdout + done.stderr)
    finally:
        smtp.stop()
    assert len(inbox.messages) == 1  # email went out with AUTH; Slack failed and was recorded
    assert "failed" in outputs[1]
    for text in outputs:
        assert PASSWORD not in text and HOOK_TOKEN not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PASSWORD.encode() not in data and HOOK_TOKEN.encode() not in data, path
