"""Event arguments: agents and patients from the parse (verbs, passives, event nouns with their
light verbs, possessors, of-phrases and prepositional phrases), from accusations and causes, and
from a window of nearby entities without a parser; the argument phrases themselves."""
from __future__ import annotations

from typing import Any, Iterable

from ...doc import labels as L
from .lexicon import ACTOR_TYPES
from .places import find_place
from .state import Event, State

# Quote marks around a name ("компанію «Нафтогаз»"): punctuation, not words of a language.
QUOTES = frozenset("«»\"„“”'‘’")


def phrase(st: State, i: int) -> tuple[int, int]:
    """Character span of the argument phrase headed by i (its pre-modifiers and of-phrase)."""
    if not st.parser:
        for a, b, _ in st.mentions:
            if a <= i < b:
                return st.toks[a].start, st.toks[b - 1].end
        return st.toks[i].start, st.toks[i].end
    lo, hi = i, i
    for c in st.children(i):
        if st.toks[c].dep in (L.PUNCTUATION | L.RELATIVE_CLAUSE | L.ADNOMINAL_CLAUSE | L.APPOSITION | L.CONJUNCT | L.COORDINATOR):
            continue
        if st.toks[c].dep in L.CASE_MARKER:
            continue     # the phrase's own preposition ("with [X]")
        # a prepositional modifier other than an of-phrase ("the explosion [outside the consulate]")
        cases = st.children(c, L.CASE_MARKER)
        if cases and st.toks[c].dep.startswith(L.PREP_OBJECT_UD_PREFIXES) \
                and st.toks[c].dep not in L.POSSESSOR \
                and not any(st.lemma(k) in st.lex.genitive_preps for k in cases):
            continue
        a, b = st.doc.subtree(c)
        lo, hi = min(lo, a), max(hi, b - 1)
    if st.toks[i].pos == "PRON" or st.lemma(i) in st.lex.relativizers:
        lo = hi = i
    return st.toks[lo].start, st.toks[hi].end


def add_args(st: State, ev: Event, role: str, heads: Iterable[int]) -> None:
    target = ev.agents if role == "agent" else ev.patients
    for h in heads:
        if h in range(ev.first, ev.last):
            continue
        ents = st.resolve(h)
        s, e = phrase(st, h)
        ents = [x for x in ents if x not in ev.agents and x not in ev.patients] if role == "patient" else ents
        for x in ents:
            if x not in target and not (role == "agent" and x in ev.patients):
                target.append(x)
        if not any(a["start"] == s and a["role"] == role for a in ev.arguments):
            ev.arguments.append({"role": role, "start": s, "end": e, "text": st.doc.text[s:e],
                                 "entity": ents[0] if ents else None})


