"""Articles from disk: article files, feed files and folders of them, read like a live feed.

A plain-text article may open with `Title:`/`Published:`/`URL:`/`Outlet:` header lines and a
blank line; a folder may carry a manifest.json with the same per file. Without a header the
text is handed on byte for byte (decoded), so the extractor's spans index the file itself.
Per-file failures become problems of the SourceResult; nothing raises out of read_path_source.
A folder is read as found, so only regular files are read (a FIFO would block the run, a device
never end), no link may lead out of the folder, and every read is capped by the bytes actually
read, whatever the file's size claims to be.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from figwatch.errors import SourceError
from figwatch.models import Article, Source, SourceResult
from figwatch.sources.canonical import has_control
from figwatch.sources.dateline import stated_date
from figwatch.sources.feeds import Entry, capped, parse_feed
from figwatch.sources.fingerprint import with_fingerprints
from figwatch.sources.pages import extract_page
from figwatch.sources.published import implausible, parse_date

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
_FEED_TYPES = {".atom": "application/atom+xml", ".rss": "application/rss+xml"}
MANIFEST = "manifest.json"
MAX_FILE_BYTES = 10_000_000
TITLE_CHARS = 120
_HEADER = re.compile(r"^(title|published|url|outlet):[ \t]*(.*?)[ \t]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a header, manifest or feed entry says about an article file; None: not said."""

    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    outlet: str | None = None
    guid: str | None = None

    def over(self, base: "ArticleMeta | None") -> "ArticleMeta":
        """These values where given, `base`'s elsewhere."""
        if base is None:
            return self
        return ArticleMeta(**{f.name: getattr(self, f.name) if getattr(self, f.name) is not None
                              else getattr(base, f.name) for f in fields(self)})


