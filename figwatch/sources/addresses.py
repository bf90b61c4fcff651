"""Where a feed may send figwatch: public addresses, the feed's own origin, or hosts the config allows.

A feed is hostile: its entry links and its servers' redirects could point figwatch at other ports
of this machine or the local network, and the page's text would be stored and quoted. So every
link and every redirect hop is checked before it is requested (`LinkPolicy.refusal`): the host is
resolved and every address it resolves to must be public. Decimal, octal and hex IPv4 forms
resolve to what they are, and an IPv6 address that embeds an IPv4 one (mapped, 6to4, Teredo) is
judged by the IPv4 address. The connection itself goes through `GuardedBackend`, which resolves
and checks again and connects to the addresses it checked, so a name that resolves to a public
address for the check and to 127.0.0.1 for the connection (DNS rebinding) reaches nothing.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_DEFAULT_PORTS = {"http": 80, "https": 443}
_KINDS = ("loopback", "link_local", "multicast", "unspecified", "reserved", "private")  # most telling first
_PUBLIC_ONLY: ContextVar[bool] = ContextVar("figwatch_public_only", default=False)


class AddressRefused(Exception):
    """A hostile link resolves to an address figwatch does not fetch from."""


def address_refusal(ip: IPAddress) -> str | None:
    """Why a link may not lead to this address ("a loopback address"); None when it is public."""
    embedded = _embedded_v4(ip)
    if embedded is not None:
        return address_refusal(embedded)
    for kind in _KINDS:
        if getattr(ip, f"is_{kind}"):
            return f"{'an' if kind == 'unspecified' else 'a'} {kind.replace('_', '-')} address"
    return None if ip.is_global else "not a public address"


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip.teredo[1] if ip.teredo is not None else None


def public_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, when all are public; AddressRefused otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressRefused(f"cannot resolve {host}: {exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    for address in addresses:
        why = address_refusal(ipaddress.ip_address(address))
        if why:
            shown = host if host == address else f"{host} ({address})"
            raise AddressRefused(f"{shown} is {why}")
    return addresses


def _host_port(url: str) -> tuple[str, str, int]:
    parsed = httpx.URL(url)
    scheme = parsed.scheme.lower()
    host = parsed.raw_host.decode("ascii").lower().rstrip(".")
    return scheme, host, parsed.port or _DEFAULT_PORTS.get(scheme, 0)


def origin(url: str) -> str:
    """scheme://host:port with the default port written out, for comparing origins."""
    scheme, host, port = _host_port(url)
    return f"{scheme}://{host}:{port}"


def bare_host(host: str) -> str:
    """A configured host as links are compared with it: lower case, no brackets, no final dot."""
    return host.strip().lower().strip("[]").rstrip(".")


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    """What one source's links and redirects may reach beyond public addresses."""

    origins: frozenset[str] = frozenset()  # trusted as they are: the feed's own
    hosts: frozenset[str] = frozenset()  # trusted on any port: the config's fetch.allow_hosts

    @classmethod
    def for_feed(cls, feed_url: str, allow_hosts: Iterable[str] = ()) -> "LinkPolicy":
        """The feed's own origin and the configured hosts; everything else must be public."""
        try:
            origins = frozenset({origin(feed_url)})
        except httpx.InvalidURL:
            origins = frozenset()
        return cls(origins, frozenset(bare_host(h) for h in allow_hosts))

    def trusts(self, url: str) -> bool:
        """True when `url` needs no address check (the feed's origin or an allowed host)."""
        try:
            _, host, _ = _host_port(url)
            return host in self.hosts or origin(url) in self.origins
        except httpx.InvalidURL:
            return False

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be requested, or None."""
        if self.trusts(url):
            return None
        try:
            _, host, port = _host_port(url)
            public_addresses(host, port)
        except httpx.InvalidURL as exc:
            return f"not a valid URL ({exc})"
        except AddressRefused as exc:
            return f"{exc}: refused (allow it with fetch.allow_hosts)"
        return None

    @contextmanager
    def connecting(self, url: str) -> Iterator[None]:
        """While a request to `url` is sent: GuardedBackend connects only to public addresses unless trusted."""
        token = _PUBLIC_ONLY.set(not self.trusts(url))
        try:
            yield
        finally:
            _PUBLIC_ONLY.reset(token)


class GuardedBackend(httpcore.SyncBackend):
    """Connects a request that must stay public only to the public addresses it resolved and checked."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        if not _PUBLIC_ONLY.get():
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = public_addresses(host, port)
        except AddressRefused as exc:
            raise httpcore.ConnectError(f"{exc}: refused") from None
        failure: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on GuardedBackend (no proxies: we must see where we connect)."""

    def __init__(self, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        # httpx builds its pool in __init__ and offers no backend argument: rebuild it on ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(),
        )
