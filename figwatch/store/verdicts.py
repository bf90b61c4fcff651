"""Claims held back for a person: what waits, and the verdicts.

Two kinds wait: claims the extractor was unsure of (confidence below REVIEW_THRESHOLD) and
reports the fold holds as unconfirmed (far from the current figure, or naming no source; see
figwatch/fold/series.py) until an independent source states them. A verdict is recorded on every
stored copy of the report (same report key), since a person judges the report, not one outlet's
copy of it. Confirming raises an unsure claim's confidence and marks the report `confirmed`,
which is all it takes for the figures to include it; `rejected` keeps it out for good.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping

from sqlalchemy import Connection, Select, select, update

from figwatch.figures import pending_held, report_key
from figwatch.models import REVIEW_THRESHOLD, Claim, Metric
from figwatch.store import rows
from figwatch.store.reading import read_figures
from figwatch.store.schema import claims, events

Verdict = Literal["confirmed", "rejected"]
VERDICTS: tuple[Verdict, ...] = ("confirmed", "rejected")


@dataclass(frozen=True)
class ReviewItem:
    """A claim as a reviewer sees it: its id (what they type), the claim and any verdict."""

    id: int
    claim: Claim
    verdict: Verdict | None = None
    reason: str | None = None  # why the fold holds it ("3.2x the current figure"); None: the extractor's doubt


def waiting(conn: Connection, ids: Iterable[int] | None = None) -> list[ReviewItem]:
    """Claims that wait for a verdict, oldest first (only those of `ids` when given)."""
    # an earlier figure the article says was revised is history, not a question for a person
    query = select(claims).where(claims.c.confidence < REVIEW_THRESHOLD, claims.c.review.is_(None),
                                 claims.c.stance != "superseded")
    if ids is not None:
        query = query.where(claims.c.id.in_(list(ids)))
    return _items(conn, query)


def unconfirmed(conn: Connection, metrics: Mapping[str, Metric] | None,
                ids: Iterable[int] | None = None) -> list[ReviewItem]:
    """Reports the fold holds as unconfirmed and that still wait (not corroborated since, nor
    superseded by their source), oldest first, each under the id of its first stored copy (any
    copy's id selects it)."""
    held = {report_key(c): c for c in pending_held(read_figures(conn, None, metrics), metrics)}
    copies: dict[str, list[int]] = defaultdict(list)
    reasons: dict[str, str | None] = {}
    for part in rows.chunks(list(held)):
        query = select(claims.c.id, claims.c.report_key).where(claims.c.report_key.in_(part), claims.c.review.is_(None))
        for id_, key in conn.execute(query.order_by(claims.c.id)):
            copies[key].append(id_)
        told = select(events.c.report_key, events.c.detail).where(events.c.kind == "unconfirmed",
                                                                   events.c.report_key.in_(part))
        reasons.update({key: (detail or {}).get("reason") for key, detail in conn.execute(told)})
    wanted = None if ids is None else set(ids)
    return [ReviewItem(copies[key][0], claim, None, reasons.get(key)) for key, claim in held.items()
            if copies.get(key) and (wanted is None or wanted & set(copies[key]))]


def decided(conn: Connection) -> list[ReviewItem]:
    """Claims a person confirmed or rejected, oldest first."""
    return _items(conn, select(claims).where(claims.c.review.is_not(None)))


def _items(conn: Connection, query: Select) -> list[ReviewItem]:
    query = query.order_by(claims.c.published.asc().nulls_last(), claims.c.id)
    return [ReviewItem(r.id, rows.to_claim(r), r.review) for r in conn.execute(query)]


def record(conn: Connection, items: Iterable[ReviewItem], verdict: Verdict, confidence: float | None) -> int:
    """The verdict on the items' reports, every waiting copy; confirmed ones take `confidence`.
    Returns how many stored claims it was recorded on."""
    if verdict not in VERDICTS:
        raise ValueError(f"a verdict is one of {', '.join(VERDICTS)}, not {verdict!r}")
    keys = rows.unique(report_key(i.claim) for i in items)
    done = 0
    for part in rows.chunks(keys):
        waiting = (claims.c.report_key.in_(part), claims.c.review.is_(None))
        if verdict == "confirmed" and confidence is not None:  # an unsure copy becomes a confident, current one
            conn.execute(update(claims).where(*waiting, claims.c.confidence < REVIEW_THRESHOLD)
                         .values(confidence=confidence, stance="current"))
        done += conn.execute(update(claims).where(*waiting).values(review=verdict)).rowcount
    return done
