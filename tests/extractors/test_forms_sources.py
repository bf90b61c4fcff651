"""Who says so: the attribution in the figure's clause or sentence, a pronoun's antecedent, a
paragraph's, a fact box's, a list's or a transcript's speaker.

Each case is a form a blind batch (tests/heldout*) once got wrong, in our own words; its id says
what it pins."""
from __future__ import annotations

import pytest

from extractors import extract
from tests.extractors.cases import (
    CONTEXT,
    TOPIC,
    sources,
)

SOURCE = [  # the one source every figure of the text has
    pytest.param(CONTEXT + "The South Koreans are saying the North has shipped upward of eight million shells to "
                           "Russia.",
     "South Koreans", id='are-saying'),
    pytest.param("The Korea Institute for Defense Analyses (KIDA) based its estimate on its assessment that North "
                 "Korea "
     "delivered about 12 million artillery shells to Russia.", "Korea Institute for Defense Analyses",
     id='based-its-estimate-on'),
    pytest.param("South Korea's Joint Chiefs of Staff, by contrast, said 300 North Korean soldiers had been killed in "
                 "Russia.",
     "South Korea's Joint Chiefs of Staff", id='an-aside-after-the-name'),
    pytest.param("North Korean leader Kim Jong Un pledged further support for Russia's war as South Korea's "
                 "intelligence service "
     "estimated that about 2,000 of his soldiers had been killed.", "South Korea's intelligence service",
     id='after-a-conjunction'),
    pytest.param("By spring, the toll in Russia was heavy. Western officials now put North Korean losses at roughly "
                 "4,000.",
     "Western officials", id='in-the-sentence-s-clause'),
    pytest.param(CONTEXT + "Britain's defence ministry put North Korea's overall losses in the Kursk region "
                 "at about 6,000.",
                 "Britain's defence ministry", id='put-losses-in-a-place-at-about'),
    pytest.param("Western and South Korean intelligence agencies estimate that North Korea has sent 11,000 soldiers to "
                 "Russia.",
     "Western and South Korean intelligence agencies", id='in-plural'),
    # real-page round r1, class 9: a source is a speaker, never a place, a document or a title alone
    pytest.param(CONTEXT + "Fresh recruits keep arriving from North Korea, which allied officials estimate "
                 "has sent at least 10,000 soldiers to Russia.", "allied officials",
                 id='the-subject-of-a-relative-clause-not-the-place-before'),
    pytest.param(CONTEXT + "Rep. Han Do-yun, the ruling party's deputy chair of the parliamentary defense "
                 "committee, told journalists that about 700 North Korean soldiers had died.", "Rep. Han Do-yun",
                 id='a-long-title-aside-is-not-the-speaker'),
    pytest.param(CONTEXT + "Ukraine's 9th Special Operations Regiment, stationed near Sudzha, reported that it "
                 "had killed 60 North Korean soldiers.", "Ukraine's 9th Special Operations Regiment",
                 id='an-ordinal-unit-with-a-participle-aside'),
    pytest.param(CONTEXT + "The Ukrainian 9th Special Operations Regiment posted drone video on Monday. The unit "
                 "said it had killed 60 North Korean soldiers.", "Ukrainian 9th Special Operations Regiment",
                 id='the-unit-is-the-last-unit-named'),
    pytest.param(CONTEXT + "The British Ministry of Defence published an intelligence update on Sunday. The "
                 "report, cited by Newsline.Az, estimates that over 6,000 North Korean soldiers have become "
                 "casualties.", "British Ministry of Defence", id='a-report-cited-by-an-outlet-is-the-report-s'),
    # class 10: two speakers joined are the source together
    pytest.param(CONTEXT + "These were the first losses reported since the US and Japan announced that North "
                 "Korea had sent about 11,000 troops to Russia.", "the US and Japan",
                 id='two-speakers-joined-after-a-clause'),
    pytest.param(CONTEXT + "Pyongyang deployed an estimated 11,000 soldiers to Russia last year, according to "
                 "the United States and its allies.", "United States and its allies", id='a-country-and-its-allies'),
    # a reporting verb whose object points back tells the sentence before, across a line break and furniture
    pytest.param("Some 11,000 North Korean soldiers are being trained at bases in Russia's far east.\n"
                 "Ukraine's defence intelligence chief said this in a television interview on Friday.",
                 "Ukraine's defence intelligence chief", id='said-this-on-the-next-line'),
    pytest.param("The United States says North Korea moved about 8,000 soldiers to Russia's Kursk region.",
                 "United States", id='the-united-states-says'),
    pytest.param("North Korea Moved 8,000 Soldiers To Kursk, US Officials Say", "US Officials",
                 id='a-title-case-headline-s-verb'),
    # "This is reported by X": a passive whose subject points back tells the sentence before
    pytest.param("North Korean troops have lost more than 5,000 soldiers in Russia's Kursk region.\n"
                 "This was reported by Ukrinform on Tuesday.", "Ukrinform", id='this-was-reported-by'),
    # a source's name ends before "during", "at", "amid" ...
    pytest.param("Some 4,200 North Korean soldiers have been killed or wounded in Russia, as reported by South "
                 "Korea's spy agency during a briefing on Wednesday.",
                 "South Korea's National Intelligence Service (South Korea's spy agency)",
                 id='reported-by-x-during-a-briefing'),
    # South Korea's "intelligence" alone is its spy agency, told by its proper name as the agency's nicknames are
    pytest.param("South Korea's intelligence put North Korean deaths in Russia at about 450 on Thursday.",
                 "South Korea's National Intelligence Service (South Korea's intelligence)", id='seoul-s-intelligence'),
    # "as indicated by X": a passive's agent is the source, and a clause opening with a participle never is
    pytest.param("North Korean troops have suffered more than 4,500 casualties while assisting Russian forces against "
                 "Ukraine, as indicated by the Joint Chiefs of Staff during a briefing.", "Joint Chiefs of Staff",
                 id='as-indicated-by-x'),
    # "leadership" speaks; a participle after a source's name ends it ("a report submitted to ...")
    pytest.param("South Korea's military leadership reported on Monday that over 1,200 North Korean soldiers have been "
                 "killed or wounded in Russia.", "South Korea's military leadership", id='military-leadership'),
    pytest.param("North Korea shipped containers that could hold more than 5 million artillery shells to Russia, "
                 "according to a Defense Intelligence Agency report submitted to a lawmaker.",
                 "Defense Intelligence Agency report", id='a-report-submitted-to'),
    # reporting verbs beyond "said": "alleged", "reiterated"
    pytest.param("South Korean military officials alleged that around 1,300 North Korean soldiers had been killed or "
                 "wounded in Russia.", "South Korean military officials", id='alleged-that'),
    pytest.param("The Pentagon reiterated that an estimated 12,000 North Korean troops have been deployed to Russia.",
                 "Pentagon", id='reiterated-that'),
    # a figure inside a quotation that runs on is whoever closes the quotation (here through "he")
    pytest.param("Retired general Ben Hodges said the losses were severe.\n"
                 "\"Nobody knows the real number. We think as many as 2,000 North Korean soldiers have been killed "
                 "by now. It is a bloodbath,\" he added.", "Retired general Ben Hodges",
                 id='a-quotation-closed-sentences-later'),
    pytest.param("A Ukrainian drone unit killed 30 North Korean soldiers and wounded 25 more near Sudzha\n"
                 "share/menu.item\n"
                 "The 47th Separate Brigade reported the information.", "47th Separate Brigade",
                 id='reported-the-information-after-page-furniture'),
    # officers speak; "suggests that" reports; a day-month date before the speaker is no part of its name
    pytest.param("According to Ukrainian officers in the Bryansk sector, more than 9,000 North Koreans were deployed "
                 "in Kursk.", "Ukrainian officers", id='according-to-officers'),
    pytest.param("Army intelligence suggests that North Korea has suffered about 3,000 casualties in Russia.",
                 "Army intelligence", id='suggests-that'),
    pytest.param("On 14 November the State Department confirmed recent press reports that North Korea has deployed "
                 "around 11,000 troops to Russia.", "State Department", id='day-month-date-then-confirmed-reports'),
    # "according to him" is the last speaker; data nobody is named as gathering is no source
    pytest.param("\"We know how much they have shipped,\" the defence minister said.\n\nAccording to him, roughly "
                 "2 million artillery shells were sent to Russia by North Korea.", "defence minister",
                 id='according-to-him'),
    pytest.param("General Dmytro Koval said in an interview: \"As per the latest statistical data, North Korea has "
                 "already shipped 2 million shells to Russia.\"", "General Dmytro Koval",
                 id='as-per-data-is-no-speaker'),
    pytest.param("\"By our count Pyongyang has already sent two million shells to Russia,\" Col. Oksana Marchenko, "
                 "deputy head of the Army Intelligence Bureau of Ukraine, told a news agency.", "Col. Oksana Marchenko",
                 id='quote-closer-with-a-role-that-has-a-word-before-it'),
    # "This is reported by X with reference to Y's account": Y, via X
    pytest.param("North Korean units have lost more than 4,000 soldiers in the Kursk region.\n\nThis is reported by "
                 "Ukrinform with reference to the Telegram channel of the Estonian Defence Forces.",
                 "Estonian Defence Forces, via Ukrinform", id='reported-by-x-with-reference-to-y'),
    # "Pyongyang's own admission of 120 casualties": the admitting party tells it
    pytest.param(CONTEXT + "The toll dwarfs Pyongyang's own admission of only 120 casualties among its troops.",
                 "Pyongyang", id='x-s-own-admission-of'),
    # "the London-based daily said": the outlet named last
    pytest.param("The Guardian first reported the shipments in May.\n\nThe London-based daily said some 60 Koksan "
                 "self-propelled howitzers made in North Korea have arrived in Russia.", "Guardian",
                 id='the-x-based-daily-is-the-outlet-named-last'),
    # a speaker before the figure, an outlet closing the sentence: the speaker's, via the outlet
    pytest.param("The South Korean foreign minister said Pyongyang had shipped about 7,000 containers to Russia, which "
                 "could hold up to roughly 2 million artillery shells, according to the Kyodo news agency.",
                 "South Korean foreign minister, via Kyodo news agency", id='speaker-said-then-according-to-outlet'),
    # a role, then the person's name between commas: the person
    pytest.param("About 9,000 North Korean troops are now in Russia, as stated by Britain's Ambassador to the U.N., "
                 "Helen Carter, during a council session.", "Helen Carter", id='as-stated-by-role-then-name'),
    # "an assessment from Saturday": the day is no part of the source's name
    pytest.param("According to a British intelligence assessment from Sunday, some 1,500 North Korean soldiers have "
                 "been killed in Russia.", "British intelligence assessment", id='according-to-x-from-a-weekday'),
    # "the United States," ends a name: "States" is no verb there
    pytest.param("According to Britain and the United States, as many as 13,000 North Korean troops are in Russia.",
                 "Britain and the United States", id='united-states-comma-is-a-name'),
    # a leader speaks
    pytest.param("The Ukrainian leader recalled that Pyongyang had sent some 11,000 North Korean soldiers into the "
                 "Kursk fighting.", "Ukrainian leader", id='the-leader-recalled'),
    # a role after the name with no article is an aside, not the speaker
    pytest.param("Maria Lindqvist, director of the Korea Program at the Nordic Institute for Security (NIS-E), said "
                 "during a webinar on Tuesday that some 1,200 North Korean soldiers have been killed in Russia.",
                 "Maria Lindqvist", id='name-then-role-without-article'),
    # a body's figure relayed by an outlet is the body's, told via the outlet (not the outlet's alone)
    pytest.param("Roughly 2,500 North Korean soldiers have been wounded in Russia, according to Seoul's spy agency, as "
                 "reported by Yonhap.",
                 "South Korea's National Intelligence Service (Seoul's spy agency), via Yonhap",
                 id='according-to-x-as-reported-by-y'),
    pytest.param("According to the Defence Intelligence of Ukraine, as quoted by the BBC, about 1,200 North Korean "
                 "soldiers have been killed.", "Defence Intelligence of Ukraine, via BBC",
                 id='according-to-x-as-quoted-by-y'),
    # the subject of a plain present "claim"/"indicate", and one before an adverb of time ("had long reported")
    pytest.param(CONTEXT + "Allied intelligence officers claim that roughly 5,000 North Korean soldiers were killed "
                           "or wounded there.", "Allied intelligence officers", id="plural-subject-claim"),
    pytest.param(CONTEXT + "Japanese and Western agencies had long reported that Pyongyang sent over 10,000 soldiers "
                           "to Russia.", "Japanese and Western agencies", id="had-long-reported"),
    # a speaker with a relative clause between commas and a weekday before the verb
    pytest.param(CONTEXT + "A Seoul legislator, who toured Kyiv this month, on Friday said the North had sent about "
                           "2,500 more soldiers to Russia.", "Seoul legislator", id="relative-clause-aside"),
    pytest.param(CONTEXT + "The count is far higher than a Feb. 2 estimate from the Korea Institute for Defense "
                           "Analyses which said at least 400 North Korean soldiers had been killed.",
                 "Korea Institute for Defense Analyses", id="estimate-from-x-which-said"),
    pytest.param(CONTEXT + "\"Some 3,500 North Korean soldiers have died there,\" writes the Financial Times.",
                 "Financial Times", id="quote-then-writes-x"),
    pytest.param(CONTEXT + "People familiar with the matter said North Korea had sent about 13,000 troops to Russia.",
                 "People familiar with the matter", id="unnamed-but-said-so"),
    pytest.param(CONTEXT + "Tokyo and Washington have both said that Pyongyang sent over 10,000 soldiers to Russia.",
                 "Tokyo and Washington", id="have-both-said"),
    pytest.param("The Kremlin denied it, following Japanese and British intelligence assessments which say North "
                 "Korea has suffered at least 1,300 casualties in Russia.",
                 "Japanese and British intelligence assessments", id="following-x-which-say"),
    pytest.param(CONTEXT + "Budanov's remarks indicate that North Korea shipped about 2.5 million shells to Russia "
                           "last year.", "Budanov", id="x-s-remarks-indicate"),
]

