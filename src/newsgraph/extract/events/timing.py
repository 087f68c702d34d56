"""When an event happened: an index into the record's ``times``, the nearest in the parse tree
within the trigger's sentence, else in a neighbouring sentence of the same paragraph."""
from __future__ import annotations

import math

from .state import Event, State


def assign_times(st: State, events: list[Event]) -> None:
    by_seg: dict[tuple[int, int], list[Event]] = {}
    for ev in events:
        by_seg.setdefault(st.seg[ev.head], []).append(ev)
    best: dict[int, tuple[float, int]] = {}
    for ti, tm in enumerate(st.times):
        try:
            span = st.doc.tokens_in(int(tm["start"]), int(tm["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        span = [t for t in span if t.text.strip()]
        if not span or st.in_furniture[span[0].i]:
            continue
        inside = {t.i for t in span}
        th = next((t.i for t in span if st.head(t.i) not in inside), span[-1].i)
        cands = by_seg.get(st.seg[th], [])
        if not cands:
            continue
        dists = {id(ev): st.distance(ev, th) for ev in cands}
        dmin = min(dists.values())
        if dmin == math.inf:
            continue
        for ev in cands:
            d = dists[id(ev)]
            if d <= dmin and (id(ev) not in best or d < best[id(ev)][0]):
                best[id(ev)] = (d, ti)
    for ev in events:
        if id(ev) in best:
            ev.time = best[id(ev)][1]
    # "fled after the opposition's victory in December 2024": a time reached through a noun
    # event in the verb event's own phrase is the verb event's time as well
    for ev in events:
        if ev.time is not None or not st.parser:
            continue
        for other in by_seg.get(st.seg[ev.head], []):
            if other is ev or not other.is_noun or other.time is None:
                continue
            j, steps = other.head, 0
            while j is not None and j != ev.head and steps < 3:
                j, steps = st.head(j), steps + 1
            if j == ev.head:
                ev.time = other.time
                break
    # none in its sentence: the nearest time of the neighbouring sentences, same paragraph
    for ev in events:
        if ev.time is None:
            ev.time = nearby_time(st, ev, 1)


def nearby_time(st: State, ev: Event, max_sents: int) -> int | None:
    sent, blk = st.seg[ev.head]
    if st.times_by_sent is None:      # sentence -> (first token, time index), built once
        st.times_by_sent = {}
        for ti, tm in enumerate(st.times):
            try:
                span = st.doc.tokens_in(int(tm["start"]), int(tm["end"]))
            except (KeyError, TypeError, ValueError):
                continue
            if span and not st.in_furniture[span[0].i]:
                st.times_by_sent.setdefault(span[0].sent, []).append((span[0].i, ti))
    near = []
    for d in range(1, max_sents + 1):
        for s in (sent - d, sent + d):
            for i, ti in st.times_by_sent.get(s, ()):
                if st.block[i] == blk:
                    near.append((d, abs(i - ev.head), ti))
    return min(near)[2] if near else None
