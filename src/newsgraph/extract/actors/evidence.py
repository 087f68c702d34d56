"""Type fixes with evidence from the document (part of ``Resolution``).

A known organisation (``organisations.yml``) keeps its type and category unless a title or kin
says person; kin ("X's daughter", "the widow of X") makes a name a person; a name that is a
person's full name or surname elsewhere, or follows a title word, is a PERSON; a group word is a
GROUP; a lone country typed PERSON without person evidence is a place.
"""
from __future__ import annotations

from ...doc import labels as L

from .mentions import Mention, _lower


class TypeEvidence:
    """Person / organisation evidence and the type fixes built on it."""

    def person_by_kinship(self, m: Mention) -> bool:
        """'Navalny's daughter', 'the widow of Alexei Navalny': only people have kin."""
        if not self.doc.has_parser:
            return False
        toks = self.doc.tokens
        h = self.ix.head_of(m.first, m.last)
        head = toks[h].head
        if toks[h].dep in L.POSSESSOR:
            return toks[head].lemma.casefold() in self.kin_nouns
        if toks[h].dep in L.PREP_OBJECT_UD and any(_lower(toks[c]) in self.of_words
                                                   for c in self.ix.children(h, L.CASE_MARKER)):
            return toks[head].lemma.casefold() in self.kin_nouns
        return False

    def person_evidence(self, m: Mention) -> bool:
        """The text itself says this is a person: a title or honorific just before the name
        ("Mr", "President"), or kin ("X's daughter")."""
        prev = m.first - 1
        if prev >= 0 and _lower(self.doc.tokens[prev]) in self.pre_titles:
            return True
        return self.person_by_kinship(m)

    def known_organisation(self, m: Mention):
        if self.organisations is None:
            return None
        return self.organisations.lookup(m.name) or (self.organisations.lookup(m.text)
                                                     if m.text != m.name else None)

    def fix_types(self, mentions: list[Mention]) -> None:
        for m in mentions:
            org = self.known_organisation(m)
            if org is not None:
                m.category = org.category
                if m.type != org.type and not self.person_evidence(m):
                    m.type = org.type
        for m in mentions:
            if m.type in ("ORG", "LOC", "MISC") and not m.category and self.person_by_kinship(m):
                m.type = "PERSON"
            elif m.type in ("ORG", "LOC") and not m.category and self.names_documents(m):
                m.type = "MISC"
        persons_full = {}
        surnames: dict[str, int] = {}
        surname_words: set[str] = set()
        for m in mentions:
            if m.type == "PERSON" and len(m.name.split()) >= 2 and not self.is_group_word(m.name):
                persons_full[self.norm(m.name)] = m
                surnames[self.surname_key(m.name)] = surnames.get(self.surname_key(m.name), 0) + 1
                surname_words.add(m.name.split()[-1])
        for m in mentions:
            if self.is_group_word(m.name):
                m.type = "GROUP"
                continue
            if m.type == "PERSON":
                if len(m.name.split()) == 1 and (self.country_not_person(m, persons_full)
                                                 or self.place_by_context(m, persons_full,
                                                                          mentions)):
                    m.type = "LOC"
                continue
            if m.category:
                continue   # a known organisation: its surname-like word is not a person ("UN")
            key = self.norm(m.name)
            # a lone word is a person's surname only as written: "UN" is not "Kim Jong Un"
            if key in persons_full or (len(m.name.split()) == 1 and self.surname_key(m.name) in surnames
                                       and (m.name in surname_words or not m.name.isupper())):
                m.type = "PERSON"
                continue
            prev = m.first - 1
            if prev >= 0 and m.type in ("LOC", "ORG", "MISC"):
                t = self.doc.tokens[prev]
                if _lower(t) in self.title_words and t.head in range(m.first, m.last) and \
                        self.doc.tokens[m.first].pos == "PROPN":
                    m.type = "PERSON"
        self.lone_person_named_otherwise(mentions, persons_full)

    def lone_person_named_otherwise(self, mentions: list[Mention], persons_full: dict) -> None:
        """A one-word name typed PERSON that the article names as an organisation elsewhere
        ("Northwind said ..." at a sentence start, "shares in Northwind"), with nothing saying it
        is a person (no title, honorific or kin, no full name carrying the word), takes the
        organisation type."""
        other: dict[str, int] = {}
        for m in mentions:
            if m.type == "ORG" and len(m.name.split()) == 1:
                key = self.norm(m.name)
                other[key] = other.get(key, 0) + 1
        if not other:
            return
        for m in mentions:
            if m.type != "PERSON" or len(m.name.split()) != 1 or self.norm(m.name) not in other:
                continue
            if self.in_full_name(m, persons_full) or self.person_evidence(m):
                continue
            m.type = "ORG"

    def names_documents(self, m: Mention) -> bool:
        """A leak or set of documents named after a place or body ("Panama Papers", "Pentagon
        Papers"): a name of two words or more ending in a document-set noun (actors.yml)."""
        words = m.name.split()
        return len(words) >= 2 and words[-1].casefold() in self.document_sets

    @staticmethod
    def in_full_name(m: Mention, persons_full: dict) -> bool:
        """A lone name that is a word of a person's full name in the article ("Chad" of "Chad
        Johnson")."""
        word = m.name.casefold()
        return any(word in k.split() for k in persons_full)

    def place_by_context(self, m: Mention, persons_full: dict,
                         mentions: list[Mention] = ()) -> bool:
        """A lone name typed PERSON that the gazetteer knows, with a place phrase right before it
        ("from Rotterdam", "the islands of Okinawa") or a place noun right after it ("Rotterdam
        seaport", actors.yml place_context), and nothing in the text saying it is a person: no
        title or kin, no full name carrying it, no other PERSON mention of it without such a
        phrase, no verb right after it ("from Obama being ...": the subject of a clause)."""
        if self.gazetteer is None or not (self.place_before or self.place_after):
            return False
        if not self._place_phrase(m) or self.person_evidence(m):
            return False
        key = self.norm(m.name)
        if any(o is not m and o.type == "PERSON" and self.norm(o.name) == key
               and not self._place_phrase(o) for o in mentions):
            return False
        if self.in_full_name(m, persons_full):
            return False
        return self.gazetteer.lookup(m.name) is not None

    def _place_phrase(self, m: Mention) -> bool:
        toks = self.doc.tokens
        before = any(m.first - len(p) >= 0 and tuple(
            _lower(toks[m.first - len(p) + k]) for k in range(len(p))) == p
            for p in self.place_before)
        after = m.last < len(toks) and _lower(toks[m.last]) in self.place_after
        if m.last < len(toks) and toks[m.last].pos in ("VERB", "AUX"):
            return False
        return before or after

    def country_not_person(self, m: Mention, persons_full: dict) -> bool:
        """A lone name typed PERSON that is a country ("Chad", "Niger") with nothing in the text
        saying it is a person: no title or kin, no full name in the article carrying it."""
        if self.gazetteer is None or self.person_evidence(m):
            return False
        if self.in_full_name(m, persons_full):
            return False
        place = self.gazetteer.lookup(m.name)
        return place is not None and place.kind == "country"
