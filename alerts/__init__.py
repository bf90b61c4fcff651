"""figwatch alerts: digests from events, rendered once, delivered through an outbox.

    digest = build_digest(events, notices, metrics, now=now)
    rendered = render_digest(digest, metrics)
    report = deliver_pending(store, build_channels(settings.alerts), metrics, now=now)
"""
from alerts.channel import Channel
from alerts.channels import CHANNELS, build_channels
from alerts.digest import build_digest, order_events
from alerts.files import FilesChannel
from alerts.outbox import DeliveryReport, Outbox, deliver_pending, format_deliveries, next_attempt
from alerts.render import Rendered, render_digest
from alerts.routing import route_digest, route_events

__all__ = [
    "CHANNELS",
    "Channel",
    "DeliveryReport",
    "FilesChannel",
    "Outbox",
    "Rendered",
    "build_channels",
    "build_digest",
    "deliver_pending",
    "format_deliveries",
    "next_attempt",
    "order_events",
    "render_digest",
    "route_digest",
    "route_events",
]
