"""Reading articles from disk: seeds, headers, manifests, HTML, feed files, bad files."""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

from figwatch.models import Source
from figwatch.sources.article_files import ArticleMeta, read_article_file, read_path_source

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def read(path: Path, name: str = "t"):
    return read_path_source(Source(name=name, path=str(path)), now=NOW)


def test_seed_folder_gives_five_articles_with_manifest_dates_and_exact_text():
    result = read(SEEDS, "seeds")
    assert result.error is None and result.problems == ()
    names = [a.url.rsplit("/", 1)[1] for a in result.articles]
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
    for article in result.articles:
        path = Path(article.url.removeprefix("file://"))
        assert article.text == path.read_text(encoding="utf-8")
        assert article.source == "seeds" and not article.published_inferred
        assert article.published.tzinfo is not None and article.published.utcoffset().total_seconds() == 0
    by_name = dict(zip(names, result.articles, strict=True))
    oann = by_name["003_966db0fa02a41666.txt"]
    assert oann.published == datetime(2025, 3, 27, tzinfo=timezone.utc)
    assert oann.outlet == "One America News Network"
    assert oann.title.startswith("North Korea Sends Additional 3,000 Troops")
    untitled = by_name["002_ee33085a89d93b62.txt"]
    assert untitled.title and untitled.text.startswith(untitled.title.rstrip("…"))
    assert by_name["000_16f4cb9476388d74.txt"].published == datetime(2025, 1, 24, tzinfo=timezone.utc)


def test_seed_feed_file_travels_the_same_path_as_the_folder():
    folder, feed = read(SEEDS, "seeds"), read(SEEDS / "feed.xml", "seeds")
    assert feed.error is None and feed.problems == ()
    key = lambda a: (a.url, a.text, a.published, a.title, a.guid)  # noqa: E731
    assert [key(a) for a in feed.articles] == [key(a) for a in folder.articles]


def test_content_hash_is_sha256_of_normalised_text():
    article = read(SEEDS / "001_8763abbf445da859.txt").articles[0]
    normal = " ".join(article.text.lower().split())
    assert article.content_hash == hashlib.sha256(normal.encode()).hexdigest()
    assert 0 < article.simhash < 2**64


def test_header_lines_give_metadata_and_are_cut_from_the_text(tmp_path):
    body = "Seoul said 11,000 troops remain.\n\nMore text."
    f = tmp_path / "a.txt"
    f.write_text("Title: Troops\nPublished: 2025-03-27T09:30:00+09:00\nURL: https://ex.org/a\nOutlet: Yonhap\n\n"
                 f"{body}")
    article = read_article_file(f, source="s")
    assert (article.title, article.url, article.outlet, article.text) == ("Troops", "https://ex.org/a", "Yonhap", body)
    assert article.published == datetime(2025, 3, 27, 0, 30, tzinfo=timezone.utc)


