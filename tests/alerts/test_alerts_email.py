"""Email against a real SMTP server on loopback: what arrives, TLS, AUTH, outages, secrets."""
from __future__ import annotations

import email
import email.policy
from datetime import timedelta

import pytest

from alerts import EmailChannel, build_channels, build_digest, deliver_pending, render_digest
from figwatch.config import AlertSettings, EmailSettings
from figwatch.errors import ConfigError, DeliveryError
from tests.alerts.alerts_fakes import METRICS, NOW, MemoryOutbox, changed
from tests.alerts.smtp_helpers import Inbox, authenticator, free_port, self_signed, start

EVIL = 'NIS said about 4,000 were killed <script src=x></script>—“confirmed” & more.'
SECRET = "s3cret-Pa55word"


@pytest.fixture
def inbox():
    return Inbox()


def _settings(port: int, **kw) -> EmailSettings:
    return EmailSettings(host="127.0.0.1", port=port, sender="figwatch@example.org",
                         recipients=["a@example.org", "b@example.org"], timeout=10, **kw)


def _digest(box: MemoryOutbox | None = None, channels=("email",)):
    d = build_digest([changed("casualties.total", 3000, 4000, evidence=EVIL, who="Seoul")], [], METRICS, now=NOW)
    return (box or MemoryOutbox()).add(d, list(channels))


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_message_arrives_as_multipart_alternative_with_headline_and_escaped_html(inbox):
    port = free_port()
    server = start(inbox, port)
    try:
        digest = _digest()
        EmailChannel(_settings(port, security="none")).send(render_digest(digest, METRICS), digest)
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    msg = _parse(inbox.messages[0])
    assert msg.get_content_type() == "multipart/alternative"
    assert "Casualties (total): Seoul says 4,000, up from 3,000 (NIS, 2 November)" in msg["Subject"]
    assert msg["To"] == "a@example.org, b@example.org" and msg["Date"]
    assert msg["Message-ID"].startswith("<figwatch.digest.1.")
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "“confirmed”" in text and "<script src=x></script>" in text
    assert "<script" not in html and "&lt;script src=x&gt;" in html and "—" in html
    assert 'src="http' not in html  # no remote assets


def test_starttls_with_self_signed_cert_and_auth_password_from_env(inbox, tmp_path, monkeypatch):
    server_ctx, client_ctx = self_signed(tmp_path)
    port = free_port()
    server = start(inbox, port, tls_context=server_ctx, require_starttls=True, auth_required=True,
                   authenticator=authenticator("robot", SECRET))
    monkeypatch.setenv("FIGWATCH_TEST_SMTP_PASSWORD", SECRET)
    try:
        settings = _settings(port, security="starttls", username="robot", password_env="FIGWATCH_TEST_SMTP_PASSWORD")
        channel = build_channels(AlertSettings(files=None, email=settings))["email"]
        channel.ssl_context = client_ctx
        digest = _digest()
        rendered = render_digest(digest, METRICS)
        channel.send(rendered, digest)
        bad = EmailChannel(settings, password=SECRET + "x", ssl_context=client_ctx)
        with pytest.raises(DeliveryError) as caught:
            bad.send(rendered, digest)
    finally:
        server.stop()
    assert len(inbox.messages) == 1 and SECRET.encode() not in inbox.messages[0]
    assert not caught.value.retryable and "authentication failed" in str(caught.value)
    assert SECRET not in str(caught.value) and SECRET not in rendered.text + rendered.html + rendered.json


def test_implicit_tls_and_untrusted_certificate_is_refused(inbox, tmp_path):
    server_ctx, client_ctx = self_signed(tmp_path)
    port = free_port()
    server = start(inbox, port, ssl_context=server_ctx)
    try:
        digest = _digest()
        rendered = render_digest(digest, METRICS)
        EmailChannel(_settings(port, security="tls"), ssl_context=client_ctx).send(rendered, digest)
        with pytest.raises(DeliveryError) as caught:  # the system CAs do not trust a self-signed cert
            EmailChannel(_settings(port, security="tls")).send(rendered, digest)
    finally:
        server.stop()
    assert len(inbox.messages) == 1 and "TLS failed" in str(caught.value)


def test_missing_password_variable_is_a_config_error_naming_it(monkeypatch):
    monkeypatch.delenv("FIGWATCH_TEST_NOPE", raising=False)
    with pytest.raises(ConfigError, match="FIGWATCH_TEST_NOPE"):
        build_channels(AlertSettings(email=_settings(25, password_env="FIGWATCH_TEST_NOPE")))


def test_smtp_down_then_up_and_dropped_connection_deliver_exactly_once(inbox):
    port = free_port()
    box = MemoryOutbox()
    _digest(box)
    channels = {"email": EmailChannel(_settings(port, security="none"))}
    down = deliver_pending(box, channels, METRICS, now=NOW)  # nothing listens on the port
    assert down.failed == 1 and box.rows[1].status == "failed" and box.rows[1].next_attempt_at

    server = start(inbox, port)
    try:
        inbox.drop_next = True  # accepts the message, then drops the connection
        later = NOW + timedelta(hours=1)
        dropped = deliver_pending(box, channels, METRICS, now=later)
        assert dropped.failed == 1 and "connection dropped" in box.rows[1].last_error
        assert box.rows[1].attempts == 2
        up = deliver_pending(box, channels, METRICS, now=later + timedelta(hours=1))
        for _ in range(3):
            assert deliver_pending(box, channels, METRICS, now=later + timedelta(days=1)).sent == 0
    finally:
        server.stop()
    assert up.sent == 1 and box.rows[1].status == "sent" and len(inbox.messages) == 1
