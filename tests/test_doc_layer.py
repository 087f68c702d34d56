"""The document layer (newsgraph.doc): the cached dependency tree with paragraphs, the one
entity/mention index, the builder, and extractor requirements that nobody assigns."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.doc import analyze_document, build_document, text_document
from newsgraph.doc import labels
from newsgraph.extract.base import Extractor, order_extractors

TEXT = ("The mayor of Lviv, Andriy Sadovyi, said the bridge would reopen in May.\n\n"
        "Engineers inspected it on Monday.\nA spokeswoman for the city council confirmed the date.")


@pytest.fixture(scope="module")
def doc(pipeline):
    return analyze_document(pipeline.resources, TEXT, "en", published=date(2025, 3, 4),
                            title="Bridge to reopen", url="https://example.org/a", outlet="Example")


def _tok(doc, word, nth=0):
    return [t for t in doc.tokens if t.text == word][nth]


def test_children_are_the_tokens_whose_head_it_is(doc):
    for t in doc.tokens:
        kids = [c.i for c in doc.children(t.i)]
        assert kids == sorted(kids)
        assert all(doc.tokens[k].head == t.i and k != t.i for k in kids)
        expected = [u.i for u in doc.tokens if u.head == t.i and u.i != t.i and u.sent == t.sent]
        assert kids == expected
    said = _tok(doc, "said")
    assert {doc.tokens[c].dep for c in doc.tree.children(said.i)} >= {"nsubj", "ccomp"}
    assert [doc.tokens[c].text for c in doc.tree.children(said.i, labels.SUBJECT)] == ["mayor"]


def test_children_lists_are_built_once_and_cached(doc):
    assert doc.tree is doc.tree
    said = _tok(doc, "said")
    assert doc.tree.children(said.i) is doc.tree.children(said.i)


def test_subtree_hull_and_head_chain(doc):
    mayor = _tok(doc, "mayor")
    lo, hi = doc.subtree(mayor.i)
    phrase = doc.text[doc.tokens[lo].start:doc.tokens[hi - 1].end]
    assert phrase.startswith("The mayor of Lviv, Andriy Sadovyi") and "said" not in phrase
    # the hull is every token under it, and nothing else
    assert set(range(lo, hi)) == doc.tree.descendants(mayor.i)
    assert doc.subtree(mayor.i) is doc.subtree(mayor.i)          # cached
    lviv = _tok(doc, "Lviv")
    chain = doc.tree.head_chain(lviv.i)
    assert [doc.tokens[j].text for j in chain] == ["mayor", "said"]   # UD: Lviv -nmod-> mayor
    assert doc.tree.root_of(lviv.i) == _tok(doc, "said").i
    # a token is below Lviv exactly when Lviv is on its head chain
    below = doc.tree.descendants(lviv.i)
    for t in doc.tokens:
        assert (t.i in below) == (t.i == lviv.i or lviv.i in doc.tree.head_chain(t.i))


def test_paragraphs_split_at_blank_lines_and_line_breaks(doc):
    tree = doc.tree
    assert tree.paragraph_count == 3
    assert tree.token_paragraph(_tok(doc, "mayor").i) == 0
    assert tree.token_paragraph(_tok(doc, "Engineers").i) == 1
    assert tree.token_paragraph(_tok(doc, "spokeswoman").i) == 2
    assert [tree.sentence_paragraph(s) for s in range(len(doc.sentences))] == [0, 1, 2]
    a, b = tree.paragraph_span(1)
    assert doc.text[a:b] == "Engineers inspected it on Monday."
    assert doc.paragraph_index(TEXT.index("confirmed")) == 2


def test_a_doc_without_a_parser_has_no_edges_but_paragraphs(pipeline):
    d = analyze_document(pipeline.resources, "Мер Львова заявив про ремонт.\nМіст відкриють у травні.", "uk")
    assert not d.has_parser
    assert all(not d.tree.children(t.i) for t in d.tokens)
    assert d.subtree(0) == (0, 1)
    assert d.tree.token_paragraph(len(d.tokens) - 1) == 1


def test_builder_makes_the_complete_document_once(pipeline, doc):
    assert doc.data is pipeline.resources.data("en")
    assert (doc.published, doc.title, doc.url, doc.outlet) == (
        date(2025, 3, 4), "Bridge to reopen", "https://example.org/a", "Example")
    parsed = pipeline.resources.backend("en").analyze("Kyiv is large.")
    built = build_document(parsed, pipeline.resources.data("en"), title="T",
                           furniture=[{"start": 0, "end": 4, "kind": "caption"}])
    assert built is not parsed and parsed.data is None and parsed.title is None
    assert built.tokens is parsed.tokens and built.title == "T"
    assert built.furniture == [{"start": 0, "end": 4, "kind": "caption"}]
    with pytest.raises(ValueError):
        build_document(parsed, None)
    bare = text_document("on 5 May", "en", pipeline.resources.data("en"), published=date(2025, 1, 1))
    assert bare.tokens == [] and bare.published == date(2025, 1, 1) and bare.data is not None


def test_pipeline_documents_carry_their_metadata(pipeline):
    from newsgraph.extract.base import Extractor as Base
    from newsgraph.pipeline import Pipeline

    seen = {}

    class Spy(Base):
        name = "spy"
        assigns = ("spy",)

        def __call__(self, d, parts):
            seen.update(data=d.data, title=d.title, outlet=d.outlet, published=d.published,
                        furniture=d.furniture)
            return {}

    pipe = Pipeline(resources=pipeline.resources, extractors=())
    pipe.extractors = [Spy(pipeline.resources)]
    rec = pipe.analyze_text("Photo: Jane Doe/Reuters\nThe port reopened on Monday.", language="en",
                            title="Port", url="https://www.bbc.co.uk/news/x",
                            published=date(2024, 5, 6))
    assert "error" not in rec
    assert seen["data"] is pipeline.resources.data("en") and seen["title"] == "Port"
    assert seen["outlet"] == rec["outlet"] and seen["published"] == date(2024, 5, 6)
    assert seen["furniture"] == rec["furniture"]


def test_mention_index(pipeline):
    rec = pipeline.analyze_text("Andriy Sadovyi met Olena Kovalenko in Lviv. Sadovyi thanked her.",
                                language="en")
    d = analyze_document(pipeline.resources, rec["text"], "en")
    ents = rec["entities"]
    index = d.mention_index(ents)
    assert d.mention_index(ents) is index                  # built once per entity list
    assert d.mention_index(list(ents)) is not index
    by_name = {e["name"]: e for e in ents}
    sad = by_name["Andriy Sadovyi"]
    assert len(index.of_entity(sad["id"])) == len(sad["mentions"]) >= 2
    assert [r.start for r in index.sorted] == sorted(r.start for r in index.entries)
    for ref in index.entries:
        words = [t.text for t in d.tokens[ref.first:ref.last]]
        assert " ".join(words).replace(" '", "'") == ref.mention["text"] or \
            d.text[ref.start:ref.end] == ref.mention["text"]
        for i in range(ref.first, ref.last):
            assert ref.entity in index.entities_at_token(i)
    second = d.text.index("Sadovyi thanked")
    hits = list(index.overlapping(second, second + 3))
    assert [h.entity for h in hits] == [sad["id"]]
    lviv = d.text.index("Lviv")
    assert [h.entity for h in index.overlapping(lviv, lviv + 4)] == [by_name["Lviv"]["id"]]
    assert list(index.overlapping(d.text.index(" met "), d.text.index(" met ") + 4)) == []
    assert index.entities_at_token(d.token_index_at(d.text.index("met"))) == []


def test_label_groups_are_universal_dependencies_only():
    assert labels.PASSIVE_SUBJECT >= {"nsubj:pass"} and "nsubjpass" not in labels.PASSIVE_SUBJECT
    assert labels.OBJECT == {"obj"} and labels.POSSESSOR == {"nmod:poss"}
    assert {"obl", "nmod"} <= labels.PREP_OBJECT_UD and "case" in labels.CASE_MARKER
    clearnlp = {"dobj", "pobj", "prep", "poss", "attr", "acomp", "neg", "auxpass", "agent", "dative"}
    groups = [v for k, v in vars(labels).items() if k.isupper() and isinstance(v, frozenset)]
    assert groups and not any(g & clearnlp for g in groups)


# -- requirements nobody assigns ---------------------------------------------------------------
class _Needs(Extractor):
    name = "needs_claims"
    requires = ("claims",)
    assigns = ("needy",)


class _Gives(Extractor):
    name = "gives_claims"
    assigns = ("claims",)


def test_a_requirement_nobody_assigns_is_an_error():
    with pytest.raises(ValueError, match=r"'needs_claims' requires 'claims'"):
        order_extractors([_Needs(None)])
    # the same list with the producer is ordered, the producer first
    assert [e.name for e in order_extractors([_Needs(None), _Gives(None)])] == [
        "gives_claims", "needs_claims"]
    # furniture is the pipeline's own part
    class _Furn(Extractor):
        name = "furn"
        requires = ("furniture",)
        assigns = ("x",)
    assert [e.name for e in order_extractors([_Furn(None)])] == ["furn"]


def test_pipeline_and_cli_refuse_unmet_requirements(pipeline):
    import subprocess
    import sys

    from newsgraph.pipeline import Pipeline, extractor_specs

    with pytest.raises(ValueError, match=r"'sourcing' requires 'claims'"):
        Pipeline(resources=pipeline.resources, extractors=(
            "newsgraph.extract.actors:ActorExtractor", "newsgraph.extract.sourcing:SourcingExtractor"))
    assert extractor_specs("actors, places") == ("newsgraph.extract.actors:ActorExtractor",
                                                 "newsgraph.extract.places:PlaceExtractor")
    with pytest.raises(ValueError, match="unknown extractor 'nosuch'"):
        extractor_specs("actors,nosuch")
    proc = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", "-", "--language", "en",
                           "--extractors", "times,quantities"], input="Kyiv, 5 May.",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("newsgraph:")]
    assert lines == ["newsgraph: --extractors: extractor 'quantities' requires 'entities.geo', "
                     "which no extractor in the list assigns"]
    assert "Traceback" not in proc.stderr


# -- words from the language's data, not the code ------------------------------------------------
@pytest.mark.parametrize("key, text, source", [
    ("quoted_as_verbs", "Olena Kovalenko was quoted as saying that the bridge was safe.",
     "Olena Kovalenko"),
    ("source_preps", "A statement by the ministry that the bridge was safe angered residents.",
     "the ministry"),
])
def test_claim_rules_take_their_words_from_the_data(pipeline, key, text, source):
    from newsgraph.extract.attribution.lexicon import Lexicon
    from newsgraph.extract.attribution.rules import RuleFinder

    data, learned = pipeline.resources.data("en")["claims"], pipeline.resources.data("en")["claims_learned"]
    doc = analyze_document(pipeline.resources, text, "en")

    def sources(lex):
        return [text[c.source[0]:c.source[1]] for c in RuleFinder(doc, lex).find() if c.source]

    assert source in sources(Lexicon.build("en", data, learned))
    assert source not in sources(Lexicon.build("en", {**data, key: []}, learned))


def test_a_relative_pronoun_is_no_source_by_the_data(pipeline):
    from newsgraph.extract.attribution.lexicon import Lexicon
    from newsgraph.extract.attribution.rules import RuleFinder

    data, learned = pipeline.resources.data("en")["claims"], pipeline.resources.data("en")["claims_learned"]
    text = "The mayor, who said that the bridge was safe, left early."
    doc = analyze_document(pipeline.resources, text, "en")

    def speakers(lex):
        # the words the speaker's entity is looked up by (the span itself stays "who")
        return [text[a:b] for c in RuleFinder(doc, lex).find() if c.source
                for words in c.head_words for a, b in words]

    assert speakers(Lexicon.build("en", data, learned)) == ["mayor"]
    assert speakers(Lexicon.build("en", {**data, "relative_subjects": []}, learned)) == ["who"]


def test_a_blank_line_always_ends_a_sentence(pipeline):
    # a headline without a full stop and a timestamp line are their own sentences, never the
    # start of the next paragraph's first one
    text = ("Mayor Vows To Rebuild Harbour Bridge\n\n2:00 p.m.\n\n"
            "A court filing released Thursday says the mayor will not be charged.")
    doc = analyze_document(pipeline.resources, text, "en")
    sents = [doc.text[s.start:s.end].strip() for s in doc.sentences]
    assert sents[0] == "Mayor Vows To Rebuild Harbour Bridge"
    assert sents[-1].startswith("A court filing released Thursday")
    assert not any("\n\n" in s for s in sents)


def test_a_line_without_its_full_stop_ends_a_sentence(pipeline):
    # summary lines of a scraped page, one per line, with no full stops
    text = ("The uncle said he only saw dry mud when he peeked\nThe man said he was 13 feet "
            "from the bottom of the well and he looked down the well\nThe man was puzzled")
    doc = analyze_document(pipeline.resources, text, "en")
    sents = [doc.text[s.start:s.end].strip() for s in doc.sentences]
    assert sents[0] == "The uncle said he only saw dry mud when he peeked"
    assert sents[-1] == "The man was puzzled"
    # and a date line under a headline
    doc = analyze_document(pipeline.resources, "Sunday, January 20, 2008\nThe harbour council "
                           "has learned that the bridge will close.", "en")
    assert [doc.text[s.start:s.end].strip() for s in doc.sentences][0] == \
        "Sunday, January 20, 2008"


def test_a_quotation_that_ends_its_line_ends_the_sentence(pipeline):
    # paragraphs one newline apart: the quoted sentence's full stop and the line's end close it
    text = ("“Elect me and we’ll finally have a leader who will undo all these terribles.”\n"
            "Priebus, in the wake of a new poll showing the party's standing down to 14 "
            "percent, told Fox News on Sunday that the party must do better.")
    doc = analyze_document(pipeline.resources, text, "en")
    sents = [doc.text[s.start:s.end].strip() for s in doc.sentences]
    assert sents[-1].startswith("Priebus, in the wake")


def test_a_dateline_in_capitals_is_no_part_of_the_first_sentence(pipeline):
    text = ("Harbour Plan Returns\n\nATLANTIC CITY — Hillary Clinton descended on the docks on "
            "Monday, delivering a blistering critique of the port authority.")
    doc = analyze_document(pipeline.resources, text, "en")
    sents = [doc.text[s.start:s.end].strip() for s in doc.sentences]
    assert sents[-1].startswith("Hillary Clinton descended")
