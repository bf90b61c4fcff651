"""Property and hostile-input tests: any text, no exception; spans hold their numbers; determinism."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract, load_topic
from extractors.numbers import find_mentions

TOPIC = load_topic()
WORDS = ["North Korea", "North Korean", "troops", "soldiers", "killed", "wounded", "or", "captured", "sent",
         "to Russia",
         "about", "nearly", "more than", "between", "and", "one-third of the", "millions of", "shells", "missiles",
         "howitzers", "said", "according to", "the JCS", ",", ".", "\n", "(", ")", "11,000", "3,000", "two", "40%",
         "could", "denied", "of them", "Related Posts", "170mm", "2025", "1:52"]
prose = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
anything = st.one_of(st.text(max_size=400), prose, st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _holds_its_number(text: str, claim) -> bool:
    span = text[claim.start:claim.end]
    return any(abs(m.value - claim.value) <= 1e-6 * max(1.0, claim.value) for m in find_mentions(span, TOPIC))


@FAST
@given(anything)
def test_any_text_gives_claims_whose_spans_hold_their_numbers(text: str) -> None:
    claims = extract(text, topic=TOPIC)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert _holds_its_number(text, claim), (text[claim.start:claim.end], claim.value)
        assert claim.metric in TOPIC.metrics
        assert 0.0 <= claim.confidence <= 1.0


@FAST
@given(prose, st.one_of(st.none(), prose))
def test_same_input_same_output(text: str, title: str | None) -> None:
    assert extract(text, topic=TOPIC, title=title) == extract(text, topic=TOPIC, title=title)


HOSTILE = [
    "\x00\x01\x02\x1b[31m North Korea sent \u202e11,000\u202c troops to Russia \ufeff\ud7ff",
    "𝟏𝟏,𝟎𝟎𝟎 North Korean troops 🇰🇵 in Russia; ١١٬٠٠٠ جندي; 一万一千名士兵",
    "North Korea " + "9" * 500 + " troops to Russia " + "1," * 300 + "000 soldiers",
    "North Korea " + "(" * 2000 + "11,000 troops in Russia" + ")" * 2000,
    "North Korea sent troops " + "x" * 1_000_000 + " 11,000 troops to Russia.",
    "North Korean troops " + "1,000 troops " * 80_000,
    "\n" * 50_000 + "North Korea sent 3,000 more troops to Russia.",
    "North Korea sent " + "about " * 5_000 + "3,000 troops to Russia.",
    "İİİİ North Korea sent 11,000 troops to Russia. ß" * 100,
]


def test_hostile_inputs_raise_nothing_and_keep_spans() -> None:
    for text in HOSTILE:
        for claim in extract(text, topic=TOPIC, title=text[:200]):
            if claim.evidence != text[:200]:
                assert _holds_its_number(text, claim)
