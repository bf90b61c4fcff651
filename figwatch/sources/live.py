"""One live feed into articles: fetch (conditionally), parse, fill summary-only entries from their pages.

Whatever goes wrong comes back in the SourceResult: `error` when the feed itself failed,
`problems` for what was cleaned, dropped or guessed on the way.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Sequence

import httpx

from figwatch.config import FetchSettings
from figwatch.models import Article, HttpState, Source, SourceResult
from figwatch.sources.addresses import LinkPolicy
from figwatch.sources.canonical import canonical_url
from figwatch.sources.dateline import stated_date
from figwatch.sources.feeds import Entry, capped, parse_feed
from figwatch.sources.fetch import ACCEPT_PAGE, Fetched, HostGate, Sleep, fetch_url
from figwatch.sources.fingerprint import with_fingerprints
from figwatch.sources.pages import PageContent, extract_page, feed_link
from figwatch.sources.published import implausible

StateLookup = Callable[[str], "HttpState | None"]


@dataclass
class _Run:
    """What one source's fetch needs and gathers."""

    source: Source
    client: httpx.Client
    settings: FetchSettings
    state: StateLookup
    now: datetime
    deadline: float
    gate: HostGate
    sleep: Sleep
    seen: Callable[[str], bool] | None
    policy: LinkPolicy
    problems: list[str] = field(default_factory=list)
    states: list[HttpState] = field(default_factory=list)
    page_articles: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    not_modified: int = 0

    def get(self, url: str, accept: str | None = None) -> Fetched:
        kwargs = {"accept": accept} if accept else {}
        fetched = fetch_url(self.client, url, self.settings, deadline=self.deadline, state=self.state(url),
                            gate=self.gate, sleep=self.sleep, policy=self.policy, **kwargs)
        self.requests += fetched.requests
        self.not_modified += fetched.not_modified
        if (http_state := fetched.http_state()) is not None:
            self.states.append(http_state)
        return fetched

    def result(self, articles: Sequence[Article] = (), error: str | None = None) -> SourceResult:
        return SourceResult(source=self.source.name, articles=tuple(articles), http_states=tuple(self.states),
                            error=error, problems=capped(self.problems), requests=self.requests,
                            not_modified=self.not_modified, page_articles=tuple(self.page_articles))


def fetch_source(
    source: Source, client: httpx.Client, settings: FetchSettings, *, state: StateLookup, now: datetime,
    deadline: float, sleep: Sleep = time.sleep, gate: HostGate | None = None,
    seen: Callable[[str], bool] | None = None,
) -> SourceResult:
    """A feed's new articles; `seen(canonical_url)` True skips an entry (already stored) before its page is fetched.

    `deadline` is on the time.monotonic() clock. A 304 is a success with no articles.
    """
    gate = gate or HostGate(settings.per_host_concurrency, settings.polite_delay, sleep)
    if not source.url or not source.url.lower().startswith(("http://", "https://")):
        return SourceResult(source=source.name, error=f"only http and https sources are fetched, got {source.url!r}")
    policy = LinkPolicy.for_feed(source.url, settings.allow_hosts)
    run = _Run(source, client, settings, state, now, deadline, gate, sleep, seen, policy)
    fetched = run.get(source.url)
    if fetched.error:
        return run.result(error=fetched.error)
    if fetched.not_modified:
        return run.result()
    parsed = parse_feed(fetched.body, fetched.final_url, now=now, content_type=fetched.content_type)
    run.problems.extend(parsed.problems)
    if parsed.error:
        hint = feed_link(fetched.body, fetched.final_url) if "HTML" in parsed.error else None
        named = f"; the page names a feed at {hint}" if hint else ""
        return run.result(error=f"{parsed.error} ({fetched.content_type or 'no content type'}){named}")
    articles: dict[str, Article] = {}
    for entry in parsed.entries:
        article = _entry_article(run, entry, parsed.title)
        if article is not None and article.url not in articles:
            articles[article.url] = article
    return run.result(list(articles.values()))


def _entry_article(run: _Run, entry: Entry, outlet: str | None) -> Article | None:
    """One entry as an Article; the page is fetched when the entry has only a summary or no date."""
    url = canonical_url(entry.link) if entry.link else None
    if url and run.seen and run.seen(url):
        return None
    page: PageContent | None = None
    if entry.link and run.settings.fetch_pages and (entry.summary_only or entry.published is None):
        page, url = _page(run, entry.link, url, "summary" if entry.summary_only else "entry text")
        if page is _UNCHANGED:
            return None
    text = page.text if page and page.text and entry.summary_only else entry.text
    if not text.strip():
        run.problems.append(f"{entry.link or entry.guid}: no text in entry or page: dropped")
        return None
    published = _published(run, entry, page, text)
    article = Article(
        url=url or f"urn:figwatch:{run.source.name}:{entry.guid}",
        title=entry.title or (page.title if page else None) or "",
        text=text, published=published or run.now, source=run.source.name,
        outlet=(page.outlet if page else None) or outlet, published_inferred=published is None, guid=entry.guid,
    )
    if page is not None and entry.link:
        run.page_articles.append((entry.link, article.url))  # the page's validator covers this article
    return with_fingerprints(article)


def _published(run: _Run, entry: Entry, page: PageContent | None, text: str) -> datetime | None:
    """The entry's date, else the page's (if plausible), else one its text states (a dateline),
    else None with the reason noted."""
    published = entry.published
    if published is None and page is not None and page.published is not None:
        why = implausible(page.published, run.now)
        published = None if why else page.published
        if why:
            run.problems.append(f"{entry.link}: page {why}: ignored")
    if published is None:
        published = stated_date(text, run.now)
    if published is None:
        run.problems.append(f"{entry.link or entry.guid}: no publication date: fetch time used")
    return published


_UNCHANGED = PageContent(text="")


def _page(run: _Run, link: str, url: str | None, fallback: str) -> tuple[PageContent | None, str | None]:
    """The article page's content and canonical URL; (None, url) when it cannot be had.

    A 304 on a page we fetched before means the entry was ingested then: _UNCHANGED.
    """
    fetched = run.get(link, ACCEPT_PAGE)
    if fetched.error:
        run.problems.append(f"{link}: page not fetched ({fetched.error}): {fallback} used")
        return None, url
    if fetched.not_modified:
        return _UNCHANGED, url
    kind = (fetched.content_type or "").lower()
    if kind and "html" not in kind:
        run.problems.append(f"{link}: page is {kind.split(';')[0]}, not HTML: {fallback} used")
        return None, url
    html = _decode_html(fetched.body, kind)
    page = extract_page(html, fetched.final_url)
    return page, canonical_url(fetched.final_url, html)


def _decode_html(body: bytes, content_type: str) -> str:
    """Page bytes as text: the declared charset, else UTF-8, else Windows-1252."""
    charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") if "charset=" in content_type else ""
    for codec in (charset, "utf-8", "cp1252"):
        if not codec:
            continue
        try:
            return body.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("latin-1")


