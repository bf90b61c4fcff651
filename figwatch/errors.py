"""figwatch's errors: one base class, a few subclasses that carry context.

FigwatchError
 ├── ConfigError     a config file, key or environment variable is wrong (names which)
 │    └── ConfigErrors  every such error found in one file, reported together
 ├── SourceError     a source could not be fetched or parsed (names the source and URL)
 ├── StoreError      the database refused (names the operation)
 ├── UsageError      the command line names what is not there (a file, a folder)
 └── DeliveryError   a channel refused a digest (names the channel; never the secret)

Expected per-item failures (one bad feed among many) are returned as values, not raised.
"""
from __future__ import annotations

from collections.abc import Sequence


class FigwatchError(Exception):
    """Base of every error figwatch raises on purpose; the CLI prints it as one line."""


class ConfigError(FigwatchError):
    def __init__(self, message: str, *, file: str | None = None, key: str | None = None):
        self.file, self.key = file, key
        where = ": ".join(p for p in (file, key) if p)
        super().__init__(f"{where}: {message}" if where else message)


class ConfigErrors(ConfigError):
    """Several config errors at once: a file is checked whole, not up to its first mistake.

    The message is one line per error; `errors` holds them (nested groups flattened).
    """

    errors: tuple[ConfigError, ...]

    def __init__(self, errors: Sequence[ConfigError]):
        flat: list[ConfigError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, ConfigErrors) else (error,))
        self.errors = tuple(flat)
        self.file, self.key = (flat[0].file, flat[0].key) if flat else (None, None)
        Exception.__init__(self, "\n".join(str(e) for e in flat))


class SourceError(FigwatchError):
    def __init__(self, message: str, *, source: str | None = None, url: str | None = None):
        self.source, self.url = source, url
        super().__init__(f"{source or url}: {message}" if (source or url) else message)


class StoreError(FigwatchError):
    pass


class UsageError(FigwatchError):
    """The command line is wrong: the CLI prints it as one line and exits 2, as for a bad flag."""


class DeliveryError(FigwatchError):
    """`retry_after`: seconds the far end asked us to wait (Retry-After), when it said."""

    def __init__(self, message: str, *, channel: str, retryable: bool = True, retry_after: float | None = None):
        self.channel, self.retryable, self.retry_after = channel, retryable, retry_after
        super().__init__(f"{channel}: {message}")
