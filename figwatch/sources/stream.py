"""A path source streamed in publication order, for backfills of archives too big to hold.

Pass one reads only what dates each file (its manifest entry or header lines); pass two reads
the bodies one at a time, oldest first. Memory grows with the number of files (a date and a
path per file), not with their text, and only up to plan.CHUNK files: a longer plan is sorted
through temporary files (plan.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from figwatch.errors import SourceError
from figwatch.models import Article, Source
from figwatch.sources.article_files import (
    ARTICLE_SUFFIXES,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    ArticleMeta,
    _Reading,
    decode,
    iter_files,
    open_regular,
    split_header,
)
from figwatch.sources.dateline import stated_date
from figwatch.sources.plan import Planned, sorted_plan

SNIFF_BYTES = 4096


def stream_path_source(
    source: Source, *, now: datetime, since: date | None = None, until: date | None = None
) -> tuple[Iterator[Article], list[str]]:
    """(articles within [since, until] oldest first, problems found while planning)."""
    root = Path(source.path or "")
    if not root.is_dir():
        from figwatch.sources.article_files import read_path_source

        result = read_path_source(source, now=now)
        chosen = sorted((a for a in result.articles if _within(a.published, since, until)),
                        key=lambda a: (a.published, a.url))
        return iter(chosen), list(result.problems) + ([result.error] if result.error else [])
    reading = _Reading(source, now, within=root)
    feeds: list[Path] = []

    def plan() -> Iterator[Planned]:
        for path in iter_files(root):
            suffix = path.suffix.lower()
            if suffix in FEED_SUFFIXES:
                feeds.append(path)
            elif suffix in ARTICLE_SUFFIXES and (planned := _planned(reading, path)) and _within(planned.published,
                                                                                                 since, until):
                yield planned

    ordered = sorted_plan(plan())  # walks the whole tree: the feeds are known after it
    for path in sorted(feeds, key=lambda p: p.as_posix()):
        reading.feed_file(path)  # feeds are small: their entries are read at once
    early = [a for a in reading.articles if _within(a.published, since, until)]
    return _merged(reading, early, ordered), reading.problems


def _planned(reading: _Reading, path: Path) -> Planned | None:
    """The article file's date, read from its manifest entry or its header only."""
    meta = reading.manifest_for(path)
    published = meta.published if meta else None
    if published is None:
        published = _sniff_date(reading, path)
    return Planned(published, path.as_posix()) if published is not None else None


def _sniff_date(reading: _Reading, path: Path) -> datetime | None:
    try:
        if path.suffix.lower() in HTML_SUFFIXES:
            from figwatch.sources.article_files import read_article_file

            return read_article_file(path, ArticleMeta(), source=reading.source.name, within=reading.within).published
        with open_regular(path, within=reading.within) as fh:
            head = decode(fh.read(SNIFF_BYTES))
        meta, body = split_header(head)
        if meta is not None and meta.published is not None:
            return meta.published
        written = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
        return stated_date(body, written) or written  # as read_article_file will date it
    except (OSError, SourceError) as exc:
        reading.problems.append(f"{path.name}: {exc}")
        return None


def _merged(reading: _Reading, early: list[Article], plan: Iterable[Planned]) -> Iterator[Article]:
    """Feed-file entries and planned files, together in publication order.

    Only the feeds' URLs stay in the reading's set of seen URLs: a file repeating another file's
    URL is left to the store, which keeps the first (oldest) copy, so the set does not grow
    with the archive."""
    pending = sorted(early, key=lambda a: (a.published, a.url))
    feed_urls = set(reading.urls)
    for item in plan:
        while pending and pending[0].published <= item.published:
            yield pending.pop(0)
        reading.articles.clear()
        reading.article_file(Path(item.path))
        reading.urls.difference_update(a.url for a in reading.articles if a.url not in feed_urls)
        yield from reading.articles
    yield from pending


def _within(published: datetime, since: date | None, until: date | None) -> bool:
    day = published.date()
    return (since is None or day >= since) and (until is None or day <= until)
