"""How sure a figure is: each named rule caps the confidence, with its reason; the lowest cap holds.

A figure starts at the topic's `base` (`teaser` under a heading). CONFIDENCE_RULES cap it for what
its clause says (a projection, a denial, a guess), for a vague amount and for a share; SENTENCE_RULES
cap every figure of a sentence that doubts itself ("a figure that could not be verified", a
question). A cap whose modality class has a stance (a projection: planned; a denial: denied) sets
the figure's stance.
"""
from __future__ import annotations

from typing import NamedTuple

from extractors.reading import Fig, Rule, Span, past_openers, rule, window
from extractors.topic import MetricSpec, Topic
from figwatch.models import Stance


class Cap(NamedTuple):  # a tuple: made once per figure, cheaply
    """A cap on a figure's confidence: its value, why, and the stance it gives (None: none)."""

    value: float
    reason: str
    stance: Stance | None = None


def _cue(topic: Topic, label: str, cue: str, where: str = "") -> Cap:
    return Cap(topic.confidence.get(label, 0.3), f"{label}{where} {cue!r}", topic.grammar.stance.get(label))


CAUSE_REACH = 60  # characters before a projection's cue read for a past cause ("prompted Moscow to deploy")
ASIDE_REACH = 50  # characters before a figure read for the opener of an aside (", numbering some 2,600")


@rule
def modality_in_clause(f: Fig, spec: MetricSpec) -> list[Cap] | None:
    """"could send 5,000", "denied that 10,000 were sent", "perhaps 2,000": a cue in the figure's clause (a
    projection is cancelled by "already" after the figure, a definite group: "the two prisoners", or a fact the
    cue itself opens: "could hold 3 million shells")."""
    t, m, gr, topic = f.text, f.m, f.gr, f.topic
    stop = gr.modality_cut.search(t, m.after_end, f.hi)
    if stop and gr.naming_aside.search(t, max(f.sp.start, m.start - ASIDE_REACH), m.start):
        stop = gr.modality_cut.search(t, stop.end(), f.hi)  # past the aside, up to the main verb's clause end
    mod_hi = stop.start() if stop else f.hi
    clause_lo = window(f.sp, m, None, None, gr)[0]  # "will send 1,000 ... and 5,000": the clause, past other figures
    lo = past_openers(gr, t, min(f.lo, clause_lo), m.start)  # the last "after": cues before it are another's
    caps, known = [], None
    for s, e, label in f.sp.cues.within(topic.modality, lo, mod_hi):
        if label in gr.cancelled_by_realis:
            if gr.realis.match(t, s) or gr.caused.search(t, max(0, s - CAUSE_REACH), s):
                continue  # the cue opens a stated fact itself: "containers that could hold 3 million shells"
            if known is None:  # "already"; "the two prisoners"
                known = bool(gr.realis.search(t, m.after_end, mod_hi) or gr.definite.search(t, max(0, m.start - 30),
                                                                                            m.start))
            # "the dispatch of those 6,000 personnel will likely come": a modal right after the noun phrase is its
            # verb, a plan a definite group does not cancel ("the two prisoners it would bring home" has a subject)
            if known and not (s >= f.ph.end and gr.adverbs_only.fullmatch(t, f.ph.end, s)):
                continue
        caps.append(_cue(topic, label, t[s:e]))
    return caps or None


@rule
def vague_amount(f: Fig, spec: MetricSpec) -> list[Cap] | None:
    """"thousands of troops": a vague amount, unless the metric counts in such amounts ("millions of shells")."""
    return [Cap(f.topic.confidence.get("vague", 0.4),
                "vague amount")] if f.m.kind == "vague" and not spec.vague else None


@rule
def derived_share(f: Fig, spec: MetricSpec) -> list[Cap] | None:
    """"a third of the 12,000": computed from a share, weaker than a stated figure."""
    return [Cap(f.topic.confidence.get("derived", 0.75), "derived from a share")] if f.m.kind == "fraction" else None


@rule
def too_few(f: Fig, spec: MetricSpec) -> list[Cap] | None:
    """"two soldiers" shown in a video: fewer than the metric's `fewest` counts none of it (held for review)."""
    if not 0 < f.m.value < spec.fewest:
        return None
    return [Cap(f.topic.confidence.get("too_few", 0.3), f"fewer than {spec.fewest:g}: no count of this metric")]


CONFIDENCE_RULES = (modality_in_clause, vague_amount, derived_share, too_few)


@rule
def doubting_sentence(topic: Topic, sp: Span) -> list[Cap] | None:
    """"..., a figure that could not be verified": a cue that doubts the whole sentence caps each figure."""
    classes = topic.grammar.sentence_modality
    if not classes:
        return None
    caps = [_cue(topic, label, sp.text[s:e], " in sentence") for s, e,
            label in sp.cues.all(topic.modality) if label in classes]
    return caps or None


@rule
def question(topic: Topic, sp: Span) -> list[Cap] | None:
    """"N. Korea sent 10,000 more troops?": a sentence that asks."""
    if not sp.text[sp.start:sp.end].rstrip().endswith(topic.grammar.question_mark):
        return None
    return [Cap(topic.confidence.get("question", 1.0), "question")]


SENTENCE_RULES = (question, doubting_sentence)


def caps_of(rules: tuple[Rule[list[Cap]], ...], *args: object) -> list[Cap]:
    """Every cap the rules set, each reason named by its rule."""
    out: list[Cap] = []
    for r in rules:
        caps = r.apply(*args)
        if caps:
            out.extend(Cap(cap.value, f"{r.name}: {cap.reason}", cap.stance) for cap in caps)
    return out


def settle(start: float, start_reason: str, caps: list[Cap]) -> tuple[float, tuple[str, ...], Stance]:
    """The confidence (the lowest cap), every reason, and the stance of the lowest cap that has one."""
    if not caps:  # most figures: nothing doubts them
        return start, (start_reason,), "current"
    value = min([start, *(c.value for c in caps)])
    stanced = [c for c in caps if c.stance]
    binding = min(stanced, key=lambda c: c.value) if stanced else None  # the lowest; the first of equals
    reasons = (start_reason, *(f"{c.reason} {c.value:g}" for c in caps))
    return value, reasons, binding.stance if binding and binding.stance else "current"
