"""`figwatch review`: a person confirms or rejects figures held back (by the extractor, unsure
of them, or by the fold, as unconfirmed: far from the current figure or naming no source), and
the decided cases leave as labelled fixtures for the extractor's corpus (tests/corpus's format)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from figwatch.figures import fold_claims
from figwatch.models import Event
from figwatch.store.verdicts import ReviewItem, Verdict
from flows.steps import Runtime

CONFIRMED_CONFIDENCE = 1.0  # unless the topic's [confidence] table says `confirmed`


@dataclass(frozen=True)
class Verdicts:
    """What a review call did: the items judged, the claims marked (copies too), the events raised
    by confirmed figures (pending: the next run's digest reports them) and the ids not waiting."""

    items: tuple[ReviewItem, ...]
    marked: int
    events: tuple[Event, ...]
    not_waiting: tuple[int, ...]


def decide(rt: Runtime, ids: Sequence[int], verdict: Verdict) -> Verdicts:
    """Record a verdict on the waiting claims `ids`; a confirmed figure joins the figures at once
    (an unconfirmed one is released as news: the next digest reports it)."""
    with rt.store.writer() as tx:
        items = tx.waiting_review(ids)
        events: list[Event] = []
        confidence = None
        if verdict == "confirmed" and items:
            confidence = rt.topic.confidence.get("confirmed", CONFIRMED_CONFIDENCE)
            confirmed = [replace(i.claim, confidence=max(confidence, i.claim.confidence), review="confirmed")
                         for i in items]
            figures = tx.load_figures({c.metric for c in confirmed})
            folded = fold_claims(figures, confirmed, rt.metrics, window_days=rt.settings.topic.window_days)
            events = tx.add_events(folded.events, notify=True)
        marked = tx.record_verdict(items, verdict, confidence)
    found = {i.id for i in items}
    return Verdicts(tuple(items), marked, tuple(events), tuple(i for i in ids if i not in found))


def export(rt: Runtime, out: Path) -> tuple[int, int]:
    """Write the decided cases as fixtures: each article as a file with header lines, confirmed
    figures as labels in `gold.jsonl` (the format of tests/corpus/gold.jsonl) and rejected ones in
    `rejected.jsonl` (figures the text must not yield). Returns (articles, labels) written."""
    items = rt.store.review_items(decided=True)
    urls = list(dict.fromkeys(i.claim.article_url for i in items if i.claim.article_url))
    texts = {a.url: a for a in rt.store.articles(urls)}
    out.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for n, url in enumerate(u for u in urls if u in texts):
        art = texts[url]
        names[url] = f"review_{n:03d}_{_slug(art.title)}.txt"
        header = f"Title: {_one_line(art.title)}\nPublished: {art.published.isoformat()}\nURL: {url}\n"
        header += f"Outlet: {_one_line(art.outlet)}\n" if art.outlet else ""
        (out / names[url]).write_text(header + "\n" + art.text, encoding="utf-8")
    files = {"confirmed": out / "gold.jsonl", "rejected": out / "rejected.jsonl"}
    lines: dict[str, list[str]] = {"confirmed": [], "rejected": []}
    for item in items:
        c = item.claim
        if c.article_url in names and item.verdict in lines:
            label = {"article": names[c.article_url], "metric": c.metric, "value": c.value, "low": c.low,
                     "high": c.high, "qualifier": c.qualifier, "source": c.source, "evidence": c.evidence}
            lines[item.verdict].append(json.dumps(label, ensure_ascii=False))
    for verdict, path in files.items():
        path.write_text("".join(line + "\n" for line in dict.fromkeys(lines[verdict])), encoding="utf-8")
    return len(names), sum(len(set(v)) for v in lines.values())


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:40] or "article"


def _one_line(text: str) -> str:
    return " ".join(text.split())
