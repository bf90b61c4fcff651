"""Two processes (two figwatch runs) adding events and composing digests on one database."""
from __future__ import annotations

import multiprocessing

from figwatch.store import Store
from tests.store.helpers_store import T0, build, event

ROUNDS = 12


def _run(url: str, offset: int, start) -> None:
    """A run that finds an event and composes a digest, again and again."""
    store = Store.open(url)
    start.wait()
    for n in range(ROUNDS):
        with store.writer() as tx:
            tx.add_events([event("new", offset + n, old=None)])
        store.compose_digest(build, ["files", "email"], now=T0)
    store.close()


def test_two_processes_put_each_event_in_exactly_one_digest(store_url):
    Store.open(store_url).close()  # migrated before the race: this test is about digests
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    workers = [context.Process(target=_run, args=(store_url, base, start)) for base in (1000, 5000)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0, 0]
    store = Store.open(store_url)
    assert store.compose_digest(build, ["files"], now=T0) is None  # every run composed its own
    events = store.events()
    digest_ids = {d.digest_id for d in store.deliveries()}
    in_digests = [e.id for d in digest_ids for e in store.get_digest(d).events]
    assert sorted(in_digests) == sorted(e.id for e in events) and len(events) == 2 * ROUNDS
    assert len(store.deliveries()) == 2 * len(digest_ids)
    store.close()
