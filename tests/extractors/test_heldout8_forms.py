"""Forms the eighth blind batch (tests/heldout8: everyday coverage in many outlets' manner, scored
blind at F1 0.841 after seven rounds of fixes) found missing, each pinned by its own case."""
from __future__ import annotations

import pytest

from tests.extractors.cases import CONTEXT, confident, sources


@pytest.mark.parametrize("text, expected", [
    # a deployment that describes the group; the passive main verb is the figure's
    ("At least 100 North Korean soldiers deployed to Russia have been killed in combat, Seoul said.",
     [("casualties.killed", 100)]),
    # "the younger of the two men" counts nobody
    (CONTEXT + "The younger of the two men says he did not know he was being sent to Russia.", []),
    # artillery by other names
    (CONTEXT + "North Korea has also supplied Russia with at least 20 of its 240-millimeter multiple-launch rocket "
     "systems and about 250 pieces of long-range artillery.",
     [("weapons.artillery_systems", 20), ("weapons.artillery_systems", 250)]),
    # shells delivered to Ukraine are aid to Ukraine, not the North's to Russia
    ("North Korea's shells keep Russia's guns firing. A Czech-led initiative delivered some 1.5 million shells to "
     "Ukraine last year.", []),
])
def test_forms_of_the_eighth_batch(text, expected):
    assert confident(text) == sorted(expected)


def test_a_title_is_an_aside_only_after_a_name():
    # "Budanov, the head of ..., said": the title is an aside; after a clause it is the speaker
    text = ("North Korea shipped Russia around 148 KN-23 and KN-24 ballistic missiles last year, the head of "
            "Ukraine's military intelligence said.")
    assert sources(text) == {148: "head of Ukraine's military intelligence"}
