"""A figure, a date and a change in the digest's words (phrases in templates/phrases.toml).

Built on figwatch.wording's numbers ("about 4,000") with what a digest adds: the article's own
word where the model has none ("nearly 4,000"), a derived figure marked as derived ("about
4,000 (derived: one-third of about 12,000)"), months for a reader ("April", "late February"),
and the one sentence that says what changed ("NIS now says about 2,000, up from 600 in April").
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from alerts.phrases import phrases
from alerts.quotes import find_number, find_phrase, find_value, squeeze
from figwatch.models import Claim, Event
from figwatch.wording import QUALIFIER_WORDS, fmt_number, outlet_of


def figure_span(claim: Claim) -> tuple[int, int] | None:
    """Where the claim's figure is written in its squeezed evidence: the number, else the share
    or vague phrase it was read from ("one-third of", "millions of")."""
    text = squeeze(claim.evidence)
    if claim.qualifier == "range" and claim.low is not None and claim.high is not None:
        low, high = find_value(text, claim.low), find_value(text, claim.high)
        if low and high and low[0] < high[1]:
            return low[0], high[1]
    found = find_value(text, claim.value)
    if found:
        return found
    p = phrases()
    for phrase in _vague_for(claim):
        found = find_phrase(text, phrase)
        if found:
            return found
    for share in sorted(p.shares, key=len, reverse=True) if claim.derived else ():
        found = find_phrase(text, share)
        if found:
            return found
    return None


def _vague_for(claim: Claim) -> list[str]:
    """The vague magnitudes ("millions of") that read as this claim's figure."""
    return [phrase for phrase, value in phrases().vague.items() if abs(value - claim.value) < 1e-9]


def qualifier_word(claim: Claim) -> str:
    """The word before the figure: the article's own ("nearly") when the model lacks it."""
    span = figure_span(claim)
    if span is not None:
        before = squeeze(claim.evidence)[: span[0]].rstrip().lower()
        for word, qualifiers in phrases().kept_qualifiers.items():
            if claim.qualifier in qualifiers and (before == word or before.endswith(" " + word)):
                return word
    return QUALIFIER_WORDS.get(claim.qualifier, "")


def derived_note(claim: Claim) -> str:
    """"derived: one-third of about 12,000", "derived from “millions of”", "derived", or ""."""
    if not claim.derived:
        return ""
    p = phrases()
    text = squeeze(claim.evidence)
    unknown = None  # a share whose total the sentence does not state: said only when nothing better is found
    for share in sorted(p.shares, key=len, reverse=True):
        at = find_phrase(text, share)
        if at is None:
            continue
        total = find_number(text, claim.value / p.shares[share], tolerance=0.02, after=at[1])
        if total is None:
            unknown = unknown or share
            continue
        stated = replace(claim, value=total[2], derived=False)
        return p.derived["share"].format(share=share, total=figure(stated))
    for phrase in _vague_for(claim):  # "millions of" read as at least 1 million ("half of" elsewhere is another's)
        if find_phrase(text, phrase):
            return p.derived["from_vague"].format(phrase=phrase)
    return p.derived["share_of_unknown"].format(share=unknown) if unknown else p.derived["mark"]


def number(x: float) -> str:
    """"12 million", "1.2 million" for round millions (as an editor writes them), else "11,000"."""
    if abs(x) >= 1_000_000 and abs(x) % 100_000 < 1e-6:
        return f"{fmt_number(x / 1_000_000)} {phrases().lines['million']}"
    return fmt_number(x)


def figure(claim: Claim) -> str:
    """The figure in words: "nearly 3,600", "10,000–12,000", "about 4,000 (derived: ...)"."""
    if claim.qualifier == "range":
        low = claim.low if claim.low is not None else claim.value
        high = claim.high if claim.high is not None else claim.value
        text = f"{number(low)}–{number(high)}"
    else:
        word = qualifier_word(claim)
        text = f"{word} {number(claim.value)}" if word else number(claim.value)
    note = derived_note(claim)
    return f"{text} ({note})" if note else text


