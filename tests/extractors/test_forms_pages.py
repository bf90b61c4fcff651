"""The shapes of pages: headings, lists of teasers, fact boxes, "by the numbers" lines, captions,
chronologies, related-article blocks, sentence ends.

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from tests.extractors.cases import (
    TOPIC,
    readings,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # "Related articles (관련 기사)": the teasers after it are other stories
    pytest.param("North Korea has sent troops to Russia, Seoul says.\n\nRelated articles (관련 기사)\n"
     "- Ukraine says 3,000 North Korean troops killed or wounded in Kursk\n", [],
     id='related-articles-heading-with-a-translation'),
    # a teaser list: a heading opens its own story, so a typhoon's dead are nobody's of the topic
    pytest.param("KoreaWire Roundup, Thursday\n\n1. Spy agency: about 2,000 North Korean soldiers killed fighting for "
                 "Russia\n"
     "2. Typhoon leaves 21 dead, 13 missing in northern Luzon\n"
     "3. Russia launches 728 drones overnight\nUkraine's air force says 718 were shot down or jammed",
     [("casualties.killed", 2000)], id='a-list-of-teasers'),
    # ... but a fact box's "Label: value" lines belong to the box
    pytest.param("NORTH KOREA IN RUSSIA'S WAR — AT A GLANCE\nTroops deployed: ~15,000\nKilled: ~600\nWounded: ~4,100\n"
     "Captured by Ukraine: 2",
     [("casualties.captured", 2), ("casualties.killed", 600), ("casualties.wounded", 4100),
      ("troops.deployed", 15000)], id='a-fact-box'),
    pytest.param("Oct. 18, 2024 — 1,500 special forces soldiers from North Korea were shipped to Vladivostok.",
     [("troops.deployed", 1500)], id='a-chronology-s-dateline'),
    # a long photo caption is content; a short one is a credit line
    pytest.param("Kim mourns\n\nPhoto: Kim Jong Un comforts the relative of a soldier killed in Russia's Kursk region. "
                 "South "
     "Korea's spy agency estimates some 2,000 North Korean soldiers have been killed fighting for Russia.",
     [("casualties.killed", 2000, "approx")], id='a-long-photo-caption-is-content'),
    # a "by the numbers" box: the figure first, its label after a dash, each line the box's
    pytest.param("By the numbers\n11,000 — North Korean soldiers in the first deployment to Russia\n"
     "~4,000 — killed or wounded\n3,000 — reinforcements sent in January and February",
     [("casualties.total", 4000), ("troops.additional", 3000), ("troops.deployed", 11000)], id='by-the-numbers'),
    # a menu's "Latest news" above the first paragraph is no end of the article
    pytest.param("Section\nLatest news\n\nNorth Korean sappers clear mines in Kursk\n\nSeoul's spy agency says about "
                 "4,000 North Korean construction troops have been moving into Russia since September.\n\n"
                 "Related news\n- Seoul says 9,000 North Korean troops killed\n",
                 [("troops.additional", 4000)], id='a-menu-heading-above-the-story'),
    # ... nor a "Comments" link after a short notice of the page's own ("Alerts can be turned off in settings.")
    pytest.param("Get alerts from The Daily Ledger\n\nAlerts can be turned off in your settings.\n\nComments\n\n"
                 "According to a Ukrainian intelligence estimate from Friday, Russia has received around 40 "
                 "self-propelled howitzers from North Korea.",
                 [("weapons.artillery_systems", 40)], id='a-comments-link-after-a-page-notice'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)


def test_no_is_an_abbreviation_only_before_a_number():
    from extractors.boilerplate import content_lines
    from extractors.sentences import split_sentences

    def sentences(text):
        return [text[s.start:s.end].strip() for s in split_sentences(text, content_lines(text, TOPIC), TOPIC)]

    assert sentences("CHO: No. The South Koreans are saying so.") == ["CHO: No.", "The South Koreans are saying so."]
    assert sentences("Resolution No. 2270 bans arms. North Korea sent troops.") == [
        "Resolution No. 2270 bans arms.", "North Korea sent troops."]
