"""What earlier sentences say of a figure: the group "of them" points at, the metric "puts it at"
estimates, the headline and lead that tie a story to Russia.

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from tests.extractors.cases import (
    CONTEXT,
    confident,
    readings,
    sources,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # a bare figure with no figure before it in its sentence counts the group the sentence before spoke of
    pytest.param("Seoul expects more North Korean soldiers to reach Russia soon. By December, North Korea had "
                 "already sent 12,000 to Russia.", [("troops.deployed", 12_000)],
                 id='the-group-of-the-sentence-before'),
    # "of those" after a sentence whose figure was a group: its members, killed
    pytest.param(CONTEXT + "North Korean units had suffered nearly 4,000 casualties since December. Of those, roughly "
                           "1,000 were "
     "killed, Ukraine said.", [("casualties.killed", 1000), ("casualties.total", 4000)],
     id='of-those-in-the-next-sentence'),
    # "of them" finds its group earlier in the sentence, not the weapons of the sentence before
    pytest.param("North Korea has supplied Russia with more than 100 ballistic missiles. North Korean troops have also "
                 "been "
     "fighting in Kursk, and we judge that more than 4,000 of them have been killed or wounded.",
     [("casualties.total", 4000), ("weapons.missiles", 100)], id='of-them-earlier-in-the-sentence'),
    # a quote's figure takes the group the sentence before named ("Pyongyang's soldiers"), not a later noun
    pytest.param("Seoul and Kyiv disagree on how many of Pyongyang's soldiers have been killed in Russia. \"We "
                 "estimate that "
     "about 3,000 have been killed,\" a senior official said.", [("casualties.killed", 3000, "approx")],
     id='a-possessive-head-noun-is-the-group'),
    pytest.param("More than 1,000 North Korean soldiers had died in Kursk, the JCS said. It said about 3,000 others "
                 "had been wounded.",
     # "others": more of the same group
     [("casualties.killed", 1000), ("casualties.wounded", 3000)], id='others-are-more-of-the-group'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)


def test_a_recipient_named_last_does_not_change_whose_story_it_is():
    # "sent to Russian units" names the recipient; the next items are still the North's
    text = ("Key findings on North Korea's support for Russia:\n\n"
            "• Roughly 300 artillery systems from North Korea have been sent to Russian units.\n"
            "• About 20,000 combat troops have rotated through Russia since October 2024.\n"
            "• Roughly a quarter of the 20,000 combat troops have been killed or wounded.\n")
    assert confident(text) == [("casualties.total", 5000), ("troops.deployed", 20000),
                               ("weapons.artillery_systems", 300)]


def test_a_headline_tied_to_russia_ties_the_story():
    text = ("How many North Koreans are fighting for Russia\n\nAlmost nobody outside North Korea knows.\n\n"
            "Start with the size of the force. Seoul's spy agency estimates that around 11,000 soldiers were sent.")
    assert confident(text) == [("troops.deployed", 11000)]
    assert confident(text.split("\n\n", 1)[1]) == []  # without the headline nothing ties the figure to Russia


def test_a_headline_figure_the_body_states_is_the_body_s():
    text = ("N. Korea has lost around 2,000 soldiers in Russia war: NIS\n\n"
            "Around 2,000 North Korean soldiers have been killed fighting for Russia, South Korea's spy agency said.")
    assert confident(text) == [("casualties.killed", 2000)]


def test_a_figure_less_sentence_that_names_a_metric_is_what_puts_it_at_estimates():
    # a miss the third batch left: the noun is a topic phrase with no figure of its own
    text = ("Estimates of the number of North Korean troops in Russia range widely. The US puts it at 10,000-12,000, "
            "while Ukraine's military intelligence says there are as many as 15,000.")
    assert confident(text) == [("troops.deployed", 11000), ("troops.deployed", 15000)]
    assert sources(text) == {11000: "US", 15000: "Ukraine's military intelligence"}
    assert confident("The weather in Russia ranges widely. The US puts it at 10,000-12,000.") == []


def test_the_lead_ties_a_transcript_to_russia():
    text = ("WORLD TONIGHT — Broadcast transcript\n\n"
            "ANCHOR: Turning now to the war in Ukraine, and to the North Korean soldiers fighting on Russia's side.\n\n"
            "ANCHOR: Let me bring in Dr. Cho. Why would Kim accept losses like this?\n\n"
            "DR. CHO: From Pyongyang's point of view, they've sent something like twelve thousand men. That's painful.")
    assert confident(text) == [("troops.deployed", 12000)]
