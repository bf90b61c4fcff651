"""Engines for the two backends, the writer lock, and migrations run from the installed package.

SQLite: WAL (readers never wait for the writer), a busy timeout (writers queue instead of
failing), foreign keys on, and the driver's own transaction handling off so that a writer can
say BEGIN IMMEDIATE. PostgreSQL (psycopg 3): writers take a transaction-scoped advisory lock.
"""
from __future__ import annotations

import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from figwatch.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 10  # an unreachable server fails the run instead of hanging it
WRITER_LOCK = 0x666967  # "fig": serialises figwatch writers on one PostgreSQL database
MIGRATION_LOCK = 0x6D6967  # "mig"
_IMMEDIATE = "figwatch_immediate"


def parse_url(url: str) -> URL:
    """The URL with figwatch's defaults: psycopg 3 for PostgreSQL; a clear error otherwise."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"bad database URL {unparsed_url(url)!r}: "
                         "expected sqlite:///path or postgresql://...") from exc
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            return parsed.set(database=str(Path(parsed.database).expanduser()))
        return parsed
    raise StoreError(f"unsupported database {backend!r} in {safe_url(parsed)}: use sqlite or postgresql")


def unparsed_url(url: str) -> str:
    """A URL that did not parse, fit for an error: everything between the scheme and the last '@' hidden.

    A password may hold '/', '@' or ':', so no pattern can tell where it ends; the host after the
    last '@' is what helps a reader.
    """
    head, at, rest = url.rpartition("@")
    if not at:
        return url
    scheme = re.match(r"[\w+.-]+:/*", head)
    return (scheme.group(0) if scheme else "") + "***@" + rest


def safe_url(url: URL | str) -> str:
    """The URL fit for logs and error messages: no password."""
    return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)


def create(url: URL) -> Engine:
    """An engine set up for figwatch's locking on this backend."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url, pool_pre_ping=True, pool_size=2, max_overflow=4, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
    )


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""  # None: no file, like ""
    memory = database in ("", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}}
    if memory:
        kwargs["poolclass"] = StaticPool  # one in-memory database shared by every use
    else:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc}") from exc
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not memory:
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _use_wal(cursor: Any) -> None:
    """Switch a new database to WAL; the switch does not wait on the busy handler, so retry."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked: cannot switch to WAL")
        time.sleep(0.02)


@contextmanager
def locked(engine: Engine, key: int = WRITER_LOCK) -> Iterator[Connection]:
    """One transaction that no other figwatch writer on this database runs beside."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(**{_IMMEDIATE: True})
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            yield conn


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that migrations run from the installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision`, one migrator at a time, in one transaction."""
    try:
        with locked(engine, MIGRATION_LOCK) as conn:
            command.upgrade(alembic_config(conn), revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate {safe_url(engine.url)}: {first_line(exc, engine.url)}") from exc
    except CommandError as exc:  # the database names a revision this figwatch does not ship
        raise StoreError(f"cannot migrate {safe_url(engine.url)}: {first_line(exc, engine.url)} "
                         "(was it written by a newer figwatch?)") from exc


def first_line(exc: BaseException, url: URL | None = None) -> str:
    """The error's first line; the URL's password, should a driver echo it, replaced by ***."""
    orig = getattr(exc, "orig", None) or exc
    line = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    password = str(url.password) if url is not None and url.password else ""
    return line.replace(password, "***") if len(password) >= 4 else line
