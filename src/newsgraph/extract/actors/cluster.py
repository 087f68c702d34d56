"""Clustering name mentions into entities (part of ``Resolution``).

Multi-word person names are entities; a bare surname or first name goes to the most salient
person carrying it; inflected uk/ru surnames the dictionary did not know merge with their
nominative; other types group by normalised text (one type per name, gazetteer keys for places,
acronyms and shortened organisation names).
"""
from __future__ import annotations

import bisect

from .mentions import Entity, Mention, _lower


class Clustering:
    """Mentions into entities."""

    def merge_inflected_names(self, mentions: list[Mention]) -> None:
        """uk/ru: "Рамі Махлуфа" and "Рамі Махлуф" are one person when the dictionary could not
        give the base form of an unknown surname: the longer form is the shorter plus a case
        ending (data: surname_case_endings). Both then carry the shorter form as their base."""
        endings = sorted(self.data.get("surname_case_endings", []), key=len, reverse=True)
        if not endings:
            return
        names = {self.norm(m.name): m.name for m in mentions
                 if m.type == "PERSON" and len(m.name.split()) >= 2}
        surnames = {self.norm(n.split()[-1]): n.split()[-1] for n in names.values()}
        for m in mentions:
            if m.type == "PERSON" and len(m.text.split()) == 1 and self.norm(m.name) not in surnames:
                # one inflected word of a surname the document names in full ("родиною Асадів")
                word = m.text.casefold()
                for ending in endings:
                    if word.endswith(ending) and self.norm(word[:-len(ending)]) in surnames:
                        m.base = surnames[self.norm(word[:-len(ending)])]
                        break
                continue
            if m.type != "PERSON" or len(m.name.split()) < 2:
                continue
            words = m.name.split()
            last = words[-1].casefold()
            for ending in endings:
                if last.endswith(ending) and len(last) - len(ending) >= 3:
                    shorter = self.norm(" ".join(words[:-1] + [words[-1][:-len(ending)]]))
                    if shorter in names:
                        m.base = names[shorter]
                        break

    def inflection_key(self, name: str) -> str:
        """uk/ru: the name's words without a case ending (surname_case_endings), each stem kept
        at three letters or more: «Еста Холдинг», «Есты Холдинг», «Есті Холдинг» share a key."""
        out = []
        for w in self.norm(name).split():
            for ending in self.case_endings:
                if w.endswith(ending) and len(w) - len(ending) >= 3:
                    w = w[:-len(ending)]
                    break
            out.append(w)
        return " ".join(out)

    def one_form_per_organisation(self, by_stem: dict[str, list[Mention]]) -> None:
        """An organisation whose mentions the backend gave different base forms (a name the
        dictionary does not know, «Роскомнадзора» left as written beside «Роскомнадзор») is
        named by one of them: the most frequent, then one the backend normalised (not left as
        written), then the earliest. Mentions whose base forms agree are left alone."""
        for group in by_stem.values():
            if len({self.norm(m.name) for m in group}) < 2 or len({m.entity for m in group}) != 1:
                continue
            score: dict[str, list[int]] = {}
            for k, m in enumerate(group):
                s = score.setdefault(m.name, [0, 0, -k])
                s[0] += 1
                if m.base and m.base != m.text:
                    s[1] = 1
            best = max(score, key=lambda n: score[n])
            for m in group:
                m.base = best

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
                key = self.norm(name)
                e = by_key.get(("PERSON", key))
                if e is None:
                    e = new("PERSON", key)
                    surname_of.setdefault(self.surname_key(name), []).append(e)
                    firstname_of.setdefault(self.first_key(name), []).append(e)
                m.entity = e
                ents[e].full_mentions += 1
        full_positions: dict[int, list[int]] = {}
        in_body: set[int] = set()      # people named in full outside captions and credits
        for m in mentions:
            if m.entity >= 0:
                full_positions.setdefault(m.entity, []).append(m.start)
                if not self.in_furniture(m.start, m.end):
                    in_body.add(m.entity)

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
                d = votes.setdefault(self.norm(m.name), {})
                d[m.type] = d.get(m.type, 0) + 1
        for m in mentions:
            d = votes.get(self.norm(m.name)) if m.entity < 0 else None
            if d and len(d) > 1 and m.type in d:
                known = self.gazetteer is not None and self.gazetteer.lookup(m.name) is not None
                if "LOC" in d and known:
                    m.type = "LOC"
                elif "ORG" in d and self.gazetteer is not None and not known:
                    m.type = "ORG"          # not a known place: the organisation reading
                else:
                    m.type = max(d, key=lambda t: d[t])
        # pass 2: everything else
        by_stem: dict[str, list[Mention]] = {}     # uk/ru organisations by their words' stems
        for m in mentions:
            if m.entity >= 0:
                continue
            if m.type == "PERSON":
                key = self.norm(m.name)
                cands = surname_of.get(self.surname_key(m.name)) or firstname_of.get(key)
                if cands and not self.in_furniture(m.start, m.end):
                    # a person the body names in full before one named only in a caption/credit
                    cands = [e for e in cands if e in in_body] or cands
                if cands:
                    m.entity = pick(cands, m.start)
                    continue
                e = by_key.get(("PERSON", key))
                m.entity = e if e is not None else new("PERSON", key)
                continue
            key = self.group_key(m.name) if m.type == "GROUP" else self.norm(m.name)
            if m.type == "LOC" and self.gazetteer is not None:
                # "U.S." and "the United States" are one place
                place = self.gazetteer.lookup(m.name)
                if place is not None:
                    key = f"@{place.kind}:{place.name}:{place.country}"
            e = by_key.get((m.type, key))
            stem = self.inflection_key(m.text) if m.type == "ORG" and self.case_endings else ""
            if e is None and stem in by_stem:
                e = by_stem[stem][0].entity    # «Есты Холдинг» is «Еста Холдинг»
            m.entity = e if e is not None else new(m.type, key)
            if stem:
                by_stem.setdefault(stem, []).append(m)
        self.one_form_per_organisation(by_stem)
        # acronyms and shortened organisation names
        orgs = [i for i, e in enumerate(ents) if e.type == "ORG"]
        initials: dict[str, int] = {}
        for i in orgs:
            words = [w for w in ents[i].key.split() if w not in self.acronym_skip]
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
