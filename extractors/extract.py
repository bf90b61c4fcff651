"""Text in, claims out: the extractor's one entry point.

The page is cut to its article (boilerplate.py), split into sentences (sentences.py); each
sentence's numbers (numbers.py) are classified (classify.py) and attributed (attribution.py finds
who says so in a sentence, sourcing.py resolves it across the document).

Titles: pass the whole document as `text`, headline included, and a headline repeated in the
body gives one claim (the body's). A `title` that does not occur in `text` is read as well; a
figure only the title states is returned with `evidence` equal to the title and `start`/`end`
indexing the title (title[start:end] is the number), since it has no place in `text`.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import NamedTuple

from extractors.as_of import find_as_of, reference_year
from extractors.attribution import Attribution
from extractors.boilerplate import content_lines
from extractors.classify import Classifier, Context, Span
from extractors.controls import blank_controls, blank_stamps
from extractors.cues import SentenceCues
from extractors.decider import Decider
from extractors.features import document_features, figure_features
from extractors.lexicon import Lexicon
from extractors.repeats import Found, merge_repeats
from extractors.sentences import LABEL_LINE, Sentence, split_sentences
from extractors.sourcing import DocumentSources
from extractors.topic import Topic, load_topic
from extractors.work import Work
from figwatch.models import Claim, Stance

LINK_BACK = 2  # sentences before a figure that may tie it to Russia
TITLE_LINES = 5  # the headline is a heading among the first sentences (menus may come first): its tie holds throughout
LEAD_SENTENCES = 12  # the lead paragraph, whose tie holds throughout too, is among the first sentences
MAX_FIGURES = 40  # a "sentence" with more numbers than this is a table or junk, not a report

class Why(NamedTuple):
    """Why a claim reads as it does: the named rules that decided its metric, its noun and party and its
    source, and what set its confidence (`figwatch extract --why`)."""

    metric_rule: str  # Claim.rule
    whose_rule: str
    noun: str
    predicate: str | None
    source_rule: str
    confidence: tuple[str, ...]
    stance: Stance = "current"
    # the learned layer's score, whether it decided (else the cascade did) and its weightiest features
    learned: float | None = None
    learned_decides: bool = False
    learned_top: tuple[tuple[str, float], ...] = ()

    def lines(self) -> list[str]:
        stance = f" (stance: {self.stance})" if self.stance != "current" else ""
        out = [f"metric: {self.metric_rule} (predicate {self.predicate or '-'}; noun {self.noun}, whose: "
               f"{self.whose_rule})",
               f"source: {self.source_rule or 'none found'}",
               f"confidence: {'; '.join(self.confidence)}{stance}"]
        if self.learned is not None:
            role = "decides" if self.learned_decides else "off, shown only"
            top = ", ".join(f"{name} {w:+.2f}" for name, w in self.learned_top)
            out.append(f"learned layer ({role}): {self.learned:.3f}; top features: {top or '-'}")
        return out


def _masked(text: str, start: int, end: int, attributions: list[Attribution]) -> str:
    """The sentence with source names blanked, so "Ukraine's military said" names no party."""
    parts: list[str] = []
    at = start
    for a in attributions:
        if a.start >= at and a.end > a.start and a.end <= end:
            parts.extend((text[at:a.start], " " * (a.end - a.start)))
            at = a.end
    parts.append(text[at:end])
    return "".join(parts)


class _Links:
    """Which sentences are tied to Russia (read lazily, once each)."""

    def __init__(self, text: str, topic: Topic, sents: list[Sentence], work: Work) -> None:
        self.text, self.topic, self.sents, self.work = text, topic, sents, work
        self._links: dict[int, bool] = {}
        self.heads = [j for j in range(min(TITLE_LINES, len(sents))) if sents[j].heading]  # the headline's sentences
        self._lead: list[int] | None = None
        self._lead_ties: bool | None = None  # whether the lead ties the story to Russia, once asked

    def linked(self, i: int) -> bool:
        """Is the sentence tied to Russia: by itself, the LINK_BACK sentences before, the headline or the lead?"""
        if any(map(self._linked, [*self.heads, *range(max(0, i - LINK_BACK), i + 1)])):
            return True
        if self._lead_ties is None:  # the lead is one for the whole story: asked once, not once a figure
            self._lead_ties = any(map(self._linked, self.lead()))
        return self._lead_ties

    def _linked(self, j: int) -> bool:
        self.work.link_steps += 1
        if j not in self._links:
            s = self.sents[j]
            self._links[j] = bool(self.topic.link.search(self.text, s.start, s.end))
        return self._links[j]

    def lead(self) -> list[int]:
        """The story's lead: the first body paragraph that names the topic's party. Like the headline,
        it says what the story is about ("the North Korean soldiers fighting on Russia's side"), so a
        transcript's guest who later says "they've sent twelve thousand men" speaks of them."""
        if self._lead is None:
            self._lead = []
            for j in range(min(LEAD_SENTENCES, len(self.sents))):
                s = self.sents[j]
                if not s.heading and _names_subject(self.topic, self.text, s.start, s.end):
                    self._lead = [k for k in range(j, len(self.sents)) if self.sents[k].para == s.para]
                    break
        return self._lead


