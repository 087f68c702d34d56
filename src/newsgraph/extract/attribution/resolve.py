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

from ...doc.types import AnalyzedDoc
from ..spans import GrowingSpans, SpanIndex
from .lexicon import Lexicon
from .rules import Cand, quote_spans, trim

ACTOR_TYPES = ("PERSON", "ORG")
SILENT = ("no_comment", "unreachable")      # statuses that say nothing about the matter


# how a sentence of running text ends (a headline or a date line does not)
SENTENCE_ENDS = (".", "!", "?", "…", "\"", "»", "”", "“")


def _span(text: str, a: int, b: int) -> dict[str, Any]:
    return {"start": a, "end": b, "text": text[a:b]}


def _overlap(x: tuple[int, int] | None, y: tuple[int, int] | None) -> bool:
    return bool(x and y and x[0] < y[1] and y[0] < x[1])


class Resolver:
    def __init__(self, doc: AnalyzedDoc, lex: Lexicon, entities: list[dict[str, Any]]) -> None:
        self.doc, self.lex, self.text = doc, lex, doc.text
        self.entities = {e["id"]: e for e in entities}
        self.quotes = quote_spans(self.text, lex)
        self._q_starts = [qa for qa, _ in self.quotes]
        self._descriptors: tuple[dict, dict, dict] | None = None    # built on first use
        # the document's one entity/mention index (mentions by start: logarithmic lookups)
        self.index = doc.mention_index(entities)
        self._by_name: dict[str, str] | None = None
        self._outlet: list[str | None] = []

    # -- entities --------------------------------------------------------------------------------
    def entity_at(self, a: int, b: int) -> str | None:
        """The entity mentioned in [a, b): a PERSON/ORG one first, the last-ending one first."""
        best, best_key = None, None
        for ref in self.index.overlapping(a, b):
            e, eid = ref.end, ref.entity
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

    def previous_person(self, before: int, gender: str | None = None) -> str | None:
        """Antecedent of a third-person pronoun: the first person mentioned in the pronoun's
        sentence before it, else in the nearest earlier sentence (subjects come first). Photo
        captions and credit lines are skipped ("Photo: John Smith/Reuters" names no speaker);
        where the verb has a gender, the person must agree with it."""
        sents = self.doc.sentences
        k = self.doc.sentence_index(before)
        # taggers guess foreign first names' gender: one that disagrees is the fallback
        for strict in ((True, False) if gender else (False,)):
            for n in range(k, max(k - 3, -1), -1):
                lo, hi = sents[n].start, min(sents[n].end, before)
                ordered = self.index.sorted
                for j in range(self.index.from_index(lo), len(ordered)):
                    s, eid = ordered[j].start, ordered[j].entity
                    if s >= hi:
                        break
                    if self.entities[eid]["type"] == "PERSON" and not self.in_caption(s) and \
                            (not strict or self.entity_gender(eid) in (None, gender)):
                        return eid
        return None

    def in_caption(self, at: int) -> bool:
        lo = self.text.rfind("\n", 0, at) + 1
        hi = self.text.find("\n", at)
        line = self.text[lo:hi if hi >= 0 else len(self.text)]
        return any(p.search(line) for p in self.lex.caption_patterns)

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
                   eid: str | None = None, lookup: bool = True,
                   cue: tuple[int, int] | None = None) -> dict[str, Any]:
        stext = self.text[a:b]
        words = [w.casefold() for w in re.findall(r"\w[\w'-]*", stext)]
        if eid is None and lookup:
            eid = self.entity_at(a, b)
        kind = forced
        head = (words[-1] if self.lex.head_last else words[0]) if words else ""
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
                    len(words) <= 3 and (len(words) == 1 or
                                         words[0] in self.lex.definite_determiners):
                # "the agency", "агентство": the article's outlet; "an IS-affiliated website"
                # is some other outlet
                oid = self.outlet_entity()
                kind = "outlet"
                eid = oid
            elif self.lex.anon_patterns and self.lex.anon_patterns.search(stext):
                kind = "anonymous"
            elif eid is None and self.bare_pronoun(a, b):
                # "he said", "Сам он", "Вона також": a person named earlier
                eid = self.previous_person(a, self.gender_at(cue) if cue else None)
                kind = "named"
            elif eid is None and (head in self.lex.document_nouns or
                                  lemmas & self.lex.document_nouns and head not in
                                  self.lex.anon_nouns):
                kind = "document"
            elif eid is None and (head in self.lex.anon_nouns or lemmas & self.lex.anon_nouns):
                kind = "anonymous"
            else:
                kind = "named"
                if eid is None:
                    eid = self.descriptor_entity(a, b)   # "the musician": Yevgeny Kissin
        if eid and kind == "named" and self.bare_pronoun(a, b) and all(
                self.in_caption(m["start"]) for m in self.entities[eid].get("mentions", [])
                if not (a <= m["start"] < b)):
            # the article's coreference took "he" to a photographer named only in a caption
            eid = self.previous_person(a, self.gender_at(cue) if cue else None)
        if eid and cue and kind == "named":
            eid = self.agreeing_person(eid, a, b, self.gender_at(cue))
        return {"entity": eid, "text": stext, "start": a, "end": b, "kind": kind}

    # -- who a pronoun or a description is -------------------------------------------------------
    def bare_pronoun(self, a: int, b: int) -> bool:
        toks = [t for t in self.doc.tokens_in(a, b) if re.search(r"\w", t.text)]
        core = [t for t in toks if t.text.casefold() not in self.lex.pronoun_modifiers and
                not (t.pos == "ADV" and t is not toks[0])]
        return len(core) == 1 and core[0].text.casefold() in self.lex.pronouns

    def gender_at(self, span: tuple[int, int]) -> str | None:
        """The grammatical gender of the cue verb ("рассказала": Fem), where the language marks
        it."""
        for t in self.doc.tokens_in(*span):
            g = t.feat("Gender")
            if g and t.pos in ("VERB", "AUX"):
                return g
        return None

    def entity_gender(self, eid: str) -> str | None:
        """A person's gender from the first name of the mentions that have one (surnames such
        as "Бондар" are the same for both)."""
        votes: dict[str, int] = {}
        for m in self.entities[eid].get("mentions", []):
            names = [t for t in self.doc.tokens_in(m["start"], m["end"])
                     if re.fullmatch(r"\w[\w'’-]*", t.text) and t.text[:1].isupper()]
            if len(names) >= 2 and names[0].feat("Gender"):
                g = names[0].feat("Gender")
                votes[g] = votes.get(g, 0) + 1
        if len(votes) != 1:
            return None         # no first name, or taggers disagree: no constraint
        return next(iter(votes))

    def agreeing_person(self, eid: str, a: int, b: int, gender: str | None) -> str:
        """"Бут рассказала" with Viktor and Alla Bout in the article: the person whose gender
        agrees with the verb, among those sharing the name said."""
        ent = self.entities.get(eid)
        if not gender or not ent or ent["type"] != "PERSON":
            return eid
        own = self.entity_gender(eid)
        if own is None or own == gender:
            return eid
        last = (re.findall(r"\w+", self.text[a:b]) or [""])[-1].casefold()
        for oid, e in self.entities.items():
            if oid == eid or e["type"] != "PERSON" or not last:
                continue
            names = [e["name"]] + list(e.get("aliases") or [])
            if any(n.split()[-1].casefold()[:len(last) - 1] == last[:len(last) - 1]
                   for n in names if n.split()) and self.entity_gender(oid) == gender:
                return oid
        return eid

    def descriptor_entity(self, a: int, b: int) -> str | None:
        """A description as speaker ("the spokesman", "музыкант", "Бывший президент"): the
        actor the article gave that title to, the nearest one named before it."""
        toks = [t for t in self.doc.tokens_in(a, b) if re.search(r"\w", t.text)]
        if not toks or len(toks) > 4 or any(t.pos == "PROPN" for t in toks):
            return None
        nouns = [t for t in toks if t.pos == "NOUN"]
        if not nouns:
            return None
        stems = {n.lemma.casefold()[:5] for n in nouns} | {n.text.casefold()[:5] for n in nouns}
        by_title, by_context, starts = self._descriptor_index()
        # actors with the word in their titles, or just before one of their mentions before `a`
        # ("Известный музыкант, пианист Евгений Кисин")
        found: set[str] = set()
        for stem in stems:
            found |= by_title.get(stem, set())
            hits = by_context.get(stem)
            if hits:
                found.update(eid for _, eid in hits[:bisect.bisect_left(hits, (a, ""))])
        best, best_at = None, -1
        order = {eid: n for n, eid in enumerate(starts)}      # ties: the article's order
        for eid in sorted(found, key=order.__getitem__):       # the nearest one named before
            k = bisect.bisect_left(starts[eid], a)
            if k and starts[eid][k - 1] > best_at:
                best, best_at = eid, starts[eid][k - 1]
        return best

    def _descriptor_index(self) -> tuple[dict, dict, dict]:
        """For descriptor_entity, once per document: word stems (first five letters of words of
        four letters or more) -> actors titled so; -> sorted (mention start, actor) of the
        mentions those words stand just before, in their sentence, within 60 characters; and
        each actor's sorted mention starts."""
        if self._descriptors is None:
            by_title: dict[str, set[str]] = {}
            by_context: dict[str, list[tuple[int, str]]] = {}
            starts: dict[str, list[int]] = {}
            for eid, e in self.entities.items():
                if e["type"] not in ACTOR_TYPES:
                    continue
                for w in re.findall(r"\w+", " ".join(e.get("titles") or []).casefold()):
                    if len(w) >= 4:
                        by_title.setdefault(w[:5], set()).add(eid)
                mentions = e.get("mentions", [])
                starts[eid] = sorted(m["start"] for m in mentions)
                for m in mentions:
                    lo = max(self.doc.sentence_of(m["start"]).start, m["start"] - 60) \
                        if self.doc.sentences else max(0, m["start"] - 60)
                    for w in re.findall(r"\w+", self.text[lo:m["start"]].casefold()):
                        if len(w) >= 4:
                            by_context.setdefault(w[:5], []).append((m["start"], eid))
            for hits in by_context.values():
                hits.sort()
            self._descriptors = (by_title, by_context, starts)
        return self._descriptors

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
            # a dateline or wire tag at the head ("KYIV (AP) —", "КИЇВ. 4 липня. УНН.",
            # "Xinhua | Updated"), else a credit at the end ("... — УНН", "(Reuters wire)")
            for patterns, part in ((self.lex.dateline_patterns, self.text[:300]),
                                   (self.lex.credit_patterns, self.text[-300:])):
                for p in patterns:
                    for m in p.finditer(part):
                        if self.lex.is_outlet_name(m.group("outlet")):
                            name = m.group("outlet").strip()
                            break
                    if name:
                        break
                if name:
                    break
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
                "channel": None, "quote": "reported", "contested": False, "responds_to": None,
                "_rule": "title", "_via": []}

    def lead_wire(self, claims: list[dict[str, Any]]) -> dict[str, Any] | None:
        """An outlet other than the publisher cited as a source in the first two sentences
        ("..., according to Reuters"): the article re-reports it. Lines without a full stop
        before them (a headline, a date line) do not count as the lead's sentences."""
        if not self.doc.sentences:
            return None
        full = [s for s in self.doc.sentences
                if self.text[s.start:s.end].rstrip().endswith(SENTENCE_ENDS)]
        lead_end = (full[:2] or self.doc.sentences[:2])[-1].end
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

    # -- the chain of outlets between the speaker and the article -----------------------------
    def chain(self, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Outlets that carry a speaker's words go into `via`, nearest first:
        - "ТАСС сообщает со ссылкой на канцелярию", "УНН повідомляє з посиланням на Reuters": the
          cited one speaks, the citing outlet carries (one claim instead of two);
        - "Собеседники РБК", "a source told Reuters", "рассказала Reuters": the outlet named
          beside the speaker or as the one told carries the words."""
        drop: set[int] = set()
        sent_of = self.doc.sentence_index
        for n, m in enumerate(claims):
            if m["_rule"] != "marker" or not m["cue"] or not self.lex.citing or \
                    not self.lex.citing.fullmatch(m["cue"]["text"].strip()):
                continue
            host = [c for c in claims if c is not m and c["cue"] and
                    c["cue"]["start"] < m["cue"]["start"] and
                    sent_of(c["cue"]["start"]) == sent_of(m["cue"]["start"]) and
                    c["source"]["start"] is not None and
                    c["source"]["start"] < m["cue"]["start"]]
            if not host:
                continue
            h = max(host, key=lambda c: c["cue"]["start"])
            carrier_words = [w.casefold() for w in re.findall(r"\w+", h["source"]["text"])]
            is_outlet = h["source"]["kind"] == "outlet" or any(
                w[:6] == n[:6] for w in carrier_words for n in self.lex.outlet_nouns
                if len(w) >= 5 and len(n) >= 5)          # "газета The Sunday Telegraph"
            if not is_outlet or len(m["source"]["text"].split()) > 6 and not m["source"]["entity"]:
                continue        # only an outlet carries; "citing the vote results" is a document
                # (a long title before a name still names someone: "со ссылкой на
                # пресс-секретаря Фонда борьбы с коррупцией (ФБК) Киру Ярмыш")
            carrier = h["source"]
            h["source"] = m["source"]
            h["_via"] = [carrier] + [v for v in h["_via"] if not self.same_source(v, carrier)]
            drop.add(n)
        claims = [c for n, c in enumerate(claims) if n not in drop]
        for c in claims:
            src = c["source"]
            if src["kind"] in ("outlet", "unattributed") or src["start"] is None:
                continue
            found = self.lex.find_outlet(src["text"])
            if found:
                # "Собеседники РБК", "Reuters sources": the named outlet carries their words
                at = src["start"] + found.start()
                c["_via"].append(self.source_for(at, at + len(found.group(0).rstrip()),
                                                 "outlet"))
                continue
            if src["kind"] == "anonymous":
                # "один из собеседников агентства": the outlet named last before
                words = {w.casefold() for w in re.findall(r"\w+", src["text"])}
                if any(w[:6] == n[:6] for w in words for n in self.lex.outlet_nouns
                       if len(w) >= 5 and len(n) >= 5):
                    oid = self.outlet_before(src["start"])
                    if oid:
                        c["_via"].append(self.named_source(self.entities[oid]["name"]))
                        continue
            if c["cue"]:
                # "told Reuters", "рассказала Reuters": the outlet told carries the words
                after = self.text[c["cue"]["end"]:c["cue"]["end"] + 40]
                m = self.lex.find_outlet(after)
                if m and not after[:m.start()].strip(" \t,"):
                    at = c["cue"]["end"] + m.start()
                    c["_via"].append(self.source_for(at, at + len(m.group(0)), "outlet"))
        return claims

    def outlet_before(self, at: int) -> str | None:
        best, best_at = None, -1
        for ref in self.index.sorted:
            s, eid = ref.start, ref.entity
            if s >= at:
                break
            if self.entities[eid]["type"] == "ORG" and \
                    self.lex.is_outlet_name(self.entities[eid]["name"]) and s > best_at:
                best, best_at = eid, s
        return best

    def channel(self, c: Cand) -> str | None:
        """How the words were given (statement, interview, social_media, tv, filing): a phrase
        of the language's `channels` in the cue's sentence, outside the content."""
        if not self.lex.channels or not c.cue:
            return None
        if not self.doc.sentences:
            return None
        sent = self.doc.sentence_of(c.cue[0])
        if not sent.start <= c.cue[0] < sent.end:
            return None
        a, b = c.content
        around = self.text[sent.start:max(sent.start, min(a, sent.end))] + " " + \
            self.text[min(max(b, sent.start), sent.end):sent.end]
        return self.lex.channel_of(around)

    def quote_kind(self, c: Cand) -> str:
        """direct: the content is (in) a quotation; reported otherwise."""
        a, b = c.content
        k = bisect.bisect_right(self._q_starts, a + 1)   # quotations are disjoint and in order
        if any(b - 1 <= qb for _, qb in self.quotes[max(k - 2, 0):k]):
            return "direct"
        inner = self.text[a:b].strip()
        opens = {p[0] for p in self.lex.quote_pairs}
        return "direct" if inner[:1] in opens and len(inner) > 2 else "reported"

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
                    # (a refusal's sentence ends its reach at its cue: "declined to comment,
                    # saying that nobody involved remains" still says something)
                    first_rank = GrowingSpans(
                        (k.content[0], k.cue[1]) if k.cue and k.status in SILENT and
                        k.content[0] < k.cue[1] < k.content[1] else k.content
                        for k in kept if k.priority == 0)
                if first_rank.any_overlap(c.cue):
                    continue
            kept.append(c)
            cues.add(c.cue)
            by_content.setdefault(c.content, []).append(c)
        kept.sort(key=lambda c: (c.content[0], c.cue[0] if c.cue else 0))
        # "X claimed the attack, according to Y": Y's marker closes X's content (Y reports X)
        for c in kept:
            if not c.cue or c.rule == "marker":
                continue
            for k in kept:
                if k.rule == "marker" and k.cue and c.cue[1] <= k.cue[0] and \
                        c.content[0] < k.cue[0] < c.content[1] and k.content[0] <= c.cue[0]:
                    a, b = trim(text, c.content[0], k.cue[0])
                    if b > a:
                        c.content = (a, b)

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
                    sources.append(self.source_for(p[0], p[1], c.kind, eid, lookup=not by_head,
                                                   cue=c.cue))
            status = c.status
            if status in ("asserted", "confirmed"):
                # "«Це не відповідає дійсності», — заявив ...", "We do not comment on ...":
                # the words themselves deny, refuse or retract
                status = self.lex.phrase_status(text[c.content[0]:c.content[1]] + " " + (
                    text[c.cue[0]:c.cue[1]] if c.cue else "")) or status
            hedges = [] if status in ("no_comment", "unreachable") else \
                self.hedges_in(text[c.content[0]:c.content[1]]) + \
                (self.hedges_in(text[c.cue[0]:c.cue[1]]) if c.cue else [])
            carried = [self.source_for(v[0], v[1], "outlet") for v in c.via]
            for src in sources:
                claims.append({
                    "content": _span(text, *c.content),
                    "cue": _span(text, *c.cue) if c.cue else None,
                    "source": src, "via": [], "status": status,
                    "hedges": list(dict.fromkeys(hedges)),
                    "channel": self.channel(c), "quote": self.quote_kind(c),
                    "contested": False, "responds_to": None,
                    "_rule": c.rule, "_via": list(carried),
                })
        claims = self.chain(claims)
        if wire is None:
            wire = self.lead_wire(claims)
        title_claim = self.title_claim(title_info)
        if title_claim:
            # "Rebels reportedly seize airport - Reuters": the wire's hedge, not a report of its own
            ta, tb = title_claim["content"]["start"], title_claim["content"]["end"]
            claims = [c for c in claims if not (c["_rule"] == "adverb" and c["cue"] and
                                                ta <= c["cue"]["start"] < tb)]
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
            for v in cl.pop("_via", None) or []:
                if not self.same_source(v, cl["source"]) and \
                        not any(self.same_source(v, x) for x in via):
                    via.append(v)
            a = cl["cue"]["start"] if cl["cue"] else cl["content"]["start"]
            near = [claims[sourced[k]] for k in contents.containing(a)]
            outer = [o for o in near if o is not cl and o["content"]["start"] <= a <
                     o["content"]["end"] and o["source"]["start"] is not None and
                     o["content"]["end"] - o["content"]["start"] >
                     cl["content"]["end"] - cl["content"]["start"]]
            if outer:
                o = min(outer, key=lambda o: o["content"]["end"] - o["content"]["start"])
                if not self.same_source(o["source"], cl["source"]) and \
                        not any(self.same_source(o["source"], x) for x in via):
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


# -- denials and what they answer --------------------------------------------------------------
ANSWERED = ("asserted", "alleged", "confirmed")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4 and not w.isdigit()}


def link_responses(claims: list[dict[str, Any]], text: str) -> None:
    """A denial records the claim it answers (`responds_to`, that claim's id) when the claim is in
    the article, and that claim is marked `contested`: the claim of another source sharing the
    most content words with the denial (two at least), else, for a denial that only points back
    ("denied it", "отрицала обвинения"), the nearest claim of another source before it, at most
    two sentences' worth (600 characters) back."""
    def src_key(c):
        s = c["source"]
        return s.get("entity") or " ".join((s.get("text") or "").casefold().split())

    for d in claims:
        if d["status"] != "denied":
            continue
        targets = [c for c in claims if c is not d and c["status"] in ANSWERED and
                   (not src_key(c) or src_key(c) != src_key(d)) and
                   not (c["content"]["start"] < d["content"]["end"] and
                        d["content"]["start"] < c["content"]["end"])]
        if not targets:
            continue
        words = _stems(d["content"]["text"])
        best, best_n = None, 1
        for c in targets:
            n = len(words & _stems(c["content"]["text"]))
            if n > best_n:
                best, best_n = c, n
        if best is None:
            at = d["cue"]["start"] if d.get("cue") else d["content"]["start"]
            before = [c for c in targets if c["content"]["end"] <= at and
                      at - c["content"]["end"] <= 600]
            if before and len(words) <= 3:
                best = max(before, key=lambda c: c["content"]["end"])
        if best is not None:
            d["responds_to"] = best["id"]
            best["contested"] = True
