"""How much the extractor read, counted: the bound that keeps it linear (tests check it, not a clock)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Work:
    """Counters the extractor's hot loops add to; one per document (measure_work)."""

    sentences: int = 0
    sentences_read: int = 0  # past the keyword gate
    chars_read: int = 0  # characters of the sentences read
    figures: int = 0  # numbers classified (each with a bounded window: classify.WINDOW)
    split_chars: int = 0  # characters the sentence splitter's scans read
    attribution_chars: int = 0  # characters of the sentences read for attributions
    antecedent_chars: int = 0  # characters searched for what a pronoun ("the ministry") stands for
    source_steps: int = 0  # steps of the who-said-it search over neighbouring sentences
    line_chars: int = 0  # characters searched back for the start of a figure's line (a fact box's, a list's)
    dedupe_steps: int = 0  # body figures a headline's figure is compared with
    link_steps: int = 0  # sentences asked whether they tie a figure to Russia (each read once, then remembered)
