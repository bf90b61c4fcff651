"""The Prefect shell: the `monitor` and `backfill` flows and their four batched tasks.

Every task wraps a plain function of flows/steps.py; nothing here decides anything. Tasks get
NO_CACHE (their inputs hold an open store and article bodies, which must not be hashed or
persisted) and flows return only counts and figures, never article text.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from figwatch.config import load_settings
from flows import steps
from flows.jobs import BackfillRequest, Steps, report_json, run_backfill, run_monitor


def _task(fn: Any, name: str, **options: Any) -> Any:
    return task(fn, name=name, cache_policy=NO_CACHE, persist_result=False, **options)


PREFECT_STEPS = Steps(
    # Sources already retry per request; a task retry covers an unexpected crash of the step.
    harvest=_task(steps.harvest_sources, "harvest", retries=1, retry_delay_seconds=5),
    fold=_task(steps.fold_articles, "extract-and-fold"),
    notify=_task(steps.record_and_compose, "compose-digest", retries=1, retry_delay_seconds=2),
    deliver=_task(steps.deliver, "deliver"),
)


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """The flow's result: the run report without quoted sentences."""
    events = [{k: v for k, v in e.items() if k != "evidence"} for e in report["events"]]
    return {**report, "events": events}


@flow(name="monitor", description="Harvest every source once, fold new figures, send a digest on change.")
def monitor(config: str | None = None) -> dict[str, Any]:
    report = report_json(run_monitor(load_settings(config), run=PREFECT_STEPS))
    get_run_logger().info(
        "articles seen %d, new %d, claims %d, events %d, digests %s",
        report["articles_seen"], report["articles_new"], report["claims"], len(report["events"]), report["digests"],
    )
    return _summary(report)


@flow(name="backfill", description="Historical articles in publication order; history without alerts unless notify.")
def backfill(
    since: date | None = None,
    until: date | None = None,
    sources: list[str] | None = None,
    notify: bool = False,
    dry_run: bool = False,
    config: str | None = None,
) -> dict[str, Any]:
    request = BackfillRequest(since, until, tuple(sources or ()), notify, dry_run)
    report = report_json(run_backfill(load_settings(config), request, run=PREFECT_STEPS))
    get_run_logger().info(
        "backfill %s..%s: articles %d, new %d, claims %d, events %d",
        since, until, report["articles_seen"], report["articles_new"], report["claims"], len(report["events"]),
    )
    return _summary(report)
