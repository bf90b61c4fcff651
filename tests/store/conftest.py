"""The store tests' fixtures come from tests/db_fixtures.py (a plugin others load too).

When tests/conftest.py already loads it (`pytest_plugins = ["db_fixtures"]`), nothing happens
here; otherwise its fixtures are imported into this conftest.
"""
import sys

if not ({"db_fixtures", "tests.db_fixtures"} & set(sys.modules)):
    from db_fixtures import *  # noqa: F401,F403  (tests/ is on pythonpath)
