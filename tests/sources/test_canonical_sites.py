"""A page cannot take over another outlet's article with its rel=canonical; URLs keep IPv6 brackets."""
from __future__ import annotations

import sqlite3

import pytest
from pytest_httpserver import HTTPServer

from figwatch.config import load_settings
from figwatch.sources.canonical import canonical_url
from flows.jobs import run_monitor
from tests.sources.test_live_feeds import RSS, WIRE, item, page, rss

FAKE = ("North Korea has sent 95,000 troops to Russia, according to South Korea's National "
        "Intelligence Service, which said on Thursday that more were on their way.")


@pytest.fixture
def outlet():
    """The real outlet, on another host than the hostile site (127.0.0.1 against localhost)."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    server.stop()


def _config(tmp_path, name: str, url: str):
    path = tmp_path / f"{name}.toml"
    path.write_text(f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "fw.db"}"\n'
                    f'[fetch]\npolite_delay = 0\nretries = 0\n'
                    f'[[sources]]\nname = "{name}"\nurl = "{url}"\n[alerts.files]\ndir = "{tmp_path / "d"}"\n')
    return load_settings(path)


def test_a_hostile_canonical_does_not_make_the_real_article_skipped(httpserver, outlet, tmp_path):
    real = f"http://127.0.0.1:{outlet.port}/real"
    hostile_page = f"http://localhost:{httpserver.port}/fake"
    httpserver.expect_request("/feed").respond_with_data(
        rss(item("Scoop", hostile_page, summary="Teaser.")), content_type=RSS)
    httpserver.expect_request("/fake").respond_with_data(page(FAKE, canonical=real), content_type="text/html")
    outlet.expect_request("/feed").respond_with_data(rss(item("Troops", real, summary="Teaser.")), content_type=RSS)
    outlet.expect_request("/real").respond_with_data(page(WIRE, canonical=real), content_type="text/html")

    run_monitor(_config(tmp_path, "hostile", f"http://localhost:{httpserver.port}/feed"))
    run_monitor(_config(tmp_path, "outlet", f"http://127.0.0.1:{outlet.port}/feed"))

    with sqlite3.connect(tmp_path / "fw.db") as db:
        texts = dict(db.execute("SELECT url, text FROM articles").fetchall())
        values = {v for (v,) in db.execute("SELECT c.value FROM claims c JOIN articles a ON a.id = c.article_id "
                                          "WHERE a.url = ?", (real,))}
    assert WIRE in texts[real] and FAKE not in texts[real]
    assert FAKE in texts[hostile_page]  # the hostile page is kept under its own address
    assert 95_000 not in values and 11_000 in values


def test_a_canonical_on_the_pages_own_site_still_wins():
    html = '<html><head><link rel="canonical" href="https://www.bbc.co.uk/news/world-1"></head></html>'
    assert canonical_url("https://news.bbc.co.uk/x?amp=1", html) == "https://www.bbc.co.uk/news/world-1"
    sibling = '<html><head><link rel="canonical" href="https://bob.github.io/post"></head></html>'
    assert canonical_url("https://alice.github.io/post", sibling) == "https://alice.github.io/post"


@pytest.mark.parametrize(("url", "expected"), [
    ("http://[::1]:8080/a?utm_source=x", "http://[::1]:8080/a"),
    ("https://[2001:DB8::1]/story#top", "https://[2001:db8::1]/story"),
])
def test_ipv6_hosts_keep_their_brackets(url, expected):
    assert canonical_url(url) == expected
