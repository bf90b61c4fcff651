"""What is a count, and its value and qualifier: number words and forms, ranges, shares, and numbers
that count nothing (ages, dates, prices, markers).

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.numbers import find_mentions
from tests.extractors.cases import (
    CONTEXT,
    TOPIC,
    qualified,
    readings,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # a qualifier before the first of two figures joined by "and", only words between, is the second's too
    pytest.param("Roughly 500 North Korean soldiers have been killed and 1,500 wounded, the NIS said.",
                 [("casualties.killed", 500, "approx"), ("casualties.wounded", 1500, "approx")],
                 id='a-qualifier-shared-across-and'),
    pytest.param("At least 500 North Korean soldiers have been killed and 1,500 wounded, the NIS said.",
                 [("casualties.killed", 500, "at_least"), ("casualties.wounded", 1500, "at_least")],
                 id='a-lower-bound-shared-across-and'),
    # a share of the figure before it ("two-thirds of whom", "with about a quarter killed"): derived from it
    pytest.param("North Korean units in Russia have taken 6,000 casualties, two-thirds of whom were killed, Kyiv said.",
                 [("casualties.killed", 4000, "approx"), ("casualties.total", 6000, "exact")],
                 id='a-share-of-the-figure-before'),
    # ... a percentage too, the sign before the digits or after
    pytest.param("Kyiv put North Korean casualties at 5,000, with 20 percent of them killed.",
                 [("casualties.killed", 1000, "approx"), ("casualties.total", 5000, "exact")],
                 id='a-percent-of-the-figure-before'),
    pytest.param("Kyiv put North Korean casualties at 5,000, with %20 of them killed.",
                 [("casualties.killed", 1000, "approx"), ("casualties.total", 5000, "exact")],
                 id='a-percent-sign-before-the-digits'),
    # the first calibre of a pair is no count ("shells of 122 and 152 mm calibers")
    pytest.param("Pyongyang has supplied Moscow with 2 million shells of 122 and 152 mm calibers, an officer said.",
                 [("weapons.artillery_shells", 2000000)], id='a-pair-of-calibres'),
    # a bracketed gloss inside a noun phrase is passed over ("dozens of KN-23 (Hwasong-11Ga) missiles")
    pytest.param("Pyongyang has also shipped dozens of KN-24 (Hwasong-11Na) short-range ballistic missiles to Moscow.",
                 [("weapons.missiles", 12, "at_least")], id='a-gloss-inside-the-noun-phrase'),
    # a bound before an approximation is the bound
    pytest.param("North Korea has sent Russia up to approximately 2 million artillery shells, the agency said.",
                 [("weapons.artillery_shells", 2000000, "at_most")], id='up-to-approximately-is-at-most'),
    # a qualifier in quotation marks ("the agency says “at least” 400") still qualifies
    pytest.param("Seoul's spy agency counts “at least” 400 North Korean soldiers killed in Russia.",
                 [("casualties.killed", 400, "at_least")], id='a-qualifier-in-curly-quotes'),
    # ... not across a comma's clause, nor onto a figure with its own qualifier
    pytest.param("About 500 North Korean soldiers have been killed, the NIS said, and 1,500 wounded.",
                 [("casualties.killed", 500, "approx"), ("casualties.wounded", 1500, "exact")],
                 id='no-sharing-across-a-clause'),
    pytest.param("About 500 North Korean soldiers have been killed and more than 1,500 wounded, the NIS said.",
                 [("casualties.killed", 500, "approx"), ("casualties.wounded", 1500, "more_than")],
                 id='the-second-keeps-its-own'),
    # one source telling one figure plainly and once qualified: it is the qualified one
    pytest.param("North Korea has 3,000 troops in Russia, the NIS said. The agency said approximately 3,000 North "
                 "Korean soldiers are now in Russia.", [("troops.deployed", 3000, "approx")],
                 id='the-hedged-mention-wins'),
    # "exceeds", "approaching", "closer to" qualify what follows
    pytest.param("North Korean casualties now exceed 3,000, Zelensky said.",
                 [("casualties.total", 3000, "more_than")], id='exceeds'),
    # a figure a count has passed is a lower bound; "an estimated total of" is an estimate
    pytest.param(CONTEXT + "North Korean losses have surpassed 5,000, Kyiv said.",
                 [("casualties.total", 5000, "more_than")], id='surpassed'),
    pytest.param("North Korea has sent an estimated total of 13,000 troops to Russia, officials say.",
                 [("troops.deployed", 13000, "approx")], id='an-estimated-total-of'),
    pytest.param("The North Korean contingent in Russia, whose number is estimated at 13,000, fought in Kursk.",
                 [("troops.deployed", 13000, "approx")], id='estimated-at'),
    # what containers could hold is an estimate of what was sent, not a plan
    pytest.param("North Korea has sent Russia containers that could hold up to 3 million artillery shells, Seoul said.",
                 [("weapons.artillery_shells", 3_000_000, "at_most")], id='containers-that-could-hold'),
    # "dozens of" is at least a dozen, as "hundreds of" is at least a hundred
    pytest.param("North Korea also sent dozens of ballistic missiles to Russia, the minister said.",
                 [("weapons.missiles", 12, "at_least")], id='dozens-of'),
    # a live blog's time
    pytest.param(CONTEXT
        + "10.15 BST Ukraine's military intelligence raises its estimate of North Korean dead in Kursk", [],
        id='live-blog-time-zone'),
    # "for well over a year" is no rate
    pytest.param("North Korea has transferred between 9 million and 12 million artillery shells to Russia, enough to "
                 "sustain "
     "Russian artillery fire for well over a year.", [("weapons.artillery_shells", 10_500_000)],
     id='for-well-over-a-year-is-no-rate'),
    # KBS World's "10-thousand"
    pytest.param("It said about 10-thousand North Korean soldiers remain deployed in Russia.",
                 [("troops.deployed", 10000)], id='ten-hyphen-thousand'),
    # ages are no counts: "aged 20 and 26", a name's age between commas
    pytest.param(CONTEXT + "The men, aged 20 and 26, were both injured when they were taken.", [], id='ages'),
    pytest.param(CONTEXT + "Kim, 41, has sought to present the deployment to Russia as a patriotic duty.", [],
                 id='an-age-between-commas'),
    # "in the 10,000-12,000 range" counts the sentence's troops
    pytest.param("Estimates of North Korea's troop presence in Russia have clustered in the 10,000-12,000 range, "
                 "officials say.",
     [("troops.deployed", 11000)], id='a-range-in-the-range-of'),
    # an initial deployment is no additional wave, whatever months the casualties came in
    pytest.param(CONTEXT + "The agency said about 30% of the 11,000 soldiers initially deployed had become casualties, "
                           "most of "
     "them during assaults in January and February.", [("casualties.total", 3300), ("troops.deployed", 11000)],
     id='a-percent-of-a-base'),
    pytest.param("OSINT accounts count two dozen Koksan SPGs crossing into Russia from North Korea.",
     [("weapons.artillery_systems", 24)], id='two-dozen'),
    # "c." hedges; "of those" counts the members of the group before
    pytest.param(CONTEXT + "Britain's Ministry of Defence, in its latest intelligence update, assessed that North "
                           "Korean units had "
     "suffered c. 4,000 casualties, c. 1,000 of those had been killed.",
     [("casualties.killed", 1000, "approx"), ("casualties.total", 4000, "approx")], id='circa'),
    # a share of a possessive's contingent
    pytest.param("Around 40 per cent of North Korea's some 11,000-strong contingent deployed to Russia have been "
                 "killed or "
     "injured, the NIS said.", [("casualties.total", 4400, "approx"), ("troops.deployed", 11000, "approx")],
     id='per-cent-of-a-strong-contingent'),
    # "In one case, a soldier ...": one case is no count of soldiers
    pytest.param(CONTEXT + "In one case, a soldier about to be taken prisoner tried to detonate a grenade, the agency "
                           "said.", [], id='a-soldier-counts-no-soldiers'),
    # "the younger of the two men" counts nobody
    pytest.param(CONTEXT + "The younger of the two men says he did not know he was being sent to Russia.", [],
                 id='the-younger-of-the-two'),
    # numbers as speakers say them
    pytest.param(CONTEXT + "Some four hundred are believed to have been killed and close to three and a half thousand "
                           "wounded.",
     [("casualties.killed", 400), ("casualties.wounded", 3500)], id='three-and-a-half-thousand'),
    pytest.param(CONTEXT + "North Korea has delivered a couple hundred ballistic missiles to Russia.",
                 [("weapons.missiles", 200)], id='a-couple-hundred'),
    pytest.param("Britain said roughly a third of the 11,000 North Korean troops deployed to Kursk had been killed or "
                 "wounded.",
     # "a third of" is a share, not a third wave
     [("casualties.total", 3666), ("troops.deployed", 11000)], id='a-third-of-is-a-share'),
    # a part counted out of a whole: the fate is the part's, the whole is the group's
    pytest.param("Seoul says 4,000 out of a total of 12,000 North Korean soldiers sent to Russia have been killed or "
                 "wounded.", [("casualties.total", 4000), ("troops.deployed", 12000)], id='out-of-a-total-of'),
    pytest.param("Ukraine said 300 out of the 11,000 North Korean troops in Kursk were killed.",
                 [("casualties.killed", 300), ("troops.deployed", 11000)], id='out-of-the'),
    # a rate is no tally
    pytest.param(CONTEXT + "Zelensky said the North Korean units were losing up to 1,200 soldiers daily.", [],
                 id='a-rate-daily'),
    pytest.param(CONTEXT + "Kyiv says the North Korean contingent suffers about 100 casualties a day.", [],
                 id='a-rate-a-day'),
    # ... but "a day later" is a time, not a rate
    pytest.param("A day later, Japan said some 7,000 North Korean soldiers were in Russia.",
                 [("troops.deployed", 7000)], id='a-day-later-is-no-rate'),
    # a byline run into its date: the day is no count of the soldiers the headline names
    pytest.param("Pyongyang mourns North Korean soldiers killed fighting for Russia Ana Lopez, ReutersMarch 14, 2025 "
                 "at 9:10 AM", [], id='a-byline-run-into-its-date'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)


COUNTS = [  # the numbers that count something, with their values
    pytest.param("5. Russia launches 728 drones overnight", [728], id='a-list-marker'),  # a list's marker
    # a year after a month and a day is a date's, however the date is written
    pytest.param("in this photo taken on Monday, Oct. 28, 2024, soldiers", [], id='a-year-after-month-and-day'),
    pytest.param("on 28 October 2024, 300 soldiers", [300], id='a-year-after-day-and-month'),
    # thousands grouped by a space (or a no-break or thin space) are one number; a year is no group
    pytest.param("about 11 000 troops and 2\u202f700 wounded", [11000, 2700], id='space-grouped-thousands'),
    pytest.param("in 2024 300 soldiers", [300], id="a-year-then-a-count-is-no-group"),
    # a count is whole: a bracketed "(11.04)" is a date, "2.5" alone a measure; "1.5 million" is whole
    pytest.param("The spy agency briefed the committee on the troops today (11.04).", [], id='a-dotted-date'),
    pytest.param("North Korea sent 1.5 million shells, up 2.5 on the index.", [1_500_000], id='whole-counts-only'),
    pytest.param("intro\n2/ Losses: HUR says 3.7k casualties", [3700], id='a-thread-marker'),  # a thread's marker
    pytest.param("WhatsApp +65 5550 0123.", [], id='a-phone-number'),  # a phone number
    pytest.param("The men are 21 and 26 years old.", [], id='years-old'),
    pytest.param("some as young as 18", [], id='as-young-as'),
    pytest.param("about half a million rounds", [500_000], id='half-a-million'),
    pytest.param("a 3K second wave", [3000], id='3k-and-an-ordinal'),  # "second" is an ordinal here, not a duration
    # a caliber after a count is no phone number
    pytest.param("60 240mm multiple rocket launchers", [60], id='a-calibre-beside-a-count'),
    pytest.param("over 1 crore artillery shells", [10_000_000], id='crore'),
    pytest.param("9 lakh troops", [900_000], id='lakh'),
    pytest.param("worth about $20 billion", [], id='billion-after-money'),  # the scale word after money counts nothing
    # a range's measure after its second end is both ends' ("between 25 to 40 miles")
    pytest.param("camps between 30 to 50 kilometres from the front", [], id='a-measured-range'),
    pytest.param("barracks some 10-20 km away", [], id='a-measured-range-with-a-hyphen'),
    pytest.param("On March 9 and 10, the units lost at least 40 soldiers", [40], id='a-second-day-after-a-month'),
    pytest.param("over 2 million 152-millimeter shells", [2_000_000], id='a-hyphenated-calibre-beside-a-count'),
]


def test_a_vague_amount_is_derived() -> None:
    """"millions of" read as at least 1,000,000 is derived, as a share of a total is: marked, never a lead alone."""
    (shells,) = extract("North Korea has shipped millions of artillery shells to Russia.", topic=TOPIC)
    assert (shells.value, shells.qualifier, shells.derived) == (1_000_000, "at_least", True)
    (troops,) = extract("North Korea has sent 11,000 troops to Russia.", topic=TOPIC)
    assert troops.derived is False


@pytest.mark.parametrize("text, values", COUNTS)
def test_the_counts(text, values) -> None:
    assert [m.value for m in find_mentions(text, TOPIC) if m.kind != "base"] == values


RANGES = [  # a range's ends
    pytest.param("two to three thousand more soldiers", 2000, 3000, id='words'),
    pytest.param("2 to 3 million shells", 2_000_000, 3_000_000, id='digits'),
    pytest.param("between two and three thousand troops", 2000, 3000, id='between'),
    # the first end is already large: no shared scale
    pytest.param("500 to 3 thousand", 500, 3000, id='the-first-end-already-large'),
]


@pytest.mark.parametrize("text, low, high", RANGES)
def test_the_ranges(text, low, high) -> None:
    [m] = find_mentions(text, TOPIC)
    assert (m.kind, m.low, m.high) == ("range", low, high)


def test_a_range_with_its_scale_written_twice():
    assert qualified("North Korea has transferred between 9 million and 12 million artillery shells to Russia.") == [
        ("weapons.artillery_shells", 10_500_000, "range")]


def test_handed_over_is_no_qualifier():
    [claim] = extract(CONTEXT + "North Korea handed over 148 ballistic missiles to Russia.", topic=TOPIC)
    assert claim.qualifier == "exact"


def test_something_like_is_an_approximation():
    assert qualified(CONTEXT + "North Korea has sent something like twelve thousand men to Russia.") == [
        ("troops.deployed", 12000, "approx")]
