"""Test-wide settings. Prefect must be configured before anything imports it."""
from __future__ import annotations

import os
import tempfile

# shared/notes/PREFECT.md: a private PREFECT_HOME, no analytics, a generous start-up timeout.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="figwatch-test-prefect-"))
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_UI_ENABLED", "false")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("FIGWATCH_DATABASE_URL", None)
