"""Which metric a figure reports: the predicate that holds of it (sent, killed, captured, supplied), a
part of a group, a fate named before it, a new wave.

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from tests.extractors.cases import (
    CONTEXT,
    readings,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # "among" ends the noun phrase: the casualties are counted, not the troops they are among
    pytest.param(CONTEXT + "London's defence ministry counts more than 6,000 casualties among North Korean troops in "
                 "Kursk.", [("casualties.total", 6000)], id="casualties-among-troops"),
    # a fate named before the figure is its group's; the verb after it says which part this is
    pytest.param("The NIS said that of the roughly 6,000 North Korean casualties in Russia, about 2,000 were killed.",
     [("casualties.killed", 2000), ("casualties.total", 6000)], id='fate-named-before-the-figure'),
    # the group was dispatched; the part's own passive verb is its fate
    pytest.param("The NIS said that of the roughly 15,000 North Korean soldiers dispatched to Russia, around 2,000 had "
                 "been killed.",
     [("casualties.killed", 2000), ("troops.deployed", 15000)], id='part-takes-its-own-passive'),
    # ... and a year between a figure and its noun does not hide the noun
    pytest.param("North Korea sent builders too. The total number of North Korean military personnel sent to Russia "
                 "since late "
     "2024 has reached around 20,000, the agency said.", [("troops.deployed", 20000)], id='a-year-bounds-no-clause'),
    # remains returned count the dead; "eliminated" kills
    pytest.param(CONTEXT + "Pyongyang received the remains of 101 soldiers killed in Russia.",
                 [("casualties.killed", 101)], id='remains-of'),
    pytest.param(CONTEXT + "SSO operators eliminated 47 soldiers of the DPRK army in Kursk and wounded 21.",
     [("casualties.killed", 47), ("casualties.wounded", 21)], id='eliminated'),
    # a rotation through Russia is a deployment
    pytest.param("About 20,000 North Korean combat troops have rotated through Russia since October 2024.",
                 [("troops.deployed", 20000)], id='rotated-through'),
    # "taken six North Korean servicemen prisoner"
    pytest.param(CONTEXT + "Our units have taken six North Korean servicemen prisoner in total.",
                 [("casualties.captured", 6)], id='taken-prisoner'),
    # "180 systems in total" after the launchers
    pytest.param("North Korea shipped Russia at least 120 Koksan self-propelled guns and around 60 multiple rocket "
                 "launchers, or "
     "roughly 180 systems in total.", [("weapons.artillery_systems", 60), ("weapons.artillery_systems", 120),
                                        ("weapons.artillery_systems", 180)], id='systems-in-total'),
    # a supply is not undone by what the weapons were later used for
    pytest.param(CONTEXT + "The NIS believes the North has also handed over about 200 short-range ballistic missiles, "
                           "many of "
     "which have been fired at Ukrainian cities.", [("weapons.missiles", 200)], id='many-of-which-ends-a-clause'),
    # a bare figure before a verb counts the group the sentence before spoke of
    pytest.param(CONTEXT + "Another 3,000 arrived in January, according to Seoul's Joint Chiefs of Staff.",
     [("troops.additional", 3000)], id='another-arrived'),
    # "of whom" opens the part's own clause
    pytest.param(CONTEXT + "About 4,700 North Korean soldiers had been killed or wounded in the war, of whom roughly "
                           "600 had died.",
     [("casualties.killed", 600), ("casualties.total", 4700)], id='of-whom-a-part'),
    # a part of a group takes its own predicate, not the group's
    pytest.param("About 2,000 of the North Korean soldiers dispatched to Russia have been killed in action, the NIS "
                 "said.",
     [("casualties.killed", 2000)], id='a-part-of-the-soldiers-dispatched'),
    pytest.param(CONTEXT + "In March a battalion of about 500 was sent to Kursk to replace losses.",
                 [("troops.additional", 500)], id='sent-to-replace-losses-is-a-wave'),
    pytest.param(CONTEXT
                 + "Budanov said that North Korea handed over 148 KN-23 and KN-24 ballistic missiles to Russia.",
     [("weapons.missiles", 148)], id='kn-23-and-kn-24-missiles'),
    # shells that crossed the border were supplied
    pytest.param("North Korea keeps Russia's guns firing. Between 4 million and 6 million artillery rounds have "
                 "crossed the "
     "Tumen river border.",
     [("weapons.artillery_shells", 5_000_000, "range")], id='crossed-the-border'),
    # a toll counts casualties, not the wounded just named
    pytest.param(CONTEXT + "The figures had risen to around 300 killed and some 2,700 wounded, a combined toll of "
                           "3,000.",
     [("casualties.killed", 300), ("casualties.total", 3000), ("casualties.wounded", 2700)], id='a-combined-toll'),
    # weapons only the North makes name the North
    pytest.param("Estimated shell deliveries have roughly doubled to about 13 million rounds, the agency said, while "
                 "the number "
     "of KN-23 and KN-24 ballistic missiles supplied to Russia has risen to more than 250.",
     [("weapons.artillery_shells", 13_000_000), ("weapons.missiles", 250)], id='doubled-to'),
    # a nominalised deployment
    pytest.param(CONTEXT + "The deployment of a further 3,000 in January, reported by Seoul, showed a standing "
                           "contract.",
     [("troops.additional", 3000)], id='the-deployment-of-a-further'),
    # another clause's time is no new wave
    pytest.param(CONTEXT + "The NIS, which in mid-October estimated that 1,500 special forces troops had been shipped "
                           "to Russia, "
     "revised that assessment last week.", [("troops.deployed", 1500)], id='another-clause-s-time-is-no-wave'),
    # a deployment that describes the group; the passive main verb is the figure's
    pytest.param("At least 100 North Korean soldiers deployed to Russia have been killed in combat, Seoul said.",
     [("casualties.killed", 100)], id='a-deployed-group-s-part-killed'),
    # artillery by other names
    pytest.param(CONTEXT + "North Korea has also supplied Russia with at least 20 of its 240-millimeter "
                           "multiple-launch rocket "
     "systems and about 250 pieces of long-range artillery.",
     [("weapons.artillery_systems", 20), ("weapons.artillery_systems", 250)],
     id='multiple-launch-rocket-systems-and-pieces-of-artillery'),
    # "brings the number ... to": a total, whatever the new wave that brought it there
    pytest.param("The new deployment brings the estimated number of North Korean soldiers sent to Russia to about "
                 "13,000, "
     "the ministry said.", [("troops.deployed", 13000)], id='brings-the-number-to'),
    # a time before the reporting verb is the report's: "circulated this week, says ... has sent"
    pytest.param("Japan's Defense Ministry, in a draft white paper circulated to lawmakers this week, says North Korea "
                 "has sent "
     "\"more than 10,000\" troops to Russia.", [("troops.deployed", 10000)],
     id='a-time-before-a-reporting-verb-is-the-report-s'),
    # "the capture of two wounded North Korean soldiers": captured, not sent
    pytest.param("Jan. 11, 2025 — Ukraine announces the capture of two wounded North Korean soldiers in Kursk.",
     [("casualties.captured", 2)], id='the-capture-of'),
    # a coordinated figure shares the verb of the figure before it ...
    pytest.param("The NIS says the North sent about 11,000 troops to Russia in the autumn of 2024 and roughly 3,000 "
                 "more in "
     "January and February 2025.", [("troops.additional", 3000), ("troops.deployed", 11000)],
     id='a-coordinated-figure-shares-the-verb'),
    # "and has delivered": the subject's second verb, past another party's noun
    pytest.param("Budanov said North Korea supplies roughly 40 percent of the artillery ammunition Russian forces use "
                 "in Ukraine "
     "and has delivered over 200 ballistic missiles since late 2023.", [("weapons.missiles", 200)],
     id='and-has-delivered'),
    # a breakdown right after the noun beats "lost" before the figure
    pytest.param("North Korea has lost about 300 soldiers killed and 2,700 wounded in Russia's Kursk region, Seoul "
                 "said.",
     [("casualties.killed", 300), ("casualties.wounded", 2700)], id='a-breakdown-after-the-head-noun'),
    # a part of a group takes what befell the group; the group keeps its own predicate
    pytest.param("Some 4,000 of the roughly 11,000 North Korean soldiers sent to Russia had been killed or wounded, "
                 "Seoul said.",
     [("casualties.total", 4000), ("troops.deployed", 11000)], id='a-part-of-a-group-takes-its-fate'),
    pytest.param("Two of the 11,000 North Korean troops in Russia were captured, Kyiv said.",
     [("casualties.captured", 2), ("troops.deployed", 11000)], id='two-of-the-troops-captured'),
    # "numbering" counts a contingent; the losses later in the sentence are not its figure
    pytest.param("The first contingent of North Korean troops in Russia, numbering about 12,000, was pulled back after "
                 "heavy losses.",
     [("troops.deployed", 12000)], id='numbering-counts-a-contingent'),
    pytest.param("Western officials now put North Korean losses in Russia at roughly 4,000, of whom at least 1,000 "
                 "were killed.",
     # members of the group, not more losses
     [("casualties.total", 4000), ("casualties.killed", 1000)], id='of-whom-members-of-the-losses'),
    # a fate list of four is one total
    pytest.param(CONTEXT + "Of the 12,000 North Koreans sent, 5,000 have been killed, wounded, missing or captured, "
                           "officials said.", [("casualties.total", 5000), ("troops.deployed", 12000)],
                 id='killed-wounded-missing-or-captured'),
    # a part of the casualties named before, with its fate a few words later
    pytest.param(CONTEXT + "Of the total North Korean casualties, roughly 900 are thought to have been killed, the "
                           "agency said.", [("casualties.killed", 900)], id='a-fate-a-few-words-after'),
    # what a video shows is its own clause: its fate is the noun's
    pytest.param("Kyiv confirmed North Korea has sent soldiers to fight for Russia, releasing footage showing three "
                 "captured soldiers.", [("casualties.captured", 3)], id='a-video-showing-captured-soldiers'),
    # troops supplied are troops sent
    pytest.param("Western estimates suggest North Korea supplied around 14,000 troops to Russia.",
                 [("troops.deployed", 14000)], id='troops-supplied'),
    # a part with its own noun before the whole it is counted in: its verb comes after the whole
    pytest.param("Kyiv said 3,500 North Korean troops out of a total of 11,000 had been killed or wounded.",
                 [("casualties.total", 3500), ("troops.deployed", 11000)], id='a-named-part-out-of-a-total'),
    # a figure that borrows "casualties" from the clause before but has its own verb: the people it sends
    pytest.param("Of roughly 12,000 North Korean soldiers sent to Russia, about 4,500 casualties have been counted, "
                 "and it seems another 2,000 or so have been quietly dispatched since spring, officials said.",
                 [("casualties.total", 4500), ("troops.additional", 2000), ("troops.deployed", 12000)],
                 id='a-borrowed-fate-noun-yields-to-the-figure-s-own-verb'),
    # an aside with figures between a figure and its verb is passed over; a report's own time is no wave's
    pytest.param("According to Kyiv's military intelligence reports last month, some 14,000 North Korean soldiers, "
                 "including 300 officers and two generals, have been sent to Russia.", [("troops.deployed", 14000)],
                 id='an-aside-with-figures-before-the-verb'),
    # a small subgroup in an "including" aside is part of the deployment, not one of its own; a big share is kept
    pytest.param("Pyongyang has sent about 13,000 soldiers to Russia, including 400 officers and two generals, "
                 "Kyiv's spy agency said.", [("troops.deployed", 13000)], id='a-small-subgroup-in-an-aside'),
    pytest.param("North Korea had sent some 18,000 personnel to Russia, including about 13,000 combat troops, the "
                 "agency said.", [("troops.deployed", 13000), ("troops.deployed", 18000)],
                 id='a-big-share-in-an-aside-is-kept'),
    # engineering troops are a wave; "killed, wounded" in a headline is one total
    pytest.param("The unit was made up of some 1,200 North Korean engineering troops sent to Kursk in the summer.",
                 [("troops.additional", 1200)], id='engineering-troops-are-a-wave'),
    pytest.param("Nearly 2,000 North Korean soldiers killed, wounded near Sudzha, Kyiv says",
                 [("casualties.total", 2000)], id='killed-comma-wounded-is-a-total'),
    # a wave word in a clause of its own after "and <verb>" is that clause's, not the figure's
    pytest.param("The lawmaker said Pyongyang dispatched about 11,000 soldiers to Russia in the autumn and deployed "
                 "additional forces this spring.", [("troops.deployed", 11000)],
                 id='a-wave-word-after-and-a-verb-is-another-clause-s'),
    # "hors de combat": out of action, killed or wounded
    pytest.param("Kyiv says a quarter of the 12,000 North Korean troops sent to Kursk are now hors de combat.",
                 [("casualties.total", 3000), ("troops.deployed", 12000)], id='hors-de-combat-is-a-total'),
    # an increase is a wave, the total it brings is the deployment
    pytest.param("The Pentagon said the count of North Korean troops posted in Russia's Kursk region has grown by "
                 "roughly 1,500, bringing the total to about 12,500 soldiers.",
                 [("troops.additional", 1500), ("troops.deployed", 12500)], id='grown-by-is-a-wave'),
    # reinforcements that replace losses are no losses
    pytest.param(CONTEXT + "Pyongyang sent 2,000 reinforcements to replace its losses, the agency said.",
                 [("troops.additional", 2000)], id='reinforcements-to-replace-losses'),
    # an adverb between a wave's "more" and its verb is no noun
    pytest.param("North Korea sent about 11,000 troops to Russia last year, with 2,500 more recently deployed, "
                 "officials said.", [("troops.additional", 2500), ("troops.deployed", 11000)],
                 id='more-recently-deployed'),
    # "put the figure at" after a figure of the same sentence estimates that figure's metric
    pytest.param("Kyiv said some 4,000 North Korean soldiers had been killed or wounded, while Tokyo put the figure at "
                 "about 2,500.", [("casualties.total", 2500), ("casualties.total", 4000)],
                 id='put-the-figure-at-after-a-figure-of-the-sentence'),
    # destroyed things are no dead; the fallen are
    pytest.param("Pyongyang will send 3,000 military builders to Russia to restore destroyed infrastructure, Moscow "
                 "said.", [], id='destroyed-infrastructure-kills-nobody'),
    pytest.param(CONTEXT + "The handover brought the number of identified fallen soldiers to over 1,900.",
                 [("casualties.killed", 1900)], id='fallen-soldiers'),
    # a home army is no deployment
    pytest.param("While North Korea keeps an army of approximately 1.2 million active soldiers, its deployment to "
                 "Russia is new.", [], id='an-army-of-approximately'),
    # a group sent whose members "have died": the dying is the figure's
    pytest.param("Seoul said in March that about 400 North Korean soldiers who were deployed to Russia have died.",
                 [("casualties.killed", 400)], id='who-were-deployed-have-died'),
    # fates said as a unit's report would: "neutralized", "wound"
    pytest.param("Ukrainian drone units neutralized 14 North Korean soldiers and wounded 30 more near Sudzha.",
                 [("casualties.killed", 14), ("casualties.wounded", 30)], id='neutralized-and-wounded'),
    pytest.param("Kyiv's forces kill 12 North Korean fighters, wound 25 in Kursk", [("casualties.killed", 12),
                 ("casualties.wounded", 25)], id='kill-and-wound-in-a-headline'),
    # presence and transport are deployment; what the US sent Ukraine is not the topic's
    pytest.param("The Pentagon confirmed the presence of at least 4,000 North Korean soldiers in eastern Russia.",
                 [("troops.deployed", 4000)], id='the-presence-of'),
    pytest.param("Russian ships transported about 2,000 North Korean soldiers to Vladivostok.",
                 [("troops.deployed", 2000)], id='transported'),
    # "the first group of approximately N" is a wave: its words reach past the qualifier
    pytest.param("Russian navy ships transported the first group of approximately 1,200 North Korean special forces to "
                 "Vladivostok.", [("troops.additional", 1200)], id='the-first-group-of-approximately'),
    pytest.param(CONTEXT + "By comparison, the United States has sent about 400,000 rounds of artillery to Ukraine.",
                 [], id='rounds-sent-to-ukraine'),
    # fewer than a metric's `fewest` is no count of it: two soldiers shown in a video are no deployment
    pytest.param("Zelensky posted a video of two North Korean soldiers captured in Kursk, where some 11,000 "
                 "North Korean troops are deployed.", [("troops.deployed", 11000)],
                 id='two-soldiers-are-no-deployment'),
    # presence "inside of Russia" is a deployment; "could be closer to N" estimates what is there
    pytest.param("A Pentagon spokesman said there could be closer to 9,000 to 10,000 North Korean troops inside of "
                 "Russia.", [("troops.deployed", 9500)], id='could-be-closer-to-a-range-inside-of-russia'),
    # capturing is a capture; engineer troops are a further wave; "killed, wounded, or went missing" is one total
    pytest.param("Ukraine reported capturing two North Korean soldiers in Russia's Kursk region on Saturday.",
                 [("casualties.captured", 2)], id='capturing'),
    pytest.param("Pyongyang has dispatched around 1,000 engineer troops to Russia to clear landmines, Yonhap said.",
                 [("troops.additional", 1000)], id='engineer-troops-are-a-wave'),
    pytest.param("British intelligence said more than 6,000 North Korean soldiers in Russia have been killed, wounded, "
                 "or went missing.", [("casualties.total", 6000)], id='killed-wounded-or-went-missing'),
    # a participle after the noun describes the group; the finite fate after it is the figure's
    pytest.param("At least 200 North Korean soldiers stationed in Russia have died, and another 900 have been "
                 "wounded, a lawmaker said.", [("casualties.killed", 200), ("casualties.wounded", 900)],
                 id='stationed-in-russia-have-died'),
    # ammunition by the piece is shells, and a calibre written "152 mm" is no count of its own
    pytest.param("North Korea has sent about 2.5 million pieces of artillery ammunition to Russia, he said.",
                 [("weapons.artillery_shells", 2_500_000)], id='pieces-of-artillery-ammunition'),
    pytest.param("The containers North Korea shipped to Russia hold enough to carry around 7.5 million 152 mm "
                 "artillery shells, the ministry estimated.", [("weapons.artillery_shells", 7_500_000)],
                 id='enough-to-carry-152-mm-shells'),
    # made in North Korea is provenance, not production: "launchers produced in North Korea have arrived"
    pytest.param("Almost 30 rocket launchers produced in North Korea have arrived in Russia, the newspaper said.",
                 [("weapons.artillery_systems", 30)], id='produced-in-north-korea-arrived-in-russia'),
    # "could be as high as N" estimates what was sent
    pytest.param("Seoul said the number of artillery shells North Korea has sent to Russia could be as high as 4 "
                 "million.", [("weapons.artillery_shells", 4_000_000)], id='could-be-as-high-as'),
    # a generic count noun after the figure takes the subject's metric: "losses have reached 4,000 individuals"
    pytest.param("Kyiv's general staff says North Korean losses near Kursk have now reached 2,500 individuals.",
                 [("casualties.total", 2_500)], id='losses-reached-n-individuals'),
    # troops that "reached" the front or a region were sent there
    pytest.param("The NIS said 9,000 North Korean military personnel had reached the Kursk region by November.",
                 [("troops.deployed", 9_000)], id='personnel-reached-the-region'),
    # ", with N killed" is a clause of its own: the party named just before it is not the counted's
    pytest.param("Some 12,000 North Korean soldiers were sent to back Russian forces, with nearly 2,000 killed or "
                 "wounded so far.", [("casualties.total", 2_000), ("troops.deployed", 12_000)],
                 id='with-n-killed-after-another-party'),
    # the ones still fighting after the casualties are no casualties: they are there
    pytest.param("Kyiv says North Korea has lost about 3,000 killed or wounded in two months, yet some 9,000 are still "
                 "operational.", [("casualties.total", 3_000), ("troops.deployed", 9_000)],
                 id="still-operational-are-no-casualties"),
    # troops on their way, en route or heading somewhere were sent
    pytest.param("Washington said some 7,000 North Korean soldiers were on their way to the Russian region of Kursk.",
                 [("troops.deployed", 7_000)], id='on-their-way-to'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)
