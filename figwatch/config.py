"""One TOML file into validated, typed settings.

Errors name the file and the dotted key ("figwatch.toml: alerts.email.port: expected an
integer, got 'abc'"), and a file is checked whole: every error in it is reported at once
(ConfigErrors). Secrets never live in the file: it names environment variables
(`password_env`, `webhook_url_env`) that are read when a channel is built.
"""
from __future__ import annotations

import ipaddress
import os
import tomllib
import types
import typing
import zoneinfo
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from figwatch.errors import ConfigError, ConfigErrors
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


Check = Callable[["Settings"], Iterable[ConfigError]]  # a caller's own check of loaded settings


def load_settings(path: str | os.PathLike[str] | None, *, checks: Sequence[Check] = ()) -> Settings:
    """Read and validate a config file; None gives the embedded defaults.

    Every error found is raised at once (ConfigErrors): wrong keys and types, then the checks
    of values (sources, schedule, alerts), then the caller's `checks` (the topic's metric names,
    secrets in the environment), which run on the same settings, wrong values at their defaults.
    """
    if path is None:
        settings = default_settings()
        _raise_found(_found(settings, checks))
        return settings
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
    settings, errors = _build_lenient(Settings, raw, "", file)
    settings = _resolve_paths(settings or Settings(file=file), Path(file).absolute().parent)
    checked = _schedule_errors(raw.get("schedule"), file) + _found(
        settings, (_check_sources, _check_allow_hosts, alert_errors, *checks))
    _raise_found(errors + _not_echoes(checked, errors))
    return settings


def _not_echoes(checked: list[ConfigError], wrong: list[ConfigError]) -> list[ConfigError]:
    """Value checks, less those about a key already reported wrong (its default stood in)."""
    bad = [e.key for e in wrong if e.key]
    return [e for e in checked if not (e.key and any(b.startswith(e.key) or e.key.startswith(b) for b in bad))]


def _found(settings: Settings, checks: Iterable[Check]) -> list[ConfigError]:
    """What each check finds; a check may also raise its (first) error."""
    errors: list[ConfigError] = []
    for check in checks:
        try:
            errors.extend(check(settings) or ())
        except ConfigError as exc:
            errors.append(exc)
    return errors


def _raise_found(errors: Sequence[ConfigError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConfigErrors(errors)


class _Partly(ConfigErrors):
    """A table's errors, with the value built from the rest of it (defaults for the wrong keys)."""

    def __init__(self, errors: list[ConfigError], value: Any):
        super().__init__(errors)
        self.value = value


def _build(cls: type, raw: Any, prefix: str, file: str) -> Any:
    """Build dataclass `cls` from a TOML table, refusing unknown keys and wrong types (all of them)."""
    instance, errors = _build_lenient(cls, raw, prefix, file)
    if errors and instance is not None:
        raise _Partly(errors, instance)
    _raise_found(errors)
    return instance


def _build_lenient(cls: type, raw: Any, prefix: str, file: str) -> tuple[Any, list[ConfigError]]:
    """`cls` from a table and every error in it. A wrong value leaves its default in place, so
    the checks after still run; the instance is None when a required key is wrong or missing."""
    if not isinstance(raw, dict):
        return None, [ConfigError(f"expected a table, got {_show(raw)}", file=file, key=prefix or None)]
    known = {f.name: f for f in fields(cls) if f.name != "file"}
    hint = ", ".join(sorted(known))
    errors = [ConfigError(f"unknown key (known: {hint})", file=file, key=_join(prefix, key))
              for key in raw if key not in known]
    hints = typing.get_type_hints(cls)
    values = {}
    for name, f in known.items():
        key = _join(prefix, name)
        if name in raw:
            try:
                values[name] = _convert(hints[name], raw[name], key, file)
            except ConfigError as exc:
                errors.append(exc)
                if isinstance(exc, _Partly):
                    values[name] = exc.value
        elif f.default is MISSING and f.default_factory is MISSING:
            errors.append(ConfigError("missing required key", file=file, key=key))
    if "file" in {f.name for f in fields(cls)}:
        values["file"] = file
    try:
        return cls(**values), errors
    except TypeError:  # a required key was wrong or missing: reported above
        return None, errors


def _converted(items: dict[Any, tuple[str, Any]], convert: Callable[[Any, str], Any],
               assemble: Callable[[dict[Any, Any]], Any]) -> Any:
    """The items {id: (key, value)} converted and assembled (a list, a dict). Every item's error is
    reported, not only the first, with what did convert (and partly) as the partial value."""
    out, errors = {}, []
    for id_, (key, value) in items.items():
        try:
            out[id_] = convert(value, key)
        except ConfigError as exc:
            errors.append(exc)
            if isinstance(exc, _Partly):
                out[id_] = exc.value
    if errors:
        raise _Partly(errors, assemble(out))
    return assemble(out)


def _list_of(converted: dict[int, Any]) -> list[Any]:
    return [converted[i] for i in sorted(converted)]


def _convert(tp: Any, value: Any, key: str, file: str) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, key, file)
    if isinstance(tp, type) and is_dataclass(tp):
        return _build(tp, value, key, file)
    if origin is Literal:
        if value not in args:
            allowed = ", ".join(repr(a) for a in args)
            raise ConfigError(f"must be one of {allowed}, got {_show(value)}", file=file, key=key)
        return value
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"expected a list, got {_show(value)}", file=file, key=key)
        items = {i: (f"{key}[{i}]", v) for i, v in enumerate(value)}
        return _converted(items, lambda v, k: _convert(args[0], v, k, file), _list_of)
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"expected a table, got {_show(value)}", file=file, key=key)
        table = {k: (_join(key, k), v) for k, v in value.items()}
        return _converted(table, lambda v, k: _convert(args[1], v, k, file), dict)
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

    def absolute(p: str) -> str:
        return str((base / p) if not Path(p).is_absolute() else Path(p))

    def absolute_or_none(p: str | None) -> str | None:
        return None if p is None else absolute(p)

    sources = [replace(s, path=absolute_or_none(s.path)) for s in settings.sources]
    alerts = settings.alerts
    if alerts.files is not None:
        alerts = replace(alerts, files=replace(alerts.files, dir=absolute(alerts.files.dir)))
    topic = replace(settings.topic, path=absolute_or_none(settings.topic.path))
    return replace(settings, sources=sources, alerts=alerts, topic=topic, home=absolute(settings.home))


