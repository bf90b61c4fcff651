"""Canonical URLs: one article, one address, however it was linked.

Tracking parameters, fragments, AMP and mobile variants point at the same article; a page's
own rel=canonical wins when it is a real article address (not the site's home page) on the
page's own site: a page cannot claim another outlet's article, or the real one would later be
skipped as already seen. An address with control characters is no address (`has_control`).
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from tld import get_fld

_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|"
    r"ref|ref_src|ref_url|cmpid|ocid|spm|smid|sr_share|icid|ito|taid|ncid|"
    r"outputtype|amp|__twitter_impression)$",
    re.IGNORECASE,
)
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.", re.IGNORECASE)
_AMP_PATH = re.compile(r"(/amp/?|\.amp)$|\.amp(?=\.html?$)", re.IGNORECASE)
_AMP_CACHE = re.compile(r"\.cdn\.ampproject\.org$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """True when text holds a control character (a newline, ESC, ...): no URL may carry one."""
    return _CONTROL.search(text) is not None


def site_of(url: str) -> str:
    """The registrable domain of the URL's host ("news.bbc.co.uk" -> "bbc.co.uk"); an IP or a bare name as is."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def canonical_url(url: str, html: str | None = None) -> str:
    """The article's one address: the page's rel=canonical if sound, else `url`, normalised."""
    if html:
        declared = declared_canonical(html, url)
        if declared:
            return normalise_url(declared)
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Lowercase scheme and host, no default port, fragment, tracking parameters, AMP or mobile variant."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return url.strip()
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if _AMP_CACHE.search(host):
        host, path = _from_amp_cache(path) or (host, path)
    host = _MOBILE_HOST.sub("", host) if host.count(".") >= 2 else host
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    path = _AMP_PATH.sub("", path) or "/"
    port = f":{parts.port}" if parts.port and parts.port != _DEFAULT_PORTS[scheme] else ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlunsplit((scheme, host + port, path, urlencode(sorted(query)), ""))


def _from_amp_cache(path: str) -> tuple[str, str] | None:
    """Google's AMP cache (/c/s/example.com/a) back to the publisher's host and path."""
    match = re.match(r"^/[cvi]/(?:s/)?([^/]+)(/.*)?$", path)
    return (match.group(1).lower(), match.group(2) or "/") if match else None


def declared_canonical(html: str, base: str) -> str | None:
    """The page's <link rel=canonical> (or og:url), absolute; None when absent, pointing at a home page
    or at another site than `base`'s."""
    try:
        root = lxml.html.fromstring(html[:500_000])
    except (lxml.etree.ParserError, ValueError):
        return None
    hrefs = [el.get("href") for el in root.iter("link") if "canonical" in (el.get("rel") or "").lower().split()]
    hrefs += [el.get("content") for el in root.iter("meta") if (el.get("property") or "").lower() == "og:url"]
    for href in hrefs:
        if not href or not href.strip() or has_control(href.strip()):
            continue
        absolute = urljoin(base, href.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
            continue
        if site_of(absolute) not in {site_of(base), site_of(normalise_url(base))}:  # the latter: AMP caches
            continue  # another site's address: a page cannot speak for another outlet's article
        if parts.path.strip("/") == "" and urlsplit(base).path.strip("/") != "":
            continue  # a canonical to the home page is a template bug, not this article
        return absolute
    return None
