"""A cue that must end where the text before a figure ends, read backwards.

"up from " before "3,000", "about " before "300": a regex ending in `$`, searched in the window
before a figure, tries every place in the window. Read backwards (its parse tree reversed), it is
one anchored `match` at the start of the reversed window. Anything with no simple reverse
(look-aheads, back-references, possessive repeats, other anchors) is searched as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from extractors.alternation import _alternation

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_LOCAL_FLAGS = {re.IGNORECASE: "i", re.DOTALL: "s"}
_QUANTIFIERS = {(0, 1): "?", (0, C.MAXREPEAT): "*", (1, C.MAXREPEAT): "+"}  # the forms _alternation unrolls


def _flag_letters(bits: int) -> str:
    if bits & ~sum(_LOCAL_FLAGS):
        raise ValueError("flag")
    return "".join(letter for flag, letter in _LOCAL_FLAGS.items() if bits & flag)


def _set(items: Any) -> str:
    out = []
    for op, av in items:
        if op is C.NEGATE:
            out.append("^")
        elif op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise ValueError(op)
    return "[" + "".join(out) + "]"


def _backwards(items: Any, folded: bool) -> str:
    """A parsed regex read backwards: it matches the reverse of every string the original matches
    (folded: case-insensitive here)."""
    out = []
    for op, av in reversed(list(items)):
        if op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.NOT_LITERAL:
            out.append(_set([(C.NEGATE, None), (C.LITERAL, av)]))
        elif op is C.ANY:
            out.append(".")
        elif op is C.IN:
            out.append(_set(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):  # greedy or lazy: which match, not whether one
            lo, hi, body = av
            count = _QUANTIFIERS.get((lo, hi)) or f"{{{lo},{'' if hi == C.MAXREPEAT else hi}}}"
            out.append(f"(?:{_backwards(body, folded)}){count}")
        elif op is C.SUBPATTERN:  # a group's number is dropped: a backward match is read as a bool
            _, add, remove, body = av
            inner = _backwards(body, (folded or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE)
            out.append(f"(?{_flag_letters(add)}{'-' + _flag_letters(remove) if remove else ''}:{inner})")
        elif op is C.BRANCH:  # reordered, each opening with a literal the engine skips with one compare
            branches = [_backwards(b, folded) for b in av[1]]
            filled = [b for b in branches if b]  # an empty branch last: "(?:A|)" is "(?:A)?"
            if filled:  # (_alternation's case split is for case-insensitive parts only)
                body = _alternation(filled) if folded else "|".join(filled)
                out.append("(?:" + body + ")" + ("?" if len(filled) < len(branches) else ""))
        elif op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            out.append(r"\b" if av == C.AT_BOUNDARY else r"\B")
        elif op in (C.ASSERT, C.ASSERT_NOT) and av[0] < 0:  # a look-behind reads on as a look-ahead
            out.append(f"(?{'=' if op is C.ASSERT else '!'}{_backwards(av[1], folded)})")
        else:  # a look-ahead (a look-behind of any width), an anchor, a back-reference, a possessive repeat
            raise ValueError(op)
    return "".join(out)


def _backward(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a regex ending in `$`, one that `match`es the reversed string where rx can `search` the
    string (None when rx has a part read backwards does not keep)."""
    if rx.flags & (re.MULTILINE | re.VERBOSE | re.ASCII | re.LOCALE):
        return None
    try:
        items = list(P.parse(rx.pattern, rx.flags))
        if not items or items[-1] != (C.AT, C.AT_END):
            return None
        # `$` is the end or a last "\n" before it; the start of rx may be anywhere: a match, not a full match
        return re.compile(r"\n?" + _backwards(items[:-1], bool(rx.flags & re.IGNORECASE)), rx.flags)
    except (ValueError, re.error):
        return None


@dataclass(frozen=True)
class EndCue:
    """A cue that ends where its window ends, but for a tail of spaces or punctuation ("up from "
    before "3,000", "about " before "300"): a regex ending in `$`, searched in the text before a figure.

    A search tries the cue at every place in the window; read backwards, the cue is one `match` at
    the start of the reversed window (its matches are the reversed ones), so that answers whether
    there is one. The (leftmost) match itself, for a caller that reads it, is then searched for."""

    forward: re.Pattern[str]
    backward: re.Pattern[str] | None

    @classmethod
    def of(cls, rx: re.Pattern[str]) -> "EndCue":
        return cls(rx, _backward(rx))

    def found(self, window: str) -> bool:
        if self.backward is None:
            return bool(self.forward.search(window))
        return self.backward.match(window[::-1]) is not None

    def search(self, window: str) -> re.Match[str] | None:
        return self.forward.search(window) if self.found(window) else None
