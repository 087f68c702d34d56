"""How sure an event is: negated, conditional, hypothetical, alleged, proposed, planned, hoped,
reported or asserted, from the words governing the trigger (or before it without a parser) and
from the claims whose content holds it."""
from __future__ import annotations

from ..spans import SpanIndex
from ...doc import labels as L
from .state import Event, State


def modality_of(st: State, ev: Event) -> str:
    found = parsed_modality(st, ev) if st.parser else window_modality(st, ev)
    if found:
        return found
    if in_attributed_claim(st, ev):
        return "reported"
    return "asserted"


def _level_cues(st: State, j: int, negation_ok: bool, event: int = -1) -> str | None:
    lex = st.lex
    # the consequent of a condition: a clause under "if"/"unless" hangs on this word
    cond = any(st.toks[c].dep in L.ADVERBIAL_CLAUSE and any(st.keys(m) & lex.conditional
                                                for m in st.children(c, L.MARKER))
               for c in st.children(j))
    for c in st.children(j):
        dep = st.toks[c].dep
        keys = st.keys(c)
        if negation_ok and (dep in (L.ADVERBIAL | L.DETERMINER | L.PARTICLE) and keys & lex.negation
                                          and st.toks[c].pos in ("PART", "ADV")):
            return "negated"
        if dep in L.MARKER and keys & lex.conditional:
            return "conditional"
        if dep in L.MARKER and keys & lex.hyp_marks:
            return "hypothetical"
        if dep in (L.AUXILIARY | L.PASSIVE_AUXILIARY | L.COPULA) and keys & lex.hypothetical:
            return "hypothetical"
        if dep in (L.AUXILIARY | L.PASSIVE_AUXILIARY | L.COPULA) and keys & lex.planned:
            return "conditional" if cond else "planned"
        if dep in L.ADVERBIAL and keys & lex.reported_adverbs:
            return "reported"
        # "..., Reuters reports" (UD parataxis), "..., according to Reuters"
        if dep in L.PARATAXIS and keys & lex.reported and st.toks[c].i != j:
            return "reported"
        # "according to X" reports what its head says, not what X itself names ("according to
        # the law on pension changes")
        if dep in L.PREP_OBJECT_UD and any(st.keys(k) & lex.reported
                                           for k in st.children(c, L.CASE_MARKER)) \
                and not st.tree.subtree(c)[0] <= event < st.tree.subtree(c)[1]:
            return "reported"
    return "conditional" if cond else None


def _phrase_ends_at(st: State, j: int, phrases: list[tuple[str, ...]]) -> bool:
    """Does one of the phrases end at token j ("в случае", "у разі", "in case")?"""
    for words in phrases:
        start = j - len(words) + 1
        if start >= 0 and all(st.seg[start + k] == st.seg[j]
                              and words[k] in st.keys(start + k) for k in range(len(words))):
            return True
    return False


def _governor_cue(st: State, g: int) -> str | None:
    keys = st.keys(g)
    lex = st.lex
    if keys & lex.negating:
        return "negated"
    if keys & lex.hoped:
        return "hoped"
    if keys & lex.alleged:
        return "alleged"
    if keys & lex.proposed or (st.toks[g].pos in L.NOUN_POS and keys & lex.proposed_nouns):
        return "proposed"
    if _phrase_ends_at(st, g, lex.conditional_phrases):
        return "conditional"
    if keys & lex.planned:
        return "planned"
    if keys & lex.reported:
        return "reported"
    return None


