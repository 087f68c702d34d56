"""Definite descriptions and pronouns resolved to earlier entities (part of ``Resolution``).

In text order: "the agency" -> a recent organisation, "the former president" -> a person with
that title, he/his/him/she/her -> a recent person of a compatible gender, preferring subjects.
"""
from __future__ import annotations

from ...doc import labels as L

from .mentions import Mention, _lower


class References:
    """Pronoun and description antecedents."""

    def resolve_references(self) -> None:
        """Definite descriptions and pronouns, in text order."""
        doc, toks, ents = self.doc, self.doc.tokens, self.entities
        by_tok = self.tok_mention
        new: list[Mention] = []
        recent: list[Mention] = []  # every resolved mention so far, in order
        body: list[Mention] = []    # the body's antecedents: mentions outside captions and
        # credits, and those in them of an entity the body names too (not a photographer's credit)
        named_in_body = {m.entity for m in self.mentions
                         if m.kind == "name" and not self.in_furniture(m.start, m.end)}
        names_sorted = sorted(self.mentions, key=lambda m: m.first)
        ni = 0
        self._title_index = None        # title word -> entities with it, built when first needed
        count: list[int] = [0] * len(ents)
        for t in toks:
            while ni < len(names_sorted) and names_sorted[ni].first <= t.i:
                m = names_sorted[ni]
                recent.append(m)
                if m.entity in named_in_body or not self.in_furniture(m.start, m.end):
                    body.append(m)
                count[m.entity] += 1
                ni += 1
            if t.i in by_tok:
                continue
            low = _lower(t)
            seen = recent if self.in_furniture(t.start, t.end) else body
            pro = self.pronouns.get(low)
            if pro is not None and t.pos == "PRON":
                e = self._pronoun_antecedent(t, pro, seen)
                if e is not None:
                    m = Mention(t.start, t.end, t.i, t.i + 1, "PERSON", "pron", t.text, e)
                    g = pro.get("gender")
                    if g:
                        ents[e].votes[g] = ents[e].votes.get(g, 0) + 1
                    new.append(m)
                    recent.append(m)
                    if seen is body or e in named_in_body:
                        body.append(m)
                    by_tok[t.i] = m
                continue
            if t.pos != "NOUN" or not doc.has_parser:
                continue
            typ = self.desc_types.get(t.lemma.casefold()) or self.desc_types.get(low)
            if typ is None and t.lemma.casefold() in self.title_words:
                typ = "PERSON"
            if typ is None:
                continue
            dets = [c for c in self.ix.children(t.i, L.DETERMINER) if _lower(toks[c]) in self.articles]
            if not dets or t.dep in L.COMPOUND | L.APPOSITION:
                continue
            if any(c in by_tok for c in self.ix.children(t.i, L.APPOSITION)) or \
                    any(toks[c].dep in L.RELATIVE_CLAUSE | L.ADNOMINAL_CLAUSE
                        or toks[c].dep in L.PREP_OBJECT_UD and self.ix.children(c, L.CASE_MARKER)
                        for c in self.ix.children(t.i)):
                continue
            if any(c in by_tok for c in self.ix.children(t.i, L.COMPOUND | L.POSSESSOR | L.ADJECTIVAL_MODIFIER)):
                continue  # "the Reuters agency", "Assad's cousin": not a bare description
            e = self._description_antecedent(t, typ, seen, count)
            if e is None:
                continue
            lo = min(dets)
            m = Mention(toks[lo].start, t.end, lo, t.i + 1, typ, "desc", doc.text[toks[lo].start:t.end], e)
            new.append(m)
            recent.append(m)
            if seen is body or e in named_in_body:
                body.append(m)
            count[e] += 1
            for i in range(lo, t.i + 1):
                by_tok[i] = m
            if typ == "PERSON":
                _, _, title = self._np_text(lo, t.i + 1)
                words = title.split()
                if words and words[0].casefold() in self.articles:
                    title = " ".join(words[1:])
                ents[e].add_title(title)
                if self._title_index is not None:
                    for w in title.casefold().split():
                        self._title_index.setdefault(w, set()).add(e)
        for m in new:
            ents[m.entity].mentions.append(m)
        self.mentions.extend(new)

    def _clause_subjects(self, i: int) -> set[int]:
        """Entities that are the subject of the clause containing token i."""
        toks = self.doc.tokens
        if not self.doc.has_parser:
            return set()
        j, hops = i, 0
        while hops < 6 and toks[j].pos not in ("VERB", "AUX") and toks[j].head != j:
            j = toks[j].head
            hops += 1
        out = set()
        for c in self.ix.children(j, L.SUBJECT | L.PASSIVE_NOMINAL_SUBJECT):
            m = self.tok_mention.get(c)
            if m is not None:
                out.add(m.entity)
        return out

    def _pronoun_antecedent(self, t, pro: dict, recent: list[Mention]) -> int | None:
        toks, ents = self.doc.tokens, self.entities
        sent = t.sent
        gender = pro.get("gender")
        kind = pro.get("kind")
        excluded = self._clause_subjects(t.i) if kind == "obj" else set()

        def ok(m: Mention) -> bool:
            if m.type != "PERSON" or m.entity in excluded:
                return False
            ent = ents[m.entity]
            if gender is None:
                return True
            if ent.gender is not None:
                return ent.gender == gender
            other = sum(v for k, v in ent.votes.items() if k != gender)
            # a person earlier called "he" twice (and never "she") is not "she" now
            return not (other >= 2 and ent.votes.get(gender, 0) * 3 < other)

        cands = []
        for m in reversed(recent):          # only the last three sentences: linear overall
            if toks[m.first].sent < sent - 2:
                break
            if ok(m):
                cands.append(m)
        if not cands:
            return None
        if kind == "refl":
            subj = self._clause_subjects(t.i)
            for m in cands:
                if m.entity in subj:
                    return m.entity
        subj_deps = L.SUBJECT | L.PASSIVE_NOMINAL_SUBJECT
        same = [m for m in cands if toks[m.first].sent == sent]
        for m in same:
            h = self.ix.head_of(m.first, m.last)
            if toks[h].dep in subj_deps:
                return m.entity
        for back in (1, 2):
            prev = [m for m in cands if toks[m.first].sent == sent - back]
            for m in reversed(prev):   # earliest subject of that sentence
                h = self.ix.head_of(m.first, m.last)
                if toks[h].dep in subj_deps:
                    return m.entity
            if same:
                return same[0].entity
            if prev:
                return prev[0].entity
        return cands[0].entity

    def _description_antecedent(self, t, typ: str, recent: list[Mention], count: list[int]) -> int | None:
        toks, ents = self.doc.tokens, self.entities
        sent = t.sent
        lemma = t.lemma.casefold()
        window = []
        for m in reversed(recent):
            if toks[m.first].sent < sent - self.window:
                break
            if m.type == typ:
                window.append(m)
        if typ == "PERSON":
            if self._title_index is None:
                self._title_index = {}
                for e, ent in enumerate(ents):
                    for ti in ent.titles:
                        for w in ti.casefold().split():
                            self._title_index.setdefault(w, set()).add(e)
            titled = sorted(e for e in self._title_index.get(lemma, ())
                            if ents[e].type == "PERSON" and count[e] > 0)
            if titled:
                return max(titled, key=lambda e: count[e])
            excluded = self._clause_subjects(t.i) if t.dep not in L.SUBJECT | L.PASSIVE_NOMINAL_SUBJECT else set()
            cands = [m.entity for m in window if m.entity not in excluded]
            if not cands:
                return None
            return max(dict.fromkeys(cands), key=lambda e: count[e])
        if typ == "LOC" and self.gazetteer is not None and window:
            # "the country" is a country, "the city" is not
            want_country = lemma in self.country_nouns
            window = [m for m in window if self._is_country(m.entity) == want_country]
        if not window:
            return None
        return window[0].entity

    def _is_country(self, e: int) -> bool:
        names = {m.base or m.text for m in self.entities[e].mentions if m.kind == "name"}
        for n in names:
            place = self.gazetteer.lookup(n)
            if place is not None:
                return place.kind == "country"
        return False
