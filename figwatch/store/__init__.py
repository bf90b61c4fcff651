"""figwatch's database: SQLAlchemy 2.0 Core tables, Alembic migrations, a repository of models.

    store = Store.open("sqlite:///~/.figwatch/figwatch.db")   # or postgresql://...
    with store.writer() as tx:
        tx.add_articles(...)

Nothing outside this package sees a row: every method speaks figwatch.models.
"""
from figwatch.store.store import MAX_ATTEMPTS, Store
from figwatch.store.tx import Tx

__all__ = ["Store", "Tx", "MAX_ATTEMPTS"]
