"""Cheap str checks that say a regex cannot match, so a sentence can skip it.

`literals(pattern)` reads a (case-insensitive) pattern and returns lower-case strings one of which
every match must contain. If none of them is in a sentence (lowered), no scan of any part of
it can match: the regex, lookarounds included, only consumes characters of the sentence.
`any_literal(strings)` is the regex that makes that check in one pass.
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from extractors.alternation import _FOLDS

FOLDING = _FOLDS  # non-ASCII letters IGNORECASE matches as i, s or k: no str check then
_Req = frozenset[str] | None


def _score(req: _Req) -> int:
    return min(map(len, req)) if req else 0


def _sequence(items: list) -> _Req:
    """The best requirement of a sequence: its longest run of ASCII literals, or a required part's."""
    best: _Req = None
    run = ""
    for op, av in [*items, (None, None)]:
        if op is C.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        if op is C.SUBPATTERN and av[0] is None and av[2] & re.IGNORECASE and all(o is C.LITERAL for o, _ in av[-1]):
            run += "".join(chr(a) for _, a in av[-1]).lower()  # "(?-i:S)aid": still one run (exact case)
            continue
        cands: list[_Req] = [frozenset({run}) if run else None, _item(op, av)]
        run = ""
        for cand in cands:
            if cand and _score(cand) > _score(best):
                best = cand
    return best


def _item(op: object, av: Any) -> _Req:  # av: the parser's argument of op, a tuple or a list
    """What one non-literal item requires: a group's, every branch's, or a repeated part's (min >= 1)."""
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is C.BRANCH:
        reqs = [_sequence(list(b)) for b in av[1]]
        known = [r for r in reqs if r]
        return frozenset[str]().union(*known) if len(known) == len(reqs) else None  # every branch's, or unknown
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _sequence(list(av[2]))
    return None


@lru_cache(maxsize=512)
def literals(pattern: str, flags: int = re.IGNORECASE) -> _Req:
    """Lower-case strings one of which every match of pattern contains; None when unknown."""
    try:
        return _sequence(list(P.parse(pattern, flags)))
    except (re.error, TypeError, AttributeError):
        return None


# space and the letters from the most to the least frequent in English text
_FREQUENT = " etaoinsrhldcumwfgypbvkjxqz"


def _rarity(ch: str) -> int:
    """How rare a character is in prose: any other than those above is rarer than all of them."""
    return _FREQUENT.find(ch) if ch in _FREQUENT else len(_FREQUENT)


def _rarest(literal: str) -> int:
    """Index of the literal's rarest character."""
    return max(range(len(literal)), key=lambda i: _rarity(literal[i]))


def any_literal(strings: frozenset[str]) -> re.Pattern[str]:
    """A regex that finds any of the strings. Each is matched from its rarest character, the part
    before it checked by a look-behind: the regex opens with a class of rare characters, and the
    engine skips to those in C instead of trying every string at every place."""
    if "" in strings:
        return re.compile("")
    by_anchor: dict[str, list[str]] = {}
    for lit in sorted(strings):
        i = _rarest(lit)
        behind = f"(?<={re.escape(lit[:i + 1])})" if i else ""
        by_anchor.setdefault(lit[i], []).append(behind + re.escape(lit[i + 1:]))
    return re.compile("|".join(f"{re.escape(c)}(?:{'|'.join(alts)})" for c, alts in by_anchor.items()) or r"(?!x)x")
