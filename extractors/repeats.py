"""One figure told several times in one article: which telling the reader gets.

Articles repeat their figures: in the headline and the body, plainly and qualified, with and without
the source, by a speaker's role and by name. `merge_repeats` keeps one claim per figure and source,
by these rules, in order:

1. headline-repeat: a headline's figure the body states too is the body's (its reading is fuller);
   a body figure naming no source takes the headline's ("Pentagon: about 10,000" above it);
2. unattributed-repeat: a repeat naming no source of a figure the article attributes is theirs;
3. role-of-the-named: "Ukraine's top commander" telling the figure "Commander-in-Chief Oleksandr
   Syrskyi" tells is Syrskyi (the role's head noun is in the named source's words); and a lawmaker
   telling the figure "National Intelligence Service, via" the lawmaker tells is that relay;
4. hedged: a figure one source tells plainly and qualified ("3,000", "approximately 3,000") is the
   qualified one;
5. exact repeats are one claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from extractors.attribution import VIA
from extractors.classify import Decision
from extractors.features import Features
from extractors.work import Work
from figwatch.models import Claim

HEADLINE_RULE = "headline-repeat"  # a body figure naming no source takes that of a headline repeating it
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")  # "Seong-kweun" is one word
_PART = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"(?<![\w’'])[A-Z][a-z]+(?:[-’'][A-Za-z]+)?(?![\w’'])")  # a capitalised word: "Syrskyi"
NAMED_WORDS = 2  # capitalised words a source holds beyond the role's to name a person ("Oleksandr Syrskyi")


class Found(NamedTuple):
    """One figure the cascade read, with what it knew of it."""

    claim: Claim
    heading: bool
    decision: Decision  # why it reads as it does (a Why, when one is asked for)
    source_rule: str
    title_cap: str = ""  # the title's cap on its confidence, for a figure only the title states
    feats: Features | None = None  # what the rules knew of it, for the learned layer (features.py)
    cascade: float | None = None  # the hand cascade's confidence, when the learned layer set the claim's


def same_figure(heading: Claim, body: Claim) -> bool:
    """A headline's figure that the body states too: the same value of the same kind of metric (a
    headline's "lost 2,000 soldiers" is the body's "2,000 ... killed"; the body's reading wins)."""
    same_kind = heading.metric.split(".")[0] == body.metric.split(".")[0]
    return same_kind and abs(heading.value - body.value) <= 0.02 * max(abs(heading.value), abs(body.value), 1.0)


def in_body(body: list[Claim]) -> Callable[[Claim], list[Claim]]:
    """The body's figures a headline's figure may be (same_figure), found by bisection: by kind of
    metric, sorted by value, only the nearest value on either side. same_figure's distance from the
    headline's value minus its tolerance grows with the distance, so if any body value is close
    enough, the nearest one on its side is."""
    by_kind: dict[str, list[Claim]] = {}
    for b in sorted(body, key=lambda b: b.value):
        by_kind.setdefault(b.metric.split(".")[0], []).append(b)
    values = {kind: [b.value for b in claims] for kind, claims in by_kind.items()}

    def near(heading: Claim) -> list[Claim]:
        kind = heading.metric.split(".")[0]
        at = bisect_left(values.get(kind, []), heading.value)
        return by_kind.get(kind, [])[max(0, at - 1):at + 1]

    return near


def figure_key(c: Claim) -> tuple:
    """One figure of an article, however often and by whatever words it is told."""
    return (c.metric, c.value, c.low, c.high, c.confidence >= 0.5, c.stance)


def hedge_key(c: Claim) -> tuple:
    """One figure of one source, whatever its qualifier says."""
    return (c.metric, c.value, c.confidence >= 0.5, c.stance, c.source_key)


def role_of(role: str, named: str) -> bool:
    """Is `role` a description of the person `named` names: its head noun among the named source's
    words, and the named source holding a name the role does not ("Ukraine's top commander" and
    "Commander-in-Chief Oleksandr Syrskyi"; not "Russia's military" and "Ukraine's military")?"""
    words = _WORD.findall(role)
    if not words or role == named or not words[-1].islower():
        return False  # a role ends in a common noun ("commander"); a name ("Lee Seong-kweun") is no role
    extra = set(_NAME.findall(named)) - set(_NAME.findall(role))
    parts = set(_PART.findall(named.lower()))  # "commander" in "Commander-in-Chief"
    return words[-1] in parts and len(extra) >= NAMED_WORDS


def relayer_of(teller: str, relayed: str) -> bool:
    """Is `teller` the one through whom `relayed` ("National Intelligence Service, via Lee Seong-kweun")
    tells the figure ("South Korean MP Lee Seong-kweun", or in short "Lee")? Then the two are one report,
    the relayed one."""
    _, via, relay = relayed.partition(VIA)
    names = set(_NAME.findall(relay)) | {w for w in _WORD.findall(relay) if "-" in w}
    own = set(_NAME.findall(teller)) | {w for w in _WORD.findall(teller) if "-" in w}
    if not via or VIA in teller or not names or not own:
        return False
    return names <= own | set(_WORD.findall(teller)) or own <= names  # the relayer named whole, or in short


def headline_repeats(found: list[Found], work: Work) -> dict[int, Claim]:
    """A headline's index -> the body figure it repeats."""
    near = in_body([f.claim for f in found if not f.heading and f.claim.confidence >= 0.5])
    repeats: dict[int, Claim] = {}
    for i, f in enumerate(found):
        if f.heading:
            candidates = near(f.claim)
            work.dedupe_steps += len(candidates)
            body = next((b for b in candidates if same_figure(f.claim, b)), None)
            if body is not None:
                repeats[i] = body
    return repeats


def merge_repeats(found: list[Found], work: Work | None = None) -> list[Found]:
    """One claim per figure and source, by the module's rules, in the article's order."""
    work = work if work is not None else Work()
    repeats = headline_repeats(found, work)
    kept = [f for i, f in enumerate(found) if i not in repeats]
    spoken = {figure_key(f.claim) for f in kept if f.claim.source_key is not None}
    headlined = {figure_key(body): found[i].claim for i, body in repeats.items() if found[i].claim.source_key}
    hedged = {hedge_key(f.claim) for f in kept if f.claim.qualifier != "exact"}
    sources: dict[tuple, set[str]] = {}  # a figure -> the sources that tell it
    for f in kept:
        if f.claim.source:
            sources.setdefault(figure_key(f.claim), set()).add(f.claim.source)
    out: list[Found] = []
    seen = set()
    for f in kept:
        c = f.claim
        if c.source_key is None and figure_key(c) in spoken:
            continue  # "1,100 casualties" told again where the article says whose it is: one figure, theirs
        if c.source_key is None and (head := headlined.get(figure_key(c))) is not None:
            c = replace(c, source=head.source, source_key=head.source_key)  # "Pentagon: about 10,000" above it
            f = f._replace(claim=c, source_rule=HEADLINE_RULE)
        if c.source and any(role_of(c.source, other) or relayer_of(c.source, other)
                            for other in sources.get(figure_key(c), ())):
            continue  # "Ukraine's top commander" where "Commander-in-Chief Oleksandr Syrskyi" tells it too; a lawmaker
            # where "National Intelligence Service, via" the lawmaker does
        if c.qualifier == "exact" and hedge_key(c) in hedged:
            continue  # "3,000" where the same source says "approximately 3,000": the figure is approximate
        key = (c.metric, c.value, c.low, c.high, c.qualifier, c.source_key, c.confidence >= 0.5,
               c.stance == "superseded")
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