def speaker(claim: Claim) -> str:
    """Who says so, as the subject of a sentence: "NIS", "an unattributed report"."""
    return claim.source_key or claim.source or phrases().lines["unattributed_speaker"]


def source_name(claim: Claim) -> str:
    """Who says so, in a list: "NIS", "unattributed"."""
    return claim.source_key or claim.source or phrases().lines["unattributed"]


def known_outlet(claim: Claim) -> str:
    """The outlet or web host, or "" when the article came with neither."""
    outlet = outlet_of(claim)
    return "" if outlet == "article" and not claim.outlet else outlet


def claim_day(claim: Claim) -> date | None:
    if claim.published is not None:
        return claim.published.date()
    return claim.as_of


def fmt_day(when: date | datetime | None) -> str:
    """"27 Mar 2025": unambiguous in every reader's locale."""
    if when is None:
        return phrases().dates["undated"]
    return f"{when.day} {phrases().months[when.month - 1][:3]} {when.year}"


def fmt_month(when: date | None, *, year_of: date | None = None, short: bool = False) -> str:
    """"April" (the year left out when it is `year_of`'s), "December 2024"; "Apr" when short."""
    if when is None:
        return phrases().dates["undated"]
    month = phrases().months[when.month - 1]
    month = month[:3] if short else month
    return month if year_of is not None and year_of.year == when.year else f"{month} {when.year}"


def fmt_as_of(claim: Claim) -> str:
    """"as of late February": the part of the month, never more precise than the article."""
    if claim.as_of is None:
        return ""
    p = phrases()
    when = claim.as_of
    part = next(text for last, text in p.month_parts if when.day <= last)
    month = fmt_month(when, year_of=claim_day(claim) if claim.published else None)
    return p.dates["as_of"].format(when=part.format(month=month))


def _within(new: Claim, old: Claim) -> bool:
    """Is the new figure inside the bounds the old one gave ("about 11,000" after "up to 15,000", "12,000" after
    "10,000 to 13,000")? Then it narrows the old figure rather than revising it."""
    if old.qualifier in ("at_most", "less_than"):
        return new.value < old.value
    if old.qualifier == "range" and old.low is not None and old.high is not None:
        return old.low <= new.value <= old.high and new.qualifier != "range"
    return False


def change_line(event: Event, *, in_item: bool = False) -> str:
    """One sentence for what the event says: who, the figure now, against what before.

    In an item a first figure is the figure alone: its citation names the source."""
    lines = phrases().lines
    new = event.new
    old = event.old
    if event.kind not in ("changed", "disagreement") or old is None:
        return lines["first_in_item" if in_item else "first"].format(who=speaker(new), new=figure(new))
    if _within(new, old):
        key = "revision_within" if event.revision else "within"
    elif event.revision:
        key = "revision_up" if new.value > old.value else "revision_down" if new.value < old.value else "revision_same"
    else:
        key = "higher" if new.value > old.value else "lower" if new.value < old.value else "same"
    then, now = claim_day(old), claim_day(new)
    if then is not None and now is not None and (then.year, then.month) == (now.year, now.month):
        when, in_when = f"{then.day} {fmt_month(then, year_of=now)}", phrases().dates["on_day"]
    else:
        when, in_when = fmt_month(then, year_of=now), phrases().dates["in_month"]
    return lines[key].format(who=speaker(new), new=figure(new), old=figure(old), old_who=source_name(old),
                             when=when, in_when=in_when.format(when=when))


def series_line(points: list[Claim]) -> str:
    """"NIS: 300 (Jan 2025) → 600 (Apr) → about 2,000 (Sep)": the year where it changes."""
    parts = []
    year = None
    for c in points:
        day = claim_day(c)
        same_year = day is not None and year is not None and day.year == year
        parts.append(f"{figure(c)} ({fmt_month(day, year_of=day if same_year else None, short=True)})")
        year = day.year if day is not None else year
    return f"{source_name(points[-1])}: " + " → ".join(parts)
