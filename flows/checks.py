"""The checks of a config file that need more than the file itself: the topic's metric names, the
secrets it names in the environment, and sources for a run. `load_settings` runs them beside its
own, so every error in a file is reported at once.
"""
from __future__ import annotations

from figwatch.config import Check, Settings, metric_name_errors, secret_errors, source_count_errors
from figwatch.errors import ConfigError
from flows.schedule import cron_errors


def topic_errors(settings: Settings) -> list[ConfigError]:
    """Thresholds and routes that name no metric of the configured topic (or a topic that won't load)."""
    from extractors import load_topic  # cached: open_runtime loads the same topic again for free

    try:
        topic = load_topic(settings.topic.path) if settings.topic.path else load_topic()
    except ConfigError as exc:
        return [ConfigError(f"cannot load the topic: {exc}", file=settings.file, key="topic.path")]
    return metric_name_errors(settings, topic.metrics)


READING: tuple[Check, ...] = (cron_errors, topic_errors)  # commands that read the store
SENDING: tuple[Check, ...] = (*READING, secret_errors)  # `figwatch deliver`
RUNNING: tuple[Check, ...] = (*SENDING, source_count_errors)  # run, backfill, serve
