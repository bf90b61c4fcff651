"""Chart geometry: round ticks, padded scales, dodged points and thinned sparklines."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from report import chart, metric_page_name

T0 = datetime(2025, 1, 24, tzinfo=timezone.utc)


@pytest.mark.parametrize(("metric", "page"), [
    ("casualties.total", "casualties-total.html"),
    ("weapons.artillery_shells", "weapons-artillery-shells.html"),
    ("Troops / Deployed!", "troops-deployed.html"),
    ("...", "metric.html"),
])
def test_metric_page_name_is_a_safe_file_name(metric: str, page: str) -> None:
    assert metric_page_name(metric) == page


@pytest.mark.parametrize(("span", "step"), [(4200, 1000), (12600, 5000), (9, 2), (0.4, 0.1), (0, 1)])
def test_nice_step_is_round(span: float, step: float) -> None:
    assert chart.nice_step(span) == pytest.approx(step)


def test_scale_starts_at_zero_and_pads_a_single_day() -> None:
    scale = chart.make_scale([T0, T0], [3000, 4000])
    assert scale.v0 == 0 and scale.v1 == 5000
    assert chart.LEFT < scale.x(T0) < chart.WIDTH - chart.RIGHT
    assert scale.y(0) == chart.HEIGHT - chart.BOTTOM and scale.y(5000) == chart.TOP
    labels = [t.label for t in chart.value_ticks(scale)]
    assert labels == ["0", "1,000", "2,000", "3,000", "4,000", "5,000"]


def test_time_ticks_stay_few_and_inside_over_two_years() -> None:
    scale = chart.make_scale([T0, T0 + timedelta(days=730)], [1, 2])
    ticks = chart.time_ticks(scale)
    assert 2 <= len(ticks) <= 8
    assert all(chart.LEFT <= t.pos <= chart.WIDTH - chart.RIGHT for t in ticks)
    # Dec 2024 .. Feb 2027 is 27 months: every 6 months, on January and July
    assert [t.label for t in ticks] == ["Jan 2025", "Jul 2025", "Jan 2026", "Jul 2026", "Jan 2027"]


def test_dodge_separates_points_on_one_spot_and_leaves_others() -> None:
    moved = chart.dodge([(100.0, 50.0), (100.0, 50.0), (100.0, 50.0), (300.0, 80.0)])
    assert len({x for x, _ in moved[:3]}) == 3
    assert moved[0] == (100.0, 50.0) and moved[3] == (300.0, 80.0)


def test_sparkline_thins_long_histories_and_ends_on_the_latest() -> None:
    times = [T0 + timedelta(days=i) for i in range(1000)]
    values = [float(i) for i in range(1000)]
    points = chart.sparkline(times, values).split()
    assert len(points) == chart.SPARK_POINTS
    x, y = map(float, points[-1].split(","))
    assert x == pytest.approx(chart.SPARK_W - 2) and y == pytest.approx(2)


def test_sparkline_of_one_report_is_a_visible_stroke() -> None:
    assert len(chart.sparkline([T0], [5.0]).split()) == 2
    assert chart.sparkline([], []) == ""
