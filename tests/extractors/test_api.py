"""The public API others call: extract, load_topic, Topic, claim_to_record."""
from __future__ import annotations

from extractors import Topic, extract, load_topic
from extractors.records import claim_to_record


def test_public_api_extracts_a_claim_and_records_it() -> None:
    topic = load_topic()
    assert isinstance(topic, Topic)
    text = "North Korea has sent about 11,000 troops to Russia, South Korea's military said."
    claims = extract(text, topic=topic)
    assert [(c.metric, c.value, c.qualifier) for c in claims] == [("troops.deployed", 11000.0, "approx")]
    record = claim_to_record(claims[0], "doc.txt")
    assert set(record) >= {"document", "metric", "value", "low", "high", "qualifier", "source", "evidence",
                           "start", "end", "confidence", "as_of", "source_key"}
    assert text[record["start"]:record["end"]] == "11,000"
    assert record["source_key"] == "South Korea military"
