"""harvest across sources: unchanged feeds cost one conditional request, a dead host fails alone,
syndicated copies fold to one story, and one host never sees more than its share."""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from werkzeug import Request, Response

from figwatch.models import Source
from figwatch.sources.copies import near_duplicates
from figwatch.sources.harvest import harvest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
RSS = "application/rss+xml; charset=utf-8"
WIRE = ("SEOUL (Wire) - North Korea has sent another 3,000 soldiers to Russia in January and February, "
        "strengthening its support for Moscow's war on Ukraine. This brings the total number of North Korean "
        "troops in Russia to around 11,000, according to South Korea's military. So far, about 4,000 of them "
        "have been killed or injured in combat, the Joint Chiefs of Staff said on Thursday. The military said "
        "Pyongyang had also shipped short-range ballistic missiles and artillery systems to Moscow.")
BOILER = [
    "Subscribe to our newsletter for the latest updates. Support independent journalism: donate today.",
    "Related posts: Ukraine war latest; markets close higher. Leave a comment below. Share on Facebook.",
    "By staff and wire services. Editing by the night desk. Read our standards and corrections policy.",
]


def feed(*items: tuple[str, str, str]) -> str:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><description><![CDATA[{s}]]></description>"
                   f"<pubDate>Thu, 27 Mar 2025 08:00:00 GMT</pubDate></item>" for t, link, s in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'


def conditional(body: str, content_type: str, etag: str):
    """A handler that answers 304 to a matching If-None-Match, like a well-behaved server."""
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type,
                        headers={"ETag": etag, "Last-Modified": "Thu, 27 Mar 2025 08:00:00 GMT"})
    return handle


def test_second_run_sends_only_conditional_requests_and_ingests_nothing(httpserver, settings, now):
    for name in ("a", "b"):
        body = feed((f"{name} story", f"/{name}/story", "Teaser."))
        httpserver.expect_request(f"/{name}/feed").respond_with_handler(conditional(body, RSS, f'"{name}1"'))
        page = f"<html><body><article><h1>{name}</h1><p>{WIRE}</p><p>{WIRE}</p></article></body></html>"
        httpserver.expect_request(f"/{name}/story").respond_with_handler(conditional(page, "text/html", f'"p{name}"'))
    sources = [Source(name=n, url=httpserver.url_for(f"/{n}/feed")) for n in ("a", "b")]
    store: dict = {}
    first = harvest(sources, settings, state=store.get, now=now, sleep=lambda s: None)
    assert [len(r.articles) for r in first] == [1, 1] and all(WIRE in r.articles[0].text for r in first)
    for result in first:
        store.update({s.url: s for s in result.http_states})
    assert len(store) == 4  # two feeds and two pages remembered
    httpserver.clear_log()
    second = harvest(sources, settings, state=store.get, now=now, sleep=lambda s: None)
    assert [(r.articles, r.error, r.not_modified, r.requests) for r in second] == [((), None, 1, 1)] * 2
    assert len(httpserver.log) == 2
    for request, response in httpserver.log:
        assert response.status_code == 304 and request.headers["If-None-Match"]
        assert request.headers["If-Modified-Since"] == "Thu, 27 Mar 2025 08:00:00 GMT"


def test_a_dead_host_fails_alone_and_files_ride_along(httpserver, settings, now, dead_url):
    httpserver.expect_request("/good").respond_with_data(feed(("Good", "https://ex.org/g", WIRE)), content_type=RSS)
    sources = [Source(name="dead", url=dead_url), Source(name="good", url=httpserver.url_for("/good")),
               Source(name="seeds", path=str(SEEDS))]
    dead, good, seeds = harvest(sources, settings, state=lambda u: None, now=now, sleep=lambda s: None)
    assert dead.error and dead.articles == () and "connect" in dead.error.lower()
    assert good.error is None and good.articles[0].text == WIRE
    assert seeds.error is None and len(seeds.articles) == 5


def test_three_syndicated_copies_are_one_story(httpserver, settings, now):
    sources = []
    for i, boiler in enumerate(BOILER):
        text = f"{boiler} {WIRE} {boiler}"
        httpserver.expect_request(f"/o{i}").respond_with_data(
            feed((f"Outlet {i}: troops", f"https://outlet{i}.example/wire-story", text)), content_type=RSS)
        sources.append(Source(name=f"o{i}", url=httpserver.url_for(f"/o{i}")))
    results = harvest(sources, settings, state=lambda u: None, now=now, sleep=lambda s: None)
    articles = [a for r in results for a in r.articles]
    assert len(articles) == 3 and len({a.content_hash for a in articles}) == 3
    kept, dropped = near_duplicates(articles)
    assert [a.url for a in kept] == ["https://outlet0.example/wire-story"]
    assert {d.of for d in dropped} == {"https://outlet0.example/wire-story"}


def test_one_host_sees_at_most_its_share_and_a_polite_delay(threaded_server, settings, now):
    lock, active, peak = threading.Lock(), [0], [0]

    def handle(request: Request) -> Response:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return Response(feed(("x", f"https://ex.org{request.path}", WIRE)), content_type=RSS)

    threaded_server.expect_request("/f", method="GET").respond_with_handler(handle)
    threaded_server.expect_request(threading_path := "/g").respond_with_handler(handle)
    sources = [Source(name=f"s{i}", url=threaded_server.url_for("/f" if i % 2 else threading_path) + f"?n={i}")
               for i in range(6)]
    polite = replace(settings, per_host_concurrency=2, polite_delay=0.01)
    waits: list[float] = []
    results = harvest(sources, polite, state=lambda u: None, now=now, sleep=waits.append)
    assert all(r.error is None for r in results)
    assert peak[0] <= 2 and len(waits) >= 1 and all(w <= 0.01 * 6 for w in waits)


def test_spent_run_budget_is_an_error_per_source_not_a_crash(httpserver, settings, now):
    httpserver.expect_request("/f").respond_with_data(feed(("x", "https://ex.org/x", WIRE)), content_type=RSS)
    spent = replace(settings, run_budget=0)
    (result,) = harvest([Source(name="f", url=httpserver.url_for("/f"))], spent, state=lambda u: None, now=now)
    assert "budget" in result.error and result.requests == 0 and len(httpserver.log) == 0