def parsed_args(st: State, ev: Event) -> None:
    info = st.lex.type_info(ev.type)
    v = ev.head
    if ev.is_noun:
        noun_args(st, ev, info)
        return
    if st.toks[v].pos == "ADJ":
        # predicative adjective: its subject (or its copula's) undergoes the event
        h = st.head(v)
        if h is not None and st.toks[v].dep in L.PREDICATIVE:
            ev.anchor = h
        add_args(st, ev, "patient", st.surface_subjects(ev.anchor))
        ev.place = find_place(st, ev.anchor) or find_place(st, v)
        return
    passive = st.is_passive(v)
    subjects = st.surface_subjects(v)
    undergoer = st.lemma(v) in st.lex.undergoer_verbs
    add_args(st, ev, "patient" if (passive or undergoer) else "agent", subjects)
    if not subjects and not passive and not undergoer:
        # a nominative the parser took for an object is the subject ("Журналиста задержала ФСБ")
        add_args(st, ev, "agent", [o for o in st.children(v, L.OBJECT)
                                   if st.lex.case_roles["active"].get(st.case(o) or "") == "agent"])
    for p, o in st.prep_objects(v):
        if o == st.head(v):
            continue    # a cycle in the parse ("человеком, осуждённым": the noun is no agent)
        if p in st.lex.agent_preps and passive:
            add_args(st, ev, "agent", [o])
        elif p == "" and passive and st.lex.case_roles["passive"].get(st.case(o) or "") == "agent":
            add_args(st, ev, "agent", [o])   # "задержан полицией"
    if not info.get("intransitive"):
        objs = [o for o in st.children(v, L.OBJECT | L.INDIRECT_OBJECT) if st.lemma(o) not in st.lex.relativizers]
        if st.dep(v) in L.RELATIVE_CLAUSE and st.head(v) is not None and any(
                st.lemma(o) in st.lex.relativizers for o in st.children(v, L.OBJECT)):
            objs.append(st.head(v))
        if st.dep(v) in L.ADNOMINAL_CLAUSE and passive is False and st.toks[v].tag == "VBN" and st.head(v) is not None:
            objs.append(st.head(v))
        if info.get("object_place"):   # "visited Kyiv": the place, not a patient
            for o in list(objs):
                if st.loc(o) and ev.place is None:
                    ev.place = st.loc(o)
                    objs.remove(o)
        add_args(st, ev, "patient", objs)
        pat_preps = st.lex.patient_preps | st.lex.patient_preps_by_type.get(ev.type, set())
        if info.get("accusation"):
            pat_preps = pat_preps - st.lex.accusation_preps
        add_args(st, ev, "patient", [o for p, o in st.prep_objects(v)
                                      if p in pat_preps and (info.get("place_target") or not st.loc(o))
                                      and st.toks[o].pos in L.NOUN_POS | {"PRON"}])
    ev.place = ev.place or find_place(st, v)


def noun_args(st: State, ev: Event, info: dict[str, Any]) -> None:
    span = range(ev.first, ev.last)
    n = ev.head
    # the phrase's top token ("ордер" of "ордер на арест") governs it from outside
    for _ in range(len(span)):
        h = st.head(n)
        if h is None or h not in span:
            break
        n = h
    h = st.head(n)
    # a light verb lends its subject (and its clause: time, modality)
    if h is not None and st.toks[h].pos in L.VERB_POS and st.lemma(h) in st.lex.light_verbs:
        if st.toks[n].dep in L.OBJECT:
            ev.anchor = h
            role = "patient" if st.lemma(h) in st.lex.undergoer_light else "agent"
            if not st.is_passive(h):
                add_args(st, ev, role, st.surface_subjects(h))
        elif st.toks[n].dep in L.PASSIVE_NOMINAL_SUBJECT:
            ev.anchor = h
            add_args(st, ev, "agent", [o for p, o in st.prep_objects(h) if p in st.lex.agent_preps])
    # "spent years under house arrest", "is under investigation": the verb's subject undergoes it
    if h is not None and st.toks[n].dep.startswith(L.PREP_OBJECT_UD_PREFIXES) and any(
            st.lemma(c) in st.lex.undergoer_preps for c in st.children(n, L.CASE_MARKER)):
        ev.anchor = h
        add_args(st, ev, "patient", st.surface_subjects(h))
    # "Gazprom was hit by sanctions", "Syria is covered by the ban": the subject of such a
    # passive verb (``undergoer_passive_verbs``) undergoes the event its agent phrase names
    v = (h if st.toks[n].dep in L.PASSIVE_AGENT or (
            st.toks[n].dep in L.OBLIQUE and not st.children(n, L.CASE_MARKER)
            and st.lex.case_roles["passive"].get(st.case(n) or "") == "agent") else None)
    if v is not None and st.toks[v].pos in L.VERB_POS and st.is_passive(v) \
            and st.keys(v) & st.lex.undergoer_passives:
        add_args(st, ev, "patient", st.children(v, L.PASSIVE_NOMINAL_SUBJECT))
    possessor = info.get("possessor", "agent")
    of_role = info.get("of_role", "patient")
    members = sorted({n, ev.head} | {j for j in span if st.toks[j].pos in L.NOUN_POS})
    for c in [c for m in members for c in st.children(m, L.POSSESSOR)]:
        add_args(st, ev, possessor, [c])
    compounds = [c for m in members for c in st.children(m, L.NOUN_PREMODIFIER)]
    compounds += [g for c in compounds if not st.tok_ent.get(c) for g in st.children(c, L.NOUN_PREMODIFIER)]
    for c in compounds:
        if c in range(ev.first, ev.last) or not st.tok_ent.get(c):
            continue
        etype = st.ent_by_id.get(st.tok_ent[c], {}).get("type")
        if st.loc(c) and ev.place is None:
            ev.place = st.loc(c)
        elif etype in ACTOR_TYPES:
            add_args(st, ev, "agent", [c])
    pat_preps = st.lex.patient_preps | st.lex.patient_preps_by_type.get(ev.type, set())
    if info.get("accusation"):
        pat_preps = pat_preps - st.lex.accusation_preps
    preps = [po for m in members for po in st.prep_objects(m) if po[1] not in span]
    if ev.anchor != ev.head and ev.anchor not in span:
        # "launched an attack on Israel": the light verb's target phrase is the noun's
        preps += [(p, o) for p, o in st.prep_objects(ev.anchor)
                  if p in st.lex.patient_preps | st.lex.patient_preps_by_type.get(ev.type, set())]
    for p, o in preps:
        if p in st.lex.agent_preps:
            add_args(st, ev, "agent", [o])
        elif p == "" and st.lex.case_roles["noun"].get(st.case(o) or "") == "agent":
            add_args(st, ev, "agent", [o])   # "арест активиста полицией"
        elif p in st.lex.genitive_preps or (p == "" and st.case(o) == "Gen"):
            # a bare genitive naming an actor is the agent of some nouns ("санкции ЕС"; not
            # "поддержка выборов"), else of_role
            role = "agent" if p == "" and st.keys(ev.head) & st.lex.genitive_agents \
                and _is_actor(st, st.resolve(o)) else of_role
            if not st.loc(o) and (role == "agent" or not info.get("intransitive")):
                add_args(st, ev, role, [o])
        elif p in pat_preps and (info.get("place_target") or not st.loc(o)) \
                and st.toks[o].pos in L.NOUN_POS | {"PRON"}:
            add_args(st, ev, "patient", [o])
    ev.place = ev.place or find_place(st, n) or (find_place(st, ev.anchor) if ev.anchor != n else None)


