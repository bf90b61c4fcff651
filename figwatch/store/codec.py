"""JSON codec for claims, events and digests: a stored digest is re-sent exactly as it was built.

Plain dicts of JSON types; datetimes as ISO 8601 with offset, dates as ISO dates. Decoding an
encoded value gives an equal model (`decode_digest(encode_digest(d)) == d`).
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from figwatch.errors import StoreError
from figwatch.models import Claim, Digest, Event, Notice

_DATETIME_FIELDS = {"published"}
_DATE_FIELDS = {"as_of"}
_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


def encode_claim(claim: Claim) -> dict[str, Any]:
    """A claim as a JSON object."""
    out: dict[str, Any] = {}
    for name in _CLAIM_FIELDS:
        value = getattr(claim, name)
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        out[name] = value
    return out


def decode_claim(data: dict[str, Any]) -> Claim:
    """The claim a JSON object stands for (unknown keys are an error: the payload is ours)."""
    values = dict(data)
    for name in _DATETIME_FIELDS:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    for name in _DATE_FIELDS:
        if values.get(name) is not None:
            values[name] = date.fromisoformat(values[name])
    try:
        return Claim(**values)
    except TypeError as exc:
        raise StoreError(f"decode claim: {exc}") from exc


def encode_detail(event: Event) -> dict[str, Any] | None:
    """An event's estimates, series and reason as JSON; None when it has none."""
    if not (event.estimates or event.series or event.reason):
        return None
    return {
        "estimates": [encode_claim(c) for c in event.estimates],
        "series": [encode_claim(c) for c in event.series],
        "reason": event.reason,
    }


def decode_detail(data: dict[str, Any] | None) -> dict[str, Any]:
    """Event keyword arguments from `encode_detail`'s JSON (nothing for None)."""
    if not data:
        return {}
    return {
        "estimates": tuple(decode_claim(c) for c in data.get("estimates") or ()),
        "series": tuple(decode_claim(c) for c in data.get("series") or ()),
        "reason": data.get("reason"),
    }


def encode_event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "metric": event.metric,
        "new": encode_claim(event.new),
        "old": None if event.old is None else encode_claim(event.old),
        "revision": event.revision,
        "detail": encode_detail(event),
    }


def decode_event(data: dict[str, Any]) -> Event:
    return Event(
        kind=data["kind"],
        metric=data["metric"],
        new=decode_claim(data["new"]),
        old=None if data.get("old") is None else decode_claim(data["old"]),
        revision=bool(data.get("revision", False)),
        id=data.get("id"),
        **decode_detail(data.get("detail")),
    )


def encode_digest(digest: Digest) -> dict[str, Any]:
    """A digest as JSON; its id is the row's, so it is not part of the payload."""
    return {
        "version": 1,
        "subject": digest.subject,
        "created": digest.created.isoformat(),
        "events": [encode_event(e) for e in digest.events],
        "notices": [{"kind": n.kind, "subject": n.subject, "message": n.message} for n in digest.notices],
    }


def decode_digest(data: dict[str, Any], digest_id: int | None = None) -> Digest:
    if data.get("version") != 1:
        raise StoreError(f"decode digest {digest_id}: unknown payload version {data.get('version')!r}")
    return Digest(
        subject=data["subject"],
        created=datetime.fromisoformat(data["created"]),
        events=tuple(decode_event(e) for e in data["events"]),
        notices=tuple(Notice(kind=n["kind"], subject=n["subject"], message=n["message"]) for n in data["notices"]),
        id=digest_id,
    )
