"""Content hashes and SimHash near-duplicates: one wire story, many outlets, one report."""
from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from figwatch.models import Article
from figwatch.sources.copies import near_duplicates
from figwatch.sources.fingerprint import SimhashIndex, content_hash, hamming, simhash, with_fingerprints

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WIRE = (SEEDS / "004_0bf84943e430019d.txt").read_text(encoding="utf-8")[:3000]
BOILER = [
    "Subscribe to our newsletter for the latest updates. Support independent journalism: donate today.",
    "Related posts: Ukraine war latest; markets close higher. Leave a comment below. Share on Facebook.",
    "By staff and wire services. Editing by the night desk. Read our standards and corrections policy.",
]


def art(url: str, text: str) -> Article:
    return with_fingerprints(Article(url=url, title="t", text=text, source="s",
                                     published=datetime(2025, 3, 27, tzinfo=timezone.utc)))


def test_content_hash_ignores_case_and_spacing_only():
    assert content_hash("North  Korea\nsent 3,000") == content_hash("north korea sent 3,000 ")
    assert content_hash("sent 3,000") != content_hash("sent 3,600")


def test_three_syndicated_copies_make_one_story_and_seeds_stay_apart():
    copies = [art(f"https://o{i}.example/s", f"{b}\n\n{WIRE}\n\n{b}") for i, b in enumerate(BOILER)]
    seeds = [art(p.as_uri(), p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))[:4]]
    kept, dropped = near_duplicates(copies + seeds)
    assert kept == [copies[0]] + seeds
    assert [(d.article.url, d.of, d.exact) for d in dropped] == [
        (copies[1].url, copies[0].url, False), (copies[2].url, copies[0].url, False)]


def test_exact_copies_and_stored_fingerprints_are_dropped():
    a, b = art("https://a/1", WIRE), art("https://b/1", WIRE.upper())
    kept, dropped = near_duplicates([a, b])
    assert kept == [a] and dropped[0].exact
    kept, dropped = near_duplicates([b], known=[a.simhash])
    assert kept == [] and dropped[0].of == "stored"
    kept, dropped = near_duplicates([b], known_hashes=[a.content_hash])
    assert kept == [] and dropped[0].exact


def test_simhash_is_stable_and_64_bit():
    assert simhash(WIRE) == simhash(WIRE) and simhash(WIRE).bit_length() <= 64
    assert simhash("") == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=30), st.integers(0, 2**64 - 1),
       st.integers(0, 12), st.integers(0, 2**32))
def test_band_index_finds_what_all_pairs_would(stored, probe, distance, seed):
    rng = random.Random(seed)
    near = stored[0] ^ sum(1 << b for b in rng.sample(range(64), rng.randint(0, distance)))
    for fp in (probe, near):
        index = SimhashIndex(distance)
        for i, s in enumerate(stored):
            index.add(s, i)
        brute = any(hamming(fp, s) <= distance for s in stored)
        assert (index.find(fp) is not None) == brute


def test_a_follow_up_with_a_new_figure_is_no_copy_but_a_copy_with_the_same_figures_is():
    """Issue 15: an update that repeats yesterday's story with a new figure is news."""
    story = WIRE + "\n\nNorth Korean casualties have reached about 4,700."
    follow_up = art("https://wire.example/update", story.replace("about 4,700", "about 5,200"))
    copy = art("https://outlet.example/copy", story + "\n\nReporting by the wire; editing by the desk.")
    first = art("https://wire.example/first", story)
    kept, dropped = near_duplicates([first, follow_up, copy])
    assert kept == [first, follow_up]
    assert [(d.article.url, d.of) for d in dropped] == [(copy.url, first.url)]


def test_the_figures_that_make_a_copy_are_the_callers_to_say():
    a, b = art("https://a/1", WIRE), art("https://b/2", WIRE + "\nUpdated at 17:45.")
    assert near_duplicates([a, b])[0] == [a, b]  # by default every number counts: 17 and 45 are new
    same = near_duplicates([a, b], figures=lambda article: frozenset({("troops.deployed", 11000.0)}))
    assert same[0] == [a] and same[1][0].of == a.url
