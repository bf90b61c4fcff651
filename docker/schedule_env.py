"""Print the monitor's schedule from a figwatch config as shell exports for prefect.yaml.

The compose schedule is written once, in docker/figwatch.toml's [schedule] (which also tells
figwatch's missed-run watchdog what to expect). The worker's entrypoint evaluates these exports
before `prefect deploy`, and prefect.yaml reads {{ $FIGWATCH_CRON }} and {{ $FIGWATCH_TIMEZONE }}.
Usage: python docker/schedule_env.py docker/figwatch.toml
"""
from __future__ import annotations

import shlex
import sys

from figwatch.config import load_settings
from figwatch.errors import ConfigError


def exports(path: str) -> str:
    schedule = load_settings(path).schedule
    if not schedule.cron:
        raise ConfigError("the compose deployment runs on a cron schedule: set one", file=path, key="schedule.cron")
    return f"export FIGWATCH_CRON={shlex.quote(schedule.cron)} FIGWATCH_TIMEZONE={shlex.quote(schedule.timezone)}"


if __name__ == "__main__":
    try:
        print(exports(sys.argv[1]))
    except ConfigError as exc:
        print(f"schedule_env: {exc}", file=sys.stderr)
        sys.exit(2)
