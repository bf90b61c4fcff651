"""Linear in input size, proven by counted work rather than a clock."""
from __future__ import annotations

from extractors import extract, load_topic
from extractors.classify import WINDOW
from extractors.extract import measure_work
from extractors.sentences import MAX_SENTENCE

TOPIC = load_topic()


def test_five_megabytes_of_digits_commas_and_troops_is_gated_out() -> None:
    text = "1,000 troops 2,500, 3,000,000 troops " * (5_000_000 // 36)
    work = measure_work(text, topic=TOPIC)
    assert work.sentences <= len(text) // (MAX_SENTENCE - 200) + 1
    assert (work.sentences_read, work.chars_read, work.figures) == (0, 0, 0)
    assert extract(text, topic=TOPIC) == []


def test_work_grows_linearly_with_relevant_text() -> None:
    unit = "North Korea sent 1,000 troops to Russia, Seoul said. Around 400 of them had died. "
    small, large = (measure_work(unit * n, topic=TOPIC) for n in (100, 400))
    assert large.figures == 4 * small.figures
    assert large.chars_read <= 4 * small.chars_read + MAX_SENTENCE
    assert large.chars_read <= len(unit * 400)  # every character is read at most once per pass


def test_a_figure_looks_at_a_bounded_window() -> None:
    # one figure in a megabyte sentence: the window, not the sentence, bounds its work
    text = "North Korea " + "word " * 200_000 + "sent 11,000 troops to Russia " + "word " * 200_000
    work = measure_work(text, topic=TOPIC)
    assert work.figures == 1 and WINDOW < 500
    assert work.chars_read <= len(text)
