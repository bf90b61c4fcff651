"""Forms the eleventh blind batch (tests/heldout11: who says so on long scraped pages; scored
blind at F1 0.819 after the tenth batch's fixes and the sources round) found missing, each pinned
by its own case."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, confident


@pytest.mark.parametrize("text, expected", [
    # KBS World's "10-thousand"
    ("It said about 10-thousand North Korean soldiers remain deployed in Russia.", [("troops.deployed", 10000)]),
    # the North's contingent fights on Russia's side; Russia's own losses are Russia's
    ("The total losses of the North Korean contingent fighting on Russia's side have reached about 6,000 servicemen "
     "killed and wounded, according to the HUR.", [("casualties.total", 6000)]),
    (CONTEXT + "Russia, which lost an estimated 400,000 soldiers killed or wounded in 2025 alone, has gained manpower.", []),
    # "I would say" estimates, it projects nothing
    (CONTEXT + "They have lost close to 7,000 killed and wounded. Of those, I would say around 2,500 are dead.",
     [("casualties.killed", 2500), ("casualties.total", 7000)]),
    # "taken six North Korean servicemen prisoner"
    (CONTEXT + "Our units have taken six North Korean servicemen prisoner in total.", [("casualties.captured", 6)]),
    # a group outside the topic after "are"
    ("North Korea has sent about 20,000 troops to Russia. Of the total, some 5,000 are military construction troops "
     "that began arriving in Russia in September.", [("troops.deployed", 20000)]),
    # a party's own forces at home
    (CONTEXT + "South Korea, whose own armed forces have shrunk to about 450,000 troops, is watching closely.", []),
    # preparations for sending are a plan
    ("\"Our intelligence has recorded preparations in North Korea for sending another contingent to Russia - up to "
     "five thousand troops,\" Zelensky said.", []),
    # a question asks
    ("- N. Korea sent 10,000 more troops to Russia? Spy agency to brief lawmakers", []),
    # "180 systems in total" after the launchers
    ("North Korea shipped Russia at least 120 Koksan self-propelled guns and around 60 multiple rocket launchers, or "
     "roughly 180 systems in total.", [("weapons.artillery_systems", 60), ("weapons.artillery_systems", 120),
                                        ("weapons.artillery_systems", 180)]),
])
def test_forms_of_the_eleventh_batch(text, expected):
    assert confident(text) == sorted(expected)
