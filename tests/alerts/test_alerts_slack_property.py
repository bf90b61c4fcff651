"""Property: whatever the article text, Slack messages stay within limits and lose no word of the view."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts import build_digest, render_digest
from alerts.digest_view import digest_view
from alerts.slack_blocks import mrkdwn_escape, split_text
from figwatch.models import Metric
from tests.alerts.alerts_fakes import NOW, changed

quotes = st.text(alphabet=st.sampled_from("ab &<>\n—x"), min_size=1, max_size=4000)


@settings(max_examples=40, deadline=None)
@given(st.lists(quotes, min_size=1, max_size=30))
def test_messages_within_limits_and_complete(texts):
    metrics = {f"m.{i}": Metric(f"m.{i}", f"Figure {i} & <{i}>", "units") for i in range(len(texts))}
    events = [changed(f"m.{i}", 100 + i, 200 + i, evidence=t) for i, t in enumerate(texts)]
    digest = build_digest(events, [], metrics, now=NOW)
    messages = render_digest(digest, metrics).slack_messages
    sections = ""
    for m in messages:
        assert len(m["blocks"]) <= 50 and len(m["blocks"][0]["text"]["text"]) <= 150
        for b in m["blocks"]:
            if b["type"] == "section":
                assert 0 < len(b["text"]["text"]) <= 3000
                sections += b["text"]["text"]
    squeezed = re.sub(r"\s+", "", sections)
    for item in digest_view(digest, metrics).items:  # every item's label and quote, whole
        assert mrkdwn_escape(item.label) in sections
        assert item.cite is not None and re.sub(r"\s+", "", mrkdwn_escape(item.cite.quote)) in squeezed


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("a &;\n"), max_size=9000), st.integers(10, 3000))
def test_split_text_respects_the_limit_and_keeps_every_character(text, limit):
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", text)
