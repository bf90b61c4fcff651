"""Who figwatch's local listeners answer: requests addressed to this machine by a loopback name.

`figwatch report --serve` and the Prefect API of `figwatch serve` listen on 127.0.0.1 only, but a
web page the operator opens can still reach them: its script may send requests to 127.0.0.1, or to
a name of its own that it re-points at 127.0.0.1 (DNS rebinding). Such requests carry the page's
name in Host and its origin in Origin, so a listener answers only Host 127.0.0.1, localhost or
[::1] (any port) and refuses any Origin that is not one of those.
"""
from __future__ import annotations

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
