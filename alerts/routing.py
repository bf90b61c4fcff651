"""Which channel gets which metrics: glob patterns per channel ("casualties.*").

A channel without patterns (or empty routes) gets everything, so a new channel is never
silently starved by a routing table written before it existed.
"""
from __future__ import annotations

from dataclasses import replace
from fnmatch import fnmatchcase
from typing import Mapping, Sequence

from figwatch.models import Digest, Event, Metric


def routed(metric: str, routes: Mapping[str, Sequence[str]], channel: str) -> bool:
    patterns = routes.get(channel) if routes else None
    if not patterns:
        return True
    return any(fnmatchcase(metric, p) for p in patterns)


def route_events(events: Sequence[Event], routes: Mapping[str, Sequence[str]], channel: str) -> list[Event]:
    """The events this channel should hear about, in their original order."""
    return [e for e in events if routed(e.metric, routes, channel)]


def route_digest(digest: Digest, routes: Mapping[str, Sequence[str]], channel: str,
                 metrics: Mapping[str, Metric]) -> Digest:
    """The channel's copy of a digest: its events only, subject recomputed; notices go to all."""
    if not routes or not routes.get(channel):
        return digest
    events = route_events(digest.events, routes, channel)
    if len(events) == len(digest.events):
        return digest
    from alerts.digest import subject_for

    return replace(digest, events=tuple(events), subject=subject_for(events, digest.notices, metrics))
