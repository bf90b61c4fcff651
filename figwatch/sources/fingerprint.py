"""Fingerprints of article text: an exact content hash and a 64-bit SimHash.

The hash catches the same text fetched twice; the SimHash catches syndicated copies of one
wire story that differ only in boilerplate (a different header, a donation appeal), which is
what keeps ten outlets running one Reuters copy from making ten reports.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from figwatch.models import Article

_WORD = re.compile(r"\w+")
SHINGLE = 3  # words per shingle
BITS = 64
#: Copies whose SimHashes differ in at most this many bits are one story.
DEFAULT_DISTANCE = 7


def normalise(text: str) -> str:
    """The text as fingerprints see it: NFKC, lowercased, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text: equal for copies differing only in spacing or case."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str) -> list[str]:
    words = _WORD.findall(normalise(text))
    if len(words) < SHINGLE:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


_LANE = 24  # bits per counter lane: room for 16 million shingles per text
_CHUNK = _LANE * 16  # one 16-bit slice of a hash, spread over 16 lanes
_SPREAD = [0] * 65536
for _b in range(16):  # built by doubling: _SPREAD[v] has lane i set when bit i of v is
    _step = 1 << _b
    _SPREAD[_step : 2 * _step] = [x + (1 << (_LANE * _b)) for x in _SPREAD[:_step]]


def _spread(h: int) -> int:
    """The 64 bits of h, one per lane of a wide integer, so summing spreads counts every bit."""
    return (_SPREAD[h & 0xFFFF] + (_SPREAD[(h >> 16) & 0xFFFF] << _CHUNK)
            + (_SPREAD[(h >> 32) & 0xFFFF] << (2 * _CHUNK)) + (_SPREAD[h >> 48] << (3 * _CHUNK)))


def simhash(text: str) -> int:
    """64-bit SimHash over word shingles; near texts get near fingerprints (Hamming distance).

    A bit is set when more than half the shingle hashes have it. Counting is done in lanes of
    one big integer (4 table look-ups per shingle instead of 64 bit tests).
    """
    total, n = 0, 0
    for shingle in shingles(text):
        total += _spread(int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big"))
        n += 1
    mask = (1 << _LANE) - 1
    return sum(1 << bit for bit in range(BITS) if 2 * ((total >> (_LANE * bit)) & mask) > n)


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints."""
    return (a ^ b).bit_count()


def with_fingerprints(article: Article) -> Article:
    """The article with content_hash and simhash filled from its text."""
    return replace(article, content_hash=content_hash(article.text), simhash=simhash(article.text))


class SimhashIndex:
    """Finds fingerprints within `distance` bits without comparing all pairs.

    Pigeonhole: split 64 bits into distance+1 bands; two fingerprints within `distance`
    bits agree exactly on at least one band, so only same-band candidates are compared.
    """

    def __init__(self, distance: int = DEFAULT_DISTANCE) -> None:
        self.distance = distance
        bands = distance + 1
        width = -(-BITS // bands)
        self._bands = [(i * width, min(width, BITS - i * width)) for i in range(bands) if i * width < BITS]
        self._buckets: dict[tuple[int, int], list[tuple[int, object]]] = {}

    def _keys(self, fp: int) -> list[tuple[int, int]]:
        return [(i, (fp >> start) & ((1 << width) - 1)) for i, (start, width) in enumerate(self._bands)]

    def add(self, fp: int, item: object) -> None:
        for key in self._keys(fp):
            self._buckets.setdefault(key, []).append((fp, item))

    def find(self, fp: int) -> object | None:
        """The first stored item within the distance of `fp`, or None."""
        return next(self.find_all(fp), None)

    def find_all(self, fp: int) -> Iterator[object]:
        """Every stored item within the distance of `fp` (an item may come more than once)."""
        for key in self._keys(fp):
            for other, item in self._buckets.get(key, ()):
                if hamming(fp, other) <= self.distance:
                    yield item