def _extract(text: str, topic: Topic, published: date | None, work: Work | None = None) -> list[Found]:
    text = blank_controls(text)  # "\x1b]0;" holds no figure; spans keep indexing the text as given
    text = blank_stamps(text, topic.grammar.stamp)
    scanner, classifier, party = topic.scanner, Classifier(topic), topic.subject_party
    work = work if work is not None else Work()
    sents = split_sentences(text, content_lines(text, topic), topic, work)
    sources, links = DocumentSources(text, topic, sents, work), _Links(text, topic, sents, work)
    ref, ref_read = None, False  # the year an undated "late February" falls in: read at the first figure
    gate = _Gate(text, topic)
    work.sentences = len(sents)
    ctx, found = Context(), []
    held: Context | None = None  # the story before a heading, for the body if the heading names no one
    for i, s in enumerate(sents):
        if s.heading and i and sents[i - 1].para != s.para and not LABEL_LINE.match(text, s.start, s.end):
            held, ctx = held or ctx, Context()  # a heading (a teaser, a live blog's entry) opens its own story
        elif held is not None and not s.heading:
            ctx = held if ctx == Context() else ctx
            held = None
        if ctx.party != party and not gate.open(s.start, s.end):
            continue  # no party of the topic in sight: no figure here can be the topic's
        mentions = scanner.scan(text, s.start, s.end)
        work.sentences_read += 1
        work.chars_read += s.end - s.start
        if len(mentions) > MAX_FIGURES:
            continue  # a table or a run of numbers, not prose
        work.figures += len(mentions)
        masked = _masked(text, s.start, s.end, sources.attrs(i)) if mentions else text[s.start:s.end]
        decided = []
        last: tuple[int, int, str] | None = _UNREAD
        if mentions:
            masked_cues = SentenceCues(masked, 0, len(masked))
            cues = masked_cues.all(topic.parties)  # read once: "nk?" here, the last cue below
            nk, last = any(lab == party for _, _, lab in cues), (cues[-1] if cues else None)
            span = Span(text, s.start, s.end, s.heading, nk, links.linked(i), sents[i - 1].start if i else s.start,
                        SentenceCues(text, s.start, s.end), masked_cues)
            decided = classifier.classify(span, mentions, ctx)
        if decided and not ref_read:
            ref, ref_read = reference_year("\n".join(text[s.start:s.end] for s in sents[:400]), published), True
        as_of = find_as_of(text, s.start, s.end, topic, ref) if decided else None
        for m, d in decided:
            source, source_rule = sources.source_for(i, m.start)
            claim = Claim(metric=d.metric, value=float(m.value), qualifier=m.qualifier,
                          evidence=text[s.start:s.end].strip(),
                          start=m.start, end=m.end, low=m.low, high=m.high, source=source,
                          source_key=topic.canonical_source(source), confidence=d.confidence, as_of=as_of,
                          # a share of a total, and a vague amount read as its least ("millions of": at least
                          # 1,000,000), are derived: marked so wherever shown, never a digest's lead on their own
                          revised_from=m.revised_from, stance=d.stance, derived=m.kind in ("fraction", "vague"),
                          rule=d.rule)
            feats = figure_features(topic, claim, d, m, span, source_rule=source_rule, sentence=i,
                                    sentences=len(sents), mentions=len(mentions))
            found.append(Found(claim, s.heading, d, source_rule, feats=feats))
        # an earlier figure says nothing of the story
        current = [md for md in decided if md[1].stance != "superseded"] if decided else decided
        if current or gate.names_a_party(s.start, s.end):
            _update_context(ctx, topic, masked, current, last, topic.topic_phrases)
    return found