def _check_sources(settings: Settings) -> Iterator[ConfigError]:
    seen: set[str] = set()
    for i, s in enumerate(settings.sources):
        key = f"sources[{i}]"
        if (s.url is None) == (s.path is None):
            yield ConfigError("give exactly one of 'url' or 'path'", file=settings.file, key=key)
        if s.url is not None and not s.url.lower().startswith(("http://", "https://")):
            yield ConfigError(f"url must be http or https, got {s.url!r}", file=settings.file, key=f"{key}.url")
        if s.name in seen:
            yield ConfigError(f"duplicate source name {s.name!r}", file=settings.file, key=f"{key}.name")
        seen.add(s.name)


def _check_allow_hosts(settings: Settings) -> Iterator[ConfigError]:
    """fetch.allow_hosts holds bare host names or IP addresses: a URL or a port there would never match."""
    for i, host in enumerate(settings.fetch.allow_hosts):
        bare = host.strip().strip("[]")
        try:
            ipaddress.ip_address(bare)
        except ValueError:
            if not bare or any(c in bare for c in "/:@ \t"):
                yield ConfigError(f"expected a host name or IP address (no scheme, port or path), got {host!r}",
                                  file=settings.file, key=f"fetch.allow_hosts[{i}]")


def _schedule_errors(raw: Any, file: str) -> list[ConfigError]:
    """[schedule]: one of cron and interval_minutes (the raw table tells which were written)."""
    if not isinstance(raw, dict):
        return []  # a wrong type is reported by _build
    errors = []
    if "cron" in raw and "interval_minutes" in raw:
        errors.append(ConfigError("give 'cron' or 'interval_minutes', not both", file=file, key="schedule"))
    minutes = raw.get("interval_minutes")
    if isinstance(minutes, (int, float)) and not isinstance(minutes, bool) and minutes <= 0:
        errors.append(ConfigError(f"must be more than 0, got {minutes!r}", file=file, key="schedule.interval_minutes"))
    zone = raw.get("timezone")
    if isinstance(zone, str):
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors.append(ConfigError(f"unknown time zone {zone!r}", file=file, key="schedule.timezone"))
    return errors


def channel_names() -> tuple[str, ...]:
    """The channels a config can set up: the sections of [alerts] that are tables (files, email, slack)."""
    hints = typing.get_type_hints(AlertSettings)
    return tuple(f.name for f in fields(AlertSettings)
                 if any(is_dataclass(t) for t in (hints[f.name], *typing.get_args(hints[f.name]))))


def alert_errors(settings: Settings) -> Iterator[ConfigError]:
    """Thresholds that are shares, routes to channels that exist and are set up."""
    alerts, file = settings.alerts, settings.file
    for metric, share in alerts.thresholds.items():
        if not 0 < share < 1:
            yield ConfigError(f"a threshold is a share between 0 and 1 (0.10 for 10 %), got {share:g}",
                              file=file, key=f"alerts.thresholds.{metric}")
    known = channel_names()
    for channel in alerts.routes:
        if channel not in known:
            yield ConfigError(f"unknown channel (channels: {', '.join(known)})", file=file,
                              key=f"alerts.routes.{channel}")
        elif getattr(alerts, channel) is None:
            yield ConfigError(f"channel {channel!r} is not set up: add [alerts.{channel}] or drop this route",
                              file=file, key=f"alerts.routes.{channel}")


def metric_name_errors(settings: Settings, metrics: Collection[str]) -> list[ConfigError]:
    """Threshold keys and route patterns that name no metric of the topic: a typo would silently
    drop a channel's figures or leave a threshold unused."""
    alerts, file, names = settings.alerts, settings.file, sorted(metrics)
    listed = ", ".join(names)
    errors = [ConfigError(f"no such metric (metrics: {listed})", file=file, key=f"alerts.thresholds.{m}")
              for m in alerts.thresholds if m not in metrics]
    for channel, patterns in alerts.routes.items():
        errors += [ConfigError(f"pattern {p!r} matches no metric (metrics: {listed})", file=file,
                               key=f"alerts.routes.{channel}[{i}]")
                   for i, p in enumerate(patterns) if not any(fnmatchcase(n, p) for n in names)]
    return errors


def source_count_errors(settings: Settings) -> list[ConfigError]:
    """A run needs sources; a config file replaces the embedded seed source, so it names its own."""
    if settings.sources:
        return []
    return [ConfigError("no [[sources]] configured: a --config file replaces the embedded seed source, "
                        "so it must name at least one", file=settings.file, key="sources")]


def secret_errors(settings: Settings) -> list[ConfigError]:
    """Environment variables that the file names for a secret and that are not set."""
    wanted = []
    if settings.alerts.email is not None and settings.alerts.email.password_env:
        wanted.append(("alerts.email.password_env", settings.alerts.email.password_env))
    if settings.alerts.slack is not None:
        wanted.append(("alerts.slack.webhook_url_env", settings.alerts.slack.webhook_url_env))
    return [ConfigError(f"environment variable {variable} is not set", file=settings.file, key=key)
            for key, variable in wanted if not os.environ.get(variable)]


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
