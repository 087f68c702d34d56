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
PASSIVE_SUBJECT = frozenset({"nsubjpass", "nsubj:pass", "csubjpass"})
PASSIVE_AGENT = frozenset({"agent", "obl:agent"})      # "by X" of a passive
OBJECT = frozenset({"dobj", "obj"})
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
# dependents that take their subject from their head ("said and added", "went on to say")
INHERITS_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acl"})

# -- noun dependents ----------------------------------------------------------------------------
POSSESSOR = frozenset({"poss", "nmod:poss"})
APPOSITION = frozenset({"appos"})
COMPOUND = frozenset({"compound"})
RELATIVE_CLAUSE = frozenset({"relcl", "acl:relcl"})
CLAUSE_OF_NOUN = frozenset({"acl", "ccomp", "appos"})   # "the claim that ...", "the report: ..."
NAME_PARTS = frozenset({"compound", "flat", "flat:name", "appos", "nn"})
# UD: a noun's genitive modifier ("брат Иванова") or a pronoun determiner ("его брат")
NOUN_MODIFIER = frozenset({"nmod", "det"})

# -- prepositional phrases ----------------------------------------------------------------------
PREPOSITION = frozenset({"prep"})          # ClearNLP: the preposition hangs on the head ...
PREP_OBJECT_CLEARNLP = frozenset({"pobj"})  # ... and its object on the preposition
CASE_MARKER = frozenset({"case"})          # UD: the preposition hangs on its object
PREP_OBJECT_UD = frozenset({"nmod", "obl"})
# a prepositional attachment in either scheme (ClearNLP prep, UD obl/nmod)
PREP_ATTACHMENT = PREPOSITION | PREP_OBJECT_UD
# the object of a preposition in either scheme (ClearNLP pobj, UD obl/nmod)
PREP_OBJECT = PREP_OBJECT_CLEARNLP | PREP_OBJECT_UD
