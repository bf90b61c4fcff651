"""What a number counts and whose it is: metric, party and confidence, by ordered lists of named rules.

For each figure of a sentence: its clause window and noun phrase are read, then WHOSE_RULES
(whose.py) say what it counts and whose it is, METRIC_RULES (metric.py) which metric it reports,
and CONFIDENCE_RULES (confidence.py) how sure it is. Each decision names the rule that made it.
A figure the sentence calls an earlier one ("up from 600", "from 600 to 2,000") is read after the
others by EARLIER_RULES: a claim with stance "superseded", held below digest confidence.

Every look-around is bounded (a clause, at most WINDOW characters either side), so the work per
number is constant and the extractor stays linear in its input.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from extractors.confidence import CONFIDENCE_RULES, SENTENCE_RULES, Cap, caps_of, settle
from extractors.metric import METRIC_RULES
from extractors.numbers import Mention
from extractors.reading import (
    FOREIGN,
    WINDOW,
    WORD,
    Context,
    Decision,
    Fig,
    Phrase,
    Span,
    first,
    past_openers,
    rule,
    window,
)
from extractors.topic import Topic
from extractors.whose import NOT_COUNTED, WHOSE_RULES

__all__ = ["WINDOW", "Classifier", "Context", "Decision", "Span"]


_WORDS_ON = re.compile(r"[ \t]+[A-Za-z]")  # the noun phrase goes on after a gloss
GLOSS_CHARS = 30  # a bracketed gloss inside a noun phrase ("KN-23 (Hwasong-11Ga) missiles") at most this long
PART_SHARE = 0.2  # a figure in an "including" aside below this share of the figure before is a small subgroup


class Classifier:
    """Decides, for each figure of a sentence, the metric it reports (or none)."""

    def __init__(self, topic: Topic) -> None:
        self.topic, self.gr, self.party = topic, topic.grammar, topic.subject_party
        c = topic.confidence
        self.base, self.teaser = [(c.get(k, v), f"{k} {c.get(k, v):g}") for k, v in (("base", 0.9), ("teaser", 0.85))]

    def classify(self, sp: Span, mentions: list[Mention], ctx: Context) -> list[tuple[Mention, Decision]]:
        """The sentence's figures that the topic counts, with their metric and confidence."""
        out: list[tuple[Mention, Decision]] = []
        live = [m for m in mentions if not m.superseded or m.increment]  # an increment may be a wave (_decide)
        last: tuple[str | None, str | None] = (None, None)  # noun, party of the previous figure
        doubt: list[Cap] | None = None
        for i, m in enumerate(live):
            prev = live[i - 1] if i else None
            nxt = live[i + 1] if i + 1 < len(live) else None
            if m.kind == "part" and nxt is not None and nxt.kind == "base":  # "4,000 soldiers out of 12,000 were
                nxt = live[i + 2] if i + 2 < len(live) else None           # killed": the part's verb is past its whole
            lo, hi = window(sp, m, prev, nxt, self.gr)
            lo = self._past_a_year(sp, live, i, lo)
            f = Fig(self.topic, sp, m, lo, hi, self._phrase(sp, m, hi), last, ctx)
            whose_rule, (noun, party) = first(WHOSE_RULES, f) or ("", NOT_COUNTED)
            # a group outside the topic ("three people") is the noun of the bare figures after it, not their party
            last = (noun, last[1]) if noun in self.topic.noun_party else (noun or last[0], party or last[1])
            if noun is None or party != self.party:
                continue
            f.noun, f.shared = noun, prev is not None and lo <= prev.end  # the clause began before the previous figure
            if doubt is None:  # read once a sentence, and only when a figure gets this far
                doubt = caps_of(SENTENCE_RULES, self.topic, sp)
            f.carried = self._carried(sp, m, out[-1]) if out else None
            f.prior = out[-1][1].metric if out else None
            decision = self._decide(f, whose_rule, doubt)
            if decision and not self._part_in_aside(sp, m, decision, out):
                out.append((m, decision))
        earlier = [m for m in mentions if m.superseded and not m.increment]
        return self._with_earlier(sp, mentions, earlier, out, ctx) if earlier else out

    def _part_in_aside(self, sp: Span, m: Mention, d: Decision, out: list[tuple[Mention, Decision]]) -> bool:
        """"12,000 troops, including 500 officers and three generals": a small figure of the same metric in an aside
        right after a figure is a part of it, not a count of its own ("including 300 killed" is another metric;
        "20,000 personnel, including about 15,000 combat troops" is a breakdown a reader keeps)."""
        if not out or out[-1][1].metric != d.metric or m.value >= PART_SHARE * out[-1][0].value:
            return False
        return bool(self.gr.aside_open.search(sp.text, out[-1][0].end, m.start))

    def _with_earlier(self, sp: Span, mentions: list[Mention], earlier: list[Mention],
                      current: list[tuple[Mention, Decision]], ctx: Context) -> list[tuple[Mention, Decision]]:
        """The sentence's decisions with its earlier figures' (EARLIER_RULES), in the order of the text."""
        cap = self.topic.confidence.get("superseded", 0.3)
        out = list(current)
        for m in earlier:
            found = first(EARLIER_RULES, _Earlier(self, sp, m, mentions, current, ctx))
            if found is None:
                continue
            name, d = found
            cue = self.topic.scanner.superseded.search(sp.text[max(sp.start, m.start - 100):m.start])
            why = f"superseded: {cue.group().strip()!r} {cap:g}" if cue else f"superseded: revised {cap:g}"
            out.append((m, d._replace(confidence=min(d.confidence, cap),
                                      rule=d.rule if name == read_alone.name else name,
                                   reasons=(*d.reasons, why), stance="superseded")))
        return sorted(out, key=lambda md: md[0].start)

    def read_alone(self, sp: Span, m: Mention, mentions: list[Mention], ctx: Context) -> Decision | None:
        """A figure read with no figure before it in its sentence (its clause cut at its neighbours)."""
        i = mentions.index(m)
        lo, hi = window(sp, m, mentions[i - 1] if i else None, mentions[i + 1] if i + 1 < len(mentions) else None,
                        self.gr)
        f = Fig(self.topic, sp, m, lo, hi, self._phrase(sp, m, hi), (None, None), ctx)
        whose_rule, (noun, party) = first(WHOSE_RULES, f) or ("", NOT_COUNTED)
        if noun is None or party != self.party:
            return None
        f.noun = noun
        return self._decide(f, whose_rule, caps_of(SENTENCE_RULES, self.topic, sp))

    def _past_a_year(self, sp: Span, live: list[Mention], i: int, lo: int) -> int:
        """Where live[i]'s clause begins when a year ended it: a date bounds no figure's clause ("the
        number of personnel sent since late 2024 has reached around 20,000")."""
        if not i or not live[i - 1].year_like:
            return lo
        before = next((m for m in reversed(live[:i]) if not m.year_like), None)
        return window(sp, live[i], before, None, self.gr)[0]

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
        # the first stop is near: searched, not read from the sentence's
        stop = self.gr.np_stop.search(t, m.after_end, hi)
        while stop and stop.group() == "(":  # "dozens of KN-23 (Hwasong-11Ga) missiles": a name's gloss, passed over
            close = t.find(")", stop.end(), min(hi, stop.end() + GLOSS_CHARS))
            if close < 0 or not _WORDS_ON.match(t, close + 1, hi):
                break  # "about 11,000 (JCS)" at a line's end: the source's, not the noun phrase's
            stop = self.gr.np_stop.search(t, close + 1, hi)
        end = first_end = min(stop.start() if stop else hi, m.after_end + 80)
        hits = [h for h in sp.cues.within(nouns, m.after_end, min(hi, end + 30)) if h[0] < end]
        # read when no noun is
        lead = set() if hits else {w.lower() for w in WORD.findall(t, m.after_end, first_end)} - self.gr.transparent
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
        """A group named right after "are" ("some 5,000 are civilian labourers", "of the total, some 5,000
        are military construction troops"): the figure counts it, with the words before it. A noun that
        carries a predicate is not read there: "2,500 are dead" keeps its verb."""
        hit = sp.cues.first(self.topic.nouns, at, min(hi, at + 40))
        group = hit is not None and (hit[2] in self.topic.noun_party or hit[2] not in self.topic.noun_implies)
        return [hit] if hit and group and len(sp.text[at:hit[0]].split()) <= 3 else []

    def _decide(self, f: Fig, whose_rule: str, doubt: list[Cap]) -> Decision | None:
        """The metric the figure reports (METRIC_RULES) and how sure it is (CONFIDENCE_RULES), or None."""
        m, sp = f.m, f.sp
        specs = list(self.topic.noun_metrics.get(f.noun or "", ()))
        if m.kind in ("fraction", "part"):  # a share of a group: what befell some of it (casualties)
            specs = [s for s in specs if s.fraction]
        elif m.kind == "base":  # "30 percent of the 11,000 ... killed": the killing is the fraction's
            specs = [s for s in specs if not s.fraction]
        # "offered a prisoner swap after capturing two soldiers": an excluding phrase of another clause does not
        if not specs or sp.cues.first(self.topic.exclude, past_openers(self.gr, sp.text, f.lo, m.start), f.hi):
            return None
        chosen = first(METRIC_RULES, f, specs)
        if chosen is None:
            return None
        spec = chosen[1].spec
        if spec.link and not sp.linked:
            return None
        if m.increment and not spec.requires:  # "losses rose by 1,000": a change, a figure only of a wave's metric
            return None
        start, why = self.teaser if sp.heading else self.base
        confidence, reasons, stance = settle(start, why, [*caps_of(CONFIDENCE_RULES, f, spec), *doubt])
        return Decision(spec.name, confidence, f.noun or "", f.predicate, chosen[1].rule, whose_rule, reasons, stance)


class _Earlier(NamedTuple):  # a tuple: made once per figure, cheaply
    """An earlier figure of a sentence, and the sentence's current figures."""

    c: Classifier
    sp: Span
    m: Mention
    mentions: list[Mention]
    current: list[tuple[Mention, Decision]]
    ctx: Context


@rule
def revised_to(q: _Earlier) -> Decision | None:
    """"raised its estimate of those killed from 600 to around 2,000": 600 is what 2,000 was."""
    return next((d for n, d in q.current if n.revised_from == q.m.value and n.start > q.m.start), None)


@rule
def figure_it_updates(q: _Earlier) -> Decision | None:
    """"2,000 have been killed, up from 600": the current figure nearest it, the one before it first."""
    before = [d for n, d in q.current if n.end <= q.m.start]
    after = [d for n, d in q.current if n.start >= q.m.end]
    return before[-1] if before else after[0] if after else None


@rule
def read_alone(q: _Earlier) -> Decision | None:
    """"The toll had previously been estimated at 600": no current figure beside it, read as any figure."""
    return q.c.read_alone(q.sp, q.m, q.mentions, q.ctx)


EARLIER_RULES = (revised_to, figure_it_updates, read_alone)
