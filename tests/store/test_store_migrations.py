"""Migrations from the installed package; SQLite settings; clear errors when a database is wrong."""
from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from figwatch.errors import StoreError
from figwatch.store import Store, rows
from figwatch.store.engine import alembic_config, create, migrate, parse_url
from figwatch.store.schema import metadata
from tests.store.helpers_store import T0, article, build, claim, event

FIRST = "0001"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """A database with nothing in it, not even figwatch's tables."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sub' / 'dir' / 'new.db'}"
    return request.getfixturevalue("pg_database")()


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrations_start_at_0001_and_have_one_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert [r.revision for r in script.walk_revisions()][-1] == FIRST
    assert len(script.get_heads()) == 1


def test_open_upgrades_an_empty_database_to_head_matching_the_schema(empty_url):
    store = Store.open(empty_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == _head()
        assert compare_metadata(context, metadata) == []  # schema.py and the migrations agree
    store.close()


def _write_only_existing_columns(monkeypatch, engine) -> None:
    """Rows as the first revision's code wrote them: only the columns its tables have."""
    columns = {t: {c["name"] for c in inspect(engine).get_columns(t)} for t in ("claims", "events")}
    for name, table in (("claim_values", "claims"), ("event_values", "events")):
        real = getattr(rows, name)

        def trimmed(*args, _real=real, _table=table):
            return {k: v for k, v in _real(*args).items() if k in columns[_table]}

        monkeypatch.setattr(rows, name, trimmed)


def test_populated_database_stays_readable_after_upgrade(empty_url, monkeypatch):
    engine = create(parse_url(empty_url))
    migrate(engine, FIRST)
    old = Store(engine)  # the store as it was at the first revision
    _write_only_existing_columns(monkeypatch, engine)
    art = article(1)
    with old.writer() as tx:
        tx.add_articles([art])
        tx.add_claims([claim(art=art)])
        tx.add_events([event()])
    old.close()
    monkeypatch.undo()
    upgraded = Store.open(empty_url)
    digest = upgraded.compose_digest(build, ["files"], now=art.published)  # the old pending event
    assert upgraded.articles() == [art]
    assert upgraded.claims() == [claim(art=art)]
    assert upgraded.get_digest(digest.id) == digest
    assert [d.status for d in upgraded.deliveries()] == ["pending"]
    upgraded.close()


def test_downgrade_to_base_and_up_again(empty_url):
    engine = create(parse_url(empty_url))
    migrate(engine)
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert "events" in inspect(engine).get_table_names()
    engine.dispose()


def test_two_stores_opening_a_new_database_at_once_both_work(empty_url):
    opened, errors = [], []
    barrier = threading.Barrier(2)

    def open_one():
        barrier.wait()
        try:
            opened.append(Store.open(empty_url))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 2
    for s in opened:
        s.close()


def test_sqlite_runs_in_wal_with_busy_timeout_and_foreign_keys(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'f.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_sqlite_in_memory_store_works():
    store = Store.open("sqlite://")
    with store.writer() as tx:
        tx.add_articles([article(1)])
    assert store.articles() == [article(1)]
    store.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("not a url", "bad database URL", id="bad-url"),
        pytest.param("postgresql://u:secret@host:port/x", "bad database URL", id="bad-port-hides-password"),
        pytest.param("mysql://u@127.0.0.1/x", "unsupported database", id="unsupported-backend"),
        pytest.param("postgresql://postgres:secret@127.0.0.1:1/x", "cannot open database", id="unreachable-server"),
    ],
)
def test_open_errors_are_store_errors_with_a_clear_message(url, message):
    with pytest.raises(StoreError, match=message) as caught:
        Store.open(url)
    assert "secret" not in str(caught.value)


def test_sqlite_folder_that_cannot_be_made_is_a_store_error(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open(f"sqlite:///{tmp_path / 'file' / 'x.db'}")


def test_deliveries_of_revision_0003_upgrade_with_no_parts_sent_and_no_lease(empty_url):
    engine = create(parse_url(empty_url))
    migrate(engine, "0003")
    old = Store(engine)
    with old.writer() as tx:
        tx.add_events([event()])
    digest = old.compose_digest(build, ["slack"], now=T0)
    old.close()
    upgraded = Store.open(empty_url)
    (delivery,) = upgraded.deliveries()
    assert delivery.digest_id == digest.id
    assert (delivery.parts_sent, delivery.parts_key, delivery.lease_owner) == (0, None, None)
    upgraded.close()
