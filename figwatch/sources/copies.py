"""Syndicated copies: one wire story run by many outlets is one story, not many.

Two tests, neither comparing all pairs. Across runs only the stored 64-bit SimHash is known,
so a copy within a few bits of a stored fingerprint is dropped (banded index). Within a batch
the texts are at hand, so shingle containment catches copies whose boilerplate is a large
share of a short text (where SimHash drifts): an inverted index from shingle to article
counts shared shingles, and a copy shares most of the smaller text's shingles.
"""
from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from figwatch.models import Article
from figwatch.sources.fingerprint import DEFAULT_DISTANCE, SimhashIndex, shingles

#: Share of the smaller text's shingles found in the other: a copy at or above this.
CONTAINMENT = 0.6
MIN_SHINGLES = 20  # shorter texts are only deduplicated exactly or by SimHash
MAX_POSTING = 50  # a shingle in more articles than this is a stock phrase, not evidence


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

    def find(self, keys: set[int], threshold: float) -> str | None:
        if len(keys) < MIN_SHINGLES:
            return None
        shared: Counter[int] = Counter()
        for key in keys:
            posting = self._postings.get(key)
            if posting and len(posting) <= MAX_POSTING:
                shared.update(posting)
        for k, n in shared.most_common(3):
            if n / min(len(keys), self._sizes[k]) >= threshold:
                return self._urls[k]
        return None

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
    distance: int = DEFAULT_DISTANCE, containment: float = CONTAINMENT,
) -> tuple[list[Article], list[Duplicate]]:
    """Keep the first copy of each story (input order); drop exact, near and contained copies.

    `known`/`known_hashes` are stored fingerprints, so a copy arriving a run later is dropped too.
    """
    index = SimhashIndex(distance)
    for fp in known:
        index.add(fp, "stored")
    hashes: dict[str, str] = {h: "stored" for h in known_hashes}
    texts = _ShingleIndex()
    kept: list[Article] = []
    dropped: list[Duplicate] = []
    for art in articles:
        if art.content_hash and art.content_hash in hashes:
            dropped.append(Duplicate(art, hashes[art.content_hash], True))
            continue
        keys = _keys(art.text)
        match = (index.find(art.simhash) if art.simhash else None) or texts.find(keys, containment)
        if match is not None:
            dropped.append(Duplicate(art, str(match), False))
            continue
        kept.append(art)
        hashes[art.content_hash] = art.url
        if art.simhash:
            index.add(art.simhash, art.url)
        texts.add(keys, art.url)
    return kept, dropped
