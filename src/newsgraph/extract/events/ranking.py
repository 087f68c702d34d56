"""Which events matter: ranking by the lead, the title and centrality, the main event (the one
the headline reports, told in the lead), and the main event's missing time and place."""
from __future__ import annotations

import math
from typing import Any

from ...lang.base import AnalyzedDoc
from .arguments import parsed_args
from ...doc import labels as L
from .lexicon import UNREAL
from .lexicon import Lexicon, match_at
from .modality import modality_of
from .state import Event, State
from .timing import assign_times, nearby_time

# Importance weights (set by hand, checked on the Giveme5W1H set): the lead sentence, a trigger
# type / word of the title, each actor of the event named in the title.
LEAD = 3.0
TITLE_TYPE = 2.0
TITLE_LEMMA = 1.0
TITLE_ACTOR = 0.5
# The lead (inverted pyramid) where the headline's event is looked for: this many sentences.
LEAD_SENTENCES = 3


def rank(st: State, events: list[Event], title: dict[str, set[str]]) -> None:
    lead_sent = _lead_segment(st)
    if lead_sent is not None and st.lex.other_type and st.parser and not any(
            st.seg[ev.head] == lead_sent for ev in events):
        fallback = _fallback_event(st, lead_sent)
        if fallback is not None:
            events.append(fallback)
    mention_count = {e["id"]: len(e.get("mentions", [])) for e in st.entities}
    title_words = title.get("words", set()) | title.get("lemmas", set())
    seg_order = {s: n for n, s in enumerate(dict.fromkeys(st.seg))}
    for ev in events:
        info = st.lex.type_info(ev.type)
        score = 0.0
        if st.seg[ev.head] == lead_sent:
            score += LEAD
        if ev.type in title.get("types", set()):
            score += TITLE_TYPE
        if st.keys(ev.head) & title.get("lemmas", set()):
            score += TITLE_LEMMA
        ents = ev.agents + ev.patients + ([ev.place] if ev.place else [])
        for e in ents:
            name_words = {w.casefold() for w in st.ent_by_id.get(e, {}).get("name", "").split()}
            if name_words & title_words:
                score += TITLE_ACTOR
        if st.parser and _main_clause(st, ev.anchor if ev.anchor >= 0 else ev.head):
            score += 1.0
        score += 0.6 * min(len(set(ev.agents + ev.patients)), 3)
        score += 0.3 * math.log1p(sum(mention_count.get(a, 0) for a in ev.agents))
        if ev.modality in ("asserted", "reported"):
            score += 0.5
        elif ev.modality in UNREAL:
            score -= 1.5   # what did not or might happen is rarely the story
        if ev.time is not None:
            score += 0.3
        if ev.place is not None:
            score += 0.2
        score *= float(info.get("weight", 1.0))
        score -= 0.05 * seg_order.get(st.seg[ev.head], 0)
        ev.score = score
    events.sort(key=lambda ev: (-ev.score, ev.head))
    main = headline_event(st, events, title, lead_sent)
    if main is not None:
        events.remove(main)
        events.insert(0, main)
    if events and events[0].time is None:
        # the main event without a time in or beside its sentence: the nearest time of the
        # lead paragraph (two sentences either side at most)
        events[0].time = nearby_time(st, events[0], 2)
    if events and events[0].place is None:
        # the main event without an attached place: the place the headline names
        cands = [e for e in st.entities if e.get("type") == "LOC" and e.get("name")
                 and {w.casefold() for w in e["name"].split()} <= title.get("words", set())]
        if cands:
            events[0].place = max(cands, key=lambda e: len(e.get("mentions", [])))["id"]
        else:   # else a place its own sentence names
            seg = st.seg[events[0].head]
            locs = [e for a, b, e in st.mentions if st.seg[a] == seg
                    and st.ent_by_id.get(e, {}).get("type") == "LOC"
                    and e not in events[0].agents + events[0].patients]
            if not locs:    # else the first place the lead names (inverted pyramid)
                segs = set(lead_segments(st, lead_sent))
                locs = [e for a, b, e in st.mentions if st.seg[a] in segs
                        and not st.in_furniture[a]
                        and st.ent_by_id.get(e, {}).get("type") == "LOC"
                        and e not in events[0].agents + events[0].patients]
            if locs:
                events[0].place = locs[0]


