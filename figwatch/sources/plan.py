"""An archive's reading plan (a date and a path per file), sorted in bounded memory.

Ordering 100,000 files by publication date needs every file's date before the first body is
read. Held as objects that is about 300 bytes a file; here at most CHUNK entries are in memory:
each full chunk is sorted and spilled to a temporary file, and the runs are merged lazily.
"""
from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import IO

CHUNK = 20_000  # entries in memory at once (about 6 MB)


@dataclass(frozen=True, slots=True)
class Planned:
    published: datetime
    path: str


def _key(item: Planned) -> tuple[datetime, str]:
    return item.published, item.path


def sorted_plan(entries: Iterable[Planned], *, chunk: int | None = None) -> Iterator[Planned]:
    """The entries by (publication time, path); more than `chunk` of them go through temporary files."""
    chunk = chunk or CHUNK
    runs: list[IO[str]] = []
    held: list[Planned] = []
    for entry in entries:
        held.append(entry)
        if len(held) >= chunk:
            runs.append(_spill(held))
            held = []
    held.sort(key=_key)
    if not runs:
        return iter(held)
    return heapq.merge(*map(_read, runs), iter(held), key=_key)


def _spill(held: list[Planned]) -> IO[str]:
    held.sort(key=_key)
    run = tempfile.TemporaryFile("w+", encoding="utf-8")  # deleted when closed or collected
    # a UTC timestamp (float repr round-trips exactly) and the path as JSON: any file name survives
    run.writelines(json.dumps([p.published.timestamp(), p.path]) + "\n" for p in held)
    run.seek(0)
    return run


def _read(run: IO[str]) -> Iterator[Planned]:
    with run:
        for line in run:
            stamp, path = json.loads(line)
            yield Planned(datetime.fromtimestamp(stamp, timezone.utc), path)
