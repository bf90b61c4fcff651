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
