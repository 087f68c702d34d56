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
"""
from __future__ import annotations

from typing import Any

from .actors import Mention, Resolution, _lower
from .base import Extractor
from .gazetteer import Gazetteer


def _resolution_from_entities(doc, entities: list[dict]) -> Resolution:
    data = doc.data["actors"] if doc.data is not None else {}
    titles = doc.data["titles"] if doc.data is not None else {}
    res = Resolution(doc, data, titles)
    for n, ent in enumerate(entities):
        names = {ent["name"].casefold(), *(a.casefold() for a in ent.get("aliases", []))}
        for m in ent.get("mentions", []):
            first = doc.token_index_at(m["start"])
            last = first
            while last < len(doc.tokens) and doc.tokens[last].start < m["end"]:
                last += 1
            if last <= first:
                continue
            text = m.get("text", "")
            if last - first == 1 and text.casefold() in res.pronouns:
                kind = "pron"
            elif text.casefold() in names or all(t.pos in ("PROPN", "PUNCT") for t in doc.tokens[first:last]):
                kind = "name"
            else:
                kind = "desc"
            res.mentions.append(Mention(m["start"], m["end"], first, last, ent["type"], kind, text, n))
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
        if len(entities) < 2 or not doc.has_parser:
            return {"relations": []}
        return {"relations": Relations(self.resources, doc, entities).run()}


class Relations:
    def __init__(self, resources, doc, entities: list[dict]) -> None:
        self.resources = resources
        self.doc = doc
        self.entities = entities
        self.conf = (doc.data["relations"] if doc.data is not None else {}) or {}
        self.nouns = {k.casefold(): v for k, v in (self.conf.get("nouns") or {}).items()}
        self.objects = self.conf.get("objects") or {}
        self.subjects = self.conf.get("subjects") or {}
        self.symmetric = set(self.conf.get("symmetric") or [])
        self.shared_surname = {w.casefold() for w in self.conf.get("shared_surname") or []}
        self.object_preps = {w.casefold() for w in self.conf.get("object_preps") or ["of"]}
        self.located_nouns = {w.casefold() for w in self.conf.get("located_nouns") or []}
        self.leader_mods = {w.casefold() for w in self.conf.get("leader_modifiers") or []}
        self.leader_titles = {w.casefold() for w in self.conf.get("leader_titles") or []}
        self.res = _resolution_from_entities(doc, entities)
        self.ix = self.res.ix
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

    def noun_object(self, head: int) -> int | None:
        """The entity a descriptor noun relates to: possessor, of/for-object, compound."""
        toks = self.doc.tokens
        for c in self.ix.children(head, "poss"):
            e = self.ent_at(c)
            if e is not None:
                return e
        for p in self.ix.children(head, "prep"):
            if _lower(toks[p]) not in self.object_preps:
                continue
            for o in self.ix.children(p, "pobj"):
                e = self.ent_at(o)
                if e is not None:
                    return e
                for a in self.ix.children(o, "appos"):
                    e = self.ent_at(a)
                    if e is not None:
                        return e
                for c in self.ix.children(o, ("compound", "poss")):   # "member of the Tesla board"
                    e = self.ent_at(c)
                    if e is not None and self.etype(e) != "PERSON":
                        return e
        for c in self.ix.children(head, "compound"):
            e = self.ent_at(c)
            if e is not None:
                return e
        return None

    # -- rules -----------------------------------------------------------------------------------
    def descriptor_relations(self) -> None:
        toks = self.doc.tokens
        for m, head, lo, hi, how in self.res.descriptors():
            if how == "premod":
                self.premod_relations(m, lo, hi)
                continue
            pred = self.nouns.get(toks[head].lemma.casefold()) or self.nouns.get(_lower(toks[head]))
            if pred:
                mods = {_lower(toks[c]) for c in self.ix.children(head, ("amod", "compound"))}
                if mods & self.leader_mods:
                    pred = "leader_of"
                self.add(m.entity, pred, self.noun_object(head), head)

    def premod_relations(self, m: Mention, lo: int, hi: int) -> None:
        toks = self.doc.tokens
        words = {_lower(toks[i]) for i in range(lo, hi)}
        for i in range(lo, hi):
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
            if words & self.leader_titles and "former" not in words and "ex" not in words:
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
            if t.pos != "NOUN" or lemma not in self.shared_surname or t.dep in ("appos", "attr"):
                continue
            if t.i in self.res.tok_mention or self.ix.children(t.i, "appos"):
                continue
            owner = None
            for c in self.ix.children(t.i, "poss"):
                owner = self.ent_at(c)
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
        # "X in Place", "his exile in Place"
        for t in toks:
            if t.dep != "prep" or _lower(t) not in ("in", "inside"):
                continue
            objs = [o for o in self.ix.children(t.i, "pobj") if self.ent_at(o) is not None]
            if not objs:
                continue
            place = self.ent_at(objs[0])
            if self.etype(place) != "LOC":
                continue
            head = t.head
            subj = self.ent_at(head)
            if subj is not None and self.etype(subj) in ("ORG", "GROUP", "LOC") and toks[head].pos in ("NOUN", "PROPN"):
                self.add(subj, "located_in", place, t.i)
                continue
            if toks[head].lemma.casefold() in self.located_nouns:
                for c in self.ix.children(head, "poss"):
                    owner = self.ent_at(c)
                    if owner is not None and self.etype(owner) in ("PERSON", "ORG", "GROUP"):
                        self.add(owner, "located_in", place, t.i)

    def place(self, e: int):
        ent = self.entities[e]
        return self.gaz.lookup(ent["name"]) if ent.get("geo") else None

    def run(self) -> list[dict]:
        self.descriptor_relations()
        self.kin_by_surname()
        self.located()
        return self.out
