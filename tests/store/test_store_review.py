"""What waits for a person: an earlier figure the article says was revised is history, not a
question; a plan a person confirms becomes a current figure (the fold takes only current ones)."""
from __future__ import annotations

from figwatch.news import eligible
from figwatch.store import Store
from tests.store.helpers_store import article, claim


def test_review_lists_no_superseded_figure_and_a_confirmed_plan_becomes_current(store: Store) -> None:
    art = article(1)
    earlier = claim(value=3000, art=art, start=20, end=25, confidence=0.3, stance="superseded")
    plan = claim(value=30000, art=art, start=40, end=46, confidence=0.3, stance="planned")
    with store.writer() as tx:
        tx.add_articles([art])
        tx.add_claims([earlier, plan])
    waiting = store.review_items()
    assert [(i.claim.value, i.claim.stance) for i in waiting] == [(30000, "planned")]
    with store.writer() as tx:
        assert tx.record_verdict(tx.waiting_review([waiting[0].id]), "confirmed", 0.9) == 1
    confirmed = [c for c in store.claims() if c.value == 30000]
    assert [(c.stance, c.confidence) for c in confirmed] == [("current", 0.9)] and eligible(confirmed[0])
