"""Whose figure: the topic's party's, another party's, or a group outside the topic (civilians,
builders, an army at home, shells given to Ukraine).

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from tests.extractors.cases import (
    CONTEXT,
    readings,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # military builders sent to Russia are a wave of troops; civilian builders are not
    pytest.param("North Korea has dispatched some 5,000 military construction troops to Russia since September, the "
                 "NIS said.", [("troops.additional", 5000)], id='military-construction-troops-are-a-wave'),
    pytest.param("North Korea has sent some 5,000 construction workers to Russian building sites, the NIS said.", [],
                 id='civilian-construction-workers-are-no-troops'),
    # the DPRK written out; "People's" is no "people"
    pytest.param("The representative said around 6,000 of the Democratic People's Republic of Korea soldiers sent to "
                 "Russia had "
     "been killed or wounded.", [("casualties.total", 6000)], id='dprk-written-out'),
    # a prisoner swap is between Kyiv and Moscow
    pytest.param(CONTEXT + "Ukraine and Russia carried out their latest swap on March 6, trading 390 prisoners each.",
                 [], id='prisoner-swap'),
    # the North's arsenal at home; shells the EU gave Ukraine
    pytest.param(CONTEXT + "The Korean People's Army is believed to field more than 20,000 artillery pieces and rocket "
                           "launchers.", [], id='an-army-s-own-arsenal'),
    pytest.param(CONTEXT + "For comparison, the European Union says it supplied Ukraine with about 2 million shells "
                           "over the past year.", [], id='shells-supplied-to-ukraine'),
    # the North's contingent fights on Russia's side; Russia's own losses are Russia's
    pytest.param("The total losses of the North Korean contingent fighting on Russia's side have reached about 6,000 "
                 "servicemen "
     "killed and wounded, according to the HUR.", [("casualties.total", 6000)], id='fighting-on-russia-s-side'),
    pytest.param(CONTEXT + "Russia, which lost an estimated 400,000 soldiers killed or wounded in 2025 alone, has "
                           "gained manpower.", [], id='a-relative-clause-s-party'),
    # a group outside the topic after "are"
    # a part of the total named after a copula: the words before its noun are its phrase's
    pytest.param("North Korea has sent about 20,000 troops to Russia. Of the total, some 5,000 are military "
                 "construction troops that began arriving in Russia in September.",
                 [("troops.additional", 5000), ("troops.deployed", 20000)], id='a-wave-named-after-a-copula'),
    pytest.param("North Korea has sent about 20,000 troops to Russia. Some 2,500 are dead, Seoul said.",
                 [("casualties.killed", 2500), ("troops.deployed", 20000)], id='a-fate-after-a-copula-keeps-its-verb'),
    # a party's own forces at home
    pytest.param(CONTEXT + "South Korea, whose own armed forces have shrunk to about 450,000 troops, is watching "
                           "closely.", [], id='whose-own-armed-forces'),
    # the bare figure after a group outside the topic is that group's
    pytest.param(CONTEXT + "The governor says three people were killed and 19 wounded when a bomb hit a block.", [],
                 id='a-bare-figure-after-a-group-outside-the-topic'),
    # a strike on a Ukrainian city and a day's Russian losses are no figure of the topic
    pytest.param("Zelensky says North Korea has sent 3,000 more troops to Russia; three killed in Kharkiv strike",
     [("troops.additional", 3000)], id='a-strike-s-dead-in-a-headline'),
    pytest.param(CONTEXT + "Russia has at times lost more than 1,500 soldiers in a single day, according to Kyiv.", [],
                 id='losses-in-a-single-day'),
    # ... they are Russia's because Russia lost them, with an adverb between; North Korea's in a week are its own
    pytest.param(CONTEXT + "Russia has recently lost more than 1,500 soldiers, according to Kyiv.", [],
                 id='russia-has-recently-lost'),
    # a country named after a preposition is no subject: the group in the war against Ukraine lost them
    pytest.param("Budanov said the North Korean contingent in the war against Ukraine lost about 4,000 soldiers killed "
                 "and seriously wounded.", [("casualties.total", 4000)], id='the-war-against-ukraine-lost'),
    pytest.param("The White House said more than 1,000 North Korean soldiers were killed or wounded in Russia's Kursk "
                 "region in a single week.", [("casualties.total", 1000)], id='north-korea-s-losses-in-a-single-week'),
    pytest.param("North Korea has supplied Russia with at least 50 of its Koksan self-propelled guns, heavy artillery "
                 "pieces that "
     "are now being used against Ukrainian troops in the east, Ukraine's military intelligence said.",
     [("weapons.artillery_systems", 50)], id='guns-used-against-ukrainians-are-the-supplier-s'),
    # "from the North" names the supplier even after a sentence that ended on Ukraine's troops
    pytest.param("North Korea has supplied Russia with 50 guns now used against Ukrainian troops, Kyiv said. The "
                 "agency did not say "
     "when. It also counted some 20 multiple rocket launchers shipped by rail from the North.",
     [("weapons.artillery_systems", 20), ("weapons.artillery_systems", 50)], id='from-the-north-names-the-supplier'),
    # an estimate of the last sentence's figure, and a source that is not a side
    pytest.param("North Korean soldiers are in Russia. South Korea's NIS estimates that around 11,000 soldiers were "
                 "sent. "
     "Ukraine's military intelligence directorate, the HUR, counts 12,000.",
     [("troops.deployed", 11000), ("troops.deployed", 12000)],
     id='ukraine-s-military-intelligence-is-a-source-not-a-side'),
    # Russia's deaths are Russia's
    pytest.param(CONTEXT + "Western officials put Russian deaths alone at around 250,000.", [], id='russian-deaths'),
    # a 12,000-strong force is a deployment (a million-strong army stays at home); the sender names the party
    pytest.param("Britain's army is shrinking. Western officials describe the 12,000-strong force that Pyongyang sent "
                 "to Russia "
     "last autumn as significant.", [("troops.deployed", 12000, "exact")], id='the-force-that-pyongyang-sent'),
    pytest.param("North Korea's 1.2 million-strong army has not fought since 1953; its troops in Russia have.", [],
                 id='a-million-strong-army-stays-home'),
    # other nations' soldiers, and a country's "own" troops
    pytest.param(CONTEXT + "A brigade of about 4,800 German soldiers is being stationed in Lithuania.", [],
                 id='other-nations-soldiers'),
    pytest.param(CONTEXT + "Ukrainian officials say Russia has concentrated about 50,000 of its own troops in the "
                           "Kursk region.", [], id='its-own-troops'),
    # shells delivered to Ukraine are aid to Ukraine, not the North's to Russia
    pytest.param("North Korea's shells keep Russia's guns firing. A Czech-led initiative delivered some 1.5 million "
                 "shells to "
     "Ukraine last year.", [], id='shells-delivered-to-ukraine'),
    # ... and so are shells a country sent Ukraine (Ukraine the one given to), beside the North's own shipment
    pytest.param("Washington has sent Ukraine roughly 400,000 artillery rounds so far, whereas Pyongyang shipped "
                 "about 4 million shells to Russia, analysts said.",
                 [("weapons.artillery_shells", 4000000)], id='shells-sent-ukraine-double-object'),
    # Kim Jong Un as the one who sends
    pytest.param("Kim Jong Un has shipped some 12,000 of his young men to fight for Russia.",
                 [("troops.deployed", 12000)], id='kim-jong-un-sends'),
    # ... a figure inside its phrase does not ("an army of more than a million")
    pytest.param(CONTEXT + "They've sent something like twelve thousand men to Russia out of an army of more than a "
                           "million.",
     [("troops.deployed", 12000)], id='an-army-of-a-million-is-no-deployment'),
    # ... in the present tense too, in a headline that also names the North's troops
    pytest.param("Russia suffers 700,000 casualties, sends North Korean soldiers into Kursk: NATO", [],
                 id='russia-suffers-present-tense'),
    # a prisoner swap offered in the main clause does not exclude the captures an "after" clause states
    pytest.param("Kyiv has proposed a prisoner exchange with Pyongyang after capturing three North Korean soldiers in "
                 "the Kursk region.", [("casualties.captured", 3)], id='a-swap-offered-after-capturing'),
    # Russia's killed and wounded are Russia's
    pytest.param(CONTEXT + "Moscow has burned through its own manpower (Western governments reckon Russia's killed and "
                           "wounded "
     "now exceed 800,000).", [], id='russia-s-killed-and-wounded'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)
