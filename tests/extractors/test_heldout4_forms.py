"""Forms the fourth blind batch (tests/heldout4, written by a helper that never saw the extractor)
found missing, each pinned by its own case: every case here failed before its fix."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, confident, sources


@pytest.mark.parametrize("text, expected", [
    # ages are no counts: "aged 20 and 26", a name's age between commas
    (CONTEXT + "The men, aged 20 and 26, were both injured when they were taken.", []),
    (CONTEXT + "Kim, 41, has sought to present the deployment to Russia as a patriotic duty.", []),
    # "of those" after a sentence whose figure was a group: its members, killed
    (CONTEXT + "North Korean units had suffered nearly 4,000 casualties since December. Of those, roughly 1,000 were "
     "killed, Ukraine said.", [("casualties.killed", 1000), ("casualties.total", 4000)]),
    # the bare figure after a group outside the topic is that group's
    (CONTEXT + "The governor says three people were killed and 19 wounded when a bomb hit a block.", []),
    # a strike on a Ukrainian city and a day's Russian losses are no figure of the topic
    ("Zelensky says North Korea has sent 3,000 more troops to Russia; three killed in Kharkiv strike",
     [("troops.additional", 3000)]),
    (CONTEXT + "Russia has at times lost more than 1,500 soldiers in a single day, according to Kyiv.", []),
    # a supply is not undone by what the weapons were later used for
    (CONTEXT + "The NIS believes the North has also handed over about 200 short-range ballistic missiles, many of "
     "which have been fired at Ukrainian cities.", [("weapons.missiles", 200)]),
    ("North Korea has supplied Russia with at least 50 of its Koksan self-propelled guns, heavy artillery pieces that "
     "are now being used against Ukrainian troops in the east, Ukraine's military intelligence said.",
     [("weapons.artillery_systems", 50)]),
    # "from the North" names the supplier even after a sentence that ended on Ukraine's troops
    ("North Korea has supplied Russia with 50 guns now used against Ukrainian troops, Kyiv said. The agency did not say "
     "when. It also counted some 20 multiple rocket launchers shipped by rail from the North.",
     [("weapons.artillery_systems", 20), ("weapons.artillery_systems", 50)]),
    # a bare figure before a verb counts the group the sentence before spoke of
    (CONTEXT + "Another 3,000 arrived in January, according to Seoul's Joint Chiefs of Staff.",
     [("troops.additional", 3000)]),
    # an estimate of the last sentence's figure, and a source that is not a side
    ("North Korean soldiers are in Russia. South Korea's NIS estimates that around 11,000 soldiers were sent. "
     "Ukraine's military intelligence directorate, the HUR, counts 12,000.",
     [("troops.deployed", 11000), ("troops.deployed", 12000)]),
    # "in the 10,000-12,000 range" counts the sentence's troops
    ("Estimates of North Korea's troop presence in Russia have clustered in the 10,000-12,000 range, officials say.",
     [("troops.deployed", 11000)]),
    # an initial deployment is no additional wave, whatever months the casualties came in
    (CONTEXT + "The agency said about 30% of the 11,000 soldiers initially deployed had become casualties, most of "
     "them during assaults in January and February.", [("casualties.total", 3300), ("troops.deployed", 11000)]),
])
def test_forms_of_the_fourth_batch(text, expected):
    assert confident(text) == sorted(expected)


def test_a_headline_tied_to_russia_ties_the_story():
    text = ("How many North Koreans are fighting for Russia\n\nAlmost nobody outside North Korea knows.\n\n"
            "Start with the size of the force. Seoul's spy agency estimates that around 11,000 soldiers were sent.")
    assert confident(text) == [("troops.deployed", 11000)]
    assert confident(text.split("\n\n", 1)[1]) == []  # without the headline nothing ties the figure to Russia


def test_a_headline_figure_the_body_states_is_the_body_s():
    text = ("N. Korea has lost around 2,000 soldiers in Russia war: NIS\n\n"
            "Around 2,000 North Korean soldiers have been killed fighting for Russia, South Korea's spy agency said.")
    assert confident(text) == [("casualties.killed", 2000)]


@pytest.mark.parametrize("text, expected", [
    # "the agency" stands for the last agency named, even as a subject; "It added" follows it
    (CONTEXT + "The National Intelligence Service (NIS) gave the assessment, according to Rep. Park Sun-won. The agency said "
     "the North has rotated roughly 15,000 troops through Russia since it first sent units there. It added that Pyongyang had shipped more than "
     "12 million rounds of artillery ammunition.",
     {15000: "National Intelligence Service", 12_000_000: "National Intelligence Service"}),
    # ... also where it stands in the sentence, after another speaker
    (CONTEXT + "At the same time, the National Intelligence Service revised its count. Lawmaker Lee Seong-kweun told "
     "reporters that the agency now believes around 600 North Korean soldiers have died.",
     {600: "National Intelligence Service"}),
    # a title's stop does not end the name after "according to"
    (CONTEXT + "About 11,000 North Korean troops are in Russia, according to Rep. Park Sun-won.",
     {11000: "Rep. Park Sun-won"}),
    # a participle aside is not the speaker
    (CONTEXT + "President Volodymyr Zelensky, speaking the same week, put the toll at 3,800 killed or wounded.",
     {3800: "President Volodymyr Zelensky"}),
    # the subject of a sentence whose participle reports ("..., assessing that")
    (CONTEXT + "Britain's Defence Intelligence went further in early February, assessing that the North had probably "
     "suffered more than 4,000 casualties.", {4000: "Britain's Defence Intelligence"}),
])
def test_sources_of_the_fourth_batch(text, expected):
    assert sources(text) == expected


def test_a_figure_less_sentence_that_names_a_metric_is_what_puts_it_at_estimates():
    # a miss the third batch left: the noun is a topic phrase with no figure of its own
    text = ("Estimates of the number of North Korean troops in Russia range widely. The US puts it at 10,000-12,000, "
            "while Ukraine's military intelligence says there are as many as 15,000.")
    assert confident(text) == [("troops.deployed", 11000), ("troops.deployed", 15000)]
    assert sources(text) == {11000: "US", 15000: "Ukraine's military intelligence"}
    assert confident("The weather in Russia ranges widely. The US puts it at 10,000-12,000.") == []
