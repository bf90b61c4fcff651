"""One metric's fold: what each new report does to the figure, and the event it raises.

A report, in publication order, is one of:

* the first figure: the baseline, and a `new` event;
* the current figure in other words, or a figure any source already reported to the reader, or a
  compatible but vaguer statement: history only (each distinct figure is news once, and two sources
  alternating 10,000 and 11,000 do not ping-pong). The baseline moves to a restatement of
  itself (unless vaguer) and to a source repeating its own current figure, never to a figure
  a backgrounder repeats from the past;
* news (a different figure, or a compatible one that is more precise): a `changed` event (a
  `revision` when its source changed its own figure) or, from another source within the window,
  a `disagreement`. Unless it is far from the current figure (beyond the metric's
  `plausible_ratio`) or its article names no source: then it is *held*, an `unconfirmed` event,
  never the baseline, until an independent source (another canonical source, in another
  article) states a compatible figure or a person confirms it. A figure below the metric's
  `smallest` or above its `largest` (no tally: "two soldiers" in a video, "1.5 million" howitzers)
  is held so too, the first figure included, and so is a first figure whose article names no source
  or that is far from every report held before it: one misread sentence does not become a baseline
  every later report is measured against. Two named sources far from the current figure on the same
  side move on from it (it was the odd one), upwards only for a cumulative count: small misreads
  never pull a total down.

Memory: the baseline, each source's latest report and its last SERIES_MAX distinct figures, at
most one held report per source, the distinct figures reported (KnownFigures) and the report keys
(all of them; compact: from the newest report's day on). Every decision costs O(log n) in the
reports and O(s) in the sources with something held or current (disagreements list them all).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from figwatch.fold import agree
from figwatch.fold.known import KnownFigures
from figwatch.fold.reports import Order, copy_rank, order, report_key, source_of, utc_day
from figwatch.models import Claim, Event, EventKind, Figure, Metric

SERIES_MAX = 12  # a source's own earlier figures an event carries (its series), newest kept


def _other_report(a: Claim, b: Claim) -> bool:
    """Independent reports come from two articles: an article naming two sources for one figure (a headline's
    "Ukraine" and its body's "Ukraine's military intelligence") does not confirm itself."""
    return a.article_url is None or a.article_url != b.article_url


class MetricFold:
    """One metric's reports folded in publication order (late ones: history only)."""

    def __init__(self, metric: Metric, window_days: int = 14, *, compact: bool = False) -> None:
        self.metric = metric
        self.window = timedelta(days=window_days)
        self.compact = compact
        self.frontier: Order | None = None  # the newest report folded
        self.baseline: Claim | None = None
        self.latest: dict[str, Claim] = {}  # each named source's latest accepted report
        self.series: dict[str, list[Claim]] = {}  # each named source's distinct figures, oldest first
        self.held: dict[str, Claim] = {}  # each source's report waiting for corroboration ("": unsourced)
        self.known = KnownFigures(metric.threshold)
        self.keys: dict[str, Claim] = {}  # report key -> the copy that stands for it
        self.unaccepted: set[str] = set()  # keys held and not released (not kept when compact)
        self._days: dict[str, list[str]] = {}  # compact: report keys by UTC day, to forget past days

    # -- arrival -------------------------------------------------------------------------------

    def fold(self, claim: Claim) -> tuple[bool, Event | None]:
        """Fold one eligible claim: (was it a new report, the event it raises)."""
        key = report_key(claim)
        held = self._held_report(key) if claim.review == "confirmed" else None
        if held is not None:
            return False, self._confirm(claim, key)
        copy = self.keys.get(key)
        if copy is not None:
            if copy_rank(claim) < copy_rank(copy):
                self.keys[key] = claim  # the same report; keep the copy that always stands for it
            return False, None
        at = order(claim)
        if self.frontier is not None and at < self.frontier:
            if not self.compact:
                self.keys[key] = claim  # a late report: history (the replay places it), no event
            return not self.compact, None
        self._remember(key, claim, at)
        return True, self._decide(claim, key)

    def _remember(self, key: str, claim: Claim, at: Order) -> None:
        self.keys[key] = claim
        old_day = utc_day(self.frontier[0]) if self.frontier else ""
        self.frontier = at
        if not self.compact:
            return
        day = utc_day(claim.published)
        self._days.setdefault(day, []).append(key)
        if day != old_day:
            for past in [d for d in self._days if d < day]:
                for gone in self._days.pop(past):
                    self.keys.pop(gone, None)

    def _held_report(self, key: str) -> Claim | None:
        return next((h for h in self.held.values() if report_key(h) == key), None)

    # -- the rules -----------------------------------------------------------------------------

    def _decide(self, claim: Claim, key: str) -> Event | None:
        current, threshold = self.baseline, self.metric.threshold
        if current is None:
            doubt = None if claim.review == "confirmed" else self._first_doubt(claim)
            partners = self._partners(claim) if doubt is not None else []
            if doubt is not None and not partners:
                return self._hold(claim, key, None, doubt)
            for partner in partners:
                self._release(partner)
            return self._accept(claim, advance=True, news=("new", None, False))
        if agree.same_figure(current, claim, threshold):
            self._accept(claim, advance=not agree.narrower(current, claim))
            return None  # the current figure in other words
        if self.known.has(claim):
            self._accept(claim, advance=self._restates_own(claim))
            return None  # a figure already reported: a backgrounder, a source repeating itself
        fits = agree.compatible(current, claim, threshold)
        if fits and (claim.derived or not agree.narrower(claim, current)):
            self._accept(claim, advance=False, told=False)
            return None  # compatible and no more precise (or only derived so): nothing new, and not told
        news = self._kind(claim, current, fits)
        doubt = None if claim.review == "confirmed" else self._doubt(claim, current)
        if doubt is not None:
            partners = self._partners(claim) or self._outvoted(claim, current)
            if not partners:
                return self._hold(claim, key, current, doubt)
            for partner in partners:
                self._release(partner)
        return self._accept(claim, advance=True, news=news)

    def _restates_own(self, claim: Claim) -> bool:
        """A source repeating its own current figure: that figure is current again (a backgrounder
        repeating another's old figure, or a source's own figure it has since changed, is not)."""
        own = self.latest.get(source_of(claim))
        return own is not None and agree.same_figure(own, claim, self.metric.threshold)

    def _kind(self, claim: Claim, current: Claim, fits: bool) -> tuple[EventKind, Claim, bool]:
        """changed (a revision when its source had said otherwise), or a disagreement."""
        source = source_of(claim)
        own = self.latest.get(source) if source else None
        if own is not None:
            return "changed", own, True
        assert claim.published is not None and current.published is not None
        recent = claim.published - current.published <= self.window
        if not fits and recent and source != source_of(current):
            return "disagreement", current, False
        return "changed", current, False

    def _doubt(self, claim: Claim, current: Claim) -> str | None:
        """Why one report is not enough for this change, or None.

        A named source raising its own figure of a cumulative count is measured against that figure
        with the ratio squared (9x by default): the NIS going from 600 to about 2,000 killed over five
        months is a revision a reader must see at once, while a tenfold jump, or a count cut to a
        sixth, still waits for a second source. So does a named report far from a current figure no
        source stands behind: blind round r6 showed a misread 300 troops passing a real, unsourced
        12,000 to lead the digest, when the rule was tried."""
        source = source_of(claim)
        own = self.latest.get(source) if source else None
        ratio = self.metric.plausible_ratio
        raised = own is not None and self.metric.cumulative and claim.value >= own.value
        far = (agree.implausible(claim, own, ratio * ratio) if raised and own is not None
               else agree.implausible(claim, current, ratio))
        reasons = [self._no_tally(claim) or far, None if source else "names no source"]
        found = [r for r in reasons if r]
        return "; ".join(found) if found else None

    def _first_doubt(self, claim: Claim) -> str | None:
        """Why a first figure cannot be the baseline on its own, or None: no tally of the metric, an article
        that names no source (blind round r12: an unsourced "17 killed", a day's body count, became the
        baseline of North Korean dead and held the NIS's 300 and later 6,000 as implausible), or a named
        report far from every report held before it (round r6: a misread "300" named by the NIS against an
        unsourced, real 12,000): the held reports are all anyone has said, so they are what it is measured by."""
        reasons = [self._no_tally(claim), None if source_of(claim) else "names no source"]
        if not any(reasons):
            said = [h for h in self.held.values() if _other_report(h, claim) and self._no_tally(h) is None]
            far = [agree.implausible(claim, h, self.metric.plausible_ratio) for h in said]
            if said and all(far):
                reasons.append(f"far from the {said[0].value:,.0f} another report gives" if len(said) == 1
                               else f"far from all {len(said)} reports held")
        found = [r for r in reasons if r]
        return "; ".join(found) if found else None

    def _no_tally(self, claim: Claim) -> str | None:
        """Why a figure is no tally of this metric: below its `smallest` or above its `largest`, or None
        (blind round r8: "1.5 million" read as howitzers was the first figure, the baseline, and held
        the real 50 and 200 as implausible)."""
        smallest, largest = self.metric.smallest, self.metric.largest
        if 0 < claim.value < smallest:
            return f"below {smallest:,.0f}, no tally of this figure"
        if 0 < largest < claim.value:
            return f"above {largest:,.0f}, no tally of this figure"
        return None

    def _partners(self, claim: Claim) -> list[Claim]:
        """Held reports an independent source corroborates with this one (none: still held)."""
        source = source_of(claim)
        partners = [h for s, h in self.held.items() if s != source and _other_report(h, claim)
                    and agree.corroborates(claim, h, self.metric.threshold)]
        named = {source_of(c) for c in (claim, *partners)} - {""}
        return partners if len(named) >= 2 else []

    def _outvoted(self, claim: Claim, current: Claim) -> list[Claim]:
        """Held reports of other named sources that put the figure in the same place as this one,
        far from the current figure on the same side and within the ratio of each other: then the
        current figure is the odd one (a day's skirmish toll read before the war's totals), and
        two independent sources are enough to move on from it; upwards only, for a cumulative count."""
        source, ratio = source_of(claim), self.metric.plausible_ratio
        if not source or ratio <= 1 or claim.value <= 0 or current.value <= 0:
            return []
        up = claim.value > current.value
        if self.metric.cumulative and not up:
            return []  # a count that only grows is not outvoted downwards: two small misreads ("300 killed" read
            # as troops, "101 portraits") must not replace the 11,000 sent (blind round r6)
        return [h for s, h in self.held.items() if s and s != source and h.value > 0 and _other_report(h, claim)
                and (h.value > current.value) == up
                and agree.implausible(h, current, ratio) is not None
                and max(h.value, claim.value) / min(h.value, claim.value) <= ratio]

    def _hold(self, claim: Claim, key: str, current: Claim | None, reason: str) -> Event | None:
        source = source_of(claim)
        told = any(agree.same_figure(h, claim, self.metric.threshold) for h in self.held.values())
        self.held[source] = claim  # a source's newer report stands for its earlier held one
        if not self.compact:
            self.unaccepted.add(key)
        if told:
            return None  # this figure is held already: news once
        return Event(kind="unconfirmed", metric=claim.metric, new=claim, old=current, reason=reason,
                     series=tuple(self.series.get(source, ())))

    def _confirm(self, claim: Claim, key: str) -> Event | None:
        """A person confirmed a held report (`figwatch review --confirm`): release it as news."""
        self.held.pop(source_of(claim), None)
        self.unaccepted.discard(key)
        self.keys[key] = claim
        current = self.baseline
        if current is None:
            return self._accept(claim, advance=True, news=("new", None, False))
        news = self._kind(claim, current, agree.compatible(current, claim, self.metric.threshold))
        return self._accept(claim, advance=order(claim) > order(current), news=news)

    def _release(self, claim: Claim) -> None:
        """A held report an independent source corroborated: history from now on."""
        source = source_of(claim)
        self.held.pop(source, None)
        self.unaccepted.discard(report_key(claim))
        self._record(claim, source)

    def _accept(self, claim: Claim, *, advance: bool,
                news: tuple[EventKind, Claim | None, bool] | None = None, told: bool = True) -> Event | None:
        source = source_of(claim)
        event = None
        if news is not None:
            kind, old, revision = news
            event = Event(kind=kind, metric=claim.metric, new=claim, old=old, revision=revision,
                          series=tuple(self.series.get(source, ())))
        self._record(claim, source, told)
        if source:
            self.held.pop(source, None)  # its own newer report stands for a held one
            for held in list(self.held.values()):  # an independent source states a held figure
                if _other_report(held, claim) and agree.corroborates(claim, held, self.metric.threshold):
                    self._release(held)
        if advance:
            self.baseline = claim
        return event

    def _record(self, claim: Claim, source: str, told: bool = True) -> None:
        """An accepted report: a known figure (unless derived, or never told: "up to 8,000" agreeing with 3,000
        raised nothing, so a later "nearly 8,000" is still news) and its source's latest."""
        if told and not claim.derived:
            self.known.add(claim)
        if not source:
            return
        self.latest[source] = claim
        own = self.series.setdefault(source, [])
        if not own or not agree.same_figure(own[-1], claim, self.metric.threshold):
            own.append(claim)
            del own[:-SERIES_MAX]

    # -- reading -------------------------------------------------------------------------------

    def estimates(self, event: Event) -> tuple[Claim, ...]:
        """Each source's current estimate within the window of a disagreement, newest first."""
        assert event.new.published is not None
        since = event.new.published - self.window
        picks = {s: c for s, c in self.latest.items() if c.published is not None and c.published >= since}
        for claim in (event.new, event.old):
            if claim is not None and source_of(claim) not in picks:
                picks[source_of(claim)] = claim
        return tuple(sorted(picks.values(), key=order, reverse=True))

    def figure(self) -> Figure:
        """The figure after an in-order fold (a replay): accepted reports, held ones, the baseline."""
        reports = sorted(self.keys.items(), key=lambda item: order(item[1]))
        return Figure(metric=self.metric.name, baseline=self.baseline,
                      history=tuple(c for k, c in reports if k not in self.unaccepted),
                      held=tuple(c for k, c in reports if k in self.unaccepted))


def replay(metric: Metric, reports: Iterable[Claim], window_days: int = 14, *, compact: bool = False) -> MetricFold:
    """A metric's fold over distinct reports in publication order: what they make of the figure,
    whatever order they arrived in."""
    fold = MetricFold(metric, window_days, compact=compact)
    for claim in sorted(reports, key=lambda c: (order(c), copy_rank(c))):
        fold.fold(claim)
    return fold
