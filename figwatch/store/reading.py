"""Figures as the store holds them: rebuilt from the stored claims by the fold's own rules."""
from __future__ import annotations

from typing import Iterable, Mapping

from sqlalchemy import Connection, false, or_, select

from figwatch.figures import figures_from_claims
from figwatch.models import REVIEW_THRESHOLD, Figure, Metric
from figwatch.store import rows
from figwatch.store.schema import articles, claims


def read_figures(conn: Connection, names: Iterable[str] | None,
                 metrics: Mapping[str, Metric] | None = None) -> dict[str, Figure]:
    """Figures rebuilt from every stored claim that may be a figure (the fold's own rule, so they
    agree), leaving out the claims of articles with no date: they wait for one."""
    dated = or_(articles.c.published_inferred.is_(None), articles.c.published_inferred == false())
    query = (select(claims).outerjoin(articles, claims.c.article_id == articles.c.id)
             .where(claims.c.confidence >= REVIEW_THRESHOLD, claims.c.stance == "current", dated)
             .order_by(claims.c.id))
    if names is not None:
        wanted = rows.unique(names)
        if not wanted:
            return {}
        query = query.where(claims.c.metric.in_(wanted))
    return figures_from_claims((rows.to_claim(r) for r in conn.execute(query)), metrics)
