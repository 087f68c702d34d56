"""Russian backend: natasha (Segmenter, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser,
NewsNERTagger, MorphVocab).

Tokens carry offsets, lemma, UD POS, UD features and dependency heads (``has_parser=True``);
NER spans PER/LOC/ORG become PERSON/LOC/ORG with ``base`` = natasha's normalised (nominative)
form. Data-driven fixes on top of natasha's NER (word lists in ``lang/data/ru/ner_fixes.yml``,
measured with ``newsgraph eval ner`` on NEREL): spans are cut at line breaks and at a
parenthesis, quotes inside a name stay balanced, title words are trimmed off PERSON spans,
places standing for institutions ("Кремль") are ORG, and an organisation word or name followed
by a genitive place is one ORG ("правительства Киргизии", "Верховный суд Испании").
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Iterator

from .base import AnalyzedDoc, NerSpan, Sentence, Token

LABEL_MAP = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}


BLANK_LINE = re.compile(r"[ \t\xa0]*\n[ \t\xa0]*\n\s*"
                        # a headline or a caption line without a full stop over a capitalised
                        # line (as in lang/uk.py): a sentence ends there too
                        r"|(?<=[\w»\"”)])[ \t\xa0]*\n[ \t\xa0]*(?=[A-ZА-ЯЁ«\"„“])")


def split_at_blank_lines(ndoc) -> None:
    """A blank line ends a sentence, as in English and Ukrainian: razdel runs a headline or a
    date line without a full stop into the next paragraph ("... на ремонт\n\nОб этом сообщил
    ..."). Splits natasha's sentences before the syntax parser reads them."""
    from natasha.doc import DocSent

    sents = []
    for s in ndoc.sents:
        pos = 0
        for m in BLANK_LINE.finditer(s.text):
            if m.start() > pos:
                sents.append(DocSent(s.start + pos, s.start + m.start(), s.text[pos:m.start()]))
            pos = m.end()
        if pos == 0:
            sents.append(s)
        elif pos < len(s.text):
            sents.append(DocSent(s.start + pos, s.stop, s.text[pos:]))
    if len(sents) != len(ndoc.sents):
        ndoc.sents = sents
        ndoc.envelop_sent_tokens()


class RussianBackend:
    code = "ru"

    def __init__(self) -> None:
        from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                             NewsSyntaxParser, Segmenter)

        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        emb = NewsEmbedding()
        self.morph_tagger = NewsMorphTagger(emb)
        self.syntax_parser = NewsSyntaxParser(emb)
        self.ner_tagger = NewsNERTagger(emb)
        self._fixes: dict | None = None
        self._former = None

    # -- public ----------------------------------------------------------------------------------
    def analyze(self, text: str) -> AnalyzedDoc:
        return self._convert(self._natasha(text))

    def analyze_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[AnalyzedDoc]:
        for text in texts:
            yield self.analyze(text)

    # -- internals -------------------------------------------------------------------------------
    def _natasha(self, text: str):
        from natasha import Doc

        ndoc = Doc(text)
        ndoc.segment(self.segmenter)
        split_at_blank_lines(ndoc)
        ndoc.tag_morph(self.morph_tagger)
        ndoc.parse_syntax(self.syntax_parser)
        ndoc.tag_ner(self.ner_tagger)
        for t in ndoc.tokens:
            t.lemmatize(self.morph_vocab)
        for span in ndoc.spans:
            span.normalize(self.morph_vocab)
        return ndoc

    def _convert(self, ndoc) -> AnalyzedDoc:
        text = ndoc.text
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        for si, s in enumerate(ndoc.sents):
            first = len(tokens)
            ids = {}
            for t in s.tokens:
                ids[t.id] = len(tokens)
                tokens.append(Token(i=len(tokens), text=t.text, start=t.start, end=t.stop,
                                    lemma=t.lemma or t.text.lower(), pos=t.pos or "X", tag=t.pos or "",
                                    morph="|".join(f"{k}={v}" for k, v in (t.feats or {}).items()),
                                    sent=si))
            for t, tok in zip(s.tokens, tokens[first:]):
                rel = t.rel or ""
                if rel.lower() == "root" or t.head_id == t.id or t.head_id not in ids:
                    tok.dep, tok.head = "ROOT", tok.i
                else:
                    tok.dep, tok.head = rel, ids[t.head_id]
            if len(tokens) > first:
                sentences.append(Sentence(s.start, s.stop, first, len(tokens)))
        if not sentences:
            sentences = [Sentence(0, len(text), 0, len(tokens))]
        doc = AnalyzedDoc(text=text, language=self.code, tokens=tokens, sentences=sentences,
                          ner=[], native=ndoc, has_parser=True)
        spans = []
        for sp in ndoc.spans:
            etype = LABEL_MAP.get(sp.type)
            spans.append(NerSpan(sp.start, sp.stop, sp.type, etype, sp.text,
                                 self._complete_base(doc, sp.start, sp.stop, sp.normal or sp.text, etype)))
        doc.ner = self._fix_spans(doc, spans)
        for sp in doc.ner:
            toks = doc.tokens_in(sp.start, sp.end)
            if toks:
                sp.first, sp.last = toks[0].i, toks[-1].i + 1
        return doc

    def _fix_spans(self, doc: AnalyzedDoc, spans: list[NerSpan]) -> list[NerSpan]:
        fixes = self.fixes
        text = doc.text
        titles = set(fixes.get("person_titles") or ())
        stop = set(fixes.get("not_entities") or ())
        out: list[NerSpan] = []
        for whole in spans:
            for sp in split_parenthetical(text, whole):
                sp = clip_span(text, sp)
                if sp is None or sp.text in stop:
                    continue
                if sp.type == "PERSON" and titles:
                    sp = trim_titles(text, sp, titles)
                    if sp is None:
                        continue
                out.append(sp)
        institutions = {n.casefold() for n in fixes.get("institutions") or ()}
        if institutions:   # "Кремль заявил": the building names the institution
            out = [replace(sp, type="ORG")
                   if sp.type == "LOC" and (sp.base or sp.text).casefold() in institutions else sp
                   for sp in out]
        heads = set(fixes.get("org_heads") or ())
        if heads:
            out = org_heads(doc, out, heads)
        if fixes.get("merge_org_genitive"):
            out = merge_org_genitive(doc, out)
        return out

    def _complete_base(self, doc: AnalyzedDoc, start: int, end: int, normal: str,
                       etype: str | None) -> str:
        """natasha's normal form, with the words it left as written (unknown foreign names,
        plural place names, numbered names: "Ричарда Гренелла" -> "Ричард Гренелла",
        "Нидерландах", "потока-2") put in the nominative by pymorphy3 (lang/names.py), word by
        word; words natasha did change are kept."""
        surface = doc.text[start:end]
        words, nat = surface.split(), normal.split()
        if etype is None or len(words) != len(nat):
            return normal
        if all(n.casefold() != w.casefold() for n, w in zip(nat, words)):
            return normal
        toks = doc.tokens_in(start, end)
        if [t.text for t in toks] != words:
            return normal      # punctuation inside the span: leave natasha's form
        # only words the tagger read in an oblique case, in context ("Асия" stays)
        oblique = ["Case=" in t.morph and "Case=Nom" not in t.morph for t in toks]
        if not any(o and n.casefold() == w.casefold() for o, n, w in zip(oblique, nat, words)):
            return normal
        genders = {_GENDER.get(f) for t in toks for f in t.morph.split("|")} - {None}
        ours = self.former.base_words(words, etype, genders.pop() if len(genders) == 1 else None)
        return " ".join(o if obl and n.casefold() == w.casefold() else n
                        for n, w, o, obl in zip(nat, words, ours, oblique))

    @property
    def former(self):
        if self._former is None:
            import pymorphy3

            from .names import BaseFormer

            self._former = BaseFormer(pymorphy3.MorphAnalyzer(lang="ru"))
        return self._former

    @property
    def fixes(self) -> dict:
        if self._fixes is None:
            from .data_loader import LanguageData

            self._fixes = LanguageData(self.code)["ner_fixes"] or {}
        return self._fixes


