"""Where a figure sits in its sentence, and the excerpt a digest quotes.

A claim's evidence is the whole sentence, often 30 words or more; a digest quotes the clause
that holds the figure (at most MAX_WORDS words, "…" where the sentence was cut), so a reader
sees the words that state the figure without reading the article's paragraph. The full
sentence stays in the JSON digest.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from alerts.phrases import phrases

MAX_WORDS = 11
TAIL_WORDS = 2  # a clause this close to its end is quoted to its end, not cut ("thus far.")
LEAD_WORDS = 4  # words kept before the figure: the verb that states it ("reported that")
MIN_WORDS = 6
MAX_CHARS = 240  # a pathological "word" (no spaces) is cut too
WINDOW = 1000  # characters either side of the figure that the clause search reads: a page-long
# "sentence" (a scrape without full stops) costs no more than a short one
ELLIPSIS = "…"

# a clause ends at a comma, semicolon or colon before a space, a dash between spaces, a
# bracket, or a sentence's end; "11,000" has no space after its comma
_CLAUSE_END = re.compile(r"[,;:](?=\s)|\s[–—-]\s|[()\[\]]|[.!?](?=\s|$)")
_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _number_pattern() -> re.Pattern[str]:
    p = phrases()
    words = "|".join(sorted(map(re.escape, p.number_words), key=len, reverse=True))
    long_scales = "|".join(re.escape(s) for s in p.scales if len(s) > 2)
    short_scales = "|".join(re.escape(s) for s in p.scales if len(s) <= 2)
    return re.compile(
        r"(?<![\w.,])(?:(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d]|[.,]\d)|(?:an?\s+)?(?P<word>" + words + r")\b)"
        r"(?:(?:\s+|-)(?P<scale>" + long_scales + r")\b|(?P<short>" + short_scales + r")\b)?",
        re.IGNORECASE,
    )


def numbers_in(text: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, value) of every number written in `text`: "11,000", "1.2 million", "two"."""
    p = phrases()
    for m in _number_pattern().finditer(text):
        if m.group("num"):
            value = float(m.group("num").replace(",", ""))
        else:
            value = p.number_words[m.group("word").lower()]
        scale = m.group("scale") or m.group("short")
        if scale:
            value *= p.scales[scale.lower()]
        yield m.start(), m.end(), value


def find_number(text: str, value: float, *, tolerance: float = 1e-6, after: int = 0) -> tuple[int, int, float] | None:
    """The first number from `after` in `text` that is `value` (within a relative tolerance)."""
    for start, end, found in numbers_in(text):
        if start >= after and abs(found - value) <= tolerance * max(1.0, abs(value)):
            return start, end, found
    return None


def find_value(text: str, value: float, *, tolerance: float = 1e-6, after: int = 0) -> tuple[int, int] | None:
    """Where `text` writes `value`: its span, or None."""
    found = find_number(text, value, tolerance=tolerance, after=after)
    return (found[0], found[1]) if found else None


def find_phrase(text: str, phrase: str) -> tuple[int, int] | None:
    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _clause_bounds(text: str, start: int, end: int) -> tuple[list[int], int, int]:
    """Every clause boundary in `text`, and the index of the clause holding [start, end)."""
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    cuts = sorted(set(cuts))
    left = max(i for i, c in enumerate(cuts) if c <= start)
    right = min((i for i, c in enumerate(cuts) if c >= end), default=len(cuts) - 1)
    return cuts, left, right


def _words(text: str) -> int:
    return len(_TOKEN.findall(text))


def squeeze(sentence: str) -> str:
    """The sentence on one line with single spaces: spans for `excerpt` index this text."""
    return " ".join(sentence.split())


def excerpt(text: str, span: tuple[int, int] | None, *, max_words: int = MAX_WORDS) -> str:
    """The clause of `text` (squeezed) holding `span`, widened to MIN_WORDS, cut to `max_words`.

    Without a span (the figure is not written as a number) the sentence's opening words.
    """
    if not text.strip():
        return ""
    if span is not None and (span[0] > WINDOW or len(text) - span[1] > WINDOW):
        cut = max(0, span[0] - WINDOW)
        window = text[cut : span[1] + WINDOW]
        inner = excerpt(window, (span[0] - cut, span[1] - cut), max_words=max_words)
        lead = ELLIPSIS if cut and not inner.startswith(ELLIPSIS) else ""
        tail = ELLIPSIS if span[1] + WINDOW < len(text) and not inner.endswith(ELLIPSIS) else ""
        return lead + inner + tail
    if span is None:
        text = text[: 2 * WINDOW]
        lo, hi, focus = 0, len(text), 0
    else:
        cuts, left, right = _clause_bounds(text, *span)
        while _words(text[cuts[left] : cuts[right]]) < MIN_WORDS and (left > 0 or right < len(cuts) - 1):
            if left > 0:
                left -= 1
            else:
                right += 1
        lo, hi, focus = cuts[left], cuts[right], span[0]
    tokens = [m.span() for m in _TOKEN.finditer(text, lo, hi) if m.end() <= hi]
    if not tokens:
        return ""
    at = next((i for i, (_, e) in enumerate(tokens) if e > focus), 0)
    first = max(0, min(at - LEAD_WORDS, len(tokens) - max_words))
    last = min(len(tokens), first + max_words)
    if len(tokens) - last <= TAIL_WORDS:
        last = len(tokens)
    start, end = tokens[first][0], tokens[last - 1][1]
    if end - start > MAX_CHARS:
        start = max(start, min(focus - MAX_CHARS // 3, end - MAX_CHARS))
        end = min(end, start + MAX_CHARS)
    lead = ELLIPSIS if text[:start].strip(" \"“‘'") else ""
    if text[end:].strip(" .!?\"”’'"):
        return lead + text[start:end].strip(" ,;:–—-") + ELLIPSIS
    return lead + text[start:].strip(" ,;:–—-")