def accusation_agents(st: State, events: list[Event]) -> None:
    """"Assad is accused of killings": the accused is the agent of the acts named."""
    by_head = {ev.head: ev for ev in events}
    for ev in events:
        if ev.agents:
            continue
        j, path = ev.head, 0
        while path < 6:
            h = st.head(j)
            if h is None:
                break
            if h in by_head and st.lex.type_info(by_head[h].type).get("accusation"):
                acc = by_head[h]
                if acc.patients:
                    for x in acc.patients:
                        if x not in ev.agents and x not in ev.patients:
                            ev.agents.append(x)
                break
            if st.toks[j].dep not in (L.CONJUNCT | L.APPOSITION | L.PREP_OBJECT_UD) \
                    and st.toks[h].pos != "ADP":
                break
            j, path = h, path + 1


def cause_agents(st: State, events: list[Event]) -> None:
    """"A Russian missile strike killed 12 people": the strike's agents did the killing."""
    by_head = {ev.head: ev for ev in events if ev.is_noun}
    for ev in events:
        if ev.is_noun or ev.agents or st.is_passive(ev.head):
            continue
        for s in st.children(ev.head, (L.SUBJECT | L.EXPLETIVE)):
            cause = by_head.get(s)
            if cause is not None and cause.agents:
                ev.agents.extend(a for a in cause.agents if a not in ev.agents + ev.patients)