_GENDER = {"Gender=Masc": "masc", "Gender=Fem": "femn", "Gender=Neut": "neut"}
_TRAIL = " \t\n\xa0.,;:!?)]»\"'—–-"
_LEAD = " \t\n\xa0([«\"'—–-"


def _retext(text: str, sp: NerSpan, start: int, end: int, base: str) -> NerSpan:
    return NerSpan(start, end, sp.label, sp.type, text[start:end], base, sp.first, sp.last)


_QUOTES = {'"': '"', "»": "«", "“": "„"}


def _closes_a_quote(text: str, start: int, end: int) -> bool:
    """The span's last character closes a quote opened inside it ('ООО "Газэкспорт"')."""
    close = text[end - 1]
    if close not in _QUOTES:
        return False
    inner = text[start:end - 1]
    opener = _QUOTES[close]
    return inner.count(opener) % 2 == 1 if opener == close else inner.count(opener) > inner.count(close)


def clip_span(text: str, sp: NerSpan) -> NerSpan | None:
    """Cut a span at its first line break and strip punctuation/space off its edges."""
    start, end = sp.start, sp.end
    nl = text.find("\n", start, end)
    cut = nl != -1
    if cut:
        end = nl
    while start < end and text[start] in _LEAD:
        start += 1
    while end > start and text[end - 1] in _TRAIL and not _closes_a_quote(text, start, end):
        end -= 1
    if start >= end:
        return None
    if (start, end) == (sp.start, sp.end):
        return sp
    base = sp.base
    if cut or len(base.split()) != len(text[start:end].split()):
        n = len(text[start:end].split())
        base = " ".join(base.split()[:n]) if len(base.split()) >= n else text[start:end]
    base = base.strip(_TRAIL + _LEAD)
    return _retext(text, sp, start, end, base or text[start:end])


