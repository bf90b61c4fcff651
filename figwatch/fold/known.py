"""The figures already reported for one metric, so that each distinct figure is news once.

`same_figure(r, c)` holds when c's value lies in r's reach (r's stated range, widened by the
threshold) or r's value lies in c's stated range. Both questions are answered with bisect:
the reaches are kept merged into disjoint intervals, and the values in a sorted list. So asking
costs O(log n) whatever the history, and memory grows with the distinct figures, not the reports.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from figwatch.fold.agree import bounds
from figwatch.models import Claim


class KnownFigures:
    """Reported figures of one metric: is a new statement one of them, in other words?"""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._starts: list[float] = []  # merged reaches, sorted and disjoint
        self._ends: list[float] = []
        self._values: list[float] = []

    def __len__(self) -> int:
        return len(self._values)

    def _reach(self, claim: Claim) -> tuple[float, float]:
        low, high = bounds(claim)
        slack = self.threshold * abs(claim.value)
        return min(low, claim.value - slack), max(high, claim.value + slack)

    def add(self, claim: Claim) -> None:
        i = bisect_left(self._values, claim.value)
        if i == len(self._values) or self._values[i] != claim.value:
            self._values.insert(i, claim.value)
        low, high = self._reach(claim)
        # merge with every interval the new one touches: those from the last starting at or before
        # `low` (if it reaches `low`) to the last starting at or before `high`
        first = bisect_right(self._starts, low) - 1
        if first < 0 or self._ends[first] < low:
            first += 1
        last = bisect_right(self._starts, high)
        if first < last:
            low = min(low, self._starts[first])
            high = max(high, self._ends[last - 1])
        del self._starts[first:last], self._ends[first:last]
        self._starts.insert(first, low)
        self._ends.insert(first, high)

    def has(self, claim: Claim) -> bool:
        """True when some reported figure is `claim`'s in other words (`same_figure` either way)."""
        i = bisect_right(self._starts, claim.value) - 1
        if i >= 0 and self._ends[i] >= claim.value:
            return True
        low, high = bounds(claim)
        j = bisect_left(self._values, low)
        return j < len(self._values) and self._values[j] <= high


__all__ = ["KnownFigures"]