def window_args(st: State, ev: Event) -> None:
    """No parser: nearest entity before the trigger (agent) and after it (patient); in a
    language with case roles (``cases`` in events.yml) the entities' case decides."""
    s = st.seg[ev.head]
    before = [(a, b, e) for a, b, e in st.mentions if b <= ev.first and st.seg[a] == s]
    after = [(a, b, e) for a, b, e in st.mentions if a >= ev.last and st.seg[a] == s]
    place = None
    for a, b, e in sorted(before + after, key=lambda m: abs(m[0] - ev.head)):
        if (st.ent_by_id.get(e, {}).get("type") == "LOC" and a > 0
                and st.lemma(a - 1) in st.lex.place_preps):
            place = e
            break
    ev.place = place
    before = [m for m in before if m[2] != place]
    after = [m for m in after if m[2] != place]
    if st.lex.case_roles["active"]:
        _case_args(st, ev, before, after)
        return
    passive = st.is_passive(ev.head)
    undergoer = st.lemma(ev.head) in st.lex.undergoer_verbs
    if before:
        a, b, e = before[-1]
        _window_arg(st, ev, "patient" if (passive or undergoer) else "agent", a, b, e)
    info = st.lex.type_info(ev.type)
    if after and not info.get("intransitive"):
        a, b, e = after[0]
        _window_arg(st, ev, "agent" if passive else "patient", a, b, e)




def _case_view(st: State, a: int, b: int, trigger: range) -> tuple[str | None, int, bool]:
    """A mention's case, the first token of its phrase and whether it only modifies the noun
    before it. The case is that of its first noun; a common noun right before it in the same
    case, or before a quoted name, is its head ("компанію «Нафтогаз»", "активіста Олега
    Петренка"), a noun before it in another case is modified by it ("поліція Львова", "біля
    села Корогод")."""
    own = next((st.case(j) for j in range(a, b) if st.toks[j].pos in L.NOUN_POS and st.case(j)), None)
    j, quoted = a - 1, False
    while j >= 0 and st.seg[j] == st.seg[a] and (not st.toks[j].text.strip() or st.toks[j].text in QUOTES):
        quoted = quoted or st.toks[j].text in QUOTES
        j -= 1
    if j < 0 or st.seg[j] != st.seg[a] or st.toks[j].pos != "NOUN" or st.tok_ent.get(j) \
            or j in trigger or st.lemma(j) in st.lex.prepositions:
        return own, a, False
    head_case = st.case(j)
    if quoted or own is None or head_case == own:
        return head_case or own, j, False
    return own, a, True


def _before(st: State, j: int) -> int:
    """The nearest token before j that is not white space or a quote mark (-1 if none)."""
    k = j - 1
    while k >= 0 and (not st.toks[k].text.strip() or st.toks[k].text in QUOTES):
        k -= 1
    return k