class _Gate:
    """A cheap first look (lower-case keywords, str.find) before any regex reads a sentence."""

    def __init__(self, text: str, topic: Topic) -> None:
        self.keys, self.context_keys = topic.gate, topic.context_gate
        low = text.lower()
        self.low = low if len(low) == len(text) else None  # some letters change length when lowered
        self.text, self.topic = text, topic

    def names_a_party(self, start: int, end: int) -> bool:
        """Could any party cue be in text[start:end]? (False is certain; True means: look.)"""
        if not self.context_keys or self.low is None:
            return True
        return any(self.low.find(k, start, end) >= 0 for k in self.context_keys)

    def open(self, start: int, end: int) -> bool:
        if not self.keys:
            return _names_subject(self.topic, self.text, start, end)
        if self.low is None:
            return any(k in self.text[start:end].lower() for k in self.keys)
        return any(self.low.find(k, start, end) >= 0 for k in self.keys)


def _names_subject(topic: Topic, text: str, start: int, end: int) -> bool:
    """Does text[start:end] name the topic's party?"""
    return any(lab == topic.subject_party for _, _, lab in topic.parties.hits(text, start, end))


_UNREAD = (-1, -1, "")  # the sentence's party cues were not read yet


def _update_context(ctx: Context, topic: Topic, masked: str, decided: list,
                    last: tuple[int, int, str] | None = _UNREAD, phrases: Lexicon | None = None) -> None:
    """Remember whom the sentence spoke of, for "of them" in the next (last: its last party cue); a
    sentence with no figure that names a metric ("the number of North Korean troops") makes it
    what "puts it at" in the next sentence estimates."""
    if decided:  # the topic's party's: a party named last is a weapon's recipient ("sent to Russian units")
        ctx.metric, ctx.party = decided[-1][1].metric, topic.subject_party
        personnel = [d for _, d in decided if topic.counts_people(d.noun)]
        if personnel:  # the group spoken of: "wounded" leaves people for the next sentence, not wounded ones
            ctx.noun = topic.member(personnel[-1].noun)
        return
    last = topic.parties.last(masked) if last is _UNREAD else last
    if last:
        ctx.party = last[2]
        hit = topic.nouns.search(masked, last[1], min(len(masked), last[1] + 60))  # "North Korean troops": the head
        if hit and hit[2] not in topic.noun_party and hit[2] not in topic.noun_implies:
            ctx.noun = hit[2]
    named = phrases.last(masked) if phrases is not None and not decided and phrases.may_match(masked) else None
    if named and named[2] in topic.specs:
        ctx.metric, ctx.party, ctx.noun = named[2], topic.subject_party, topic.specs[named[2]].nouns[0]


def _in_text(title: str, text: str) -> bool:
    """Does the text hold the title: whole, or cut ("... could be as high as 3…": a feed's or a file's
    cut of the first line is no headline of its own, and its last number may be cut short)?"""
    stem = title.strip()
    cut = stem.rstrip("…").rstrip(".").rstrip()
    return stem in text or (cut != stem and bool(cut) and cut in text)


OVERTAKEN_REACH = 200  # characters between a figure and the same source's figure that overtakes it
TITLE_REACH = 300  # characters from the text's start where a scraped copy repeats its headline


def _title_apart(text: str, title: str | None) -> str:
    """A scraped copy that runs its headline into the body ("... Amid Mass Casualties The White House has
    said"): the headline ends its own line, so no source or sentence reads across it. The space after it
    becomes a newline, so every offset stays as it was."""
    stem = (title or "").strip()
    at = text.find(stem, 0, TITLE_REACH + len(stem)) if len(stem) > 20 else -1
    end = at + len(stem)
    if at < 0 or text[end:end + 1] not in (" ", "\t") or not text[end + 1:end + 2].isupper():
        return text
    return f"{text[:end]}\n{text[end + 1:]}"


