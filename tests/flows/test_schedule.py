"""The missed-run watchdog's yardstick: the interval, or a cron expression's widest gap."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from figwatch.config import ScheduleSettings
from flows.schedule import longest_gap
from tests.cli.helpers import error_lines, figwatch
from tests.flows.helpers import write_config

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(
    ("schedule", "gap"),
    [
        (ScheduleSettings(), timedelta(minutes=30)),
        (ScheduleSettings(interval_minutes=90), timedelta(minutes=90)),
        (ScheduleSettings(cron="0 * * * *"), timedelta(hours=1)),  # not held to the 30-minute default
        (ScheduleSettings(cron="0 9 * * 1-5", timezone="Asia/Seoul"), timedelta(days=3)),  # over the weekend
        (ScheduleSettings(cron="0 0 1 * *"), timedelta(days=31)),  # December to January
        (ScheduleSettings(cron="* * * * *"), timedelta(minutes=1)),
    ],
)
def test_longest_gap(schedule, gap):
    assert longest_gap(schedule, NOW) == gap


def test_a_cron_expression_that_cannot_be_read_is_a_config_error(tmp_path):
    config = write_config(tmp_path, extra='[schedule]\ncron = "61 * * * *"\n')
    done = figwatch("run", "--config", str(config))
    assert done.returncode == 2
    assert error_lines(done) == [f"figwatch: config error: {config}: schedule.cron: "
                                 "not a cron expression (Bad minute): '61 * * * *'"]