def _case_args(st: State, ev: Event, before: list[tuple[int, int, str]],
               after: list[tuple[int, int, str]]) -> None:
    """Roles from case without a parser (uk): for a verb trigger the case table of its voice
    (nominative agent, accusative / genitive / dative patient; passive: nominative patient,
    instrumental agent), mentions in the trigger's clause (no other finite verb between);
    for an event noun the name right after it (its genitive: the type's role), a patient
    preposition's object after it, and a nominative before it (the subject of its verb:
    agent, patient after "під" / an undergoer verb)."""
    lex = st.lex
    info = lex.type_info(ev.type)
    s = st.seg[ev.head]
    pat_preps = lex.patient_preps | lex.patient_preps_by_type.get(ev.type, set())
    if info.get("accusation"):
        pat_preps = pat_preps - lex.accusation_preps

    def coordinated(j: int) -> bool:
        """Verb j joined to the trigger by a conjunction only ("підвівся та приєднався")."""
        rest = [k for k in range(j + 1, ev.first) if st.toks[k].text.strip()]
        return bool(rest) and all(st.toks[k].pos in ("CCONJ", "PUNCT") for k in rest)

    def verbs_between(lo: int, hi: int) -> list[int]:
        return [j for j in range(lo, hi) if st.toks[j].pos in L.VERB_POS and not st.keys(j) & lex.not_events
                and st.toks[j].feat("VerbForm") != "Inf" and not (hi == ev.first and coordinated(j))]

    chosen: dict[str, tuple[int, int, int, str]] = {}   # role -> (distance, a, b, entity)

    def offer(role: str, dist: int, a: int, b: int, e: str) -> None:
        if role == "patient" and info.get("intransitive"):
            return
        if role not in chosen or dist < chosen[role][0]:
            chosen[role] = (dist, a, b, e)

    for a, b, e in before + after:
        case, start, modifier = _case_view(st, a, b, range(ev.first, ev.last))
        p = _before(st, start)
        prep = st.lemma(p) if p >= 0 and st.seg[p] == s and (
            st.toks[p].pos == "ADP" or st.lemma(p) in lex.prepositions) else None
        is_before = b <= ev.first
        between = verbs_between(b, ev.first) if is_before else verbs_between(ev.last, start)
        dist = ev.first - b if is_before else start - ev.last
        if prep is not None:
            if not is_before and prep in pat_preps and (info.get("place_target") or not st.loc(a)) \
                    and len(between) <= (1 if ev.is_noun else 0):
                offer("patient", dist, a, b, e)
            continue
        if ev.is_noun:
            if not is_before:
                if p == ev.last - 1 and not modifier:   # "санкції ЄС", "арешт активіста X"
                    role = "agent" if st.keys(ev.head) & lex.genitive_agents and _is_actor(st, [e]) \
                        else info.get("of_role", "patient")
                    offer(role, dist, a, b, e)
                elif not between and lex.case_roles["noun"].get(case or "") == "agent":
                    offer("agent", dist, a, b, e)   # "арешт активіста поліцією"
                continue
            if case not in (None, "Nom") or len(between) > 1:
                continue
            q = _before(st, ev.first)
            under = q >= 0 and st.lemma(q) in lex.undergoer_preps
            under = under or any(st.lemma(j) in lex.undergoer_light for j in between)
            offer("patient" if under else "agent", dist, a, b, e)
            continue
        if modifier or between or (is_before and any(
                st.lemma(j) in lex.relativizers for j in range(b, ev.first))):
            continue    # a relative clause's antecedent takes its role from the pronoun
        passive = st.is_passive(ev.head)
        if case is None:    # no case (a Latin name, an acronym): the side decides
            role = ("patient" if passive else "agent") if is_before else ("patient" if not passive else None)
        else:
            role = lex.case_roles["passive" if passive else "active"].get(case)
        if role == "agent" and not passive and st.lemma(ev.head) in lex.undergoer_verbs:
            role = "patient"
        if role:
            offer(role, dist, a, b, e)
    if not ev.is_noun:
        _relative_antecedent(st, ev, before, offer)
    for role in ("agent", "patient"):
        if role in chosen:
            _, a, b, e = chosen[role]
            if role == "patient" and e in ev.agents:
                continue
            _window_arg(st, ev, role, a, b, e)


def _is_actor(st: State, ents: list[str]) -> bool:
    return any(st.ent_by_id.get(e, {}).get("type") in ACTOR_TYPES for e in ents)


def _relative_antecedent(st: State, ev: Event, before: list[tuple[int, int, str]], offer) -> None:
    """"Де Клерк, ..., який звільнив": a relative pronoun right before the trigger stands for
    the nearest name before it, in the role its case gives."""
    k = _before(st, ev.first)
    while k >= 0 and st.toks[k].pos in ("ADV", "PART"):
        k = _before(st, k)
    if k < 0 or st.seg[k] != st.seg[ev.head] or st.lemma(k) not in st.lex.relativizers:
        return
    cands = [m for m in before if m[1] <= k]
    if not cands:
        return
    a, b, e = cands[-1]
    voice = "passive" if st.is_passive(ev.head) else "active"
    role = st.lex.case_roles[voice].get(st.case(k) or "Nom")
    if role:
        offer(role, -1, a, b, e)


def _window_arg(st: State, ev: Event, role: str, a: int, b: int, e: str) -> None:
    target = ev.agents if role == "agent" else ev.patients
    if e not in ev.agents and e not in ev.patients:
        target.append(e)
    s, t = st.toks[a].start, st.toks[b - 1].end
    ev.arguments.append({"role": role, "start": s, "end": t, "text": st.doc.text[s:t], "entity": e})