def split_parenthetical(text: str, sp: NerSpan) -> list[NerSpan]:
    """A span running into a parenthesis is two names: "Форума стран-экспортеров газа (ФСЭГ" ->
    "Форума стран-экспортеров газа" and "ФСЭГ"; "Дэвид Саутер (David Souter" -> both names."""
    cut = sp.text.find("(")
    if cut <= 0 or not sp.text[cut + 1:].strip(_TRAIL + _LEAD):
        return [sp]
    left, right = sp.start + cut, sp.start + cut + 1
    base = sp.base.split("(", 1)[0] if "(" in sp.base else text[sp.start:left]
    parts = (_retext(text, sp, sp.start, left, base.strip() or text[sp.start:left]),
             _retext(text, sp, right, sp.end, text[right:sp.end]))
    return [p for p in (clip_span(text, part) for part in parts) if p is not None]


def org_heads(doc: AnalyzedDoc, spans: list[NerSpan], heads: set[str]) -> list[NerSpan]:
    """An organisation word right before a place or organisation in the genitive names one
    organisation: "правительства" + "Киргизии" -> "правительства Киргизии" (ORG), "посольство"
    + "США", "сборной" + "России". The head words (lemmas) are data (`org_heads`)."""
    out: list[NerSpan] = []
    for sp in sorted(spans, key=lambda s: (s.start, s.end)):
        toks = doc.tokens_in(sp.start, sp.end)
        before = doc.tokens[toks[0].i - 1] if toks and toks[0].i > 0 else None
        if (sp.type in ("LOC", "ORG") and before is not None
                and doc.text[before.end:sp.start] == " "
                and (before.lemma or "").casefold() in heads and _genitive_or_fixed(doc, sp)
                and not (out and out[-1].end > before.start)):
            out.append(NerSpan(before.start, sp.end, sp.label, "ORG", doc.text[before.start:sp.end],
                               f"{before.text} {sp.text}"))
            continue
        out.append(sp)
    return out


def trim_titles(text: str, sp: NerSpan, titles: set[str]) -> NerSpan | None:
    """Drop leading title words ("Папа Франциск" -> "Франциск"); None if nothing is left."""
    words = sp.text.split()
    n = 0
    while n < len(words) - 1 and words[n].casefold() in titles:
        n += 1
    if n == 0:
        return sp
    start = sp.start
    for w in words[:n]:
        start = text.index(w, start) + len(w)
    while start < sp.end and text[start].isspace():
        start += 1
    base_words = sp.base.split()
    base = " ".join(base_words[n:]) if len(base_words) == len(words) else text[start:sp.end]
    return _retext(text, sp, start, sp.end, base)


def _genitive_or_fixed(doc: AnalyzedDoc, sp: NerSpan) -> bool:
    toks = doc.tokens_in(sp.start, sp.end)
    if not toks:
        return False
    t = toks[0]
    case = t.feat("Case")
    return case == "Gen" or (t.text.isupper() and len(t.text) <= 6)


def merge_org_genitive(doc: AnalyzedDoc, spans: list[NerSpan]) -> list[NerSpan]:
    """"Верховный суд" + "Испании" -> "Верховный суд Испании" (ORG followed by genitive LOC/ORG)."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    out: list[NerSpan] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "ORG" and sp.type in ("ORG", "LOC")
                and doc.text[prev.end:sp.start] == " " and _genitive_or_fixed(doc, sp)):
            out[-1] = NerSpan(prev.start, sp.end, prev.label, "ORG", doc.text[prev.start:sp.end],
                              f"{prev.base} {sp.text}")
            continue
        out.append(sp)
    return out
