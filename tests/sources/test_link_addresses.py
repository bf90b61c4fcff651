"""A feed cannot send figwatch to internal addresses: two real loopback servers, the feed on port A,
an "internal" service on port B that must never be asked for anything."""
from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from figwatch.models import Source
from figwatch.sources.addresses import address_refusal
from figwatch.sources.live import fetch_source
from tests.sources.test_live_feeds import RSS, WIRE, item, page, rss

SECRET = "internal admin console: the root password is hunter2"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """As the package's fixture, but numeric host forms (2130706433, 0x7f.0.0.1) resolve: no network needed."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in ("localhost", "::1") and not re.fullmatch(r"[0-9a-fA-FxX.:]+", name):
            raise socket.gaierror(socket.EAI_NONAME, f"test blocks non-loopback host {name!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.fixture
def internal():
    """Port B: an internal service holding something a feed must not make figwatch read."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    server.expect_request("/secret").respond_with_data(page(SECRET), content_type="text/html")
    yield server
    server.clear()
    server.stop()


def _harvest(feed_server, client, settings, now, items: str, **source):
    feed_server.expect_request("/feed").respond_with_data(rss(items), content_type=RSS)
    src = Source(name="feed", url=feed_server.url_for("/feed"), **source)
    return fetch_source(src, client, settings, state=lambda url: None, now=now,
                        deadline=time.monotonic() + 60, sleep=lambda s: None)


def test_links_and_redirects_to_another_port_are_refused_the_feeds_own_origin_works(
        httpserver, internal, client, settings, now):
    port_b = internal.port
    httpserver.expect_request("/own").respond_with_data(page(WIRE), content_type="text/html")
    httpserver.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.1:{port_b}/secret"})
    links = {
        "own": httpserver.url_for("/own"),
        "direct": f"http://127.0.0.1:{port_b}/secret",
        "redirected": httpserver.url_for("/hop"),
        "decimal": f"http://2130706433:{port_b}/secret",
        "hex": f"http://0x7f.0.0.1:{port_b}/secret",
        "mapped": f"http://[::ffff:127.0.0.1]:{port_b}/secret",
        "hexword": f"http://0x7f000001:{port_b}/secret",
        "octal": f"http://0177.0.0.1:{port_b}/secret",
    }
    items = "".join(item(name, link, date=None, summary=f"Teaser {name}.") for name, link in links.items())
    result = _harvest(httpserver, client, settings, now, items)

    assert internal.log == []  # port B was never asked for anything
    texts = {a.title: a.text for a in result.articles}
    assert WIRE in texts["own"]  # the feed's own origin is fetched as before
    assert not any(SECRET in text for text in texts.values())
    for name in ("direct", "redirected", "decimal", "hex", "mapped", "hexword", "octal"):
        assert texts[name] == f"Teaser {name}."  # the summary stands; the internal page was never read
        (why,) = [p for p in result.problems if p.startswith(links[name]) and "page not fetched" in p]
        assert ("a loopback address: refused" if name != "octal" else "not a valid URL") in why, why
    assert any(f"redirect to {links['direct']}" in p for p in result.problems if p.startswith(links["redirected"]))


def test_a_feed_that_redirects_into_another_port_is_refused(httpserver, internal, client, settings, now):
    httpserver.expect_request("/feed").respond_with_data(
        "", status=301, headers={"Location": f"http://127.0.0.1:{internal.port}/secret"})
    src = Source(name="feed", url=httpserver.url_for("/feed"))
    result = fetch_source(src, client, settings, state=lambda url: None, now=now,
                          deadline=time.monotonic() + 60, sleep=lambda s: None)
    assert "loopback address: refused" in result.error and internal.log == []


def test_hosts_the_config_allows_are_fetched(httpserver, internal, client, settings, now):
    items = item("allowed", f"http://127.0.0.1:{internal.port}/secret", date=None, summary="Teaser.")
    allowing = replace(settings, allow_hosts=["127.0.0.1"])
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type=RSS)
    src = Source(name="feed", url=httpserver.url_for("/feed"))
    result = fetch_source(src, client, allowing, state=lambda url: None, now=now,
                          deadline=time.monotonic() + 60, sleep=lambda s: None)
    (article,) = result.articles
    assert SECRET in article.text and len(internal.log) == 1


def test_a_name_that_turns_into_loopback_between_check_and_connect_reaches_nothing(
        httpserver, internal, client, settings, now, monkeypatch):
    """DNS rebinding: the first answer is public, every later one is 127.0.0.1."""
    real, answers = socket.getaddrinfo, []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            answers.append(host)
            address = "93.184.216.34" if len(answers) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    link = f"http://rebind.test:{internal.port}/secret"
    result = _harvest(httpserver, client, settings, now, item("rebound", link, date=None, summary="Teaser."))
    (article,) = result.articles
    assert article.text == "Teaser." and internal.log == [] and len(answers) >= 2
    assert any("rebind.test (127.0.0.1) is a loopback address" in p for p in result.problems if p.startswith(link))


@pytest.mark.parametrize(("address", "verdict"), [
    ("93.184.216.34", None), ("2606:4700::1111", None),
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"), ("192.168.0.1", "a private address"), ("fd00::1", "a private address"),
    ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("224.0.0.1", "a multicast address"), ("ff02::1", "a multicast address"),
    ("0.0.0.0", "an unspecified address"), ("100.64.0.1", "not a public address"),
    ("::ffff:10.0.0.1", "a private address"), ("2002:7f00:1::1", "a loopback address"),
    ("64:ff9b::7f00:1", "a reserved address"),
])
def test_which_addresses_count_as_public(address, verdict):
    assert address_refusal(ipaddress.ip_address(address)) == verdict
