"""Fixtures for the timeline tests: the seed story, from a fake store or (later) the real one."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.timeline_seed import METRICS, fake_seed_store


@pytest.fixture(scope="session")
def report_store(tmp_path_factory):
    """The real store after a monitor run over the seed corpus."""
    from figwatch.config import load_settings
    from figwatch.store import Store
    from flows.jobs import run_monitor
    from tests.flows.helpers import write_config

    home = tmp_path_factory.mktemp("seed-store")
    settings = load_settings(write_config(home))
    run_monitor(settings)
    store = Store.open(settings.database_url)
    yield store
    store.close()


@pytest.fixture
def fake_store():
    """Hand-written seed claims, for tests that pin exact series and wording."""
    return fake_seed_store()


@pytest.fixture(scope="session")
def report_metrics():
    from extractors import load_topic

    return load_topic().metrics


@pytest.fixture
def seed_site(report_store, report_metrics, tmp_path: Path) -> Path:
    """The site built from the seed story; returns the output folder."""
    from report import build_site

    return build_site(report_store, report_metrics, tmp_path / "site").parent


@pytest.fixture
def fake_site(fake_store, tmp_path: Path) -> Path:
    """The site built from the hand-written seed claims."""
    from report import build_site

    return build_site(fake_store, METRICS, tmp_path / "fake-site").parent
