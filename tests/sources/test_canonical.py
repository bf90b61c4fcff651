"""Canonical URLs: tracking, fragments, AMP and mobile variants, rel=canonical."""
from __future__ import annotations

import pytest

from figwatch.sources.canonical import canonical_url

CASES = {
    "tracking-and-fragment": ("HTTPS://WWW.Ex.org:443/a/b?utm_source=x&id=3&fbclid=z#top", "https://www.ex.org/a/b?id=3"),
    "query-order": ("https://ex.org/a?b=2&a=1", "https://ex.org/a?a=1&b=2"),
    "mobile-host": ("https://m.ex.org/news/1", "https://ex.org/news/1"),
    "amp-folder": ("https://ex.org/news/1/amp/", "https://ex.org/news/1"),
    "amp-suffix": ("https://ex.org/news/1.amp.html", "https://ex.org/news/1.html"),
    "amp-param": ("https://ex.org/news/1?outputType=amp&amp=1", "https://ex.org/news/1"),
    "amp-cache": ("https://ex-org.cdn.ampproject.org/c/s/ex.org/news/1", "https://ex.org/news/1"),
    "other-port-kept": ("http://ex.org:8080/x", "http://ex.org:8080/x"),
    "ampere-kept": ("https://ex.org/ampere", "https://ex.org/ampere"),
    "short-host-kept": ("https://m.tv/a", "https://m.tv/a"),
}


@pytest.mark.parametrize("url,expected", list(CASES.values()), ids=list(CASES))
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_rel_canonical_wins_relative_resolved():
    html = '<html><head><link rel="canonical" href="/news/a?utm_medium=x"></head><body></body></html>'
    assert canonical_url("https://m.ex.org/a/amp", html) == "https://ex.org/news/a"


def test_rel_canonical_to_home_page_or_other_scheme_is_ignored():
    home = '<html><head><link rel="canonical" href="https://ex.org/"></head></html>'
    js = '<html><head><link rel="canonical" href="javascript:alert(1)"></head></html>'
    assert canonical_url("https://ex.org/a#x", home) == "https://ex.org/a"
    assert canonical_url("https://ex.org/a", js) == "https://ex.org/a"
