"""One TOML file into validated, typed settings.

Errors name the file and the dotted key ("figwatch.toml: alerts.email.port: expected an
integer, got 'abc'"). Secrets never live in the file: it names environment variables
(`password_env`, `webhook_url_env`) that are read when a channel is built.
"""
from __future__ import annotations

import ipaddress
import os
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal

from figwatch.errors import ConfigError
from figwatch.models import Source

DEFAULT_HOME = ".figwatch"


def figwatch_home() -> Path:
    """Where state lives by default: $FIGWATCH_HOME, else ./.figwatch."""
    return Path(os.environ.get("FIGWATCH_HOME") or DEFAULT_HOME).absolute()


@dataclass(frozen=True)
class StoreSettings:
    url: str = ""  # empty: sqlite under figwatch_home(); FIGWATCH_DATABASE_URL overrides
    batch_size: int = 500  # articles per transaction: a crash loses at most one batch of work


@dataclass(frozen=True)
class SourceSettings:
    name: str
    url: str | None = None  # a feed over http(s)
    path: str | None = None  # a feed file, an article file or a folder of them
    outlet: str | None = None

    def to_source(self) -> Source:
        return Source(name=self.name, url=self.url, path=self.path, outlet=self.outlet)


@dataclass(frozen=True)
class FetchSettings:
    contact: str = "figwatch@localhost"  # goes into the User-Agent
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # per request, body included
    max_redirects: int = 5
    max_bytes: int = 10_000_000  # compressed and decompressed
    retries: int = 3
    backoff: float = 1.0  # seconds, doubled per retry, with jitter
    max_retry_after: float = 60.0
    per_host_concurrency: int = 2
    polite_delay: float = 0.5  # seconds between requests to one host
    run_budget: float = 300.0  # seconds for one run: fetching gets 80% of it, extraction the rest (flows/steps.py)
    fetch_pages: bool = True  # fetch the article page when an entry has only a summary
    # Hosts a feed's links and redirects may reach although they are not public (an intranet
    # server, another port of this machine); a feed's own origin needs no entry.
    allow_hosts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FilesSettings:
    dir: str = "digests"


