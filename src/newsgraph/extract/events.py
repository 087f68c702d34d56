"""Events: who did what to whom, when and where, and how sure.

An event is a trigger (a verb or an event noun listed for an ontology type in
``lang/data/<lang>/events.yml``; the types are documented in ``lang/data/ontology.yml``) with
arguments resolved to entity ids through the entities' mentions:

* **agents / patients.** With a dependency parser (English: spaCy's ClearNLP labels; Russian:
  natasha's UD labels) the subject of an active trigger is its agent, the subject of a passive
  one its patient and the ``by``-phrase (UD ``obl:agent``) its agent; direct objects and some
  prepositional objects ("against", "on", "for") are patients. Missing subjects are inherited
  through coordination ("arrested and charged"), control ("competing to form") and participles;
  relative clauses stand for the noun they modify ("Assad, who fled" -> Assad); appositions,
  conjuncts and partitives ("two of Assad's associates - Hassan and Makhlouf") are followed to the
  entities. An event noun takes its agent from a light verb ("the ministry *issued* an arrest
  warrant"), its possessor and of-phrase by the type's ``possessor``/``of_role``, and "for"/
  "against" phrases as patients (countries and cities too for types marked ``place_target``:
  "an attack on Israel"); "under house arrest" makes the governing verb's subject the patient.
  Predicative adjectives ("five people are dead") take their subject as patient. Acts named
  under an accusation ("accused of killings") get the accused as agent. Without a parser
  (Ukrainian, or ``doc.has_parser`` False) a window heuristic takes the nearest entity before the
  trigger in its sentence as agent and after it as patient.
* **place**: a LOC entity in a place-prepositional phrase attached to the trigger ("fled to
  Russia"), else one reached through the trigger's prepositional phrases, else a LOC after a
  locative preposition in the same sentence (not one already placing another event there), else,
  in the first paragraph, the dateline ("WASHINGTON --"). The main event without one takes the
  place its headline names, else one its sentence names. A place is never one of the actors.
* **time**: an index into ``times``: of the time expressions in the trigger's sentence, the one
  nearest to it in the parse tree (each time goes to the events nearest to it; a verb also takes
  the time of a noun event in its own phrase: "fled after the victory in December 2024"), or
  nearest in tokens without a parser; else the nearest time of a neighbouring sentence of the
  same paragraph (two sentences for the main event). Never the article's date. Paragraphs (line
  breaks) also cut parse edges, so a headline glued to the next sentence stays apart.
* **modality**: walking up from the trigger through the words that govern it: ``negated`` (not,
  never, "fail to", "do not appear to have ..."), ``conditional`` ("if", "unless", "в случае",
  "якщо"), ``hypothetical`` (could/would/might), ``alleged`` (under a charge or accusation:
  "charged with conspiracy to kill", "обвиняется в убийстве"), ``proposed`` (under a proposal,
  bill or plan noun, "propose": "a proposal to annex", "законопроєкт про ..."), ``planned`` (will,
  plan/prepare/compete + infinitive, any purpose infinitive), ``hoped`` (hope,
  seek), ``reported`` (under a reporting verb or "accused of", or inside a claim's content that
  someone other than the article itself is the source of), else ``asserted``.

Events are ordered by importance: events of the lead sentence and those matching the title's
trigger types, words and actors first, then by how central they are (main clause, number of
entity arguments, how often the agents are mentioned). The first event is the article's main
event: the event the headline reports as the lead (three sentences) tells it, when one with
participants is found (``headline_event``); else the first of that order. When the lead
sentence has no typed trigger its main verb becomes an ``other`` event.

Trigger senses are checked against their arguments (``senses`` in events.yml): "an arrest of
shares" is a seizure of property (``sanction``), not an arrest of people, and the word for shares
("акций") beside it is no protest.

Page furniture (captions, credits, bylines, related links, teasers: ``parts["furniture"]``, from
ingest/cleaning.py) holds no events and gives no event its time. One event told twice (same
trigger word, type, participants) is merged, its triggers listed in ``mentions``; numbers whose
phrase is a trigger's argument are bound to the event in ``quantities`` ({quantity, role}).

Each event also carries ``arguments``: the argument phrases found ({role, start, end, text,
entity}), including those that resolve to no entity ("Supporters of former Syrian President
Bashar al-Assad"), so that readers see who acted even when no entity was recognised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..lang.base import AnalyzedDoc, Token
from ..lang.data_loader import shared_data
from .base import Extractor
from .spans import SpanIndex

# Dependency labels: spaCy ClearNLP (English) and Universal Dependencies (natasha, Russian).
SUBJ = {"nsubj", "expl"}
PASS_SUBJ = {"nsubjpass", "nsubj:pass"}
OBJ = {"dobj", "obj"}
IOBJ = {"dative", "iobj"}
AUX_PASS = {"auxpass", "aux:pass"}
AUX = {"aux", "aux:pass", "auxpass", "cop"}
RELCL = {"relcl", "acl:relcl"}
ACL = {"acl"}
XCOMP = {"xcomp"}
ADVCL = {"advcl"}
CONJ = {"conj"}
APPOS = {"appos"}
CCOMP = {"ccomp"}
POSS = {"poss", "nmod:poss"}
COMPOUND = {"compound", "flat", "flat:name", "amod", "nmod:npmod"}
MARK = {"mark"}
NEG = {"neg"}
PREP_CLEAR = {"prep", "agent"}
POBJ = {"pobj", "pcomp"}
UD_OBL = ("obl", "nmod")

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
ACTOR_TYPES = {"PERSON", "ORG", "GROUP"}
ADJ_HEAD_DEPS = {"acomp", "attr", "oprd", "xcomp"}

# Importance weights (set by hand, checked on the Giveme5W1H set): the lead sentence, a trigger
# type / word of the title, each actor of the event named in the title.
LEAD = 3.0
TITLE_TYPE = 2.0
TITLE_LEMMA = 1.0
TITLE_ACTOR = 0.5
# A number in a clause of its own is not the event's ("killed after 3 days of talks" is not).
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl:relcl", "conj", "parataxis", "csubj"}
# Modalities of what did not or might happen: never the main event, ranked low.
UNREAL = ("negated", "hypothetical", "conditional")
# Without a parser a number binds to a trigger at most this many tokens away in its sentence.
WINDOW_QUANTITY = 2
# The lead (inverted pyramid) where the headline's event is looked for: this many sentences.
LEAD_SENTENCES = 3


def _words(entry: Any) -> tuple[str, ...]:
    return tuple(str(entry).casefold().split())


def _set(values: Iterable[Any] | None) -> set[str]:
    return {str(v).casefold() for v in (values or [])}


class Lexicon:
    """Trigger and cue tables for one language, built once per process (Resources.shared)."""

    def __init__(self, data: dict[str, Any], ontology: dict[str, Any]) -> None:
        self.types: dict[str, dict[str, Any]] = {t["name"]: t for t in ontology.get("types", [])}
        self.other_type = next((n for n, t in self.types.items() if t.get("other")), None)
        self.verbs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.nouns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.object_verbs: dict[str, list[tuple[tuple[str, ...], str, set[str]]]] = {}
        self.adjectives: dict[str, str] = {}   # predicative adjectives ("five people are dead")
        for tname, spec in (data.get("triggers") or {}).items():
            spec = spec or {}
            for entry in spec.get("verbs") or []:
                w = _words(entry)
                self.verbs.setdefault(w[0], []).append((w, tname))
            for entry in spec.get("nouns") or []:
                w = _words(entry)
                self.nouns.setdefault(w[-1], []).append((w, tname))
            for entry in spec.get("adjectives") or []:
                self.adjectives[str(entry).casefold()] = tname
            objects = _set(spec.get("objects"))
            for entry in spec.get("object_verbs") or []:
                w = _words(entry)
                self.object_verbs.setdefault(w[0], []).append((w, tname, objects))
        for table in (self.verbs, self.nouns, self.object_verbs):
            for lst in table.values():
                lst.sort(key=lambda x: -len(x[0]))   # longest phrase first
        self.light_verbs = _set(data.get("light_verbs"))
        self.undergoer_light = _set(data.get("undergoer_light_verbs"))
        self.undergoer_verbs = _set(data.get("undergoer_verbs"))
        preps = data.get("prepositions") or {}
        self.place_preps = _set(preps.get("place"))
        # where something happens (not where it goes or comes from): the sentence-level fallback
        self.place_locative = _set(preps.get("locative", preps.get("place")))
        # prepositions after which a MISC / EVENT name is a place ("outside Trump Tower")
        self.place_misc = _set(preps.get("place_misc"))
        self.patient_preps = _set(preps.get("patient"))
        self.patient_preps_by_type = {k: _set(v) for k, v in (preps.get("patient_by_type") or {}).items()}
        self.agent_preps = _set(preps.get("agent"))
        self.genitive_preps = _set(preps.get("genitive"))
        self.undergoer_preps = _set(preps.get("undergoer"))
        self.accusation_preps = _set(preps.get("accusation"))
        self.relativizers = _set(data.get("relativizers"))
        self.partitives = _set(data.get("partitives"))
        mod = data.get("modality") or {}
        self.negation = _set(mod.get("negation"))
        self.negating = _set(mod.get("negating"))
        self.planned = _set(mod.get("planned"))
        self.hoped = _set(mod.get("hoped"))
        self.hypothetical = _set(mod.get("hypothetical"))
        self.hyp_marks = _set(mod.get("hypothetical_marks"))
        self.reported = _set(mod.get("reported"))
        self.implicative = _set(mod.get("implicative"))
        self.inf_markers = _set(mod.get("infinitive_markers"))
        self.reported_adverbs = _set(mod.get("reported_adverbs"))
        # governors that make their complement an allegation ("charged with", "accused of")
        self.alleged = _set(mod.get("alleged"))
        # governors that make it a proposal: verbs any part of speech, nouns only as nouns
        # ("a proposal to annex", "a bill on ..."; the verb "plan" stays planned)
        self.proposed = _set(mod.get("proposed"))
        self.proposed_nouns = _set(mod.get("proposed_nouns"))
        # subordinators and prepositional phrases that make it a condition ("if", "в случае")
        self.conditional = _set(mod.get("conditional_marks"))
        self.conditional_phrases = [_words(p) for p in mod.get("conditional_phrases") or []]
        # trigger senses checked against their arguments: {types, words, objects, near, becomes}
        self.senses = [{"types": _set(r.get("types")), "words": _set(r.get("words")),
                        "objects": _set(r.get("objects")), "near": _set(r.get("near")),
                        "becomes": r.get("becomes")}
                       for r in data.get("senses") or []]
        self.not_events = _set(data.get("not_events"))
        self.exclude_forms = _set(data.get("exclude_forms"))
        self.lemma_fixes = {str(k).casefold(): str(v).casefold()
                            for k, v in (data.get("lemma_fixes") or {}).items()}

    def keys(self, tok: Token) -> set[str]:
        """The forms a token is looked up by: lemma, lower-cased text, corrected lemma."""
        lemma = tok.lemma.casefold()
        out = {lemma, tok.text.casefold()}
        fixed = self.lemma_fixes.get(tok.text.casefold()) or self.lemma_fixes.get(lemma)
        if fixed:
            out.add(fixed)
        return out

    def type_info(self, name: str) -> dict[str, Any]:
        return self.types.get(name, {})


@dataclass
class _Event:
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


class EventExtractor(Extractor):
    name = "events"
    requires = ("entities", "times", "quantities", "claims")
    assigns = ("events",)

    def lexicon(self, doc: AnalyzedDoc) -> Lexicon:
        lang = doc.language
        return self.resources.shared(
            f"events-lexicon-{lang}",
            lambda: Lexicon(self.resources.data(lang)["events"], shared_data("ontology")))

    def __call__(self, doc: AnalyzedDoc, parts: dict[str, Any]) -> dict[str, Any]:
        if not doc.tokens:
            return {"events": []}
        lex = self.lexicon(doc)
        run = _Run(doc, lex, parts, self.resources.shared("currency-codes", _currency_codes))
        events = run.extract()
        title_info = self._title_info(doc, lex)
        run.rank(events, title_info)
        events = run.merge(events)
        run.bind_quantities(events)
        out = []
        for n, ev in enumerate(events, 1):
            if ev.place is not None and ev.place in ev.agents + ev.patients:
                ev.place = None   # an actor of the event is not also where it happened

            def span(first: int, last: int) -> dict[str, Any]:
                a, b = doc.tokens[first].start, doc.tokens[last - 1].end
                return {"start": a, "end": b, "text": doc.text[a:b]}

            out.append({
                "id": f"v{n}", "type": ev.type,
                "trigger": span(ev.first, ev.last),
                "agents": ev.agents, "patients": ev.patients, "time": ev.time, "place": ev.place,
                "modality": ev.modality, "arguments": ev.arguments,
                "mentions": [span(a, b) for a, b in sorted([(ev.first, ev.last)] + ev.mentions)],
                "quantities": ev.quantities,
            })
        return {"events": out}

    def _title_info(self, doc: AnalyzedDoc, lex: Lexicon) -> dict[str, Any]:
        """Trigger types, lemmas and words of the title (analysed with the same backend), and the
        events it reports in order: ``triggers`` [(type, forms)] and untyped ``verbs`` [forms].
        A headline "Topic: news" reports the news: triggers after a colon come first."""
        info: dict[str, Any] = {"types": set(), "lemmas": set(), "words": set(),
                                "triggers": [], "verbs": []}
        title = (doc.title or "").strip()
        if not title:
            return info
        try:
            tdoc = self.resources.backend(doc.language).analyze(title[:300])
        except Exception:  # a title we cannot analyse only loses the title bonus
            tdoc = None
        if tdoc is None:
            info["words"] = {w.casefold() for w in title.split()}
            return info
        for tok in tdoc.tokens:
            info["lemmas"].add(tok.lemma.casefold())
            info["words"].add(tok.text.casefold())
        colon = next((t.i for t in tdoc.tokens if t.text in (":", "|")), -1)
        found = []
        for i in range(len(tdoc.tokens)):
            for trig in _match_at(tdoc, lex, i, pos_check=False):
                info["types"].add(trig[0])
                # what a prepositional phrase names ("... in derailment tragedy") is background
                j = i
                for _ in range(4):
                    h = tdoc.tokens[j].head
                    if tdoc.tokens[j].dep not in COMPOUND or not 0 <= h < len(tdoc.tokens) or h == j:
                        break
                    j = h
                if tdoc.tokens[j].dep not in POBJ | set(UD_OBL):
                    found.append((i > colon, i, trig[0], lex.keys(tdoc.tokens[i])))
        # after the colon first, then in headline order
        info["triggers"] = [(t, forms) for _, _, t, forms in sorted(found, key=lambda f: (not f[0], f[1]))]
        typed = {f[1] for f in found}
        info["verbs"] = [lex.keys(t) for t in tdoc.tokens if t.pos == "VERB" and t.i not in typed
                         and t.dep.casefold() == "root" and not (lex.keys(t) & lex.not_events)]
        return info


def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes (an amount's unit), from babel's CLDR data."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _match_at(doc: AnalyzedDoc, lex: Lexicon, i: int, pos_check: bool = True) -> list[tuple]:
    """Triggers whose head is token i: (type, head, first, last, is_noun, required objects)."""
    toks = doc.tokens
    tok = toks[i]
    found: list[tuple] = []

    def seq_matches(words: tuple[str, ...], start: int) -> bool:
        if start < 0 or start + len(words) > len(toks):
            return False
        return all(w in lex.keys(toks[start + k]) for k, w in enumerate(words))

    keys = lex.keys(tok)
    if not pos_check or tok.pos in VERB_POS or tok.feat("VerbForm") == "Part":
        for key in keys:
            for words, tname in lex.verbs.get(key, []):
                if seq_matches(words, i):
                    found.append((tname, i, i, i + len(words), False, None))
                    break
            for words, tname, objects in lex.object_verbs.get(key, []):
                if not found and seq_matches(words, i):
                    found.append((tname, i, i, i + len(words), False, objects))
                    break
            if found:
                break
    if not found and (not pos_check or tok.pos == "ADJ"):
        for key in keys:
            if key in lex.adjectives:
                found.append((lex.adjectives[key], i, i, i + 1, False, None))
                break
    if not found and (not pos_check or tok.pos in NOUN_POS):
        for key in keys:
            for words, tname in lex.nouns.get(key, []):
                start = i - len(words) + 1
                if seq_matches(words, start):
                    found.append((tname, i, start, i + 1, True, None))
                    break
            if found:
                break
    return found[:1]


class _Run:
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
        # block = paragraph: tokens after a whitespace token holding a line break start a new one;
        # parse edges across blocks (a headline glued to the next paragraph) are ignored.
        self.block: list[int] = []
        b = 0
        prev_end = 0
        for t in self.toks:
            if "\n" in doc.text[prev_end:t.start] or (not t.text.strip() and "\n" in t.text):
                b += 1
            prev_end = t.end
            self.block.append(b)
        self.seg = [(t.sent, self.block[t.i]) for t in self.toks]
        self._dist: dict[tuple[int, int], dict[int, int]] = {}   # tree distances per trigger
        self.kids: dict[int, list[int]] = {}
        if self.parser:
            for t in self.toks:
                h = self._head(t.i)
                if h is not None:
                    self.kids.setdefault(h, []).append(t.i)
        # token -> entity id of the shortest mention containing it
        self.tok_ent: dict[int, str] = {}
        best: dict[int, int] = {}
        self.mentions: list[tuple[int, int, str]] = []   # token ranges [first, last), entity id
        for e in self.entities:
            for m in e.get("mentions", []):
                span = doc.tokens_in(m["start"], m["end"])
                if not span:
                    continue
                self.mentions.append((span[0].i, span[-1].i + 1, e["id"]))
                for t in span:
                    if not t.text.strip():
                        continue
                    length = m["end"] - m["start"]
                    if t.i not in best or length < best[t.i]:
                        best[t.i] = length
                        self.tok_ent[t.i] = e["id"]
        self.mentions.sort()
        # captions, credits, bylines, related links and teasers (ingest/cleaning.py) hold no
        # events and give none their time
        furniture = SpanIndex((f["start"], f["end"]) for f in parts.get("furniture") or []
                              if f.get("start") is not None and f.get("end") is not None)
        self.furniture = furniture
        self.in_furniture = [bool(len(furniture)) and furniture.any_overlap(t.start, t.end)
                             for t in self.toks]
        self._times_by_sent: dict[int, list[tuple[int, int]]] | None = None
        self._claimed: SpanIndex | None = None

    # -- parse navigation (block-aware) -----------------------------------------------------------
    def _head(self, i: int) -> int | None:
        t = self.toks[i]
        h = t.head
        if h < 0 or h == i or h >= len(self.toks) or self.seg[h] != self.seg[i]:
            return None
        return h

    def head(self, i: int) -> int | None:
        return self._head(i) if self.parser else None

    def children(self, i: int, deps: set[str] | None = None) -> list[int]:
        out = self.kids.get(i, [])
        if deps is None:
            return list(out)
        return [c for c in out if self.toks[c].dep in deps]

    def dep(self, i: int) -> str:
        return self.toks[i].dep if self.head(i) is not None else "ROOT"

    def lemma(self, i: int) -> str:
        lemma = self.toks[i].lemma.casefold()
        return self.lex.lemma_fixes.get(self.toks[i].text.casefold()) or self.lex.lemma_fixes.get(lemma, lemma)

    def keys(self, i: int) -> set[str]:
        return self.lex.keys(self.toks[i])

    def prep_objects(self, i: int) -> list[tuple[str, int]]:
        """(preposition, object token) for i's prepositional dependents, both label schemes."""
        out: list[tuple[str, int]] = []
        for c in self.children(i):
            dep = self.toks[c].dep
            if dep in PREP_CLEAR:
                stack = [c]
                while stack:
                    p = stack.pop()
                    for g in self.children(p):
                        if self.toks[g].dep in POBJ:
                            out.append((self.lemma(p) if dep != "agent" else "by", g))
                        elif self.toks[g].dep in CONJ and self.toks[g].pos == "ADP":
                            stack.append(g)
            elif dep.startswith(UD_OBL) and dep not in POSS:
                case = next((g for g in self.children(c) if self.toks[g].dep == "case"), None)
                if dep == "obl:agent":
                    out.append(("by", c))
                else:
                    out.append((self.lemma(case) if case is not None else "", c))
        return out

    def is_passive(self, v: int) -> bool:
        if self.children(v, PASS_SUBJ) or self.children(v, AUX_PASS):
            return True
        return self.toks[v].feat("Voice") == "Pass"

    def surface_subjects(self, v: int, depth: int = 0) -> list[int]:
        """Subject tokens of verb v, inherited through conj/xcomp/advcl/relcl/acl when absent."""
        subj = self.children(v, SUBJ | PASS_SUBJ)
        h = self.head(v)
        dep = self.dep(v)
        if dep in RELCL and h is not None:
            subj = [h if self.lemma(s) in self.lex.relativizers else s for s in subj]
            rel_obj = [o for o in self.children(v, OBJ) if self.lemma(o) in self.lex.relativizers]
            if not subj and not rel_obj:
                subj = [h]
        if subj or h is None or depth > 4:
            return subj
        if dep in ACL and self.toks[h].pos in NOUN_POS:
            return [h]
        if dep in CONJ | XCOMP | ADVCL and self.toks[h].pos in (VERB_POS | {"AUX", "ADJ"}):
            return self.surface_subjects(h, depth + 1)
        return []

    # -- entities -------------------------------------------------------------------------------
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
                stack.extend(self.children(j, APPOS))
                for c in self.children(j, {"compound", "flat", "flat:name"}):
                    if self.toks[c].pos == "PROPN" and self.tok_ent.get(c):
                        stack.append(c)
                if self.toks[j].pos == "NOUN":
                    # "Ukrainian forces", "Russian troops": the nation or group named by the modifier
                    for c in self.children(j, {"amod"}):
                        e = self.tok_ent.get(c)
                        if e and self.ent_by_id.get(e, {}).get("type") in ("GROUP", "ORG", "LOC") \
                                and e not in out:
                            out.append(e)
            if self.parser:
                stack.extend(self.children(j, CONJ))
        return out

    def phrase(self, i: int) -> tuple[int, int]:
        """Character span of the argument phrase headed by i (its pre-modifiers and of-phrase)."""
        if not self.parser:
            for a, b, _ in self.mentions:
                if a <= i < b:
                    return self.toks[a].start, self.toks[b - 1].end
            return self.toks[i].start, self.toks[i].end
        lo, hi = i, i
        for c in self.children(i):
            if self.toks[c].dep in ("punct", "relcl", "acl:relcl", "acl", "appos", "conj", "cc"):
                continue
            if self.toks[c].dep in PREP_CLEAR and self.lemma(c) not in self.lex.genitive_preps:
                continue
            a, b = self.doc.subtree(c)
            lo, hi = min(lo, a), max(hi, b - 1)
        if self.toks[i].pos == "PRON" or self.lemma(i) in self.lex.relativizers:
            lo = hi = i
        return self.toks[lo].start, self.toks[hi].end

    def add_args(self, ev: _Event, role: str, heads: Iterable[int]) -> None:
        target = ev.agents if role == "agent" else ev.patients
        for h in heads:
            if h in range(ev.first, ev.last):
                continue
            ents = self.resolve(h)
            s, e = self.phrase(h)
            ents = [x for x in ents if x not in ev.agents and x not in ev.patients] if role == "patient" else ents
            for x in ents:
                if x not in target and not (role == "agent" and x in ev.patients):
                    target.append(x)
            if not any(a["start"] == s and a["role"] == role for a in ev.arguments):
                ev.arguments.append({"role": role, "start": s, "end": e, "text": self.doc.text[s:e],
                                     "entity": ents[0] if ents else None})

    def loc(self, i: int) -> str | None:
        e = self.tok_ent.get(i)
        if e and self.ent_by_id.get(e, {}).get("type") == "LOC":
            return e
        return None

    # -- extraction -----------------------------------------------------------------------------
    def extract(self) -> list[_Event]:
        events: list[_Event] = []
        cands = []
        for i, tok in enumerate(self.toks):
            if not tok.text.strip() or tok.text.casefold() in self.lex.exclude_forms \
                    or self.in_furniture[i]:
                continue
            if not tok.pos in NOUN_POS and self.parser and tok.dep in ("amod", "compound"):
                continue   # adjectival participles ("lost influence") are not events
            for tname, head, first, last, is_noun, objects in _match_at(self.doc, self.lex, i):
                if self._inside_name(head):
                    continue
                if objects is not None and not self._object_fits(head, objects):
                    continue
                matched, tname = self._sense(tname, head, first, last)
                if matched and not tname:
                    continue
                cands.append((tname, head, first, last, is_noun))
        taken: set[int] = set()
        # longer phrases first ("arrest warrant" over "arrest"), then text order
        for tname, head, first, last, is_noun in sorted(cands, key=lambda c: (-(c[3] - c[2]), c[2])):
            if any(j in taken for j in range(first, last)):
                continue
            events.append(_Event(tname, head, first, last, is_noun, anchor=head))
            taken.update(range(first, last))
        events.sort(key=lambda ev: ev.first)
        for ev in events:
            if self.parser:
                self.parsed_args(ev)
            else:
                self.window_args(ev)
        if self.parser:
            self.accusation_agents(events)
            self.cause_agents(events)
        self.fallback_places(events)
        self.assign_times(events)
        for ev in events:
            ev.modality = self.modality(ev)
        return events

    def _sense(self, tname: str, head: int, first: int, last: int) -> tuple[bool, str | None]:
        """The trigger's sense checked against its arguments (``senses`` in events.yml): an
        arrest whose object is shares or assets is a seizure of property ("sanction"), the noun
        for shares next to an arrest word is no protest (dropped). Returns (matched, type)."""
        n = len(self.toks)
        s = self.seg[head]
        for rule in self.lex.senses:
            if tname not in rule["types"] or (rule["words"] and not self.keys(head) & rule["words"]):
                continue
            if rule["objects"]:
                args = [j for j in range(last, min(last + 4, n)) if self.seg[j] == s]
                if self.parser:
                    args += self.children(head, OBJ | PASS_SUBJ) + [o for _, o in self.prep_objects(head)]
                if any(self.keys(j) & rule["objects"] for j in args):
                    return True, rule["becomes"]
            if rule["near"]:
                near = [j for j in range(max(0, first - 2), min(n, last + 2))
                        if self.seg[j] == s and not first <= j < last]
                if any(self.keys(j) & rule["near"] for j in near):
                    return True, rule["becomes"]
        return False, tname

    def _inside_name(self, i: int) -> bool:
        e = self.tok_ent.get(i)
        return bool(e) and self.ent_by_id.get(e, {}).get("type") not in ("EVENT", "MISC")

    def _object_fits(self, v: int, objects: set[str]) -> bool:
        """Object-constrained verbs ("form a militia"): does the object's lemma fit?"""
        if self.parser:
            cands = self.children(v, OBJ | PASS_SUBJ)
            if self.dep(v) in ACL and self.head(v) is not None:
                cands.append(self.head(v))
        else:
            s = self.seg[v]
            cands = [j for j in range(v + 1, min(v + 5, len(self.toks))) if self.seg[j] == s]
        return any(self.keys(c) & objects for c in cands)

    def parsed_args(self, ev: _Event) -> None:
        info = self.lex.type_info(ev.type)
        v = ev.head
        if ev.is_noun:
            self.noun_args(ev, info)
            return
        if self.toks[v].pos == "ADJ":
            # predicative adjective: its subject (or its copula's) undergoes the event
            h = self.head(v)
            if h is not None and self.toks[v].dep in ADJ_HEAD_DEPS:
                ev.anchor = h
            self.add_args(ev, "patient", self.surface_subjects(ev.anchor))
            ev.place = self.find_place(ev.anchor) or self.find_place(v)
            return
        passive = self.is_passive(v)
        subjects = self.surface_subjects(v)
        undergoer = self.lemma(v) in self.lex.undergoer_verbs
        self.add_args(ev, "patient" if (passive or undergoer) else "agent", subjects)
        for p, o in self.prep_objects(v):
            if p in self.lex.agent_preps and passive:
                self.add_args(ev, "agent", [o])
            elif p == "" and passive and self.toks[o].feat("Case") == "Ins":
                self.add_args(ev, "agent", [o])
        if not info.get("intransitive"):
            objs = [o for o in self.children(v, OBJ | IOBJ) if self.lemma(o) not in self.lex.relativizers]
            if self.dep(v) in RELCL and self.head(v) is not None and any(
                    self.lemma(o) in self.lex.relativizers for o in self.children(v, OBJ)):
                objs.append(self.head(v))
            if self.dep(v) in ACL and passive is False and self.toks[v].tag == "VBN" and self.head(v) is not None:
                objs.append(self.head(v))
            if info.get("object_place"):   # "visited Kyiv": the place, not a patient
                for o in list(objs):
                    if self.loc(o) and ev.place is None:
                        ev.place = self.loc(o)
                        objs.remove(o)
            self.add_args(ev, "patient", objs)
            pat_preps = self.lex.patient_preps | self.lex.patient_preps_by_type.get(ev.type, set())
            if info.get("accusation"):
                pat_preps = pat_preps - self.lex.accusation_preps
            self.add_args(ev, "patient", [o for p, o in self.prep_objects(v)
                                          if p in pat_preps and (info.get("place_target") or not self.loc(o))
                                          and self.toks[o].pos in NOUN_POS | {"PRON"}])
        ev.place = ev.place or self.find_place(v)

    def noun_args(self, ev: _Event, info: dict[str, Any]) -> None:
        span = range(ev.first, ev.last)
        n = ev.head
        # the phrase's top token ("ордер" of "ордер на арест") governs it from outside
        for _ in range(len(span)):
            h = self.head(n)
            if h is None or h not in span:
                break
            n = h
        h = self.head(n)
        # a light verb lends its subject (and its clause: time, modality)
        if h is not None and self.toks[h].pos in VERB_POS and self.lemma(h) in self.lex.light_verbs:
            if self.toks[n].dep in OBJ:
                ev.anchor = h
                role = "patient" if self.lemma(h) in self.lex.undergoer_light else "agent"
                if not self.is_passive(h):
                    self.add_args(ev, role, self.surface_subjects(h))
            elif self.toks[n].dep in PASS_SUBJ:
                ev.anchor = h
                self.add_args(ev, "agent", [o for p, o in self.prep_objects(h) if p in self.lex.agent_preps])
        # "spent years under house arrest", "is under investigation": the verb's subject undergoes it
        if h is not None and self.toks[n].dep in POBJ and self.lemma(h) in self.lex.undergoer_preps:
            v = self.head(h)
            if v is not None and self.toks[v].pos in VERB_POS | {"AUX"}:
                ev.anchor = v
                self.add_args(ev, "patient", self.surface_subjects(v))
        elif h is not None and self.toks[n].dep.startswith(UD_OBL) and any(
                self.lemma(c) in self.lex.undergoer_preps for c in self.children(n, {"case"})):
            ev.anchor = h
            self.add_args(ev, "patient", self.surface_subjects(h))
        possessor = info.get("possessor", "agent")
        of_role = info.get("of_role", "patient")
        members = sorted({n, ev.head} | {j for j in span if self.toks[j].pos in NOUN_POS})
        for c in [c for m in members for c in self.children(m, POSS)]:
            self.add_args(ev, possessor, [c])
        compounds = [c for m in members for c in self.children(m, COMPOUND)]
        compounds += [g for c in compounds if not self.tok_ent.get(c) for g in self.children(c, COMPOUND)]
        for c in compounds:
            if c in range(ev.first, ev.last) or not self.tok_ent.get(c):
                continue
            etype = self.ent_by_id.get(self.tok_ent[c], {}).get("type")
            if self.loc(c) and ev.place is None:
                ev.place = self.loc(c)
            elif etype in ACTOR_TYPES:
                self.add_args(ev, "agent", [c])
        pat_preps = self.lex.patient_preps | self.lex.patient_preps_by_type.get(ev.type, set())
        if info.get("accusation"):
            pat_preps = pat_preps - self.lex.accusation_preps
        preps = [po for m in members for po in self.prep_objects(m) if po[1] not in span]
        if ev.anchor != ev.head and ev.anchor not in span:
            # "launched an attack on Israel": the light verb's target phrase is the noun's
            preps += [(p, o) for p, o in self.prep_objects(ev.anchor)
                      if p in self.lex.patient_preps | self.lex.patient_preps_by_type.get(ev.type, set())]
        for p, o in preps:
            if p in self.lex.agent_preps:
                self.add_args(ev, "agent", [o])
            elif p in self.lex.genitive_preps or (p == "" and self.toks[o].feat("Case") == "Gen"):
                if not self.loc(o) and (of_role == "agent" or not info.get("intransitive")):
                    self.add_args(ev, of_role, [o])
            elif p in pat_preps and (info.get("place_target") or not self.loc(o)) \
                    and self.toks[o].pos in NOUN_POS | {"PRON"}:
                self.add_args(ev, "patient", [o])
        ev.place = ev.place or self.find_place(n) or (self.find_place(ev.anchor) if ev.anchor != n else None)

    def find_place(self, i: int) -> str | None:
        """A LOC entity in a place-prepositional phrase of i, searched breadth-first (depth 3)."""
        frontier = [i]
        for _ in range(3):
            nxt = []
            for j in frontier:
                for p, o in self.prep_objects(j):
                    if p in self.lex.place_preps or p == "":
                        for e in self.resolve(o):
                            etype = self.ent_by_id.get(e, {}).get("type")
                            if etype == "LOC" or (etype in ("MISC", "EVENT") and p in self.lex.place_misc):
                                return e
                    if p in self.lex.place_preps:
                        nxt.append(o)
            frontier = nxt
        return None

    def fallback_places(self, events: list[_Event]) -> None:
        """No attached place: a LOC after a place preposition in the same sentence (nearest),
        else, for events of the first paragraph, the dateline ("WASHINGTON --")."""
        placed = []
        for a, b, e in self.mentions:
            if self.ent_by_id.get(e, {}).get("type") != "LOC":
                continue
            j = a - 1
            while j >= 0 and not self.toks[j].text.strip():
                j -= 1
            if j >= 0 and self.lemma(j) in self.lex.place_locative and self.seg[j] == self.seg[a]:
                placed.append((a, b, e))
        dateline = self._dateline()
        lead_block = self.block[self._lead_index()] if self.toks else 0
        attached = {(self.seg[ev.head], ev.place) for ev in events if ev.place is not None}
        placed_in: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for m in placed:
            placed_in.setdefault(self.seg[m[0]], []).append(m)
        for ev in events:
            if ev.place is not None:
                continue
            cands = [m for m in placed_in.get(self.seg[ev.head], ())
                     if (self.seg[ev.head], m[2]) not in attached]
            if cands:
                if self.parser:
                    ev.place = min(cands, key=lambda m: (self.distance(ev, m[0]), abs(m[0] - ev.head)))[2]
                else:
                    ev.place = min(cands, key=lambda m: abs(m[0] - ev.head))[2]
            elif dateline and self.block[ev.head] == lead_block:
                ev.place = dateline

    def _dateline(self) -> str | None:
        """A capitalised place opening the text and followed by a dash: "LONDON --", "KYIV (Reuters) -"."""
        for a, b, e in self.mentions:
            if a > 80:
                break
            if self.ent_by_id.get(e, {}).get("type") != "LOC":
                continue
            text = self.doc.text[self.toks[a].start:self.toks[b - 1].end]
            nxt = next((self.toks[j].text for j in range(b, min(b + 3, len(self.toks)))
                        if self.toks[j].text.strip()), "")
            if text.isupper() and len(text) > 2 and nxt[:1] in ("-", "—", "–", "("):
                return e
        return None

    def _lead_index(self) -> int:
        for t in self.toks:
            if t.pos in VERB_POS | {"AUX"} and (not self.parser or self.dep(t.i) == "ROOT") \
                    and not self.in_furniture[t.i]:
                return t.i
        return 0

    def accusation_agents(self, events: list[_Event]) -> None:
        """"Assad is accused of killings": the accused is the agent of the acts named."""
        by_head = {ev.head: ev for ev in events}
        for ev in events:
            if ev.agents:
                continue
            j, path = ev.head, 0
            while path < 6:
                h = self.head(j)
                if h is None:
                    break
                if h in by_head and self.lex.type_info(by_head[h].type).get("accusation"):
                    acc = by_head[h]
                    if acc.patients:
                        for x in acc.patients:
                            if x not in ev.agents and x not in ev.patients:
                                ev.agents.append(x)
                    break
                if self.toks[j].dep not in (POBJ | CONJ | APPOS | {"prep", "obl", "nmod"}) \
                        and self.toks[h].pos != "ADP":
                    break
                j, path = h, path + 1

    def cause_agents(self, events: list[_Event]) -> None:
        """"A Russian missile strike killed 12 people": the strike's agents did the killing."""
        by_head = {ev.head: ev for ev in events if ev.is_noun}
        for ev in events:
            if ev.is_noun or ev.agents or self.is_passive(ev.head):
                continue
            for s in self.children(ev.head, SUBJ):
                cause = by_head.get(s)
                if cause is not None and cause.agents:
                    ev.agents.extend(a for a in cause.agents if a not in ev.agents + ev.patients)

    def window_args(self, ev: _Event) -> None:
        """No parser: nearest entity before the trigger (agent) and after it (patient)."""
        s = self.seg[ev.head]
        before = [(a, b, e) for a, b, e in self.mentions if b <= ev.first and self.seg[a] == s]
        after = [(a, b, e) for a, b, e in self.mentions if a >= ev.last and self.seg[a] == s]
        place = None
        for a, b, e in sorted(before + after, key=lambda m: abs(m[0] - ev.head)):
            if (self.ent_by_id.get(e, {}).get("type") == "LOC" and a > 0
                    and self.lemma(a - 1) in self.lex.place_preps):
                place = e
                break
        ev.place = place
        before = [m for m in before if m[2] != place]
        after = [m for m in after if m[2] != place]
        passive = self.toks[ev.head].feat("Voice") == "Pass"
        undergoer = self.lemma(ev.head) in self.lex.undergoer_verbs
        if before:
            a, b, e = before[-1]
            self._window_arg(ev, "patient" if (passive or undergoer) else "agent", a, b, e)
        info = self.lex.type_info(ev.type)
        if after and not info.get("intransitive"):
            a, b, e = after[0]
            self._window_arg(ev, "agent" if passive else "patient", a, b, e)

    def _window_arg(self, ev: _Event, role: str, a: int, b: int, e: str) -> None:
        target = ev.agents if role == "agent" else ev.patients
        if e not in ev.agents and e not in ev.patients:
            target.append(e)
        s, t = self.toks[a].start, self.toks[b - 1].end
        ev.arguments.append({"role": role, "start": s, "end": t, "text": self.doc.text[s:t], "entity": e})

    # -- time -----------------------------------------------------------------------------------
    def assign_times(self, events: list[_Event]) -> None:
        by_seg: dict[tuple[int, int], list[_Event]] = {}
        for ev in events:
            by_seg.setdefault(self.seg[ev.head], []).append(ev)
        best: dict[int, tuple[float, int]] = {}
        for ti, tm in enumerate(self.times):
            try:
                span = self.doc.tokens_in(int(tm["start"]), int(tm["end"]))
            except (KeyError, TypeError, ValueError):
                continue
            span = [t for t in span if t.text.strip()]
            if not span or self.in_furniture[span[0].i]:
                continue
            inside = {t.i for t in span}
            th = next((t.i for t in span if self.head(t.i) not in inside), span[-1].i)
            cands = by_seg.get(self.seg[th], [])
            if not cands:
                continue
            dists = {id(ev): self.distance(ev, th) for ev in cands}
            dmin = min(dists.values())
            if dmin == math.inf:
                continue
            for ev in cands:
                d = dists[id(ev)]
                if d <= dmin and (id(ev) not in best or d < best[id(ev)][0]):
                    best[id(ev)] = (d, ti)
        for ev in events:
            if id(ev) in best:
                ev.time = best[id(ev)][1]
        # "fled after the opposition's victory in December 2024": a time reached through a noun
        # event in the verb event's own phrase is the verb event's time as well
        for ev in events:
            if ev.time is not None or not self.parser:
                continue
            for other in by_seg.get(self.seg[ev.head], []):
                if other is ev or not other.is_noun or other.time is None:
                    continue
                j, steps = other.head, 0
                while j is not None and j != ev.head and steps < 3:
                    j, steps = self.head(j), steps + 1
                if j == ev.head:
                    ev.time = other.time
                    break
        # none in its sentence: the nearest time of the neighbouring sentences, same paragraph
        for ev in events:
            if ev.time is None:
                ev.time = self.nearby_time(ev, 1)

    def nearby_time(self, ev: _Event, max_sents: int) -> int | None:
        sent, blk = self.seg[ev.head]
        if self._times_by_sent is None:      # sentence -> (first token, time index), built once
            self._times_by_sent = {}
            for ti, tm in enumerate(self.times):
                try:
                    span = self.doc.tokens_in(int(tm["start"]), int(tm["end"]))
                except (KeyError, TypeError, ValueError):
                    continue
                if span and not self.in_furniture[span[0].i]:
                    self._times_by_sent.setdefault(span[0].sent, []).append((span[0].i, ti))
        near = []
        for d in range(1, max_sents + 1):
            for s in (sent - d, sent + d):
                for i, ti in self._times_by_sent.get(s, ()):
                    if self.block[i] == blk:
                        near.append((d, abs(i - ev.head), ti))
        return min(near)[2] if near else None

    def distance(self, ev: _Event, target: int) -> float:
        if not self.parser:
            return abs(ev.head - target)
        key = (ev.head, ev.anchor)
        dist = self._dist.get(key)
        if dist is None:
            # undirected tree distances from the trigger (or its light verb, whichever is nearer)
            starts = {ev.head, ev.anchor} - {-1}
            dist = {s: 0 for s in starts}
            frontier = list(starts)
            while frontier:
                nxt = []
                for j in frontier:
                    h = self.head(j)
                    for k in self.children(j) + ([h] if h is not None else []):
                        if k not in dist:
                            dist[k] = dist[j] + 1
                            nxt.append(k)
                frontier = nxt
            self._dist[key] = dist
        return dist.get(target, math.inf)

    # -- modality -------------------------------------------------------------------------------
    def modality(self, ev: _Event) -> str:
        found = self.parsed_modality(ev) if self.parser else self.window_modality(ev)
        if found:
            return found
        if self.in_attributed_claim(ev):
            return "reported"
        return "asserted"

    def _level_cues(self, j: int, negation_ok: bool) -> str | None:
        lex = self.lex
        # the consequent of a condition: a clause under "if"/"unless" hangs on this word
        cond = any(self.toks[c].dep in ADVCL and any(self.keys(m) & lex.conditional
                                                    for m in self.children(c, MARK))
                   for c in self.children(j))
        for c in self.children(j):
            dep = self.toks[c].dep
            keys = self.keys(c)
            if negation_ok and (dep in NEG or (dep in ("advmod", "det", "part") and keys & lex.negation
                                              and self.toks[c].pos in ("PART", "ADV"))):
                return "negated"
            if dep in MARK and keys & lex.conditional:
                return "conditional"
            if dep in MARK and keys & lex.hyp_marks:
                return "hypothetical"
            if dep in AUX and keys & lex.hypothetical:
                return "hypothetical"
            if dep in AUX and keys & lex.planned:
                return "conditional" if cond else "planned"
            if dep == "advmod" and keys & lex.reported_adverbs:
                return "reported"
            # "..., Reuters reports" (UD parataxis), "..., according to Reuters"
            if dep in ("parataxis", "prep") and keys & lex.reported and self.toks[c].i != j:
                return "reported"
        return "conditional" if cond else None

    def _phrase_ends_at(self, j: int, phrases: list[tuple[str, ...]]) -> bool:
        """Does one of the phrases end at token j ("в случае", "у разі", "in case")?"""
        for words in phrases:
            start = j - len(words) + 1
            if start >= 0 and all(self.seg[start + k] == self.seg[j]
                                  and words[k] in self.keys(start + k) for k in range(len(words))):
                return True
        return False

    def _governor_cue(self, g: int) -> str | None:
        keys = self.keys(g)
        lex = self.lex
        if keys & lex.negating:
            return "negated"
        if keys & lex.hoped:
            return "hoped"
        if keys & lex.alleged:
            return "alleged"
        if keys & lex.proposed or (self.toks[g].pos in NOUN_POS and keys & lex.proposed_nouns):
            return "proposed"
        if self._phrase_ends_at(g, lex.conditional_phrases):
            return "conditional"
        if keys & lex.planned:
            return "planned"
        if keys & lex.reported:
            return "reported"
        return None

    def parsed_modality(self, ev: _Event) -> str | None:
        j = ev.head
        negation_ok = True
        for _ in range(8):
            cue = self._level_cues(j, negation_ok)
            if cue:
                return cue
            h = self.head(j)
            if h is None:
                # a second root of the sentence that reports ("..., сообщает Reuters")
                seg = self.seg[j]
                if any(self.seg[k] == seg and k != j and self.head(k) is None
                       and self.toks[k].pos in VERB_POS and self.keys(k) & self.lex.reported
                       for k in range(max(0, j - 60), min(len(self.toks), j + 60))):
                    return "reported"
                return None
            dep = self.toks[j].dep
            infinitive = self.toks[j].feat("VerbForm") == "Inf" or any(
                self.keys(c) & self.lex.inf_markers for c in self.children(j, AUX | MARK))
            if dep in CONJ:
                j = h
                continue
            # an infinitival relative is a complement of its noun ("a bill to ban")
            if dep in (OBJ | POBJ | {"prep", "obl", "nmod", "case"} | XCOMP | ADVCL | CCOMP | APPOS | ACL) \
                    or (dep in RELCL and infinitive) or self.toks[h].pos == "ADP":
                if self.toks[h].pos != "ADP":
                    if dep in CCOMP:
                        # only a reporting governor colours a clausal complement
                        return "reported" if self.keys(h) & self.lex.reported else None
                    if dep in ADVCL and not infinitive:
                        return None
                    cue = self._governor_cue(h)
                    if cue == "negated" and not (dep in XCOMP or infinitive):
                        cue = None
                    if cue:
                        return cue
                    if infinitive and dep in (XCOMP | ADVCL) and not (self.keys(h) & self.lex.implicative):
                        return "planned"
                    if ev.is_noun and dep in OBJ and self.lemma(h) not in self.lex.light_verbs:
                        return None
                    negation_ok = dep in XCOMP or (dep in OBJ and ev.is_noun) or infinitive
                else:
                    negation_ok = False
                j = h
                continue
            return None
        return None

    def window_modality(self, ev: _Event) -> str | None:
        lex = self.lex
        s = self.seg[ev.head]
        lo = ev.first
        start = lo
        while start > 0 and self.seg[start - 1] == s:
            start -= 1
        # a condition opened earlier in the sentence ("Якщо ..., армія атакуватиме"), unless the
        # trigger is negated right before it
        if any(self.keys(j) & lex.conditional for j in range(start, lo)) and not any(
                self.keys(j) & lex.negation for j in range(max(start, lo - 2), lo)):
            return "conditional"
        for k in range(1, 5):
            j = lo - k
            if j < 0 or self.seg[j] != s:
                break
            keys = self.keys(j)
            if k <= 2 and keys & lex.negation:
                return "negated"
            if keys & lex.negating:
                return "negated"
            if keys & lex.conditional or self._phrase_ends_at(j, lex.conditional_phrases):
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

    def in_attributed_claim(self, ev: _Event) -> bool:
        if self._claimed is None:           # contents of claims someone else made, built once
            outlet = (self.doc.outlet or "").casefold()
            spans = []
            for c in self.claims:
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
            self._claimed = SpanIndex(spans)
        return bool(self._claimed.containing(self.toks[ev.head].start))

    # -- importance -----------------------------------------------------------------------------
    def rank(self, events: list[_Event], title: dict[str, set[str]]) -> None:
        lead_sent = self._lead_segment()
        if lead_sent is not None and self.lex.other_type and self.parser and not any(
                self.seg[ev.head] == lead_sent for ev in events):
            fallback = self._fallback_event(lead_sent)
            if fallback is not None:
                events.append(fallback)
        mention_count = {e["id"]: len(e.get("mentions", [])) for e in self.entities}
        title_words = title.get("words", set()) | title.get("lemmas", set())
        seg_order = {s: n for n, s in enumerate(dict.fromkeys(self.seg))}
        for ev in events:
            info = self.lex.type_info(ev.type)
            score = 0.0
            if self.seg[ev.head] == lead_sent:
                score += LEAD
            if ev.type in title.get("types", set()):
                score += TITLE_TYPE
            if self.keys(ev.head) & title.get("lemmas", set()):
                score += TITLE_LEMMA
            ents = ev.agents + ev.patients + ([ev.place] if ev.place else [])
            for e in ents:
                name_words = {w.casefold() for w in self.ent_by_id.get(e, {}).get("name", "").split()}
                if name_words & title_words:
                    score += TITLE_ACTOR
            if self.parser and self._main_clause(ev.anchor if ev.anchor >= 0 else ev.head):
                score += 1.0
            score += 0.6 * min(len(set(ev.agents + ev.patients)), 3)
            score += 0.3 * math.log1p(sum(mention_count.get(a, 0) for a in ev.agents))
            if ev.modality in ("asserted", "reported"):
                score += 0.5
            elif ev.modality in UNREAL:
                score -= 1.5   # what did not or might happen is rarely the story
            if ev.time is not None:
                score += 0.3
            if ev.place is not None:
                score += 0.2
            score *= float(info.get("weight", 1.0))
            score -= 0.05 * seg_order.get(self.seg[ev.head], 0)
            ev.score = score
        events.sort(key=lambda ev: (-ev.score, ev.head))
        main = self.headline_event(events, title, lead_sent)
        if main is not None:
            events.remove(main)
            events.insert(0, main)
        if events and events[0].time is None:
            # the main event without a time in or beside its sentence: the nearest time of the
            # lead paragraph (two sentences either side at most)
            events[0].time = self.nearby_time(events[0], 2)
        if events and events[0].place is None:
            # the main event without an attached place: the place the headline names
            cands = [e for e in self.entities if e.get("type") == "LOC" and e.get("name")
                     and {w.casefold() for w in e["name"].split()} <= title.get("words", set())]
            if cands:
                events[0].place = max(cands, key=lambda e: len(e.get("mentions", [])))["id"]
            else:   # else a place its own sentence names
                seg = self.seg[events[0].head]
                locs = [e for a, b, e in self.mentions if self.seg[a] == seg
                        and self.ent_by_id.get(e, {}).get("type") == "LOC"
                        and e not in events[0].agents + events[0].patients]
                if not locs:    # else the first place the lead names (inverted pyramid)
                    segs = set(self.lead_segments(lead_sent))
                    locs = [e for a, b, e in self.mentions if self.seg[a] in segs
                            and not self.in_furniture[a]
                            and self.ent_by_id.get(e, {}).get("type") == "LOC"
                            and e not in events[0].agents + events[0].patients]
                if locs:
                    events[0].place = locs[0]

    # -- one event told several times, and its numbers -------------------------------------------
    def merge(self, events: list[_Event]) -> list[_Event]:
        """Events with the same trigger word, type and participants are one event told again
        ("charges ... the charges"), stated or reported alike (planned, hoped, negated or
        hypothetical ones only with their like): the first in rank order stays, the others'
        triggers become its mentions and fill its missing time and place. Two different times
        keep them apart."""
        kept: list[_Event] = []
        by_key: dict[tuple, list[_Event]] = {}
        for ev in events:
            key = (self.lemma(ev.head), ev.type, frozenset(ev.agents), frozenset(ev.patients),
                   "told" if ev.modality in ("asserted", "reported") else ev.modality)
            same = next((k for k in by_key.get(key, ())
                         if ev.time is None or k.time is None or ev.time == k.time), None)
            if same is None:
                by_key.setdefault(key, []).append(ev)
                kept.append(ev)
                continue
            same.mentions.append((ev.first, ev.last))
            same.mentions.extend(ev.mentions)
            if same.time is None:
                same.time = ev.time
            if same.place is None:
                same.place = ev.place
        return kept

    def bind_quantities(self, events: list[_Event]) -> None:
        """A number whose phrase is the trigger's argument ("killed 59 people", "freed 21",
        "an offer of $121 billion", "59 people were killed") is the event's attribute: {quantity
        (index into quantities), role}: amount for money, else the type's quantity_role
        (casualties for kill / injure), else count. Each number goes to its nearest trigger."""
        if not events:
            return
        triggers: dict[int, _Event] = {}
        for ev in events:
            for a, b in [(ev.first, ev.last)] + ev.mentions:
                for j in range(a, b):
                    triggers.setdefault(j, ev)
        for qi, q in enumerate(self.parts_quantities):
            try:
                span = [t for t in self.doc.tokens_in(int(q["start"]), int(q["end"])) if t.text.strip()]
            except (KeyError, TypeError, ValueError):
                continue
            if not span or self.in_furniture[span[0].i]:
                continue
            if not self.parser:   # no parse: a number next to a trigger in its sentence
                near = [(min(abs(j - span[0].i), abs(j - span[-1].i)), j) for j in triggers
                        if self.seg[j] == self.seg[span[0].i]]
                d, j = min(near, default=(99, -1))
                if d <= WINDOW_QUANTITY:
                    self._bind(triggers[j], qi, q)
                continue
            inside = {t.i for t in span}
            j = next((t.i for t in span if self.head(t.i) not in inside), span[-1].i)
            if j in triggers:     # "the 21 freed": the trigger inside the number's phrase
                continue
            for _ in range(3):
                if self.toks[j].dep in CLAUSE_DEPS:
                    break
                h = self.head(j)
                if h is None:
                    break
                if h in triggers:
                    self._bind(triggers[h], qi, q)
                    break
                j = h

    def _bind(self, ev: _Event, qi: int, q: dict[str, Any]) -> None:
        unit = q.get("unit") or ""
        role = "amount" if unit in self.currency_codes or unit == "%" \
            else self.lex.type_info(ev.type).get("quantity_role", "count")
        ev.quantities.append({"quantity": qi, "role": role})

    def lead_segments(self, lead: tuple[int, int] | None) -> list[tuple[int, int]]:
        """The lead: the lead sentence and the next ones, LEAD_SENTENCES in all, furniture left
        out."""
        if lead is None:
            return []
        order = [s for s in dict.fromkeys(self.seg[t.i] for t in self.toks if not self.in_furniture[t.i]
                                           and t.text.strip())]
        if lead not in order:
            return [lead]
        k = order.index(lead)
        return order[k:k + LEAD_SENTENCES]

    def headline_event(self, events: list[_Event], title: dict[str, Any],
                       lead: tuple[int, int] | None) -> _Event | None:
        """The event the headline reports, told in the lead (inverted pyramid): for each event
        the title names, in order, a lead event with the same word, else of the same type
        (those with participants first, then in text order); else a lead verb the title uses
        (an ``other`` event)."""
        segs = self.lead_segments(lead)
        if not segs:
            return None
        lead_events = sorted((ev for ev in events if self.seg[ev.head] in segs
                              and ev.modality not in UNREAL),
                             key=lambda ev: ev.first)

        def best(cands: list[_Event]) -> _Event | None:
            # the headline's event with its participants; one with none is left to the ranking
            return next((ev for ev in cands if ev.agents or ev.patients), None)

        for seg in segs:    # the lead sentence first: the headline's event as it first appears
            in_seg = [ev for ev in lead_events if self.seg[ev.head] == seg]
            for ttype, forms in title.get("triggers") or []:
                found = best([ev for ev in in_seg if self.keys(ev.head) & forms]) \
                    or best([ev for ev in in_seg if ev.type == ttype])
                if found is not None:
                    return found
        if not self.parser or not self.lex.other_type:
            return None
        for forms in title.get("verbs") or []:
            for t in self.toks:
                if self.seg[t.i] in segs and t.pos in VERB_POS and self.keys(t.i) & forms \
                        and not self.in_furniture[t.i] and not any(ev.head == t.i for ev in events):
                    ev = _Event(self.lex.other_type, t.i, t.i, t.i + 1, False, anchor=t.i)
                    self.parsed_args(ev)
                    self.assign_times([ev])
                    ev.modality = self.modality(ev)
                    if ev.modality in UNREAL:
                        continue
                    events.append(ev)
                    return ev
        return None

    def _lead_segment(self) -> tuple[int, int] | None:
        """The first sentence with a main verb (skips bylines, captions reduced to a phrase)."""
        return self.seg[self._lead_index()] if self.toks else None

    def _main_clause(self, i: int) -> bool:
        j = i
        for _ in range(4):
            h = self.head(j)
            if h is None:
                return True
            dep = self.toks[j].dep
            if dep in CONJ:
                j = h
                continue
            if dep in CCOMP and self.keys(h) & self.lex.reported:
                j = h
                continue
            if dep in XCOMP:
                j = h
                continue
            return False
        return False

    def _fallback_event(self, seg: tuple[int, int]) -> _Event | None:
        for t in self.toks:
            if self.seg[t.i] == seg and self.dep(t.i) == "ROOT" and t.pos in VERB_POS \
                    and not (self.keys(t.i) & self.lex.not_events) and not self.in_furniture[t.i]:
                ev = _Event(self.lex.other_type, t.i, t.i, t.i + 1, False, anchor=t.i)
                self.parsed_args(ev)
                self.assign_times([ev])
                ev.modality = self.modality(ev)
                return ev
        return None
