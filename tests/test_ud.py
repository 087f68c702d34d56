"""English trees are converted to Universal Dependencies once, in the English backend
(doc/ud.py): passives, prepositional phrases on verbs and nouns, possessors, negation and
copulas read as in UD, and an English and a Russian sentence of the same shape give the same
role-group reading."""
from __future__ import annotations

from newsgraph.doc import analyze_document
from newsgraph.doc import labels


def _en(pipeline, text):
    return analyze_document(pipeline.resources, text, "en")


def _tok(doc, word):
    return next(t for t in doc.tokens if t.text == word)


def _head(doc, word):
    return doc.tokens[_tok(doc, word).head]


CLEARNLP_ONLY = {"nsubjpass", "dobj", "auxpass", "poss", "neg", "prep", "pobj", "pcomp", "attr",
                 "acomp", "agent", "dative", "prt", "npadvmod", "relcl", "oprd"}


def test_no_clearnlp_label_is_left(pipeline):
    doc = _en(pipeline, "The bridge was closed by the city after the storm. Her brother did not "
                        "give the keys to the guard, who is tired. He looked it up on Monday.")
    assert not {t.dep for t in doc.tokens} & CLEARNLP_ONLY
    # spaCy's own labels stay for debugging
    assert "nsubjpass" in {t.native_dep for t in doc.tokens}


def test_passive_with_agent(pipeline):
    doc = _en(pipeline, "The bridge was closed by the city council.")
    assert _tok(doc, "bridge").dep in labels.PASSIVE_SUBJECT
    assert _tok(doc, "was").dep in labels.PASSIVE_AUXILIARY
    council = _tok(doc, "council")
    assert council.dep in labels.AGENT_UD and doc.tokens[council.head].text == "closed"
    by = _tok(doc, "by")
    assert by.dep in labels.CASE_MARKER and doc.tokens[by.head].text == "council"


def test_prepositional_phrase_on_a_verb_and_on_a_noun(pipeline):
    doc = _en(pipeline, "The mayor of Lviv opened the school in March.")
    lviv, march = _tok(doc, "Lviv"), _tok(doc, "March")
    assert lviv.dep in labels.NOMINAL_MODIFIER and _head(doc, "Lviv").text == "mayor"
    assert march.dep in labels.OBLIQUE and _head(doc, "March").text == "opened"
    assert _tok(doc, "of").dep in labels.CASE_MARKER and _head(doc, "of").text == "Lviv"
    assert _tok(doc, "in").dep in labels.CASE_MARKER and _head(doc, "in").text == "March"
    assert _tok(doc, "school").dep in labels.OBJECT


def test_possessive_and_negation(pipeline):
    doc = _en(pipeline, "His sister did not sign the contract.")
    assert _tok(doc, "His").dep in labels.POSSESSOR and _head(doc, "His").text == "sister"
    neg = _tok(doc, "not")
    assert neg.dep == "advmod" and neg.feat("Polarity") == "Neg"
    assert _head(doc, "not").text == "sign"


def test_copula_makes_the_predicate_the_head(pipeline):
    doc = _en(pipeline, "Her brother is a journalist. The report was accurate.")
    journalist = _tok(doc, "journalist")
    assert journalist.dep == "ROOT"
    assert _tok(doc, "is").dep in labels.COPULA and _head(doc, "is").text == "journalist"
    assert _tok(doc, "brother").dep in labels.SUBJECT and _head(doc, "brother").text == "journalist"
    assert _tok(doc, "accurate").dep == "ROOT" and _head(doc, "was").text == "accurate"
    assert _head(doc, "report").text == "accurate"


def test_existential_there_keeps_the_verb(pipeline):
    doc = _en(pipeline, "There is a problem with the engine.")
    assert _tok(doc, "is").dep == "ROOT"
    assert _tok(doc, "problem").dep in labels.SUBJECT


def _reading(doc, verb_lemma):
    """(subject, object, [(case marker, oblique)]) of the verb with this lemma, by role group."""
    tree = doc.tree
    v = next(t.i for t in doc.tokens if t.lemma.casefold() == verb_lemma)
    subj = [doc.tokens[c].lemma.casefold() for c in tree.children(v, labels.SUBJECT)]
    obj = [doc.tokens[c].lemma.casefold() for c in tree.children(v, labels.OBJECT)]
    obl = [(doc.tokens[k].lemma.casefold(), doc.tokens[c].lemma.casefold())
           for c in tree.children(v, labels.OBLIQUE) for k in tree.children(c, labels.CASE_MARKER)]
    return subj, obj, obl


def test_english_and_russian_read_alike(pipeline):
    den = analyze_document(pipeline.resources, "The police detained the journalist in Moscow.", "en")
    dru = analyze_document(pipeline.resources, "Полиция задержала журналиста в Москве.", "ru")
    s_en, o_en, obl_en = _reading(den, "detain")
    s_ru, o_ru, obl_ru = _reading(dru, "задержать")
    assert s_en == ["police"] and o_en == ["journalist"] and obl_en == [("in", "moscow")]
    assert len(s_ru) == 1 and len(o_ru) == 1 and len(obl_ru) == 1
    assert s_ru[0].startswith("полиц") and o_ru[0].startswith("журналист")
    assert obl_ru[0][0] == "в" and obl_ru[0][1].startswith("москв")
