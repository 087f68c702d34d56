"""Where an event happened: a place phrase attached to the trigger, else a place after a
locative preposition in its sentence, else the dateline for the first paragraph."""
from __future__ import annotations

from .state import Event, State


def find_place(st: State, i: int) -> str | None:
    """A LOC entity in a place-prepositional phrase of i, searched breadth-first (depth 3)."""
    frontier = [i]
    for _ in range(3):
        nxt = []
        for j in frontier:
            for p, o in st.prep_objects(j):
                if p in st.lex.place_preps or p == "":
                    for e in st.resolve(o):
                        etype = st.ent_by_id.get(e, {}).get("type")
                        if etype == "LOC" or (etype in ("MISC", "EVENT") and p in st.lex.place_misc):
                            return e
                if p in st.lex.place_preps:
                    nxt.append(o)
        frontier = nxt
    return None


def fallback_places(st: State, events: list[Event]) -> None:
    """No attached place: a LOC after a place preposition in the same sentence (nearest),
    else, for events of the first paragraph, the dateline ("WASHINGTON --")."""
    placed = []
    for a, b, e in st.mentions:
        if st.ent_by_id.get(e, {}).get("type") != "LOC":
            continue
        j = a - 1
        while j >= 0 and not st.toks[j].text.strip():
            j -= 1
        if j >= 0 and st.lemma(j) in st.lex.place_locative and st.seg[j] == st.seg[a]:
            placed.append((a, b, e))
    dateline = _dateline(st)
    lead_block = st.block[st.lead_index()] if st.toks else 0
    attached = {(st.seg[ev.head], ev.place) for ev in events if ev.place is not None}
    placed_in: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for m in placed:
        placed_in.setdefault(st.seg[m[0]], []).append(m)
    for ev in events:
        if ev.place is not None:
            continue
        cands = [m for m in placed_in.get(st.seg[ev.head], ())
                 if (st.seg[ev.head], m[2]) not in attached]
        if cands:
            if st.parser:
                ev.place = min(cands, key=lambda m: (st.distance(ev, m[0]), abs(m[0] - ev.head)))[2]
            else:
                ev.place = min(cands, key=lambda m: abs(m[0] - ev.head))[2]
        elif dateline and st.block[ev.head] == lead_block:
            ev.place = dateline


def _dateline(st: State) -> str | None:
    """A capitalised place opening the text and followed by a dash: "LONDON --", "KYIV (Reuters) -"."""
    for a, b, e in st.mentions:
        if a > 80:
            break
        if st.ent_by_id.get(e, {}).get("type") != "LOC":
            continue
        text = st.doc.text[st.toks[a].start:st.toks[b - 1].end]
        nxt = next((st.toks[j].text for j in range(b, min(b + 3, len(st.toks)))
                    if st.toks[j].text.strip()), "")
        if text.isupper() and len(text) > 2 and nxt[:1] in ("-", "—", "–", "("):
            return e
    return None