def load_manifest(folder: Path) -> dict[str, ArticleMeta]:
    """A folder's manifest.json as file name -> meta; {} when there is none."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        raw = json.loads(read_capped(path, within=folder).decode("utf-8"))
        items = raw["articles"] if isinstance(raw, dict) else raw
        return {str(item["file"]): _manifest_meta(item) for item in items}
    except (ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"bad manifest: {exc}", url=path.as_uri()) from None


def _manifest_meta(item: dict) -> ArticleMeta:
    published = item.get("published")
    return ArticleMeta(title=item.get("title"), published=parse_date(published) if published else None,
                       url=item.get("url"), outlet=item.get("outlet"), guid=item.get("guid"))


def split_header(text: str) -> tuple[ArticleMeta | None, str]:
    """(header meta, body) when the text opens with header lines and a blank line, else (None, text)."""
    lines = text.split("\n")
    values: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if not values:
                return None, text
            body = "\n".join(lines[i + 1 :])
            return ArticleMeta(title=values.get("title") or None, published=parse_date(values.get("published")),
                               url=values.get("url") or None, outlet=values.get("outlet") or None), body
        match = _HEADER.match(line.rstrip("\r"))
        if not match:
            return None, text
        values[match.group(1).lower()] = match.group(2)
    return None, text


def read_article_file(path: Path, meta: ArticleMeta | None = None, *, source: str = "",
                      within: Path | None = None) -> Article:
    """One article file; `meta` (manifest or feed entry) wins over the file's own header.

    With no `meta`, the folder's manifest.json (if any, and readable) is consulted, so a
    single seed read alone gets the same title and date as in a folder walk.
    Raises SourceError when the file cannot be read, is not text, or is not a regular file
    inside `within` (the source's folder, when one is being walked).
    """
    if meta is None:
        meta = _manifest_entry(path)
    text = decode(read_capped(path, within=within))
    own: ArticleMeta | None  # a plain file may have no header
    if path.suffix.lower() in HTML_SUFFIXES:
        page = extract_page(text, (meta.url if meta else None))
        own = ArticleMeta(title=page.title, published=page.published, outlet=page.outlet)
        body = page.text
    else:
        own, body = split_header(text)
    meta = (meta or ArticleMeta()).over(own)
    if meta.url and has_control(meta.url):
        raise SourceError(f"URL with control characters refused: {meta.url[:80]!r}", url=path.as_uri())
    published, inferred = meta.published, False
    if published is None:  # a date the article states itself (a dateline), else the file's time, marked
        written = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
        stated = stated_date(body, written)
        published, inferred = (stated, False) if stated else (written, True)
    article = Article(url=meta.url or path.resolve().as_uri(), title=meta.title or first_line(body),
                      text=body, published=published, source=source, outlet=meta.outlet,
                      published_inferred=inferred, guid=meta.guid)
    return with_fingerprints(article)


def _manifest_entry(path: Path) -> ArticleMeta | None:
    try:
        return load_manifest(path.parent).get(path.name)
    except SourceError:
        return None  # a folder walk reports a bad manifest; one file read alone just goes without


def read_capped(path: Path, cap: int = MAX_FILE_BYTES, *, within: Path | None = None) -> bytes:
    """The bytes of a regular file; a file over the cap is refused (cap + 1 bytes read at most)."""
    with open_regular(path, within=within) as fh:
        if os.fstat(fh.fileno()).st_size > cap:  # refused early; a small size is never believed
            raise SourceError(f"over the {cap} byte cap", url=path.as_uri())
        try:
            data = fh.read(cap + 1)
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", url=path.as_uri()) from None
    if len(data) > cap:
        raise SourceError(f"over the {cap} byte cap", url=path.as_uri())
    return data


def open_regular(path: Path, *, within: Path | None = None) -> BinaryIO:
    """`path` opened for reading if it is a regular file (inside `within`, when given, links resolved).

    A FIFO, a socket or a device is refused without blocking (opened non-blocking, checked with
    fstat on the open file); a link leading outside `within` is refused before anything is opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK
    if within is not None:
        real = path.resolve()
        if not real.is_relative_to(within.resolve()):
            raise SourceError("a link leading outside the source folder: refused", url=path.as_uri())
        path, flags = real, flags | os.O_NOFOLLOW  # the resolved path is checked; a link swapped in now fails
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", url=path.as_uri()) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise SourceError(f"not a regular file ({_kind(mode)}): refused", url=path.as_uri())
    return os.fdopen(fd, "rb")


def _kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def decode(data: bytes) -> str:
    """UTF-8 (BOM dropped), else Windows-1252, else Latin-1; binary data is refused."""
    if b"\x00" in data[:8192]:
        raise SourceError("binary data, not text")
    for codec in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def first_line(text: str) -> str:
    """A title for an untitled text: its first non-empty line, cut at a word if long."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= TITLE_CHARS:
        return line
    return line[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


class _Reading:
    """The articles and problems of one path source, URLs kept unique; `within`: the folder walked."""

    def __init__(self, source: Source, now: datetime, within: Path | None = None) -> None:
        self.source, self.now, self.within = source, now, within
        self.articles: list[Article] = []
        self.problems: list[str] = []
        self.urls: set[str] = set()
        self.manifests: dict[Path, dict[str, ArticleMeta]] = {}

    def manifest_for(self, path: Path) -> ArticleMeta | None:
        folder = path.parent
        if folder not in self.manifests:
            try:
                self.manifests[folder] = load_manifest(folder)
            except SourceError as exc:
                self.problems.append(str(exc))
                self.manifests[folder] = {}
        return self.manifests[folder].get(path.name)

    def add(self, article: Article, where: str) -> None:
        if article.url in self.urls:
            return
        if not article.published_inferred and (why := implausible(article.published, self.now)):
            self.problems.append(f"{where}: {why}: file time used")
            article = replace(article, published=self.now, published_inferred=True)
        elif article.published_inferred:
            self.problems.append(f"{where}: no publication date: time inferred")
        self.urls.add(article.url)
        self.articles.append(article)

    def article_file(self, path: Path, meta: ArticleMeta | None = None) -> None:
        try:
            own = self.manifest_for(path) or ArticleMeta()
            article = read_article_file(path, meta.over(own) if meta else own, source=self.source.name,
                                        within=self.within)
            self.add(article, path.name)
        except SourceError as exc:
            self.problems.append(f"{path.name}: {exc}")

    def feed_file(self, path: Path) -> None:
        try:
            data = read_capped(path, within=self.within)
        except SourceError as exc:
            self.problems.append(f"{path.name}: {exc}")
            return
        kind = _FEED_TYPES.get(path.suffix.lower(), "application/xml")
        parsed = parse_feed(data, path.resolve().as_uri(), now=self.now, content_type=kind,
                            schemes=("http", "https", "file"))
        self.problems.extend(f"{path.name}: {p}" for p in parsed.problems)
        if parsed.error:
            self.problems.append(f"{path.name}: {parsed.error}")
            return
        for entry in parsed.entries:
            self.feed_entry(path, entry)

    def feed_entry(self, feed: Path, entry: Entry) -> None:
        meta = ArticleMeta(title=entry.title or None, published=entry.published, guid=entry.guid)
        if entry.link and entry.link.startswith("file:"):
            local = Path(unquote(urlsplit(entry.link).path))
            if not local.resolve().is_relative_to(feed.resolve().parent):
                self.problems.append(f"{feed.name}: {entry.link}: outside the feed's folder: refused")
            elif local.suffix.lower() not in ARTICLE_SUFFIXES:
                self.problems.append(f"{feed.name}: {entry.link}: not an article file: skipped")
            else:
                self.article_file(local, meta)
            return
        if not entry.text:
            self.problems.append(f"{feed.name}: {entry.link}: entry has no text")
            return
        url = entry.link or f"urn:figwatch:{self.source.name}:{entry.guid}"
        published = entry.published or stated_date(entry.text, self.now)
        article = Article(url=url, title=entry.title or first_line(entry.text), text=entry.text,
                          published=published or self.now, source=self.source.name,
                          published_inferred=published is None, guid=entry.guid)
        self.add(with_fingerprints(article), f"{feed.name}: {url}")


def read_path_source(source: Source, *, now: datetime) -> SourceResult:
    """All articles under a path source: a feed file, an article file or a folder (walked in order)."""
    if not source.path:
        return SourceResult(source=source.name, error="source has no path")
    root = Path(source.path)
    reading = _Reading(source, now, within=root if root.is_dir() else None)
    if root.is_dir():
        files = walk(root)
        for path in (p for p in files if p.suffix.lower() in FEED_SUFFIXES):
            reading.feed_file(path)
        for path in (p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES):
            reading.article_file(path)
    elif root.is_file():
        if root.suffix.lower() in FEED_SUFFIXES:
            reading.feed_file(root)
        else:
            reading.article_file(root)
    else:
        return SourceResult(source=source.name, error=f"no such file or folder: {root}")
    if not reading.articles and reading.problems and not root.is_dir():
        return SourceResult(source=source.name, error=reading.problems[-1], problems=capped(reading.problems))
    return SourceResult(source=source.name, articles=tuple(reading.articles), problems=capped(reading.problems))


def iter_files(root: Path) -> Iterator[Path]:
    """Files under root as they are walked; hidden entries and symlinked folders skipped."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (Path(folder) / n for n in sorted(names) if not n.startswith(".") and n != MANIFEST)


def walk(root: Path) -> list[Path]:
    """Files under root in a stable order (by relative path)."""
    return sorted(iter_files(root), key=lambda p: p.relative_to(root).as_posix())
