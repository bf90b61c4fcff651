"""What a number counts and whose it is: metric, party and confidence from the topic's lexicons.

Every look-around is bounded (a clause, at most WINDOW characters either side), so the work per
number is constant and the extractor stays linear in its input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.cues import SentenceCues
from extractors.language import Grammar
from extractors.lexicon import Lexicon
from extractors.numbers import Mention
from extractors.topic import MetricSpec, Topic

WINDOW = 160  # characters looked at on either side of a figure
FOREIGN = "\x00foreign"  # a noun phrase that names something outside the topic's nouns
WORD = re.compile(r"[A-Za-z]{3,}")


@dataclass
class Context:
    """What the previous sentences spoke of: the party and noun that "of them" refers to."""

    party: str | None = None
    noun: str | None = None
    metric: str | None = None  # the last figure's metric, for "the number" in the next sentence


@dataclass(frozen=True)
class Decision:
    """A figure the topic counts: its metric, confidence and noun class."""

    metric: str
    confidence: float
    noun: str
    predicate: str | None = None  # the predicate class it was read with


@dataclass(frozen=True)
class Span:
    """The sentence a figure sits in, with its neighbours in that sentence."""

    text: str  # the document
    start: int
    end: int
    heading: bool
    nk_in_sentence: bool
    linked: bool
    prev_start: int  # start of the previous sentence: weapons may be "supplied" there
    cues: SentenceCues  # of text[start:end]
    masked_cues: SentenceCues  # of the sentence with source names blanked (party cues); index 0 is `start`


def _window(sp: Span, m: Mention, prev: Mention | None, nxt: Mention | None, gr: Grammar) -> tuple[int, int]:
    """The clause around a figure, cut at its neighbours and at WINDOW characters."""
    lo = max(sp.start, m.start - WINDOW, prev.end if prev and prev.end <= m.start else sp.start)
    hi = min(sp.end, m.after_end + WINDOW, nxt.start if nxt and nxt.start >= m.after_end else sp.end)
    t = sp.text
    for bs, be, _ in sp.cues.within(gr.clause, lo, m.start):
        if t[bs:be].strip() == ":" and len(t[max(lo, bs - 60):bs].split()) <= 6:
            continue  # "Casualties: about 4,700": a label, not a clause
        lo = be
    b = sp.cues.first(gr.clause, m.after_end, hi)
    if b and not t[m.after_end:b[0]].strip() and t[b[0]:b[1]].strip() in "—–":
        b = sp.cues.first(gr.clause, b[1], hi)  # "11,000 — North Korean soldiers sent": a figure's label
    return lo, (b[0] if b else hi)


def _nearest(lex: Lexicon, cues: SentenceCues, lo: int, m: Mention, hi: int, allowed: set[str] | None,
             skip_to: int = 0) -> str | None:
    """The label of the cue nearest the figure (backward or forward), longer first on ties.

    Cues before `skip_to` after the figure modify its noun ("two wounded soldiers") and are skipped."""
    best: tuple[int, int, str] | None = None
    for s, e, label in cues.within(lex, lo, m.start):
        if allowed is None or label in allowed:
            cand = (m.start - e, -(e - s), label)
            best = cand if best is None or cand < best else best
    for s, e, label in cues.within(lex, max(m.after_end, skip_to), hi):
        if allowed is None or label in allowed:
            cand = (s - m.after_end, -(e - s), label)
            best = cand if best is None or cand < best else best
    return best[2] if best else None


@dataclass(frozen=True)
class Phrase:
    """The noun phrase after a figure: its end, its noun class and where that noun starts."""

    end: int
    noun: str | None
    head_start: int
    head_end: int = -1  # where the head noun ends (-1: no head noun)


class Classifier:
    """Decides, for each figure of a sentence, the metric it reports (or none)."""

    def __init__(self, topic: Topic) -> None:
        self.topic, self.gr = topic, topic.grammar
        self.reporting = topic.attributor.verb  # "says", "said": what comes before them is the report's
        self.predicate_re = topic.predicate_re
        self.weak = topic.weak_predicates
        self.group_predicates = topic.group_predicates
        self.sentence_modality = self.gr.sentence_modality  # cues whose scope is the sentence
        self.noun_metrics = topic.noun_metrics
        self.party = topic.subject_party

    def classify(self, sp: Span, mentions: list[Mention], ctx: Context) -> list[tuple[Mention, Decision]]:
        """The sentence's figures that the topic counts, with their metric and confidence."""
        out: list[tuple[Mention, Decision]] = []
        live = [m for m in mentions if not m.superseded]
        last: tuple[str | None, str | None] = (None, None)  # noun, party of the previous figure
        doubt: float | None = None
        for i, m in enumerate(live):
            prev = live[i - 1] if i else None
            nxt = live[i + 1] if i + 1 < len(live) else None
            lo, hi = _window(sp, m, prev, nxt, self.gr)
            lo = self._past_a_year(sp, live, i, lo)
            phrase = self._phrase(sp, m, hi)
            noun, party = self._noun_party(sp, m, lo, phrase, last, ctx)
            # a group outside the topic ("three people") is the noun of the bare figures after it, not their party
            last = (noun, last[1]) if noun in self.topic.noun_party else (noun or last[0], party or last[1])
            if noun is None or party != self.party:
                continue
            shared = prev is not None and lo <= prev.end  # the clause began before the previous figure
            if doubt is None:  # read once a sentence, and only when a figure gets this far
                doubt = self._sentence_doubt(sp)
            carried = self._carried(sp, m, out[-1]) if out else None
            decision = self._decide(sp, m, (lo, hi, shared), noun, phrase, ctx, doubt, carried)
            if decision:
                out.append((m, decision))
        return out

    def _past_a_year(self, sp: Span, live: list[Mention], i: int, lo: int) -> int:
        """Where live[i]'s clause begins when a year ended it: a date bounds no figure's clause ("the
        number of personnel sent since late 2024 has reached around 20,000")."""
        if not i or not live[i - 1].year_like:
            return lo
        before = next((m for m in reversed(live[:i]) if not m.year_like), None)
        return _window(sp, live[i], before, None, self.gr)[0]

    def _carried(self, sp: Span, m: Mention, before: tuple[Mention, Decision]) -> str | None:
        """The predicate of the figure before, when this one is coordinated with it in one clause
        ("sent 11,000 troops in the autumn and 3,000 more in January"), not a part of its phrase
        ("12,000 men out of an army of more than a million")."""
        gap = (before[0].end, m.start)
        if not self.gr.coordination.search(sp.text, *gap):
            return None
        return None if sp.cues.within(self.gr.clause, *gap) else before[1].predicate

    def _phrase(self, sp: Span, m: Mention, hi: int) -> Phrase:
        """The noun phrase after the figure; a head noun wins over a participle ("two wounded soldiers")."""
        t, nouns = sp.text, self.topic.nouns
        stop = self.gr.np_stop.search(t, m.after_end, hi)  # the first stop is near: searched, not read from the sentence's
        end = first_end = min(stop.start() if stop else hi, m.after_end + 80)
        hits = [h for h in sp.cues.within(nouns, m.after_end, min(hi, end + 30)) if h[0] < end]
        lead = set() if hits else {w.lower() for w in WORD.findall(t, m.after_end, first_end)} - self.gr.transparent  # read when no noun is
        if not hits and not lead and stop and stop.group().strip().lower() in self.gr.np_joiners:
            more = self.gr.np_stop.search(t, stop.end(), hi)  # "KN-23 and KN-24 missiles"
            end = min(more.start() if more else hi, m.after_end + 80)
            hits = [h for h in sp.cues.within(nouns, stop.end(), min(hi, end + 30)) if h[0] < end]
        if not hits and not lead and stop and stop.group().strip().lower() in self.gr.copulas:
            hits = self._other_after_copula(sp, stop.end(), hi)
        heads = [h for h in hits if h[2] not in self.topic.noun_implies] or hits
        if not heads:
            return Phrase(end, FOREIGN if lead else None, m.after_end)
        return Phrase(max(end, heads[0][1]), heads[0][2], heads[0][0], heads[0][1])

    def _other_after_copula(self, sp: Span, at: int, hi: int) -> list[tuple[int, int, str]]:
        """A group outside the topic named right after "are" ("some 5,000 are military construction
        troops"): the figure counts it. (Nothing else is read there: "2,500 are dead" keeps its verb.)"""
        hit = sp.cues.first(self.topic.nouns, at, min(hi, at + 40))
        return [hit] if hit and hit[2] in self.topic.noun_party and len(sp.text[at:hit[0]].split()) <= 3 else []

    def _noun_party(self, sp: Span, m: Mention, lo: int, ph: Phrase, last: tuple[str | None, str | None],
                    ctx: Context) -> tuple[str | None, str | None]:
        t, off, noun = sp.text, sp.start, ph.noun
        if noun == FOREIGN and not self.topic.coref.match(t, m.after_end, ph.end + 12):
            return None, None  # "two rotations", "three trains": the figure counts something else
        noun = None if noun == FOREIGN else noun
        if noun and noun in self.topic.noun_party:
            return noun, self.topic.noun_party[noun]
        np_party = sp.masked_cues.first(self.topic.parties, m.after_end - off, ph.end - off)
        if np_party:
            return noun or self._back_noun(sp, lo, m), np_party[2]
        if self.gr.own.search(t, m.after_end, ph.end + 12):  # "50,000 of its own troops": the subject's
            subject = sp.masked_cues.last(self.topic.subjects, 0, m.start - off)
            if subject:
                return noun or self._back_noun(sp, lo, m), subject[2]
        if self.topic.party_after_phrase.match(t, ph.end):  # "the 12,000-strong force that Pyongyang sent"
            return noun or self._back_noun(sp, lo, m) or ctx.noun or self.topic.group, self.party
        if (noun is None or noun in self.topic.noun_implies) and last[0] in self.topic.noun_party:
            return last[0], self.topic.noun_party[last[0]]  # "three people were killed and 19 wounded": the 19 are people too
        if m.year_like and not noun:
            return None, None
        if self.topic.coref.match(t, m.after_end, ph.end + 12):  # "4,000 of them": the group named last
            if noun or last[0]:  # "c. 4,000 casualties, c. 1,000 of those": members of that group
                return self.topic.member(noun or last[0]), last[1] or ctx.party
            named = sp.cues.last(self.topic.nouns, max(sp.start, m.start - WINDOW), m.start)  # "troops ..., and 4,000 of them"
            cue = sp.masked_cues.last(self.topic.parties, 0, m.start - off) if named else None
            if named and named[2] not in self.topic.noun_party:
                return named[2], cue[2] if cue else ctx.party
            return ctx.noun, ctx.party
        noun, pointed = noun or self._back_noun(sp, lo, m), False
        if noun is None:  # "..., of whom 1,000": members (the clause may open after "of whom")
            pointed = bool(self.topic.coref.search(t, max(sp.start, lo - 10), m.start))
            noun = self.topic.member(last[0]) if pointed else last[0]
        # "Russia, which lost an estimated 400,000": a relative clause's party is the name it follows
        reach = max(sp.start, lo - 40) if self.gr.relative.search(t, max(sp.start, lo - 12), lo) else lo
        back = sp.masked_cues.last(self.topic.parties, reach - off, m.start - off)
        if back:
            return noun, back[2]
        if last[1]:
            return noun, last[1]
        if noun is None:  # "Of those, roughly 1,000 were killed": members of the last sentence's group
            return (self.topic.member(ctx.noun) if pointed else ctx.noun), ctx.party
        return noun, self.party if sp.nk_in_sentence else ctx.party

    def _back_noun(self, sp: Span, lo: int, m: Mention) -> str | None:
        hit = sp.cues.last(self.topic.nouns, max(lo, m.start - 90), m.start)
        wider = sp.cues.last(self.topic.nouns, max(lo, hit[0] - 30), hit[1]) if hit else None
        hit = wider if wider and wider[1] == hit[1] else hit  # the reach cut "killed or wounded" to "wounded"
        return hit[2] if hit and hit[2] not in self.topic.noun_party else None

    def _decide(self, sp: Span, m: Mention, win: tuple[int, int, bool], noun: str, ph: Phrase,
                ctx: Context, doubt: float = 1.0, carried: str | None = None) -> Decision | None:
        lo, hi, shared = win
        specs = self.noun_metrics.get(noun, ())
        if m.kind in ("fraction", "part"):  # a share of a group: what befell some of it (casualties)
            specs = [s for s in specs if s.fraction]
        elif m.kind == "base":  # "30 percent of the 11,000 ... killed": the killing is the fraction's
            specs = [s for s in specs if not s.fraction]
        if not specs or sp.cues.first(self.topic.exclude, lo, hi):
            return None
        spec, predicate = self._fate_after(sp, m, hi, noun) if ph.noun is None else (None, None)
        if spec is None:
            spec, predicate = self._choose(sp, m, win, noun, specs, ph, carried)
        if spec is None and ctx.metric and (self.gr.anaphora.search(sp.text, lo, hi)
                                            or (ph.noun is None and self.gr.elliptical.search(sp.text, lo, m.start))):
            spec = self.topic.specs.get(ctx.metric)  # "puts the number higher, at 12,000"; "the HUR counts 12,000"
        if spec is None or (spec.link and not sp.linked):
            return None
        return Decision(spec.name, min(doubt, self._confidence(sp, m, lo, hi, spec)), noun, predicate)

    def _fate_after(self, sp: Span, m: Mention, hi: int, noun: str) -> tuple[MetricSpec | None, str | None]:
        """For a figure whose noun is a fate named before it ("of the roughly 6,000 casualties, about
        2,000 were killed"): the fate is its group's, and a verb right after the figure says which part
        this is. (None, None) when there is no such verb."""
        if noun not in self.topic.noun_implies or m.kind == "base":  # a base's fate is its fraction's
            return None, None
        fates = [s for s in self.noun_metrics.get(self.topic.member(noun) or "", []) if s.fraction]
        comma = sp.text.find(",", m.after_end, hi)
        verb_end = min(hi, m.after_end + 30, comma if comma >= 0 else hi)
        predicate = self._later(sp, m.after_end, verb_end, {p for s in fates for p in s.predicates})
        return next((s for s in fates if predicate in s.predicates), None), predicate

    def _choose(self, sp: Span, m: Mention, win: tuple[int, int, bool], noun: str, specs: list[MetricSpec],
                ph: Phrase, carried: str | None = None) -> tuple[MetricSpec | None, str | None]:
        lo, hi, shared = win
        implied = self.topic.noun_implies.get(noun)
        clause_specs = [s for s in specs if s.scope != "sentence"]
        wanted = {p for s in clause_specs for p in s.predicates}
        predicate = implied or (_nearest(self.topic.predicates, sp.cues, lo, m, hi, wanted, ph.head_start) if wanted else None)
        if wanted and not predicate:
            predicate = _nearest(self.weak, sp.cues, lo, m, hi, wanted, ph.head_start) or (carried if carried in wanted else None)
        if predicate in self.topic.umbrella_predicates and ph.head_end >= 0:  # "lost 300 soldiers killed": the breakdown is the figure's
            predicate = self._post_nominal(sp, ph.head_end, hi, wanted) or predicate
        elif self.gr.partitive_back.match(sp.text, m.after_end):  # "c. 1,000 of those had been killed"
            predicate = self._later(sp, m.after_end, hi, wanted) or predicate
        elif predicate in self.group_predicates and ph.head_end >= 0 and (
                self.gr.partitive.match(sp.text, m.after_end) or self._passive_after(sp, ph.head_end, hi, wanted)):
            # "2,000 of the soldiers sent to Russia were killed": the sending is the group's, the killing the part's
            predicate = self._later(sp, ph.head_end, hi, wanted - self.group_predicates) or predicate
        elif predicate in self.group_predicates and ph.noun is None and self._passive_after(sp, m.after_end, hi, wanted):
            # "of the 15,000 soldiers dispatched, around 2,000 had been killed": the part's own passive verb
            predicate = self._later(sp, m.after_end, hi, wanted - self.group_predicates) or predicate
        matching = [s for s in clause_specs if predicate in s.predicates]
        matching += [s for s in specs if s.scope == "sentence" and self._sentence_predicate(sp, s)]
        if not matching:
            return None, predicate
        needing = [s for s in matching if s.requires]
        mods = self._modifiers(sp, m, win, ph) if needing else set()  # read only for a metric that needs them
        with_req = [s for s in needing if set(s.requires) <= mods]
        plain = [s for s in matching if not s.requires]
        return (with_req or plain or [None])[0], predicate

    def _later(self, sp: Span, start: int, hi: int, wanted: set[str]) -> str | None:
        """The first wanted predicate in the sentence's text[start:hi]."""
        return next((label for _, _, label in sp.cues.within(self.topic.predicates, start, hi) if label in wanted), None)

    def _passive_after(self, sp: Span, head_end: int, hi: int, wanted: set[str]) -> bool:
        """Is the group's own predicate a passive main verb after the head ("100 soldiers deployed to
        Russia have been killed"): then the deployment describes the group, the killing is the figure's."""
        return any(h[2] in wanted and h[2] not in self.group_predicates and self.gr.passive.search(sp.text, max(head_end, h[0] - 20), h[0])
                   for h in sp.cues.within(self.topic.predicates, head_end, hi))

    def _post_nominal(self, sp: Span, head_end: int, hi: int, wanted: set[str]) -> str | None:
        """A predicate right after the head noun ("300 soldiers killed"), when the figure wants it."""
        hit = sp.cues.first(self.topic.predicates, head_end, min(hi, head_end + 40))
        if hit and not sp.text[head_end:hit[0]].strip() and hit[2] in wanted:
            return hit[2]
        return None

    def _sentence_predicate(self, sp: Span, spec: MetricSpec) -> bool:
        return any(self.predicate_re[p].search(sp.text, sp.prev_start, sp.end) for p in spec.predicates if p in self.predicate_re)

    def _modifiers(self, sp: Span, m: Mention, win: tuple[int, int, bool], ph: Phrase) -> set[str]:
        """Modifier classes: local ones next to the figure, clause ones in its clause (after the last
        comma when the clause is shared with an earlier figure, after a reporting verb before it)."""
        t, (lo, hi, shared) = sp.text, win
        cues, topic = sp.cues, self.topic
        local = {lab for _, _, lab in cues.within(topic.modifiers_local, max(lo, m.start - 24), m.start)}
        local |= {lab for _, _, lab in cues.within(topic.modifiers_local, m.after_end, ph.end)}
        comma = t.rfind(",", lo, m.start) if shared else -1
        after = t.find(",", ph.end, hi)  # "..., revised that assessment last week": another clause's time
        reported = cues.last(self.reporting, lo, m.start)  # "a paper circulated this week says ... sent": the paper's time
        start = max(lo, comma + 1, reported[1] if reported else lo)
        clause = {lab for _, _, lab in cues.within(topic.modifiers_clause, start, after if after >= 0 else hi)}
        if clause and cues.first(topic.modifiers_cancel, lo, hi):
            clause = set()
        return local | clause

    def _sentence_doubt(self, sp: Span) -> float:
        """The cap that cues doubting the whole sentence put on each of its figures ("..., a figure
        that could not be verified"), and a question's ("N. Korea sent 10,000 more troops?")."""
        c = self.topic.confidence
        asked = c.get("question", 1.0) if sp.text[sp.start:sp.end].rstrip().endswith(self.gr.question_mark) else 1.0
        if not self.sentence_modality:
            return asked
        return min(asked, min((c.get(label, 0.3) for _, _, label in sp.cues.all(self.topic.modality)
                               if label in self.sentence_modality), default=1.0))

    def _confidence(self, sp: Span, m: Mention, lo: int, hi: int, spec: MetricSpec) -> float:
        """Lower for projections, denials and hedges in the figure's clause, and for vague amounts."""
        c, t = self.topic.confidence, sp.text
        conf = c.get("teaser", 0.85) if sp.heading else c.get("base", 0.9)
        stop = self.gr.modality_cut.search(t, m.after_end, hi)
        mod_hi = stop.start() if stop else hi
        realis = self.gr.realis.search(t, m.after_end, mod_hi)
        clause_lo = _window(sp, m, None, None, self.gr)[0]  # "will send 1,000 ... and 5,000": the clause, past other figures
        known = realis or self.gr.definite.search(t, max(0, m.start - 30), m.start)  # "already"; "the two prisoners"
        for _, _, label in sp.cues.within(self.topic.modality, min(lo, clause_lo), mod_hi):
            if not (label in self.gr.cancelled_by_realis and known):
                conf = min(conf, c.get(label, 0.3))
        if m.kind == "vague" and not spec.vague:
            conf = min(conf, c.get("vague", 0.4))
        if m.kind == "fraction":  # computed from a share of a base: weaker than a stated figure
            conf = min(conf, c.get("derived", 0.75))
        return conf
