"""What the rules already know of a candidate figure, as named features for the learned decision layer.

Every feature is a name and a number (1.0 for a fact that holds). The names say which rule or cue
they come from ("rule=nearest-predicate", "cap=modality-in-clause: projection", "pred=killed"), so
a weight reads as a statement about a rule, and `figwatch extract --why` can name the features
that moved a claim. Nothing here decides: decider.py weighs them.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from extractors.numbers import Mention
from extractors.reading import Decision, Span
from extractors.topic import Topic
from figwatch.models import Claim

Features = dict[str, float]
_CAP = re.compile(r"^([a-z-]+): ([a-z_]+)")  # "modality-in-clause: projection 'could' 0.3" -> the rule, the class


def figure_features(topic: Topic, claim: Claim, d: Decision, m: Mention, sp: Span, *, source_rule: str,
                    sentence: int, sentences: int, mentions: int) -> Features:
    """One candidate's features: the rules that read it, its number, its sentence and the cues there."""
    f: Features = {}
    f[f"metric={d.metric}"] = f[f"kind={d.metric.split('.')[0]}"] = 1.0
    f[f"rule={d.rule or '-'}"] = f[f"whose={d.whose or '-'}"] = f[f"noun={d.noun or '-'}"] = 1.0
    f[f"predicate={d.predicate or '-'}"] = f[f"source-rule={source_rule or '-'}"] = f[f"stance={d.stance}"] = 1.0
    f[f"qualifier={claim.qualifier}"] = f[f"number={m.kind}"] = 1.0
    for reason in d.reasons[1:]:  # the first is the start ("base 0.9"); the others are caps
        hit = _CAP.match(reason)
        f[f"cap={hit.group(1)}: {hit.group(2)}" if hit else f"cap={reason.split(' ')[0]}"] = 1.0
    f["confidence"] = claim.confidence
    f["held"] = 1.0 if claim.confidence < 0.5 else 0.0
    f["heading"] = 1.0 if sp.heading else 0.0
    f["has-source"] = 1.0 if claim.source else 0.0
    f["as-of"] = 1.0 if claim.as_of else 0.0
    f["year-like"] = 1.0 if m.year_like else 0.0
    f["revised-from"] = 1.0 if m.revised_from is not None else 0.0
    f["log-value"] = math.log10(max(claim.value, 1.0)) / 6  # 1 .. a million: 0 .. 1
    f["small-value"] = 1.0 if claim.value < 10 else 0.0
    f["round-value"] = 1.0 if claim.value >= 100 and claim.value % 100 == 0 else 0.0
    f["names-party"] = 1.0 if sp.nk_in_sentence else 0.0
    f["linked"] = 1.0 if sp.linked else 0.0
    f["first-sentences"] = 1.0 if sentence < 5 else 0.0
    f["position"] = sentence / max(sentences, 1)
    f["figures-in-sentence"] = min(mentions, 8) / 8
    f["long-sentence"] = 1.0 if sp.end - sp.start > 300 else 0.0
    _labels(f, "pred", sp.cues.all(topic.predicates))  # the lexicon classes the sentence holds
    _labels(f, "modality", sp.cues.all(topic.modality))
    _labels(f, "noun-cue", sp.cues.all(topic.nouns))
    return f


def _labels(f: Features, prefix: str, hits: list[tuple[int, int, str]]) -> None:
    for _, _, label in hits:
        f[f"{prefix}={label}"] = 1.0


def document_features(claims: Sequence[Claim], feats: Sequence[Features]) -> None:
    """Add what only the whole document tells: is the value stated again, read as another metric too
    (a conflict between rules), or the document's largest of its metric?"""
    by_value = Counter(round(c.value) for c in claims)
    metrics_of: dict[int, set[str]] = {}
    for c in claims:
        metrics_of.setdefault(round(c.value), set()).add(c.metric)
    top: dict[str, float] = {}
    for c in claims:
        top[c.metric] = max(top.get(c.metric, 0.0), c.value)
    for c, f in zip(claims, feats, strict=True):
        f["repeated"] = 1.0 if by_value[round(c.value)] > 1 else 0.0
        f["other-metric-same-value"] = 1.0 if len(metrics_of[round(c.value)]) > 1 else 0.0
        f["largest-of-metric"] = 1.0 if c.value == top[c.metric] else 0.0
        f["figures-in-document"] = min(len(claims), 40) / 40
