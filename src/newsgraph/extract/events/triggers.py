"""Finding triggers (verbs, event nouns, predicative adjectives of the language's lexicon,
checked against names, required objects and senses) and building each event's arguments,
place, time and modality."""
from __future__ import annotations

from .arguments import accusation_agents, cause_agents, parsed_args, window_args
from ...doc import labels as L
from .lexicon import match_at
from .modality import modality_of
from .places import fallback_places
from .state import Event, State
from .timing import assign_times


def find_events(st: State) -> list[Event]:
    events: list[Event] = []
    cands = []
    for i, tok in enumerate(st.toks):
        if not tok.text.strip() or tok.text.casefold() in st.lex.exclude_forms \
                or st.in_furniture[i]:
            continue
        if not tok.pos in L.NOUN_POS and st.parser and tok.dep in (L.ADJECTIVAL_MODIFIER | L.COMPOUND):
            continue   # adjectival participles ("lost influence") are not events
        if not st.parser and st.lex.participle_verb(tok) and _attributive(st, i):
            continue   # nor without a parse ("за обраним графіком")
        found = match_at(st.doc, st.lex, i) or _reflexive_passive(st, i)
        for tname, head, first, last, is_noun, objects in found:
            if _inside_name(st, head):
                continue
            if objects is not None and not _object_fits(st, head, objects):
                continue
            matched, tname = _sense(st, tname, head, first, last)
            if matched and not tname:
                continue
            cands.append((tname, head, first, last, is_noun))
    taken: set[int] = set()
    # longer phrases first ("arrest warrant" over "arrest"), then text order
    for tname, head, first, last, is_noun in sorted(cands, key=lambda c: (-(c[3] - c[2]), c[2])):
        if any(j in taken for j in range(first, last)):
            continue
        events.append(Event(tname, head, first, last, is_noun, anchor=head))
        taken.update(range(first, last))
    events.sort(key=lambda ev: ev.first)
    for ev in events:
        if st.parser:
            parsed_args(st, ev)
        else:
            window_args(st, ev)
    if st.parser:
        accusation_agents(st, events)
        cause_agents(st, events)
    fallback_places(st, events)
    assign_times(st, events)
    for ev in events:
        ev.modality = modality_of(st, ev)
    return events


def _attributive(st: State, i: int) -> bool:
    """A participle before a noun or adjective of its own case modifies it."""
    j = i + 1
    while j < len(st.toks) and not st.toks[j].text.strip():
        j += 1
    return (j < len(st.toks) and st.seg[j] == st.seg[i] and st.toks[j].pos in L.NOUN_POS | {"ADJ"}
            and st.case(j) is not None and st.case(j) == st.case(i))


def _reflexive_passive(st: State, i: int) -> list[tuple]:
    """A reflexive form of a trigger verb with an instrumental agent is its passive
    ("затримувався поліцією", "задерживался полицией"); without one it is another verb
    ("затримався у Києві": stayed)."""
    tok = st.toks[i]
    base = st.lex.reflexive_base(tok)
    if not base:
        return []
    tname = next((t for words, t in st.lex.verbs.get(base, []) if len(words) == 1), None)
    if tname is None:
        return []
    if st.parser:
        agent = any(p == "" and st.case(o) == "Ins" for p, o in st.prep_objects(i))
    else:
        near = [j for j in range(i + 1, min(i + 4, len(st.toks))) if st.seg[j] == st.seg[i]]
        agent = any(st.case(j) == "Ins" and st.toks[j].pos in L.NOUN_POS for j in near)
    if not agent:
        return []
    st.reflexive_passives.add(i)
    return [(tname, i, i, i + 1, False, None)]


def _sense(st: State, tname: str, head: int, first: int, last: int) -> tuple[bool, str | None]:
    """The trigger's sense checked against its arguments (``senses`` in events.yml): an
    arrest whose object is shares or assets is a seizure of property ("sanction"), the noun
    for shares next to an arrest word is no protest (dropped). Returns (matched, type)."""
    n = len(st.toks)
    s = st.seg[head]
    for rule in st.lex.senses:
        if tname not in rule["types"] or (rule["words"] and not st.keys(head) & rule["words"]):
            continue
        if rule["objects"]:
            args = [j for j in range(last, min(last + 4, n)) if st.seg[j] == s]
            if st.parser:
                args += st.children(head, L.OBJECT | L.PASSIVE_NOMINAL_SUBJECT) + [o for _, o in st.prep_objects(head)]
            if any(st.keys(j) & rule["objects"] for j in args):
                return True, rule["becomes"]
        if rule["near"]:
            near = [j for j in range(max(0, first - 2), min(n, last + 2))
                    if st.seg[j] == s and not first <= j < last]
            if any(st.keys(j) & rule["near"] for j in near):
                return True, rule["becomes"]
    return False, tname


def _inside_name(st: State, i: int) -> bool:
    e = st.tok_ent.get(i)
    return bool(e) and st.ent_by_id.get(e, {}).get("type") not in ("EVENT", "MISC")


def _object_fits(st: State, v: int, objects: set[str]) -> bool:
    """Object-constrained verbs ("form a militia"): does the object's lemma fit?"""
    if st.parser:
        cands = st.children(v, L.OBJECT | L.PASSIVE_NOMINAL_SUBJECT)
        if st.dep(v) in L.ADNOMINAL_CLAUSE and st.head(v) is not None:
            cands.append(st.head(v))
    else:
        s = st.seg[v]
        cands = [j for j in range(v + 1, min(v + 5, len(st.toks))) if st.seg[j] == s]
    return any(st.keys(c) & objects for c in cands)
