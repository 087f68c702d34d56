"""Dependency-role groups, named once for both label schemes in use.

English trees come from spaCy (ClearNLP labels: nsubj, nsubjpass, dobj, prep + pobj, poss, attr,
...), Russian trees from natasha (Universal Dependencies: nsubj, nsubj:pass, obj, obl/nmod with a
`case` child, nmod:poss, ...). A rule names the role it means (SUBJECT, OBJECT, POSSESSOR) and
matches a token's ``dep`` against the group, so one rule reads both schemes. English trees are not
converted to UD: each group simply holds the labels of both schemes for that role.
"""
from __future__ import annotations

# -- clause arguments ---------------------------------------------------------------------------
SUBJECT = frozenset({"nsubj"})
EXPLETIVE = frozenset({"expl"})                        # "there", "it" as a formal subject
PASSIVE_NOMINAL_SUBJECT = frozenset({"nsubjpass", "nsubj:pass"})
PASSIVE_SUBJECT = PASSIVE_NOMINAL_SUBJECT | {"csubjpass"}
AGENT_CLEARNLP = frozenset({"agent"})                  # ClearNLP: "by" hangs on the verb
AGENT_UD = frozenset({"obl:agent"})                    # UD: the agent hangs on the verb
PASSIVE_AGENT = AGENT_CLEARNLP | AGENT_UD              # "by X" of a passive
OBJECT = frozenset({"dobj", "obj"})
INDIRECT_OBJECT = frozenset({"dative", "iobj"})
CLAUSAL_COMPLEMENT = frozenset({"ccomp"})
OPEN_COMPLEMENT = frozenset({"xcomp"})
PARATAXIS = frozenset({"parataxis"})
ATTRIBUTE = frozenset({"attr"})                          # ClearNLP copular complement
CONJUNCT = frozenset({"conj"})
COORDINATOR = frozenset({"cc"})
MARKER = frozenset({"mark"})
NEGATION = frozenset({"neg"})
# auxiliaries and particles that belong to a verb's words ("did not say", "pointed out")
VERB_PARTICLES = frozenset({"aux", "auxpass", "aux:pass", "neg", "prt", "compound:prt"})
AUXILIARY = frozenset({"aux", "aux:pass"})
PASSIVE_AUXILIARY = frozenset({"auxpass", "aux:pass"})
COPULA = frozenset({"cop"})
ADNOMINAL_CLAUSE = frozenset({"acl"})
ADVERBIAL_CLAUSE = frozenset({"advcl"})
# a clause of its own ("killed after 3 days of talks": the number is not the killing's)
OWN_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "acl:relcl", "conj", "parataxis", "csubj"})
# heads a predicative adjective hangs on ("five people are dead")
PREDICATIVE = frozenset({"acomp", "attr", "oprd", "xcomp"})
ADVERBIAL = frozenset({"advmod"})
PARTICLE = frozenset({"part"})
PUNCTUATION = frozenset({"punct"})
# dependents that take their subject from their head ("said and added", "went on to say")
INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acl"})

# -- noun dependents ----------------------------------------------------------------------------
POSSESSOR = frozenset({"poss", "nmod:poss"})
APPOSITION = frozenset({"appos"})
COMPOUND = frozenset({"compound"})
FLAT = frozenset({"flat", "flat:name"})
ADJECTIVAL_MODIFIER = frozenset({"amod"})
DETERMINER = frozenset({"det"})
NOUN_PHRASE_ADVERBIAL = frozenset({"nmod:npmod"})
# words folded into a noun head ("Defence Minister", "Ukrainian forces")
NOUN_PREMODIFIER = COMPOUND | FLAT | ADJECTIVAL_MODIFIER | NOUN_PHRASE_ADVERBIAL
RELATIVE_CLAUSE = frozenset({"relcl", "acl:relcl"})
CLAUSE_OF_NOUN = frozenset({"acl", "ccomp", "appos"})   # "the claim that ...", "the report: ..."
LEGACY_COMPOUND = frozenset({"nn"})        # older English label sets
NAME_PARTS = frozenset({"compound", "flat", "flat:name", "appos", "nn"})
# UD: a noun's genitive modifier ("брат Иванова") or a pronoun determiner ("его брат")
NOUN_MODIFIER = frozenset({"nmod", "det"})

# -- prepositional phrases ----------------------------------------------------------------------
PREPOSITION = frozenset({"prep"})          # ClearNLP: the preposition hangs on the head ...
PREP_OBJECT_CLEARNLP = frozenset({"pobj"})  # ... and its object on the preposition
PREP_COMPLEMENT = frozenset({"pcomp"})     # ClearNLP: a clause or phrase as the object
CASE_MARKER = frozenset({"case"})          # UD: the preposition hangs on its object
OBLIQUE = frozenset({"obl"})                # UD: a verb's prepositional or case-marked dependent
NOMINAL_MODIFIER = frozenset({"nmod"})      # UD: a noun's
PREP_OBJECT_UD = OBLIQUE | NOMINAL_MODIFIER
# UD labels with a subtype ("obl:tmod", "nmod:poss") start with these
PREP_OBJECT_UD_PREFIXES = ("obl", "nmod")
# a prepositional attachment in either scheme (ClearNLP prep, UD obl/nmod)
PREP_ATTACHMENT = PREPOSITION | PREP_OBJECT_UD
# the object of a preposition in either scheme (ClearNLP pobj, UD obl/nmod)
PREP_OBJECT = PREP_OBJECT_CLEARNLP | PREP_OBJECT_UD

# -- parts of speech (UPOS, both parsers) ---------------------------------------------------------
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
