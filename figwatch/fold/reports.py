"""What one report is, and where it sits in time: identity (one report, many copies) and order."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from figwatch.models import Claim

Order = tuple[datetime, float, float, str]


def source_of(claim: Claim) -> str:
    """The canonical source: `source_key`, else the written source normalised, else ""."""
    if claim.source_key:
        return claim.source_key.strip()
    if claim.source:
        return re.sub(r"\s+", " ", claim.source).strip().casefold()
    return ""


def _format_value(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def report_key(claim: Claim) -> str:
    """One report, many copies: metric, canonical source, value and publication date (UTC)."""
    day = utc_day(claim.published)
    return "|".join((claim.metric, source_of(claim), _format_value(claim.value), day))


def utc_day(when: datetime | None) -> str:
    """The UTC date, so a claim keeps its key whatever time zone it comes back from the store in."""
    if when is None:
        return ""
    return (when.astimezone(timezone.utc) if when.tzinfo else when).date().isoformat()


def order(claim: Claim) -> Order:
    """Where a report sits in a history, the order the fold reads reports in: by publication time,
    then, for reports of the same moment (dates without a time are common), the surer first, so
    the less sure are judged against it (a stated figure before one derived from a fraction), then
    by value (a cumulative count only grows, so the larger is the later state), then by key.
    """
    if claim.published is None:
        raise ValueError(f"claim for {claim.metric} has no publication time: attach it to its article first")
    return (claim.published, -claim.confidence, claim.value, report_key(claim))


def copy_rank(claim: Claim) -> tuple:
    """Which copy of one report stands for it: a total order on what a copy holds, independent
    of time zones and storage, so history never depends on arrival order or the backend."""
    def num(x: float | None) -> float:
        return float("-inf") if x is None else float(x)

    return (
        claim.article_url or "", claim.start, claim.end, claim.evidence,
        claim.published.timestamp() if claim.published else 0.0, claim.qualifier,
        num(claim.low), num(claim.high), num(claim.revised_from), claim.confidence,
        claim.source or "", claim.outlet or "", claim.title or "",
        claim.as_of.isoformat() if claim.as_of else "", claim.stance, claim.derived, claim.review or "",
    )


def baseline_of(history: Sequence[Claim] | Iterable[Claim]) -> Claim | None:
    """The last report in fold order, or None. (A figure's baseline is the fold's to say: a
    repeated old figure or a vaguer statement does not become it.)"""
    return max(history, key=order, default=None)
