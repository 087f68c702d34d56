"""Trigger and cue tables for one language (``lang/data/<lang>/events.yml`` and the shared
ontology), and trigger matching on a token."""
from __future__ import annotations

from typing import Any, Iterable

from ...lang.base import AnalyzedDoc, Token
from ...doc import labels as L

# The preposition-like key prep_objects gives a passive's agent phrase when the parser labels it
# as such (ClearNLP ``agent``, UD ``obl:agent``): not a word of any language.
AGENT_LINK = "<agent>"
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP"})
# Modalities of what did not or might happen: never the main event, ranked low.
UNREAL = ("negated", "hypothetical", "conditional")


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
        self.undergoer_passives = _set(data.get("undergoer_passive_verbs"))
        preps = data.get("prepositions") or {}
        self.place_preps = _set(preps.get("place"))
        # where something happens (not where it goes or comes from): the sentence-level fallback
        self.place_locative = _set(preps.get("locative", preps.get("place")))
        # prepositions after which a MISC / EVENT name is a place ("outside Trump Tower")
        self.place_misc = _set(preps.get("place_misc"))
        self.patient_preps = _set(preps.get("patient"))
        self.patient_preps_by_type = {k: _set(v) for k, v in (preps.get("patient_by_type") or {}).items()}
        # the parser's agent label (ClearNLP agent, UD obl:agent) marks an agent in every language
        self.agent_preps = _set(preps.get("agent")) | {AGENT_LINK}
        self.genitive_preps = _set(preps.get("genitive"))
        self.undergoer_preps = _set(preps.get("undergoer"))
        self.accusation_preps = _set(preps.get("accusation"))
        # every preposition listed (the tagger may read one as an adverb: "проти")
        self.prepositions = set().union(
            self.place_preps, self.place_locative, self.place_misc, self.patient_preps,
            *self.patient_preps_by_type.values(), self.agent_preps, self.genitive_preps,
            self.undergoer_preps, self.accusation_preps)
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
        # roles from grammatical case (uk/ru): a case-marked argument of a verb trigger by voice,
        # of an event noun ("noun"); event nouns whose bare genitive is their agent ("санкции
        # ЕС"; other nouns give it the type's of_role)
        cases = data.get("cases") or {}
        self.case_roles = {voice: {str(k): str(v) for k, v in (cases.get(voice) or {}).items()}
                           for voice in ("active", "passive", "noun")}
        self.genitive_agents = _set(cases.get("genitive_agent_nouns"))
        # passive participles the tagger reads as adjectives ("затриманий" -> "затримати"),
        # impersonal passives ("затримано") and reflexive passives ("затримувався поліцією")
        self.participle_suffixes = sorted(
            ((str(k).casefold(), str(v).casefold())
             for k, v in (data.get("passive_participle_suffixes") or {}).items()),
            key=lambda kv: -len(kv[0]))
        self.impersonal_endings = tuple(sorted(_set(data.get("impersonal_passive_endings"))))
        self.reflexive_endings = tuple(sorted(_set(data.get("reflexive_endings")), key=len, reverse=True))
        self.lemma_fixes = {str(k).casefold(): str(v).casefold()
                            for k, v in (data.get("lemma_fixes") or {}).items()}

    def keys(self, tok: Token) -> set[str]:
        """The forms a token is looked up by: lemma, lower-cased text, corrected lemma."""
        lemma = tok.lemma.casefold()
        out = {lemma, tok.text.casefold()}
        fixed = self.lemma_fixes.get(tok.text.casefold()) or self.lemma_fixes.get(lemma)
        if fixed:
            out.add(fixed)
        verb = self.participle_verb(tok)
        if verb:
            out.add(verb)
        return out

    def participle_verb(self, tok: Token) -> str | None:
        """The verb a passive participle tagged as an adjective comes from, by the language's
        suffixes ("затриманий" -> "затримати"); None for other tokens."""
        if tok.pos != "ADJ" or not self.participle_suffixes:
            return None
        lemma = tok.lemma.casefold()
        for suffix, verb_end in self.participle_suffixes:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 1:
                return lemma[:-len(suffix)] + verb_end
        return None

    def reflexive_base(self, tok: Token) -> str | None:
        """The non-reflexive lemma of a reflexive verb ("затримуватися" -> "затримувати")."""
        if tok.pos not in L.VERB_POS:
            return None
        lemma = tok.lemma.casefold()
        for ending in self.reflexive_endings:
            if lemma.endswith(ending) and len(lemma) > len(ending) + 2:
                return lemma[:-len(ending)]
        return None

    def is_impersonal_passive(self, tok: Token) -> bool:
        """An impersonal passive form ("затримано", "вбито"): a finite verb without tense or
        person ending in one of the language's endings."""
        return (bool(self.impersonal_endings) and tok.pos in L.VERB_POS and not tok.feat("Tense")
                and not tok.feat("Person") and tok.text.casefold().endswith(self.impersonal_endings))

    def type_info(self, name: str) -> dict[str, Any]:
        return self.types.get(name, {})



def match_at(doc: AnalyzedDoc, lex: Lexicon, i: int, pos_check: bool = True) -> list[tuple]:
    """Triggers whose head is token i: (type, head, first, last, is_noun, required objects)."""
    toks = doc.tokens
    tok = toks[i]
    found: list[tuple] = []

    def seq_matches(words: tuple[str, ...], start: int) -> bool:
        if start < 0 or start + len(words) > len(toks):
            return False
        return all(w in lex.keys(toks[start + k]) for k, w in enumerate(words))

    keys = lex.keys(tok)
    if not pos_check or tok.pos in L.VERB_POS or tok.feat("VerbForm") == "Part" \
            or lex.participle_verb(tok):
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
    if not found and (not pos_check or tok.pos in L.NOUN_POS):
        for key in keys:
            for words, tname in lex.nouns.get(key, []):
                start = i - len(words) + 1
                if seq_matches(words, start):
                    found.append((tname, i, start, i + 1, True, None))
                    break
            if found:
                break
    return found[:1]

