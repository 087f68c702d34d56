"""Bilingual word lexicons for comparing articles across languages (story clustering).

An English article is compared with Russian and Ukrainian ones in one *pivot* term space: the
shared Cyrillic stems of ``textsim.stem`` (uk and ru already share it). English words are mapped
into it through ``lang/data/en/lexicon_ru.tsv.gz`` (built from the Mueller English-Russian
dictionary by ``training/lexicon/build_en_ru.py``) and ``lexicon_uk.tsv.gz`` (the same composed
with Apertium's Russian-Ukrainian dictionary by ``build_en_uk.py``); both GPL-2.0-or-later, see
LEXICON-NOTE.txt there.

A lexicon is read once per process (``bilingual`` is cached); a missing file gives an empty
lexicon, so clustering still works from names, numbers and character n-grams alone.
"""
from __future__ import annotations

import gzip
from collections import Counter
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

from . import textsim

DATA = Path(__file__).resolve().parents[1] / "lang" / "data"
PIVOT_SPACE = "cyr"        # the term space every language is mapped into
TRANSLATIONS = 6           # the first N translations of a word count, the k-th with weight 1/k
PIVOT_LANGUAGES = ("ru", "uk")   # lexicons into these (lang/data/<lang>/lexicon_<target>.tsv.gz)
# English inflections tried when a word is not a headword: (suffix, replacement)
EN_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
               ("ing", ""), ("ing", "e"), ("'s", ""))


@lru_cache(maxsize=4)
def bilingual(source: str, target: str) -> dict[str, tuple[str, ...]]:
    """headword -> translations in dictionary order ({} when the language pair has no file)."""
    path = DATA / source / f"lexicon_{target}.tsv.gz"
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            head, _, words = line.rstrip("\n").partition("\t")
            if head and words:
                out[head] = tuple(words.split())
    return out


def translate(word: str, lexicon: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Translations of a casefolded English word, trying its base form when it is inflected."""
    found = lexicon.get(word)
    if found:
        return found
    for suffix, repl in EN_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            found = lexicon.get(word[: -len(suffix)] + repl)
            if found:
                return found
    return ()


def pivot_terms(text: str, lang: str) -> Counter:
    """Content words of a text in the pivot space with their weights: uk/ru stems as they are,
    English words through the lexicon (words it lacks are left out; names and numbers are
    compared by other features)."""
    if textsim.term_space(lang) == PIVOT_SPACE:
        return Counter({t: float(n) for t, n in textsim.content_terms(text, lang).items()})
    lexicons = [lex for lex in (bilingual(lang, target) for target in PIVOT_LANGUAGES) if lex]
    out: Counter = Counter()
    if not lexicons:
        return out
    stop = textsim.stopwords(lang)
    cache: dict[str, list[str]] = {}
    for w in textsim.words(text):
        if len(w) < 2 or w in stop:
            continue
        stems = cache.get(w)
        if stems is None:
            stems = cache[w] = pivot_stems(w, lexicons)
        for k, t in enumerate(stems, 1):
            out[t] += 1.0 / k
    return out


def pivot_stems(word: str, lexicons: list[dict[str, tuple[str, ...]]]) -> list[str]:
    """A word's first TRANSLATIONS translations as pivot stems, taking the lexicons in turn (the
    first Russian word, the first Ukrainian word, the second Russian word, ...)."""
    stems: dict[str, None] = {}
    for group in zip_longest(*(translate(word, lex) for lex in lexicons)):
        for t in group:
            if t:
                stems[textsim.stem(t, "ru")] = None
    return list(stems)[:TRANSLATIONS]
