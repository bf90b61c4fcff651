"""Test-wide settings. Prefect must be configured before anything imports it."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# docs/PREFECT.md: a private PREFECT_HOME, no analytics, a generous start-up timeout.
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="figwatch-test-prefect-")
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], True)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_UI_ENABLED", "false")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("FIGWATCH_DATABASE_URL", None)

# `store_url` (SQLite and a throwaway PostgreSQL database), `store`, `pg_database`.
pytest_plugins = ["tests.db_fixtures"]
