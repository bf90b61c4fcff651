"""Text in, claims out: the extractor's one entry point.

The page is cut to its article (boilerplate.py), split into sentences (sentences.py); each
sentence's numbers (numbers.py) are classified (classify.py) and attributed (attribution.py).

Titles: pass the whole document as `text`, headline included, and a headline repeated in the
body gives one claim (the body's). A `title` that does not occur in `text` is read as well; a
figure only the title states is returned with `evidence` equal to the title and `start`/`end`
indexing the title (title[start:end] is the number), since it has no place in `text`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from extractors.attribution import PRONOUN, Attribution, attributor_for, pick
from extractors.boilerplate import content_lines
from extractors.classify import Classifier, Context, Span
from extractors.dates import find_as_of, reference_year
from extractors.numbers import scanner_for
from extractors.sentences import Sentence, split_sentences
from extractors.topic import Topic, load_topic
from figwatch.models import Claim

LINK_BACK = 2  # sentences before a figure that may tie it to Russia

_CLASSIFIERS: dict[int, tuple[Topic, Classifier]] = {}


@dataclass(frozen=True)
class _Found:
    claim: Claim
    heading: bool


def _classifier(topic: Topic) -> Classifier:
    hit = _CLASSIFIERS.get(id(topic))
    if hit is None or hit[0] is not topic:
        hit = _CLASSIFIERS[id(topic)] = (topic, Classifier(topic))
    return hit[1]


def _masked(text: str, attributions: list[list[Attribution]]) -> str:
    """The text with source names blanked, so "Ukraine's military said" names no party."""
    parts, at = [], 0
    for attrs in attributions:
        for a in attrs:
            if a.start >= at and a.end > a.start:
                parts.extend((text[at:a.start], " " * (a.end - a.start)))
                at = a.end
    parts.append(text[at:])
    return "".join(parts)


def _sources(sents: list[Sentence], attrs: list[list[Attribution]]) -> list[str | None]:
    """Each sentence's own source, pronouns resolved to the source named last."""
    out: list[str | None] = []
    last: str | None = None
    for found in attrs:
        src = found[0].source if found else None
        if src == PRONOUN:
            src = last
        last = src or last
        out.append(src)
    return out


def _paragraph_source(i: int, sents: list[Sentence], own: list[str | None], explicit: list[bool]) -> str | None:
    """A figure with no source in its sentence takes its paragraph's: the sentences before, else an
    "according to" in the next sentence (a source closing a run of figures)."""
    para = sents[i].para
    for j in range(i - 1, -1, -1):
        if sents[j].para != para:
            break
        if own[j]:
            return own[j]
    nxt = i + 1
    if nxt < len(sents) and sents[nxt].para == para and explicit[nxt]:
        return own[nxt]
    return None


def _source_for(i: int, at: int, sents: list[Sentence], attrs: list[list[Attribution]],
                own: list[str | None]) -> str | None:
    chosen = pick(attrs[i], at)
    if chosen and chosen.source != PRONOUN:
        return chosen.source
    explicit = [any(a.explicit for a in found) for found in attrs]
    return (own[i] if chosen else None) or _paragraph_source(i, sents, own, explicit)


def _extract(text: str, topic: Topic, published: date | None) -> list[_Found]:
    scanner, attributor, classifier = scanner_for(topic), attributor_for(topic), _classifier(topic)
    sents = split_sentences(text, content_lines(text, topic), topic)
    attrs = [attributor.find(text, s.start, s.end) for s in sents]
    own, masked = _sources(sents, attrs), _masked(text, attrs)
    ref = reference_year("\n".join(text[s.start:s.end] for s in sents[:400]), published)
    links = [bool(topic.link.search(text, s.start, s.end)) for s in sents]
    ctx, found = Context(), []
    for i, s in enumerate(sents):
        nk = bool(topic.parties.regex and any(lab == "nk" for _, _, lab in topic.parties.finditer(masked, s.start, s.end)))
        span = Span(text, masked, s.start, s.end, s.heading, nk, any(links[max(0, i - LINK_BACK):i + 1]),
                    sents[i - 1].start if i else s.start)
        decided = classifier.classify(span, scanner.scan(text, s.start, s.end), ctx)
        as_of = find_as_of(text, s.start, s.end, topic, ref) if decided else None
        for m, d in decided:
            source = _source_for(i, m.start, sents, attrs, own)
            claim = Claim(metric=d.metric, value=float(m.value), qualifier=m.qualifier, evidence=text[s.start:s.end].strip(),
                          start=m.start, end=m.end, low=m.low, high=m.high, source=source,
                          source_key=topic.canonical_source(source), confidence=d.confidence, as_of=as_of,
                          revised_from=m.revised_from)
            found.append(_Found(claim, s.heading))
        _update_context(ctx, topic, masked, s, decided)
    return found


def _update_context(ctx: Context, topic: Topic, masked: str, s: Sentence, decided: list) -> None:
    """Remember whom the sentence spoke of, for "of them" in the next."""
    personnel = [d for _, d in decided if d.noun not in ("missile", "shell", "artillery_system")]
    if decided:
        ctx.metric = decided[-1][1].metric
    if personnel:
        ctx.party, ctx.noun = "nk", personnel[-1].noun
        return
    last = topic.parties.last(masked, s.start, s.end)
    if last:
        ctx.party = last[2]
    hit = topic.nouns.last(masked, s.start, s.end)
    if hit and hit[2] not in topic.noun_party and hit[2] in ("personnel",):
        ctx.noun = hit[2]


def _same(a: Claim, b: Claim) -> bool:
    return a.metric == b.metric and abs(a.value - b.value) <= 0.02 * max(abs(a.value), abs(b.value), 1.0)


def _dedupe(found: list[_Found]) -> list[Claim]:
    """A headline repeated in the body is one claim; an exact repeat is one claim."""
    body = [f.claim for f in found if not f.heading and f.claim.confidence >= 0.5]
    out, seen = [], set()
    for f in found:
        c = f.claim
        if f.heading and any(_same(c, b) for b in body):
            continue
        key = (c.metric, c.value, c.low, c.high, c.qualifier, c.source_key, c.confidence >= 0.5)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def extract(text: str, *, topic: Topic | None = None, title: str | None = None,
            published: date | datetime | None = None) -> list[Claim]:
    """The topic's figures reported in `text` (and in `title`, when the text lacks it)."""
    topic = topic or load_topic()
    pub = published.date() if isinstance(published, datetime) else published
    found = _extract(text, topic, pub)
    if title and title.strip() and title.strip() not in text:
        heads = [_Found(replace(f.claim, confidence=min(f.claim.confidence, topic.confidence.get("title", 0.8))), True)
                 for f in _extract(title, topic, pub)]
        found = found + heads
    return _dedupe(found)
