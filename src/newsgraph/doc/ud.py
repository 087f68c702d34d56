"""spaCy's English trees (ClearNLP labels) to Universal Dependencies, converted once when the
English backend builds the document, so every rule reads one label scheme in every language.

What changes (UD v2, as the English Web Treebank writes it):

- labels: nsubjpass -> nsubj:pass, csubjpass -> csubj:pass, dobj -> obj, auxpass -> aux:pass,
  poss -> nmod:poss, neg -> advmod (the token keeps Polarity=Neg in its morphology), npadvmod ->
  obl:npmod (nmod:npmod under a noun), dative -> iobj, prt -> compound:prt, relcl -> acl:relcl,
  nn -> compound, quantmod -> advmod, predet -> det:predet, preconj -> cc:preconj, intj ->
  discourse, meta -> dep, oprd -> xcomp, attr/acomp under a verb other than "be" -> xcomp;
- prepositional phrases: ``head -prep-> P -pobj-> N`` becomes ``head -obl-> N -case-> P`` (``nmod``
  when the head is a noun, pronoun or number; ``obl:agent`` for the "by" of a passive, ClearNLP
  ``agent``); a clause as the object (``-pcomp->``) becomes ``advcl``/``acl`` with P as its
  ``mark``; a preposition of two words ("according to X") is X's ``case`` with the second word
  ``fixed`` on it; a preposition with no object (stranded, "looked at") becomes ``dep``;
- copulas: "be" with a nominal (attr) or adjectival (acomp) predicate hands its place in the tree
  to the predicate, which takes the copula as ``cop`` and every other dependent of the copula
  (subject, auxiliaries, negation, clauses, punctuation). Existential "there is X" keeps "be" as
  the head (X becomes its ``nsubj``, as in EWT); "be" with a prepositional predicate ("is in
  Kyiv") keeps "be" as the head with the phrase as ``obl`` (UD would make "Kyiv" the head: not
  done, so a locative clause still has its verb).

spaCy's own label stays on each token as ``native_dep`` for debugging; no rule reads it.
"""
from __future__ import annotations

from typing import Sequence

from .types import Token

RELABEL = {
    "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "dobj": "obj", "auxpass": "aux:pass",
    "poss": "nmod:poss", "neg": "advmod", "dative": "iobj", "prt": "compound:prt",
    "relcl": "acl:relcl", "nn": "compound", "quantmod": "advmod", "predet": "det:predet",
    "preconj": "cc:preconj", "intj": "discourse", "meta": "dep", "oprd": "xcomp",
    "complm": "mark", "hmod": "compound", "hyph": "punct", "npmod": "obl:npmod",
}
_PREP = ("prep", "agent", "dative")          # heads of a prepositional phrase in ClearNLP
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
_COPULA_LEMMA = "be"


def to_ud(tokens: Sequence[Token]) -> None:
    """Rewrite the tokens' ``dep``/``head`` from ClearNLP to UD in place (one document's tokens,
    indices as in the list); ``native_dep`` keeps the original label."""
    n = len(tokens)
    for t in tokens:
        t.native_dep = t.dep
    head = [t.head for t in tokens]
    dep = [t.dep for t in tokens]
    kids: list[list[int]] = [[] for _ in range(n)]
    for t in tokens:
        if 0 <= t.head < n and t.head != t.i:
            kids[t.head].append(t.i)

    def attach(i: int, h: int, label: str) -> None:
        if 0 <= head[i] < n and head[i] != i and i in kids[head[i]]:
            kids[head[i]].remove(i)
        head[i] = h
        dep[i] = label
        if h != i:
            kids[h].append(i)

    # 1. copulas: the predicate becomes the head
    for t in tokens:
        i = t.i
        if t.lemma.casefold() != _COPULA_LEMMA or dep[i] in ("aux", "auxpass"):
            continue
        preds = [c for c in kids[i] if dep[c] in ("attr", "acomp")]
        if not preds:
            continue
        if any(dep[c] == "expl" for c in kids[i]):
            for p in preds:
                dep[p] = "nsubj"
            continue
        # several predicates are a split word ("a co - founder"): the last one is the head
        p = preds[-1]
        for q in preds[:-1]:
            dep[q] = "punct" if tokens[q].pos == "PUNCT" else ("compound" if q < p else "dep")
        h, d = head[i], dep[i]
        attach(p, p if h == i else h, d)
        if h == i:
            head[p] = p
        for c in list(kids[i]):
            if c != p:
                attach(c, p, dep[c])     # split-word parts keep the labels set above
        attach(i, p, "cop")
    # attr/acomp of other verbs ("became president", "seems happy")
    for i in range(n):
        if dep[i] in ("attr", "acomp"):
            dep[i] = "xcomp"

    # 2. prepositional phrases: the object becomes the head, the preposition its case marker
    promoted: dict[int, int] = {}
    preps = [i for i in range(n) if dep[i] in _PREP
             and (dep[i] != "dative" or tokens[i].pos == "ADP")]
    for p in preps:
        objs = [c for c in kids[p] if dep[c] == "pobj"]
        comps = [c for c in kids[p] if dep[c] == "pcomp"]
        if objs:
            promoted[p] = objs[0]
        elif comps:
            promoted[p] = comps[0]
    # a preposition of several words ("according to X", "because of X"): ClearNLP hangs the
    # second on the first; UD makes the first the case marker and the second its `fixed` part
    fixed: dict[int, int] = {}
    for p in preps:
        if p in promoted:
            continue
        for q in kids[p]:
            if dep[q] == "prep" and q in promoted and dep[promoted[q]] == "pobj":
                promoted[p] = promoted[q]
                fixed[q] = p
                break
    for p in preps:
        if p in fixed:
            attach(p, fixed[p], "fixed")
            continue
        h = head[p]
        while h in promoted and h != p and promoted[h] != p:
            h = promoted[h]
        o = promoted.get(p)
        if o is None:
            dep[p] = "dep"
            continue
        hpos = tokens[h].pos if 0 <= h < n else "VERB"
        under_noun = hpos in _NOMINAL_POS
        if dep[o] == "pcomp":
            label = "acl" if under_noun else "advcl"
            if tokens[o].pos in _NOMINAL_POS:      # "from under the table": a phrase, not a clause
                label = "nmod" if under_noun else "obl"
            attach(o, h, label)
            attach(p, o, "mark" if label in ("acl", "advcl") else "case")
        else:
            if dep[p] == "agent":
                label = "obl:agent"
            else:
                label = "nmod" if under_noun else "obl"
            attach(o, h, label)
            attach(p, o, "case")
        for c in list(kids[p]):
            if dep[c] == "pobj":     # a second object: a conjunct of the first
                attach(c, o, "conj")
            elif dep[c] == "conj" and tokens[c].pos == "ADP":
                attach(c, o, "case")  # "in and around the city"
            elif dep[c] == "cc":
                attach(c, o, "cc")
    for i in range(n):
        if dep[i] in ("pobj", "pcomp"):     # left without a preposition that took them over
            dep[i] = "obl" if dep[i] == "pobj" else "advcl"

    # 3. labels
    for i in range(n):
        d = dep[i]
        if d == "npadvmod":
            h = head[i]
            dep[i] = "nmod:npmod" if 0 <= h < n and tokens[h].pos in _NOMINAL_POS else "obl:npmod"
        elif d == "dative":
            dep[i] = "iobj"
        else:
            dep[i] = RELABEL.get(d, d)
    for t in tokens:
        t.head, t.dep = head[t.i], dep[t.i]
