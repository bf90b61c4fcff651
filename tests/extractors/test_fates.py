"""What befell the counted: coordinated fates are one total, each fate goes with its own figure, and a
fate verb before the figure counts ("killed 77"). Cases are written for these tests (real pages'
forms, other words, names and numbers)."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, confident


@pytest.mark.parametrize("text, expected", [
    # coordinated fates, in either order and with a degree, are casualties.total
    (CONTEXT + "Around 2,600 North Korean soldiers have been injured or killed so far, Kyiv said.",
     [("casualties.total", 2600)]),
    (CONTEXT + "Pyongyang has lost roughly 3,800 troops killed and badly wounded, officials said.",
     [("casualties.total", 3800)]),
    (CONTEXT + "There are already more than two thousand wounded and killed North Korean soldiers near the front.",
     [("casualties.total", 2000)]),
    # the part of a group that befell a fate takes the fate, not the group's deployment
    (("North Korea has sent about 14,000 soldiers to Russia, Seoul said. Of those sent, roughly 3,900 are "
      "thought to have been killed or injured."), [("casualties.total", 3900), ("troops.deployed", 14000)]),
    (("Of the first 10,000 North Korean troops dispatched to Russia, 3,500 are thought to have been killed or "
      "wounded, Seoul said."), [("casualties.total", 3500), ("troops.deployed", 10000)]),
], ids=["fate-01-injured-or-killed", "fate-02-killed-and-badly-wounded", "fate-03-wounded-and-killed",
        "fate-04-part-of-those-sent", "fate-05-part-of-the-group"])
def test_coordinated_fates_are_one_total(text, expected) -> None:
    assert confident(text) == sorted((m, float(v)) for m, v in expected)


@pytest.mark.parametrize("text, expected", [
    # two figures with two fates: each fate goes with its own figure
    (CONTEXT + "Seoul said at least 200 North Korean soldiers have died and 2,300 have been injured.",
     [("casualties.killed", 200), ("casualties.wounded", 2300)]),
    # a fate verb before the figure
    (CONTEXT + "A Ukrainian drone unit said it had destroyed 63 North Koreans in two days.",
     [("casualties.killed", 63)]),
    (CONTEXT + "Ukrainian operators reported eliminating 31 North Korean soldiers and wounding 18 others.",
     [("casualties.killed", 31), ("casualties.wounded", 18)]),
    (CONTEXT + "The brigade killed 44 North Koreans and wounded 29 over four days.",
     [("casualties.killed", 44), ("casualties.wounded", 29)]),
    ("Ukrainian forces kill 35 North Korean troops in Russia's Kursk region", [("casualties.killed", 35)]),
    (CONTEXT + "A robot strike killed five North Korean officers near Donetsk.", [("casualties.killed", 5)]),
], ids=["fate-06-two-figures-two-fates", "fate-07-destroyed", "fate-08-eliminating-wounding",
        "fate-09-verb-then-over-days", "fate-10-kill-headline", "fate-11-officers"])
def test_each_fate_goes_with_its_figure(text, expected) -> None:
    assert confident(text) == sorted((m, float(v)) for m, v in expected)
