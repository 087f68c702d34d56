"""Actors: one entity per real-world actor, with every mention, aliases and titles.

Steps, all linear in the document's length (one pass over the NER spans and the tokens, dict
lookups, a per-document index of dependency children):

1. Names. NER spans become name mentions, trimmed of "the", possessive "'s" and honorifics.
   Types are corrected with evidence from the document: a span whose text is a person's name or
   surname elsewhere (or follows a title word) is a PERSON; a group word from
   ``en/actors.yml`` ("Alawite", "Alawites") is a GROUP.
2. Clustering. Multi-word person names are entities; a bare surname ("Assad") or first name
   goes to the most salient person carrying it (most name mentions, then the latest before it);
   "Bashar or Maher al-Assad" lends the shared surname to "Bashar". Other types group by their
   normalised text (singular/plural for groups, acronyms, a shorter organisation name that
   ends a longer one).
3. Descriptions and pronouns, in text order: apposed noun phrases ("Makhlouf, Assad's
   cousin"), definite descriptions that match a title or type of a recent entity ("the
   agency" -> Reuters, "the former president"), he/his/him/she/her to a recent person.
4. Titles from the dependency parse: pre-modifiers with a title word ("former Syrian
   President"), appositions, "who was X" relative clauses, "X was Y" copulas.

``descriptors`` and ``Resolution`` are shared with the relation extractor.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from .base import Extractor

_POSSESSIVE = re.compile(r"\s*['’]s?$")
_APOS = str.maketrans({"’": "'", "ʼ": "'"})


def norm(text: str) -> str:
    t = " ".join(text.translate(_APOS).split()).casefold()
    if t.startswith("the "):
        t = t[4:]
    return t


@dataclass
class Mention:
    start: int
    end: int
    first: int            # token range, last exclusive
    last: int
    type: str
    kind: str             # name | desc | pron
    text: str
    entity: int = -1
    full: str = ""        # the full name this mention stands for (coordination)
    base: str = ""        # the backend's base (nominative) form of the name (uk/ru)
    category: str = ""    # a known organisation's category (organisations.yml)

    @property
    def name(self) -> str:
        return self.full or self.base or self.text


@dataclass
class Entity:
    type: str
    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None       # set by a title ("Mrs", "queen"): firm
    votes: dict = field(default_factory=dict)   # pronoun genders resolved to it so far
    full_mentions: int = 0
    category: str = ""

    def add_title(self, title: str) -> None:
        title = title.strip(" ,;:-–—")
        if title and title.casefold() not in (t.casefold() for t in self.titles):
            self.titles.append(title)


class DocIndex:
    """Per-document helpers: dependency children, the mention covering a token."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.toks = doc.tokens
        self.kids: list[list[int]] = [[] for _ in self.toks]
        if doc.has_parser:
            for t in self.toks:
                if 0 <= t.head < len(self.toks) and t.head != t.i:
                    self.kids[t.head].append(t.i)

    def children(self, i: int, dep: str | tuple[str, ...] | None = None) -> list[int]:
        if dep is None:
            return self.kids[i]
        deps = (dep,) if isinstance(dep, str) else dep
        return [c for c in self.kids[i] if self.toks[c].dep in deps]

    def subtree(self, i: int, limit: int = 60) -> tuple[int, int]:
        lo = hi = i
        stack = [i]
        n = 0
        while stack and n < limit:
            j = stack.pop()
            n += 1
            for c in self.kids[j]:
                lo, hi = min(lo, c), max(hi, c)
                stack.append(c)
        return lo, hi + 1

    def head_of(self, first: int, last: int) -> int:
        """The token of [first, last) whose head lies outside the range (the phrase's head)."""
        for i in range(last - 1, first - 1, -1):
            h = self.toks[i].head
            if not (first <= h < last) or h == i:
                return i
        return last - 1


def _lower(t) -> str:
    return t.text.translate(_APOS).casefold()


