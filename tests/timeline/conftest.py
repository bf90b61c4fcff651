"""Fixtures for the timeline tests: the seed story, from a fake store or (later) the real one."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.timeline.timeline_seed import METRICS, fake_seed_store


@pytest.fixture
def report_store():
    """The store the report reads. The integrator may return the real store run on seeds/ here."""
    return fake_seed_store()


@pytest.fixture
def report_metrics():
    return METRICS


@pytest.fixture
def seed_site(report_store, report_metrics, tmp_path: Path) -> Path:
    """The site built from the seed story; returns the output folder."""
    from alerts.timeline import build_site

    return build_site(report_store, report_metrics, tmp_path / "site").parent
