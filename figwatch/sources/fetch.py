"""HTTP for figwatch: one bounded, polite, conditional GET with retries.

Every answer is a `Fetched` value; nothing here raises for a bad server. Bounds: connect,
read and total timeouts; a redirect cap that refuses loops and non-http(s) targets; a body
cap counted on the wire and again after decompression (we inflate ourselves, in bounded
steps, so a gzip bomb is refused rather than inflated); every hop checked against the source's
LinkPolicy (addresses.py: public addresses, the feed's own origin, or allowed hosts). Retries with exponential backoff
and jitter on timeouts, 429 and 5xx honour Retry-After but never outrun the run's deadline.
"""
from __future__ import annotations

import random
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from figwatch.config import FetchSettings
from figwatch.models import HttpState
from figwatch.sources.addresses import GuardedTransport, LinkPolicy
from figwatch.sources.body import BodyError, read_body

ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
SCHEMES = ("http", "https")
_REDIRECTS = {301, 302, 303, 307, 308}
Sleep = Callable[[float], None]


def make_client(settings: FetchSettings) -> httpx.Client:
    """A client that names figwatch and its contact; redirects are followed by fetch_url, not httpx."""
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=16)
    return httpx.Client(
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        follow_redirects=False,
        max_redirects=settings.max_redirects,
        headers={"User-Agent": f"figwatch/0.1 (+{settings.contact})", "Accept-Encoding": "gzip, deflate"},
        transport=GuardedTransport(limits),
    )


@dataclass(frozen=True, slots=True)
class Fetched:
    """One URL's answer, or why there is none (`error`)."""

    url: str  # as requested
    final_url: str  # after redirects: the base for relative links
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    requests: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def http_state(self) -> HttpState | None:
        """What to send next time, keyed on the URL as requested."""
        if self.error or not (self.etag or self.last_modified):
            return None
        return HttpState(url=self.url, etag=self.etag, last_modified=self.last_modified)


class HostGate:
    """Per-host concurrency limit and polite delay, shared by every fetch of one run."""

    def __init__(self, per_host: int = 2, delay: float = 0.0, sleep: Sleep = time.sleep) -> None:
        self.per_host, self.delay, self.sleep = max(1, per_host), delay, sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        parts = urlsplit(url)
        host = f"{parts.hostname}:{parts.port}"
        with self._lock:
            sem = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with sem:
            with self._lock:
                wait = self._last.get(host, -1e9) + self.delay - time.monotonic()
                self._last[host] = time.monotonic() + max(0.0, wait)
            if wait > 0:
                self.sleep(wait)
            yield


