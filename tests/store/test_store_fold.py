"""The fold and the store together, run after run, as the monitor uses them."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timezone

from figwatch.figures import fold_claims
from figwatch.models import Metric
from figwatch.store import Store
from tests.store.helpers_store import article, claim, event

JAN = datetime(2025, 1, 24, tzinfo=timezone.utc)
MAR = datetime(2025, 3, 27, tzinfo=timezone.utc)
METRICS = {"troops.deployed": Metric("troops.deployed", "Troops"),
           "casualties.total": Metric("casualties.total", "Casualties")}


def _run(store, articles_and_claims):
    """One monitor run: new articles, their claims, the fold against fresh figures, the events."""
    with store.writer() as tx:
        inserted = tx.add_articles([a for a, _ in articles_and_claims])
        fresh = [c.attach(a) for a, cs in articles_and_claims if a in inserted for c in cs]
        result = fold_claims(tx.load_figures({c.metric for c in fresh}), fresh, METRICS)
        tx.add_claims(fresh)
        return tx.add_events(result.events)


def _troops(value, source, **extra):
    values = {"low": None, "high": None, "qualifier": "approx", "revised_from": None, **extra}
    return claim(value=value, source=source, source_key=source, **values)


def test_seeds_like_runs_give_new_then_changed_then_nothing(store):
    january = [(article(1, published=JAN), [_troops(12000, "Kyiv"),
               _troops(3000, "Kyiv", metric="casualties.total", qualifier="more_than", low=3000)])]
    march = [
        (article(3, published=MAR), [_troops(11000, "South Korea JCS"),
                                     _troops(4000, "Seoul", metric="casualties.total")]),
        (article(4, published=MAR), [_troops(11000, "South Korea JCS", start=99)]),  # a copy
    ]
    first = _run(store, january)
    assert {(e.kind, e.new.value) for e in first} == {("new", 12000), ("new", 3000)}
    second = _run(store, march)
    assert {(e.kind, e.old.value, e.new.value) for e in second} == {("changed", 3000, 4000), ("changed", 12000, 11000)}
    assert _run(store, march) == []  # a re-fetch: the articles are known, nothing happens
    syndicated = [(article(5, published=MAR), [_troops(11000, "South Korea JCS")])]
    assert _run(store, syndicated) == []  # the same report in a new article
    figure = store.load_figures(["troops.deployed"])["troops.deployed"]
    assert figure.baseline.value == 11000 and [c.value for c in figure.history] == [12000, 11000]


def test_concurrent_writers_insert_each_event_once(store_url):
    stores = [Store.open(store_url) for _ in range(2)]
    events = [event("new", 1000 + n, old=None) for n in range(10)]
    barrier, inserted = threading.Barrier(2), []

    def write(store):
        barrier.wait()
        for e in events:
            with store.writer() as tx:
                inserted.extend(tx.add_events([e]))

    threads = [threading.Thread(target=write, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(e.new.value for e in inserted) == [e.new.value for e in events]
    assert [replace(e, id=None) for e in stores[0].events()] == events
    for s in stores:
        s.close()
