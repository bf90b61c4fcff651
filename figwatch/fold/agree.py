"""How two statements of one metric relate: the same figure, compatible, more precise, plausible.

Three relations, from strict to loose:

* `same_figure`: `b` says `a`'s figure in other words (within the metric's threshold, or either
  value inside the other's stated range; a missing bound is the value itself, so "over 3,000"
  does not swallow "about 4,000"). Each figure is news once: a restatement is history.
* `compatible`: both can be true at once: "over 3,000" (open upwards) and "about 4,000" agree,
  "about 11,000" and "11,000 to 12,000" agree. Compatible statements never disagree.
* `narrower`: a compatible statement that is more precise may still be news ("over 3,000" in
  January, "about 4,000" in March); a vaguer one never is.
"""
from __future__ import annotations

import math

from figwatch.models import Claim

_OPEN_UP = frozenset({"more_than", "at_least"})
_OPEN_DOWN = frozenset({"less_than", "at_most"})


def bounds(claim: Claim) -> tuple[float, float]:
    """The stated range: `low`..`high`, a missing bound being the value itself."""
    low = claim.low if claim.low is not None else claim.value
    high = claim.high if claim.high is not None else claim.value
    return (min(low, high, claim.value), max(low, high, claim.value))


def same_figure(a: Claim, b: Claim, threshold: float) -> bool:
    """True when `b` says `a`'s figure in other words: within the threshold or the stated range."""
    if abs(b.value - a.value) <= threshold * abs(a.value):
        return True
    a_low, a_high = bounds(a)
    b_low, b_high = bounds(b)
    return a_low <= b.value <= a_high or b_low <= a.value <= b_high


def span(claim: Claim) -> tuple[float, float]:
    """Every value the statement allows: "over 3,000" is [3,000, inf), "up to 3,000" (-inf, 3,000]."""
    low, high = bounds(claim)
    if claim.qualifier in _OPEN_UP:
        high = math.inf
    if claim.qualifier in _OPEN_DOWN:
        low = -math.inf
    return low, high


def compatible(a: Claim, b: Claim, threshold: float) -> bool:
    """True when both statements can hold at once (their spans, widened by the threshold, meet)."""
    a_low, a_high = span(a)
    b_low, b_high = span(b)
    slack = threshold * max(abs(a.value), abs(b.value))
    return a_low - slack <= b_high and b_low - slack <= a_high


def width(claim: Claim) -> float:
    """How much the statement leaves open, relative to its value (inf for "over 3,000")."""
    low, high = span(claim)
    return (high - low) / max(abs(claim.value), 1.0)


def narrower(a: Claim, b: Claim) -> bool:
    """True when `a` says more precisely than `b` what the figure is."""
    return width(a) < width(b)


def corroborates(a: Claim, b: Claim, threshold: float) -> bool:
    """True when `a` states `b`'s figure as another source would confirm it: compatible, and
    no vaguer ("more than 10,000" does not confirm "about 20,000"; "about 16,500" confirms 16,000)."""
    return same_figure(b, a, threshold) or (compatible(a, b, threshold) and not narrower(b, a))


def implausible(claim: Claim, current: Claim, ratio: float) -> str | None:
    """Why `claim` is too far from the current figure to believe on one report, or None.

    Far is above `ratio` times the current figure or below 1/`ratio` of it."""
    if claim.value <= 0 or current.value <= 0 or ratio <= 1:
        return None
    times = claim.value / current.value
    if times > ratio:
        return f"{times:.1f}x the current figure"
    if times < 1 / ratio:
        return f"1/{1 / times:.0f} of the current figure"
    return None
