"""Cost that an attacker controls, counted (never timed): runs of marks, "the Ministry said", any text.

Each hot loop adds to extractors.work.Work; a test compares the work on an input and on one twice
its size, and bounds the work per character or per figure.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract, load_topic
from extractors.boilerplate import content_lines
from extractors.extract import measure_work
from extractors.repeats import Found, merge_repeats, same_figure
from extractors.sentences import MAX_SENTENCE, Sentence, _abbreviation, _add, split_sentences
from extractors.sourcing import DocumentSources
from extractors.work import Work
from figwatch.models import Claim

TOPIC = load_topic()
RATIO = 2.2  # work on twice the input over work on the input
# the splitter reads each character once for runs of marks, a run and what follows it once more, and
# at a boundary two characters after it and twelve before it (an abbreviation): at most 7 a character
SPLIT_READS = 8
KINDS = len(TOPIC.attributor.antecedents)  # kinds of pronoun ("the ministry"): a sentence is searched once each


def _split_work(text: str) -> tuple[Work, list[tuple[int, int]]]:
    work = Work()
    sents = split_sentences(text, content_lines(text, TOPIC), TOPIC, work)
    return work, [(s.start, s.end) for s in sents]


def _marks(mark: str, n: int) -> str:
    return f"North Korea sent 1,000 troops to Russia{mark * n} Then 2,000 more arrived. And {mark * n}x"


@pytest.mark.parametrize("mark", [".", "!", "?", ".?!", "?”", ". "])
def test_a_run_of_marks_is_read_once(mark: str) -> None:
    small, large = (_split_work(_marks(mark, n))[0] for n in (2_000, 4_000))
    assert 0 < large.split_chars <= RATIO * small.split_chars
    assert large.split_chars <= SPLIT_READS * len(_marks(mark, 4_000))


def test_forty_thousand_dots_split_where_they_did() -> None:
    text = _marks(".", 40_000)
    work, spans = _split_work(text)
    assert work.split_chars <= SPLIT_READS * len(text)
    assert text.index("Then") in {start for start, _ in spans}
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    shorter = _marks(".", 2_000)  # the reference is quadratic: compared on a shorter run
    assert _split_work(shorter)[1] == _reference_split(shorter)
    assert measure_work(text, topic=TOPIC).split_chars == work.split_chars


# The splitter as it was (one pattern tried at every mark: quadratic on runs), kept as the reference
# the linear one must agree with.
_BOUNDARY_BEFORE = re.compile(r"[.!?][.!?]*[\"”’)\]]*(?:\[\d{1,3}\])*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def _reference_split(text: str) -> list[tuple[int, int]]:
    out: list[Sentence] = []
    for para, line in enumerate(content_lines(text, TOPIC)):
        start = line.start
        for m in _BOUNDARY_BEFORE.finditer(text, line.start, line.end):
            if not _abbreviation(text, m.start(), TOPIC.grammar.abbreviations, TOPIC.grammar.numbering):
                _add(out, text, start, m.end(), para, line.heading, Work())
                start = m.end()
        if start < line.end:
            _add(out, text, start, line.end, para, line.heading, Work())
    return [(s.start, s.end) for s in out]


def _ministry(n: int, *, lines: bool = False) -> str:
    forms = ["North Korea sent {n:,} troops to Russia, the Ministry said.",
             "The ministry said {n:,} North Korean soldiers had been killed.",
             "It added that {n:,} more North Korean troops were on their way to Russia.",
             "According to the ministry, North Korea shipped {n:,} shells to Russia."]
    sep = "\n" if lines else " "
    return sep.join(forms[i % len(forms)].format(n=1_000 + i) for i in range(n))


@pytest.mark.parametrize("lines", [False, True], ids=["one paragraph", "a line each"])
def test_who_said_it_is_linear_and_cheap_through_the_ministry(lines: bool) -> None:
    small, large = (measure_work(_ministry(n, lines=lines), topic=TOPIC) for n in (60, 120))
    text = _ministry(120, lines=lines)
    assert large.figures >= 120
    for field in ("source_steps", "antecedent_chars", "attribution_chars"):
        assert getattr(large, field) <= RATIO * getattr(small, field), field
    # each sentence is searched for an antecedent once (and the speaking one up to its pronoun)
    assert large.antecedent_chars <= 2 * len(text)
    assert large.attribution_chars <= len(text)
    assert large.source_steps <= 12 * large.figures


def test_sourceless_figures_on_one_long_line_find_its_start_once() -> None:
    # each figure with no source looks for a fact box's or a list's line: its line start, searched back
    small, large = (measure_work("North Korea sent 1,000 troops to Russia. " * n, topic=TOPIC) for n in (500, 1_000))
    assert large.figures == 1_000
    assert large.line_chars <= RATIO * small.line_chars + 1
    assert large.line_chars <= len("North Korea sent 1,000 troops to Russia. " * 1_000)


def test_headline_figures_meet_the_body_once_each() -> None:
    # a short line without a stop reads as a headline; each is checked against the body's figures
    def doc(n: int) -> str:
        return "".join(f"North Korea sent {1_000 + i} troops to Russia\n"
                       f"North Korea sent {50_000 + i:,} troops to Russia, Seoul said.\n" for i in range(n))
    small, large = (measure_work(doc(n), topic=TOPIC) for n in (300, 600))
    assert large.figures >= 1_200
    assert large.dedupe_steps <= RATIO * small.dedupe_steps and large.dedupe_steps <= 4 * large.figures


def test_a_long_lead_is_asked_once_whether_it_ties_the_story_to_russia() -> None:
    # the lead paragraph names North Korea but not Russia: every figure used to ask all its sentences
    def doc(n: int) -> str:
        return " ".join(f"North Korean troops numbered {1_000 + i:,} in the drill." for i in range(n))
    small, large = (measure_work(doc(n), topic=TOPIC) for n in (300, 600))
    assert large.figures >= 600
    assert large.link_steps <= RATIO * small.link_steps and large.link_steps <= 12 * large.figures


def test_a_named_ministry_still_stands_behind_the_pronouns() -> None:
    text = "Russia's Defence Ministry reported on the front. " + _ministry(8)
    claims = extract(text, topic=TOPIC)
    assert claims and {c.source for c in claims if c.value == 1_000} == {"Russia's Defence Ministry"}


# Text from an alphabet rich in what the splitter and the attribution read: marks and runs of them,
# quotes, "said", numbers, capitals, newlines, pronouns.
TOKENS = [".", "!", "?", "...", "”", "\"", "’", ")", "[1]", " ", "\n", "\n\n", "said", "the Ministry said",
          "the agency", "It added", "according to the ministry", "North Korea", "North Korean troops", "sent",
          "to Russia", "killed",
          "1,000", "11,000", "3", "2025", "Seoul", "NIS", "The", "A", "U.S.", "No.", "Kim", ",", ":", "•", "- ",
          "North Korea sent 2,000 troops to Russia, the Ministry said.", "The agency said 300 North Koreans died."]
runs = st.tuples(st.sampled_from(TOKENS), st.integers(1, 40)).map(lambda t: t[0] * t[1] if t[0] in ".!? \n" else t[0])
hostile = st.lists(st.one_of(runs, st.sampled_from(TOKENS)), min_size=1, max_size=120).map(" ".join)


def _linear(x: str) -> None:
    """Work on x twice over is at most RATIO times the work on x (plus one sentence's worth), and
    each counter is bounded per character or per figure."""
    once, twice = measure_work(x, topic=TOPIC), measure_work(x + x, topic=TOPIC)
    slack = 2 * 1500  # a sentence that straddles the join
    for field in ("split_chars", "attribution_chars", "antecedent_chars", "chars_read"):
        assert getattr(twice, field) <= RATIO * getattr(once, field) + slack, field
    assert twice.source_steps <= RATIO * once.source_steps + 40
    assert twice.split_chars <= SPLIT_READS * len(x + x) + 20
    # each sentence once per kind of pronoun, and up to each resolved pronoun once (at most one a figure)
    assert twice.antecedent_chars <= (KINDS + 1) * len(x + x) + MAX_SENTENCE * twice.figures
    assert twice.attribution_chars <= len(x + x)
    assert twice.source_steps <= 12 * (twice.figures + 1) and twice.line_chars <= len(x + x)
    assert twice.dedupe_steps <= 4 * twice.figures and twice.link_steps <= 12 * (twice.figures + 1)


QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(max_examples=1_500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(hostile)
def test_fuzz_work_is_linear_in_input(x: str) -> None:
    _linear(x)


@pytest.mark.slow
@THOROUGH
@given(st.lists(hostile, min_size=1, max_size=8).map("\n".join))
def test_fuzz_work_is_linear_in_longer_input(x: str) -> None:
    _linear(x)


@QUICK
@given(hostile)
def test_fuzz_splitter_reads_each_character_a_bounded_number_of_times(x: str) -> None:
    once, spans = _split_work(x)
    twice, _ = _split_work(x + x)
    assert once.split_chars <= SPLIT_READS * len(x) + 20
    assert twice.split_chars <= RATIO * once.split_chars + MAX_SENTENCE
    assert spans == _reference_split(x)


def _attribution_work(text: str) -> tuple[Work, int]:
    """Who says a figure in every sentence (as if each held one): the search's work, and the sentences."""
    work = Work()
    sents = split_sentences(text, content_lines(text, TOPIC), TOPIC, work)
    sources = DocumentSources(text, TOPIC, sents, work)
    for i, s in enumerate(sents):
        sources.source_for(i, s.start)
    return work, len(sents)


@QUICK
@given(hostile)
def test_fuzz_attribution_work_is_linear_in_input(x: str) -> None:
    once, _ = _attribution_work(x)
    twice, sentences = _attribution_work(x + x)
    assert twice.source_steps <= 12 * sentences + 1 and twice.line_chars <= len(x + x)
    assert twice.antecedent_chars <= (KINDS + 1) * len(x + x) and twice.attribution_chars <= len(x + x)
    for field in ("source_steps", "antecedent_chars", "attribution_chars"):
        assert getattr(twice, field) <= RATIO * getattr(once, field) + 3000, field


VALUES = [0.0, 0.5, 0.98, 1.0, 1.02, 1.03, 980.0, 1_000.0, 1_019.0, 1_020.0, 1_021.0, 1_020.5, -5.0, -5.1, 3e6, 3.06e6]
claims = st.builds(lambda metric, value, heading, confidence: Found(
    Claim(metric=metric, value=value, qualifier="exact", evidence="", start=0, end=1, confidence=confidence), heading,
    None, ""),
    st.sampled_from(["troops.deployed", "troops.additional", "casualties.total", "weapons.missiles"]),
    st.sampled_from(VALUES), st.booleans(), st.sampled_from([0.4, 0.9]))


@QUICK
@given(st.lists(claims, max_size=30))
def test_dedupe_by_bisection_drops_what_comparing_every_pair_drops(found: list[Found]) -> None:
    body = [f.claim for f in found if not f.heading and f.claim.confidence >= 0.5]
    kept = [f.claim for f in found if not (f.heading and any(same_figure(f.claim, b) for b in body))]
    once = [Found(c, False, None, "") for c in kept]
    assert [f.claim for f in merge_repeats(found)] == [f.claim for f in merge_repeats(once)]
