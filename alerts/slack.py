"""Slack through an incoming webhook: one POST per message of the rendered digest.

The webhook URL is a secret (anyone holding it can post): it is read from the environment
variable the config names and never written into an error. A timeout after Slack received
the message is reported as such, because a retry may then post it twice.

A long digest is many messages, and Slack takes about one a second per webhook: posts are
paced (`pace`), a 429 is waited out within the attempt as its Retry-After asks, up to
`max_wait` seconds in all, and every accepted part is recorded (`PartLog`), so the next
attempt, or a rerun after a crash, starts at the first part Slack has not accepted.
"""
from __future__ import annotations

import time
from typing import Callable, NoReturn

import httpx

from alerts.parts import MemoryParts, PartLog, parts_key
from alerts.render import Rendered
from figwatch.config import SlackSettings, secret_from_env
from figwatch.errors import ConfigError, DeliveryError
from figwatch.models import Digest

_KEY = "alerts.slack.webhook_url_env"
NO_RETRY_AFTER = 5.0  # seconds to wait on a 429 that does not say how long
MAX_LIMITED = 10  # 429s for one part in one attempt: a webhook asking for no wait cannot spin us forever


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as Slack sends it (delta-seconds); None when absent or not a number."""
    value = (value or "").strip()
    return float(value) if value.isdigit() else None


class SlackChannel:
    """Posts each Block Kit message in order, paced, resuming after the parts Slack accepted."""

    name = "slack"

    def __init__(self, settings: SlackSettings, *, webhook_url: str | None = None,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        url = webhook_url or secret_from_env(settings.webhook_url_env, key=_KEY)
        if not url or not url.lower().startswith(("https://", "http://")):
            raise ConfigError(f"environment variable {settings.webhook_url_env} must hold an http(s) URL", key=_KEY)
        self.settings = settings
        self._url = url
        self.secrets: tuple[str, ...] = (url,)
        self._transport = transport
        self._sleep, self._clock = sleep, clock
        self._last_post: float | None = None
        self._memory: dict[int | None, MemoryParts] = {}  # digest id -> progress, when no outbox keeps it

    def send(self, rendered: Rendered, digest: Digest) -> None:
        """Send on its own: a retry in this process resumes where the last attempt stopped."""
        parts = self._memory.setdefault(digest.id, MemoryParts())
        self.send_parts(rendered, digest, parts)
        self._memory.pop(digest.id, None)

    def send_parts(self, rendered: Rendered, digest: Digest, parts: PartLog) -> None:
        messages = rendered.slack_messages
        key = parts_key(messages)
        waited = [0.0]  # seconds this attempt has waited on 429s
        with httpx.Client(timeout=self.settings.timeout, follow_redirects=False, transport=self._transport) as client:
            for n in range(parts.resume(key), len(messages)):
                self._post(client, messages[n], n, len(messages), parts, waited)
                parts.accepted(n + 1, key)

    def _pace(self) -> None:
        if self._last_post is not None:
            wait = self._last_post + self.settings.pace - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_post = self._clock()

    def _post(self, client: httpx.Client, message: dict, n: int, total: int, parts: PartLog,
              waited: list[float]) -> None:
        where = f"message {n + 1} of {total}"
        for limited in range(MAX_LIMITED + 1):
            self._pace()
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
            failure = f"{where}: webhook answered {response.status_code} {body}".rstrip()
            if response.status_code != 429:
                self._fail(failure, response.status_code == 408 or response.status_code >= 500)
            asked = retry_after_seconds(response.headers.get("retry-after"))
            wait = NO_RETRY_AFTER if asked is None else asked
            if waited[0] + wait > self.settings.max_wait or limited == MAX_LIMITED:
                self._fail(f"{failure} (waited {waited[0]:g}s of {self.settings.max_wait:g}s; the next attempt "
                           "resumes here)", True, retry_after=wait)
            parts.hold()  # keep the lease through the wait
            self._sleep(wait)
            waited[0] += wait
        raise AssertionError("unreachable")  # pragma: no cover

    def _fail(self, message: str, retryable: bool, retry_after: float | None = None) -> NoReturn:
        for secret in self.secrets:
            message = message.replace(secret, "***")
        raise DeliveryError(message, channel=self.name, retryable=retryable, retry_after=retry_after)
