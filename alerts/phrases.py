"""The digest's phrase data (templates/phrases.toml), read once into a typed, frozen table."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

PHRASES_FILE = Path(__file__).resolve().parent / "templates" / "phrases.toml"


@dataclass(frozen=True)
class Phrases:
    lines: Mapping[str, str]
    kept_qualifiers: Mapping[str, tuple[str, ...]]  # "nearly" -> the model qualifiers it may stand for
    derived: Mapping[str, str]  # mark, share, share_of_unknown, from_vague
    shares: Mapping[str, float]  # "one-third" -> 0.333333
    vague: Mapping[str, float]  # "millions of" -> 1,000,000, longest phrase first
    number_words: Mapping[str, float]
    scales: Mapping[str, float]
    months: tuple[str, ...]
    month_parts: tuple[tuple[int, str], ...]  # (last day, "late {month}")
    dates: Mapping[str, str]  # as_of, undated
    sections: Mapping[str, str]  # section titles and the words around items
    subject: Mapping[str, str]  # the neutral subject's parts


@lru_cache(maxsize=1)
def phrases() -> Phrases:
    with PHRASES_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    derived = data["derived"]
    return Phrases(
        lines=dict(data["lines"]),
        kept_qualifiers={k: tuple(v) for k, v in data["kept_qualifiers"].items()},
        derived={k: v for k, v in derived.items() if isinstance(v, str)},
        shares={k: float(v) for k, v in derived["shares"].items()},
        vague={k: float(v) for k, v in sorted(derived["vague_phrases"].items(), key=lambda kv: -len(kv[0]))},
        number_words={k: float(v) for k, v in data["numbers"]["words"].items()},
        scales={k: float(v) for k, v in data["numbers"]["scales"].items()},
        months=tuple(data["dates"]["months"]),
        month_parts=tuple((int(day), text) for day, text in data["dates"]["parts"]),
        dates={k: v for k, v in data["dates"].items() if isinstance(v, str)},
        sections=dict(data["sections"]),
        subject=dict(data["subject"]),
    )
