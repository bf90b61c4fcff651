"""Every configured source in one run: files read, feeds fetched in threads, one shared budget.

A source's failure is its own SourceResult.error; harvest itself never raises for a source.
Concurrency is per host (HostGate), so dozens of feeds on dozens of hosts go in parallel
while one host never sees more than `per_host_concurrency` requests at once.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Callable, Sequence, TypeVar

import httpx

from figwatch.config import FetchSettings
from figwatch.models import Source, SourceResult
from figwatch.sources.article_files import read_path_source
from figwatch.sources.fetch import HostGate, Sleep, make_client
from figwatch.sources.live import StateLookup, fetch_source

MAX_WORKERS = 8
T = TypeVar("T")


def harvest(
    sources: Sequence[Source], settings: FetchSettings, *, state: StateLookup, now: datetime,
    client: httpx.Client | None = None, sleep: Sleep = time.sleep,
    seen: Callable[[str], bool] | None = None,
) -> list[SourceResult]:
    """One SourceResult per source, in the order given, within settings.run_budget seconds."""
    deadline = time.monotonic() + settings.run_budget
    state, seen = _serialised(state), (_serialised(seen) if seen else None)
    gate = HostGate(settings.per_host_concurrency, settings.polite_delay, sleep)
    own = client is None
    client = client or make_client(settings)
    try:
        live = [i for i, s in enumerate(sources) if s.url]
        results: dict[int, SourceResult] = {}
        with ThreadPoolExecutor(max_workers=max(1, min(MAX_WORKERS, len(live)))) as pool:
            futures = {
                i: pool.submit(_guarded, fetch_source, sources[i], client, settings, state=state, now=now,
                               deadline=deadline, sleep=sleep, gate=gate, seen=seen)
                for i in live
            }
            for i, s in enumerate(sources):
                if not s.url:
                    results[i] = _guarded(read_path_source, s, now=now)
            for i, future in futures.items():
                results[i] = future.result()
        return [results[i] for i in range(len(sources))]
    finally:
        if own:
            client.close()


def _serialised(lookup: Callable[[str], T]) -> Callable[[str], T]:
    """The lookup called by one thread at a time: store lookups need not be thread-safe."""
    lock = threading.Lock()

    def call(url: str) -> T:
        with lock:
            return lookup(url)

    return call


def _guarded(read: Callable[..., SourceResult], source: Source, *args, **kwargs) -> SourceResult:
    """A bug in one source's path is that source's error, not the run's."""
    try:
        return read(source, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into values
        return SourceResult(source=source.name, error=f"internal error: {type(exc).__name__}: {exc}")
