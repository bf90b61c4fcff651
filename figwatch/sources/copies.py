"""Syndicated copies: one wire story run by many outlets is one story, not many.

Two tests, neither comparing all pairs. Across runs only the stored 64-bit SimHash is known,
so a copy within a few bits of a stored fingerprint is dropped (banded index). Within a batch
the texts are at hand, so shingle containment catches copies whose boilerplate is a large
share of a short text (where SimHash drifts): an inverted index from shingle to article
counts shared shingles, and a copy shares most of the smaller text's shingles.

A near copy is dropped only when it also carries the same figures as the story it copies: a
follow-up that repeats a story with a new figure ("casualties have reached about 5,200",
yesterday 4,700) is news, not a copy. The caller says what an article's figures are (the
extracted claims' metrics and values); by default they are the numbers in its text.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from figwatch.models import Article
from figwatch.sources.fingerprint import DEFAULT_DISTANCE, SimhashIndex, shingles

#: Share of the smaller text's shingles found in the other: a copy at or above this.
CONTAINMENT = 0.6
MIN_SHINGLES = 20  # shorter texts are only deduplicated exactly or by SimHash
MAX_POSTING = 50  # a shingle in more articles than this is a stock phrase, not evidence
STORED = "stored"  # a copy of an article of an earlier run (only its fingerprint is known)

#: What an article's figures are, to tell a copy (same figures) from a follow-up (new ones).
FiguresOf = Callable[[Article], frozenset[Hashable]]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(article: Article) -> frozenset[Hashable]:
    """The numbers an article's text holds ("4,700" and "4700" alike): the default figures."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(article.text))


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article dropped as a copy: `of` is the kept copy's URL, or 'stored' for an earlier run's."""

    article: Article
    of: str
    exact: bool  # same content hash, not only near


class _ShingleIndex:
    """Kept articles' shingle sets behind an inverted index."""

    def __init__(self) -> None:
        self._postings: dict[int, list[int]] = {}
        self._sizes: list[int] = []
        self._urls: list[str] = []

    def find(self, keys: set[int], threshold: float) -> list[str]:
        """The kept articles (of the three sharing most) that contain or are contained in this one."""
        if len(keys) < MIN_SHINGLES:
            return []
        shared: Counter[int] = Counter()
        for key in keys:
            posting = self._postings.get(key)
            if posting and len(posting) <= MAX_POSTING:
                shared.update(posting)
        return [self._urls[k] for k, n in shared.most_common(3) if n / min(len(keys), self._sizes[k]) >= threshold]

    def add(self, keys: set[int], url: str) -> None:
        if len(keys) < MIN_SHINGLES:
            return
        k = len(self._sizes)
        self._sizes.append(len(keys))
        self._urls.append(url)
        for key in keys:
            self._postings.setdefault(key, []).append(k)


def _keys(text: str) -> set[int]:
    """64-bit shingle keys from two C checksums: stable across processes (unlike hash()), so
    the same batch is always deduplicated the same way, and far cheaper than blake2b."""
    keys = set()
    for shingle in shingles(text):
        data = shingle.encode()
        keys.add(zlib.crc32(data) << 32 | zlib.adler32(data))
    return keys


def near_duplicates(
    articles: Sequence[Article], *, known: Iterable[int] = (), known_hashes: Iterable[str] = (),
    distance: int = DEFAULT_DISTANCE, containment: float = CONTAINMENT, figures: FiguresOf = numbers_in,
) -> tuple[list[Article], list[Duplicate]]:
    """Keep the first copy of each story (input order); drop exact copies, and near or contained
    copies that carry the same figures as the story they copy.

    `known`/`known_hashes` are stored fingerprints, so a copy arriving a run later is dropped too
    (its figures cannot be compared: the stored text is not at hand).
    """
    index = SimhashIndex(distance)
    for fp in known:
        index.add(fp, STORED)
    hashes: dict[str, str] = {h: STORED for h in known_hashes}
    texts = _ShingleIndex()
    kept: list[Article] = []
    kept_by_url: dict[str, Article] = {}
    dropped: list[Duplicate] = []
    for art in articles:
        if art.content_hash and art.content_hash in hashes:
            dropped.append(Duplicate(art, hashes[art.content_hash], True))
            continue
        keys = _keys(art.text)
        near = [*(index.find_all(art.simhash) if art.simhash else ()), *texts.find(keys, containment)]
        match = next((str(m) for m in dict.fromkeys(near)
                      if m == STORED or figures(kept_by_url[str(m)]) == figures(art)), None)
        if match is not None:
            dropped.append(Duplicate(art, match, False))
            continue
        kept.append(art)
        kept_by_url.setdefault(art.url, art)
        hashes[art.content_hash] = art.url
        if art.simhash:
            index.add(art.simhash, art.url)
        texts.add(keys, art.url)
    return kept, dropped
