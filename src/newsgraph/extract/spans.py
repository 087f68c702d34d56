"""Overlap queries over character spans in logarithmic time.

Extractors often ask "which times / claims / mentions overlap this range?" once per candidate;
scanning every span each time makes a long text quadratic (issue #17). A SpanIndex answers the
same questions from spans sorted by start with a running maximum of their ends, and returns hits
in the order the spans were given, so code that took the first match still gets the same one.
"""
from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Iterable


class SpanIndex:
    """Half-open spans [start, end); a span overlaps [a, b) when start < b and end > a."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self._order = sorted(range(len(self.spans)), key=lambda k: self.spans[k][0])
        self._starts = [self.spans[k][0] for k in self._order]
        self._max_end = list(accumulate((self.spans[k][1] for k in self._order), max))

    def __len__(self) -> int:
        return len(self.spans)

    def any_overlap(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self._starts, b)        # spans starting before b: _order[:k]
        return k > 0 and self._max_end[k - 1] > a

    def overlapping(self, a: int, b: int) -> list[int]:
        """Indices (into the spans as given, ascending) of the spans overlapping [a, b)."""
        j = bisect.bisect_left(self._starts, b) - 1
        hits = []
        while j >= 0 and self._max_end[j] > a:          # earlier spans all end by a: stop
            k = self._order[j]
            if self.spans[k][1] > a:
                hits.append(k)
            j -= 1
        hits.sort()
        return hits

    def containing(self, pos: int) -> list[int]:
        """Indices of the spans with start <= pos < end."""
        return self.overlapping(pos, pos + 1)


class GrowingSpans:
    """Spans added one at a time, for "does any overlap [a, b)?" (start < b and a < end) without
    scanning them all: kept sorted by start, and only those starting within the longest span's
    length before a can reach it. None (no span) is never added and overlaps nothing."""

    def __init__(self, spans: Iterable[tuple[int, int] | None] = ()) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0
        for sp in spans:
            self.add(sp)

    def add(self, sp: tuple[int, int] | None) -> None:
        if sp:
            bisect.insort(self.spans, (sp[0], sp[1]))
            self.longest = max(self.longest, sp[1] - sp[0])

    def any_overlap(self, sp: tuple[int, int] | None) -> bool:
        if not sp or not self.spans:
            return False
        a, b = sp
        for k in range(bisect.bisect_left(self.spans, (a - self.longest,)), len(self.spans)):
            start, end = self.spans[k]
            if start >= b:
                break
            if a < end and start < b:
                return True
        return False
