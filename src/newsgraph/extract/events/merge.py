"""One event told several times becomes one event with mentions; numbers whose phrase is a
trigger's argument are bound to the event as its quantities."""
from __future__ import annotations

from typing import Any

from ...doc import labels as L
from .state import Event, State

# Without a parser a number binds to a trigger at most this many tokens away in its sentence.
WINDOW_QUANTITY = 2


def merge(st: State, events: list[Event]) -> list[Event]:
    """Events with the same trigger word, type and participants are one event told again
    ("charges ... the charges"), stated or reported alike (planned, hoped, negated or
    hypothetical ones only with their like): the first in rank order stays, the others'
    triggers become its mentions and fill its missing time and place. Two different times
    keep them apart."""
    kept: list[Event] = []
    by_key: dict[tuple, list[Event]] = {}
    for ev in events:
        key = (st.lemma(ev.head), ev.type, frozenset(ev.agents), frozenset(ev.patients),
               "told" if ev.modality in ("asserted", "reported") else ev.modality)
        same = next((k for k in by_key.get(key, ())
                     if ev.time is None or k.time is None or ev.time == k.time), None)
        if same is None:
            by_key.setdefault(key, []).append(ev)
            kept.append(ev)
            continue
        same.mentions.append((ev.first, ev.last))
        same.mentions.extend(ev.mentions)
        if same.time is None:
            same.time = ev.time
        if same.place is None:
            same.place = ev.place
    return kept


def bind_quantities(st: State, events: list[Event]) -> None:
    """A number whose phrase is the trigger's argument ("killed 59 people", "freed 21",
    "an offer of $121 billion", "59 people were killed") is the event's attribute: {quantity
    (index into quantities), role}: amount for money, else the type's quantity_role
    (casualties for kill / injure), else count. Each number goes to its nearest trigger."""
    if not events:
        return
    triggers: dict[int, Event] = {}
    for ev in events:
        for a, b in [(ev.first, ev.last)] + ev.mentions:
            for j in range(a, b):
                triggers.setdefault(j, ev)
    for qi, q in enumerate(st.parts_quantities):
        try:
            span = [t for t in st.doc.tokens_in(int(q["start"]), int(q["end"])) if t.text.strip()]
        except (KeyError, TypeError, ValueError):
            continue
        if not span or st.in_furniture[span[0].i]:
            continue
        if not st.parser:   # no parse: a number next to a trigger in its sentence
            near = [(min(abs(j - span[0].i), abs(j - span[-1].i)), j) for j in triggers
                    if st.seg[j] == st.seg[span[0].i]]
            d, j = min(near, default=(99, -1))
            if d <= WINDOW_QUANTITY:
                _bind(st, triggers[j], qi, q)
            continue
        inside = {t.i for t in span}
        j = next((t.i for t in span if st.head(t.i) not in inside), span[-1].i)
        if j in triggers:     # "the 21 freed": the trigger inside the number's phrase
            continue
        # up to three links; a prepositional phrase's link (UD obl/nmod with a case marker)
        # counts two, the preposition being a word between the number's phrase and its head
        budget = 3
        while budget > 0:
            dep = st.toks[j].dep
            if dep in L.OWN_CLAUSE:
                break
            budget -= 2 if dep.startswith(L.PREP_OBJECT_UD_PREFIXES) and dep not in L.POSSESSOR \
                and st.children(j, L.CASE_MARKER) else 1
            h = st.head(j)
            if h is None or budget < 0:
                break
            if h in triggers:
                _bind(st, triggers[h], qi, q)
                break
            j = h


def _bind(st: State, ev: Event, qi: int, q: dict[str, Any]) -> None:
    unit = q.get("unit") or ""
    role = "amount" if unit in st.currency_codes or unit == "%" \
        else st.lex.type_info(ev.type).get("quantity_role", "count")
    ev.quantities.append({"quantity": qi, "role": role})