def lead_segments(st: State, lead: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The lead: the lead sentence and the next ones, LEAD_SENTENCES in all, furniture left
    out."""
    if lead is None:
        return []
    order = [s for s in dict.fromkeys(st.seg[t.i] for t in st.toks if not st.in_furniture[t.i]
                                       and t.text.strip())]
    if lead not in order:
        return [lead]
    k = order.index(lead)
    return order[k:k + LEAD_SENTENCES]


def headline_event(st: State, events: list[Event], title: dict[str, Any],
                   lead: tuple[int, int] | None) -> Event | None:
    """The event the headline reports, told in the lead (inverted pyramid): for each event
    the title names, in order, a lead event with the same word, else of the same type
    (those with participants first, then in text order); else a lead verb the title uses
    (an ``other`` event)."""
    segs = lead_segments(st, lead)
    if not segs:
        return None
    lead_events = sorted((ev for ev in events if st.seg[ev.head] in segs
                          and ev.modality not in UNREAL),
                         key=lambda ev: ev.first)

    def best(cands: list[Event]) -> Event | None:
        # the headline's event with its participants; one with none is left to the ranking
        return next((ev for ev in cands if ev.agents or ev.patients), None)

    for seg in segs:    # the lead sentence first: the headline's event as it first appears
        in_seg = [ev for ev in lead_events if st.seg[ev.head] == seg]
        for ttype, forms in title.get("triggers") or []:
            found = best([ev for ev in in_seg if st.keys(ev.head) & forms]) \
                or best([ev for ev in in_seg if ev.type == ttype])
            if found is not None:
                return found
    if not st.parser or not st.lex.other_type:
        return None
    for forms in title.get("verbs") or []:
        for t in st.toks:
            if st.seg[t.i] in segs and t.pos in L.VERB_POS and st.keys(t.i) & forms \
                    and not st.in_furniture[t.i] and not any(ev.head == t.i for ev in events):
                ev = Event(st.lex.other_type, t.i, t.i, t.i + 1, False, anchor=t.i)
                parsed_args(st, ev)
                assign_times(st, [ev])
                ev.modality = modality_of(st, ev)
                if ev.modality in UNREAL:
                    continue
                events.append(ev)
                return ev
    return None


def _lead_segment(st: State) -> tuple[int, int] | None:
    """The first sentence with a main verb (skips bylines, captions reduced to a phrase)."""
    return st.seg[st.lead_index()] if st.toks else None


def _main_clause(st: State, i: int) -> bool:
    j = i
    for _ in range(4):
        h = st.head(j)
        if h is None:
            return True
        dep = st.toks[j].dep
        if dep in L.CONJUNCT:
            j = h
            continue
        if dep in L.CLAUSAL_COMPLEMENT and st.keys(h) & st.lex.reported:
            j = h
            continue
        if dep in L.OPEN_COMPLEMENT:
            j = h
            continue
        return False
    return False


def _fallback_event(st: State, seg: tuple[int, int]) -> Event | None:
    for t in st.toks:
        if st.seg[t.i] == seg and st.dep(t.i) == "ROOT" and t.pos in L.VERB_POS \
                and not (st.keys(t.i) & st.lex.not_events) and not st.in_furniture[t.i]:
            ev = Event(st.lex.other_type, t.i, t.i, t.i + 1, False, anchor=t.i)
            parsed_args(st, ev)
            assign_times(st, [ev])
            ev.modality = modality_of(st, ev)
            return ev
    return None


def title_info(title: str, tdoc: AnalyzedDoc | None, lex: Lexicon) -> dict[str, Any]:
    """Trigger types, lemmas and words of the title (``tdoc``: the title analysed with the
    document's backend, None when it could not be), and the events it reports in order:
    ``triggers`` [(type, forms)] and untyped ``verbs`` [forms]. A headline "Topic: news" reports
    the news: triggers after a colon come first."""
    info: dict[str, Any] = {"types": set(), "lemmas": set(), "words": set(),
                            "triggers": [], "verbs": []}
    if not title:
        return info
    if tdoc is None:
        info["words"] = {w.casefold() for w in title.split()}
        return info
    for tok in tdoc.tokens:
        info["lemmas"].add(tok.lemma.casefold())
        info["words"].add(tok.text.casefold())
    colon = next((t.i for t in tdoc.tokens if t.text in (":", "|")), -1)
    found = []
    for i in range(len(tdoc.tokens)):
        for trig in match_at(tdoc, lex, i, pos_check=False):
            info["types"].add(trig[0])
            # what a prepositional phrase names ("... in derailment tragedy") is background
            j = i
            for _ in range(4):
                h = tdoc.tokens[j].head
                if tdoc.tokens[j].dep not in L.NOUN_PREMODIFIER or not 0 <= h < len(tdoc.tokens) or h == j:
                    break
                j = h
            if tdoc.tokens[j].dep not in set(L.PREP_OBJECT_UD_PREFIXES):
                found.append((i > colon, i, trig[0], lex.keys(tdoc.tokens[i])))
    # after the colon first, then in headline order
    info["triggers"] = [(t, forms) for _, _, t, forms in sorted(found, key=lambda f: (not f[0], f[1]))]
    typed = {f[1] for f in found}
    info["verbs"] = [lex.keys(t) for t in tdoc.tokens if t.pos == "VERB" and t.i not in typed
                     and t.dep.casefold() == "root" and not (lex.keys(t) & lex.not_events)]
    return info
