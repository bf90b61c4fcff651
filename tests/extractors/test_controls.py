"""Terminal control sequences in article text hold no figure, and spans still index the text."""
from __future__ import annotations

import pytest

from extractors import extract


@pytest.mark.parametrize("sequence", ["\x1b]0;owned\x07", "\x1b[0m", "\x9b0m", "\x1b[31;1m"],
                         ids=["osc-title", "sgr-reset", "c1-csi", "sgr-two"])
def test_a_terminal_control_sequence_holds_no_figure(sequence: str) -> None:
    text = f"North Korea has sent 11,000 troops to Russia, officials said {sequence} on Thursday."
    claims = extract(text)
    assert [(c.metric, c.value) for c in claims] == [("troops.deployed", 11000.0)]
    assert text[claims[0].start:claims[0].end] == "11,000"


@pytest.mark.parametrize("stamp", ["date 2025-09-02 ", "2025-09-02 ", " date 2025-09-02T08:15 ",
                                   "Updated: 2025-09-02 "],
                         ids=["scraped-date-prefix", "bare-iso-date", "date-and-time", "updated-prefix"])
def test_a_time_stamp_opening_a_line_is_not_the_subject(stamp: str) -> None:
    """A page's stamp glued to its first sentence would stand in the subject, and the source was lost."""
    text = (f"{stamp}South Korean intelligence reported that about 4,700 North Korean soldiers were killed or "
            "wounded in Russia.")
    claims = extract(text)
    assert [(c.metric, c.value, c.source) for c in claims] == [
        ("casualties.total", 4700.0, "South Korea's National Intelligence Service (South Korean intelligence)")]
    assert text[claims[0].start:claims[0].end] == "4,700"
