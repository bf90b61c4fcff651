"""The number scanner's shortcuts answer as the plain regexes do (extractors/numbers.py)."""
from __future__ import annotations

import random
import re

import pytest

from extractors import load_topic
from extractors.alternation import FLAGS
from extractors.backwards import EndCue, _backward

WORDS = ["up", "from", "down", "by", "some", "about", "more", "than", "previously", "estimated", "the", "earlier",
         "misstated", "number", "as", "aged", "21", "and", "Feb", "No.", "$", "Hwasong-", "handed", "over", "roughly",
         "ſome", "İncreased", "rose", "compared", "with", "at", "least", "“", ":", "\n", "  ", ",", "-"]


def _windows(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        text = "".join(rnd.choice(WORDS) + rnd.choice([" ", "", "  ", "\n"]) for _ in range(rnd.randint(0, 14)))
        out.append(text[-rnd.randint(1, 100):] if text else text)
    return out


def _cues() -> dict[str, tuple[EndCue, int]]:
    sc = load_topic().scanner
    assert sc.superseded is not None
    return {"superseded": (sc.superseded, 100), "before": (sc.before_re, 24), "qualifier": (sc.q_before_re, 40),
            "particle": (sc.verb_particle, 40)}


@pytest.mark.parametrize("name", ["superseded", "before", "qualifier", "particle"])
def test_a_cue_read_backwards_is_found_where_the_regex_is(name: str) -> None:
    cue, reach = _cues()[name]
    assert cue.backward is not None  # the topic's cues all read backwards
    for window in _windows(4000):
        window = window[-reach:]
        assert cue.found(window) == bool(cue.forward.search(window)), window
        expected = cue.forward.search(window)
        got = cue.search(window)
        assert (got and (got.span(), got.groups())) == (expected and (expected.span(), expected.groups())), window


@pytest.mark.parametrize("pattern, flags", [
    (r"(?:up|down) from\s*$", 0),  # case-sensitive: no case split
    (r"(?-i:(?:Up|Down)) from\s*$", FLAGS),
    (r"(?<![\w])(?:ab|)c\s+$", FLAGS),  # an empty alternative
    (r"\b(?:[a-c]x|[^\d\s]y)+?z{2,3}\W{0,2}$", FLAGS),
    (r"x(?:\s*\.)*$", FLAGS),
])
def test_a_regex_read_backwards_matches_the_reversed_strings(pattern: str, flags: int) -> None:
    rx = re.compile(pattern, flags)
    back = _backward(rx)
    assert back is not None
    rnd = random.Random(3)
    alphabet = ["a", "b", "c", "x", "y", "z", "Z", "U", "u", "p", "D", "down", " from", "1", " ", ".", "\n", "Up"]
    for _ in range(5000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10)))
        assert (back.match(s[::-1]) is not None) == bool(rx.search(s)), s


@pytest.mark.parametrize("pattern", [r"a(?=b)\s*$", r"(a)\1$", r"a++$", r"a\s*", r"^a$", r"(?m)a$"])
def test_a_regex_with_no_simple_reverse_is_searched_as_written(pattern: str) -> None:
    assert _backward(re.compile(pattern, FLAGS)) is None
    cue = EndCue.of(re.compile(pattern, FLAGS))
    assert cue.found("xa") == bool(re.compile(pattern, FLAGS).search("xa"))


@pytest.mark.parametrize("raw", ["11,000", "0123", "1234567890123456", "5", "1,2,3", "٣٠٠", "12", "1,000,000", "0"])
def test_plain_digits_parse_as_the_general_reading_does(raw: str) -> None:
    sc = load_topic().scanner
    assert raw.replace(",", "").isdecimal()  # the shortcut's case
    assert sc.parse(raw) == sc.parse(f" {raw} ")  # a space takes the general path (strip, DIGITS)
