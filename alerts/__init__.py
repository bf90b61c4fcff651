"""figwatch alerts: digests from events, rendered once, delivered through an outbox.

    digest = build_digest(events, notices, metrics, now=now)
    rendered = render_digest(digest, metrics)
    report = deliver_pending(store, build_channels(settings.alerts), metrics, now=now)
"""
from alerts.channel import Channel
from alerts.channel_registry import CHANNELS, build_channels
from alerts.digest import build_digest, order_events
from alerts.file_channel import FilesChannel
from alerts.mail import EmailChannel
from alerts.outbox import DeliveryReport, Outbox, deliver_pending, format_deliveries, next_attempt
from alerts.render import Rendered, render_digest
from alerts.routing import route_digest, route_events
from alerts.slack import SlackChannel
from alerts.watchdogs import watch_schedule, watch_sources, watch_stale

__all__ = [
    "CHANNELS",
    "Channel",
    "DeliveryReport",
    "EmailChannel",
    "FilesChannel",
    "Outbox",
    "Rendered",
    "SlackChannel",
    "build_channels",
    "build_digest",
    "deliver_pending",
    "format_deliveries",
    "next_attempt",
    "order_events",
    "render_digest",
    "route_digest",
    "route_events",
    "watch_schedule",
    "watch_sources",
    "watch_stale",
]
