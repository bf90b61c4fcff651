"""The monitor and backfill recipes, runnable with or without Prefect.

A recipe calls its steps through a `Steps` table: `DIRECT` calls the plain functions, and
flows/orchestration.py hands in the same functions wrapped as Prefect tasks. So the body is
written once, and Prefect's overhead is a measured ratio (bench/), not a guess.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from figwatch.config import Settings
from figwatch.models import EVENT_KINDS, Claim, Event, RunReport
from figwatch.news import leads
from flows import steps


@dataclass(frozen=True)
class Steps:
    harvest: Callable[..., Any] = steps.harvest_sources
    fold: Callable[..., Any] = steps.fold_articles
    notify: Callable[..., Any] = steps.record_and_compose
    deliver: Callable[..., Any] = steps.deliver


DIRECT = Steps()


@dataclass(frozen=True)
class BackfillRequest:
    """A backfill's parameters, validated before anything runs."""

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)
    notify: bool = False
    dry_run: bool = False


def run_monitor(settings: Settings, *, run: Steps = DIRECT, now: datetime | None = None) -> RunReport:
    """One monitor pass: harvest all sources, fold what is new, send a digest if anything changed."""
    now = now or steps.utcnow()
    rt = steps.open_runtime(settings)
    try:
        failing_before = steps.failing_sources(rt)
        results = run.harvest(rt, now=now)
        folded = run.fold(rt, steps.select_articles(results), notify=True, budget=rt.budget)
        results = steps.without_deferred_validators(results, folded)
        digest = run.notify(rt, results, failing_before, now=now, kind="monitor")
        delivered = run.deliver(rt, now=now)
        report = steps.run_report(results, folded, digest, delivered, waiting=rt.store.waiting_retries())
        rt.store.record_run("monitor", now, steps.utcnow(), report_json(report))
        return report
    finally:
        rt.store.close()


def run_backfill(
    settings: Settings, request: BackfillRequest, *, run: Steps = DIRECT, now: datetime | None = None
) -> RunReport:
    """Historical articles in publication order; history without alerts unless `notify`."""
    now = now or steps.utcnow()
    rt = steps.open_runtime(settings)
    try:
        _check_source_names(settings, request.sources)
        names = request.sources or None
        harvested = run.harvest(rt, now=now, names=names, live_only=True)
        results = steps.within_window(harvested, since=request.since, until=request.until)
        articles = steps.backfill_articles(rt, results, now=now, names=names, since=request.since, until=request.until)
        if request.dry_run:
            return steps.run_report(results, steps.preview_articles(rt, articles), None, None)
        folded = run.fold(rt, articles, notify=request.notify)
        digest = delivered = None
        if request.notify:
            digest = run.notify(rt, results, steps.failing_sources(rt), now=now, kind="backfill", force=True)
            delivered = run.deliver(rt, now=now)
        else:
            steps.record_sources(rt, results, now=now)
        waiting = rt.store.waiting_retries() if delivered is not None else 0
        report = steps.run_report(results, folded, digest, delivered, waiting=waiting)
        rt.store.record_run("backfill", now, steps.utcnow(), report_json(report))
        return report
    finally:
        rt.store.close()


def _check_source_names(settings: Settings, names: Sequence[str]) -> None:
    from figwatch.errors import ConfigError

    known = {s.name for s in settings.sources}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"no source named {', '.join(map(repr, unknown))} (known: {', '.join(sorted(known))})")


def _report_json(claim: Claim) -> dict[str, Any]:
    """One report as a series or an estimate lists it: value, who, when."""
    return {"value": claim.value, "qualifier": claim.qualifier, "source": claim.source,
            "published": claim.published.isoformat() if claim.published else None, "article": claim.article_url}


def event_json(event: Event) -> dict[str, Any]:
    new, old = event.new, event.old
    return {
        "kind": event.kind,
        "metric": event.metric,
        "old_value": old.value if old else None,
        "new_value": new.value,
        "qualifier": new.qualifier,
        "source": new.source,
        "old_source": old.source if old else None,
        "article": new.article_url,
        "published": new.published.isoformat() if new.published else None,
        "revision": event.revision,
        "evidence": new.evidence,
        "derived": new.derived,
        "leads": leads(event),
        "reason": event.reason,
        "series": [_report_json(c) for c in event.series],
        "estimates": [_report_json(c) for c in event.estimates],
    }


def report_json(report: RunReport) -> dict[str, Any]:
    """The run report as `figwatch run --json` prints it."""
    return {
        "articles_seen": report.articles_seen,
        "articles_new": report.articles_new,
        "claims": report.claims,
        "events": [event_json(e) for e in report.events],
        "event_counts": {k: report.event_counts.get(k, 0) for k in EVENT_KINDS},
        "digests": list(report.digests),
        "deliveries": dict(report.deliveries),
        "source_errors": dict(report.source_errors),
        "undated": list(report.undated),
        "other_language": list(report.other_language),
        "copies_dropped": report.copies_dropped,
        "deferred": report.deferred,
        "delivery_errors": {channel: list(errors) for channel, errors in report.delivery_errors.items()},
    }
