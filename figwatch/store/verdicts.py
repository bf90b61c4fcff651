"""Claims held back for a person (confidence below REVIEW_THRESHOLD): what waits, and the verdicts.

A verdict is recorded on every stored copy of the report (same report key), since a person
judges the report, not one outlet's copy of it. Confirming raises the claim's confidence, which
is all it takes for the figures (read from confident claims) to include it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from sqlalchemy import Connection, Select, select, update

from figwatch.figures import report_key
from figwatch.models import REVIEW_THRESHOLD, Claim
from figwatch.store import rows
from figwatch.store.schema import claims

Verdict = Literal["confirmed", "rejected"]
VERDICTS: tuple[Verdict, ...] = ("confirmed", "rejected")


@dataclass(frozen=True)
class ReviewItem:
    """A claim as a reviewer sees it: its id (what they type), the claim and any verdict."""

    id: int
    claim: Claim
    verdict: Verdict | None = None


def waiting(conn: Connection, ids: Iterable[int] | None = None) -> list[ReviewItem]:
    """Claims that wait for a verdict, oldest first (only those of `ids` when given)."""
    query = select(claims).where(claims.c.confidence < REVIEW_THRESHOLD, claims.c.review.is_(None))
    if ids is not None:
        query = query.where(claims.c.id.in_(list(ids)))
    return _items(conn, query)


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
    values: dict = {"review": verdict}
    if verdict == "confirmed" and confidence is not None:
        values["confidence"] = confidence
    done = 0
    for part in rows.chunks(keys):
        stmt = (update(claims).where(claims.c.report_key.in_(part), claims.c.confidence < REVIEW_THRESHOLD,
                                     claims.c.review.is_(None)).values(**values))
        done += conn.execute(stmt).rowcount
    return done
