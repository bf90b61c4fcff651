"""Round trips through every table, on SQLite and PostgreSQL."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from figwatch.errors import StoreError
from figwatch.figures import fold_claims
from figwatch.models import HttpState, Metric, SourceHealth
from tests.store.helpers_store import T0, article, claim, event


def test_articles_round_trip_and_dedup_by_url_and_hash(store):
    first, second = article(1), article(2)
    same_url = article(3, url=first.url)
    same_text = article(4, text=second.text)
    with store.writer() as tx:
        assert tx.add_articles([first, second, first]) == [first, second]
    with store.writer() as tx:
        assert tx.add_articles([same_url, same_text, article(5)]) == [article(5)]
    assert store.articles() == [first, second, article(5)]
    assert store.articles([second.url]) == [second]
    assert store.articles()[0].simhash == (1 << 63) + 1  # a 64-bit fingerprint survives


def test_article_without_hash_is_deduplicated_by_url_only(store):
    a, b = article(1, content_hash=""), article(2, content_hash="")
    with store.writer() as tx:
        assert tx.add_articles([a, b]) == [a, b]


def test_known_articles_answers_urls_and_hashes(store):
    a = article(1)
    with store.writer() as tx:
        tx.add_articles([a])
    asked_urls = [a.url, "https://news.example/none"]
    assert store.known_articles(asked_urls, [a.content_hash, "f" * 64]) == {a.url, a.content_hash}
    assert store.known_articles([], []) == set()


def test_claims_round_trip_and_figures_match_the_fold(store):
    a, b = article(1), article(2)
    claims = [
        claim(value=12000, art=replace(a, published=T0 - timedelta(days=60)), as_of=None),
        claim(value=11000, art=b),
        claim(value=11000, art=a, start=40, end=46),  # a second copy of b's report
        claim("casualties.total", 4000, art=b, confidence=0.3, low=None, high=None),  # for review
    ]
    with store.writer() as tx:
        tx.add_articles([a, b])
        tx.add_claims(claims)
        tx.add_claims(claims[:1])  # stored once
    assert sorted(store.claims(), key=repr) == sorted(claims, key=repr)
    assert store.claims("casualties.total") == [claims[3]]
    metrics = {"troops.deployed": Metric("troops.deployed", "Troops")}
    folded = fold_claims({}, claims, metrics).figures
    assert store.load_figures() == folded
    with store.writer() as tx:
        assert tx.load_figures(["troops.deployed"]) == folded
        assert tx.load_figures([]) == {}


def test_events_round_trip_and_are_unique_under_repeat(store):
    changed, new = event("changed", 11000), event("new", 3000, old=None)
    with store.writer() as tx:
        inserted = tx.add_events([changed, new])
    assert [e.id is not None for e in inserted] == [True, True]
    with store.writer() as tx:
        assert tx.add_events([changed, new]) == []
    assert store.events() == inserted
    assert [replace(e, id=None) for e in store.events()] == [changed, new]


def test_http_state_is_upserted(store):
    assert store.http_state("https://feed.example/rss") is None
    with store.writer() as tx:
        tx.set_http_state(HttpState("https://feed.example/rss", etag='"a"', last_modified="Mon"))
    with store.writer() as tx:
        tx.set_http_state(HttpState("https://feed.example/rss", etag='"b"'))
    assert store.http_state("https://feed.example/rss") == HttpState("https://feed.example/rss", etag='"b"')


def test_source_health_counts_failures_and_recovers(store):
    t1, t2, t3 = T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2)
    with store.writer() as tx:
        tx.record_source_result("kyiv", True, None, t1)
        tx.record_source_result("seoul", False, "timeout", t1)
    with store.writer() as tx:
        tx.record_source_result("seoul", False, "HTTP 503", t2)
    assert store.source_health() == [
        SourceHealth("kyiv", last_success=t1),
        SourceHealth("seoul", last_error="HTTP 503", last_error_at=t2, consecutive_failures=2),
    ]
    with store.writer() as tx:
        tx.record_source_result("seoul", True, None, t3)
    seoul = store.source_health()[1]
    assert (seoul.consecutive_failures, seoul.last_success, seoul.last_error) == (0, t3, "HTTP 503")


def test_runs_are_recorded(store):
    assert store.last_run("monitor") is None
    start = datetime(2025, 3, 27, 6, 0, tzinfo=timezone(timedelta(hours=9)))  # Seoul time
    store.record_run("monitor", start, start + timedelta(minutes=2), {"articles": 3, "at": start})
    store.record_run("monitor", start + timedelta(hours=1), start + timedelta(hours=1, minutes=1), {})
    store.record_run("backfill", start, start + timedelta(days=1), {})
    last = store.last_run("monitor")
    assert last == start + timedelta(hours=1, minutes=1) and last.tzinfo == timezone.utc


def test_writer_rolls_back_on_error(store):
    try:
        with store.writer() as tx:
            tx.add_articles([article(1)])
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.articles() == []


def test_nested_writer_is_refused_instead_of_deadlocking(store):
    with store.writer() as tx:
        tx.add_articles([article(1)])
        with pytest.raises(StoreError, match="writer"):
            store.record_run("monitor", T0, T0, {})
    assert store.articles() == [article(1)]  # the outer transaction still commits
