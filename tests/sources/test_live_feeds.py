"""fetch_source against a loopback server: RSS, Atom, broken and hostile feeds, summary-only entries."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

from figwatch.models import Source
from figwatch.sources.live import fetch_source

RSS = "application/rss+xml; charset=utf-8"
WIRE = ("North Korea has sent another 3,000 soldiers to Russia in January and February, strengthening "
        "its support for Moscow's war on Ukraine. This brings the total number of North Korean troops "
        "in Russia to around 11,000, according to South Korea's military. So far, about 4,000 of them "
        "have been killed or injured in combat, the Joint Chiefs of Staff said on Thursday.")


def rss(items: str, extra: str = "") -> str:
    return f'<?xml version="1.0" encoding="utf-8"?>{extra}<rss version="2.0" ' \
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>{items}</channel></rss>'


def item(title: str, link: str, *, date: str | None = "Thu, 27 Mar 2025 08:00:00 GMT", guid: str | None = None,
         summary: str = "", content: str = "") -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>"]
    parts += [f"<pubDate>{date}</pubDate>"] if date else []
    parts += [f"<guid isPermaLink=\"false\">{guid}</guid>"] if guid else []
    parts += [f"<description><![CDATA[{summary}]]></description>"] if summary else []
    parts += [f"<content:encoded><![CDATA[{content}]]></content:encoded>"] if content else []
    return "<item>" + "".join(parts) + "</item>"


def page(body: str, date: str | None = None, canonical: str | None = None) -> str:
    head = f'<meta property="article:published_time" content="{date}">' if date else ""
    head += f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<html><head><title>Page</title>{head}</head><body><nav><a href='/'>Home</a> <a href='/w'>World menu"
            f"</a></nav><article><h1>Headline</h1><p>{body}</p><p>{body}</p></article>"
            "<footer>Donate to our newsroom</footer></body></html>")


def run(server, client, settings, now, path="/feed", **kw):
    source = Source(name="feed", url=server.url_for(path))
    return fetch_source(source, client, settings, state=kw.pop("state", lambda url: None), now=now,
                        deadline=time.monotonic() + 60, sleep=kw.pop("sleep", lambda s: None), **kw)


def test_rss_with_full_content_and_tracking_links(httpserver, client, settings, now):
    body = item("Troops", "https://ex.org/a?utm_source=rss#top", content=f"<p>{WIRE}</p>", guid="g1")
    httpserver.expect_request("/feed").respond_with_data(rss(body), content_type=RSS)
    result = run(httpserver, client, settings, now)
    assert result.error is None and result.requests == 1
    (article,) = result.articles
    assert article.url == "https://ex.org/a" and article.text == WIRE and article.guid == "g1"
    assert article.published == datetime(2025, 3, 27, 8, tzinfo=timezone.utc) and not article.published_inferred
    assert article.content_hash and article.simhash


def test_atom_with_relative_links(httpserver, client, settings, now):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            "<entry><title>One</title><link href='/news/1'/><id>urn:1</id><updated>2025-03-27T10:00:00Z</updated>"
            f"<content type='html'>&lt;p&gt;{WIRE}&lt;/p&gt;</content></entry></feed>")
    httpserver.expect_request("/atom").respond_with_data(atom, content_type="application/atom+xml")
    (article,) = run(httpserver, client, settings, now, "/atom").articles
    assert article.url == httpserver.url_for("/news/1") and article.text == WIRE
    assert article.published == datetime(2025, 3, 27, 10, tzinfo=timezone.utc)


def test_malformed_feed_keeps_usable_entries_and_records_why(httpserver, client, settings, now):
    broken = rss(item("Good & bad", "https://ex.org/1", content=WIRE)).replace("</channel></rss>", "<item><title>")
    httpserver.expect_request("/feed").respond_with_data(broken, content_type=RSS)
    result = run(httpserver, client, settings, now)
    assert result.error is None and [a.url for a in result.articles] == ["https://ex.org/1"]
    assert any("malformed feed" in p for p in result.problems)


def test_summary_only_entries_take_the_pages_main_text_and_date(httpserver, client, settings, now):
    items = (item("With page date", "/art/1?utm_campaign=x", date=None, summary="Teaser one.")
             + item("No date anywhere", "/art/2", date=None, summary="Teaser two.")
             + item("Page is gone", "/art/3", summary="Teaser three, kept."))
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type=RSS)
    httpserver.expect_request("/art/1").respond_with_data(
        page(WIRE, "2025-03-27T06:00:00Z", canonical="/story/1"), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/art/2").respond_with_data(page(WIRE.replace("3,000", "2,000")),
                                                          content_type="text/html")
    httpserver.expect_request("/art/3").respond_with_data("", status=404)
    result = run(httpserver, client, settings, now)
    one, two, three = result.articles
    assert one.url == httpserver.url_for("/story/1") and WIRE in one.text and "World menu" not in one.text
    assert "Donate" not in one.text and one.title == "With page date"
    assert one.published.date().isoformat() == "2025-03-27" and not one.published_inferred
    assert two.published == now and two.published_inferred
    assert three.text == "Teaser three, kept."
    assert any("/art/3" in p and "HTTP 404" in p for p in result.problems)
    assert any("fetch time used" in p for p in result.problems)


def test_non_utf8_charset_is_decoded(httpserver, client, settings, now):
    text = "Пхеньян направил ещё 3000 военных в Россию."
    feed = rss(item("Войска", "https://ex.org/ru", content=text)).replace("utf-8", "windows-1251")
    httpserver.expect_request("/feed").respond_with_data(feed.encode("cp1251"),
                                                         content_type="application/rss+xml; charset=windows-1251")
    (article,) = run(httpserver, client, settings, now).articles
    assert article.text == text and article.title == "Войска"


def test_html_where_a_feed_was_expected_is_an_error(httpserver, client, settings, now):
    httpserver.expect_request("/feed").respond_with_data(page("Welcome"), content_type="text/html")
    result = run(httpserver, client, settings, now)
    assert result.articles == () and "HTML page, not a feed" in result.error


def test_binary_junk_is_an_error(httpserver, client, settings, now):
    httpserver.expect_request("/feed").respond_with_data(bytes(range(256)) * 4, content_type="application/rss+xml")
    assert "binary" in run(httpserver, client, settings, now).error


def test_entity_bomb_is_cleaned_and_the_feed_still_counts(httpserver, client, settings, now):
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    feed = rss(item("Bomb &l9; &x;", "https://ex.org/b", content=WIRE), extra=doctype)
    httpserver.expect_request("/feed").respond_with_data(feed, content_type=RSS)
    result = run(httpserver, client, settings, now)
    (article,) = result.articles
    assert "lol" not in article.title and "root:" not in article.title and len(article.title) < 100
    assert any("entity declarations removed" in p for p in result.problems)


def test_bad_dates_duplicate_guids_giant_entries_and_bad_links(httpserver, client, settings, now):
    items = (item("Future", "https://ex.org/f", date="Thu, 01 Jan 2099 00:00:00 GMT", content=WIRE, guid="a")
             + item("Again", "https://ex.org/f2", content=WIRE + " copy", guid="a")
             + item("Giant", "https://ex.org/g", content="x " * 120_000, guid="b")
             + item("Script", "javascript:alert(1)", content="Some text.", guid="c"))
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type=RSS)
    result = run(httpserver, client, replace(settings, max_bytes=1_000_000), now)
    future, script = result.articles
    assert future.published == now and future.published_inferred
    assert script.url == "urn:figwatch:feed:c"
    problems = " | ".join(result.problems)
    for reason in ("in the future", "duplicate guid", "over the cap", "link scheme 'javascript' refused"):
        assert reason in problems


def test_seen_entries_are_skipped_before_their_page_is_fetched(httpserver, client, settings, now):
    httpserver.expect_request("/feed").respond_with_data(rss(item("Old", "/art/1", summary="s")), content_type=RSS)
    result = run(httpserver, client, settings, now, seen=lambda url: url.endswith("/art/1"))
    assert result.articles == () and len(httpserver.log) == 1


def test_only_http_sources_are_fetched(client, settings, now):
    result = fetch_source(Source(name="f", url="file:///etc/passwd"), client, settings, state=lambda u: None,
                          now=now, deadline=time.monotonic() + 5)
    assert "only http and https" in result.error and result.requests == 0


def test_undated_full_entry_keeps_its_text_and_takes_the_page_date(httpserver, client, settings, now):
    feed = rss(item("Full", "/art/9", date=None, content=WIRE)).replace("<title>T</title>", "<title>Daily Wire "
                                                                                            "Desk</title>")
    httpserver.expect_request("/feed").respond_with_data(feed, content_type=RSS)
    httpserver.expect_request("/art/9").respond_with_data(page("Other words entirely.", "2025-03-20T06:00:00Z"),
                                                          content_type="text/html")
    (article,) = run(httpserver, client, settings, now).articles
    assert article.text == WIRE and article.published.date().isoformat() == "2025-03-20"
    assert not article.published_inferred and article.outlet == "Daily Wire Desk"


def test_html_error_names_the_feed_the_page_links(httpserver, client, settings, now):
    html = '<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>'
    httpserver.expect_request("/feed").respond_with_data(html, content_type="text/html")
    assert httpserver.url_for("/rss.xml") in run(httpserver, client, settings, now).error


def test_wrong_content_type_still_parses_and_unreadable_dates_are_named(httpserver, client, settings, now):
    feed = rss(item("Plain", "https://ex.org/p", date="Mon, 00 Foo 0000 99:99:99 GMT", content=WIRE))
    httpserver.expect_request("/feed").respond_with_data(feed, content_type="text/plain")
    result = run(httpserver, client, settings, now)
    (article,) = result.articles
    assert article.published_inferred and any("unreadable date" in p for p in result.problems)


def test_truncated_body_is_an_error_after_retries(client, settings, now):
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]

    def serve():
        for _ in range(settings.retries + 1):
            conn, _ = listener.accept()
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 5000\r\n\r\n<rss")
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    source = Source(name="cut", url=f"http://127.0.0.1:{port}/feed")
    result = fetch_source(source, client, settings, state=lambda u: None, now=now,
                          deadline=time.monotonic() + 30, sleep=lambda s: None)
    thread.join(timeout=10)
    listener.close()
    assert "truncated" in result.error and result.requests == settings.retries + 1


def test_a_flood_of_problems_is_capped(httpserver, client, settings, now):
    items = "".join(item(f"n{i}", f"https://ex.org/{i}", date="Thu, 01 Jan 2099 00:00:00 GMT", content="t")
                    for i in range(120))
    httpserver.expect_request("/feed").respond_with_data(rss(items), content_type=RSS)
    result = run(httpserver, client, settings, now)
    assert len(result.articles) == 120 and len(result.problems) == 50
    assert result.problems[-1].startswith("... and ")


def test_plain_text_titles_keep_their_angle_brackets(httpserver, client, settings, now):
    feed = rss(item("Casualties &lt; 4,000, Seoul says", "https://ex.org/lt", content=WIRE))
    httpserver.expect_request("/feed").respond_with_data(feed, content_type=RSS)
    assert run(httpserver, client, settings, now).articles[0].title == "Casualties < 4,000, Seoul says"
