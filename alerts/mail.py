"""Email over SMTP: multipart/alternative (text + HTML), STARTTLS or implicit TLS, optional AUTH.

The password is read from the environment variable the config names, and it never appears in
an error. Every header is one line (CR/LF stripped). The Message-ID is derived from the digest,
so a retried send carries the same ID and mail clients can fold duplicates.
"""
from __future__ import annotations

import re
import smtplib
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

from alerts.render import Rendered
from figwatch.config import EmailSettings, secret_from_env
from figwatch.errors import ConfigError, DeliveryError
from figwatch.models import Digest
from figwatch.wording import header_safe

_DOMAIN = re.compile(r"[^A-Za-z0-9.-]")


def message_id(digest: Digest, sender: str) -> str:
    """A stable ID per digest: "<figwatch.digest.7.20261123T090000@example.org>"."""
    domain = _DOMAIN.sub("", sender.rpartition("@")[2]) or "figwatch.localhost"
    return f"<figwatch.digest.{digest.id}.{digest.created.strftime('%Y%m%dT%H%M%S')}@{domain}>"


def build_message(rendered: Rendered, digest: Digest, settings: EmailSettings, now: datetime) -> EmailMessage:
    """The email: plain text first, HTML as the preferred alternative; UTF-8 throughout."""
    msg = EmailMessage()
    msg["Subject"] = header_safe(rendered.subject, 900)
    msg["From"] = header_safe(settings.sender)
    msg["To"] = ", ".join(header_safe(r) for r in settings.recipients)
    msg["Date"] = format_datetime(now.astimezone(timezone.utc))
    msg["Message-ID"] = message_id(digest, settings.sender)
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Figwatch-Digest"] = str(digest.id)
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return msg


def _classify(exc: BaseException) -> tuple[str, bool]:
    """(reason, retryable): a permanent 5xx or a bad login waits for a person, the rest retries."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"authentication failed ({exc.smtp_code})", False
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = ", ".join(f"{r} ({c})" for r, (c, _) in exc.recipients.items())
        return f"all recipients refused: {codes}", False
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"server does not support it: {exc}", False
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"server answered {exc.smtp_code} {text}", not 500 <= exc.smtp_code < 600
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"connection dropped ({exc or 'no reason given'})", True
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}", True
    if isinstance(exc, (TimeoutError, ConnectionError)):
        return f"{type(exc).__name__}: {exc}", True
    return f"{type(exc).__name__}: {exc}", True


class EmailChannel:
    """Sends each digest as one message to all recipients."""

    name = "email"

    def __init__(self, settings: EmailSettings, *, password: str | None = None,
                 ssl_context: ssl.SSLContext | None = None):
        if not settings.recipients:
            raise ConfigError("at least one recipient is needed", key="alerts.email.recipients")
        self.settings = settings
        self.password = password if password is not None else secret_from_env(
            settings.password_env, key="alerts.email.password_env")
        self.secrets: tuple[str, ...] = (self.password,) if self.password else ()
        self.ssl_context = ssl_context  # None: the system's trusted CAs, hostname checked

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = self.ssl_context or ssl.create_default_context()
        if s.security == "tls":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.security == "starttls":
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp

    def send(self, rendered: Rendered, digest: Digest) -> None:
        s = self.settings
        msg = build_message(rendered, digest, s, datetime.now(timezone.utc))
        try:
            with self._connect() as smtp:
                if self.password:
                    smtp.login(s.username or s.sender, self.password)
                refused = smtp.send_message(msg)
        except (smtplib.SMTPException, OSError) as exc:
            reason, retryable = _classify(exc)
            raise DeliveryError(self._scrub(f"{s.host}:{s.port}: {reason}"), channel=self.name,
                                retryable=retryable) from None
        if refused:
            who = ", ".join(f"{r} ({c})" for r, (c, _) in refused.items())
            raise DeliveryError(f"sent, but these recipients were refused: {who}", channel=self.name, retryable=False)

    def _scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text