def parsed_modality(st: State, ev: Event) -> str | None:
    j = ev.head
    negation_ok = True
    for _ in range(8):
        cue = _level_cues(st, j, negation_ok, ev.head)
        if cue:
            return cue
        h = st.head(j)
        if h is None:
            # a second root of the sentence that reports ("..., сообщает Reuters")
            seg = st.seg[j]
            if any(st.seg[k] == seg and k != j and st.head(k) is None
                   and st.toks[k].pos in L.VERB_POS and st.keys(k) & st.lex.reported
                   for k in range(max(0, j - 60), min(len(st.toks), j + 60))):
                return "reported"
            return None
        dep = st.toks[j].dep
        infinitive = st.toks[j].feat("VerbForm") == "Inf" or any(
            st.keys(c) & st.lex.inf_markers for c in st.children(j, (L.AUXILIARY | L.PASSIVE_AUXILIARY | L.COPULA) | L.MARKER))
        if dep in L.CONJUNCT:
            j = h
            continue
        # an infinitival relative is a complement of its noun ("a bill to ban")
        if dep in (L.OBJECT | L.PREP_OBJECT_UD | L.CASE_MARKER | L.OPEN_COMPLEMENT | L.ADVERBIAL_CLAUSE | L.CLAUSAL_COMPLEMENT | L.APPOSITION | L.ADNOMINAL_CLAUSE) \
                or (dep in L.RELATIVE_CLAUSE and infinitive) or st.toks[h].pos == "ADP":
            if st.toks[h].pos != "ADP":
                if dep in L.CLAUSAL_COMPLEMENT:
                    # only a reporting governor colours a clausal complement
                    return "reported" if st.keys(h) & st.lex.reported else None
                # a clause after a preposition ("accused of killing": UD advcl with the
                # preposition as its mark) is its governor's complement; other adverbial
                # clauses ("after ...", "when ...") are not coloured by it
                if dep in L.ADVERBIAL_CLAUSE and not infinitive and not any(
                        st.toks[m].pos == "ADP" for m in st.children(j, L.MARKER)):
                    return None
                cue = _governor_cue(st, h)
                if cue == "negated" and not (dep in L.OPEN_COMPLEMENT or infinitive):
                    cue = None
                if cue:
                    return cue
                if infinitive and dep in (L.OPEN_COMPLEMENT | L.ADVERBIAL_CLAUSE) and not (st.keys(h) & st.lex.implicative):
                    return "planned"
                if ev.is_noun and dep in L.OBJECT and st.lemma(h) not in st.lex.light_verbs:
                    return None
                negation_ok = dep in L.OPEN_COMPLEMENT or (dep in L.OBJECT and ev.is_noun) or infinitive
            else:
                negation_ok = False
            j = h
            continue
        return None
    return None


def window_modality(st: State, ev: Event) -> str | None:
    lex = st.lex
    s = st.seg[ev.head]
    lo = ev.first
    start = lo
    while start > 0 and st.seg[start - 1] == s:
        start -= 1
    # a condition opened earlier in the sentence ("Якщо ..., армія атакуватиме"), unless the
    # trigger is negated right before it
    if any(st.keys(j) & lex.conditional for j in range(start, lo)) and not any(
            st.keys(j) & lex.negation for j in range(max(start, lo - 2), lo)):
        return "conditional"
    for k in range(1, 5):
        j = lo - k
        if j < 0 or st.seg[j] != s:
            break
        keys = st.keys(j)
        if k <= 2 and keys & lex.negation:
            return "negated"
        if keys & lex.negating:
            return "negated"
        if keys & lex.conditional or _phrase_ends_at(st, j, lex.conditional_phrases):
            return "conditional"
        if keys & lex.hyp_marks or keys & lex.hypothetical:
            return "hypothetical"
        if keys & lex.hoped:
            return "hoped"
        if keys & lex.alleged:
            return "alleged"
        if keys & lex.proposed or keys & lex.proposed_nouns:
            return "proposed"
        if keys & lex.planned:
            return "planned"
        if keys & lex.reported_adverbs:
            return "reported"
    return None


def in_attributed_claim(st: State, ev: Event) -> bool:
    if st.claimed_spans is None:           # contents of claims someone else made, built once
        outlet = (st.doc.outlet or "").casefold()
        spans = []
        for c in st.claims:
            content = c.get("content") or {}
            try:
                span = (int(content["start"]), int(content["end"]))
            except (KeyError, TypeError, ValueError):
                continue
            src = c.get("source") or {}
            if src.get("kind") == "unattributed":
                continue
            if outlet and (src.get("text") or "").casefold() == outlet:
                continue
            spans.append(span)
        st.claimed_spans = SpanIndex(spans)
    return bool(st.claimed_spans.containing(st.toks[ev.head].start))
