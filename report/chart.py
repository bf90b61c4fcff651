"""Chart geometry: scales, ticks and pixel positions for the SVG the templates draw.

Kept apart from HTML so the numbers (where a point sits, which ticks show) can be tested
without a browser, and the templates stay dumb: they only place what this module computed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Sequence

from figwatch.wording import fmt_number

#: The SVG's own coordinate system; the page scales it with viewBox and max-width:100%.
WIDTH, HEIGHT = 800, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
#: Colour-blind-safe palette (Okabe-Ito, then Tol's muted); unattributed reports are grey.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#882255", "#117733", "#999933", "#332288", "#AA4499", "#44AA99",
    "#661100", "#6699CC", "#DDAA33", "#1b1b1b",
)
UNATTRIBUTED_COLOUR = "#6b6b6b"
SPARK_W, SPARK_H, SPARK_POINTS = 120, 28, 120


@dataclass(frozen=True)
class Tick:
    pos: float  # pixel position along the axis
    label: str


@dataclass(frozen=True)
class Scale:
    """Linear maps from dates and values to pixels in the plot area."""

    t0: float  # epoch seconds at the left edge
    t1: float
    v0: float  # value at the bottom edge
    v1: float

    def x(self, when: datetime) -> float:
        span = (self.t1 - self.t0) or 1.0
        return round(LEFT + (when.timestamp() - self.t0) / span * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value: float) -> float:
        span = (self.v1 - self.v0) or 1.0
        return round(HEIGHT - BOTTOM - (value - self.v0) / span * (HEIGHT - TOP - BOTTOM), 1)


def nice_step(span: float, target: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `target` intervals."""
    if span <= 0:
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if mult * power >= raw:
            return mult * power
    return 10 * power


def make_scale(times: Sequence[datetime], values: Sequence[float]) -> Scale:
    """Dates padded so single-day charts still have width; values from zero to a round top."""
    lo_t, hi_t = min(times), max(times)
    pad = max((hi_t - lo_t) * 0.04, timedelta(days=7))
    top = max(max(values, default=0.0), 0.0) or 1.0
    step = nice_step(top)
    v1 = math.ceil(top * 1.05 / step) * step
    bottom = min(min(values, default=0.0), 0.0)
    return Scale((lo_t - pad).timestamp(), (hi_t + pad).timestamp(), bottom, v1)


def value_ticks(scale: Scale) -> list[Tick]:
    """Horizontal grid lines at round values, labelled the way digests write numbers."""
    step = nice_step(scale.v1 - scale.v0)
    first = math.ceil(scale.v0 / step)
    count = int(math.floor(scale.v1 / step)) - first + 1
    return [Tick(scale.y((first + i) * step), fmt_number((first + i) * step)) for i in range(count)]


_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def time_ticks(scale: Scale, most: int = 8) -> list[Tick]:
    """Ticks on the first of a month, every 1, 2, 3, 6 or 12 months so at most `most` show."""
    start = datetime.fromtimestamp(scale.t0, timezone.utc)
    end = datetime.fromtimestamp(scale.t1, timezone.utc)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in _MONTH_STEPS if months / s <= most), _MONTH_STEPS[-1])
    index = start.year * 12 + start.month  # the month after start: its first day is inside
    index += (-index) % step  # align so that January is a tick when the step divides 12
    ticks: list[Tick] = []
    while True:
        year, month = divmod(index, 12)
        when = datetime(year, month + 1, 1, tzinfo=timezone.utc)
        if when > end:
            return ticks
        fmt = "%b %Y" if step < 12 else "%Y"
        ticks.append(Tick(scale.x(when), when.strftime(fmt)))
        index += step


def dodge(positions: Sequence[tuple[float, float]], gap: float = 12.0) -> list[tuple[float, float]]:
    """Shift points that would sit on one another sideways, so each can be seen and hovered."""
    seen: dict[tuple[int, int], int] = {}
    out = []
    for x, y in positions:
        cell = (round(x / 3), round(y / 3))
        n = seen.get(cell, 0)
        seen[cell] = n + 1
        shift = gap * ((n + 1) // 2) * (1 if n % 2 else -1)
        out.append((round(x + shift, 1), y))
    return out


def sparkline(times: Sequence[datetime], values: Sequence[float]) -> str:
    """SVG polyline points for the index: the reported value over time, thinned to a few dozen."""
    if not values:
        return ""
    pairs = list(zip(times, values, strict=True))
    if len(pairs) > SPARK_POINTS:  # keep the last report of each bucket: what a reader saw then
        size = len(pairs) / SPARK_POINTS
        pairs = [pairs[min(len(pairs) - 1, int((i + 1) * size) - 1)] for i in range(SPARK_POINTS)]
    t0, t1 = pairs[0][0].timestamp(), pairs[-1][0].timestamp()
    top = max(v for _, v in pairs) or 1.0
    low = min(0.0, min(v for _, v in pairs))
    pts = []
    for when, value in pairs:
        x = 2 + (when.timestamp() - t0) / ((t1 - t0) or 1.0) * (SPARK_W - 4)
        y = SPARK_H - 2 - (value - low) / ((top - low) or 1.0) * (SPARK_H - 4)
        pts.append(f"{x:.1f},{y:.1f}")
    if len(pts) == 1:  # one report: a short flat stroke, still visible
        pts = [f"2,{pts[0].split(',')[1]}", f"{SPARK_W - 2},{pts[0].split(',')[1]}"]
    return " ".join(pts)