class Resolution:
    """The actors of one document: built by ActorExtractor, read by RelationExtractor."""

    def __init__(self, doc, data: dict, titles: dict, gazetteer=None, organisations=None) -> None:
        self.doc = doc
        self.organisations = organisations   # optional: KnownOrganisations (evidence for types)
        self._title_index: dict[str, set[int]] | None = None
        self.ix = DocIndex(doc)
        self.data = data
        self.title_words = {w.casefold() for w in titles.get("titles", [])}
        self.honorifics = {w.casefold() for w in titles.get("honorifics", [])}
        self.female = {w.casefold() for w in titles.get("female", [])}
        self.male = {w.casefold() for w in titles.get("male", [])}
        self.pre_titles = self.title_words | self.honorifics
        self.strip_leading = {w.casefold() for w in titles.get("strip_leading", ["a", "an"])}
        self.groups = {w.casefold() for w in data.get("groups", [])}
        self.kin_nouns = {w.casefold() for w in data.get("kin_nouns", [])}
        self.particles = {w.casefold() for w in data.get("name_particles", [])}
        # descriptions by copula ("X was head of Y") and relative clause ("X, who was ...")
        self.copulas = {w.casefold() for w in data.get("copula_lemmas", [])}
        self.relative_subjects = {w.casefold() for w in data.get("relative_subjects", [])}
        self.pronouns = data.get("pronouns", {}) or {}
        self.desc_types: dict[str, str] = {}
        for typ, nouns in (data.get("descriptions") or {}).items():
            for n in nouns:
                self.desc_types.setdefault(n.casefold(), typ)
        self.window = int(data.get("description_window", 3))
        self.country_nouns = {w.casefold() for w in data.get("country_nouns", [])}
        self.gazetteer = gazetteer     # optional: tells countries from cities
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.tok_mention: dict[int, Mention] = {}

    # -- names ---------------------------------------------------------------------------------
    def surname_key(self, name: str) -> str:
        words = name.split()
        last = words[-1] if words else name
        parts = re.split(r"[-‐]", last.translate(_APOS).casefold())
        while len(parts) > 1 and parts[0] in self.particles:
            parts = parts[1:]
        return "-".join(parts)

    def first_key(self, name: str) -> str:
        words = [w for w in name.split() if w.casefold() not in self.particles]
        return words[0].casefold() if words else ""

    def is_group_word(self, text: str) -> bool:
        t = norm(text)
        if t in self.groups:
            return True
        for suffix in ("s", "es"):
            if t.endswith(suffix) and t[: -len(suffix)] in self.groups:
                return True
        return False

    def group_key(self, text: str) -> str:
        t = norm(text)
        if t.endswith("s") and len(t) > 4 and not t.endswith("ss"):
            return t[:-1]
        return t

    def given_names_before(self, first: int, last: int, ner_tokens: set[int]) -> int:
        """A person's name the NER cut short: capitalised proper nouns just before it that the
        parser attaches to it ("teenager Ahed Tamimi" tagged "Tamimi"), not titles, not other
        names. Returns the new first token."""
        toks = self.doc.tokens
        while first > 0 and self.doc.has_parser:
            t = toks[first - 1]
            if t.pos != "PROPN" or not t.text[:1].isupper() or t.i in ner_tokens \
                    or _lower(t) in self.pre_titles or not (first <= t.head < last):
                break
            first -= 1
        return first

    def name_mentions(self) -> list[Mention]:
        doc, toks = self.doc, self.doc.tokens
        out: list[Mention] = []
        ner_tokens = {i for span in doc.ner if span.type is not None
                      for i in range(span.first, span.last)}
        for span in doc.ner:
            if span.type is None:
                continue
            first, last = span.first, span.last
            if last <= first:
                continue
            pretitle: list[int] = []
            # trim leading determiners / honorifics, trailing possessives and punctuation
            while first < last and (toks[first].pos in ("DET", "PUNCT", "SPACE") or _lower(toks[first]) == "the"
                                    or not toks[first].text.strip()):
                first += 1
            if span.type == "PERSON":
                while first < last - 1 and _lower(toks[first]) in self.pre_titles \
                        and toks[first].text[:1].isupper():
                    pretitle.append(first)
                    first += 1
                first = self.given_names_before(first, last, ner_tokens)
            while last > first and (toks[last - 1].tag == "POS" or toks[last - 1].text in ("'s", "’s", "'", "’")
                                    or toks[last - 1].pos in ("PUNCT", "SPACE") or not toks[last - 1].text.strip()):
                last -= 1
            if last <= first:
                continue
            start, end = toks[first].start, toks[last - 1].end
            text = doc.text[start:end]
            stripped = _POSSESSIVE.sub("", text) if text.endswith(("'s", "’s")) else text
            end -= len(text) - len(stripped)
            text = stripped
            if not text.strip():
                continue
            base = ""
            if span.base and span.base.strip():
                base = span.base.strip()
                dropped_front, dropped_back = first - span.first, span.last - last
                words = base.split()
                if dropped_front or dropped_back:
                    n_surface = len(doc.text[span.start:span.end].split())
                    if len(words) == n_surface and len(words) > dropped_front + dropped_back:
                        base = " ".join(words[dropped_front:len(words) - dropped_back])
                    else:
                        base = ""
            out.append(Mention(start, end, first, last, span.type, "name", text, base=base))
        return out

    def person_by_kinship(self, m: Mention) -> bool:
        """'Navalny's daughter', 'the widow of Alexei Navalny': only people have kin."""
        if not self.doc.has_parser:
            return False
        toks = self.doc.tokens
        h = self.ix.head_of(m.first, m.last)
        head = toks[h].head
        if toks[h].dep == "poss":
            return toks[head].lemma.casefold() in self.kin_nouns
        if toks[h].dep == "pobj" and _lower(toks[head]) == "of":
            return toks[toks[head].head].lemma.casefold() in self.kin_nouns
        return False

    def person_evidence(self, m: Mention) -> bool:
        """The text itself says this is a person: a title or honorific just before the name
        ("Mr", "President"), or kin ("X's daughter")."""
        prev = m.first - 1
        if prev >= 0 and _lower(self.doc.tokens[prev]) in self.pre_titles:
            return True
        return self.person_by_kinship(m)

    name_pos = ("PROPN", "NOUN", "X")

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
        persons_full = {}
        surnames: dict[str, int] = {}
        surname_words: set[str] = set()
        for m in mentions:
            if m.type == "PERSON" and len(m.name.split()) >= 2 and not self.is_group_word(m.name):
                persons_full[norm(m.name)] = m
                surnames[self.surname_key(m.name)] = surnames.get(self.surname_key(m.name), 0) + 1
                surname_words.add(m.name.split()[-1])
        for m in mentions:
            if self.is_group_word(m.name):
                m.type = "GROUP"
                continue
            if m.type == "PERSON":
                if len(m.name.split()) == 1 and self.country_not_person(m, persons_full):
                    m.type = "LOC"
                continue
            if m.category:
                continue   # a known organisation: its surname-like word is not a person ("UN")
            key = norm(m.name)
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

    def country_not_person(self, m: Mention, persons_full: dict) -> bool:
        """A lone name typed PERSON that is a country ("Chad", "Niger") with nothing in the text
        saying it is a person: no title or kin, no full name in the article carrying it."""
        if self.gazetteer is None or self.person_evidence(m):
            return False
        word = m.name.casefold()
        if any(word in k.split() for k in persons_full):
            return False
        place = self.gazetteer.lookup(m.name)
        return place is not None and place.kind == "country"

    def missed_organisations(self, covered: set[int]) -> list[Mention]:
        """Known organisations the NER left out, capitalised and read by the tagger as a name or
        noun ("Газпром спростовує": a sentence-initial name is often tagged NOUN), or an acronym
        in capitals; longest name first."""
        if self.organisations is None:
            return []
        toks, out, i = self.doc.tokens, [], 0
        while i < len(toks):
            t = toks[i]
            if i in covered or not t.text[:1].isupper() or (
                    t.pos not in self.name_pos and not (t.text.isupper() and len(t.text) > 1)):
                i += 1
                continue
            found = None
            for n in range(min(self.organisations.max_words, len(toks) - i), 0, -1):
                if any(j in covered or not toks[j].text.strip() for j in range(i, i + n)):
                    continue   # a covered token, or a line break the tokenizer kept as a token
                start, end = t.start, toks[i + n - 1].end
                surface = self.doc.text[start:end]
                lemmas = " ".join(x.lemma for x in toks[i:i + n])
                org = self.organisations.lookup(surface) or (
                    self.organisations.lookup(lemmas) if n == 1 or lemmas != surface else None)
                if org is None:
                    continue
                found = Mention(start, end, i, i + n, org.type, "name", surface,
                                category=org.category)
                break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.last
        return out

    def add_missed_names(self, mentions: list[Mention]) -> list[Mention]:
        """PROPN tokens equal to a known person's surname that the NER left out."""
        surnames = {self.surname_key(m.name): m for m in mentions
                    if m.type == "PERSON" and len(m.name.split()) >= 2}
        covered = set()
        for m in mentions:
            covered.update(range(m.first, m.last))
        for span in self.doc.ner:
            covered.update(range(span.first, span.last))
        extra = []
        for t in self.doc.tokens:
            if t.i in covered or not t.text[:1].isupper():
                continue
            if self.is_group_word(t.text):   # "Alawites" the NER left out
                extra.append(Mention(t.start, t.end, t.i, t.i + 1, "GROUP", "name", t.text))
                continue
            if t.pos != "PROPN":
                continue
            key = self.surname_key(t.text)
            if key in surnames and norm(t.text) == key:
                nxt = self.doc.tokens[t.i + 1] if t.i + 1 < len(self.doc.tokens) else None
                if nxt is not None and nxt.pos == "PROPN":
                    continue  # part of a longer name the NER missed
                extra.append(Mention(t.start, t.end, t.i, t.i + 1, "PERSON", "name", t.text))
        for m in extra:
            covered.update(range(m.first, m.last))
        extra += self.missed_organisations(covered)
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def coordinated_full_names(self, mentions: list[Mention]) -> None:
        """'Bashar or Maher al-Assad': a lone first name coordinated with a full name."""
        toks = self.doc.tokens
        for a, b in zip(mentions, mentions[1:]):
            if a.type != "PERSON" or b.type != "PERSON" or len(a.name.split()) != 1:
                continue
            words = b.name.split()
            if len(words) < 2 or b.first != a.last + 1:
                continue
            if _lower(toks[a.last]) not in ("or", "and", "&"):
                continue
            a.full = a.name + " " + " ".join(words[1:])

    def merge_inflected_names(self, mentions: list[Mention]) -> None:
        """uk/ru: "Рамі Махлуфа" and "Рамі Махлуф" are one person when the dictionary could not
        give the base form of an unknown surname: the longer form is the shorter plus a case
        ending (data: surname_case_endings). Both then carry the shorter form as their base."""
        endings = sorted(self.data.get("surname_case_endings", []), key=len, reverse=True)
        if not endings:
            return
        names = {norm(m.name): m.name for m in mentions
                 if m.type == "PERSON" and len(m.name.split()) >= 2}
        surnames = {norm(n.split()[-1]): n.split()[-1] for n in names.values()}
        for m in mentions:
            if m.type == "PERSON" and len(m.text.split()) == 1 and norm(m.name) not in surnames:
                # one inflected word of a surname the document names in full ("родиною Асадів")
                word = m.text.casefold()
                for ending in endings:
                    if word.endswith(ending) and norm(word[:-len(ending)]) in surnames:
                        m.base = surnames[norm(word[:-len(ending)])]
                        break
                continue
            if m.type != "PERSON" or len(m.name.split()) < 2:
                continue
            words = m.name.split()
            last = words[-1].casefold()
            for ending in endings:
                if last.endswith(ending) and len(last) - len(ending) >= 3:
                    shorter = norm(" ".join(words[:-1] + [words[-1][:-len(ending)]]))
                    if shorter in names:
                        m.base = names[shorter]
                        break

    def cluster(self, mentions: list[Mention]) -> None:
        ents = self.entities
        by_key: dict[tuple[str, str], int] = {}
        surname_of: dict[str, list[int]] = {}
        firstname_of: dict[str, list[int]] = {}

        def new(typ: str, key: str) -> int:
            ents.append(Entity(typ, key))
            by_key[(typ, key)] = len(ents) - 1
            return len(ents) - 1

        self.merge_inflected_names(mentions)
        # pass 1: full person names
        for m in mentions:
            name = m.name
            if m.type == "PERSON" and len(name.split()) >= 2:
                key = norm(name)
                e = by_key.get(("PERSON", key))
                if e is None:
                    e = new("PERSON", key)
                    surname_of.setdefault(self.surname_key(name), []).append(e)
                    firstname_of.setdefault(self.first_key(name), []).append(e)
                m.entity = e
                ents[e].full_mentions += 1
        full_positions: dict[int, list[int]] = {}
        for m in mentions:
            if m.entity >= 0:
                full_positions.setdefault(m.entity, []).append(m.start)

        def pick(cands: list[int], pos: int) -> int:
            def score(e: int) -> tuple[int, int]:
                positions = full_positions.get(e, [])
                k = bisect.bisect_left(positions, pos)
                return (ents[e].full_mentions, positions[k - 1] if k else -1)
            return max(cands, key=score)

        # one type per non-person name: "Scientology" typed ORG here and LOC there is one
        # actor (a name the gazetteer knows is a place; otherwise the majority label)
        votes: dict[str, dict[str, int]] = {}
        for m in mentions:
            if m.entity < 0 and m.type in ("ORG", "LOC", "MISC", "PRODUCT", "EVENT"):
                d = votes.setdefault(norm(m.name), {})
                d[m.type] = d.get(m.type, 0) + 1
        for m in mentions:
            d = votes.get(norm(m.name)) if m.entity < 0 else None
            if d and len(d) > 1 and m.type in d:
                known = self.gazetteer is not None and self.gazetteer.lookup(m.name) is not None
                if "LOC" in d and known:
                    m.type = "LOC"
                elif "ORG" in d and self.gazetteer is not None and not known:
                    m.type = "ORG"          # not a known place: the organisation reading
                else:
                    m.type = max(d, key=lambda t: d[t])
        # pass 2: everything else
        for m in mentions:
            if m.entity >= 0:
                continue
            if m.type == "PERSON":
                key = norm(m.name)
                cands = surname_of.get(self.surname_key(m.name)) or firstname_of.get(key)
                if cands:
                    m.entity = pick(cands, m.start)
                    continue
                e = by_key.get(("PERSON", key))
                m.entity = e if e is not None else new("PERSON", key)
                continue
            key = self.group_key(m.name) if m.type == "GROUP" else norm(m.name)
            if m.type == "LOC" and self.gazetteer is not None:
                # "U.S." and "the United States" are one place
                place = self.gazetteer.lookup(m.name)
                if place is not None:
                    key = f"@{place.kind}:{place.name}:{place.country}"
            e = by_key.get((m.type, key))
            m.entity = e if e is not None else new(m.type, key)
        # acronyms and shortened organisation names
        orgs = [i for i, e in enumerate(ents) if e.type == "ORG"]
        initials: dict[str, int] = {}
        for i in orgs:
            words = [w for w in ents[i].key.split() if w not in ("of", "the", "and", "for", "&")]
            if len(words) >= 2:
                initials.setdefault("".join(w[0] for w in words), i)
        remap: dict[int, int] = {}
        for i in orgs:
            key = ents[i].key
            if " " not in key and key.replace(".", "") in initials and initials[key.replace(".", "")] != i:
                remap[i] = initials[key.replace(".", "")]
                continue
            longer = [j for j in orgs if j != i and ents[j].key.endswith(" " + key)]
            if len(longer) == 1 and " " in key:
                remap[i] = longer[0]
        for m in mentions:
            m.entity = remap.get(m.entity, m.entity)
        toks = self.doc.tokens
        for m in mentions:
            ents[m.entity].mentions.append(m)
            ents[m.entity].names.append(m.base or m.text)
            if m.category and not ents[m.entity].category:
                ents[m.entity].category = m.category
            if m.type == "PERSON" and m.first > 0 and ents[m.entity].gender is None:
                prev = _lower(toks[m.first - 1])       # "Mrs. May", "Mr. Smith"
                if prev in self.female:
                    ents[m.entity].gender = "f"
                elif prev in self.male:
                    ents[m.entity].gender = "m"
        self.mentions = list(mentions)
        for m in mentions:
            for i in range(m.first, m.last):
                self.tok_mention[i] = m

    # -- descriptions and pronouns -----------------------------------------------------------
    def _np_text(self, lo: int, hi: int) -> tuple[int, int, str]:
        toks = self.doc.tokens
        while lo < hi and (toks[lo].pos == "PUNCT" or _lower(toks[lo]) in self.strip_leading):
            lo += 1
        while hi > lo and toks[hi - 1].pos == "PUNCT":
            hi -= 1
        if hi <= lo:
            return lo, hi, ""
        return lo, hi, self.doc.text[toks[lo].start:toks[hi - 1].end]

    def _clause_np(self, head: int, cut_at_comma: bool = True) -> tuple[int, int]:
        """Token range of the noun phrase headed by `head`, stopping at a comma or a clause."""
        toks = self.doc.tokens
        lo, hi = self.ix.subtree(head)
        for i in range(head + 1, hi):
            t = toks[i]
            if (cut_at_comma and t.text in (",", ";", "(", "—", "–")) or t.dep in ("relcl", "cc") \
                    or _lower(t) in ("who", "which", "whose"):
                hi = i
                break
        for i in range(head - 1, lo - 1, -1):
            if toks[i].text in (",", ";", "(", "—", "–"):
                lo = i + 1
                break
        return lo, hi

    def appositive_chain_target(self, desc: int) -> Mention | None:
        """'a friend of the new president, Ahmed al-Sharaa, and Khaled al-Ahmad': an indefinite
        description whose phrase holds a name with a conjoined name: the description is read as
        describing the conjoined (last) name."""
        toks = self.doc.tokens
        dets = [c for c in self.ix.children(desc, "det") if _lower(toks[c]) in self.strip_leading]
        if not dets:
            return None
        lo, hi = self.ix.subtree(desc)
        for i in range(desc + 1, hi):
            m = self.tok_mention.get(i)
            if m is None or m.type != "PERSON" or toks[i].dep != "conj":
                continue
            other = self.tok_mention.get(toks[i].head)
            if other is not None and other is not m and other.type == "PERSON" and \
                    toks[toks[i].head].dep == "appos" and lo <= toks[i].head < hi:
                if any(_lower(toks[c]) == "and" for c in self.ix.children(toks[i].head, "cc")):
                    return m
        return None

    def window_descriptors(self) -> list[tuple[Mention, int, int, int, str]]:
        """Without a parser (uk): the title words right before a person's name, by lemma:
        "прем'єр-міністр Денис Шмигаль", "голова адміністрації Олег Синєгубов", "колишній
        президент Сирії Башар Асад". The run starts at a title word (or adjectives before it)
        and takes the nouns between it and the name; it stops at punctuation, verbs and names."""
        toks = self.doc.tokens
        out: list[tuple[Mention, int, int, int, str]] = []
        for m in self.mentions:
            if m.kind != "name" or m.type != "PERSON":
                continue
            i, start = m.first - 1, None
            while i >= 0 and m.first - i <= 5:
                t = toks[i]
                other = self.tok_mention.get(i)
                if t.pos not in ("NOUN", "ADJ", "PROPN") or t.sent != toks[m.first].sent or \
                        (other is not None and other.type == "PERSON"):
                    break
                if t.lemma.casefold() in self.title_words or _lower(t) in self.title_words:
                    start = i
                i -= 1
            if start is None:
                continue
            while start > 0 and toks[start - 1].pos == "ADJ" and toks[start - 1].sent == toks[m.first].sent:
                start -= 1
            out.append((m, m.first - 1, start, m.first, "premod"))
        return out

    def descriptors(self) -> list[tuple[Mention, int, int, int, str]]:
        """(mention, head noun, lo, hi, how) for every descriptive phrase attached to a name:
        how is premod | appos | appos_of | relcl | copula | chain."""
        toks = self.doc.tokens
        out: list[tuple[Mention, int, int, int, str]] = []
        if not self.doc.has_parser:
            return self.window_descriptors()
        for m in self.mentions:
            if m.type not in ("PERSON", "ORG", "GROUP", "LOC"):
                continue
            h = self.ix.head_of(m.first, m.last) if m.kind != "pron" else m.first
            # pre-modifiers: contiguous compound/amod run to the left
            if m.kind == "name" and m.type == "PERSON":
                i = m.first - 1
                run: list[int] = []
                while i >= 0:
                    t = toks[i]
                    if t.dep in ("compound", "amod", "nmod", "nn") and t.pos in ("ADJ", "NOUN", "PROPN") \
                            and (m.first <= t.head <= h or t.head in run or (run and t.head > i)):
                        other = self.tok_mention.get(i)
                        if other is not None and other.type == "PERSON":
                            break
                        run.append(i)
                        i -= 1
                        continue
                    break
                if run:
                    lo = run[-1]
                    words = [toks[j] for j in range(lo, m.first)]
                    if any((_lower(w) in self.title_words and _lower(w) not in self.honorifics)
                           or (w.pos == "NOUN" and w.text.islower()) for w in words):
                        out.append((m, m.first - 1, lo, m.first, "premod"))
            # appositions hanging from the name
            for c in self.ix.children(h, "appos"):
                other = self.tok_mention.get(c)
                if other is not None and other.type == "PERSON" and other.kind == "name":
                    continue
                if toks[c].pos not in ("NOUN",):
                    continue
                target = self.appositive_chain_target(c)
                if target is not None:
                    lo, _ = self.ix.subtree(c)
                    conj_head = self.doc.tokens[self.ix.head_of(target.first, target.last)].head
                    hi = self.ix.head_of(*self._mention_range(conj_head)) + 1
                    out.append((target, c, lo, hi, "chain"))
                    # the phrase this description was wrongly hung on: "supporter of Assad"
                    if toks[h].dep == "pobj" and toks[toks[h].head].dep == "prep":
                        outer = toks[toks[h].head].head
                        if toks[outer].pos == "NOUN" and \
                                any(_lower(toks[d]) in self.strip_leading for d in self.ix.children(outer, "det")):
                            lo2, _ = self.ix.subtree(outer)
                            out.append((target, outer, lo2, m.last, "chain"))
                    continue
                lo, hi = self._clause_np(c)
                out.append((m, c, lo, hi, "appos"))
            # the name is the apposition of a noun: "the new president, Ahmed al-Sharaa"
            if toks[h].dep == "appos" and toks[toks[h].head].pos == "NOUN" and m.kind == "name" \
                    and toks[toks[h].head].tag != "NNS":
                head = toks[h].head
                if head not in self.tok_mention or self.tok_mention[head].kind != "name":
                    lo, hi = self._clause_np(head)
                    hi = min(hi, m.first)
                    for i in range(head + 1, hi):
                        if toks[i].pos == "PUNCT":
                            hi = i
                            break
                    if head < m.first and toks[m.first - 1].pos not in ("PUNCT", "DET") and \
                            any(toks[j].pos == "ADP" for j in range(head + 1, m.first)):
                        # a prepositional phrase and nothing setting the name off ("the brother
                        # of gunman Mark Hollis"): the parser hung the name on the wrong noun;
                        # only the words right before it are its title ("gunman")
                        run = m.first
                        while run - 1 > head and toks[run - 1].pos in ("NOUN", "ADJ", "PROPN") \
                                and toks[run - 1].i not in self.tok_mention:
                            run -= 1
                        if run < m.first and any(toks[j].pos == "NOUN" for j in range(run, m.first)):
                            out.append((m, m.first - 1, run, m.first, "premod"))
                    else:
                        out.append((m, head, lo, hi, "appos_of"))
            # relative clause: "Hassan, who was head of ..."
            for c in self.ix.children(h, "relcl"):
                if toks[c].lemma.casefold() not in self.copulas:
                    continue
                if not any(_lower(toks[s]) in self.relative_subjects for s in self.ix.children(c, "nsubj")):
                    continue
                for a in self.ix.children(c, "attr"):
                    if toks[a].pos == "NOUN":
                        lo, hi = self._clause_np(a)
                        out.append((m, a, lo, hi, "relcl"))
            # copula: "He was a leader of ...", "X is the cousin of Y"
            if toks[h].dep in ("nsubj",) and toks[toks[h].head].lemma.casefold() in self.copulas:
                verb = toks[h].head
                for a in self.ix.children(verb, "attr"):
                    if toks[a].pos == "NOUN" and a not in self.tok_mention:
                        lo, hi = self._clause_np(a)
                        out.append((m, a, lo, hi, "copula"))
        return out

    def _mention_range(self, tok: int) -> tuple[int, int]:
        m = self.tok_mention.get(tok)
        return (m.first, m.last) if m else (tok, tok + 1)

    def resolve_references(self) -> None:
        """Definite descriptions and pronouns, in text order."""
        doc, toks, ents = self.doc, self.doc.tokens, self.entities
        by_tok = self.tok_mention
        new: list[Mention] = []
        recent: list[Mention] = []  # every resolved mention so far, in order
        names_sorted = sorted(self.mentions, key=lambda m: m.first)
        ni = 0
        self._title_index = None        # title word -> entities with it, built when first needed
        count: list[int] = [0] * len(ents)
        for t in toks:
            while ni < len(names_sorted) and names_sorted[ni].first <= t.i:
                m = names_sorted[ni]
                recent.append(m)
                count[m.entity] += 1
                ni += 1
            if t.i in by_tok:
                continue
            low = _lower(t)
            pro = self.pronouns.get(low)
            if pro is not None and t.pos == "PRON":
                e = self._pronoun_antecedent(t, pro, recent)
                if e is not None:
                    m = Mention(t.start, t.end, t.i, t.i + 1, "PERSON", "pron", t.text, e)
                    g = pro.get("gender")
                    if g:
                        ents[e].votes[g] = ents[e].votes.get(g, 0) + 1
                    new.append(m)
                    recent.append(m)
                    by_tok[t.i] = m
                continue
            if t.pos != "NOUN" or not doc.has_parser:
                continue
            typ = self.desc_types.get(t.lemma.casefold()) or self.desc_types.get(low)
            if typ is None and t.lemma.casefold() in self.title_words:
                typ = "PERSON"
            if typ is None:
                continue
            dets = [c for c in self.ix.children(t.i, "det") if _lower(toks[c]) == "the"]
            if not dets or t.dep in ("compound", "appos"):
                continue
            if any(c in by_tok for c in self.ix.children(t.i, "appos")) or \
                    any(toks[c].dep in ("prep", "relcl", "acl") for c in self.ix.children(t.i)):
                continue
            if any(c in by_tok for c in self.ix.children(t.i, ("compound", "poss", "amod"))):
                continue  # "the Reuters agency", "Assad's cousin": not a bare description
            e = self._description_antecedent(t, typ, recent, count)
            if e is None:
                continue
            lo = min(dets)
            m = Mention(toks[lo].start, t.end, lo, t.i + 1, typ, "desc", doc.text[toks[lo].start:t.end], e)
            new.append(m)
            recent.append(m)
            count[e] += 1
            for i in range(lo, t.i + 1):
                by_tok[i] = m
            if typ == "PERSON":
                _, _, title = self._np_text(lo, t.i + 1)
                words = title.split()
                if words and words[0].casefold() == "the":
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
        for c in self.ix.children(j, ("nsubj", "nsubjpass")):
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
        subj_deps = ("nsubj", "nsubjpass")
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
            excluded = self._clause_subjects(t.i) if t.dep not in ("nsubj", "nsubjpass") else set()
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

    # -- titles ------------------------------------------------------------------------------
    def collect_titles(self, final: bool = False) -> None:
        toks = self.doc.tokens
        added: list[Mention] = []
        for m, head, lo, hi, how in self.descriptors():
            lo, hi, text = self._np_text(lo, hi)
            if not text or hi - lo > 14:
                continue
            if final and how in ("appos", "appos_of") and m.type == "PERSON" and hi - lo <= 8 and \
                    (_lower(toks[lo]) == "the" or toks[lo].dep == "poss" or
                     any(toks[c].dep == "poss" for c in self.ix.children(head))):
                # a definite apposition is a mention too: "the country's former president, X"
                start, end = toks[lo].start, toks[hi - 1].end
                if not any(x.start == start and x.end == end for x in self.entities[m.entity].mentions):
                    added.append(Mention(start, end, lo, hi, "PERSON", "desc", text, m.entity))
            if how == "premod" and m.type != "PERSON":
                continue
            if m.type != "PERSON":
                # organisations/places: only short appositions ("Reuters, the news agency")
                if how != "appos" or hi - lo > 6:
                    continue
            self.entities[m.entity].add_title(text)
            if m.type == "PERSON":
                low = {w.casefold() for w in text.split()}
                if self.entities[m.entity].gender is None:
                    if low & self.female and not low & self.male:
                        self.entities[m.entity].gender = "f"
                    elif low & self.male and not low & self.female:
                        self.entities[m.entity].gender = "m"
        for m in added:
            self.entities[m.entity].mentions.append(m)
        self.mentions.extend(added)

    # -- output ------------------------------------------------------------------------------
    def run(self) -> None:
        mentions = self.name_mentions()
        self.fix_types(mentions)
        mentions = self.add_missed_names(mentions)
        self.coordinated_full_names(mentions)
        self.cluster(mentions)
        # premodifier titles first, so "the former president" can match "former Syrian President"
        self.collect_titles()
        self.resolve_references()
        self.collect_titles(final=True)

    def records(self) -> list[dict[str, Any]]:
        out = []
        order = sorted(range(len(self.entities)),
                       key=lambda e: min((m.start for m in self.entities[e].mentions), default=1 << 60))
        n = 0
        for e in order:
            ent = self.entities[e]
            if not ent.mentions:
                continue
            n += 1
            names = [x for x in ent.names if x.strip()]
            name = max(names, key=lambda s: (len(s.split()), len(s))) if names else ent.mentions[0].text
            seen = {name.casefold()}
            aliases = []
            for x in names:
                if x.casefold() not in seen:
                    seen.add(x.casefold())
                    aliases.append(x)
            ms, last_end = [], -1
            for m in sorted(ent.mentions, key=lambda m: (m.start, -m.end)):
                if ms and m.start == ms[-1]["start"] and m.end == ms[-1]["end"]:
                    continue
                ms.append({"start": m.start, "end": m.end, "text": self.doc.text[m.start:m.end]})
            rec = {"id": f"e{n}", "name": name, "type": ent.type, "aliases": aliases,
                   "mentions": ms, "titles": list(ent.titles)}
            if ent.category:
                rec["category"] = ent.category
            out.append(rec)
        return out


def resolve(doc, gazetteer=None, organisations=None) -> Resolution:
    data = doc.data["actors"] if doc.data is not None else {}
    titles = doc.data["titles"] if doc.data is not None else {}
    res = Resolution(doc, data, titles, gazetteer, organisations)
    res.run()
    return res


class _LazyGazetteer:
    """The shared gazetteer, built only when a description first needs it."""

    def __init__(self, resources) -> None:
        self.resources = resources

    def lookup(self, name: str):
        from .gazetteer import Gazetteer

        return self.resources.shared("gazetteer", Gazetteer).lookup(name)


class ActorExtractor(Extractor):
    name = "actors"
    assigns = ("entities",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        from .organisations import KnownOrganisations

        orgs = self.resources.shared("organisations", KnownOrganisations)
        return {"entities": resolve(doc, _LazyGazetteer(self.resources), orgs).records()}