NOT_A_VERB = [  # a reporting verb's form after an owner or in a headline is a noun: it names no speaker
    pytest.param(CONTEXT + "Zelensky's claim is higher than the 300 North Korean soldiers killed that others counted.",
                 None, id="owner-s-claim"),
]


@pytest.mark.parametrize("text, source", NOT_A_VERB)
def test_a_verb_form_after_an_owner_is_a_noun(text: str, source: str) -> None:
    assert set(sources(text).values()) == {source}


ROLE_ONLY = [  # a definite role with no name is the person named as a source before it
    pytest.param("Russia will make 3 million shells this year, said Lt. Gen. Oleh Marchenko of Ukraine's military "
                 "intelligence in an interview. \"We doubt it,\" said Marchenko. The intelligence officer added that "
                 "North Korea had supplied Moscow with 2 million shells.", {2_000_000: "Marchenko"}, id="the-officer"),
    pytest.param("Ukrainian President Volodymyr Zelensky said on Sunday that talks had stalled. The Ukrainian "
                 "leader said Pyongyang had sent about 14,000 soldiers to Russia.",
                 {14_000: "Ukrainian President Volodymyr Zelensky"}, id="the-leader-points-back"),
    pytest.param("Putin thanked Pyongyang, the Kremlin said. A Ukrainian official said North Korea had sent 12,000 "
                 "soldiers to Russia.", {12_000: "Ukrainian official"}, id="an-official-is-someone-new"),
    pytest.param("South Korea's spy agency briefed lawmakers on Monday. The South Korean official said North Korea "
                 "had sent 12,000 soldiers to Russia.", {12_000: "South Korean official"},
                 id="no-person-before-the-role"),
]


