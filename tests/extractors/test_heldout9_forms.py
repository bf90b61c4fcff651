"""Forms the ninth blind batch (tests/heldout9: wire, transcript, newsletter, fact-check, timeline,
a page thick with teasers; scored blind at F1 0.806 after the speed round) found missing, each
pinned by its own case."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, TOPIC, confident, qualified, sources


@pytest.mark.parametrize("text, expected", [
    # numbers as speakers say them
    (CONTEXT + "Some four hundred are believed to have been killed and close to three and a half thousand wounded.",
     [("casualties.killed", 400), ("casualties.wounded", 3500)]),
    (CONTEXT + "North Korea has delivered a couple hundred ballistic missiles to Russia.", [("weapons.missiles", 200)]),
    # "brings the number ... to": a total, whatever the new wave that brought it there
    ("The new deployment brings the estimated number of North Korean soldiers sent to Russia to about 13,000, "
     "the ministry said.", [("troops.deployed", 13000)]),
    # a time before the reporting verb is the report's: "circulated this week, says ... has sent"
    ("Japan's Defense Ministry, in a draft white paper circulated to lawmakers this week, says North Korea has sent "
     "\"more than 10,000\" troops to Russia.", [("troops.deployed", 10000)]),
    # "the capture of two wounded North Korean soldiers": captured, not sent
    ("Jan. 11, 2025 — Ukraine announces the capture of two wounded North Korean soldiers in Kursk.",
     [("casualties.captured", 2)]),
    # Kim Jong Un as the one who sends
    ("Kim Jong Un has shipped some 12,000 of his young men to fight for Russia.", [("troops.deployed", 12000)]),
    # "perhaps" doubts its own clause, not the sentence
    ("Kim Jong Un has shipped some 12,000 of his young men to fight for Russia, and perhaps a third of them have "
     "been killed.", [("troops.deployed", 12000)]),
    # a coordinated figure shares the verb of the figure before it ...
    ("The NIS says the North sent about 11,000 troops to Russia in the autumn of 2024 and roughly 3,000 more in "
     "January and February 2025.", [("troops.additional", 3000), ("troops.deployed", 11000)]),
    # ... a figure inside its phrase does not ("an army of more than a million")
    (CONTEXT + "They've sent something like twelve thousand men to Russia out of an army of more than a million.",
     [("troops.deployed", 12000)]),
    # "and has delivered": the subject's second verb, past another party's noun
    ("Budanov said North Korea supplies roughly 40 percent of the artillery ammunition Russian forces use in Ukraine "
     "and has delivered over 200 ballistic missiles since late 2023.", [("weapons.missiles", 200)]),
    # Russia's killed and wounded are Russia's
    (CONTEXT + "Moscow has burned through its own manpower (Western governments reckon Russia's killed and wounded "
     "now exceed 800,000).", []),
])
def test_forms_of_the_ninth_batch(text, expected):
    assert confident(text) == sorted(expected)


def test_something_like_is_an_approximation():
    assert qualified(CONTEXT + "North Korea has sent something like twelve thousand men to Russia.") == [
        ("troops.deployed", 12000, "approx")]


def test_the_lead_ties_a_transcript_to_russia():
    text = ("WORLD TONIGHT — Broadcast transcript\n\n"
            "ANCHOR: Turning now to the war in Ukraine, and to the North Korean soldiers fighting on Russia's side.\n\n"
            "ANCHOR: Let me bring in Dr. Cho. Why would Kim accept losses like this?\n\n"
            "DR. CHO: From Pyongyang's point of view, they've sent something like twelve thousand men. That's painful.")
    assert confident(text) == [("troops.deployed", 12000)]


@pytest.mark.parametrize("text", [
    "A video viewed more than 2.3 million times since Sunday claims North Korea has sent \"100,000 soldiers\" to Russia.",
    "The claim that 100,000 North Korean soldiers are fighting for Russia is false.",
    "FACT CHECK: No, 100,000 North Korean soldiers are not fighting in Ukraine",
    CONTEXT + "We cannot confirm the figure of 1,500 more troops sent to Russia.",
])
def test_viral_and_unconfirmed_claims_wait_for_review(text):
    assert confident(text) == []


def test_sources_of_the_ninth_batch():
    # an acronym's full name is on one line: "said Monday.\n\nThe National ... (NIS)" names no "Monday"
    text = ("About 300 North Korean soldiers have been killed in Russia, South Korea's spy agency said Monday.\n\n"
            "The National Intelligence Service (NIS) made the assessment at a briefing.\n\n"
            "The spy agency also confirmed that two North Korean soldiers were captured by Ukrainian forces in Kursk.")
    assert sources(text)[2].startswith("National Intelligence Service")
    # a closing quotation mark ends the quote, not the speaker's name
    assert sources("“Pyongyang has also handed over roughly 240 howitzers to Russia,” Yusov said.") == {240: "Yusov"}
    # "Ministry of Defence" alone is London's as much as Seoul's
    assert TOPIC.canonical_source("Britain's Ministry of Defence") == "UK Defence Intelligence"
    assert TOPIC.canonical_source("South Korea's Ministry of National Defense") == "South Korea Defence Ministry"
    # "according to preliminary data" names no one
    assert sources("According to preliminary data, 3,000 North Korean soldiers have been killed or wounded in Russia's "
                   "Kursk region.") == {3000: None}
