"""A date-limited backfill over a live feed stores HTTP validators only for what it stored.

A real HTTP server on loopback serves a feed and article pages with ETags and answers 304 to
a matching If-None-Match, as a real site does. Articles outside the backfill's window are
discarded by the backfill; a later monitor run must still get them, not a 304.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from figwatch.config import load_settings
from figwatch.store import Store
from flows.jobs import BackfillRequest, report_json, run_backfill, run_monitor

DATES = {1: "Fri, 10 Jan 2025 08:00:00 GMT", 2: "Mon, 20 Jan 2025 08:00:00 GMT",
         3: "Mon, 10 Feb 2025 08:00:00 GMT", 4: "Thu, 20 Feb 2025 08:00:00 GMT"}
TEXTS = {
    1: "South Korea's National Intelligence Service said about 11,000 North Korean troops were now in Russia.",
    2: "Kyiv's military intelligence reported that 3,000 North Korean soldiers had been killed or wounded in Kursk.",
    3: "The Pentagon estimated on Monday that Pyongyang had shipped more than 200 artillery systems to Moscow.",
    4: "Seoul's Joint Chiefs of Staff said a second wave of some 3,000 North Korean troops arrived in February.",
}


def _feed(server: HTTPServer) -> str:
    items = "".join(
        f"<item><title>Report {n}</title><link>{server.url_for(f'/art/{n}')}</link><pubDate>{d}</pubDate>"
        f"<description>Teaser {n}</description></item>"  # summary only: the page is fetched
        for n, d in DATES.items()
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def _page(n: int) -> str:
    return (f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
            f"<p>{TEXTS[n]}</p></article></body></html>")


def _conditional(body: str, etag: str, content_type: str):
    """Answer like a real site: 304 when the client already holds this ETag."""
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})
    return handle


def _serve(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_handler(_conditional(_feed(server), '"feed-1"', "application/rss+xml"))
    for n in DATES:
        server.expect_request(f"/art/{n}").respond_with_handler(_conditional(_page(n), f'"page-{n}"', "text/html"))


def _config(tmp_path: Path, feed_url: str) -> Path:
    path = tmp_path / "figwatch.toml"
    path.write_text(
        f'home = "{tmp_path / "home"}"\n[store]\nurl = "sqlite:///{tmp_path / "figwatch.db"}"\n'
        f'[[sources]]\nname = "wire"\nurl = "{feed_url}"\n'
        '[fetch]\npolite_delay = 0\nretries = 0\n'
        f'[alerts.files]\ndir = "{tmp_path / "digests"}"\n',
        encoding="utf-8",
    )
    return path


def _stored(tmp_path: Path) -> set[str]:
    with Store.open(f"sqlite:///{tmp_path / 'figwatch.db'}") as store:
        return {a.title for a in store.articles()}


def test_articles_outside_a_backfill_window_are_stored_by_the_next_run(httpserver, tmp_path):
    _serve(httpserver)
    settings = load_settings(_config(tmp_path, httpserver.url_for("/feed")))
    january = report_json(run_backfill(settings, BackfillRequest(since=date(2025, 1, 1), until=date(2025, 1, 31))))
    assert january["articles_new"] == 2 and _stored(tmp_path) == {"Report 1", "Report 2"}
    with Store.open(settings.database_url) as store:
        assert store.http_state(httpserver.url_for("/feed")) is None  # it covered discarded articles
        assert store.http_state(httpserver.url_for("/art/3")) is None
        assert store.http_state(httpserver.url_for("/art/1")).etag == '"page-1"'  # stored: kept
    later = report_json(run_monitor(settings))
    assert later["articles_new"] == 2
    assert _stored(tmp_path) == {"Report 1", "Report 2", "Report 3", "Report 4"}
    # now everything the feed holds is stored: its validators are, and the next run is all 304
    httpserver.clear_log()
    assert report_json(run_monitor(settings))["articles_new"] == 0
    assert [(r.path, s.status_code) for r, s in httpserver.log] == [("/feed", 304)]


def test_a_backfill_window_holding_everything_keeps_the_validators(httpserver, tmp_path):
    _serve(httpserver)
    settings = load_settings(_config(tmp_path, httpserver.url_for("/feed")))
    run_backfill(settings, BackfillRequest(since=date(2025, 1, 1)))
    with Store.open(settings.database_url) as store:
        assert store.http_state(httpserver.url_for("/feed")).etag == '"feed-1"'
        assert all(store.http_state(httpserver.url_for(f"/art/{n}")) for n in DATES)
