"""One figure being read: what the classifier knows of it, and the named rules it is read with.

The classifier's decisions are ordered lists of small named rules (whose.py: whose figure and what
it counts; metric.py: which metric; confidence.py: how sure). Each rule is a function of a `Fig`
with its example in its docstring; the first rule of a list that answers decides, and its name is
kept (`Claim.rule`, `figwatch extract --why`). A `Fig` holds the figure's sentence, clause window
and noun phrase, and answers the questions several rules ask (each read once).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from extractors.cues import SentenceCues
from extractors.language import Grammar
from extractors.lexicon import Lexicon
from extractors.numbers import Mention
from extractors.topic import Topic
from figwatch.models import Stance

WINDOW = 160  # characters looked at on either side of a figure
FOREIGN = "\x00foreign"  # a noun phrase that names something outside the topic's nouns
T = TypeVar("T")
Hit = tuple[int, int, str]


class Rule(NamedTuple, Generic[T]):
    """A named rule: `apply` answers (a value) or passes (None) to the next rule of its list."""

    name: str
    apply: Callable[..., T | None]

    @property
    def example(self) -> str:
        return (self.apply.__doc__ or "").strip().splitlines()[0] if self.apply.__doc__ else ""


def rule(fn: Callable[..., T | None]) -> Rule[T]:
    """A rule named after its function ("party_in_phrase" is "party-in-phrase")."""
    return Rule(fn.__name__.strip("_").replace("_", "-"), fn)


def first(rules: Iterable[Rule[T]], *args: object) -> tuple[str, T] | None:
    """The first rule that answers, by name, with its answer."""
    for name, apply in rules:
        found = apply(*args)
        if found is not None:
            return name, found
    return None


@dataclass
class Context:
    """What the previous sentences spoke of: the party and noun that "of them" refers to."""

    party: str | None = None
    noun: str | None = None
    metric: str | None = None  # the last figure's metric, for "the number" in the next sentence


class Decision(NamedTuple):  # a tuple: made once per figure, cheaply
    """A figure the topic counts: its metric, confidence and noun class, and the rules that said so."""

    metric: str
    confidence: float
    noun: str
    predicate: str | None = None  # the predicate class it was read with
    rule: str = ""  # the metric's rule
    whose: str = ""  # the rule that found its noun and party
    reasons: tuple[str, ...] = ()  # what set its confidence
    stance: Stance = "current"


@dataclass(frozen=True)
class Span:
    """The sentence a figure sits in, with its neighbours in that sentence."""

    text: str  # the document
    start: int
    end: int
    heading: bool
    nk_in_sentence: bool  # the sentence names the topic's party
    linked: bool
    prev_start: int  # start of the previous sentence: weapons may be "supplied" there
    cues: SentenceCues  # of text[start:end]
    masked_cues: SentenceCues  # of the sentence with source names blanked (party cues); index 0 is `start`


@dataclass(frozen=True)
class Phrase:
    """The noun phrase after a figure: its end, its noun class and where that noun starts."""

    end: int
    noun: str | None
    head_start: int
    head_end: int = -1  # where the head noun ends (-1: no head noun)


def past_openers(gr: Grammar, text: str, lo: int, at: int) -> int:
    """Where the figure's own clause begins after the last subordinate opener before it ("... would double the
    force after some 12,000 were sent": after "after"), else lo."""
    openers = list(gr.subordinator.finditer(text, lo, at))
    return openers[-1].end() if openers else lo


def _clause_start(sp: Span, m: Mention, lo: int, gr: Grammar) -> int:
    """Where the figure's clause begins: after the last clause mark before it (not a label's colon)."""
    t = sp.text
    for bs, be, _ in sp.cues.within(gr.clause, lo, m.start):
        if t[bs:be].strip() == ":" and len(t[max(lo, bs - 60):bs].split()) <= 6:
            continue  # "Casualties: about 4,700": a label, not a clause
        lo = be
    return lo


def window(sp: Span, m: Mention, prev: Mention | None, nxt: Mention | None, gr: Grammar) -> tuple[int, int]:
    """The clause around a figure, cut at its neighbours and at WINDOW characters."""
    lo = max(sp.start, m.start - WINDOW, prev.end if prev and prev.end <= m.start else sp.start)
    hi = min(sp.end, m.after_end + WINDOW, nxt.start if nxt and nxt.start >= m.after_end else sp.end)
    t = sp.text
    if nxt is not None and hi == nxt.start and gr.aside_open.search(t, m.after_end, nxt.start):
        close = t.find(",", nxt.end, sp.end)  # "12,000 soldiers, including 500 officers, have been deployed"
        if close > 0:
            hi = min(sp.end, close + WINDOW)
            b = sp.cues.first(gr.clause, close, hi)
            return _clause_start(sp, m, lo, gr), (b[0] if b else hi)
    lo = _clause_start(sp, m, lo, gr)
    b = sp.cues.first(gr.clause, m.after_end, hi)
    if b and not t[m.after_end:b[0]].strip() and t[b[0]:b[1]].strip() in "—–":
        b = sp.cues.first(gr.clause, b[1], hi)  # "11,000 — North Korean soldiers sent": a figure's label
    return lo, (b[0] if b else hi)


