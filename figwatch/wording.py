"""Words and numbers for people: how a figure, a change and a source read in a digest.

Every channel formats through these helpers so that the subject line, the email, the files
and Slack say the same thing in the same words ("about 4,000", "+1,000 (+33.3%)").
"""
from __future__ import annotations

import re
from typing import Mapping
from urllib.parse import urlsplit

from figwatch.models import Claim, Event, Metric

QUALIFIER_WORDS: Mapping[str, str] = {
    "exact": "",
    "approx": "about",
    "more_than": "over",
    "at_least": "at least",
    "less_than": "under",
    "at_most": "up to",
}

DERIVED_MARK = "derived"

_SPACES = re.compile(r"\s+")
# C0 but tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates that reorder what is shown
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def fmt_number(x: float) -> str:
    """11000.0 -> "11,000"; 2.5 -> "2.5": readers never see a trailing ".0"."""
    if x != x:  # NaN never reaches a reader as "nan"
        return "?"
    if abs(x - round(x)) < 1e-9 or abs(x) >= 1000:
        return f"{round(x):,}"
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text


def fmt_value(claim: Claim) -> str:
    """A claim's figure as written by a careful editor: "about 4,000", "10,000–12,000"; a figure
    derived from a share of a total says so wherever it is shown: "about 4,000 (derived)"."""
    if claim.qualifier == "range":
        low = claim.low if claim.low is not None else claim.value
        high = claim.high if claim.high is not None else claim.value
        text = f"{fmt_number(low)}–{fmt_number(high)}"
    else:
        word = QUALIFIER_WORDS.get(claim.qualifier, "")
        number = fmt_number(claim.value)
        text = f"{word} {number}" if word else number
    return f"{text} ({DERIVED_MARK})" if claim.derived else text


def fmt_delta(event: Event) -> str:
    """"+1,000 (+33.3%)": the change against the old figure, signed, for changed events."""
    delta = event.delta
    if delta is None:
        return ""
    sign = "+" if delta >= 0 else "-"
    text = f"{sign}{fmt_number(abs(delta))}"
    pct = event.percent
    if pct is not None:
        text += f" ({fmt_percent(pct)})"
    return text


def fmt_percent(pct: float) -> str:
    """A signed percentage; one decimal for small changes, none once it passes 100%."""
    return f"{pct:+,.0f}%" if abs(pct) >= 100 else f"{pct:+.1f}%"


def who(claim: Claim) -> str:
    """Who says so, shortest trustworthy name first: canonical key, then as written.

    An unattributed figure says so: the outlet that printed it is shown beside it anyway.
    """
    return claim.source_key or claim.source or "unattributed"


def attribution(claim: Claim) -> str:
    """"per South Korea JCS", or "unattributed" when the article names nobody."""
    name = claim.source_key or claim.source
    return f"per {name}" if name else "unattributed"


def outlet_of(claim: Claim) -> str:
    """The outlet as known, else the article's web host, else a plain word."""
    if claim.outlet:
        return claim.outlet
    url = claim.article_url or ""
    if url.lower().startswith(("http://", "https://")):
        return url.split("/")[2]
    return "article"


def fmt_date(claim: Claim) -> str:
    """The report's date (ISO, unambiguous across readers' locales), or the as-of date."""
    if claim.published is not None:
        return claim.published.date().isoformat()
    if claim.as_of is not None:
        return claim.as_of.isoformat()
    return "undated"


def label_of(metric: str, metrics: Mapping[str, Metric]) -> str:
    """The topic file's label; the bare metric name when the topic does not know it."""
    m = metrics.get(metric)
    return m.label if m is not None and m.label else metric


def unit_of(metric: str, metrics: Mapping[str, Metric]) -> str:
    m = metrics.get(metric)
    return m.unit if m is not None else ""


def with_unit(value: str, unit: str) -> str:
    return f"{value} {unit}" if unit else value


def header_safe(text: str, limit: int = 250) -> str:
    """One line for a header: CR, LF and runs of whitespace become one space (no header injection)."""
    line = _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def terminal_safe(text: str, *, json: bool = False) -> str:
    """Text that cannot drive a terminal: ESC, BEL, CR and other C0/C1 controls shown escaped (\\x1b), and bidi
    overrides and isolates too (\\u202e), so no line shows text in an order other than its own.

    Newlines and tabs stay; CRLF becomes a newline. With `json`, for the output of json.dumps
    (which escapes C0 already), DEL and C1 become \\u escapes: the same JSON data, nothing raw.
    """
    if json:
        return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _CONTROLS.sub(_escaped, text.replace("\r\n", "\n"))


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def redact(text: str, secrets: "tuple[str, ...] | list[str]") -> str:
    """Replace every planted secret by "***" so error text can be stored and shown.

    A secret URL (a webhook) is a secret in its parts too: a server's reply may echo only its
    path ("/services/T0/B0/XYZ") or its last token, so the path and every token-like segment
    of it (6+ characters with a digit or a capital) are replaced as well.
    """
    for secret in sorted({part for s in secrets for part in _secret_parts(s)}, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _secret_parts(secret: str) -> list[str]:
    if not secret or len(secret) < 4:
        return []
    parts = [secret]
    if secret.lower().startswith(("http://", "https://")):
        path = urlsplit(secret).path
        if path.strip("/"):
            parts += [path, path.lstrip("/")]
            parts += [seg for seg in path.split("/") if len(seg) >= 6 and re.search(r"[0-9A-Z]", seg)]
    return parts


def metric_page_name(metric: str) -> str:
    """"casualties.total" -> "casualties-total.html": a file name safe on every file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", metric.lower()).strip("-") or "metric"
    return f"{slug}.html"


def metric_page_url(base_url: str, metric: str) -> str:
    """Where a digest links for a metric: the published site's base URL and the page's name."""
    return base_url.rstrip("/") + "/" + metric_page_name(metric)
