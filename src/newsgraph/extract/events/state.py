"""One document's event state: the event record under construction and the document view the
rules share (tokens, paragraph-aware parse navigation, entity mentions, furniture). Built per
call; nothing survives it."""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Any

from ...lang.base import AnalyzedDoc
from ..spans import SpanIndex
from ...doc import labels as L
from .lexicon import AGENT_LINK, Lexicon


@dataclass
class Event:
    type: str
    head: int                  # trigger head token
    first: int                 # trigger token range [first, last)
    last: int
    is_noun: bool
    agents: list[str] = field(default_factory=list)
    patients: list[str] = field(default_factory=list)
    place: str | None = None
    time: int | None = None
    modality: str = "asserted"
    arguments: list[dict[str, Any]] = field(default_factory=list)
    anchor: int = -1           # the verb whose clause the event lives in (light verb for nouns)
    score: float = 0.0
    quantities: list[dict[str, Any]] = field(default_factory=list)   # {quantity, role}
    mentions: list[tuple[int, int]] = field(default_factory=list)    # other trigger token ranges


class State:
    """One document's extraction state (no state survives the call)."""

    def __init__(self, doc: AnalyzedDoc, lex: Lexicon, parts: dict[str, Any],
                 currency_codes: frozenset[str] = frozenset()) -> None:
        self.doc, self.lex = doc, lex
        self.currency_codes = currency_codes
        self.toks = doc.tokens
        self.entities = parts.get("entities") or []
        self.times = parts.get("times") or []
        self.claims = parts.get("claims") or []
        self.parts_quantities = parts.get("quantities") or []
        self.ent_by_id = {e["id"]: e for e in self.entities}
        self.parser = bool(doc.has_parser) and any(t.head >= 0 for t in self.toks)
        # the document's one tree; parse edges across paragraphs (a headline glued to the next
        # paragraph) are ignored
        self.tree = doc.tree
        # block = paragraph: a token after a line break starts a new one (a whitespace token
        # holding a line break belongs to the paragraph it opens)
        self.block: list[int] = []
        b = 0
        prev_end = 0
        for t in self.toks:
            if "\n" in doc.text[prev_end:t.start] or (not t.text.strip() and "\n" in t.text):
                b += 1
            prev_end = t.end
            self.block.append(b)
        self.seg = [(t.sent, self.block[t.i]) for t in self.toks]
        self.dist_cache: dict[tuple[int, int], dict[int, int]] = {}   # tree distances per trigger
        # token -> entity id of the shortest mention containing it, from the document's one
        # mention index over the record's entities
        index = doc.mention_index(self.entities)
        self.tok_ent: dict[int, str] = {}
        best: dict[int, int] = {}
        self.mentions: list[tuple[int, int, str]] = []   # token ranges [first, last), entity id
        for r in index.entries:
            if r.last <= r.first:
                continue
            self.mentions.append((r.first, r.last, r.entity))
            length = r.end - r.start
            for j in range(r.first, r.last):
                if not self.toks[j].text.strip():
                    continue
                if j not in best or length < best[j]:
                    best[j] = length
                    self.tok_ent[j] = r.entity
        self.mentions.sort()
        # captions, credits, bylines, related links and teasers (ingest/cleaning.py) hold no
        # events and give none their time
        furniture = SpanIndex((f["start"], f["end"]) for f in parts.get("furniture") or []
                              if f.get("start") is not None and f.get("end") is not None)
        self.furniture = furniture
        self.in_furniture = [bool(len(furniture)) and furniture.any_overlap(t.start, t.end)
                             for t in self.toks]
        self.times_by_sent: dict[int, list[tuple[int, int]]] | None = None
        self.claimed_spans: SpanIndex | None = None
        # reflexive verbs read as passives of a trigger ("задерживался полицией"), set by triggers
        self.reflexive_passives: set[int] = set()

    def _head(self, i: int) -> int | None:
        t = self.toks[i]
        h = t.head
        if h < 0 or h == i or h >= len(self.toks) or self.seg[h] != self.seg[i]:
            return None
        return h

    def head(self, i: int) -> int | None:
        return self._head(i) if self.parser else None

    def children(self, i: int, deps: frozenset[str] | set[str] | None = None) -> list[int]:
        """i's children in the document tree within i's paragraph, in text order."""
        if not self.parser:
            return []
        seg = self.seg[i]
        return [c for c in self.tree.children(i, deps) if self.seg[c] == seg]

    def dep(self, i: int) -> str:
        return self.toks[i].dep if self.head(i) is not None else "ROOT"

    def lemma(self, i: int) -> str:
        lemma = self.toks[i].lemma.casefold()
        return self.lex.lemma_fixes.get(self.toks[i].text.casefold()) or self.lex.lemma_fixes.get(lemma, lemma)

    def keys(self, i: int) -> set[str]:
        return self.lex.keys(self.toks[i])

    def prep_objects(self, i: int) -> list[tuple[str, int]]:
        """(preposition, object token) for i's prepositional dependents (UD obl/nmod with a
        `case` child; a passive's agent phrase as AGENT_LINK)."""
        out: list[tuple[str, int]] = []
        for c in self.children(i):
            dep = self.toks[c].dep
            if dep.startswith(L.PREP_OBJECT_UD_PREFIXES) and dep not in L.POSSESSOR:
                case = next((g for g in self.children(c) if self.toks[g].dep in L.CASE_MARKER), None)
                if dep in L.AGENT_UD:
                    out.append((AGENT_LINK, c))
                else:
                    out.append((self.lemma(case) if case is not None else "", c))
        return out

    def is_passive(self, v: int) -> bool:
        if self.children(v, L.PASSIVE_NOMINAL_SUBJECT) or self.children(v, L.PASSIVE_AUXILIARY):
            return True
        tok = self.toks[v]
        return (tok.feat("Voice") == "Pass" or v in self.reflexive_passives
                or self.lex.participle_verb(tok) is not None or self.lex.is_impersonal_passive(tok))

    def case(self, i: int) -> str | None:
        """The token's grammatical case (UD Case feature), None without one."""
        return self.toks[i].feat("Case")

    def surface_subjects(self, v: int, depth: int = 0) -> list[int]:
        """Subject tokens of verb v, inherited through conj/xcomp/advcl/relcl/acl when absent."""
        subj = self.children(v, (L.SUBJECT | L.EXPLETIVE) | L.PASSIVE_NOMINAL_SUBJECT)
        h = self.head(v)
        dep = self.dep(v)
        if dep in L.RELATIVE_CLAUSE and h is not None:
            subj = [h if self.lemma(s) in self.lex.relativizers else s for s in subj]
            rel_obj = [o for o in self.children(v, L.OBJECT) if self.lemma(o) in self.lex.relativizers]
            if not subj and not rel_obj:
                subj = [h]
        if subj or h is None or depth > 4:
            return subj
        if dep in L.ADNOMINAL_CLAUSE and self.toks[h].pos in L.NOUN_POS:
            return [h]
        if dep in L.CONJUNCT | L.OPEN_COMPLEMENT | L.ADVERBIAL_CLAUSE and self.toks[h].pos in (L.VERB_POS | {"AUX", "ADJ"}):
            return self.surface_subjects(h, depth + 1)
        return []

    def resolve(self, i: int) -> list[str]:
        """Entity ids an argument head stands for (conjuncts, appositions, partitives followed)."""
        out: list[str] = []
        stack, seen = [i], set()
        while stack:
            j = stack.pop()
            if j in seen:
                continue
            seen.add(j)
            e = self.tok_ent.get(j)
            if e:
                if e not in out:
                    out.append(e)
            elif self.parser:
                if self.lemma(j) in self.lex.partitives or self.toks[j].pos == "NUM":
                    stack.extend(o for p, o in self.prep_objects(j) if p in self.lex.genitive_preps)
                stack.extend(self.children(j, L.APPOSITION))
                for c in self.children(j, L.COMPOUND | L.FLAT):
                    if self.toks[c].pos == "PROPN" and self.tok_ent.get(c):
                        stack.append(c)
                if self.toks[j].pos == "NOUN":
                    # "Ukrainian forces", "Russian troops": the nation or group named by the modifier
                    for c in self.children(j, L.ADJECTIVAL_MODIFIER):
                        e = self.tok_ent.get(c)
                        if e and self.ent_by_id.get(e, {}).get("type") in ("GROUP", "ORG", "LOC") \
                                and e not in out:
                            out.append(e)
            if self.parser:
                stack.extend(self.children(j, L.CONJUNCT))
        return out

    def loc(self, i: int) -> str | None:
        e = self.tok_ent.get(i)
        if e and self.ent_by_id.get(e, {}).get("type") == "LOC":
            return e
        return None

    def lead_index(self) -> int:
        for t in self.toks:
            if (t.pos in L.VERB_POS | {"AUX"} or self.parser and self.children(t.i, L.COPULA)) \
                    and (not self.parser or self.dep(t.i) == "ROOT") \
                    and not self.in_furniture[t.i]:
                return t.i
        return 0

    def _link(self, i: int) -> int:
        """Length of the link from token i to its head: 2 for a prepositional phrase."""
        dep = self.toks[i].dep
        if dep.startswith(L.PREP_OBJECT_UD_PREFIXES) and dep not in L.POSSESSOR \
                and self.children(i, L.CASE_MARKER):
            return 2
        return 1

    def distance(self, ev: Event, target: int) -> float:
        if not self.parser:
            return abs(ev.head - target)
        key = (ev.head, ev.anchor)
        dist = self.dist_cache.get(key)
        if dist is None:
            # undirected tree distances from the trigger (or its light verb, whichever is
            # nearer); a prepositional phrase's link (UD obl/nmod with a case marker) counts two,
            # the preposition being a word between the phrase and its head
            starts = {ev.head, ev.anchor} - {-1}
            dist = {s: 0 for s in starts}
            heap = [(0, s) for s in starts]
            while heap:
                d, j = heapq.heappop(heap)
                if d > dist.get(j, math.inf):
                    continue
                h = self.head(j)
                steps = [(k, self._link(k)) for k in self.children(j)]
                if h is not None:
                    steps.append((h, self._link(j)))
                for k, w in steps:
                    if d + w < dist.get(k, math.inf):
                        dist[k] = d + w
                        heapq.heappush(heap, (d + w, k))
            self.dist_cache[key] = dist
        return dist.get(target, math.inf)
