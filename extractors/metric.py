"""Which metric a figure reports: the predicate class that holds of it, then the metric that wants it.

METRIC_RULES are tried in order (a fate named before the figure, the predicate of its clause, the
metric the last sentence named). The predicate of a clause is found by PREDICATE_RULES (the first
that answers) and may be refined by REFINE_RULES (the first that applies: "2,000 of the soldiers
sent to Russia were killed" takes the killing, not the sending). The rule that decided is the
claim's `rule`.
"""
from __future__ import annotations

from typing import NamedTuple

from extractors.reading import WINDOW, Fig, first, nearest, past_openers, rule
from extractors.topic import MetricSpec

COORDINATED_VERB_REACH = 24  # characters after "and" where a verb of its own opens another clause
LOCAL_REACH = 32  # a local modifier's reach before the figure: "the first group of approximately 1,500"


class Chosen(NamedTuple):  # a tuple: made once per figure, cheaply
    """The metric a figure reports and the rule that chose it."""

    spec: MetricSpec
    rule: str


# -- the predicate of the figure's clause ----------------------------------------------------------
@rule
def noun_implies(f: Fig, wanted: set[str]) -> str | None:
    """"4,000 casualties", "1,000 dead": the noun carries its predicate."""
    return f.topic.noun_implies.get(f.noun or "")


@rule
def own_after_coordination(f: Fig, wanted: set[str]) -> str | None:
    """"at least 100 have died and 1,000 have been injured": a figure coordinated with the one before
    takes a predicate of its own after the "and"; the verb before the "and" is the first figure's."""
    if not wanted or f.carried is None:
        return None
    joins = list(f.gr.coordination.finditer(f.text, max(f.lo, f.m.start - WINDOW), f.m.start))
    if not joins:
        return None
    return nearest(f.topic.predicates, f.sp.cues, joins[-1].end(), f.m, f.hi, wanted, f.ph.head_start)


@rule
def nearest_predicate(f: Fig, wanted: set[str]) -> str | None:
    """"North Korea sent 11,000 troops": the predicate cue nearest the figure in its clause."""
    return nearest(f.topic.predicates, f.sp.cues, f.lo, f.m, f.hi, wanted, f.ph.head_start) if wanted else None


@rule
def weak_predicate(f: Fig, wanted: set[str]) -> str | None:
    """"3,000 troops in Russia": a place that implies a predicate when no predicate is in the clause."""
    return nearest(f.topic.weak_predicates, f.sp.cues, f.lo, f.m, f.hi, wanted, f.ph.head_start) if wanted else None


@rule
def coordinated_figure(f: Fig, wanted: set[str]) -> str | None:
    """"sent 11,000 troops in the autumn and 3,000 more in January": the verb of the figure before."""
    return f.carried if wanted and f.carried in wanted else None


@rule
def noun_modifier(f: Fig, wanted: set[str]) -> str | None:
    """"a video showing two captured soldiers": with no verb in its clause, the fate that modifies the noun
    (skipped by nearest_predicate, which lets a verb win: "Ukraine captured two wounded soldiers")."""
    if not wanted or f.ph.head_start <= f.m.after_end:
        return None
    return nearest(f.topic.predicates, f.sp.cues, f.m.after_end, f.m, f.ph.head_start, wanted)


PREDICATE_RULES = (noun_implies, own_after_coordination, nearest_predicate, weak_predicate, coordinated_figure,
                   noun_modifier)


# -- refinements: a part of a group takes the part's own predicate ---------------------------------
@rule
def breakdown_after_head(f: Fig, predicate: str | None, wanted: set[str]) -> str | None:
    """"lost 300 soldiers killed": a precise predicate right after the head refines "lost"."""
    if predicate in f.topic.umbrella_predicates and f.ph.head_end >= 0:
        return f.post_nominal(f.ph.head_end, wanted) or predicate
    return None


@rule
def part_of_those(f: Fig, predicate: str | None, wanted: set[str]) -> str | None:
    """"c. 1,000 of those had been killed": the part's predicate comes after "of those"."""
    if f.gr.partitive_back.match(f.text, f.m.after_end):
        return f.later(f.m.after_end, f.hi, wanted) or predicate
    return None


@rule
def part_of_group(f: Fig, predicate: str | None, wanted: set[str]) -> str | None:
    """"2,000 of the soldiers sent to Russia were killed": the sending is the group's, the killing the part's
    (not in "of the 12,000 soldiers sent, a third have been killed": that figure is the group)."""
    group, t, m = f.topic.group_predicates, f.text, f.m
    if predicate in group and f.ph.head_end >= 0 and (f.gr.partitive.match(t, m.after_end) or (
            not f.gr.group_before.search(t, max(f.sp.start, m.start - 30), m.start) and f.passive_after(f.ph.head_end,
                                                                                                        wanted))):
        return f.later(f.ph.head_end, f.hi, wanted - group) or predicate
    return None


@rule
def part_passive(f: Fig, predicate: str | None, wanted: set[str]) -> str | None:
    """"of the 15,000 soldiers dispatched, around 2,000 had been killed": the part's own passive verb."""
    group = f.topic.group_predicates
    if predicate in group and f.ph.noun is None and f.passive_after(f.m.after_end, wanted):
        return f.later(f.m.after_end, f.hi, wanted - group) or predicate
    return None


REFINE_RULES = (breakdown_after_head, part_of_those, part_of_group, part_passive)