@pytest.mark.parametrize("text, expected", ROLE_ONLY)
def test_a_role_without_a_name_is_the_person_named_before(text: str, expected: dict) -> None:
    assert sources(text) == expected


def test_a_bracketed_according_to_closes_the_figures_before_it() -> None:
    text = (CONTEXT + "Estimates run from at least 800 deaths by March (according to Pentagon officials) to "
            "about 5,000 casualties with 900 deaths by May (according to Kyiv).")
    assert sources(text) == {800: "Pentagon officials", 5000: "Kyiv", 900: "Kyiv"}


def test_a_relayer_who_cites_a_briefer_tells_the_briefer_s_figures() -> None:
    text = ("North Korea has sent 2,000 more soldiers to Russia, a South Korean lawmaker said Tuesday. Rep. Park "
            "Jin-ho of the opposition wrote on social media, citing a briefing from Ukrainian military intelligence "
            "chief Kyrylo Budanov during a visit to Kyiv.\n\nPark said the North sent about 11,000 troops to Russia "
            "last autumn.")
    found = sources(text)
    assert found[11_000] == "Ukrainian military intelligence chief Kyrylo Budanov, via Park Jin-ho"
    assert found[2_000] == "South Korean lawmaker"  # named before the relayer's own name: told as said


def test_a_briefing_one_diplomat_cites_is_not_another_s() -> None:
    text = ("The representative of France, citing a report of the monitoring team, said Pyongyang sent 9 million "
            "shells to Russia. The representative of Japan said Pyongyang had sent some 5,000 more soldiers to Russia.")
    assert sources(text)[5_000] == "representative of Japan"

