"""A feed's parsing cost is bounded, counted rather than timed: feedparser is handed at most
MAX_ENTRIES entries and MAX_MARKUP tags and references, whatever the feed holds."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

import feedparser
import pytest

from figwatch.models import Source
from figwatch.sources.feeds import MAX_ENTRIES, FeedWork, parse_feed, sniff, strip_entities
from figwatch.sources.live import fetch_source

NOW = datetime(2025, 4, 1, tzinfo=timezone.utc)

BASE = "https://feeds.example.org/feed.xml"
XML = "application/xml"


def rss(n: int, body: str = "") -> str:
    items = "".join(f"<item><title>t{i}</title><link>https://ex.org/{i}</link>{body}</item>" for i in range(n))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


def atom(n: int) -> str:
    entries = "".join(f"<entry><title>t{i}</title><link href='https://ex.org/{i}'/><id>urn:{i}</id>"
                      "<updated>2025-03-27T10:00:00Z</updated></entry>" for i in range(n))
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'


def rdf(n: int) -> str:
    items = "".join(f'<item rdf:about="https://ex.org/{i}"><title>t{i}</title><link>https://ex.org/{i}</link></item>'
                    for i in range(n))
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://ex.org/"><title>R</title>'
            f'<link>https://ex.org/</link></channel>{items}</rdf:RDF>')


def parsed(doc: str | bytes) -> tuple[list[str], tuple[str, ...], FeedWork]:
    work = FeedWork()
    data = doc.encode() if isinstance(doc, str) else doc
    result = parse_feed(data, BASE, now=NOW, content_type=XML, work=work)
    assert result.error is None, result.error
    return [e.title for e in result.entries], result.problems, work


FORMATS = {"rss": lambda n: rss(n).encode(), "atom": lambda n: atom(n).encode(), "rdf": lambda n: rdf(n).encode(),
           "utf-16 rss": lambda n: b"\xff\xfe" + rss(n).replace('"utf-8"', '"utf-16"').encode("utf-16-le")}


@pytest.mark.parametrize("form", FORMATS)
def test_a_feed_of_many_tiny_entries_is_parsed_only_as_far_as_it_is_read(form: str) -> None:
    make = FORMATS[form]
    titles, problems, small = parsed(make(3 * MAX_ENTRIES))
    titles_large, _, large = parsed(make(6 * MAX_ENTRIES))
    assert titles == titles_large == [f"t{i}" for i in range(MAX_ENTRIES)]
    assert any(f"only the first {MAX_ENTRIES}" in p for p in problems)
    assert large.entries_parsed <= MAX_ENTRIES + 1
    assert large.bytes_parsed == small.bytes_parsed and large.markup_parsed == small.markup_parsed
    # the same entries as a feed that holds only those
    assert [e for e in parse_feed(make(MAX_ENTRIES), BASE, now=NOW, content_type=XML).entries] == \
           [e for e in parse_feed(make(6 * MAX_ENTRIES), BASE, now=NOW, content_type=XML).entries]


def test_a_feed_within_the_bounds_is_handed_over_whole() -> None:
    doc = rss(50).encode()
    _, problems, work = parsed(doc)
    assert work.bytes_parsed == len(doc) and problems == ()


def test_tags_inside_an_entry_count_too() -> None:
    # one entry of 300,000 HTML tags costs feedparser's sanitiser as much as 50,000 entries
    heavy = "<description><![CDATA[" + "<b>x</b>" * 150_000 + "]]></description>"
    items = rss(3).replace("</item><item><title>t2", f"</item><item><title>t1b</title>{heavy}</item><item><title>t2")
    titles, problems, work = parsed(items)
    assert titles == ["t0", "t1"]
    assert work.markup_parsed <= 60_000
    assert any("only the first 2 entries read" in p for p in problems)


@pytest.mark.parametrize("junk", ["<x/>", "&amp;", "<!-- c -->", "<?pi x?>"])
def test_junk_after_the_entries_is_not_parsed(junk: str) -> None:
    doc = rss(5).replace("</channel>", junk * 200_000 + "</channel>")
    titles, _, work = parsed(doc)
    assert titles == [f"t{i}" for i in range(5)]
    assert work.markup_parsed <= 60_000


def test_markup_inside_cdata_and_comments_is_not_taken_for_entries() -> None:
    fake = "<description><![CDATA[</item><item><title>fake</title></item>]]></description><!-- <item> </item> -->"
    titles, _, work = parsed(rss(2 * MAX_ENTRIES, body=fake))
    assert titles == [f"t{i}" for i in range(MAX_ENTRIES)] and work.entries_parsed <= MAX_ENTRIES + 1


@pytest.mark.parametrize("hostile", ["<!--", "<![CDATA[", "<a b=\"", "<", "<?", "<!DOCTYPE"])
def test_unterminated_markup_costs_one_pass(hostile: str) -> None:
    doc = rss(3).replace("</channel>", hostile * 300_000 + "</channel>")
    work = FeedWork()
    result = parse_feed(doc.encode(), BASE, now=NOW, content_type=XML, work=work)
    assert [e.title for e in result.entries][:3] == ["t0", "t1", "t2"]
    assert work.markup_parsed <= 60_000 and work.scanned <= 60_000


def test_a_served_feed_of_twenty_thousand_entries_builds_a_thousand(httpserver, client, settings, monkeypatch) -> None:
    built: list[int] = []
    real = feedparser.parse

    def counting(*args, **kwargs):  # a spy, not a stand-in: the real parser runs
        out = real(*args, **kwargs)
        built.append(len(out.entries))
        return out

    monkeypatch.setattr(feedparser, "parse", counting)
    body = "<description>North Korea sent 1,000 troops to Russia.</description>"
    httpserver.expect_request("/feed").respond_with_data(rss(20_000, body=body), content_type="application/rss+xml")
    source = Source(name="many", url=httpserver.url_for("/feed"))
    result = fetch_source(source, client, replace(settings, max_bytes=10_000_000), state=lambda url: None, now=NOW,
                          deadline=time.monotonic() + 60, sleep=lambda s: None)
    assert result.error is None and len(result.articles) == MAX_ENTRIES
    assert built and max(built) <= MAX_ENTRIES + 1
    assert any(f"only the first {MAX_ENTRIES}" in p for p in result.problems)


# The two below are regular expressions' own work, which no counter sees: on the code before, the first
# never ends (each comment more doubles it) and the second would take some 7 minutes (20,000 took 49 s);
# the timeout only turns a hang into a failure, it measures nothing.
@pytest.mark.timeout(60)
def test_comments_before_the_root_are_read_once() -> None:
    assert sniff(b"<!---->" * 250 + b"<html><body>") == "an HTML page, not a feed"
    assert sniff(b"<!---->" * 250 + b"x") is None


@pytest.mark.timeout(60)
def test_unclosed_doctypes_are_tried_once() -> None:
    data = b'<?xml version="1.0"?><!ENTITY x "y">' + b"<!DOCTYPE [" * 60_000
    assert strip_entities(data) == (b"", "entity declarations outside a DOCTYPE: refused")
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss version="2.0"><channel></channel></rss>'
    assert strip_entities(bomb) == (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
                                    "DOCTYPE with entity declarations removed")