# -- the metric -------------------------------------------------------------------------------------
def _modifiers(f: Fig) -> set[str]:
    """Modifier classes: local ones next to the figure, clause ones in its clause (after the last
    comma when the clause is shared with an earlier figure, after a reporting verb before it)."""
    t, sp, m, lo, hi, topic = f.text, f.sp, f.m, f.lo, f.hi, f.topic
    cues = sp.cues
    local = {lab for _, _, lab in cues.within(topic.modifiers_local, max(lo, m.start - LOCAL_REACH), m.start)}
    local |= {lab for _, _, lab in cues.within(topic.modifiers_local, m.after_end, f.ph.end)}
    comma = t.rfind(",", lo, m.start) if f.shared else -1
    after = t.find(",", f.ph.end, hi)  # "..., revised that assessment last week": another clause's time
    # "sent 12,000 troops in October and deployed additional forces": a verb after "and" opens another clause
    for join in f.gr.coordination.finditer(t, f.ph.end, after if after >= 0 else hi):
        verb = cues.first(topic.predicates, join.end(), min(hi, join.end() + COORDINATED_VERB_REACH))
        if verb and not t[join.end():verb[0]].strip():
            after = join.start()
            break
    # "a paper circulated this week says ... sent": the paper's time
    reported = cues.last(topic.attributor.verb, lo, m.start)
    start = max(lo, comma + 1, reported[1] if reported else lo)
    clause = {lab for _, _, lab in cues.within(topic.modifiers_clause, start, after if after >= 0 else hi)}
    # "the new wave would double the force after some 12,000 were sent": the wave is another clause's
    own = past_openers(f.gr, t, start, m.start) if clause else start
    if own != start:
        start = own
        clause = {lab for _, _, lab in cues.within(topic.modifiers_clause, start, after if after >= 0 else hi)}
    lead = topic.attributor.explicit.search(t, lo, m.start) if clause else None
    told = t.find(",", lead.end(), m.start) if lead else -1  # "According to reports last week, 12,000 ...": the
    if told >= 0:  # report's time, not the figure's
        start = max(start, told + 1)
        clause = {lab for _, _, lab in cues.within(topic.modifiers_clause, start, after if after >= 0 else hi)}
    if clause and cues.first(topic.modifiers_cancel, lo, hi):
        clause = set()
    return local | clause


def _in_sentence(f: Fig, spec: MetricSpec) -> bool:
    """Does one of the metric's predicates hold anywhere in the sentence (or the one before)?"""
    sp, res = f.sp, f.topic.predicate_re
    return any(res[p].search(sp.text, sp.prev_start, sp.end) for p in spec.predicates if p in res)


@rule
def fate_named_before(f: Fig, specs: list[MetricSpec]) -> Chosen | None:
    """"of the roughly 6,000 casualties, about 2,000 were killed": a fate named before a figure with no
    noun of its own is its group's, and a verb right after the figure says which part."""
    topic, m = f.topic, f.m
    if f.ph.noun is not None or f.noun not in topic.noun_implies or m.kind == "base":  # a base's fate is its fraction's
        return None
    fates = [s for s in topic.noun_metrics.get(topic.member(f.noun) or "", ()) if s.fraction]
    comma = f.text.find(",", m.after_end, f.hi)
    verb_end = min(f.hi, m.after_end + 50, comma if comma >= 0 else f.hi)  # "are believed to have been killed"
    predicate = f.later(m.after_end, verb_end, {p for s in fates for p in s.predicates})
    spec = next((s for s in fates if predicate in s.predicates), None)
    if spec is None:
        return None
    f.predicate = predicate
    return Chosen(spec, "fate-named-before")


@rule
def clause_predicate(f: Fig, specs: list[MetricSpec]) -> Chosen | None:
    """"North Korea sent 11,000 troops": the predicate of the figure's clause (PREDICATE_RULES, then
    REFINE_RULES) picks the metric of its noun that wants it; a metric that requires a modifier
    ("another 3,000": additional) wins when it has it. Its rule is the predicate's."""
    clause_specs = [s for s in specs if s.scope != "sentence"]
    wanted = {p for s in clause_specs for p in s.predicates}
    found = first(PREDICATE_RULES, f, wanted)
    name, predicate = found if found else ("", None)
    topic = f.topic  # no refinement can apply unless one of these holds (most figures: none does)
    if (predicate in topic.umbrella_predicates or predicate in topic.group_predicates
            or f.gr.partitive_back.match(f.text, f.m.after_end)):
        refined = first(REFINE_RULES, f, predicate, wanted)
        if refined and refined[1] != predicate:
            name, predicate = refined
    f.predicate = predicate
    matching = [s for s in clause_specs if predicate in s.predicates]
    matching += [s for s in specs if s.scope == "sentence" and _in_sentence(f, s)]
    if not matching:
        return None
    needing = [s for s in matching if s.requires]
    mods = _modifiers(f) if needing else set()  # read only for a metric that needs them
    chosen = next(iter([s for s in needing if set(s.requires) <= mods] or [s for s in matching if not s.requires]),
                  None)
    if chosen is None:
        return None
    return Chosen(chosen, "sentence-predicate" if chosen.scope == "sentence" else name)


@rule
def anaphora(f: Fig, specs: list[MetricSpec]) -> Chosen | None:
    """"puts the number higher, at 12,000", "The HUR counts 12,000": the metric the sentence's figure before
    spoke of ("3,000 killed or wounded, while Seoul put the figure at 1,000"), else the last sentence's."""
    ctx, gr, t = f.ctx, f.gr, f.text
    metric = f.prior or ctx.metric
    if not metric or not (gr.anaphora.search(t, f.lo, f.hi)
                          or (f.ph.noun is None and gr.elliptical.search(t, f.lo, f.m.start))):
        return None
    spec = f.topic.specs.get(metric)
    return Chosen(spec, "anaphora") if spec else None


METRIC_RULES = (fate_named_before, clause_predicate, anaphora)