NO_SOURCE = [  # words that are no speaker: the figure has no source rather than a junk one
    # a relative clause after a noun is no speaker ("The panel, which monitors sanctions ..., found that")
    pytest.param("The panel, which monitors sanctions against North Korea, also found that Pyongyang deployed over "
                 "12,000 troops to Russia in 2024.", id='a-relative-clause-is-no-speaker'),
    pytest.param(CONTEXT + "Ukrainian special forces killed 13 North Korean soldiers near Sudzha, according to an "
                 "official statement released Tuesday.", id='a-statement-is-no-speaker'),
    pytest.param(CONTEXT + "Russia has received at most 40 ballistic missiles of North Korean origin, as the media "
                 "agency notes.", id='a-generic-outlet-noun-is-no-speaker'),
    # "States" after "United", with the sentence going on in lower case, is the name's, not the verb "states"
    pytest.param("The United States has seen reports that North Korea moved about 8,000 soldiers to Russia's "
                 "Kursk region.", id='united-states-is-a-name-not-united-stating'),
    # "said this was ...": "this" opens a clause of its own, it does not point back
    pytest.param("About 3,000 North Korean soldiers have been killed in Russia. Pyongyang's envoy said this was a "
                 "fabrication.", id='said-this-was-is-no-telling-back'),
]


@pytest.mark.parametrize("text", NO_SOURCE)
def test_no_source_rather_than_junk(text) -> None:
    assert {c.source for c in extract(text, topic=TOPIC)} == {None}


@pytest.mark.parametrize("text, source", SOURCE)
def test_the_source(text, source) -> None:
    assert {c.source for c in extract(text, topic=TOPIC)} == {source}


