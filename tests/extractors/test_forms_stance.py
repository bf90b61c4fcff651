"""Is it a reported fact: projections, denials, hedges and questions are held back (planned, denied),
an earlier figure is superseded, an estimate is not a plan.

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from extractors import extract
from tests.extractors.cases import (
    CONTEXT,
    TOPIC,
    confident,
    readings,
)

CLAIMS = [  # the figures that reach a digest: (metric, value), or (metric, value, qualifier)
    # a past cause before "to deploy" made it happen: no plan ("The mounting losses led the Kremlin to ...")
    pytest.param("Its mounting losses led the Kremlin to deploy some 12,000 North Korean troops to the Kursk front.",
                 [("troops.deployed", 12000)], id='a-past-cause-before-to-deploy-is-no-plan'),
    pytest.param("The Kremlin plans to deploy some 12,000 North Korean troops to the Kursk front.", [],
                 id='plans-to-deploy-stays-a-plan'),
    # a modal right after a definite group's noun phrase is its verb: a plan ("those 5,000 ... will likely go")
    pytest.param("Seoul's spy agency said the dispatch to Russia of those 5,000 additional North Korean military "
                 "personnel will likely come in July.", [], id='a-definite-group-then-its-modal-is-a-plan'),
    # a conditional governs its own clause, not a figure in an "after" clause that states a fact; "If" is no source
    pytest.param("If confirmed, the new wave would double the North Korean force in Russia after some 12,000 soldiers "
                 "were sent there last year.", [("troops.deployed", 12000)],
                 id='a-conditional-does-not-reach-past-after'),
    # "previously reported" is an earlier figure
    pytest.param(CONTEXT + "Tokyo had previously reported around 2,000 North Korean casualties.", [],
                 id='previously-reported'),
    # "revising upward the figure of 15,000": history
    pytest.param("North Korea has sent more than 18,000 troops to Russia, the JCS said, revising upward the figure of "
                 "15,000 it "
     "had cited last April.", [("troops.deployed", 18000)], id='revising-upward-the-figure-of'),
    # "I would say" estimates, it projects nothing
    pytest.param(CONTEXT + "They have lost close to 7,000 killed and wounded. Of those, I would say around 2,500 are "
                           "dead.",
     [("casualties.killed", 2500), ("casualties.total", 7000)], id='i-would-say-estimates'),
    # preparations for sending are a plan
    pytest.param("\"Our intelligence has recorded preparations in North Korea for sending another contingent to Russia "
                 "- up to "
     "five thousand troops,\" Zelensky said.", [], id='preparations-for-sending'),
    # a question asks
    pytest.param("- N. Korea sent 10,000 more troops to Russia? Spy agency to brief lawmakers", [],
                 id='a-question-asks'),
    # a correction supersedes the misstated figure
    pytest.param(CONTEXT + "Correction: An earlier version of this article misstated the number of North Korean troops "
                           "in the "
     "latest wave as 1,500; it is 1,200.", [], id='a-correction-supersedes'),
    # a definite figure is known, whatever is planned for it
    pytest.param(CONTEXT + "The ministry said it would bring home the two North Korean prisoners of war held by "
                           "Ukraine.",
     [("casualties.captured", 2, "exact")], id='a-definite-group-is-known'),
    # increments are no figure: the new total is
    pytest.param(CONTEXT + "Deaths rose by some 500 to around 2,500, the agency said.", [("casualties.killed", 2500)],
                 id='an-increment-is-history'),
    # a past possibility is an estimate, not a plan
    pytest.param(CONTEXT + "As many as 6,000 North Korean soldiers may have been killed or wounded, Japan said.",
     [("casualties.total", 6000)], id='may-have-been-killed-estimates'),
    # "perhaps" doubts its own clause, not the sentence
    pytest.param("Kim Jong Un has shipped some 12,000 of his young men to fight for Russia, and perhaps a third of "
                 "them have "
     "been killed.", [("troops.deployed", 12000)], id='perhaps-doubts-its-own-clause'),
    pytest.param("A video viewed more than 2.3 million times since Sunday claims North Korea has sent \"100,000 "
                 "soldiers\" to Russia.", [], id='a-viral-video'),
    pytest.param("The claim that 100,000 North Korean soldiers are fighting for Russia is false.", [],
                 id='the-claim-that'),
    pytest.param("FACT CHECK: No, 100,000 North Korean soldiers are not fighting in Ukraine", [], id='fact-check-no'),
    pytest.param(CONTEXT + "We cannot confirm the figure of 1,500 more troops sent to Russia.", [],
                 id='cannot-confirm'),
    # the month May is no "may": a delivery by the end of May is a fact
    pytest.param("Pyongyang had delivered 6 million rounds of artillery ammunition to Russia by the end of May.",
     [("weapons.artillery_shells", 6_000_000)], id='may-the-month-is-no-modal'),
    # a purpose clause is no projection
    pytest.param("North Korea has sent two to three thousand more soldiers to Russia to replace losses in Kursk, Kyiv "
                 "said.",
     [("troops.additional", 2500)], id='a-purpose-clause-is-no-projection'),
    pytest.param("Pyongyang had sent Russia some 3.7 million shells by the end of the year, Budanov said.",
     # a past delivery by a date is no projection
     [("weapons.artillery_shells", 3_700_000)], id='a-past-delivery-by-a-date'),
    pytest.param("Seoul's spy agency raised its estimate of North Korean soldiers killed in Russia's war against "
                 "Ukraine from 600 "
     # a change verb far before "from": still a revision
     "to around 2,000.", [("casualties.killed", 2000)], id='a-change-verb-far-before-from'),
    # what shipped containers "could be" or "could accommodate" is an estimate of what was sent, not a plan
    pytest.param("Of the 7,000 containers Pyongyang shipped to Russia, there could be more than 4 million "
                 "artillery shells, the defence minister said.",
                 [("weapons.artillery_shells", 4_000_000)], id='there-could-be-more-than'),
    pytest.param("The defence minister said the containers North Korea sent could accommodate up to 2 million "
                 "artillery shells.", [("weapons.artillery_shells", 2_000_000)], id='could-accommodate-up-to'),
    # "fake" before another noun describes that noun: the figure is no denial
    pytest.param("Ukraine says North Korean soldiers carrying fake Russian papers have lost 900 killed or wounded.",
                 [("casualties.total", 900)], id='fake-papers-deny-nothing'),
    # ... but "false claims" are what was said
    pytest.param("Pyongyang dismissed as false claims that 900 of its soldiers had been killed in Russia.", [],
                 id='false-claims-deny'),
    # "could range from", "may number": a hedged estimate of what is, not a plan
    pytest.param("A Pentagon spokesman said the North Korean contingent in Russia could range from 10,000 to 11,000.",
                 [("troops.deployed", 10_500)], id='could-range-from'),
    pytest.param("North Korean troops in Kursk may number as many as 13,000, Seoul's spy agency said.",
                 [("troops.deployed", 13_000)], id='may-number-as-many-as'),
    pytest.param("North Korea could send 20,000 more soldiers to Russia next year.", [], id='could-send-is-a-plan'),
    # declining to speculate about something else doubts nothing stated
    pytest.param("The Pentagon believes about 11,000 North Korean troops are in Russia, a spokesman said, adding he "
                 "would not speculate on whether more would come.", [("troops.deployed", 11_000)],
                 id='not-speculating-is-no-hedge'),
    pytest.param("Some bloggers speculate that 20,000 North Korean troops are in Russia.", [],
                 id='speculating-is-a-hedge'),
    # a figure in an aside (", numbering N soldiers,") is told by the main verb after it: "will go" plans
    pytest.param("The next North Korean brigade, numbering 3,200 soldiers, will travel to Kursk, Budanov said.", [],
                 id='an-aside-told-by-a-planned-verb'),
    pytest.param("The North Korean brigade, numbering 3,200 soldiers, has reached Kursk, Budanov said.",
                 [("troops.deployed", 3_200)], id='an-aside-told-by-a-stated-verb'),
]


@pytest.mark.parametrize("text, expected", CLAIMS)
def test_the_figures(text, expected) -> None:
    assert readings(text, expected) == sorted(expected)


def test_may_the_verb_still_marks_a_projection():
    assert confident("North Korea may send 5,000 more troops to Russia, officials said.") == []


def test_doubt_anywhere_in_the_sentence_holds_the_figure_back():
    text = ("A Telegram channel claimed that 8,000 North Korean soldiers had died in Kursk, a figure that could not "
            "be verified.")
    [claim] = extract(text, topic=TOPIC)
    assert claim.reviewable


STANCES = [  # every figure, as (metric, value, stance, held back for review)
    pytest.param("Seoul now says about 2,000 North Korean soldiers have been killed in Russia, up from 600 in April.",
                 [("casualties.killed", 600, "superseded", True), ("casualties.killed", 2000, "current", False)],
                 id="up-from-is-superseded"),
    # "up from" may open a clause that tells the earlier figure ("up from when we said ...")
    pytest.param("\"That is up from Monday, when we said as many as 7,000 North Korean troops were in Russia,\" the "
                 "spokesman said.", [("troops.deployed", 7000, "superseded", True)], id="up-from-when-we-said"),
    pytest.param("The NIS now says 2,000 North Korean soldiers have been killed in Russia; it had earlier put the toll "
                 "at 600.",
                 [("casualties.killed", 600, "superseded", True), ("casualties.killed", 2000, "current", False)],
                 id="had-earlier-put-the-toll-at"),
    # overtaken in the next sentence of the same source's words: "was at least 600. But ... it now estimates 2,000"
    pytest.param("Seoul's spy agency said the North Korean death toll was at least 500. But after new assessments, it "
                 "now estimates that about 1,800 North Korean soldiers have been killed.",
                 [("casualties.killed", 500, "superseded", True), ("casualties.killed", 1800, "current", False)],
                 id="overtaken-by-the-next-sentence"),
    pytest.param("The NIS said 11,000 North Korean troops were in Russia. The Pentagon now says 12,000 North Korean "
                 "troops are there.",
                 [("troops.deployed", 11000, "current", False), ("troops.deployed", 12000, "current", False)],
                 id="another-source-overtakes-nothing"),
    pytest.param("Kyiv had estimated 200 North Korean troops killed in Kursk before the offensive.",
                 [("casualties.killed", 200, "superseded", True)], id="had-estimated"),
    pytest.param("Ukraine's spy service had estimated in December that roughly 150 North Korean soldiers had died; it "
                 "now says 1,000 North Korean soldiers have been killed.",
                 [("casualties.killed", 150, "superseded", True), ("casualties.killed", 1000, "current", False)],
                 id="had-estimated-when-that"),
    pytest.param("Lee said the NIS believes 400 North Korean soldiers have been killed in Kursk.",
                 [("casualties.killed", 400, "current", False)], id="believes-that-stays-current"),
    pytest.param("South Korea's spy agency raised its estimate of North Korean casualties in Russia from 3,000 to "
                 "4,000.",
                 [("casualties.total", 3000, "superseded", True), ("casualties.total", 4000, "current", False)],
                 id="revised-from-to"),
    pytest.param(CONTEXT + "The number of North Korean troops killed rose by about 1,000 to roughly 6,000, Kyiv said.",
                 [("casualties.killed", 6000, "current", False)], id="an-increment-is-no-claim"),
    pytest.param("\"The planned dispatch of some 12,000 North Korean troops to Russia is expected by spring,\" an "
                 "official said.", [("troops.deployed", 12000, "planned", True)], id="planned-dispatch-expected-by"),
    pytest.param("North Korea plans to send 6,000 more troops to Russia, Seoul said.",
                 [("troops.additional", 6000, "planned", True)], id="plans-to-is-planned"),
    pytest.param("North Korea could send up to 30,000 more troops to Russia.",
                 [("troops.additional", 30000, "planned", True)], id="could-send-is-planned"),
    pytest.param("Moscow denied that 10,000 North Korean soldiers were fighting in Kursk.",
                 [("troops.deployed", 10000, "denied", True)], id="a-quoted-party-denies"),
]


@pytest.mark.parametrize("text, expected", STANCES)
def test_the_stances(text: str, expected: list[tuple]) -> None:
    got = sorted((c.metric, c.value, c.stance, c.reviewable) for c in extract(text, topic=TOPIC))
    assert got == sorted(expected)


def test_an_earlier_figure_is_no_false_positive_and_says_why() -> None:
    """A superseded figure is held below digest confidence, so the scorer (eval/score.py) leaves it out
    whether or not a labeller marked it; its reasons name the cue."""
    from eval.evaluate import load_scorer
    from extractors import explain
    from extractors.records import claim_to_record

    text = "Seoul now says about 2,000 North Korean soldiers have been killed in Russia, up from 600 in April."
    found = explain(text, topic=TOPIC)
    earlier = next(why for claim, why in found if claim.stance == "superseded")
    assert (earlier.metric_rule, earlier.confidence[-1]) == ("figure-it-updates", "superseded: 'up from' 0.3")
    scorer = load_scorer()
    gold = [{"article": "a.txt", "metric": "casualties.killed", "value": 2000, "qualifier": "approx", "source": "Seoul",
             "evidence": text}]
    result = scorer.score(gold, [claim_to_record(c, "a.txt") for c, _ in found])
    assert (result["overall"]["tp"], result["overall"]["fp"]) == (1, 0)