def candidates(text: str, topic: Topic, title: str | None = None,
               published: date | datetime | None = None) -> list[Found]:
    """Every figure the cascade reads, kept or held (below 0.5), before repeats are merged, each with
    its features: what the learned layer decides on (`settle`)."""
    pub = published.date() if isinstance(published, datetime) else published
    text = _title_apart(text, title)
    found = _overtaken(text, topic, _extract(text, topic, pub))
    if title and title.strip() and not _in_text(title, text):
        cap = topic.confidence.get("title", 0.8)
        heads = []
        for f in _extract(title, topic, pub):
            conf = min(f.claim.confidence, cap)
            feats = dict(f.feats or {})
            feats["confidence"], feats["held"], feats["title-only"] = conf, float(conf < 0.5), 1.0
            heads.append(f._replace(claim=replace(f.claim, confidence=conf), heading=True, title_cap=f"title {cap:g}",
                                    feats=feats))
        found = found + heads
    document_features([f.claim for f in found], [f.feats or {} for f in found])
    return found


def _overtaken(text: str, topic: Topic, found: list[Found]) -> list[Found]:
    """"The number of war dead was at least 600. But based on updated assessments, it now estimates the figure at
    around 2,000": a source's figure followed, within OVERTAKEN_REACH characters, by another of the same metric from
    the same source with a word of revision before it in its sentence ("now", "updated") is overtaken: superseded, as
    "up from 600" would make it (blind round r8: the 600 became a change, the 2,000 waited as 3.3x of it)."""
    cap = topic.confidence.get("superseded", 0.3)
    out = list(found)
    for k, f in enumerate(found):
        a = f.claim
        if a.stance != "current" or not a.source_key:
            continue
        later = next((g.claim for g in found[k + 1:] if g.claim.metric == a.metric and g.claim.start > a.end), None)
        if (later is None or later.stance != "current" or later.source_key != a.source_key
                or later.value == a.value or later.start - a.end > OVERTAKEN_REACH):
            continue
        opening = later.evidence[:40]  # the later figure's sentence opens with its evidence
        sentence = text.rfind(opening, 0, later.start + len(opening))
        # the word of revision in the later figure's sentence ("50 guns now used ..." revises nothing)
        if topic.grammar.overtaken.search(text, max(a.end, sentence), later.start):
            out[k] = f._replace(claim=replace(a, stance="superseded", confidence=min(a.confidence, cap)))
    return out


def settle(found: list[Found], layer: Decider | None) -> list[Found]:
    """The claims given: with a learned layer, its confidence replaces the cascade's (which its features
    hold); then a headline repeated in the body, and an exact repeat, are merged."""
    if layer is not None:
        found = [f._replace(claim=replace(f.claim, confidence=layer.confidence(f.feats or {})),
                            cascade=f.claim.confidence) for f in found]
    return merge_repeats(found)


def _found(text: str, topic: Topic | None, title: str | None, published: date | datetime | None) -> list[Found]:
    topic = topic or load_topic()
    return settle(candidates(text, topic, title, published), topic.layer)


def extract(text: str, *, topic: Topic | None = None, title: str | None = None,
            published: date | datetime | None = None) -> list[Claim]:
    """The topic's figures reported in `text` (and in `title`, when the text lacks it)."""
    return [f.claim for f in _found(text, topic, title, published)]


def explain(text: str, *, topic: Topic | None = None, title: str | None = None,
            published: date | datetime | None = None) -> list[tuple[Claim, Why]]:
    """The claims `extract` gives, each with why it reads as it does (and the learned layer's score,
    when the topic names weights, whether or not the layer decides)."""
    topic = topic or load_topic()
    out = []
    for f in _found(text, topic, title, published):
        d = f.decision
        reasons = (*d.reasons, f.title_cap) if f.title_cap else d.reasons
        if f.cascade is not None:
            reasons = (*reasons, f"cascade {f.cascade:g}, replaced by the learned layer")
        why = Why(d.rule, d.whose, d.noun, d.predicate, f.source_rule, reasons, d.stance)
        if topic.decider is not None and f.feats is not None:
            feats = f.feats
            why = why._replace(learned=topic.decider.confidence(feats), learned_decides=topic.learned,
                               learned_top=tuple((k, round(v, 3)) for k, v in topic.decider.top(feats)))
        out.append((f.claim, why))
    return out


def measure_work(text: str, *, topic: Topic | None = None) -> Work:
    """The work `extract` does on text, counted (for linearity tests and benchmarks)."""
    work = Work()
    merge_repeats(_extract(text, topic or load_topic(), None, work), work)
    return work
