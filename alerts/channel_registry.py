"""The channel registry and building channels from settings (secrets read from the environment)."""
from __future__ import annotations

from typing import Callable

from alerts.channel import Channel
from alerts.file_channel import FilesChannel
from alerts.mail import EmailChannel
from alerts.slack import SlackChannel
from figwatch.config import AlertSettings

CHANNELS: dict[str, Callable[..., Channel]] = {"files": FilesChannel, "email": EmailChannel, "slack": SlackChannel}


def build_channels(settings: AlertSettings) -> dict[str, Channel]:
    """One channel per configured section; a missing secret is a ConfigError naming the variable."""
    channels: dict[str, Channel] = {}
    for name, make in CHANNELS.items():
        section = getattr(settings, name, None)
        if section is not None:
            channels[name] = make(section)
    return channels
