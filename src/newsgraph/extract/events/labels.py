"""Dependency labels and parts of speech the event rules read: spaCy's ClearNLP labels (English)
and Universal Dependencies (natasha, Russian), one name per relation for both schemes. Tag-set
constants only; words of a language live in ``lang/data/<lang>/events.yml``."""
from __future__ import annotations

SUBJ = frozenset({"nsubj", "expl"})
PASS_SUBJ = frozenset({"nsubjpass", "nsubj:pass"})
OBJ = frozenset({"dobj", "obj"})
IOBJ = frozenset({"dative", "iobj"})
AUX_PASS = frozenset({"auxpass", "aux:pass"})
AUX = frozenset({"aux", "aux:pass", "auxpass", "cop"})
RELCL = frozenset({"relcl", "acl:relcl"})
ACL = frozenset({"acl"})
XCOMP = frozenset({"xcomp"})
ADVCL = frozenset({"advcl"})
CONJ = frozenset({"conj"})
APPOS = frozenset({"appos"})
CCOMP = frozenset({"ccomp"})
POSS = frozenset({"poss", "nmod:poss"})
COMPOUND = frozenset({"compound", "flat", "flat:name", "amod", "nmod:npmod"})
MARK = frozenset({"mark"})
NEG = frozenset({"neg"})
PREP_CLEAR = frozenset({"prep", "agent"})
POBJ = frozenset({"pobj", "pcomp"})
UD_OBL = ("obl", "nmod")
# A clause of its own ("killed after 3 days of talks": the number is not the killing's).
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl:relcl", "conj", "parataxis", "csubj"})
# Heads a predicative adjective hangs on ("five people are dead").
ADJ_HEAD_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp"})

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP"})

# The preposition-like key prep_objects gives a passive's agent phrase when the parser labels it
# as such (ClearNLP ``agent``, UD ``obl:agent``): not a word of any language.
AGENT_LINK = "<agent>"
AGENT_DEPS = frozenset({"agent", "obl:agent"})

# Modalities of what did not or might happen: never the main event, ranked low.
UNREAL = ("negated", "hypothetical", "conditional")