def test_meta_wins_over_header_and_date_only_is_midnight_utc(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title: Old\nPublished: 2025-01-01\n\nBody.")
    article = read_article_file(f, ArticleMeta(title="New"))
    assert article.title == "New" and article.text == "Body."
    assert article.published == datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert article.url == f.resolve().as_uri()


def test_text_that_only_looks_like_a_header_stays_whole(tmp_path):
    f = tmp_path / "a.txt"
    text = "Title: a line\nthat is not a header\n\nbody"
    f.write_text(text)
    assert read_article_file(f).text == text


def test_no_date_uses_file_time_flagged_and_noted(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Just a body about 3,000 troops.")
    os.utime(f, (1_700_000_000, 1_700_000_000))
    result = read(f)
    article = result.articles[0]
    assert article.published == datetime.fromtimestamp(1_700_000_000, tz=timezone.utc)
    assert article.published_inferred and any("no publication date" in p for p in result.problems)


def test_impossible_date_is_refused_with_a_reason(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Published: 2099-01-01\n\nBody.")
    result = read(f)
    assert result.articles[0].published_inferred and result.articles[0].published == NOW
    assert any("future" in p for p in result.problems)


def test_html_file_gives_main_text_not_the_menu(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(
        "<html><head><title>Troops | Paper</title>"
        '<meta property="article:published_time" content="2025-03-27T10:00:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/about'>About us menu</a></nav><article><h1>Troops sent</h1>"
        "<p>North Korea has sent another 3,000 soldiers to Russia in January and February, "
        "strengthening its support for Moscow's war on Ukraine, officials said on Thursday.</p>"
        "<p>This brings the total number of North Korean troops in Russia to around 11,000, "
        "according to South Korea's military, which gave no further details.</p></article>"
        "<footer>Donate to keep us independent</footer></body></html>"
    )
    article = read(tmp_path).articles[0]
    assert "around 11,000" in article.text and "About us menu" not in article.text
    assert "Donate" not in article.text
    assert article.title == "Troops sent"
    assert article.published.date().isoformat() == "2025-03-27"


def test_bad_files_are_problems_and_the_rest_still_counts(tmp_path):
    (tmp_path / "good.txt").write_text("Published: 2025-01-02\n\nGood body.")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02binary" * 10)
    (tmp_path / "notes.md").write_text("ignored")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "manifest.json").write_text("{not json")
    (sub / "b.txt").write_text("Published: 2025-01-03\n\nSecond body.")
    result = read(tmp_path)
    assert result.error is None
    assert [a.text for a in result.articles] == ["Good body.", "Second body."]
    assert any("junk.txt" in p and "binary" in p for p in result.problems)
    assert any("bad manifest" in p for p in result.problems)


def test_manifest_metadata_applies_to_its_folder(tmp_path):
    (tmp_path / "manifest.json").write_text(
        '{"articles": [{"file": "x.txt", "title": "X", "published": "2025-02-01", "url": null, "outlet": "O"}]}'
    )
    (tmp_path / "x.txt").write_text("Body.")
    article = read(tmp_path / "x.txt").articles[0]
    assert (article.title, article.outlet, article.published.day) == ("X", "O", 1)


def test_feed_file_with_entity_bomb_outside_links_and_inline_entries(tmp_path):
    (tmp_path / "in.txt").write_text("Local body.")
    (tmp_path.parent / "secret.txt").write_text("secret")
    (tmp_path / "f.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rss version="2.0"><channel><title>t</title>'
        "<item><title>Local</title><link>in.txt</link><pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate></item>"
        "<item><title>Out</title><link>../secret.txt</link></item>"
        "<item><title>Inline</title><link>https://ex.org/i</link><guid>g1</guid>"
        "<description>&lt;p&gt;Inline 4,000 casualties.&lt;/p&gt;</description>"
        "<pubDate>Year 0 nonsense</pubDate></item>"
        "</channel></rss>"
    )
    result = read(tmp_path / "f.xml")
    assert [a.title for a in result.articles] == ["Local", "Inline"]
    assert result.articles[0].published == datetime(2025, 2, 3, 10, tzinfo=timezone.utc)
    inline = result.articles[1]
    assert inline.text == "Inline 4,000 casualties." and inline.url == "https://ex.org/i"
    assert inline.published_inferred and inline.guid == "g1"
    assert any("entity" in p for p in result.problems)
    assert any("outside" in p for p in result.problems)
    assert all("secret" not in a.text for a in result.articles)


def test_missing_path_and_broken_feed_are_errors_not_exceptions(tmp_path):
    assert "no such" in read(tmp_path / "nope").error
    (tmp_path / "f.rss").write_text("<html><body>not a feed</body></html>")
    assert "HTML" in read(tmp_path / "f.rss").error
    assert read_path_source(Source(name="x"), now=NOW).error


def test_windows_1252_text_is_decoded(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("Published: 2025-01-02\n\nKraków – “about 4,000” casualties".encode("cp1252"))
    assert read(f).articles[0].text == "Kraków – “about 4,000” casualties"


def test_one_seed_read_alone_uses_its_folders_manifest():
    article = read_article_file(SEEDS / "003_966db0fa02a41666.txt")
    assert article.published == datetime(2025, 3, 27, tzinfo=timezone.utc) and not article.published_inferred
    assert article.title.startswith("North Korea Sends Additional") and article.outlet == "One America News Network"
