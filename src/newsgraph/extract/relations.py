"""Relations between entities, with the sentence that states them as evidence.

Rules over the dependency parse, with the word lists in ``lang/data/<lang>/relations.yml``:
- descriptor nouns attached to a name (apposition, copula, "who was" clause, pre-modifier;
  found by ``actors.Resolution.descriptors``) whose possessor / "of"-object / compound is
  another entity: "Makhlouf, Assad's cousin" -> cousin_of; "a childhood friend of X" ->
  friend_of; "spokesman for X", "Kremlin spokesman Y" -> works_for; "head of X" -> leader_of;
- unnamed kin ("his brother") when exactly one other person in the article shares the
  possessor's surname -> sibling_of / parent_of / child_of;
- located_in: "City, Country"; a group/organisation/place "in" a place ("Alawites in Syria");
  a person's exile/home/... "in" a place ("his exile in Moscow");
- nationality (and leader_of for head-of-state titles without "former") from a demonym in a
  person's title that names a country mentioned in the article ("Syrian President X").

One rule set reads two label schemes: English spaCy's ClearNLP labels (poss, prep + pobj,
compound) and Universal Dependencies from natasha (ru: nmod:poss, a genitive nmod, nmod/obl with
a case-marking preposition): the descriptor rules see the labels only through
``possessors``, ``prep_objects`` and ``compounds``. Without a parser (uk), or where the language's data asks for it
(``window: true``), the same descriptor nouns are also read from the word order and the cases
morphology gives: "X, його двоюрідний брат Y", "Y, двоюродный брат X-gen", "речник Кремля Y",
"X є членом партії «Z»"; a possessive pronoun stands for the nearest earlier person of its
gender. Every word (nouns, prepositions, pronouns, copulas) is in ``relations.yml``.
"""
from __future__ import annotations

from typing import Any

from ..doc import labels
from .actors import Mention, Resolution, _lower
from .base import Extractor
from .gazetteer import Gazetteer


def _resolution_from_entities(doc, entities: list[dict]) -> Resolution:
    """The actors' Resolution over the record's entities, its mentions taken from the document's
    one mention index (their token ranges included)."""
    res = Resolution(doc, doc.data["actors"], doc.data["titles"])
    ner = {(sp.start, sp.end) for sp in doc.ner}
    names_of: dict[int, set[str]] = {}
    for ref in doc.mention_index(entities).entries:
        first, last = ref.first, ref.last
        if last <= first:
            continue
        names = names_of.get(ref.n)
        if names is None:
            ent = entities[ref.n]
            names = names_of[ref.n] = {ent["name"].casefold(),
                                       *(a.casefold() for a in ent.get("aliases", []))}
        m = ref.mention
        text = m.get("text", "")
        if last - first == 1 and text.casefold() in res.pronouns:
            kind = "pron"
        elif text.casefold() in names or all(t.pos in ("PROPN", "PUNCT") for t in doc.tokens[first:last]) \
                or (m["start"], m["end"]) in ner:     # an inflected name: "Сирії" of "Сирія"
            kind = "name"
        else:
            kind = "desc"
        res.mentions.append(Mention(m["start"], m["end"], first, last, ref.type, kind, text, ref.n))
    # a token belongs to the name that covers it before any description around it
    # ("Assad's cousin": "Assad" is Assad's, "cousin" Makhlouf's)
    for mention in sorted(res.mentions, key=lambda m: (m.kind != "name", m.last - m.first)):
        for i in range(mention.first, mention.last):
            res.tok_mention.setdefault(i, mention)
    res.mentions.sort(key=lambda m: m.start)
    return res


