"""Attribution lexicon for one language, compiled once per process from lang/data/<lang>/claims.yml.

Everything language-specific (cue lemmas by status, source markers, no-comment patterns, hedges,
outlet names) comes from the YAML; this module only compiles it into lookups and regexes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .cue_model import CueModel

STATUS_OF_CLASS = {"assert": "asserted", "confirm": "confirmed", "deny": "denied",
                   "allege": "alleged", "retract": "retracted"}
# When a lemma is listed under several classes the more specific one wins.
CLASS_PRIORITY = ("retract", "deny", "confirm", "allege", "assert")
# Statuses a phrase in a claim's words can give it (status_phrases), strongest first.
PHRASE_STATUSES = ("retracted", "no_comment", "denied")
CHANNELS = ("statement", "interview", "social_media", "tv", "filing")


WEB_DOMAIN = re.compile(r"[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:ru|ua|by|kz|com|net|org|info|"
                        r"tv|fm|news|media|eu|uk|de|fr)", re.IGNORECASE)


def _phrase_regex(phrases: list[str], *, regex: bool = False,
                  suffix: str = "") -> re.Pattern | None:
    """One case-insensitive alternation with word boundaries, longest phrase first; `suffix`
    (a regex) admits inflectional endings ("Укрінформу")."""
    items = [p for p in (phrases or []) if p]
    if not items:
        return None
    if not regex:
        items = [r"\s+".join(re.escape(w) for w in p.split()) for p in items]
    items.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in items) + r")" + suffix +
                      r"(?!\w)", re.IGNORECASE)


def _lower_set(items) -> set[str]:
    return {str(x).casefold() for x in (items or [])}


@dataclass
class Lexicon:
    lang: str
    cue_status: dict[str, str] = field(default_factory=dict)     # verb lemma -> status
    listed_cues: set[str] = field(default_factory=set)   # cue_status's hand-listed lemmas
    noun_status: dict[str, str] = field(default_factory=dict)    # reporting noun -> status
    object_content: set[str] = field(default_factory=set)
    xcomp_content: set[str] = field(default_factory=set)
    addressee: set[str] = field(default_factory=set)
    clause_cues: set[str] = field(default_factory=set)
    clause_preps: set[str] = field(default_factory=set)
    report_adverbs: set[str] = field(default_factory=set)
    experiencer_verbs: set[str] = field(default_factory=set)
    dummy_subjects: set[str] = field(default_factory=set)
    reaction_verbs: set[str] = field(default_factory=set)
    reaction_nouns: set[str] = field(default_factory=set)
    reaction_preps: set[str] = field(default_factory=set)
    raising_verbs: set[str] = field(default_factory=set)
    topic_preps: set[str] = field(default_factory=set)
    stance_adjectives: set[str] = field(default_factory=set)
    intent_verbs: set[str] = field(default_factory=set)
    stance_verbs: set[str] = field(default_factory=set)
    prep_stance_verbs: dict[str, set[str]] = field(default_factory=dict)
    manner_words: set[str] = field(default_factory=set)   # "put it [this way]: '...'"
    # a cue verb governing one of these prepositions is no cue ("отвечает за транспорт": is
    # in charge of, does not reply)
    prep_non_cues: dict[str, set[str]] = field(default_factory=dict)
    no_xcomp_cues: set[str] = field(default_factory=set)
    # a cue verb with this particle is no cue ("the rocket blasted off", "protesters showed up")
    phrasal_non_cues: set[str] = field(default_factory=set)
    anaphoric_openers: re.Pattern | None = None
    passive_status: dict[str, str] = field(default_factory=dict)
    source_markers: re.Pattern | None = None
    possessive_markers: list[re.Pattern] = field(default_factory=list)  # "по её словам": who "её"
    marker_after: set[str] = field(default_factory=set)          # markers whose source precedes
    no_comment: list[re.Pattern] = field(default_factory=list)
    unreachable: list[tuple[re.Pattern, str]] = field(default_factory=list)
    anon_nouns: set[str] = field(default_factory=set)
    anon_patterns: re.Pattern | None = None
    interview_markers: re.Pattern | None = None
    hedges: re.Pattern | None = None
    outlets: set[str] = field(default_factory=set)
    outlet_regex: re.Pattern | None = None
    outlet_suffix: str = ""
    outlet_nouns: set[str] = field(default_factory=set)
    document_nouns: set[str] = field(default_factory=set)
    vehicle_nouns: set[str] = field(default_factory=set)   # "issued a statement saying X"
    vehicle_verbs: set[str] = field(default_factory=set)   # (the verbs that issue them)
    pronouns: set[str] = field(default_factory=set)
    skip_source_pronouns: set[str] = field(default_factory=set)
    first_person_pronouns: set[str] = field(default_factory=set)
    speaker_label: re.Pattern | None = None
    not_speaker_labels: re.Pattern | None = None
    interview_labels: set[str] = field(default_factory=set)
    title_patterns: list[re.Pattern] = field(default_factory=list)
    dateline_patterns: list[re.Pattern] = field(default_factory=list)
    place_dateline_patterns: list[re.Pattern] = field(default_factory=list)
    credit_patterns: list[re.Pattern] = field(default_factory=list)
    complementizers: set[str] = field(default_factory=set)
    # words that open a subordinate clause ("після того як", "когда"): a speaker found without
    # a parse starts after the last of them
    subordinators: set[str] = field(default_factory=set)
    # particles of the conditional ("які підтверджували б ці твердження"): no one's report
    conditional_particles: set[str] = field(default_factory=set)
    # nouns of time ("в четвер"): a place phrase of an impersonal plural that names no body
    time_nouns: set[str] = field(default_factory=set)
    quote_pairs: list[tuple[str, str]] = field(default_factory=list)
    conjunctions: re.Pattern | None = None
    # statuses beyond the cue's class: phrases in a claim's words ("не відповідає дійсності"),
    # negated cues ("не признал" -> denied), charges and accusations without a speaker
    status_phrases: list[tuple[str, re.Pattern]] = field(default_factory=list)
    negation: set[str] = field(default_factory=set)
    negated_status: dict[str, str] = field(default_factory=dict)
    allegations: list[re.Pattern] = field(default_factory=list)
    channels: list[tuple[str, re.Pattern]] = field(default_factory=list)
    pronoun_modifiers: set[str] = field(default_factory=set)
    definite_determiners: set[str] = field(default_factory=set)
    caption_patterns: list[re.Pattern] = field(default_factory=list)
    citing: re.Pattern | None = None
    relay_verbs: set[str] = field(default_factory=set)
    impersonal_preps: set[str] = field(default_factory=set)
    headline_patterns: list[re.Pattern] = field(default_factory=list)
    # reporting nouns whose infinitive is their content ("his promise to build a wall")
    intent_nouns: set[str] = field(default_factory=set)
    # verbs whose object does what their infinitive says ("prompted Parliament to call")
    object_control_verbs: set[str] = field(default_factory=set)
    # sentence openings whose cue verb is the writer's turn of phrase ("That said, ...")
    discourse_patterns: list[re.Pattern] = field(default_factory=list)
    relative_pronouns: set[str] = field(default_factory=set)
    relative_subjects: set[str] = field(default_factory=set)
    clause_conjunctions: re.Pattern | None = None
    quoted_as_verbs: set[str] = field(default_factory=set)
    source_preps: set[str] = field(default_factory=set)
    head_last: bool = False          # a phrase's head noun is its last word (else its first)
    double_apostrophe_quotes: bool = False
    adverbial_preps: set[str] = field(default_factory=set)
    as_markers: set[str] = field(default_factory=set)   # "as X said, Y": Y is X's
    finding_nouns: set[str] = field(default_factory=set)   # "in a CNN poll": the poll found it
    finding_preps: set[str] = field(default_factory=set)
    cue_model: CueModel | None = None    # the learned cue scorer (cue_model.py), where trained

    @classmethod
    def build(cls, lang: str, data: dict[str, Any], learned: dict[str, Any] | None = None,
              cue_model: CueModel | None = None) -> "Lexicon":
        lex = cls(lang=lang, cue_model=cue_model)
        classes = data.get("cue_verbs") or {}
        for klass in reversed(CLASS_PRIORITY):  # later (more specific) classes overwrite
            for lemma in classes.get(klass) or []:
                lex.cue_status[str(lemma).casefold()] = STATUS_OF_CLASS[klass]
        lex.listed_cues = set(lex.cue_status)
        # cue lemmas learned from an annotated corpus extend the assertive class only
        min_p = float(data.get("learned_min_precision", 0.5))
        for lemma, stats in ((learned or {}).get("cue_lemmas") or {}).items():
            if not isinstance(stats, dict) or stats.get("precision", 1.0) >= min_p:
                lex.cue_status.setdefault(str(lemma).casefold(), "asserted")
        for lemma in data.get("not_cue_lemmas") or []:
            lex.cue_status.pop(str(lemma).casefold(), None)
        for klass in reversed(CLASS_PRIORITY):
            for lemma in (data.get("cue_nouns") or {}).get(klass) or []:
                lex.noun_status[str(lemma).casefold()] = STATUS_OF_CLASS[klass]
        lex.object_content = _lower_set(data.get("object_content_verbs"))
        lex.xcomp_content = _lower_set(data.get("xcomp_content_verbs"))
        lex.addressee = _lower_set(data.get("addressee_verbs"))
        lex.clause_cues = _lower_set(data.get("clause_cue_verbs"))
        lex.clause_preps = _lower_set(data.get("clause_preps"))
        lex.report_adverbs = _lower_set(data.get("report_adverbs"))
        lex.experiencer_verbs = _lower_set(data.get("experiencer_verbs"))
        lex.dummy_subjects = _lower_set(data.get("dummy_subjects"))
        lex.reaction_verbs = _lower_set(data.get("reaction_verbs"))
        lex.reaction_nouns = _lower_set(data.get("reaction_nouns"))
        lex.reaction_preps = _lower_set(data.get("reaction_preps"))
        lex.raising_verbs = _lower_set(data.get("raising_verbs"))
        lex.topic_preps = _lower_set(data.get("topic_preps"))
        lex.stance_adjectives = _lower_set(data.get("stance_adjectives"))
        lex.intent_verbs = _lower_set(data.get("intent_verbs"))
        lex.stance_verbs = _lower_set(data.get("stance_verbs"))
        lex.manner_words = _lower_set(data.get("manner_words"))
        lex.prep_stance_verbs = {str(k).casefold(): _lower_set(v) for k, v in
                                 (data.get("prep_stance_verbs") or {}).items()}
        lex.prep_non_cues = {str(k).casefold(): _lower_set(v) for k, v in
                             (data.get("prep_non_cues") or {}).items()}
        for lemma in lex.prep_stance_verbs:
            lex.cue_status.setdefault(lemma, "asserted")
        lex.no_xcomp_cues = _lower_set(data.get("no_xcomp_cues"))
        lex.phrasal_non_cues = _lower_set(data.get("phrasal_non_cues"))
        openers = _phrase_regex(data.get("anaphoric_openers") or [])
        lex.anaphoric_openers = re.compile(r"\s*" + openers.pattern, re.IGNORECASE) \
            if openers else None
        for status, lemmas in (data.get("passive_cues") or {}).items():
            for lemma in lemmas or []:
                lex.passive_status[str(lemma).casefold()] = status
        markers = data.get("source_markers") or []
        lex.source_markers = _phrase_regex(markers)
        poss = [p for p in data.get("possessive_markers") or [] if "(?P<who>" in p]
        lex.possessive_markers = [re.compile(r"(?<!\w)(?:" + p + r")(?!\w)", re.IGNORECASE)
                                  for p in poss]
        lex.marker_after = _lower_set(data.get("source_markers_after"))
        patterns = data.get("status_patterns") or {}
        lex.no_comment = [re.compile(p if isinstance(p, str) else p["pattern"], re.IGNORECASE)
                          for p in patterns.get("no_comment") or []]
        for p in patterns.get("unreachable") or []:
            if isinstance(p, str):
                lex.unreachable.append((re.compile(p, re.IGNORECASE), "before"))
            else:
                lex.unreachable.append((re.compile(p["pattern"], re.IGNORECASE),
                                        p.get("who", "before")))
        anon = data.get("anonymous") or {}
        lex.anon_nouns = _lower_set(anon.get("nouns"))
        lex.anon_patterns = _phrase_regex(anon.get("patterns") or [], regex=True)
        lex.interview_markers = _phrase_regex(anon.get("interview_markers") or [])
        lex.hedges = _phrase_regex(data.get("hedges") or [], regex=True)
        lex.outlets = _lower_set(data.get("outlets"))
        lex.outlet_suffix = str(data.get("outlet_suffix") or "")
        lex.outlet_regex = _phrase_regex(list(data.get("outlets") or []),
                                         suffix=lex.outlet_suffix)
        lex.outlet_nouns = _lower_set(data.get("outlet_nouns"))
        lex.document_nouns = _lower_set(data.get("document_nouns"))
        lex.vehicle_nouns = _lower_set(data.get("vehicle_nouns"))
        lex.vehicle_verbs = _lower_set(data.get("vehicle_verbs"))
        lex.pronouns = _lower_set(data.get("pronouns"))
        lex.skip_source_pronouns = _lower_set(data.get("skip_source_pronouns"))
        lex.first_person_pronouns = _lower_set(data.get("first_person_pronouns"))
        if data.get("not_speaker_labels"):
            lex.not_speaker_labels = re.compile(
                "|".join(f"(?:{p})" for p in data["not_speaker_labels"]), re.IGNORECASE)
        lex.interview_labels = {str(x) for x in data.get("interview_labels") or []}
        if data.get("speaker_label"):
            lex.speaker_label = re.compile(data["speaker_label"], re.MULTILINE)
        lex.title_patterns = [re.compile(p) for p in data.get("title_patterns") or []]
        # datelines open a line of the article's head; credits close its text ("— УНН")
        lex.dateline_patterns = [re.compile(p, re.MULTILINE)
                                 for p in data.get("dateline_patterns") or []]
        lex.place_dateline_patterns = [re.compile(p, re.MULTILINE)
                                       for p in data.get("place_dateline_patterns") or []]
        lex.credit_patterns = [re.compile(p, re.MULTILINE)
                               for p in data.get("credit_patterns") or []]
        lex.complementizers = _lower_set(data.get("complementizers"))
        lex.subordinators = _lower_set(data.get("subordinators"))
        lex.conditional_particles = _lower_set(data.get("conditional_particles"))
        lex.time_nouns = _lower_set(data.get("time_nouns"))
        lex.quote_pairs = [(q[0], q[-1]) for q in data.get("quote_pairs") or [] if len(q) >= 2]
        conj = data.get("conjunctions") or []
        lex.conjunctions = re.compile(r"\s*(?:,|;" + (r"|(?<!\w)(?:" + "|".join(
            re.escape(c) for c in conj) + r")(?!\w)" if conj else "") + r")\s*", re.IGNORECASE)
        clause_conj = data.get("clause_conjunctions") or []
        lex.clause_conjunctions = re.compile(
            r"(?:" + "|".join(re.escape(c) for c in clause_conj) + r")\b", re.IGNORECASE) \
            if clause_conj else None
        phrases = data.get("status_phrases") or {}
        for status in PHRASE_STATUSES:
            rx = _phrase_regex(phrases.get(status) or [], regex=True)
            if rx:
                lex.status_phrases.append((status, rx))
        lex.negation = _lower_set(data.get("negation_words"))
        for status, lemmas in (data.get("negated_cues") or {}).items():
            for lemma in lemmas or []:
                lex.negated_status[str(lemma).casefold()] = status
        lex.allegations = [re.compile(p, re.IGNORECASE) for p in data.get("allegations") or []]
        for name in CHANNELS:
            rx = _phrase_regex((data.get("channels") or {}).get(name) or [], regex=True)
            if rx:
                lex.channels.append((name, rx))
        lex.pronoun_modifiers = _lower_set(data.get("pronoun_modifiers"))
        lex.definite_determiners = _lower_set(data.get("definite_determiners"))
        lex.caption_patterns = [re.compile(p) for p in data.get("caption_patterns") or []]
        lex.citing = _phrase_regex(data.get("citing_markers") or [])
        lex.relay_verbs = _lower_set(data.get("relay_verbs"))
        lex.impersonal_preps = _lower_set(data.get("impersonal_preps"))
        lex.headline_patterns = [re.compile(p) for p in data.get("headline_patterns") or []]
        lex.object_control_verbs = _lower_set(data.get("object_control_verbs"))
        lex.intent_nouns = _lower_set(data.get("intent_nouns"))
        lex.discourse_patterns = [re.compile(p, re.IGNORECASE)
                                  for p in data.get("discourse_patterns") or []]
        lex.relative_pronouns = _lower_set(data.get("relative_pronouns"))
        lex.relative_subjects = _lower_set(data.get("relative_subjects"))
        lex.quoted_as_verbs = _lower_set(data.get("quoted_as_verbs"))
        lex.source_preps = _lower_set(data.get("source_preps"))
        lex.head_last = data.get("phrase_head", "first") == "last"
        lex.double_apostrophe_quotes = bool(data.get("double_apostrophe_quotes"))
        lex.adverbial_preps = _lower_set(data.get("adverbial_preps"))
        lex.finding_nouns = _lower_set(data.get("finding_nouns"))
        lex.finding_preps = _lower_set(data.get("finding_preps"))
        lex.as_markers = _lower_set(data.get("as_markers"))
        return lex

    # -- lookups ------------------------------------------------------------------------------
    def verb_status(self, lemma: str) -> str | None:
        return self.cue_status.get(lemma.casefold())

    def phrase_status(self, text: str) -> str | None:
        """The status a phrase in `text` gives ("не соответствует действительности": denied)."""
        for status, rx in self.status_phrases:
            if rx.search(text):
                return status
        return None

    def channel_of(self, text: str) -> str | None:
        for name, rx in self.channels:
            if rx.search(text):
                return name
        return None

    def is_outlet_name(self, text: str) -> bool:
        text = text.strip()
        if text.casefold() in self.outlets or WEB_DOMAIN.fullmatch(text):
            return True     # (a web domain names its site: "ONLINE.UA", "INTERFAX.RU")
        m = self.outlet_regex.fullmatch(text) if self.outlet_regex and self.outlet_suffix else None
        return m is not None

    def find_outlet(self, text: str) -> re.Match | None:
        return self.outlet_regex.search(text) if self.outlet_regex else None
