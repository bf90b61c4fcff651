"""How long figwatch expects between two monitor runs: the missed-run watchdog's yardstick.

With `interval_minutes` that is the interval. With `cron` it is the widest gap between the
expression's fire times over the coming week ("0 9 * * 1-5" waits three days over a weekend),
so a quiet weekend is no missed run and an hourly cron is not held to the 30-minute default.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError

from figwatch.config import ScheduleSettings, Settings
from figwatch.errors import ConfigError

HORIZON = timedelta(days=8)  # a week of fire times, and the day that closes its widest gap
MAX_FIRES = 2000  # an every-minute cron has told its gap long before


def longest_gap(schedule: ScheduleSettings, now: datetime) -> timedelta:
    if not schedule.cron:
        return timedelta(minutes=schedule.interval_minutes)
    fires = CronSim(schedule.cron, now.astimezone(ZoneInfo(schedule.timezone)))
    first, second = next(fires), next(fires)
    widest, previous = second - first, second  # a monthly cron: its one gap, beyond the horizon
    for _ in range(MAX_FIRES):
        fire = next(fires)
        if fire - now > HORIZON:
            break
        widest, previous = max(widest, fire - previous), fire
    return widest


def cron_errors(settings: Settings) -> list[ConfigError]:
    """A cron expression figwatch (and Prefect) cannot read."""
    cron = settings.schedule.cron
    if not cron:
        return []
    try:
        CronSim(cron, datetime.now(ZoneInfo("UTC")))
    except CronSimError as exc:
        return [ConfigError(f"not a cron expression ({exc}): {cron!r}", file=settings.file, key="schedule.cron")]
    return []