class RelationExtractor(Extractor):
    name = "relations"
    requires = ("entities",)
    assigns = ("relations",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        entities = parts.get("entities", [])
        if len(entities) < 2:
            return {"relations": []}
        return {"relations": Relations(self.resources, doc, entities).run()}


def _schema() -> dict:
    """The language-independent predicate schema, ``lang/data/relations.yml``."""
    from ..lang.data_loader import shared_data

    return shared_data("relations") or {}


# Dependency-role groups of the two schemes the rules read (ClearNLP from English spaCy, UD from
# natasha), named in doc/labels.py: a noun's possessor, a prepositional object and the
# preposition marking it.
_POSS = labels.POSSESSOR
_NMOD = labels.NOUN_MODIFIER      # UD: "брат Иванова" (genitive nmod), "его брат" (det/nmod pronoun)
_PREP_OBJ = labels.PREP_OBJECT_UD  # UD: the object, with the preposition as its `case` child
_OPENING = ("«", '"', "„", "“")
_CLOSING = ("»", '"', "“", "”")


class Relations:
    def __init__(self, resources, doc, entities: list[dict]) -> None:
        self.resources = resources
        self.doc = doc
        self.entities = entities
        schema = resources.shared("relation_schema", _schema)
        lang = doc.data["relations"] or {}
        self.conf = {**schema, **lang}
        self.nouns = {k.casefold(): v for k, v in (self.conf.get("nouns") or {}).items()}
        self.objects = self.conf.get("objects") or {}
        self.subjects = self.conf.get("subjects") or {}
        self.symmetric = set(self.conf.get("symmetric") or [])
        self.shared_surname = {w.casefold() for w in self.conf.get("shared_surname") or []}
        self.object_preps = {w.casefold() for w in self.conf.get("object_preps") or []}
        self.located_nouns = {w.casefold() for w in self.conf.get("located_nouns") or []}
        self.leader_mods = {w.casefold() for w in self.conf.get("leader_modifiers") or []}
        self.leader_titles = {w.casefold() for w in self.conf.get("leader_titles") or []}
        self.former = {w.casefold() for w in self.conf.get("former_words") or []}
        self.location_preps = {w.casefold() for w in self.conf.get("location_preps") or []}
        self.possessives = {k.casefold(): v for k, v in (self.conf.get("possessives") or {}).items()}
        self.copulas = {w.casefold() for w in self.conf.get("copulas") or []}
        self.from_preps = {w.casefold() for w in self.conf.get("from_preps") or []}
        self.role_preds = set(self.conf.get("role_predicates") or [])
        self.window = bool(self.conf.get("window")) or not doc.has_parser
        self.res = _resolution_from_entities(doc, entities)
        self.ix = doc.tree              # the document's one dependency tree
        self.out: list[dict] = []
        self.seen: set[tuple[str, str, str]] = set()
        self._gaz: Gazetteer | None = None

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = self.resources.shared("gazetteer", Gazetteer)
        return self._gaz

    # -- helpers ---------------------------------------------------------------------------------
    def ent_at(self, i: int) -> int | None:
        m = self.res.tok_mention.get(i)
        return m.entity if m is not None else None

    def etype(self, e: int) -> str:
        return self.entities[e]["type"]

    def add(self, s: int | None, pred: str, o: int | None, tok: int) -> None:
        if s is None or o is None or s == o or not pred:
            return
        allowed = self.objects.get(pred)
        if allowed and self.etype(o) not in allowed:
            return
        allowed = self.subjects.get(pred, self.subjects.get("default"))
        if allowed and self.etype(s) not in allowed:
            return
        sid, oid = self.entities[s]["id"], self.entities[o]["id"]
        key = (sid, pred, oid)
        if key in self.seen or (pred in self.symmetric and (oid, pred, sid) in self.seen):
            return
        self.seen.add(key)
        sent = self.doc.sentences[self.doc.tokens[tok].sent]
        self.out.append({"subject": sid, "predicate": pred, "object": oid,
                         "evidence": {"start": sent.start, "end": sent.end}})

    # -- the parse, whichever label scheme ----------------------------------------------------------
    def possessors(self, head: int) -> list[int]:
        """Possessors of a noun: ClearNLP/UD poss ("Assad's cousin", "his brother"), UD genitive
        nmod without a preposition ("брат Иванова") and a possessive pronoun ("его брат")."""
        toks = self.doc.tokens
        out = list(self.ix.children(head, _POSS))
        for c in self.ix.children(head, _NMOD):
            t = toks[c]
            if _lower(t) in self.possessives or (
                    t.pos in ("NOUN", "PROPN") and t.feat("Case") == "Gen"
                    and not self.ix.children(c, labels.CASE_MARKER)):
                out.append(c)
        return out

    def prep_objects(self, head: int) -> list[tuple[str, int]]:
        """(preposition, object token) pairs: ClearNLP prep -> pobj; UD nmod/obl with a case child."""
        toks = self.doc.tokens
        out: list[tuple[str, int]] = []
        for o in self.ix.children(head, _PREP_OBJ):
            for c in self.ix.children(o, labels.CASE_MARKER):
                out.append((_lower(toks[c]), o))
        return out

    def compounds(self, head: int) -> list[int]:
        return self.ix.children(head, labels.COMPOUND)

    def owner(self, tok: int, exclude: int | None = None) -> int | None:
        """The entity a token stands for: its mention's, or a possessive pronoun's antecedent."""
        e = self.ent_at(tok)
        if e is None and _lower(self.doc.tokens[tok]) in self.possessives:
            e = self.antecedent(tok, exclude)
        return e

    def antecedent(self, tok: int, exclude: int | None = None) -> int | None:
        """A possessive pronoun's person (uk/ru, which have no pronoun mentions): the nearest
        earlier named person of the pronoun's gender, in its sentence or the two before."""
        toks = self.doc.tokens
        gender = (self.possessives.get(_lower(toks[tok])) or {}).get("gender")
        sent = toks[tok].sent
        cands: list[int] = []
        for m in reversed(self.res.mentions):
            if m.first >= tok or m.kind != "name" or m.type != "PERSON" or m.entity == exclude:
                continue
            if toks[m.first].sent < sent - 2:
                break
            if (gender is None or self.gender(m.entity) in (None, gender)) and m.entity not in cands:
                cands.append(m.entity)
        if gender is not None:      # a person known to be of the pronoun's gender before the unknown
            cands.sort(key=lambda e: self.gender(e) != gender)
        if exclude is not None and len(self.entities[exclude]["name"].split()) >= 2:
            # "його донька Єлізавета Корнієць": a person of her surname before the nearest one
            key = self.res.surname_key(self.entities[exclude]["name"])
            for e in cands:
                if len(self.entities[e]["name"].split()) >= 2 and self.res.surname_key(self.entities[e]["name"]) == key:
                    return e
        return cands[0] if cands else None

    def gender(self, e: int) -> str | None:
        """A person's gender from the morphology of their given name, counted only where it is
        read in the nominative (a dictionary without the name guesses other cases and genders)."""
        toks = self.doc.tokens
        votes = {}
        for m in self.res.mentions:
            if m.entity == e and m.kind == "name" and toks[m.first].feat("Case") == "Nom":
                g = {"Masc": "m", "Fem": "f"}.get(toks[m.first].feat("Gender") or "")
                if g:
                    votes[g] = votes.get(g, 0) + 1
        return max(votes, key=votes.get) if len(votes) == 1 else None

    def noun_object(self, head: int) -> int | None:
        """The entity a descriptor noun relates to: possessor, of/for-object, compound."""
        for c in self.possessors(head):
            e = self.owner(c)
            if e is not None:
                return e
        for prep, o in self.prep_objects(head):
            if prep not in self.object_preps:
                continue
            e = self.ent_at(o)
            if e is not None:
                return e
            for a in self.ix.children(o, labels.APPOSITION):
                e = self.ent_at(a)
                if e is not None:
                    return e
            for c in self.ix.children(o, labels.COMPOUND | labels.POSSESSOR):   # "member of the Tesla board"
                e = self.ent_at(c)
                if e is not None and self.etype(e) != "PERSON":
                    return e
        for c in self.compounds(head):
            e = self.ent_at(c)
            if e is not None:
                return e
        return None

    def predicate(self, head: int) -> str | None:
        """The predicate of a descriptor noun: a two-word entry first ("двоюродный брат":
        the adjective's and the noun's lemmas), then the noun's lemma or word."""
        toks = self.doc.tokens
        t = toks[head]
        if head > 0 and toks[head - 1].pos == "ADJ":
            pred = self.nouns.get(f"{toks[head - 1].lemma.casefold()} {t.lemma.casefold()}")
            if pred:
                return pred
        return self.nouns.get(t.lemma.casefold()) or self.nouns.get(_lower(t))

    # -- rules -----------------------------------------------------------------------------------
    def descriptor_relations(self) -> None:
        toks = self.doc.tokens
        for m, head, lo, hi, how in self.res.descriptors():
            if how == "premod":
                self.premod_relations(m, lo, hi)
                continue
            pred = self.predicate(head)
            if pred:
                mods = {_lower(toks[c]) for c in self.ix.children(head, labels.ADJECTIVAL_MODIFIER | labels.COMPOUND)}
                if mods & self.leader_mods:
                    pred = "leader_of"
                self.add(m.entity, pred, self.noun_object(head), head)

    def premod_relations(self, m: Mention, lo: int, hi: int) -> None:
        toks = self.doc.tokens
        words = {_lower(toks[i]) for i in range(lo, hi)}
        # without a parser the title run is only a window before the name: its nouns are read by
        # window_relations, which checks case and chains ("заступником голови X Ющенка")
        for i in (range(lo, hi) if self.doc.has_parser else ()):
            pred = self.nouns.get(toks[i].lemma.casefold())
            if pred:
                for j in range(lo, hi):
                    e = self.ent_at(j)
                    if e is not None and e != m.entity and self.etype(e) in ("ORG", "LOC", "GROUP"):
                        if self.etype(e) != "GROUP":
                            self.add(m.entity, pred, e, i)
        for j in range(lo, hi):
            e = self.ent_at(j)
            if e is None or self.etype(e) != "GROUP":
                continue
            code = self.gaz.country_of_demonym(toks[j].text)
            country = self.country_entity(code)
            if country is None:
                continue
            self.add(m.entity, "nationality", country, j)
            if words & self.leader_titles and not words & self.former:
                self.add(m.entity, "leader_of", country, j)

    def country_entity(self, code: str | None) -> int | None:
        if not code:
            return None
        for n, ent in enumerate(self.entities):
            geo = ent.get("geo")
            if ent["type"] == "LOC" and geo and geo.get("country") == code:
                place = self.gaz.lookup(ent["name"])
                if place is not None and place.kind == "country":
                    return n
        return None

    def kin_by_surname(self) -> None:
        toks = self.doc.tokens
        persons = [n for n, e in enumerate(self.entities) if e["type"] == "PERSON"]
        if len(persons) < 2:
            return
        keys = {n: self.res.surname_key(self.entities[n]["name"]) for n in persons
                if len(self.entities[n]["name"].split()) >= 2}
        for t in toks:
            lemma = t.lemma.casefold()
            if t.pos != "NOUN" or lemma not in self.shared_surname or t.dep in labels.APPOSITION or bool(self.ix.children(t.i, labels.COPULA)):
                continue
            if t.i in self.res.tok_mention or self.ix.children(t.i, labels.APPOSITION) or t.feat("Number") == "Plur":
                continue
            owner = None
            for c in self.possessors(t.i):
                owner = self.owner(c)
            if owner is None and self.window:     # no parse: a possessive pronoun before it
                j = t.i - 1
                while j >= 0 and toks[j].pos == "ADJ":
                    j -= 1
                if j >= 0 and _lower(toks[j]) in self.possessives:
                    owner = self.antecedent(j)
            if owner is None or self.etype(owner) != "PERSON" or owner not in keys:
                continue
            same = [n for n in keys if n != owner and keys[n] == keys[owner]]
            if len(same) == 1:
                self.add(same[0], self.nouns.get(lemma), owner, t.i)

    def located(self) -> None:
        toks = self.doc.tokens
        ms = [m for m in self.res.mentions if m.kind == "name"]
        # "City, Country"
        for a, b in zip(ms, ms[1:]):
            if a.type == "LOC" and b.type == "LOC" and b.first == a.last + 1 and toks[a.last].text == ",":
                pa, pb = self.place(a.entity), self.place(b.entity)
                if pa is not None and pb is not None and pb.kind in ("country", "region") and \
                        pa.kind != "country" and (pa.country == pb.country or pb.country is None):
                    self.add(a.entity, "located_in", b.entity, a.first)
        if self.window:
            self.located_window()
        # "X in Place", "his exile in Place"
        for t in toks:
            # UD: the preposition is the case marker of its object, the object hangs on the head
            if t.dep not in labels.CASE_MARKER or _lower(t) not in self.location_preps:
                continue
            obj = t.head
            if obj == t.i or toks[obj].dep not in labels.PREP_OBJECT_UD or self.ent_at(obj) is None:
                continue
            place = self.ent_at(obj)
            if self.etype(place) != "LOC":
                continue
            head = toks[obj].head
            subj = self.ent_at(head)
            if subj is not None and self.etype(subj) in ("ORG", "GROUP", "LOC") and toks[head].pos in ("NOUN", "PROPN"):
                self.add(subj, "located_in", place, t.i)
                continue
            if toks[head].lemma.casefold() in self.located_nouns:
                for c in self.possessors(head):
                    owner = self.owner(c)
                    if owner is not None and self.etype(owner) in ("PERSON", "ORG", "GROUP"):
                        self.add(owner, "located_in", place, t.i)

    # -- word order and case (no parser needed) ----------------------------------------------------
    def window_relations(self) -> None:
        """Descriptor nouns read from word order and case: the phrase is [possessive pronoun]
        [adjectives] NOUN [genitive words and names]; the person it describes is the name right
        before it and a comma (apposition), the name right after it (pre-modifier), or the name
        before a copula ("є", "является", a dash) before it; the other side is the genitive name
        in the phrase or the possessive pronoun's antecedent."""
        toks = self.doc.tokens
        for t in toks:
            # a capitalised descriptor at a line's start may be tagged PROPN ("Президент США ...")
            if t.pos not in ("NOUN", "PROPN") or t.i in self.res.tok_mention:
                continue
            pred = self.predicate(t.i)
            if not pred:
                continue
            lo, pron = t.i, None
            while lo > 0 and toks[lo - 1].sent == t.sent:
                prev = toks[lo - 1]
                if _lower(prev) in self.possessives and pron is None:
                    pron = lo - 1
                elif prev.pos != "ADJ" or lo - 1 in self.res.tok_mention:
                    break
                lo -= 1
            if lo > 0 and toks[lo - 1].pos == "NOUN" and self.predicate(lo - 1):
                continue            # "заступника директора X": the deputy is described, not the director
            obj, hi, inner = self.genitive_object(t.i + 1, t.sent, t.feat("Case"))
            if inner is not None:
                # "радник голови ДФС", "брат дружини X": a role through a role is still work for
                # the organisation; kin through anyone is no relation
                if pred not in self.role_preds or self.predicate(inner) not in self.role_preds:
                    continue
                pred = "works_for"
            subj = self.described_person(lo, hi, t.sent, t.feat("Case"))
            if subj is None or self.etype(subj) != "PERSON":
                continue
            if obj is None and pron is not None:
                obj = self.antecedent(pron, exclude=subj)
            self.add(subj, pred, obj, t.i)

    def genitive_object(self, k: int, sent: int, case: str | None = None) -> tuple[int | None, int, int | None]:
        """The name a descriptor noun governs, reading right from token k: genitive words ("партії",
        "правления") and quotes are passed; a person's name counts only in the genitive (a name in
        the nominative is the described person: "його брат Павло"), and not after a genitive noun,
        where it agrees with the noun and is the title's holder ("генерала Князевича"). Returns
        (entity, end, the
        first descriptor noun passed on the way or None)."""
        toks = self.doc.tokens
        obj = inner = None
        while k < len(toks) and toks[k].sent == sent:
            t = toks[k]
            m = self.res.tok_mention.get(k)
            if m is not None and m.kind == "name":
                if obj is not None or (m.type == "PERSON" and (toks[m.first].feat("Case") != "Gen"
                                                               or case == "Gen")):
                    break
                obj, k = m.entity, m.last
                while k < len(toks) and toks[k].text in _CLOSING:
                    k += 1
                continue
            if t.text in _OPENING or (t.pos in ("NOUN", "ADJ") and t.feat("Case") == "Gen" and obj is None):
                if inner is None and t.pos == "NOUN" and self.predicate(k):
                    inner = k
                k += 1
                continue
            break
        return obj, k, inner

    def described_person(self, lo: int, hi: int, sent: int, case: str | None = None) -> int | None:
        """The entity a descriptor phrase [lo, hi) describes, from its neighbours; a name after
        it agrees with the noun's case ("радником голови ДФС Романа Насірова": not the adviser)."""
        toks = self.doc.tokens
        after = self.res.tok_mention.get(hi)
        if after is not None and after.kind == "name" and after.first == hi and after.type == "PERSON" \
                and toks[hi].sent == sent:
            cases = {toks[i].feat("Case") for i in range(after.first, after.last)} - {None}
            if case is None or not cases or case in cases:
                return after.entity                   # "голова Нафтогазу Олексій Чернишов"
            return None
        j = lo - 1
        while j >= 0 and toks[j].sent == sent and (_lower(toks[j]) in self.copulas or toks[j].text in ("—", "–")):
            j -= 1
        copula = j < lo - 1
        if not copula and j >= 0 and toks[j].text == ",":
            j -= 1                                    # "Петров, двоюродный брат Иванова"
        elif not copula:
            return None
        before = self.res.tok_mention.get(j)
        if before is not None and before.kind == "name" and before.last == j + 1 and toks[j].sent == sent:
            return before.entity
        return None

    def located_window(self) -> None:
        """"ИГИЛ в Сирии", "Нафтогаз у Києві": an organisation, group or place name followed by a
        location preposition and a place's name; "резиденция Асада в Москве": a located noun's
        genitive owner (or possessive pronoun's person)."""
        toks = self.doc.tokens
        for t in toks:
            if _lower(t) not in self.location_preps or t.i == 0 or t.pos not in ("ADP", "X", ""):
                continue
            place = self.res.tok_mention.get(t.i + 1)
            if place is None or place.kind != "name" or place.type != "LOC" or place.first != t.i + 1 \
                    or toks[place.first].feat("Case") == "Acc":      # "в Москву": where to, not where
                continue
            left = self.res.tok_mention.get(t.i - 1)
            if left is not None and left.kind == "name" and left.last == t.i:
                if "\n" in self.doc.text[left.end:place.start] or (
                        left.first > 0 and _lower(toks[left.first - 1]) in self.from_preps):
                    continue                                   # "из Екатеринбурга в Уфу"
                if left.type == "LOC" and (self.place(left.entity) is not None
                                           and self.place(left.entity).kind == "country"):
                    continue                                   # a country is in no other place
                if left.type in ("ORG", "GROUP", "LOC"):
                    self.add(left.entity, "located_in", place.entity, t.i)
                elif left.first > 0 and toks[left.first - 1].lemma.casefold() in self.located_nouns:
                    self.add(left.entity, "located_in", place.entity, t.i)
                continue
            prev = toks[t.i - 1]
            if prev.pos == "NOUN" and prev.lemma.casefold() in self.located_nouns and t.i >= 2 \
                    and _lower(toks[t.i - 2]) in self.possessives:
                owner = self.antecedent(t.i - 2)
                if owner is not None:
                    self.add(owner, "located_in", place.entity, t.i)

    def place(self, e: int):
        ent = self.entities[e]
        return self.gaz.lookup(ent["name"]) if ent.get("geo") else None

    def run(self) -> list[dict]:
        if self.doc.has_parser or self.window:
            self.descriptor_relations()
        if self.window:
            self.window_relations()
        self.kin_by_surname()
        self.located()
        return self.out
