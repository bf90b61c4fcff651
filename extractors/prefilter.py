"""Cheap str checks that say a regex cannot match, so a sentence can skip it.

`literals(pattern)` reads a (case-insensitive) pattern and returns lower-case strings one of which
every match must contain. If none of them is in a sentence (lowered), no scan of any part of
it can match: the regex, lookarounds included, only consumes characters of the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

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


def _item(op: object, av: object) -> _Req:
    """What one non-literal item requires: a group's, every branch's, or a repeated part's (min >= 1)."""
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is C.BRANCH:
        reqs = [_sequence(list(b)) for b in av[1]]
        return frozenset().union(*reqs) if all(reqs) else None
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