@dataclass(frozen=True)
class EmailSettings:
    host: str
    sender: str
    recipients: list[str]
    port: int = 587
    security: Literal["none", "starttls", "tls"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class SlackSettings:
    webhook_url_env: str = "FIGWATCH_SLACK_WEBHOOK_URL"
    timeout: float = 15.0
    pace: float = 1.0  # seconds between posts: Slack takes about one message a second per webhook
    max_wait: float = 120.0  # seconds one attempt waits on 429 Retry-After in all; beyond, the next run resumes


@dataclass(frozen=True)
class AlertSettings:
    files: FilesSettings | None = field(default_factory=FilesSettings)
    email: EmailSettings | None = None
    slack: SlackSettings | None = None
    routes: dict[str, list[str]] = field(default_factory=dict)  # channel -> metric patterns
    thresholds: dict[str, float] = field(default_factory=dict)  # metric -> relative change
    min_interval_minutes: float = 0.0  # changes wait and are batched, never dropped
    stale_after_days: int = 60  # a metric with no report for this long is named
    failing_after_runs: int = 3  # a source failing this many runs in a row is named
    base_url: str | None = None  # where `figwatch report` pages are published
    max_attempts: int = 20  # a delivery failing this often stops retrying (stays visible)
    delivery_lease_minutes: float = 5.0  # a claimed delivery is left to its sender this long


@dataclass(frozen=True)
class ScheduleSettings:
    cron: str | None = None
    interval_minutes: float = 30.0
    timezone: str = "UTC"


@dataclass(frozen=True)
class TopicSettings:
    path: str | None = None  # None: the topic shipped with figwatch
    window_days: int = 14  # reports this close in time are compared as a disagreement


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = field(default_factory=StoreSettings)
    sources: list[SourceSettings] = field(default_factory=list)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    topic: TopicSettings = field(default_factory=TopicSettings)
    home: str = ""  # resolved state folder; defaults to figwatch_home()
    file: str | None = None  # the file these came from, for messages

    @property
    def database_url(self) -> str:
        url = os.environ.get("FIGWATCH_DATABASE_URL") or self.store.url
        return url or f"sqlite:///{Path(self.home) / 'figwatch.db'}"


def default_settings(home: Path | None = None) -> Settings:
    """The embedded defaults: SQLite and digests under the home, the seed corpus as the source."""
    home = home or figwatch_home()
    return Settings(
        sources=[SourceSettings(name="seeds", path=str(_seeds_dir()))],
        alerts=AlertSettings(files=FilesSettings(dir=str(home / "digests"))),
        home=str(home),
    )


def _seeds_dir() -> Path:
    here = Path(__file__).resolve().parent.parent / "seeds"
    return here if here.is_dir() else Path("seeds").absolute()


def load_settings(path: str | os.PathLike[str] | None) -> Settings:
    """Read and validate a config file; None gives the embedded defaults."""
    if path is None:
        return default_settings()
    file = str(path)
    try:
        raw = tomllib.loads(Path(file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such file", file=file) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=file) from None
    raw.setdefault("home", str(figwatch_home()))
    settings = _build(Settings, raw, "", file)
    settings = _resolve_paths(settings, Path(file).absolute().parent)
    _check_sources(settings)
    _check_allow_hosts(settings)
    return settings


def _build(cls: type, raw: Any, prefix: str, file: str) -> Any:
    """Build dataclass `cls` from a TOML table, refusing unknown keys and wrong types."""
    if not isinstance(raw, dict):
        raise ConfigError(f"expected a table, got {_show(raw)}", file=file, key=prefix or None)
    known = {f.name: f for f in fields(cls) if f.name != "file"}
    for key in raw:
        if key not in known:
            hint = ", ".join(sorted(known))
            raise ConfigError(f"unknown key (known: {hint})", file=file, key=_join(prefix, key))
    hints = typing.get_type_hints(cls)
    values = {}
    for name, f in known.items():
        key = _join(prefix, name)
        if name in raw:
            values[name] = _convert(hints[name], raw[name], key, file)
        elif f.default is MISSING and f.default_factory is MISSING:
            raise ConfigError("missing required key", file=file, key=key)
    if "file" in {f.name for f in fields(cls)}:
        values["file"] = file
    return cls(**values)


def _convert(tp: Any, value: Any, key: str, file: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, key, file)
    if is_dataclass(tp):
        return _build(tp, value, key, file)
    if origin is Literal:
        if value not in args:
            allowed = ", ".join(repr(a) for a in args)
            raise ConfigError(f"must be one of {allowed}, got {_show(value)}", file=file, key=key)
        return value
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"expected a list, got {_show(value)}", file=file, key=key)
        return [_convert(args[0], v, f"{key}[{i}]", file) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"expected a table, got {_show(value)}", file=file, key=key)
        return {k: _convert(args[1], v, _join(key, k), file) for k, v in value.items()}
    return _scalar(tp, value, key, file)


def _scalar(tp: type, value: Any, key: str, file: str) -> Any:
    ok = {
        str: isinstance(value, str),
        bool: isinstance(value, bool),
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, (int, float)) and not isinstance(value, bool),
    }.get(tp)
    if ok is None:
        raise ConfigError(f"unsupported setting type {tp}", file=file, key=key)
    if not ok:
        names = {str: "a string", bool: "true or false", int: "an integer", float: "a number"}
        raise ConfigError(f"expected {names[tp]}, got {_show(value)}", file=file, key=key)
    return float(value) if tp is float else value


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    """Relative paths in a file are relative to the file, not to where figwatch runs."""
    from dataclasses import replace

    def absolute(p: str | None) -> str | None:
        return None if p is None else str((base / p) if not Path(p).is_absolute() else Path(p))

    sources = [replace(s, path=absolute(s.path)) for s in settings.sources]
    alerts = settings.alerts
    if alerts.files is not None:
        alerts = replace(alerts, files=replace(alerts.files, dir=absolute(alerts.files.dir)))
    topic = replace(settings.topic, path=absolute(settings.topic.path))
    return replace(settings, sources=sources, alerts=alerts, topic=topic, home=absolute(settings.home))


def _check_sources(settings: Settings) -> None:
    seen: set[str] = set()
    for i, s in enumerate(settings.sources):
        key = f"sources[{i}]"
        if (s.url is None) == (s.path is None):
            raise ConfigError("give exactly one of 'url' or 'path'", file=settings.file, key=key)
        if s.url is not None and not s.url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"url must be http or https, got {s.url!r}", file=settings.file, key=f"{key}.url")
        if s.name in seen:
            raise ConfigError(f"duplicate source name {s.name!r}", file=settings.file, key=f"{key}.name")
        seen.add(s.name)


def _check_allow_hosts(settings: Settings) -> None:
    """fetch.allow_hosts holds bare host names or IP addresses: a URL or a port there would never match."""
    for i, host in enumerate(settings.fetch.allow_hosts):
        bare = host.strip().strip("[]")
        try:
            ipaddress.ip_address(bare)
        except ValueError:
            if not bare or any(c in bare for c in "/:@ \t"):
                raise ConfigError(f"expected a host name or IP address (no scheme, port or path), got {host!r}",
                                  file=settings.file, key=f"fetch.allow_hosts[{i}]") from None


def secret_from_env(variable: str | None, *, key: str) -> str | None:
    """Read a secret by the name of its environment variable; the value is never echoed."""
    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise ConfigError(f"environment variable {variable} is not set", key=key)
    return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
