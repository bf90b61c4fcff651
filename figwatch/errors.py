"""figwatch's errors: one base class, a few subclasses that carry context.

FigwatchError
 ├── ConfigError     a config file, key or environment variable is wrong (names which)
 ├── SourceError     a source could not be fetched or parsed (names the source and URL)
 ├── StoreError      the database refused (names the operation)
 └── DeliveryError   a channel refused a digest (names the channel; never the secret)

Expected per-item failures (one bad feed among many) are returned as values, not raised.
"""
from __future__ import annotations


class FigwatchError(Exception):
    """Base of every error figwatch raises on purpose; the CLI prints it as one line."""


class ConfigError(FigwatchError):
    def __init__(self, message: str, *, file: str | None = None, key: str | None = None):
        self.file, self.key = file, key
        where = ": ".join(p for p in (file, key) if p)
        super().__init__(f"{where}: {message}" if where else message)


class SourceError(FigwatchError):
    def __init__(self, message: str, *, source: str | None = None, url: str | None = None):
        self.source, self.url = source, url
        super().__init__(f"{source or url}: {message}" if (source or url) else message)


class StoreError(FigwatchError):
    pass


class DeliveryError(FigwatchError):
    """`retry_after`: seconds the far end asked us to wait (Retry-After), when it said."""

    def __init__(self, message: str, *, channel: str, retryable: bool = True, retry_after: float | None = None):
        self.channel, self.retryable, self.retry_after = channel, retryable, retry_after
        super().__init__(f"{channel}: {message}")
