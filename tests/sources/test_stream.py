"""A streamed path source: oldest first, in memory bounded by the plan's chunk, whatever the archive."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from figwatch.models import Source
from figwatch.sources import plan as plan_module
from figwatch.sources.article_files import read_path_source
from figwatch.sources.plan import Planned, sorted_plan
from figwatch.sources.stream import stream_path_source

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
ZONES = [timezone.utc, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5))]

planned = st.builds(
    lambda minutes, zone, name: Planned((datetime(2024, 1, 1, tzinfo=timezone.utc)
                                         + timedelta(minutes=minutes)).astimezone(zone), name),
    st.integers(0, 3000), st.sampled_from(ZONES), st.text(min_size=1, max_size=12),  # tabs, newlines, any letter
)


@settings(max_examples=200, deadline=None)
@given(entries=st.lists(planned, max_size=40), chunk=st.integers(1, 8))
def test_a_spilled_plan_is_ordered_like_one_sorted_in_memory(entries, chunk):
    expected = sorted(entries, key=lambda p: (p.published, p.path))
    got = list(sorted_plan(entries, chunk=chunk))
    assert [(p.published, p.path) for p in got] == [(p.published, p.path) for p in expected]


def _article(folder, name, published, url, body="North Korea sent 11,000 troops to Russia."):
    (folder / name).write_text(f"Title: {name}\nPublished: {published}\nURL: {url}\n\n{body}\n", encoding="utf-8")


def _archive(tmp_path):
    (tmp_path / "2025" / "b").mkdir(parents=True)
    _article(tmp_path, "z.txt", "2025-01-03T08:00:00+00:00", "https://ex.org/3")
    _article(tmp_path / "2025", "a.txt", "2025-01-01T23:30:00-05:00", "https://ex.org/2")  # 04:30 UTC on the 2nd
    _article(tmp_path / "2025" / "b", "m.txt", "2025-01-02T01:00:00+09:00", "https://ex.org/1")  # 16:00 UTC on the 1st
    _article(tmp_path / "2025" / "b", "n.txt", "2025-01-05T00:00:00+00:00", "https://ex.org/1")  # the same URL again
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Feed</title><link>https://ex.org/f</link><description>North Korea sent 12,000 "
        "troops.</description>"
        "<pubDate>Sat, 04 Jan 2025 10:00:00 GMT</pubDate></item></channel></rss>", encoding="utf-8")
    return Source(name="archive", path=str(tmp_path))


def test_a_folder_streams_oldest_first_across_folders_zones_and_feeds(tmp_path, monkeypatch):
    source = _archive(tmp_path)
    monkeypatch.setattr(plan_module, "CHUNK", 1)  # every file spilled: the merge is exercised
    articles, problems = stream_path_source(source, now=NOW)
    got = [(a.url, a.published.astimezone(timezone.utc).isoformat()) for a in articles]
    assert problems == []
    assert got == [
        ("https://ex.org/1", "2025-01-01T16:00:00+00:00"),
        ("https://ex.org/2", "2025-01-02T04:30:00+00:00"),
        ("https://ex.org/3", "2025-01-03T08:00:00+00:00"),
        ("https://ex.org/f", "2025-01-04T10:00:00+00:00"),
        ("https://ex.org/1", "2025-01-05T00:00:00+00:00"),  # a repeated URL is the store's to drop (it keeps the first)
    ]


def test_streaming_and_reading_at_once_give_the_same_articles(tmp_path, monkeypatch):
    source = _archive(tmp_path)
    monkeypatch.setattr(plan_module, "CHUNK", 2)
    streamed, _ = stream_path_source(source, now=NOW)
    whole = read_path_source(source, now=NOW).articles
    first: dict[str, object] = {}
    for a in streamed:
        first.setdefault(a.url, a)  # what the store keeps of a repeated URL
    key = lambda a: (a.published, a.url)  # noqa: E731
    assert sorted(first.values(), key=key) == sorted(whole, key=key)


def test_a_window_streams_only_its_days(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_module, "CHUNK", 1)
    articles, _ = stream_path_source(_archive(tmp_path), now=NOW, since=date(2025, 1, 2), until=date(2025, 1, 4))
    assert [a.url for a in articles] == ["https://ex.org/2", "https://ex.org/3", "https://ex.org/f"]
