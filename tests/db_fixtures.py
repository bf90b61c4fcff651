"""Database fixtures for every test that needs a store: a pytest plugin module.

Loaded by the top-level tests/conftest.py (`pytest_plugins = ["tests.db_fixtures"]`).

* `pg_server_url`: the PostgreSQL server (FIGWATCH_TEST_PG_URL, default postgres@127.0.0.1:5432),
  skipping with the reason when it is unreachable.
* `pg_database`: a factory of throwaway databases, all dropped at the end of the session.
* `store_url`: parametrised over "sqlite" (a file in tmp_path) and "postgresql" (one migrated
  session database, emptied before each test).
* `store`: a `Store` opened on `store_url`, closed after the test.
"""
from __future__ import annotations

import os
import uuid
from typing import Callable, Iterator

import pytest

PG_ADMIN_URL = os.environ.get("FIGWATCH_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_size=1)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """The admin URL of a reachable PostgreSQL server, or a skip saying why not."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    engine = _admin_engine()
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {str(exc.orig).splitlines()[0]}")
    engine.dispose()
    yield PG_ADMIN_URL


@pytest.fixture(scope="session")
def pg_database(pg_server_url: str) -> Iterator[Callable[[], str]]:
    """Make empty throwaway databases (figwatch_test_<random>); drop them all at the end."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    engine = _admin_engine()
    made: list[str] = []

    def make() -> str:
        name = f"figwatch_test_{uuid.uuid4().hex[:12]}"
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)

    yield make
    with engine.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def pg_store_database(pg_database: Callable[[], str]) -> str:
    """One migrated database shared by the session's PostgreSQL store tests."""
    from figwatch.store import Store

    url = pg_database()
    Store.open(url).close()
    return url


def _empty(url: str) -> None:
    """Delete every row (keeping the schema and its version) so each test starts clean."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, pool_size=1)
    with engine.begin() as conn:
        names = conn.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
        ).all()
        if names:
            conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A database URL for a store, on each backend figwatch supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'figwatch.db'}"
    url = request.getfixturevalue("pg_store_database")
    _empty(url)
    return url


@pytest.fixture
def store(store_url: str):
    """A Store opened (and migrated) on `store_url`."""
    from figwatch.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()
