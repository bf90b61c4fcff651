"""The outbox: digests composed once, deliveries that fail, back off, succeed, and stay sent."""
from __future__ import annotations

import threading
from datetime import timedelta

from figwatch.models import Delivery, Digest
from figwatch.store import Store
from figwatch.store.codec import decode_digest, encode_digest
from tests.store.helpers_store import T0, build, event


def _add(store, *events, notify=True):
    with store.writer() as tx:
        return tx.add_events(list(events), notify=notify)


def test_codec_round_trips_a_digest():
    digest = build([event("changed", 11000, id=7), event("new", 3000, old=None)])
    assert decode_digest(encode_digest(digest)) == digest


def test_no_pending_events_means_no_digest(store):
    assert store.compose_digest(build, ["files"], now=T0) is None
    _add(store, event("new", 3000, old=None), notify=False)  # history only (backfill)
    assert store.compose_digest(build, ["files"], now=T0) is None
    assert store.last_digest_at() is None


def test_compose_stores_digest_deliveries_and_links_events(store):
    events = _add(store, event("changed", 11000), event("new", 3000, old=None))
    digest = store.compose_digest(build, ["email", "slack"], now=T0)
    assert digest.id is not None and digest.events == tuple(events)
    assert store.get_digest(digest.id) == digest
    assert store.events(digest.id) == events
    assert [(d.channel, d.status, d.digest_id) for d in store.deliveries()] == [
        ("email", "pending", digest.id), ("slack", "pending", digest.id),
    ]
    assert store.compose_digest(build, ["email"], now=T0) is None  # nothing pending any more
    assert store.last_digest_at() == T0


def test_delivery_fails_backs_off_then_is_sent_and_never_due_again(store):
    _add(store, event())
    digest = store.compose_digest(build, ["email", "slack"], now=T0)
    email, slack = store.due_deliveries(T0)
    store.mark_failed(email.id, "SMTP 451", T0 + timedelta(minutes=5))
    store.mark_sent(slack.id, T0)
    assert store.due_deliveries(T0 + timedelta(minutes=1)) == []  # backing off; slack is done
    (retry,) = store.due_deliveries(T0 + timedelta(minutes=5))
    assert retry == Delivery(digest.id, "email", "failed", 1, "SMTP 451", T0 + timedelta(minutes=5), id=email.id)
    store.mark_sent(email.id, T0 + timedelta(minutes=6))
    store.mark_failed(email.id, "late failure report", T0)  # a sent delivery stays sent
    assert store.due_deliveries(T0 + timedelta(days=30)) == []
    final = {d.channel: (d.status, d.attempts, d.sent_at) for d in store.deliveries()}
    assert final == {"email": ("sent", 2, T0 + timedelta(minutes=6)), "slack": ("sent", 1, T0)}


def test_permanent_failure_and_max_attempts_stop_retries(store):
    _add(store, event())
    store.compose_digest(build, ["email", "slack"], now=T0)
    email, slack = store.deliveries()
    store.mark_failed(email.id, "550 no such user", None)  # give up
    for _ in range(3):
        store.mark_failed(slack.id, "HTTP 500", T0)
    later = T0 + timedelta(hours=1)
    assert [d.channel for d in store.due_deliveries(later)] == ["slack"]
    assert store.due_deliveries(later, max_attempts=3) == []


def test_concurrent_composers_put_each_event_in_exactly_one_digest(store_url):
    """Two runs (each its own Store) compose at once while events keep arriving."""
    opened = [Store.open(store_url) for _ in range(2)]
    producer = opened[0]
    start, done = threading.Barrier(3), threading.Event()
    digests: list[Digest] = []
    errors: list[BaseException] = []

    def compose(store):
        start.wait()
        try:
            while True:
                finished = done.is_set()
                digest = store.compose_digest(build, ["files"], now=T0)
                if digest is not None:
                    digests.append(digest)
                if finished:
                    return
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=compose, args=(s,)) for s in opened]
    for t in threads:
        t.start()
    start.wait()
    added = []
    for n in range(30):
        added += _add(producer, event("new", 1000 + n, old=None))
    done.set()
    for t in threads:
        t.join()
    assert errors == []
    assert len(digests) >= 1
    linked = [e.id for d in digests for e in d.events]
    assert sorted(linked) == sorted(e.id for e in added)  # each once, none lost
    assert len(opened[0].deliveries()) == len(digests)
    for s in opened:
        s.close()


def test_claimed_deliveries_are_not_due_for_another_sender_until_the_lease_ends(store):
    from datetime import timedelta as _td

    from figwatch.store.store import DELIVERY_LEASE

    _add(store, event())
    store.compose_digest(build, ["email", "slack"], now=T0)
    first = store.claim_due(T0)
    assert len(first) == 2 and store.claim_due(T0) == []  # a second sender at the same time gets nothing
    again = store.claim_due(T0 + DELIVERY_LEASE + _td(seconds=1))  # the first sender died mid-send
    assert {d.id for d in again} == {d.id for d in first}


def test_only_the_lease_owner_renews_it_and_records_parts(store):
    from figwatch.store.store import DELIVERY_LEASE

    _add(store, event())
    store.compose_digest(build, ["slack"], now=T0)
    (mine,) = store.claim_due(T0)
    assert mine.lease_owner and mine.next_attempt_at == T0 + DELIVERY_LEASE
    later = T0 + timedelta(minutes=4)
    assert store.renew_lease(mine.id, mine.lease_owner, later + DELIVERY_LEASE, parts_sent=3, parts_key="k1")
    assert store.claim_due(later + timedelta(minutes=2)) == []  # renewed: still mine past the first lease's end
    (theirs,) = store.claim_due(later + DELIVERY_LEASE)  # lapsed: another sender takes it, progress and all
    assert theirs.lease_owner != mine.lease_owner and (theirs.parts_sent, theirs.parts_key) == (3, "k1")
    assert not store.renew_lease(mine.id, mine.lease_owner, later + 2 * DELIVERY_LEASE, parts_sent=4, parts_key="k1")
    store.mark_failed(theirs.id, "HTTP 429", T0 + timedelta(hours=1))
    (failed,) = store.deliveries()
    assert (failed.parts_sent, failed.lease_owner) == (3, None)  # the retry resumes after part 3
    store.mark_sent(theirs.id, T0 + timedelta(hours=1))
    assert not store.renew_lease(theirs.id, theirs.lease_owner, T0 + timedelta(days=1))  # sent is final
