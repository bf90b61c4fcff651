"""The classifier's decisions are ordered lists of small named rules, each with its example; every
claim names the rule that decided its metric, and `explain` gives the rest of why."""
from __future__ import annotations

import pytest

from extractors import explain
from extractors.confidence import CONFIDENCE_RULES, SENTENCE_RULES
from extractors.metric import METRIC_RULES, PREDICATE_RULES, REFINE_RULES
from extractors.sourcing import SOURCE_RULES
from extractors.whose import WHOSE_RULES
from tests.extractors.cases import CONTEXT, TOPIC

ALL = {"whose": WHOSE_RULES, "metric": METRIC_RULES, "predicate": PREDICATE_RULES, "refine": REFINE_RULES,
       "confidence": CONFIDENCE_RULES, "sentence": SENTENCE_RULES, "source": SOURCE_RULES}
METRIC_NAMES = {r.name for r in (*METRIC_RULES, *PREDICATE_RULES, *REFINE_RULES)} | {"sentence-predicate"}


@pytest.mark.parametrize("kind", list(ALL))
def test_every_rule_has_a_name_and_an_example(kind: str) -> None:
    names = [r.name for r in ALL[kind]]
    assert len(set(names)) == len(names)
    for r in ALL[kind]:
        assert r.example and ('"' in r.example or "“" in r.example), r.name


@pytest.mark.parametrize("text, metric, rule, whose, source_rule", [
    ("North Korea has sent 11,000 troops to Russia, the NIS said.",
     "troops.deployed", "nearest-predicate", "party-before", "named-in-clause"),
    (CONTEXT + "About 4,000 North Korean casualties were reported, according to Kyiv.",
     "casualties.total", "noun-implies", "party-in-phrase", "named-in-clause"),
    (CONTEXT + "Some 3,000 North Korean troops in Kursk have been counted, Seoul said.",
     "troops.deployed", "weak-predicate", "party-in-phrase", "named-in-clause"),
    ("North Korea has lost about 300 soldiers killed in Russia's Kursk region, Seoul said.",
     "casualties.killed", "breakdown-after-head", "party-before", "named-in-clause"),
    (CONTEXT + "Some 2,000 of the soldiers sent to Russia were killed, Seoul said.",
     "casualties.killed", "part-of-group", "sentence-party", "named-in-clause"),
    (CONTEXT + "Of the 15,000 soldiers dispatched, around 2,000 had been killed, Seoul said.",
     "casualties.killed", "part-passive", "previous-figure", "named-in-clause"),
    (CONTEXT + "Of the roughly 6,000 casualties, about 2,000 were killed, the NIS said.",
     "casualties.killed", "fate-named-before", "previous-figure", "named-in-clause"),
    ("Pyongyang has supplied Russia with some 250 ballistic missiles, the NIS said.",
     "weapons.missiles", "sentence-predicate", "party-before", "named-in-clause"),
], ids=["nearest", "noun-implies", "weak", "breakdown", "part-of-group", "part-passive", "fate", "sentence-scope"])
def test_each_claim_names_the_rules_that_read_it(text, metric, rule, whose, source_rule) -> None:
    claim, why = explain(text, topic=TOPIC)[-1]
    assert (claim.metric, claim.rule) == (metric, rule)
    assert (why.metric_rule, why.whose_rule, why.source_rule) == (rule, whose, source_rule)
    assert claim.rule in METRIC_NAMES


def test_the_confidence_reasons_name_their_rules() -> None:
    [(claim, why)] = explain("North Korea could send up to 30,000 more troops to Russia, Kyiv said.", topic=TOPIC)
    assert why.confidence == ("base 0.9", "modality-in-clause: projection 'could' 0.3")
    assert (claim.confidence, claim.stance) == (0.3, "planned")


def test_a_source_from_the_paragraph_says_so() -> None:
    [_, (claim, why)] = explain("Seoul's spy agency briefed lawmakers on Tuesday. North Korea has sent 11,000 troops "
                                "to Russia, it said. About 3,000 more arrived in January.", topic=TOPIC)
    assert (claim.value, why.source_rule, claim.source) == (3000, "paragraph", "South Korea's National Intelligence "
                                                                                "Service (Seoul's spy agency)")
