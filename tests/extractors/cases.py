"""Helpers the blind batches' case files share: the claims and sources a text gives."""
from __future__ import annotations

from extractors import extract, load_topic

TOPIC = load_topic()
CONTEXT = "North Korean troops are fighting in Russia's Kursk region. "  # ties a case to the topic and to Russia


def confident(text: str) -> list[tuple[str, float]]:
    """(metric, value) of the figures that reach a digest, sorted."""
    return sorted((c.metric, c.value) for c in extract(text, topic=TOPIC) if not c.reviewable)


def qualified(text: str) -> list[tuple[str, float, str]]:
    """(metric, value, qualifier) of the figures that reach a digest, sorted."""
    return sorted((c.metric, c.value, c.qualifier) for c in extract(text, topic=TOPIC) if not c.reviewable)


def sources(text: str) -> dict[float, str | None]:
    """Each figure's source as written, by value."""
    return {c.value: c.source for c in extract(text, topic=TOPIC) if not c.reviewable}


def readings(text: str, like: list[tuple]) -> list[tuple]:
    """The figures that reach a digest as `like` spells them: (metric, value), or with the qualifier."""
    return qualified(text) if like and len(like[0]) == 3 else confident(text)
