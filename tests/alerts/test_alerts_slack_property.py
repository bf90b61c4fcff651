"""Property: whatever the article text, Slack messages stay within limits and lose no word."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts import build_digest, render_digest
from alerts.slack_blocks import mrkdwn_escape, split_text
from tests.alerts.alerts_fakes import METRICS, NOW, changed

quotes = st.text(alphabet=st.sampled_from("ab &<>\n—x"), min_size=1, max_size=4000)


@settings(max_examples=40, deadline=None)
@given(st.lists(quotes, min_size=1, max_size=30))
def test_messages_within_limits_and_complete(texts):
    events = [changed("casualties.total", 100 + i, 200 + i, evidence=t) for i, t in enumerate(texts)]
    messages = render_digest(build_digest(events, [], METRICS, now=NOW), METRICS).slack_messages
    sections = ""
    for m in messages:
        assert len(m["blocks"]) <= 50 and len(m["blocks"][0]["text"]["text"]) <= 150
        for b in m["blocks"]:
            if b["type"] == "section":
                assert 0 < len(b["text"]["text"]) <= 3000
                sections += b["text"]["text"]
    squeezed = re.sub(r"\s+", "", sections)
    for t in texts:
        assert re.sub(r"\s+", "", mrkdwn_escape(t.strip())) in squeezed


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("a &;\n"), max_size=9000), st.integers(10, 3000))
def test_split_text_respects_the_limit_and_keeps_every_character(text, limit):
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert re.sub(r"\s+", "", "".join(pieces)) == re.sub(r"\s+", "", text)
