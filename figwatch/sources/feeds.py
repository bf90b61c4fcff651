"""Feed bytes into entries: feedparser parses, this module distrusts.

feedparser never fetches here (it is handed a byte stream). Hostile or broken input is
cleaned or refused with a reason: entity declarations are stripped before parsing (no
billion laughs, no external entities), malformed ("bozo") feeds keep their usable entries,
and entries with impossible dates, duplicate GUIDs or giant bodies are dropped or flagged.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import feedparser

from figwatch.sources.canonical import has_control
from figwatch.sources.feed_cut import cut_feed
from figwatch.sources.pages import html_to_text
from figwatch.sources.published import from_struct, implausible

MAX_ENTRY_CHARS = 200_000  # an entry longer than a long book chapter is junk
MAX_ENTRIES = 1_000
MAX_PROBLEMS = 50
# tried once, at the first "<!DOCTYPE" (tried at every one, a document of unclosed "<!DOCTYPE [" was
# read once per DOCTYPE: 20,000 of them took 49 s)
_DOCTYPE_OPEN = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
# the comments before the root, possessive: backtracking into them made 22 comments take 1.5 s, and
# each one more doubled it
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*+<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, links absolute, text plain, date checked."""

    title: str
    link: str | None
    guid: str | None
    published: datetime | None
    text: str  # content if the entry has it, else the summary, as plain text
    summary_only: bool  # no full content: the article page holds the text


@dataclass(slots=True)
class FeedWork:
    """What parsing one feed cost, counted (tests bound it, not a clock)."""

    bytes_parsed: int = 0  # bytes handed to feedparser
    markup_parsed: int = 0  # "<" and "&" in them: feedparser's cost is per tag (an entry's HTML too), not per byte
    scanned: int = 0  # "<" the scan before it visited (feed_cut.py)
    entries_parsed: int = 0  # entries feedparser built


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    entries: tuple[Entry, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None  # the bytes are not a feed at all
    title: str | None = None


def capped(problems: list[str], limit: int = MAX_PROBLEMS) -> tuple[str, ...]:
    """At most `limit` problems and a count of the rest: a broken feed must not flood the health log."""
    if len(problems) <= limit:
        return tuple(problems)
    return (*problems[: limit - 1], f"... and {len(problems) - limit + 1} more problems")


def sniff(data: bytes) -> str | None:
    """Why these bytes cannot be a feed (binary junk, an HTML page), or None."""
    head = data[:2048]
    if not head.strip():
        return "empty body"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data, not a feed"
    if _HTML_START.match(head):
        return "an HTML page, not a feed"
    return None


def strip_entities(data: bytes) -> tuple[bytes, str | None]:
    """Remove a DOCTYPE that declares entities; they serve only expansion bombs and file reads."""
    if not _ENTITY.search(data[:65536]):
        return data, None
    first = _DOCTYPE_OPEN.search(data)
    doctype = _DOCTYPE.match(data, first.start()) if first else None
    cleaned = data[:doctype.start()] + data[doctype.end():] if doctype else b""
    if not doctype or _ENTITY.search(cleaned[:65536]):
        return b"", "entity declarations outside a DOCTYPE: refused"
    return cleaned, "DOCTYPE with entity declarations removed"


def parse_feed(
    data: bytes, base_url: str, *, now: datetime, content_type: str | None = None,
    schemes: tuple[str, ...] = ("http", "https"), work: FeedWork | None = None,
) -> ParsedFeed:
    """Entries of a feed document; `schemes` are the link schemes an entry may point to."""
    work = work if work is not None else FeedWork()
    refusal = sniff(data)
    if refusal:
        return ParsedFeed(error=refusal)
    data, note = strip_entities(data)
    if not data:
        return ParsedFeed(error=note)
    problems = [note] if note else []
    cut = cut_feed(data, MAX_ENTRIES)  # feedparser is handed only what is read (feed_cut.py)
    work.scanned += cut.scanned
    if cut.error:
        return ParsedFeed(problems=tuple(problems), error=cut.error)
    data = cut.data
    problems += [cut.note] if cut.note else []
    headers = {"content-location": base_url} if base_url.startswith(("http:", "https:")) else {}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    work.bytes_parsed += len(data)
    work.markup_parsed += data.count(b"<") + data.count(b"&")
    work.entries_parsed += len(parsed.entries)
    if parsed.get("bozo"):
        problems.append(f"malformed feed: {_describe(parsed.get('bozo_exception'))}")
    if not parsed.get("version") and not parsed.entries:
        return ParsedFeed(problems=tuple(problems), error="not a feed (no RSS or Atom found)")
    entries = _entries(parsed.entries, base_url, now, schemes, problems)
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed(entries=tuple(entries), problems=tuple(problems), title=title)


def _describe(exc: object) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _entries(raw: list, base: str, now: datetime, schemes: tuple[str, ...], problems: list[str]) -> list[Entry]:
    """Checked entries; each refusal is a problem naming the entry."""
    if len(raw) > MAX_ENTRIES:
        problems.append(f"{len(raw)} entries: only the first {MAX_ENTRIES} read")
    seen: set[str] = set()
    out: list[Entry] = []
    for i, item in enumerate(raw[:MAX_ENTRIES]):
        entry = _entry(item, base, now, schemes, problems, f"entry {i + 1}")
        if entry is None:
            continue
        key = entry.guid or entry.link
        if key and key in seen:
            problems.append(f"entry {i + 1}: duplicate guid {key!r} dropped")
            continue
        if key:
            seen.add(key)
        out.append(entry)
    return out


def _entry(item, base: str, now: datetime, schemes: tuple[str, ...], problems: list[str], where: str) -> Entry | None:
    link = _link(item.get("link"), base, schemes, problems, where)
    content = "".join(c.get("value", "") for c in item.get("content", []) or [])
    summary = item.get("summary", "") or ""
    if max(len(content), len(summary)) > MAX_ENTRY_CHARS:
        problems.append(f"{where}: {max(len(content), len(summary))} characters, over the cap: dropped")
        return None
    text = html_to_text(content) if content.strip() else html_to_text(summary)
    if not link and not text:
        problems.append(f"{where}: neither link nor text: dropped")
        return None
    published = from_struct(dict.get(item, "published_parsed") or dict.get(item, "updated_parsed"))
    stated = dict.get(item, "published") or dict.get(item, "updated")
    if published is None and stated:
        problems.append(f"{where}: unreadable date {str(stated)[:40]!r}: ignored")
    if published is not None and (why := implausible(published, now)):
        problems.append(f"{where}: {why}: date ignored")
        published = None
    raw_title = item.get("title", "") or ""
    is_html = "html" in ((item.get("title_detail") or {}).get("type") or "")
    title = html_to_text(raw_title) if is_html else " ".join(raw_title.split())
    guid = item.get("id") or None
    if guid and has_control(guid):
        problems.append(f"{where}: guid with control characters ignored")
        guid = None
    return Entry(title=title, link=link, guid=guid, published=published, text=text,
                 summary_only=not content.strip())


def _link(raw: str | None, base: str, schemes: tuple[str, ...], problems: list[str], where: str) -> str | None:
    if not raw:
        return None
    if has_control(raw.strip()):
        problems.append(f"{where}: link with control characters refused: {raw.strip()[:80]!r}")
        return None
    link = urljoin(base, raw.strip())
    scheme = urlsplit(link).scheme.lower()
    if scheme not in schemes:
        problems.append(f"{where}: link scheme {scheme or 'none'!r} refused")
        return None
    return link
