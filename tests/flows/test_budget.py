"""A run's time budget holds for extraction too: checked before each article, one article read only up
to a cap, and what a spent budget leaves is fetched and stored by the next run, never lost.

The budget's clock counts articles here instead of seconds (the clock is the outermost edge), so
the tests count work and never time it."""
from __future__ import annotations

import random
from dataclasses import replace
from itertools import count

from werkzeug import Request, Response

from figwatch.config import load_settings
from flows import steps
from flows.jobs import Steps, report_json, run_monitor
from tests.flows.helpers import write_config

ETAG = '"v1"'


WORDS = ("border night analysts seoul caution estimate kremlin comment satellite barracks vladivostok lawmakers "
         "briefed doors kyiv units kursk families pyongyang verified river bridge harbour winter supply rail depot "
         "factory shells drones envoy summit treaty talks").split()


def story(i: int) -> str:
    """A story of its own (no syndicated copy of another) with its own figure."""
    pick = random.Random(i).choice
    rest = " ".join(f"The {pick(WORDS)} of the {pick(WORDS)} was {pick(WORDS)} with the {pick(WORDS)}, it said."
                    for _ in range(6))  # English to the language check: its function words, other nouns
    return f"North Korea has sent {1_000 * (i + 1):,} troops to Russia, South Korea's military said. {rest}"


def feed(n: int) -> str:
    items = "".join(
        f"<item><title>Report {i}</title><link>http://example.org/story/{i}</link><guid>g{i}</guid>"
        f"<pubDate>Thu, {10 + i} Mar 2025 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>{story(i)}</p>]]></content:encoded></item>"
        for i in range(n))
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Wire</title>{items}</channel></rss>")


def serve(httpserver, body: str) -> str:
    def handle(request: Request) -> Response:
        if request.headers.get("If-None-Match") == ETAG:
            return Response(status=304, headers={"ETag": ETAG})
        return Response(body, content_type="application/rss+xml", headers={"ETag": ETAG})
    httpserver.expect_request("/feed").respond_with_handler(handle)
    return httpserver.url_for("/feed")


def settings_for(tmp_path, url: str):
    extra = (f'[[sources]]\nname = "wire"\nurl = "{url}"\n'
             '[fetch]\nretries = 0\npolite_delay = 0.0\nfetch_pages = false\n')
    return load_settings(write_config(tmp_path, seeds=tmp_path / "no-files", extra=extra))


def articles_budget(n: int) -> Steps:
    """A Steps table whose fold gets a budget spent after n articles: its clock ticks once a check."""
    ticks = count()
    budget = steps.Budget(deadline=n, clock=lambda: next(ticks))

    def fold(rt, articles, **kwargs):
        return steps.fold_articles(rt, articles, **{**kwargs, "budget": budget})

    return Steps(fold=fold)


def test_a_spent_budget_leaves_articles_to_the_next_run_and_loses_none(httpserver, tmp_path):
    (tmp_path / "no-files").mkdir()
    url = serve(httpserver, feed(6))
    settings = settings_for(tmp_path, url)
    first = report_json(run_monitor(settings, run=articles_budget(3)))
    assert (first["articles_new"], first["deferred"]) == (3, 3)  # checked before each article
    rt = steps.open_runtime(settings)
    try:
        assert rt.store.http_state(url) is None  # no validators: the next run fetches the feed whole
    finally:
        rt.store.close()
    second = report_json(run_monitor(settings))
    assert (second["articles_new"], second["deferred"]) == (3, 0)
    third = report_json(run_monitor(settings))  # 304 now: everything was stored
    assert (third["articles_new"], third["deferred"]) == (0, 0)
    values = sorted(e["new_value"] for r in (first, second) for e in r["events"])
    assert len({e["article"] for r in (first, second) for e in r["events"]}) == 6 and max(values) == 6_000


def test_one_article_is_read_up_to_the_cap(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    early = "North Korea has sent 11,000 troops to Russia, South Korea's military said. "
    late = "North Korea has sent 12,000 troops to Russia, Ukraine's military intelligence said. "
    filler = "The weather stayed mild and the markets were quiet. " * 2_400  # 124,800 characters
    assert len(filler) > getattr(steps, "ARTICLE_CHARS", 0)
    (folder / "long.txt").write_text(f"Title: Long\nPublished: 2025-03-01\n\n{early}{filler}{late}", encoding="utf-8")
    settings = load_settings(write_config(tmp_path, seeds=folder))
    report = report_json(run_monitor(settings))
    values = {e["new_value"] for e in report["events"]}
    assert 11_000 in values and 12_000 not in values  # the figure past ARTICLE_CHARS is not read


def test_harvest_stops_short_of_the_budget(httpserver, tmp_path):
    (tmp_path / "no-files").mkdir()
    url = serve(httpserver, feed(1))
    rt = steps.open_runtime(settings_for(tmp_path, url))
    try:
        spent = replace(rt, budget=steps.Budget(deadline=rt.budget.deadline - rt.settings.fetch.run_budget * 0.9))
        (result,) = [r for r in steps.harvest_sources(spent, now=steps.utcnow()) if r.source == "wire"]
        assert result.error and "budget" in result.error  # the share kept for extraction is not fetched into
    finally:
        rt.store.close()