def nearest(lex: Lexicon, cues: SentenceCues, lo: int, m: Mention, hi: int, allowed: set[str] | None,
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


UNREAD: object = object()  # a Fig's answer not read yet


class Fig:
    """A figure being read: its sentence, clause window (lo, hi), noun phrase, the noun and party of the
    figure before it in the sentence (last), the story so far (ctx), and answers several rules share."""

    __slots__ = ("_back", "_resolved", "carried", "ctx", "gr", "hi", "last", "lo", "m", "named", "noun", "ph",
                 "predicate", "prior",
                 "shared", "sp", "text", "topic")

    def __init__(self, topic: Topic, sp: Span, m: Mention, lo: int, hi: int, ph: Phrase,
                 last: tuple[str | None, str | None], ctx: Context) -> None:
        self.topic, self.gr, self.sp, self.m, self.text = topic, topic.grammar, sp, m, sp.text
        self.lo, self.hi, self.ph, self.last, self.ctx = lo, hi, ph, last, ctx
        self.named = None if ph.noun == FOREIGN else ph.noun  # the phrase's noun class, if the topic names it
        self.shared = False  # the clause began before the previous figure
        self.carried: str | None = None  # the predicate of a coordinated figure before
        self.prior: str | None = None  # the metric of the sentence's figure before, if one was decided
        self.noun: str | None = None  # the noun class the whose rules found
        self.predicate: str | None = None  # the predicate class the metric rules read it with
        self._back: object = UNREAD
        self._resolved: object = UNREAD

    def back_noun(self) -> str | None:
        """The topic's noun named last before the figure in its clause ("troops ..., 4,000 were killed")."""
        if self._back is UNREAD:
            sp, nouns = self.sp, self.topic.nouns
            hit = sp.cues.last(nouns, max(self.lo, self.m.start - 90), self.m.start)
            wider = sp.cues.last(nouns, max(self.lo, hit[0] - 30), hit[1]) if hit else None
            # the reach cut "killed or wounded" to "wounded"
            hit = wider if wider and hit and wider[1] == hit[1] else hit
            self._back = hit[2] if hit and hit[2] not in self.topic.noun_party else None
        return self._back  # type: ignore[return-value]

    def later(self, start: int, hi: int, wanted: set[str]) -> str | None:
        """The first wanted predicate in the sentence's text[start:hi]."""
        return next((label for _, _, label in self.sp.cues.within(self.topic.predicates, start, hi) if label in wanted),
                    None)

    def passive_after(self, head_end: int, wanted: set[str]) -> bool:
        """Is the group's own predicate a passive main verb after the head ("100 soldiers deployed to
        Russia have been killed"): then the deployment describes the group, the killing is the figure's."""
        group = self.topic.group_predicates
        return any(h[2] in wanted and h[2] not in group and (
            self.gr.passive.search(self.text, max(head_end, h[0] - 20), h[0])
            # "300 soldiers who were dispatched have died": a perfect whose verb takes no figure of its own
            or (self.gr.perfect.search(self.text, max(head_end, h[0] - 8), h[0])
                and not _DIGIT.search(self.text, h[1], self._clause_end(h[1]))))
            for h in self.sp.cues.within(self.topic.predicates, head_end, self.hi))

    def _clause_end(self, at: int) -> int:
        """Where the clause after `at` ends: its verb's own figure would stand before a comma ("have died,
        and another 1,000 ...": the 1,000 is another clause's)."""
        stop = _CLAUSE_MARK.search(self.text, at, self.sp.end)
        return stop.start() if stop else self.sp.end

    def post_nominal(self, head_end: int, wanted: set[str]) -> str | None:
        """A predicate right after the head noun ("300 soldiers killed"), when the figure wants it."""
        hit = self.sp.cues.first(self.topic.predicates, head_end, min(self.hi, head_end + 40))
        if hit and not self.text[head_end:hit[0]].strip() and hit[2] in wanted:
            return hit[2]
        return None


_DIGIT = re.compile(r"\d")
_CLAUSE_MARK = re.compile(r"[,;:]\s")
WORD = re.compile(r"[A-Za-z]{3,}")  # a lead word after a figure (one the topic does not name)
