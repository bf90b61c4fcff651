"""Slack through an incoming webhook: one POST per message of the rendered digest.

The webhook URL is a secret (anyone holding it can post): it is read from the environment
variable the config names and never written into an error. A timeout after Slack received
the message is reported as such, because a retry may then post it twice.
"""
from __future__ import annotations

from typing import NoReturn

import httpx

from figwatch.config import SlackSettings, secret_from_env
from figwatch.errors import ConfigError, DeliveryError
from figwatch.models import Digest

from alerts.render import Rendered

_KEY = "alerts.slack.webhook_url_env"


class SlackChannel:
    """Posts each Block Kit message in order; within one process a retry resumes where it stopped."""

    name = "slack"

    def __init__(self, settings: SlackSettings, *, webhook_url: str | None = None,
                 transport: httpx.BaseTransport | None = None):
        url = webhook_url or secret_from_env(settings.webhook_url_env, key=_KEY)
        if not url or not url.lower().startswith(("https://", "http://")):
            raise ConfigError(f"environment variable {settings.webhook_url_env} must hold an http(s) URL", key=_KEY)
        self.settings = settings
        self._url = url
        self.secrets: tuple[str, ...] = (url,)
        self._transport = transport
        self._posted: dict[int | None, int] = {}  # digest id -> messages already accepted

    def send(self, rendered: Rendered, digest: Digest) -> None:
        messages = rendered.slack_messages
        start = self._posted.get(digest.id, 0)
        with httpx.Client(timeout=self.settings.timeout, follow_redirects=False, transport=self._transport) as client:
            for n in range(start, len(messages)):
                self._post(client, messages[n], n, len(messages))
                self._posted[digest.id] = n + 1
        self._posted.pop(digest.id, None)

    def _post(self, client: httpx.Client, message: dict, n: int, total: int) -> None:
        where = f"message {n + 1} of {total}"
        try:
            response = client.post(self._url, json=message)
        except httpx.TimeoutException as exc:
            kind = "waiting for the answer" if isinstance(exc, httpx.ReadTimeout) else "connecting or sending"
            maybe = " (Slack may have posted it)" if isinstance(exc, httpx.ReadTimeout) else ""
            self._fail(f"{where}: timed out {kind} after {self.settings.timeout:g}s{maybe}", True)
        except httpx.HTTPError as exc:
            self._fail(f"{where}: {type(exc).__name__}: {exc}", True)
        if response.status_code == 200:
            return
        body = " ".join(response.text.split())[:200]
        retryable = response.status_code in (408, 429) or response.status_code >= 500
        self._fail(f"{where}: webhook answered {response.status_code} {body}".rstrip(), retryable)

    def _fail(self, message: str, retryable: bool) -> NoReturn:
        for secret in self.secrets:
            message = message.replace(secret, "***")
        raise DeliveryError(message, channel=self.name, retryable=retryable)
