"""Watchdogs: silence is also news. Pure functions from state to Notice lines for a digest.

They speak on transitions (a source starts failing, recovers; a metric goes stale) rather than
every run, so a quiet topic does not turn into a digest per run about the same dead feed.
"""
from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Mapping, Sequence

from alerts.phrasing import figure, fmt_day
from figwatch.models import Claim, Figure, Metric, Notice, SourceHealth
from figwatch.wording import header_safe, label_of


def _days(delta: timedelta) -> str:
    days = delta.days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''}"
    hours = int(delta.total_seconds() // 3600)
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{int(delta.total_seconds() // 60)} minutes"


def watch_sources(health: Sequence[SourceHealth], previous_failing: set[str], failing_after: int) -> list[Notice]:
    """A notice when a source reaches `failing_after` failures in a row, and when it recovers.

    `previous_failing` holds the sources already reported as failing (the caller keeps it, e.g.
    the names of last run's failing notices); they are not repeated until they recover.
    """
    notices = []
    for h in sorted(health, key=lambda h: h.name):
        failing = h.consecutive_failures >= max(1, failing_after)
        if failing and h.name not in previous_failing:
            error = header_safe(h.last_error or "no error recorded", 200)
            since = f"; last success {h.last_success:%Y-%m-%d %H:%M} UTC" if h.last_success else "; never succeeded"
            notices.append(Notice("source_failing", h.name,
                                  f"Source {h.name} failed {h.consecutive_failures} runs in a row ({error}{since})"))
        elif h.name in previous_failing and h.consecutive_failures == 0:
            notices.append(Notice("source_recovered", h.name, f"Source {h.name} is answering again"))
    return notices


def _last_report(figure: Figure) -> Claim | None:
    reports = [c for c in (*figure.history, figure.baseline) if c is not None and c.published is not None]
    return max(reports, key=lambda c: c.published, default=None)  # type: ignore[arg-type,return-value]


def newest_report(figures: Mapping[str, Figure]) -> datetime | None:
    """When the newest report of any metric was published: the clock that staleness runs on."""
    dates = [last.published for f in figures.values() if (last := _last_report(f)) is not None]
    return max(dates, default=None)  # type: ignore[type-var]


def watch_stale(figures: Mapping[str, Figure], now: datetime, stale_after_days: int,
                *, already: Collection[str] = (), metrics: Mapping[str, Metric] | None = None) -> list[Notice]:
    """A notice per metric whose latest report is `stale_after_days` older than the newest report
    of any metric; the notice counts the days to the run (`now`), as a reader reads it.

    Quiet is measured against coverage, not the wall clock: a metric goes quiet while others are
    reported, so an archive or the seed corpus does not flag every metric. Metrics never
    reported are left out (nothing to go stale); `already` lists metrics the caller has already
    reported as stale, so the notice is not repeated every run.
    """
    limit = timedelta(days=stale_after_days)
    newest = newest_report(figures)
    coverage = min(newest, now) if newest is not None else now
    notices = []
    for name in sorted(figures):
        last = _last_report(figures[name])
        if last is None or name in already or coverage - last.published <= limit:  # type: ignore[operator]
            continue
        age = _days(now - last.published)  # type: ignore[operator]
        label, when = label_of(name, metrics or {}), fmt_day(last.published)
        message = f"No new report on {label} for {age} (last: {figure(last)} on {when})"
        notices.append(Notice("metric_stale", name, message))
    return notices


def watch_schedule(last_run: datetime | None, now: datetime, interval: timedelta,
                   *, grace: float = 0.5) -> list[Notice]:
    """A notice when the previous run is older than the interval plus `grace` of it.

    No previous run (a fresh install) is not a missed run.
    """
    if last_run is None:
        return []
    gap = now - last_run
    if gap <= interval * (1 + grace):
        return []
    return [Notice("run_missed", "schedule",
                   f"No run for {_days(gap)} (expected every {_days(interval)}; "
                   f"last run {last_run:%Y-%m-%d %H:%M} UTC)")]