SOURCES = [  # each figure's source, by value
    # "the agency" stands for the last agency named, even as a subject; "It added" follows it
    pytest.param(CONTEXT + "The National Intelligence Service (NIS) gave the assessment, according to Rep. Park "
                           "Sun-won. The agency said "
     "the North has rotated roughly 15,000 troops through Russia since it first sent units there. It added that "
     "Pyongyang had shipped more than "
     "12 million rounds of artillery ammunition.",
     {15000: "National Intelligence Service", 12_000_000: "National Intelligence Service"},
     id='the-agency-is-the-last-agency-named'),
    # ... also where it stands in the sentence, after another speaker
    pytest.param(CONTEXT + "At the same time, the National Intelligence Service revised its count. Lawmaker Lee "
                           "Seong-kweun told "
     "reporters that the agency now believes around 600 North Korean soldiers have died.",
     {600: "National Intelligence Service"}, id='the-agency-through-a-lawmaker'),
    # a title's stop does not end the name after "according to"
    pytest.param(CONTEXT + "About 11,000 North Korean troops are in Russia, according to Rep. Park Sun-won.",
     {11000: "Rep. Park Sun-won"}, id='a-title-s-stop-in-a-name'),
    # a participle aside is not the speaker
    pytest.param(CONTEXT + "President Volodymyr Zelensky, speaking the same week, put the toll at 3,800 killed or "
                           "wounded.",
     {3800: "President Volodymyr Zelensky"}, id='a-participle-aside-is-not-the-speaker'),
    # the subject of a sentence whose participle reports ("..., assessing that")
    pytest.param(CONTEXT + "Britain's Defence Intelligence went further in early February, assessing that the North "
                           "had probably "
     "suffered more than 4,000 casualties.", {4000: "Britain's Defence Intelligence"},
     id='the-subject-of-assessing-that'),
    # an acronym the story spells out is given in full, with the acronym
    pytest.param("South Korea's National Intelligence Service (NIS) briefed lawmakers. The NIS said 2,000 North Korean "
                 "soldiers "
     "have been killed in Russia.", {2000: "South Korea's National Intelligence Service (NIS)"},
     id='an-acronym-in-full'),
    # a footnote mark ends a sentence, so the next sentence's speaker is its own
    pytest.param("The JCS said North Korean forces in Kursk have suffered 3,000 casualties.[1] South Korea's spy "
                 "agency "
     "separately told lawmakers that 300 North Korean soldiers have been killed.",
     {3000: "Joint Chiefs of Staff (JCS)",
      300: "South Korea's National Intelligence Service (South Korea's spy agency)"},
     id='a-footnote-mark-ends-a-sentence'),
    # a fact box takes its "Source:" line
    pytest.param("AT A GLANCE\nSource: South Korea's National Intelligence Service, April 30\n\nTroops deployed: "
                 "~15,000 "
     "North Korean troops in Russia\nKilled: ~600 North Korean soldiers",
     {15000: "South Korea's National Intelligence Service", 600: "South Korea's National Intelligence Service"},
     id='a-fact-box-s-source-line'),
    # a briefing's answers are the briefer's
    pytest.param("Ministry briefing\nBriefer: Col. Han Jae-won, Spokesperson\n\nQ: How many?\n\n"
     "A: Our assessment is that about 14,000 North Korean troops have been sent to Russia in total.",
     {14000: "Col. Han Jae-won"}, id='a-briefing-s-answers-are-the-briefer-s'),
    # a chronology's date and a participle: the sentence's subject speaks
    pytest.param("Dec. 2, 2024 — The Pentagon revises its figure of 10,000 upward, saying North Korea has now deployed "
                 "11,000 "
     "to 12,000 troops to Russia.", {11500: "Pentagon"}, id='saying-after-a-chronology-s-dateline'),
    # a title after the name is an aside
    pytest.param(CONTEXT + "Kyrylo Budanov, the head of Ukraine's military intelligence (HUR), put it starkly: one in "
                           "five of the "
     "12,000 men Pyongyang sent to Russia has been killed outright.", {2400: "Kyrylo Budanov", 12000: "Kyrylo Budanov"},
     id='a-title-after-a-name-is-no-part-of-it'),
    pytest.param(CONTEXT
                 + "About 12 million shells have been shipped to Russia, according to the military authorities.",
     {12_000_000: "military authorities"}, id='the-military-authorities'),
    pytest.param(CONTEXT + "Britain's Ministry of Defence, in its latest intelligence update, assessed that North "
                           "Korean units had "
     "suffered about 4,000 casualties.", {4000: "Britain's Ministry of Defence"}, id='an-aside-after-the-ministry'),
    pytest.param("South Korea's National Intelligence Service (NIS) briefed lawmakers on Monday. As per the spy "
                 "agency, "
     "Pyongyang has also supplied over 10 million artillery shells to Moscow.",
     {10_000_000: "South Korea's National Intelligence Service"}, id='as-per-the-spy-agency'),
    # the figure's own clause names its source, after it
    pytest.param("Russia has lost 1 million troops killed or wounded, according to Ukraine's General Staff, while "
                 "North Korea "
     "has lost about 6,000 killed or wounded, by Seoul's count.", {6000: "Seoul"}, id='a-source-per-clause'),
    # time words and conjunctions before "the agency" are no part of it
    pytest.param("South Korea's National Intelligence Service (NIS) briefed lawmakers. Last month the agency put North "
                 "Korean "
     "losses at 3,000.", {3000: "South Korea's National Intelligence Service"}, id='a-time-word-before-the-agency'),
    # an acronym no story spells out is given in full from the topic's list
    pytest.param(CONTEXT + "The NIS says 2,000 North Korean soldiers have been killed.", {2000: "National Intelligence "
                                                                                                "Service (NIS)"},
                                                                                                id='an-acronym-no-story-spells-out'),
    # a transcript turn by name: the speaker's full name from the page
    pytest.param("Briefing with spokesman Kwon Hyuk-soo\n\nQ: How many troops?\n\nKWON: Our count is that about 11,000 "
                 "North "
     "Korean troops have been sent to Russia.", {11000: "Kwon Hyuk-soo"}, id='a-transcript-turn-by-name'),
    # an outlet that relays a speaker between commas is no source of its own
    pytest.param("Japan's defence intelligence, as cited by Kyodo, believes that at least 4,000 North Korean soldiers "
                 "were sent to Russia in the spring.", {4000: "Japan's defence intelligence"},
                 id='as-cited-by-an-outlet-is-an-aside'),
    # the agent of an absolute phrase tells the figure after it
    pytest.param("Seoul says North Korea sent about 12,000 troops to Russia, with the Dutch intelligence service "
                 "estimating that some 3,500 North Korean soldiers have been killed.",
                 {12000: "Seoul", 3500: "Dutch intelligence service"}, id='with-x-estimating'),
    # a place whose nameless speakers tell the figure
    pytest.param("Kyiv's tally is higher than that of Japan, where officials said on Friday that 900 North Korean "
                 "soldiers had been killed.", {900: "Japan"}, id='a-place-where-officials-said'),
    # a news agency that recalls an earlier figure is its teller
    pytest.param("Kyodo recalls that North Korea has sent roughly 12,000 soldiers to Russia since October.",
                 {12000: "Kyodo"}, id='an-agency-recalls'),
    # an outlet that closes a sentence relays the speaker the sentence names with "said"
    pytest.param("Roughly 9,000 North Korean soldiers remain in Russia's Kursk region, said Vadym Skibitsky, deputy "
                 "head of Ukraine's military intelligence, according to Politico.", {9000: "Vadym Skibitsky"},
                 id='said-x-according-to-an-outlet'),
    pytest.param("A week earlier, NATO had spoken of up to 7,000 North Korean soldiers sent to Russia.",
                 {7000: "NATO"}, id='had-spoken-of'),
    pytest.param(CONTEXT + "That is far above the 900 casualty estimate given by Japan's Defense Ministry.",
                 {900: "Japan's Defense Ministry"}, id='an-estimate-given-by'),
    pytest.param("Following a report from the Dutch intelligence service stating that North Korea had sent about "
                 "13,000 troops to Russia, Kyiv reacted.", {13000: "Dutch intelligence service"},
                 id='a-report-from-x-stating'),
    pytest.param("Over two years, a BBC investigation found, millions of North Korean shells were shipped to "
                 "Russia.", {1_000_000: "BBC investigation"}, id='an-investigation-found'),
    # a speaker citing a named body relays it; citing an unnamed one, speaks for it
    pytest.param("Ukrainian media, citing the Center for Defense Strategies, reported that about 400 North Korean "
                 "soldiers were killed in one strike.", {400: "Center for Defense Strategies, via Ukrainian media"},
                 id='media-citing-a-named-body'),
    pytest.param("Kyodo, citing a defence source, said the number of North Korean troops sent to Russia has reached "
                 "about 14,000.", {14000: "Kyodo"}, id='citing-an-unnamed-source'),
    # whom a speaker tells is no part of the source; a weekday after it neither
    # the agency's figure told through lawmakers: "according to Reps. X and Y" (an abbreviation, plural)
    pytest.param("North Korea has sent about 16,000 troops to Russia, the NIS told lawmakers, according to Reps. Park "
                 "Ji-won of the Democratic Party and Yoo Yong-won of the People Power Party.",
                 {16000: "National Intelligence Service (NIS)"}, id='according-to-reps'),
    # what a speaker cites tells the figure, through the speaker: "citing X" after the verb, or fronted
    pytest.param("North Korea has sent more than 7 million artillery shells to Russia, Yonhap reported on Tuesday, "
                 "citing a South Korean military intelligence report.",
                 {7_000_000: "South Korean military intelligence report, via Yonhap"}, id='reported-citing-a-report'),
    pytest.param("Citing the National Intelligence Service, Yonhap said that between 11,000 and 13,000 North Korean "
                 "troops have been sent to Russia.", {12000: "National Intelligence Service, via Yonhap"},
                 id='citing-fronted'),
    pytest.param("North Korea has sent about 6,000 more soldiers to Russia, President Zelensky said in his "
                 "evening address, citing data from Ukrainian military intelligence.",
                 {6000: "Ukrainian military intelligence, via President Zelensky"}, id="citing-data-from"),
    pytest.param("Kim told reporters the NIS said that 2,500 North Korean soldiers were killed in Russia.",
                 {2500: "National Intelligence Service (NIS)"}, id='told-reporters-the-agency-said'),
    pytest.param("About 1,200 North Korean soldiers have been killed in Russia, according to an AFP tally Friday.",
                 {1200: "AFP"}, id="a-weekday-after-the-source"),
    # a speaker noun and what it is of is a name
    pytest.param(CONTEXT + "More than 5,000 North Korean soldiers have been killed or wounded, the Dutch ministry of "
                 "defence has assessed.", {5000: "Dutch ministry of defence"}, id='the-ministry-of-defence-assessed'),
    # briefing in other words: "provided lawmakers with details", "shared data"
    pytest.param("The NIS provided lawmakers with details showing that about 16,000 North Korean soldiers were sent to "
                 "Russia.", {16000: "National Intelligence Service (NIS)"}, id='provided-lawmakers-with-details'),
    pytest.param("Zelensky shared preliminary data indicating that over 4,000 North Korean soldiers have been killed "
                 "or wounded in Russia.", {4000: "Zelensky"}, id='shared-data-indicating'),
    # "estimated by X to be": X ends before "to be"
    pytest.param(CONTEXT + "The toll, estimated by Japanese intelligence to be around 700 dead, is rising.",
                 {700: "Japanese intelligence"}, id='estimated-by-x-to-be'),
    # an aside that opens with "following" is no part of the speaker
    pytest.param("President Zelensky, following a meeting of his commanders on Monday, reported that over 4,000 North "
                 "Korean soldiers had been killed or wounded in Russia.", {4000: "President Zelensky"},
                 id='an-aside-opening-with-following'),
    # "the agency's estimates" stands for the agency named before
    pytest.param("South Korea's National Intelligence Service briefed lawmakers. According to the agency's estimates, "
                 "around 400 North Korean soldiers were killed in Russia.",
                 {400: "South Korea's National Intelligence Service"}, id='the-agency-s-estimates'),
    # one figure told twice, once without a source: it is the attributed figure (a dict would hide a second claim)
    pytest.param("About 1,100 North Korean soldiers have been killed or wounded since arriving in Russia. In a "
                 "statement on Monday, South Korea's Joint Chiefs of Staff said: \"We assess that North Korean "
                 "troops have suffered about 1,100 casualties.\"", {1100: "South Korea's Joint Chiefs of Staff"},
                 id='an-unattributed-repeat-is-the-attributed-figure'),
]


