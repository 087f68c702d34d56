"""From candidates to record claims: dedupe, one claim per source conjunct, entity resolution,
source kinds, the via chain (wire re-reports, nested reporting), hedges.

Coordinated sources ("Kamal Hassan and Rami Makhlouf did not respond", "Two officers and a
Syrian regional governor confirmed") always give one claim per conjunct: each claim has exactly
one source, so counts and per-source statuses stay simple. The conjunct claims share content and
cue spans.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from ...lang.base import AnalyzedDoc
from ..spans import GrowingSpans, SpanIndex
from .lexicon import Lexicon
from .rules import Cand, trim

ACTOR_TYPES = ("PERSON", "ORG")


def _span(text: str, a: int, b: int) -> dict[str, Any]:
    return {"start": a, "end": b, "text": text[a:b]}


def _overlap(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
    return bool(x and y and x[0] < y[1] and y[0] < x[1])


class Resolver:
    def __init__(self, doc: AnalyzedDoc, lex: Lexicon, entities: list[dict[str, Any]]) -> None:
        self.doc, self.lex, self.text = doc, lex, doc.text
        self.entities = {e["id"]: e for e in entities}
        self.mentions = sorted(
            ((m["start"], m["end"], e["id"]) for e in entities for m in e.get("mentions", [])),
            key=lambda x: (x[0], -x[1]))
        # indexes over the sorted mentions and sentences: lookups stay logarithmic on long texts
        self._m_starts = [s for s, _, _ in self.mentions]
        self._m_longest = max((e - s for s, e, _ in self.mentions), default=0)
        self._s_starts = [s.start for s in doc.sentences]
        self._by_name: dict[str, str] | None = None
        self._outlet: list[str | None] = []

    # -- entities --------------------------------------------------------------------------------
    def entity_at(self, a: int, b: int) -> str | None:
        """The entity mentioned in [a, b): a PERSON/ORG one first, the last-ending one first."""
        best, best_key = None, None
        # mentions starting before a - (longest mention) end by a: skipped, as a scan would
        first = bisect.bisect_left(self._m_starts, a - self._m_longest)
        for s, e, eid in self.mentions[first:bisect.bisect_left(self._m_starts, b, first)]:
            if s >= b:
                break
            if e <= a:
                continue
            ent = self.entities[eid]
            covers_end = e >= b - 1
            key = (ent["type"] in ACTOR_TYPES, covers_end, e)
            if best_key is None or key > best_key:
                best, best_key = eid, key
        if best and self.entities[best]["type"] not in ACTOR_TYPES + ("GROUP",):
            return None
        if best and self.entities[best]["type"] == "GROUP":
            # "a Syrian regional governor": a nationality adjective is not the speaker
            words = self.text[a:b].split()
            if len(words) > 1:
                return None
        return best

    def outlet_entity(self) -> str | None:
        """The article's one outlet (or its one ORG), for "the agency"/"the newspaper"."""
        if not self._outlet:                    # worked out once per document
            self._outlet.append(self._find_outlet_entity())
        return self._outlet[0]

    def _find_outlet_entity(self) -> str | None:
        outlets = [eid for eid, e in self.entities.items()
                   if e["type"] == "ORG" and self.lex.is_outlet_name(e["name"])]
        if len(set(outlets)) == 1:
            return outlets[0]
        if not outlets:
            orgs = [eid for eid, e in self.entities.items() if e["type"] == "ORG"]
            if len(orgs) == 1:
                return orgs[0]
        return None

    def previous_person(self, before: int) -> str | None:
        """Antecedent of a third-person pronoun: the first person mentioned in the pronoun's
        sentence before it, else in the nearest earlier sentence (subjects come first)."""
        sents = self.doc.sentences
        k = max(bisect.bisect_right(self._s_starts, before) - 1, 0)
        for n in range(k, max(k - 3, -1), -1):
            lo, hi = sents[n].start, min(sents[n].end, before)
            for j in range(bisect.bisect_left(self._m_starts, lo), len(self.mentions)):
                s, e, eid = self.mentions[j]
                if s >= hi:
                    break
                if s >= lo and self.entities[eid]["type"] == "PERSON":
                    return eid
        return None

    def elliptic_name(self, eid: str | None, part: str, last: str | None) -> str | None:
        """'Bashar or Maher al-Assad': Bashar -> the 'Bashar al-Assad' entity when there is one."""
        if not last or " " in part.strip():
            return eid
        last_name = self.entities[last]["name"] if last in self.entities else ""
        if " " not in last_name:
            return eid
        tail = last_name.split(" ", 1)[1]
        full = f"{part.strip()} {tail}".casefold()
        if self._by_name is None:
            self._by_name = {}
            for oid, e in self.entities.items():
                self._by_name.setdefault(e["name"].casefold(), oid)
        return self._by_name.get(full, eid)

    # -- source kind -----------------------------------------------------------------------------
    def source_for(self, a: int, b: int, forced: str | None = None,
                   eid: str | None = None, lookup: bool = True) -> dict[str, Any]:
        stext = self.text[a:b]
        words = [w.casefold() for w in re.findall(r"\w[\w'-]*", stext)]
        if eid is None and lookup:
            eid = self.entity_at(a, b)
        kind = forced
        head = words[-1] if words else ""
        if self.lex.lang != "en" and words:
            head = words[0]
        lemmas = {t.lemma.casefold() for t in self.doc.tokens_in(a, b)}
        if kind is None:
            named = self.entities.get(eid, {}).get("name", "") if eid else ""
            if head in self.lex.anon_nouns and not self.lex.is_outlet_name(head) and \
                    not (named and not self.lex.is_outlet_name(named) and
                         self.entities[eid]["type"] == "PERSON"):
                kind = "anonymous"          # "Reuters sources", "Источники Reuters"
            elif self.lex.find_outlet(stext) or (named and self.lex.is_outlet_name(named)):
                kind = "outlet"
            elif eid is None and (words and (" ".join(words[-2:]) in self.lex.outlet_nouns or
                                             head in self.lex.outlet_nouns)) and \
                    len(words) <= 3:
                oid = self.outlet_entity()
                kind = "outlet"
                eid = oid
            elif self.lex.anon_patterns and self.lex.anon_patterns.search(stext):
                kind = "anonymous"
            elif eid is None and words and words[0] in self.lex.pronouns and len(words) == 1:
                eid = self.previous_person(a)      # "he said": a person named earlier
                kind = "named"
            elif eid is None and (head in self.lex.document_nouns or
                                  lemmas & self.lex.document_nouns and head not in
                                  self.lex.anon_nouns):
                kind = "document"
            elif eid is None and (head in self.lex.anon_nouns or lemmas & self.lex.anon_nouns):
                kind = "anonymous"
            else:
                kind = "named"
        return {"entity": eid, "text": stext, "start": a, "end": b, "kind": kind}

    # -- the whole article -----------------------------------------------------------------------
    def wire(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(the wire/primary source the article re-reports, the title attribution info)."""
        title = (self.doc.title or "").strip()
        name = None
        for p in self.lex.title_patterns:
            m = p.search(title)
            if m and (self.lex.is_outlet_name(m.group("outlet")) or
                      self._org_named(m.group("outlet"))):
                name = m.group("outlet").strip()
                break
        if name is None:
            head = self.text[:300]
            for p in self.lex.dateline_patterns:
                m = p.search(head)
                if m and self.lex.is_outlet_name(m.group("outlet")):
                    name = m.group("outlet").strip()
        title_info = None
        if title:
            hedges = self.hedges_in(title)
            title_info = {"text": title, "source": name, "hedges": hedges}
        if name is None:
            return None, title_info
        return self.named_source(name), title_info

    def title_claim(self, title_info: dict[str, Any] | None) -> dict[str, Any] | None:
        """The headline as a claim of the wire it names, when the headline is part of the text
        (``--as-is``): "Pro-Assad Russians reportedly plotting uprising - Reuters"."""
        if not title_info or not title_info.get("source"):
            return None
        title = title_info["text"]
        at = self.text.find(title)
        if at < 0:
            return None
        name = title_info["source"]
        src_at = title.rfind(name)
        if src_at < 0:
            return None
        a, b = trim(self.text, at, at + src_at)
        a, b = trim(self.text, a, b, " \t-–—|(")
        if b <= a:
            return None
        src = {"entity": None, "text": name, "start": at + src_at, "end": at + src_at + len(name),
               "kind": "outlet"}
        src["entity"] = self.entity_at(src["start"], src["end"])
        if src["entity"] is None:
            named = self.named_source(name)
            src["entity"] = named.get("entity")
        return {"content": _span(self.text, a, b), "cue": None, "source": src, "via": [],
                "status": "asserted", "hedges": list(title_info.get("hedges") or []),
                "_rule": "title"}

    def lead_wire(self, claims: list[dict[str, Any]]) -> dict[str, Any] | None:
        """An outlet other than the publisher cited as a source in the first two sentences
        ("..., according to Reuters"): the article re-reports it."""
        if not self.doc.sentences:
            return None
        lead_end = self.doc.sentences[min(1, len(self.doc.sentences) - 1)].end
        outlet = (self.doc.outlet or "").strip().casefold()
        for cl in claims:
            src = cl["source"]
            if cl["content"]["start"] < lead_end and src["kind"] == "outlet" and \
                    src["start"] is not None and src["text"].casefold() != outlet:
                ent = src["entity"]
                if ent and self.entities.get(ent, {}).get("name", "").casefold() == outlet:
                    continue
                return self.named_source(self.entities[ent]["name"]) if ent else \
                    {k: src[k] for k in ("entity", "text", "start", "end", "kind")}
        return None

    def _org_named(self, name: str) -> bool:
        return any(e["type"] == "ORG" and e["name"].casefold() == name.strip().casefold()
                   for e in self.entities.values())

    def named_source(self, name: str) -> dict[str, Any]:
        """A source object for an outlet by name: its first mention in the text when there is one."""
        for eid, e in self.entities.items():
            if e["name"].casefold() == name.casefold() or name.casefold() in (
                    a.casefold() for a in e.get("aliases", [])):
                ms = sorted(e.get("mentions", []), key=lambda m: m["start"])
                if ms:
                    return {"entity": eid, "text": ms[0]["text"], "start": ms[0]["start"],
                            "end": ms[0]["end"], "kind": "outlet"}
                return {"entity": eid, "text": name, "start": None, "end": None, "kind": "outlet"}
        m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", self.text)
        if m:
            return {"entity": None, "text": name, "start": m.start(), "end": m.end(),
                    "kind": "outlet"}
        return {"entity": None, "text": name, "start": None, "end": None, "kind": "outlet"}

    def hedges_in(self, text: str) -> list[str]:
        if not self.lex.hedges:
            return []
        out: list[str] = []
        for m in self.lex.hedges.finditer(text):
            h = m.group(0)
            if h[:1].isupper() and h in ("May",):   # the month
                continue
            h = " ".join(h.casefold().split())
            if h not in out:
                out.append(h)
        return out

    def same_source(self, x: dict[str, Any], y: dict[str, Any]) -> bool:
        if x.get("entity") and x.get("entity") == y.get("entity"):
            return True
        return x["text"].casefold() == y["text"].casefold()

    # -- assembly --------------------------------------------------------------------------------
    def claims(self, cands: list[Cand]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        text = self.text
        kept: list[Cand] = []
        cues = GrowingSpans()                  # the kept cues
        by_content: dict[tuple[int, int], list[Cand]] = {}
        first_rank: GrowingSpans | None = None  # contents of kept priority-0 claims
        for c in sorted(cands, key=lambda c: (c.priority, c.content[0])):
            if cues.any_overlap(c.cue):
                continue
            if any(k.source == c.source or k.priority == 0 for k in by_content.get(c.content, ())):
                continue
            if c.priority > 0:
                if first_rank is None:          # sorted by priority: the priority-0 ones are all in
                    first_rank = GrowingSpans(k.content for k in kept if k.priority == 0)
                if first_rank.any_overlap(c.cue):
                    continue
            kept.append(c)
            cues.add(c.cue)
            by_content.setdefault(c.content, []).append(c)
        kept.sort(key=lambda c: (c.content[0], c.cue[0] if c.cue else 0))

        wire, title_info = self.wire()
        outlet = (self.doc.outlet or "").strip() or None
        outlet_src = {"entity": None, "text": outlet, "start": None, "end": None,
                      "kind": "outlet"} if outlet else None

        claims: list[dict[str, Any]] = []
        for c in kept:
            sources: list[dict[str, Any]] = []
            if c.source is None:
                sources.append({"entity": None, "text": "", "start": None, "end": None,
                                "kind": "unattributed"})
            else:
                parts = c.heads or [c.source]
                by_head = bool(c.head_words and len(c.head_words) == len(parts))
                if by_head:
                    ents = [next((e for e in (self.entity_at(*w) for w in words) if e), None)
                            for words in c.head_words]
                else:
                    ents = [self.entity_at(*p) for p in parts]
                for n, p in enumerate(parts):
                    eid = self.elliptic_name(ents[n], text[p[0]:p[1]], ents[-1]) \
                        if len(parts) > 1 else ents[n]
                    sources.append(self.source_for(p[0], p[1], c.kind, eid, lookup=not by_head))
            hedges = [] if c.status in ("no_comment", "unreachable") else \
                self.hedges_in(text[c.content[0]:c.content[1]]) + \
                (self.hedges_in(text[c.cue[0]:c.cue[1]]) if c.cue else [])
            for src in sources:
                claims.append({
                    "content": _span(text, *c.content),
                    "cue": _span(text, *c.cue) if c.cue else None,
                    "source": src, "via": [], "status": c.status,
                    "hedges": list(dict.fromkeys(hedges)),
                    "_rule": c.rule,
                })
        if wire is None:
            wire = self.lead_wire(claims)
        title_claim = self.title_claim(title_info)
        if title_claim and not any(_overlap((c["content"]["start"], c["content"]["end"]),
                                            (title_claim["content"]["start"],
                                             title_claim["content"]["end"])) for c in claims):
            claims.insert(0, title_claim)
        # the chain: nested reporting first, then the wire, then the publishing outlet
        sourced = [n for n, o in enumerate(claims) if o["source"]["start"] is not None]
        contents = SpanIndex((claims[n]["content"]["start"], claims[n]["content"]["end"])
                             for n in sourced)
        for cl in claims:
            via: list[dict[str, Any]] = []
            a = cl["cue"]["start"] if cl["cue"] else cl["content"]["start"]
            near = [claims[sourced[k]] for k in contents.containing(a)]
            outer = [o for o in near if o is not cl and o["content"]["start"] <= a <
                     o["content"]["end"] and o["source"]["start"] is not None and
                     o["content"]["end"] - o["content"]["start"] >
                     cl["content"]["end"] - cl["content"]["start"]]
            if outer:
                o = min(outer, key=lambda o: o["content"]["end"] - o["content"]["start"])
                if not self.same_source(o["source"], cl["source"]):
                    via.append({k: o["source"][k] for k in ("entity", "text", "start", "end",
                                                             "kind")})
            if wire and not self.same_source(wire, cl["source"]) and \
                    not any(self.same_source(wire, v) for v in via):
                via.append(dict(wire))
            if outlet_src and not self.same_source(outlet_src, cl["source"]) and \
                    not any(self.same_source(outlet_src, v) for v in via):
                via.append(dict(outlet_src))
            cl["via"] = via
        info = {"wire": wire, "title": title_info}
        return claims, info
