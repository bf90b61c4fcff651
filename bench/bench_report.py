"""Benchmark: `figwatch report` for a store the size of 10,000 articles.

A 10,000-article store holds about 20,000 claims: here 9 metrics, 15 sources, two years of
reports, some ranges and open bounds, sources revising themselves. The store is folded once
(real `fold_claims`, so events and disagreements have real shapes), then `build_site` is timed.

    .venv/bin/python -m bench.bench_report [--claims 20000] [--out DIR] [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping, Sequence

from figwatch.figures import fold_claims
from figwatch.models import Claim, Event, Figure, Metric, Qualifier
from report import build_site
from report.metric_view import published_at

ROOT = Path(__file__).resolve().parents[1]

METRICS: dict[str, Metric] = {
    name: Metric(name, label, unit)
    for name, label, unit in (
        ("troops.deployed", "North Korean troops in Russia", "soldiers"),
        ("troops.additional", "Additional troops dispatched", "soldiers"),
        ("casualties.total", "Casualties (killed and wounded)", "soldiers"),
        ("casualties.killed", "Killed", "soldiers"),
        ("casualties.wounded", "Wounded", "soldiers"),
        ("casualties.captured", "Captured", "soldiers"),
        ("weapons.missiles", "Ballistic missiles supplied", "missiles"),
        ("weapons.artillery_shells", "Artillery shells supplied", "shells"),
        ("weapons.artillery_systems", "Howitzers and rocket launchers", "units"),
    )
}
SOURCES = ("South Korea JCS", "NIS", "Ukraine GUR", "Kyiv", "Zelensky", "US officials", "Pentagon",
           "Seoul", "UK MoD", "ISW", "Yonhap", "Kremlin", "NATO", "Japan MoD", None)
START = datetime(2024, 11, 1, tzinfo=timezone.utc)
QUALIFIERS: tuple[Qualifier, ...] = ("approx", "approx", "exact", "more_than", "at_least", "range", "less_than")


def fake_claims(n: int, seed: int = 7) -> list[Claim]:
    """`n` claims: each (metric, source) pair follows its own noisy, mostly growing series."""
    rng = random.Random(seed)
    level = {(m, s): rng.uniform(500, 15000) for m in METRICS for s in SOURCES}
    claims = []
    for i in range(n):
        metric, source = rng.choice(list(METRICS)), rng.choice(SOURCES)
        level[metric, source] *= rng.uniform(0.97, 1.06)
        value = round(level[metric, source], -1)
        q = rng.choice(QUALIFIERS)
        low, high = ((value * 0.9, value * 1.1) if q == "range"
                     else (value, None) if q in ("more_than", "at_least") else (None, None))
        when = START + timedelta(minutes=rng.randrange(730 * 24 * 60))
        claims.append(Claim(
            metric=metric, value=value, qualifier=q, low=low, high=high, start=0, end=5,
            evidence=f"Officials said <b>{value:,.0f}</b> {METRICS[metric].unit} were counted, report {i}.",
            source=source, source_key=source, article_url=f"https://news.example.org/{i // 2}",
            published=when, outlet=f"Outlet {i % 40}", title=f"Article {i // 2}",
            revised_from=value * 0.8 if rng.random() < 0.01 else None,
        ))
    return sorted(claims, key=published_at)  # every claim here is dated


class BenchStore:
    """The reads build_site makes, answered from memory after one real fold."""

    def __init__(self, claims: Sequence[Claim], metrics: Mapping[str, Metric]) -> None:
        result = fold_claims({}, claims, metrics)
        self._figures, self._events = result.figures, list(result.events)

    def load_figures(self, metrics: Sequence[str] | None = None) -> dict[str, Figure]:
        return dict(self._figures)

    def events(self) -> list[Event]:
        return list(self._events)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    store = BenchStore(fake_claims(args.claims), METRICS)
    fold_s = time.perf_counter() - t0
    reports = sum(len(f.history) for f in store.load_figures().values())
    out = args.out or Path(tempfile.mkdtemp(prefix="figwatch-bench-report-"))
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        build_site(store, METRICS, out)
        times.append(time.perf_counter() - t)
    pages = sorted(out.glob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    print(f"claims {args.claims}, reports {reports}, events {len(store.events())}, fold (setup) {fold_s:.2f} s")
    print(f"build_site: best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s over {args.repeat} runs")
    print(f"output: {len(pages)} pages, {size / 1e6:.1f} MB total, largest "
          f"{max(p.stat().st_size for p in pages) / 1e6:.2f} MB in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