class _Failure(Exception):
    """One attempt failed; `retryable` says whether another attempt may help."""

    def __init__(self, message: str, *, retryable: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.retryable, self.retry_after = retryable, retry_after
        self.requests = 1  # requests this attempt made, redirects included


def fetch_url(
    client: httpx.Client, url: str, settings: FetchSettings, *, deadline: float,
    state: HttpState | None = None, gate: HostGate | None = None, sleep: Sleep = time.sleep,
    accept: str = ACCEPT_FEED, policy: LinkPolicy | None = None,
) -> Fetched:
    """GET `url` within `deadline` (time.monotonic()), conditionally when `state` is given.

    `policy` says where the URL and its redirects may lead; by default only `url`'s own origin
    and public addresses.
    """
    headers = {"Accept": accept}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    gate = gate or HostGate(settings.per_host_concurrency, settings.polite_delay, sleep)
    policy = policy or LinkPolicy.for_feed(url)
    requests = 0
    for attempt in range(settings.retries + 1):
        try:
            fetched, n = _follow(client, url, settings, headers, deadline, gate, policy)
            if fetched.not_modified and state:
                fetched = _keep_state(fetched, state)
            return _with_requests(fetched, requests + n)
        except _Failure as failure:
            requests += failure.requests
            delay = _delay(failure, attempt, settings)
            if not failure.retryable or attempt == settings.retries or delay is None:
                return Fetched(url=url, final_url=url, error=str(failure) + _why_stopped(failure, delay),
                               requests=requests)
            if time.monotonic() + delay > deadline:
                return Fetched(url=url, final_url=url, error=f"{failure} (no time left to retry)", requests=requests)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _delay(failure: _Failure, attempt: int, settings: FetchSettings) -> float | None:
    """Seconds before the next attempt; None when the server asks for longer than we wait."""
    if failure.retry_after is not None:
        return None if failure.retry_after > settings.max_retry_after else failure.retry_after
    return settings.backoff * (2**attempt) * random.uniform(0.5, 1.5)


def _why_stopped(failure: _Failure, delay: float | None) -> str:
    if failure.retryable and delay is None:
        return f" (server asks to wait {failure.retry_after:.0f} s: later run)"
    return ""


def _keep_state(fetched: Fetched, state: HttpState) -> Fetched:
    from dataclasses import replace

    return replace(fetched, etag=fetched.etag or state.etag, last_modified=fetched.last_modified or state.last_modified)


def _with_requests(fetched: Fetched, n: int) -> Fetched:
    from dataclasses import replace

    return replace(fetched, requests=n)


def _follow(client: httpx.Client, url: str, settings: FetchSettings, headers: dict[str, str],
            deadline: float, gate: HostGate, policy: LinkPolicy) -> tuple[Fetched, int]:
    """One attempt: request, follow redirects ourselves (cap, loops, schemes, addresses), read the body."""
    current, seen = url, {url}
    for hop in range(settings.max_redirects + 1):
        refusal = policy.refusal(current)
        if refusal:
            raise _counted(_Failure(f"{'redirect to ' if hop else ''}{current}: {refusal}"), hop)
        with gate.slot(current), policy.connecting(current):
            result = _request(client, current, settings, headers, deadline, hop + 1)
        if isinstance(result, Fetched):
            return Fetched(url=url, final_url=current, status=result.status, body=result.body,
                           content_type=result.content_type, etag=result.etag,
                           last_modified=result.last_modified), hop + 1
        current = urljoin(current, result)
        if urlsplit(current).scheme.lower() not in SCHEMES:
            raise _counted(_Failure(f"redirect to a {urlsplit(current).scheme or 'relative'!r} URL refused"), hop + 1)
        if current in seen:
            raise _counted(_Failure("redirect loop"), hop + 1)
        seen.add(current)
    raise _counted(_Failure(f"more than {settings.max_redirects} redirects"), settings.max_redirects + 1)


def _counted(failure: _Failure, requests: int) -> _Failure:
    failure.requests = requests
    return failure


def _request(client: httpx.Client, url: str, settings: FetchSettings, headers: dict[str, str],
             deadline: float, hop: int) -> Fetched | str:
    """One HTTP exchange: the answer, or the Location of a redirect."""
    limit = min(deadline, time.monotonic() + settings.total_timeout)
    left = limit - time.monotonic()
    if left <= 0:
        raise _counted(_Failure("run time budget spent"), hop - 1)
    timeout = httpx.Timeout(min(settings.read_timeout, left), connect=min(settings.connect_timeout, left))
    try:
        request = client.build_request("GET", url, headers=headers, timeout=timeout)
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            return _answer(response, settings, limit)
        finally:
            response.close()
    except _Failure as failure:
        _counted(failure, hop)
        raise
    except BodyError as exc:
        raise _counted(_Failure(str(exc), retryable=exc.retryable), hop) from None
    except httpx.TimeoutException as exc:
        raise _counted(_Failure(f"timed out ({type(exc).__name__})", retryable=True), hop) from None
    except httpx.RemoteProtocolError as exc:
        raise _counted(_Failure(f"broken or truncated response: {exc}", retryable=True), hop) from None
    except httpx.HTTPError as exc:
        raise _counted(_Failure(f"{type(exc).__name__}: {exc}"), hop) from None


def _answer(response: httpx.Response, settings: FetchSettings, limit: float) -> Fetched | str:
    status = response.status_code
    if status in _REDIRECTS:
        location = response.headers.get("location")
        if not location:
            raise _Failure(f"HTTP {status} without a Location")
        return location
    if status == 429 or status >= 500:
        raise _Failure(f"HTTP {status}", retryable=True, retry_after=retry_after(response.headers.get("retry-after")))
    if status != 304 and not 200 <= status < 300:
        raise _Failure(f"HTTP {status}")
    body = b"" if status == 304 else read_body(response, settings.max_bytes, limit)
    return Fetched(url=str(response.url), final_url=str(response.url), status=status, body=body,
                   content_type=response.headers.get("content-type"), etag=response.headers.get("etag"),
                   last_modified=response.headers.get("last-modified"))


def retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