@pytest.mark.parametrize("text, expected", SOURCES)
def test_the_sources(text, expected) -> None:
    assert sources(text) == expected


def test_a_figure_told_twice_is_one_claim_with_its_source():
    text = ("About 1,100 North Korean soldiers have been killed or wounded since arriving in Russia. In a statement on "
            "Monday, South Korea's Joint Chiefs of Staff said: \"We assess that North Korean troops have suffered "
            "about 1,100 casualties.\"")
    assert [(c.value, c.source) for c in extract(text, topic=TOPIC)] == [(1100, "South Korea's Joint Chiefs of Staff")]


def test_a_body_figure_with_no_source_takes_the_source_of_the_headline_that_repeats_it():
    body = ("The US defence department has data on the transfer of about 10,000 soldiers from North Korea to Russia "
            "for training.")
    claims = extract(body, topic=TOPIC, title="Pentagon confirms about 10,000 North Korean troops in Russia")
    assert [(c.value, c.source) for c in claims] == [(10000, "Pentagon")]


def test_a_headline_run_into_the_body_is_no_part_of_the_source():
    title = "Kremlin Sends Pyongyang's Soldiers Into the Grinder as Losses Mount"
    body = (f"{title} The State Department said on Tuesday that about 1,300 North Korean soldiers have been killed or "
            "wounded in the Kursk region.")
    assert [(c.value, c.source) for c in extract(body, topic=TOPIC, title=title)] == [(1300, "State Department")]


