"""Dependency-role groups, named once: Universal Dependencies labels only.

Every backend gives UD trees: natasha (Russian) parses in UD, and the English backend converts
spaCy's ClearNLP trees to UD once, when it builds the document (``doc/ud.py``: ``verb -obl-> N
-case-> P`` instead of ``verb -prep-> P -pobj-> N``, the copular predicate as head, ...). A rule
names the role it means (SUBJECT, OBJECT, POSSESSOR) and matches a token's ``dep`` against the
group, so one rule reads every language. spaCy's own label stays on ``Token.native_dep`` for
debugging; no rule reads it.
"""
from __future__ import annotations

# -- clause arguments ---------------------------------------------------------------------------
SUBJECT = frozenset({"nsubj"})
EXPLETIVE = frozenset({"expl"})                        # "there", "it" as a formal subject
PASSIVE_NOMINAL_SUBJECT = frozenset({"nsubj:pass"})
PASSIVE_SUBJECT = PASSIVE_NOMINAL_SUBJECT | {"csubj:pass"}
AGENT_UD = frozenset({"obl:agent"})                    # the agent phrase, "by" as its case
PASSIVE_AGENT = AGENT_UD                               # "by X" of a passive
OBJECT = frozenset({"obj"})
INDIRECT_OBJECT = frozenset({"iobj"})
CLAUSAL_SUBJECT = frozenset({"csubj"})
CLAUSAL_COMPLEMENT = frozenset({"ccomp"})
OPEN_COMPLEMENT = frozenset({"xcomp"})
PARATAXIS = frozenset({"parataxis"})
CONJUNCT = frozenset({"conj"})
COORDINATOR = frozenset({"cc"})
MARKER = frozenset({"mark"})
# auxiliaries and particles that belong to a verb's words ("did not say", "pointed out")
VERB_PARTICLES = frozenset({"aux", "aux:pass", "compound:prt"})
PHRASAL_PARTICLE = frozenset({"compound:prt"})             # "out" of "lashed out at"
AUXILIARY = frozenset({"aux", "aux:pass"})
PASSIVE_AUXILIARY = frozenset({"aux:pass"})
COPULA = frozenset({"cop"})
ADNOMINAL_CLAUSE = frozenset({"acl"})
ADVERBIAL_CLAUSE = frozenset({"advcl"})
# a clause of its own ("killed after 3 days of talks": the number is not the killing's)
OWN_CLAUSE = frozenset({"ccomp", "advcl", "acl:relcl", "conj", "parataxis", "csubj"})
# a predicative adjective under a verb ("seems dead"; "are dead" heads its clause, "are" its cop)
PREDICATIVE = frozenset({"xcomp"})
ADVERBIAL = frozenset({"advmod"})
PARTICLE = frozenset({"part"})
PUNCTUATION = frozenset({"punct"})
# dependents that take their subject from their head ("said and added", "went on to say")
INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acl"})

# -- noun dependents ----------------------------------------------------------------------------
POSSESSOR = frozenset({"nmod:poss"})
APPOSITION = frozenset({"appos"})
COMPOUND = frozenset({"compound"})
FLAT = frozenset({"flat", "flat:name"})
ADJECTIVAL_MODIFIER = frozenset({"amod"})
DETERMINER = frozenset({"det"})
NOUN_PHRASE_ADVERBIAL = frozenset({"nmod:npmod"})
# words folded into a noun head ("Defence Minister", "Ukrainian forces")
NOUN_PREMODIFIER = COMPOUND | FLAT | ADJECTIVAL_MODIFIER | NOUN_PHRASE_ADVERBIAL
RELATIVE_CLAUSE = frozenset({"acl:relcl"})
CLAUSE_OF_NOUN = frozenset({"acl", "ccomp", "appos"})   # "the claim that ...", "the report: ..."
NAME_PARTS = frozenset({"compound", "flat", "flat:name", "appos"})
# UD: a noun's genitive modifier ("брат Иванова") or a pronoun determiner ("его брат")
NOUN_MODIFIER = frozenset({"nmod", "det"})

# -- prepositional phrases ----------------------------------------------------------------------
CASE_MARKER = frozenset({"case"})          # UD: the preposition hangs on its object
OBLIQUE = frozenset({"obl"})                # UD: a verb's prepositional or case-marked dependent
NOMINAL_MODIFIER = frozenset({"nmod"})      # UD: a noun's
PREP_OBJECT_UD = OBLIQUE | NOMINAL_MODIFIER
# UD labels with a subtype ("obl:tmod", "nmod:poss") start with these
PREP_OBJECT_UD_PREFIXES = ("obl", "nmod")
# -- parts of speech (UPOS, both parsers) ---------------------------------------------------------
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
