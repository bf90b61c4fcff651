"""Article pages: main text, title and date out of HTML, so extractors read the article, not the menu.

trafilatura does the work; this module only decides what to ask and what to trust.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from trafilatura.settings import Document

from figwatch.sources.published import parse_date

logging.getLogger("trafilatura").setLevel(logging.ERROR)

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"}


@dataclass(frozen=True, slots=True)
class PageContent:
    """What an article page says about itself; any field may be missing."""

    text: str
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None


def extract_page(html: str, url: str | None = None) -> PageContent:
    """Main text and metadata of one HTML page; empty text when the page has none to give."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # trafilatura raises assorted errors on junk; junk has no text
        doc = None
    if not isinstance(doc, Document) or not (text := (doc.text or "").strip()):
        return PageContent(text=html_to_text(html))  # with_metadata=True gives a Document, never the dict
    return PageContent(
        text=text,
        title=(doc.title or "").strip() or None,
        published=parse_date(doc.date) if doc.date else None,
        outlet=_outlet(doc.sitename, url),
    )


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """The page's site name; None when trafilatura only echoed the host back."""
    name = (sitename or "").strip()
    parts = urlsplit(url or "")
    hosts = {parts.netloc.lower(), (parts.hostname or "").lower(), (parts.hostname or "").lower().removeprefix("www.")}
    return None if not name or name.lower() in hosts else name


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed summary), one line per block."""
    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(fragment.split())
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_link(body: bytes, base: str) -> str | None:
    """The feed an HTML page names (<link rel=alternate type=rss/atom>), so an error can point at it."""
    try:
        root = lxml.html.fromstring(body[:500_000])
    except (lxml.etree.ParserError, ValueError):
        return None
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "alternate" in rel and (el.get("type") or "").lower() in _FEED_TYPES and el.get("href"):
            return urljoin(base, el.get("href").strip())
    return None
