"""Alternations of topic patterns, written so that Python's regex engine runs them fast.

The engine tries the alternatives of a case-insensitive alternation one by one at every place;
it skips one with a single compare only when it opens with a plain (case-sensitive) literal. So
each pattern is rewritten, with the same matches, to open with one (_case_split), and those
sharing a first letter are merged under it (_by_first): one branch per letter, not per word.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

FLAGS = re.IGNORECASE

_FOLDS = "\u0130\u0131\u017f\u212a"  # the non-ASCII letters that IGNORECASE folds onto i, s and k


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, char, depth) of the pattern's bars and parentheses, skipping escapes and classes."""
    depth, i, opened = 0, 0, -1  # opened: where the character class being read began
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if opened >= 0:  # a "]" first in a class (after any "^") is a literal
            if ch == "]" and i > opened + 1 + (pattern[opened + 1:opened + 2] == "^"):
                opened = -1
        elif ch == "[":
            opened = i
        elif ch in "()|":
            depth -= ch == ")"
            yield i, ch, depth
            depth += ch == "("
        i += 1


def _split_top(pattern: str) -> list[str]:
    """The pattern's alternatives at depth 0 ("a|(?:b|c)" -> ["a", "(?:b|c)"])."""
    cuts = [i for i, ch, depth in _syntax(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _closing(pattern: str) -> int:
    """Index just past the group that opens the pattern (-1 if unbalanced)."""
    return next((i + 1 for i, ch, depth in _syntax(pattern) if ch == ")" and depth == 0), -1)


@lru_cache(maxsize=4096)
def _case_split(pattern: str) -> tuple[str, ...]:
    """The pattern as alternatives that each open with a case-sensitive literal, where that is exact.

    The regex engine skips an alternative whose first op is a plain literal with one compare, but
    enters every case-folded one: so a leading ASCII letter becomes one alternative per character
    IGNORECASE folds onto it, "(?:A|B)tail" becomes "A tail|B tail" (tried in the same order), an
    optional or repeated head is unrolled the way the engine tries it ("(?:A )?tail" becomes
    "A tail|tail") and a look-behind moves past the letter it precedes. An alternative left without
    a literal is entered at every word: four such in the nouns cost as much as the sixty others."""
    if len(_split_top(pattern)) > 1 or "(?P" in pattern or re.search(r"\\\d", pattern):
        return (pattern,)  # a bare alternation, or groups that copies would duplicate or renumber
    if pattern.startswith("(?:"):
        close = _closing(pattern)
        inner, tail = (pattern[3:close - 1], pattern[close:]) if close > 0 else ("", "")
        if close < 0 or (tail[:1] in ("?", "*", "+", "{") and tail[1:2] in ("?", "+")):
            return (pattern,)  # unbalanced, or a lazy or possessive quantifier: kept as written
        if tail[:1] == "?":  # greedy "(?:A)?T" tries A T, then T
            return (*_case_split(f"(?:{inner}){tail[1:]}"), *_case_split(tail[1:]))
        if tail[:1] == "*":  # greedy "(?:A)*T" tries A (?:A)*T, then T
            return (*_case_split(f"(?:{inner})(?:{inner})*{tail[1:]}"), *_case_split(tail[1:]))
        if tail[:1] in ("+", "{"):
            return (pattern,)
        return tuple(v for alt in _split_top(inner) for v in _case_split(alt + tail))
    if pattern.startswith(("(?<=", "(?<!")):  # "(?<=from )the": the letter first, the look-behind spanning it
        close = _closing(pattern)
        behind, rest = pattern[4:close - 1], pattern[close:]
        if close < 0 or not rest[:1].isascii() or not rest[:1].isalpha() or rest[1:2] in ("?", "*", "+", "{"):
            return (pattern,)
        return tuple(f"{v[:7]}{pattern[:4]}(?:{behind}){v[:7]}){v[7:]}" for v in _case_split(rest))
    # "\\bwhile": a word boundary before a letter is "no word character before it", checked once
    # the letter is read (the look-behind spans it), so the branch still opens with the literal
    bound = pattern.startswith("\\b")
    first, rest = (pattern[2:3], "(?<!\\w.)" + pattern[3:]) if bound else (pattern[:1], pattern[1:])
    if not (first.isascii() and first.isalpha()) or pattern[1 + 2 * bound:2 + 2 * bound] in ("?", "*", "+", "{"):
        return (pattern,)
    folded = re.compile(first, FLAGS)
    variants = [c for c in dict.fromkeys((first.upper(), first.lower(), *_FOLDS)) if folded.fullmatch(c)]
    return tuple(f"(?-i:{c}){rest}" for c in variants)


def _alternation(patterns: list[str]) -> str:
    """Longest patterns first, so an alternation prefers "killed or wounded" over "killed".

    For case-insensitive regexes only (every caller compiles with FLAGS): see _case_split."""
    ordered = sorted(patterns, key=len, reverse=True)
    return "|".join(_by_first([v for p in ordered for v in _case_split(p)]))


def _by_first(variants: list[str]) -> list[str]:
    """Alternatives that open with the same literal, merged under it: "s(?:aid|ays)" for "said|says".

    The engine then tries one branch per first letter, not one per word. Order is kept where it
    matters: alternatives with different first letters cannot match at one place, and none is
    moved across an alternative that opens otherwise."""
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    for v in [*variants, None]:  # None: the end ("" is an alternative, matching the empty string)
        head = v[:7] if v is not None and len(v) >= 7 and v.startswith("(?-i:") and v[6] == ")" else None
        if head is not None and v is not None:
            groups.setdefault(head, []).append(v[7:])
            continue
        out.extend(f"(?:{h}{rest[0]})" if len(rest) == 1 else f"(?:{h}(?:{'|'.join(f'(?:{r})' for r in rest)}))"
                   for h, rest in groups.items())
        groups = {}
        if v is not None:
            out.append(f"(?:{v})")
    return out