def test_a_role_and_the_name_it_describes_tell_one_figure_once():
    text = ("Ukraine's top commander says North Korean units have suffered up to 5,000 casualties in Russia.\n\n"
            "In a post on Monday, Commander-in-Chief Oleksandr Syrskyi wrote that North Korean units had suffered "
            "\"up to 5,000 casualties\" in Russia.")
    assert [c.source for c in extract(text, topic=TOPIC)] == ["Commander-in-Chief Oleksandr Syrskyi"]


def test_a_lawmaker_and_the_agency_relayed_through_him_tell_one_figure_once():
    text = ("At least 150 North Korean soldiers in Russia have died and 900 have been wounded.\n"
            "This was stated by lawmaker Kim Jae-won after a briefing.\n"
            "\"At least 150 deaths have been reported,\" he said after the National Intelligence Service briefed the "
            "committee.")
    assert {c.source for c in extract(text, topic=TOPIC) if c.value == 150} == {
        "National Intelligence Service, via lawmaker Kim Jae-won"}


def test_a_record_s_speaker_labels_name_the_source():
    text = ("WORLD TONIGHT — transcript of the segment on North Korean troops in Russia\n\n"
            "DAN ORTIZ, PENTAGON CORRESPONDENT: The working estimate is that roughly eleven thousand North Korean "
            "troops are in Russia's Kursk region.\n\n"
            "MILLS: And how many have been killed?\n\n"
            "ORTIZ: Officials think about 1,000 North Korean soldiers have been killed in Kursk.\n\n"
            "○ Minister Cho Hyun-woo: We assess that about 2,000 North Korean soldiers have been killed in Russia.")
    assert sources(text) == {11000: "Dan Ortiz", 1000: "Dan Ortiz", 2000: "Minister Cho Hyun-woo"}


def test_a_list_takes_the_source_of_what_introduces_it():
    text = ("WASHINGTON — The Center for Korean Peninsula Security (CKPS) today released a report on North Korea's "
            "arms for Russia.\n\nThe report finds that Pyongyang is Moscow's largest foreign source of ammunition.\n\n"
            "Key findings:\n\n"
            "• North Korea has transferred about 10 million artillery shells to Russia.\n"
            "• Pyongyang has delivered at least 250 ballistic missiles to Russia.\n")
    assert set(sources(text).values()) == {"Center for Korean Peninsula Security"}


