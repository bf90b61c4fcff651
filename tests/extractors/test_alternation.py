"""The fast alternations match exactly what the topic's patterns, written plainly, match."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.alternation import FLAGS, _alternation, _case_split
from extractors.topic import default_topic_path, language_path

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text(encoding="utf-8") for folder in ("seeds", "tests/corpus", "tests/heldout8")
         for p in sorted((ROOT / folder).glob("*.txt"))]


def _lexicons() -> dict[str, list[str]]:
    import tomllib

    data = tomllib.loads(default_topic_path().read_text(encoding="utf-8"))
    lang = tomllib.loads(language_path("en", default_topic_path()).read_text(encoding="utf-8"))
    nouns = [p for v in data["nouns"].values() for p in v["patterns"]]

    def flat(table: dict) -> list[str]:
        return [p for ps in table.values() if isinstance(ps, list) for p in ps]

    return {"nouns": nouns, "predicates": flat(data["predicates"]),
            "modality": flat(lang["modality"]["cues"]) + flat(data["modality"]["cues"]),
            "parties": flat(data["parties"]["cues"]) + data["parties"]["exclude"],
            "attribution.lead": lang["attribution"]["lead"],
            "attribution.appositive": lang["attribution"]["appositive"]}


@pytest.mark.parametrize("name", sorted(_lexicons()))
def test_the_rewritten_alternation_matches_what_the_plain_one_does(name: str) -> None:
    patterns = _lexicons()[name]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + r")(?![\w])", FLAGS)
    fast = re.compile(r"(?<![\w-])(?:" + _alternation(patterns) + r")(?![\w])", FLAGS)

    def spans(rx: re.Pattern[str], t: str) -> list[tuple[int, int]]:
        return [m.span() for m in rx.finditer(t)]

    assert sum(len(spans(plain, t)) for t in TEXTS) >= 5  # the texts exercise the lexicon
    for text in TEXTS:
        assert spans(fast, text) == spans(plain, text)


@pytest.mark.parametrize("pattern, variants", [
    ("(?:combined |overall )?toll", ("(?-i:C)ombined toll", "(?-i:c)ombined toll", "(?-i:O)verall toll",
                                     "(?-i:o)verall toll", "(?-i:T)oll", "(?-i:t)oll")),
    ("(?:cruise )*missiles?", ("(?-i:C)ruise (?:cruise )*missiles?", "(?-i:c)ruise (?:cruise )*missiles?",
                               "(?-i:M)issiles?", "(?-i:m)issiles?")),
    ("(?<=from )the North", ("(?-i:T)(?<=(?:from )(?-i:T))he North", "(?-i:t)(?<=(?:from )(?-i:t))he North")),
    ("(?:x)??y", ("(?:x)??y",)),  # lazy: kept as written
    ("(?:x)+y", ("(?:x)+y",)),
    ("\\d+ troops", ("\\d+ troops",)),
])
def test_a_head_is_unrolled_only_where_the_engine_tries_it_in_that_order(pattern: str,
                                                                         variants: tuple[str, ...]) -> None:
    assert _case_split(pattern) == variants
    texts = ["the toll, combined toll", "cruise cruise missiles, missile", "from the North", "xy y", "xxy", "12 troops"]
    plain, fast = re.compile(pattern, FLAGS), re.compile("|".join(f"(?:{v})" for v in variants), FLAGS)
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_an_empty_alternative_is_kept() -> None:
    fast = re.compile(f"(?:{_alternation(['ab', ''])})c", FLAGS)
    assert fast.fullmatch("c") and fast.fullmatch("abc")
