"""A digest rendered once for every channel: subject, text, HTML, Slack messages and JSON.

HTML goes through Jinja2 with autoescape, so an article's sentence containing `<script>`
reaches a reader as text. The subject is one header-safe line (no CR or LF).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping, Sequence

import jinja2

from alerts.digest_view import DigestView, digest_view
from alerts.slack_blocks import slack_messages
from figwatch.models import Claim, Digest, Event, Metric
from figwatch.wording import fmt_delta, header_safe, label_of, terminal_safe, unit_of

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    slack_messages: tuple[dict, ...]
    json: str


def _env(autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


_TEXT_ENV = _env(False)
_HTML_ENV = _env(True)


def render_digest(
    digest: Digest,
    metrics: Mapping[str, Metric],
    *,
    base_url: str | None = None,
    history: Mapping[str, Sequence[Claim]] | None = None,
) -> Rendered:
    """Everything a channel needs, from one view of the digest so the channels agree."""
    view = digest_view(digest, metrics, base_url=base_url, history=history)
    return Rendered(
        subject=header_safe(digest.subject),
        text=terminal_safe(_TEXT_ENV.get_template("digest.txt.j2").render(v=view)),  # read on terminals
        html=_HTML_ENV.get_template("digest.html.j2").render(v=view),
        slack_messages=slack_messages(view),
        json=digest_json(digest, metrics, view),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _claim_dict(claim: Claim | None) -> dict | None:
    if claim is None:
        return None
    return {f.name: getattr(claim, f.name) for f in fields(claim)}


def _event_dict(event: Event, metrics: Mapping[str, Metric]) -> dict:
    return {
        "id": event.id,
        "kind": event.kind,
        "metric": event.metric,
        "label": label_of(event.metric, metrics),
        "unit": unit_of(event.metric, metrics),
        "revision": event.revision,
        "downward": event.downward,
        "delta": event.delta,
        "percent": event.percent,
        "change": fmt_delta(event),
        "reason": event.reason,
        "old": _claim_dict(event.old),
        "new": _claim_dict(event.new),
        "series": [_claim_dict(c) for c in event.series],
        "estimates": [_claim_dict(c) for c in event.estimates],
    }


def _view_dict(view: DigestView) -> dict:
    """What the text and HTML say, as the same strings: one entry per metric."""
    items = []
    for item in view.items:
        d = asdict(item)
        if item.cite is not None:
            d["cite"]["provenance"] = item.cite.provenance
        d["estimates"] = [e.text for e in item.estimates]
        d["held"] = [h.in_item for h in item.held]
        items.append(d)
    unconfirmed = [{"metric": g.metric, "label": g.label, "held": [h.text for h in g.held], "held_more": g.held_more}
                   for g in view.unconfirmed]
    return {"items": items, "unconfirmed": unconfirmed}


def digest_json(digest: Digest, metrics: Mapping[str, Metric], view: DigestView | None = None) -> str:
    """The machine-readable digest: the view's items (the words every channel shows) and the
    full events (claims, not rounded text) for scripts and archives."""
    view = view or digest_view(digest, metrics)
    doc = {
        "id": digest.id,
        "subject": digest.subject,
        "created": digest.created,
        **_view_dict(view),
        "events": [_event_dict(e, metrics) for e in digest.events],
        "notices": [{"kind": n.kind, "subject": n.subject, "message": n.message} for n in digest.notices],
    }
    return json.dumps(doc, default=_plain, ensure_ascii=False, indent=2)
