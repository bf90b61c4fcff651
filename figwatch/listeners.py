"""Who figwatch's local listeners answer: requests addressed to this machine by a loopback name.

`figwatch report --serve` and the Prefect API of `figwatch serve` listen on 127.0.0.1 only, but a
web page the operator opens can still reach them: its script may send requests to 127.0.0.1, or to
a name of its own that it re-points at 127.0.0.1 (DNS rebinding). Such requests carry the page's
name in Host and its origin in Origin, so a listener answers only Host 127.0.0.1, localhost or
[::1] (any port) and refuses any Origin that is not one of those.
"""
from __future__ import annotations

from typing import Any

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
WRONG_HOST = "this server answers only requests to 127.0.0.1, localhost or [::1]"
WRONG_ORIGIN = "requests from web pages of other sites are refused"


def loopback_host(value: str | None) -> bool:
    """True for a Host header naming a loopback address, with or without a port."""
    value = (value or "").strip().lower()
    host, port = value, ""
    if ":" in value and not value.endswith("]"):
        host, _, port = value.rpartition(":")
    return host in LOOPBACK_NAMES and (port == "" or (port.isascii() and port.isdigit()))


def loopback_origin(value: str | None) -> bool:
    """True for an Origin header that is a page served from a loopback address ("null" is not)."""
    scheme, sep, rest = (value or "").strip().lower().partition("://")
    return bool(sep) and scheme in ("http", "https") and "/" not in rest and loopback_host(rest)


def refusal(host: str | None, origin: str | None) -> tuple[int, str] | None:
    """(status, reason) when a request must not be answered: 421 for its Host, 403 for its Origin."""
    if not loopback_host(host):
        return 421, WRONG_HOST
    if origin is not None and not loopback_origin(origin):
        return 403, WRONG_ORIGIN
    return None


class LoopbackOnly:
    """ASGI middleware: HTTP and websocket requests pass only with a loopback Host and, if any, Origin.

    One Host header exactly (two could be read differently by different layers); a refused
    websocket is closed before it is accepted (the client sees 403).
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", [])]
            hosts = [v for k, v in headers if k == "host"]
            origins = [v for k, v in headers if k == "origin"]
            refused = refusal(hosts[0] if len(hosts) == 1 else None, origins[-1] if origins else None)
            if refused is not None:
                await _refuse(scope, send, *refused)
                return
        await self.app(scope, receive, send)


async def _refuse(scope: dict[str, Any], send: Any, status: int, reason: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": reason})
        return
    body = f"{status}: {reason}\n".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
