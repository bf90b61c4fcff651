"""What may become a figure and what may lead a digest: the two questions the fold and the
digest ask of every claim and event.

* `eligible(claim)`: only a current, confident figure that no person rejected can become a
  baseline or an event. A superseded one ("had estimated 200", "up from 600"), a plan or
  projection and a denied one stay in the store as what was said, never as news; a reviewable
  one (confidence below 0.5) waits for `figwatch review`.
* `leads(event)`: whether the event may be a digest's lead (its subject line). An unconfirmed
  item never may, nor a figure derived from a share of a stated total ("a third of the 15,000"):
  the digest shows such an event, marked as derived, but a derived figure is never the only basis
  of its lead. The digest (alerts/) picks its lead among the events for which this is True.
"""
from __future__ import annotations

from figwatch.models import Claim, Event

LEAD_KINDS = frozenset({"new", "changed", "disagreement"})


def eligible(claim: Claim) -> bool:
    """True when the claim may become a baseline or news: current, confident, not rejected."""
    return claim.stance == "current" and not claim.reviewable and claim.review != "rejected"


def leads(event: Event) -> bool:
    """True when the event may lead a digest: a confirmed change of a stated (not derived) figure."""
    return event.kind in LEAD_KINDS and eligible(event.new) and not event.new.derived
