"""A deployment said in other words, and who says a figure when a sentence closes with its source.
Cases are written for these tests (real pages' forms, other words, names and numbers)."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, confident, sources


@pytest.mark.parametrize("text, expected", [
    ("North Korea has provided Russia with about 9,000 servicemen, Kyiv said.", [("troops.deployed", 9000)]),
    ("Some 2,000 soldiers from North Korea are now fighting on the side of Russia, the president said.",
     [("troops.deployed", 2000)]),
    ("Officials said the DPRK had sent roughly 8,000 of its military to Russia.", [("troops.deployed", 8000)]),
    ("About 700 North Korean sappers have already arrived in Russia, Seoul said.", [("troops.additional", 700)]),
    (CONTEXT + "Of the 9,000 originally deployed to Russia, most remain in Kursk, Kyiv said.",
     [("troops.deployed", 9000)]),
    (CONTEXT + "Kyiv said North Korean losses exceeding 2,000 were reported.", [("casualties.total", 2000)]),
    ("Roughly 2,500 North Korean soldiers are assisting Russian troops near Kursk, the HUR said.",
     [("troops.deployed", 2500)]),
    ("Around 4,000 North Koreans are siding with Moscow in the war, the agency said.", [("troops.deployed", 4000)]),
    ("Pyongyang has also shipped 80 long-range artillery units to Russia, the Pentagon said.",
     [("weapons.artillery_systems", 80)]),
    ("Roughly 9,000 North Korean troops are training in eastern Russia, the HUR said.", [("troops.deployed", 9000)]),
    ("More than 2,000 North Korean mercenaries have arrived in the Kursk region, Kyiv said.",
     [("troops.deployed", 2000)]),
], ids=["deploy-01-provided", "deploy-02-side-of", "deploy-03-of-its-military", "deploy-04-sappers-arrived",
        "deploy-05-originally-deployed", "deploy-06-exceeding", "deploy-07-assisting-russian-troops",
        "deploy-08-siding-with", "deploy-09-artillery-units", "deploy-10-in-eastern-russia",
        "deploy-11-mercenaries"])
def test_deployment_in_other_words(text, expected) -> None:
    assert confident(text) == sorted((m, float(v)) for m, v in expected)


@pytest.mark.parametrize("text, value, source", [
    # "according to the agency" stands for the last agency named, not the lawmaker who relayed it
    (("Seoul's National Intelligence Service briefed lawmakers on Monday, according to Rep. Kim Min-ho. "
     "The NIS was quoted as saying the units are rotating. North Korea has sent some 800 deminers to Russia, "
     "according to the agency."), 800, "National Intelligence Service"),
    # a source that closes the sentence governs a figure with none before it, not an agent inside its clause
    (("The 3,000 North Korean sappers sent under the pact announced by Sergei Lavrov are now in Kursk, where "
     "they clear mines, according to HUR."), 3000, "HUR"),
], ids=["source-01-according-to-the-agency", "source-02-closing-according-to"])
def test_the_source_of_a_sentence(text, value, source) -> None:
    assert source in (sources(text)[value] or "")
