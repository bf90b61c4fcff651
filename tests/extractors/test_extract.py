"""The extractor's behaviour on the cases issue 3 names: whose figure, who says so, what is no fact."""
from __future__ import annotations

from datetime import date

import pytest

from extractors import extract, load_topic
from extractors.boilerplate import content_lines


def metrics_of(text: str, **kw) -> list[tuple[str, float]]:
    return [(c.metric, c.value) for c in extract(text, **kw) if c.confidence >= 0.5]


def test_two_figures_in_one_sentence_are_two_claims() -> None:
    text = ("South Korean lawmaker Yoo Yong-won reported that around 400 North Korean soldiers had died in Russia, "
            "while nearly 3,600 were wounded as of late February 2025.")
    claims = extract(text)
    assert [(c.metric, c.value, c.qualifier) for c in claims] == [
        ("casualties.killed", 400.0, "approx"), ("casualties.wounded", 3600.0, "approx")]
    assert claims[1].high == 3600.0
    assert {c.source_key for c in claims} == {"Yoo Yong-won"}
    assert claims[0].as_of == date(2025, 2, 25)


def test_killed_or_wounded_is_one_total() -> None:
    assert metrics_of("Over 3,000 North Korean troops in Russia have been killed or injured, Kyiv said.") == [
        ("casualties.total", 3000.0)]


def test_revision_reports_the_new_figure() -> None:
    earlier, claim = extract("Seoul's spy agency raised its estimate of North Korean casualties in Russia from 3,000 "
                             "to 4,000.")
    assert (claim.metric, claim.value, claim.revised_from, claim.source_key, claim.stance) == (
        "casualties.total", 4000.0, 3000.0, "South Korea NIS", "current")
    assert (earlier.value, earlier.stance, earlier.reviewable) == (3000.0, "superseded", True)  # history, kept as such


def test_coreference_follows_the_troops_across_sentences() -> None:
    text = ("North Korea has deployed approximately 11,000 soldiers to Russia. "
            "Over 3,000 of these soldiers have been killed or injured, as per Kyiv's figures.")
    claims = extract(text)
    assert [(c.metric, c.value) for c in claims] == [("troops.deployed", 11000.0), ("casualties.total", 3000.0)]
    assert claims[1].source == "Kyiv"


def test_other_parties_are_not_the_topic() -> None:
    text = ("Russia lost 1,340 soldiers in the past day, Ukraine's General Staff said. "
            "North Korea has treated hundreds of wounded Russian soldiers. "
            "A Russian strike on Kharkiv injured at least nine people. "
            "North Korea's 1.2 million-strong army held drills at home.")
    assert metrics_of(text) == []


def test_projections_and_denials_stay_out_of_digests() -> None:
    text = ("North Korea could send up to 30,000 more troops to Russia. "
            "The Kremlin denied that 12,000 North Korean soldiers were sent to Russia.")
    claims = extract(text)
    assert claims and all(c.confidence < 0.5 for c in claims)


def test_headline_repeated_in_body_is_one_claim() -> None:
    text = ("North Korea sends 3,000 more troops to Russia\n"
            "North Korea has sent 3,000 more troops to Russia, South Korea's military said on Thursday.")
    claims = [c for c in extract(text) if c.metric == "troops.additional"]
    assert len(claims) == 1 and claims[0].source_key == "South Korea military"


def test_a_title_figure_not_in_the_body_is_kept_with_its_title_span() -> None:
    title = "North Korea has lost 1,000 troops in Russia, says Seoul"
    body = "North Korean soldiers fighting for Russia have suffered heavy casualties, lawmakers were told."
    [claim] = extract(body, title=title)
    assert (claim.metric, claim.value, claim.evidence) == ("casualties.total", 1000.0, title)
    assert title[claim.start:claim.end] == "1,000"


def test_page_furniture_and_teasers_of_other_stories_are_ignored() -> None:
    text = ("North Korean troops have returned to the front in Kursk, Ukrainian officials said.\n"
            "Related Posts\n"
            "North Korea sends 10,000 more troops to Russia\n")
    assert metrics_of(text) == []


@pytest.mark.parametrize("furniture", ["Tag: Russia", "Tags: North Korea, 1,500 troops", "Please turn off your "
                                                                                         "adblocker, 2,000 readers did",
                                       "SHARE on Facebook", "Copyright 2025, 3,000 words"])
def test_every_line_a_furniture_pattern_matches_is_furniture(furniture: str) -> None:
    """The screen before the furniture regex is exact: it lets through every line the regex matches."""
    topic = load_topic()
    text = f"North Korea sent 11,000 troops to Russia.\n{furniture}\nThe troops fought in Kursk."
    assert topic.furniture.lines.search(furniture)
    assert [text[ln.start:ln.end] for ln in content_lines(text, topic)] == [
        "North Korea sent 11,000 troops to Russia.", "The troops fought in Kursk."]


def test_weapons_supplied_count_but_weapons_fired_or_tested_do_not() -> None:
    text = ("North Korea has supplied more than 100 ballistic missiles and millions of artillery shells to Russia. "
            "Russia fired 11 North Korean missiles at Kyiv. North Korea test-fired three missiles into the sea.")
    assert metrics_of(text) == [("weapons.missiles", 100.0), ("weapons.artillery_shells", 1_000_000.0)]


def test_aliases_name_one_source() -> None:
    topic = load_topic()
    keys = {topic.canonical_source(n) for n in ("the NIS", "Seoul's spy agency", "South Korea's National Intelligence "
                                                                                 "Service")}
    assert keys == {"South Korea NIS"}
    assert topic.canonical_source("JCS") == topic.canonical_source("Joint Chiefs of Staff") == "South Korea JCS"
    assert topic.canonical_source("Kyiv") == topic.canonical_source("Ukraine's officials") == "Ukraine"
    assert topic.canonical_source(None) is None


def test_spans_hold_the_number_as_written() -> None:
    text = "According to the JCS, about 11,000 North Korean troops are in Russia and two have been captured."
    for claim in extract(text):
        assert text[claim.start:claim.end] in ("11,000", "two")


def test_a_title_cut_from_the_first_line_is_no_headline_of_its_own() -> None:
    """A file's first line cut to a title ("... as high as 3…") would read "3" as a figure of its own."""
    text = ("Seoul said the number of artillery shells North Korea has sent to Russia could be as high as 3 million, "
            "a defence ministry official told reporters.")
    cut = text[:text.index(" million")] + "…"  # the cut falls inside "3 million"
    claims = extract(text, topic=load_topic(), title=cut)
    assert [c.value for c in claims] == [3_000_000]