def test_a_title_is_an_aside_only_after_a_name():
    # "Budanov, the head of ..., said": the title is an aside; after a clause it is the speaker
    text = ("North Korea shipped Russia around 148 KN-23 and KN-24 ballistic missiles last year, the head of "
            "Ukraine's military intelligence said.")
    assert sources(text) == {148: "head of Ukraine's military intelligence"}


def test_sources_of_the_ninth_batch():
    # an acronym's full name is on one line: "said Monday.\n\nThe National ... (NIS)" names no "Monday"
    text = ("About 300 North Korean soldiers have been killed in Russia, South Korea's spy agency said Monday.\n\n"
            "The National Intelligence Service (NIS) made the assessment at a briefing.\n\n"
            "The spy agency also confirmed that two North Korean soldiers were captured by Ukrainian forces in Kursk.")
    assert sources(text)[2].startswith("National Intelligence Service")
    # a closing quotation mark ends the quote, not the speaker's name
    assert sources("“Pyongyang has also handed over roughly 240 howitzers to Russia,” Yusov said.") == {240: "Yusov"}
    # "Ministry of Defence" alone is London's as much as Seoul's
    assert TOPIC.canonical_source("Britain's Ministry of Defence") == "UK Defence Intelligence"
    assert TOPIC.canonical_source("South Korea's Ministry of National Defense") == "South Korea Defence Ministry"
    # "according to preliminary data" names no one
    assert sources("According to preliminary data, 3,000 North Korean soldiers have been killed or wounded in Russia's "
                   "Kursk region.") == {3000: None}


def test_an_aside_after_a_source_is_not_the_source():
    [claim] = extract("The Pentagon, also known as the Defense Department, said 11,000 North Korean troops are in "
                      "Russia.",
                      topic=TOPIC)
    assert claim.source == "Pentagon"  # (a leading article is dropped from every source)


RELAYED = [  # a lawmaker relays an agency's closed-door briefing: the figure is the agency's, told through him
    pytest.param("About 600 North Korean soldiers have been killed in Russia, South Korean lawmaker Park Min-jae said, "
                 "citing a briefing by the National Intelligence Service.",
                 "National Intelligence Service, via South Korean lawmaker Park Min-jae", id="citing-in-the-sentence"),
    pytest.param("Seoul's spy agency briefed the intelligence committee on Tuesday. Rep. Park Min-jae told reporters "
                 "afterwards that 2,000 North Korean soldiers had been killed in Russia.",
                 "South Korea's National Intelligence Service (Seoul's spy agency), via Rep. Park Min-jae",
                 id="briefing-in-the-sentence-before"),
    pytest.param("The NIS briefed lawmakers on Tuesday. Lawmaker Park Min-jae spoke to reporters. About 4,000 North "
                 "Korean soldiers in Russia were killed or wounded, Park said.",
                 "National Intelligence Service (NIS), via Park Min-jae", id="a-surname-is-told-in-full"),
    pytest.param("Park Min-jae, a lawmaker on the intelligence committee, said the NIS counted 1,000 North Korean "
                 "soldiers killed in Russia.",
                 "National Intelligence Service (NIS)", id="the-agency-named-as-source-stays"),
    pytest.param("Some 900 North Korean soldiers have been killed in Russia, a Seoul lawmaker said on Friday. MP Park "
                 "Min-jae spoke after a closed-door briefing by the country's spy agency.",
                 "the country's spy agency, via Seoul lawmaker", id="an-agency-named-without-its-name"),
]


@pytest.mark.parametrize("text, source", RELAYED)
def test_a_relayed_briefing_is_the_agency_s(text: str, source: str) -> None:
    assert set(sources(text).values()) == {source}


def test_a_lawmaker_s_own_figure_with_no_agency_near_stays_his() -> None:
    text = ("Defence ministers met in Brussels. Kim Do-yun, a lawmaker of the opposition, said 3,000 North Korean "
            "soldiers had been killed in Russia.")
    assert set(sources(text).values()) == {"Kim Do-yun"}


def test_troops_that_report_losses_suffer_them_the_closing_according_to_counts() -> None:
    text = ("North Korean forces have reported more than 5,000 casualties in Kursk, according to a report from "
            "the British defence ministry.")
    assert set(sources(text).values()) == {"British defence ministry"}
    assert set(sources("North Korean troops have reported about 4,000 casualties in the Kursk region.").values()) == {
        None}


def test_the_supplier_named_with_by_is_no_source_when_someone_tells_it() -> None:
    text = (CONTEXT + "Russia has likely used at least 80 ballistic missiles provided by North Korea in its war, "
            "Ukrainian intelligence revealed.")
    assert set(sources(text).values()) == {"Ukrainian intelligence"}
    own = CONTEXT + "North Korea has claimed only 350 casualties, while Seoul's spy agency put the dead at 600."
    assert sources(own)[350] == "North Korea"
