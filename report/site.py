"""The static report site: an index of every metric and a timeline page for each.

Everything a page needs (CSS, the tooltip script, the SVG) is inline, so the folder works
offline, from a file share and from `figwatch report --serve` alike. Jinja2 autoescape is on:
an article's sentence containing `<script>` reaches the reader as text.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping, Protocol, Sequence

import jinja2

from figwatch.figures import source_of
from figwatch.models import Event, Figure, Metric
from figwatch.wording import fmt_date, fmt_value, label_of, metric_page_name, unit_of, who, with_unit
from report import chart, metric_view

TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX = "index.html"


class ReportStore(Protocol):
    """The two store reads the site needs (figwatch.store.Store has them)."""

    def load_figures(self, metrics: Sequence[str] | None = None) -> dict[str, Figure]: ...

    def events(self) -> list[Event]: ...


@dataclass(frozen=True)
class IndexRow:
    metric: str
    label: str
    href: str
    latest: str  # "about 11,000 soldiers", or "" when there is no report yet
    who: str
    date: str
    change: str
    spark: str
    reports: int
    sources: int
    held: int = 0  # reports held as unconfirmed (a metric with only these has no latest value)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["inline_css"] = (TEMPLATES / "site.css").read_text(encoding="utf-8")
    env.globals["inline_js"] = (TEMPLATES / "tooltip.js").read_text(encoding="utf-8")
    env.globals["chart"] = chart
    return env


def _ordered_metrics(metrics: Mapping[str, Metric], figures: Mapping[str, Figure]) -> list[str]:
    """The topic's order first (every metric, reported or not), then metrics only the store knows."""
    return list(metrics) + sorted(m for m in figures if m not in metrics)


def _index_row(name: str, figure: Figure | None, events: Sequence[Event], metrics: Mapping[str, Metric]) -> IndexRow:
    history = [c for c in (figure.history if figure else ()) if c.published is not None]
    base = figure.baseline if figure else None
    unit = unit_of(name, metrics)
    return IndexRow(
        metric=name, label=label_of(name, metrics), href=metric_page_name(name),
        latest=with_unit(fmt_value(base), unit) if base else "",
        who=who(base) if base else "", date=fmt_date(base) if base else "",
        change=metric_view.last_change(events),
        spark=chart.sparkline([metric_view.published_at(c) for c in history], [c.value for c in history]),
        reports=len(history), sources=len({source_of(c) for c in history}),
        held=len(figure.held) if figure else 0,
    )


def _write(path: Path, text: str) -> None:
    """Write through a temporary file, so a reader never opens a half-written page."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def build_site(store: ReportStore, metrics: Mapping[str, Metric], out: Path, *, base_url: str | None = None) -> Path:
    """Write index.html and one page per metric into `out`; return the index's path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figures = store.load_figures()
    by_metric: dict[str, list[Event]] = {}
    for event in store.events():
        by_metric.setdefault(event.metric, []).append(event)
    env = _env()
    common = {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "base_url": base_url.rstrip("/") + "/" if base_url else None,
    }
    names = _ordered_metrics(metrics, figures)
    rows = []
    for name in names:
        events = by_metric.get(name, [])
        rows.append(_index_row(name, figures.get(name), events, metrics))
        page = _metric_page(env, name, figures.get(name), events, metrics, common)
        _write(out / metric_page_name(name), page)
    index = out / INDEX
    _write(index, env.get_template("index.html.j2").render(rows=rows, page=INDEX, **common))
    return index


def _metric_page(env: jinja2.Environment, name: str, figure: Figure | None, events: Sequence[Event],
                 metrics: Mapping[str, Metric], common: dict) -> str:
    """One metric's page: summary, timeline chart, disagreements and every report, newest first."""
    figure = figure or Figure(metric=name)
    unit = unit_of(name, metrics)
    revisions = metric_view.revision_keys(events)
    reports = [metric_view.row(c, unit, revisions) for c in reversed(figure.history)]
    disagreements = metric_view.disagreements(events, unit, revisions)
    return env.get_template("metric.html.j2").render(
        metric=name, label=label_of(name, metrics), unit=unit,
        latest=with_unit(fmt_value(figure.baseline), unit) if figure.baseline else "",
        latest_who=who(figure.baseline) if figure.baseline else "",
        latest_date=fmt_date(figure.baseline) if figure.baseline else "",
        change=metric_view.last_change(events),
        plot=metric_view.build_chart(figure, metrics.get(name), revisions),
        reports=reports, disagreements=disagreements[: metric_view.MAX_DISAGREEMENTS],
        more_disagreements=max(0, len(disagreements) - metric_view.MAX_DISAGREEMENTS),
        page=metric_page_name(name), **common,
    )
