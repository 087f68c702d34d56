"""Cheap, pure text helpers for story clustering and the claim ledger.

Everything here is deterministic across processes (no use of Python's salted ``hash()``): word
tokens, a light stemmer, stop words (spaCy's lists for en/uk/ru), numbers written in the text,
and MinHash signatures over word shingles for near-duplicate (wire copy) detection.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

import numpy as np

# A word: letters, with inner apostrophes/hyphens ("прем'єр", "al-Assad" stays one word).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")
# A number: "50,000", "1 000", "2024", "3.5" (decimal part split off; written the same in every
# language once separators are dropped).
NUM_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\d])|\d+")
# Anonymisation masks in redacted texts ("#PRS_ORG#", "#NAME#", "#URL#"): they hide a name, so two
# texts sharing a mask share nothing specific.
PLACEHOLDER_RE = re.compile(r"#[A-Z][A-Z0-9_]*#")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LATIN_RE = re.compile(r"^[a-z][a-z0-9'’\-]*$")

STEM_LENGTH = {"en": 20, "uk": 6, "ru": 6}   # English: whole words worked best (news-cluster)
MINHASH_PERMUTATIONS = 64
MINHASH_BANDS = 16
SHINGLE = 4
_PRIME = 4294967311  # smallest prime above 2**32


@lru_cache(maxsize=8)
def stopwords(lang: str) -> frozenset[str]:
    """spaCy's stop word list for the language (empty for an unknown one). The list's module is
    read on its own: importing the spaCy package (about a second) is not needed for a word list,
    and the knowledge base's queries and web pages use these without any model."""
    import importlib.util
    from pathlib import Path

    if lang not in ("en", "uk", "ru"):
        return frozenset()
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.origin:   # pragma: no cover - spaCy is a dependency
        return frozenset()
    path = Path(spec.origin).parent / "lang" / lang / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_newsgraph_stop_words_{lang}", path)
    if module_spec is None or module_spec.loader is None or not path.is_file():  # pragma: no cover
        return frozenset()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)   # the library's own word list, a plain set literal
    return frozenset(w.casefold().replace("’", "'") for w in module.STOP_WORDS)


def words(text: str) -> list[str]:
    """Casefolded word tokens (letters only; apostrophes normalised to ')."""
    return [m.group(0).casefold().replace("’", "'").replace("ʼ", "'")
            for m in WORD_RE.finditer(text or "")]


# Ukrainian and Russian share one term space: letters that differ only in spelling between the two
# are folded (і/ї/и/ы/й -> и, є/э/ё -> е, ґ -> г; hard and soft signs dropped), so that
# "інформацію" and "информацию" give one stem. A script-level folding, not a word list.
CYRILLIC_FOLD = str.maketrans({"і": "и", "ї": "и", "ы": "и", "й": "и", "є": "е", "э": "е",
                               "ё": "е", "ґ": "г", "ъ": None, "ь": None, "'": None})
TERM_SPACES = {"uk": "cyr", "ru": "cyr"}


def term_space(lang: str) -> str:
    """Languages whose stems are compared with each other ("uk" and "ru" share "cyr")."""
    return TERM_SPACES.get(lang, lang)


def stem(word: str, lang: str) -> str:
    """A light stemmer: the word's first N letters (N=6 for uk/ru; English words are kept whole),
    apostrophes dropped; uk/ru letters folded into the shared Cyrillic term space."""
    w = word.replace("'", "")
    if term_space(lang) == "cyr":
        w = w.translate(CYRILLIC_FOLD)
    return w[: STEM_LENGTH.get(lang, 6)]


def content_terms(text: str, lang: str) -> Counter:
    """Stemmed content words (stop words and one-letter words dropped) with their counts."""
    stop = stopwords(lang)
    return Counter(stem(w, lang) for w in words(text) if len(w) > 1 and w not in stop)


def weighted(counts: Counter, limit: int) -> dict[str, float]:
    """The strongest ``limit`` terms (ties by term) with sublinear weights, 1 + log n (a count
    below 1, a fractional lexicon weight, is kept as it is), rounded for JSON."""
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return {t: round(1.0 + math.log(n) if n >= 1 else n, 4) for t, n in top}


def numbers(text: str) -> list[str]:
    """Numbers written in the text, separators removed ("50,000" and "50 000" -> "50000")."""
    out = []
    for m in NUM_RE.finditer(text or ""):
        digits = re.sub(r"\D", "", m.group(0)).lstrip("0") or "0"
        out.append(digits)
    return out


def strip_placeholders(text: str) -> str:
    """The text with anonymisation masks ("#PRS_ORG#") blanked out."""
    return PLACEHOLDER_RE.sub(" ", text or "")


def placeholders(text: str) -> frozenset[str]:
    """The masks used in a text, without their #s ({"PRS_ORG", "NAME"})."""
    return frozenset(m.strip("#") for m in PLACEHOLDER_RE.findall(text or ""))


def is_placeholder(name: str, masks: frozenset[str] = frozenset()) -> bool:
    """An entity name that is only an anonymisation mask: "#PRS_ORG#", "PRS_ORG", or a mask
    the text uses ("NAME" when the text has "#NAME#")."""
    core = (name or "").strip().strip("#").strip()
    if not core or not PLACEHOLDER_RE.fullmatch(f"#{core}#"):
        return False
    return "_" in core or (name or "").strip().startswith("#") or core in masks


def number_key(value) -> str | None:
    """A JSON number as an anchor string: 40.0 -> "40", 2.5 -> "2.5"."""
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(v):
        return None
    return str(int(v)) if v == int(v) else f"{v:g}"


def is_cyrillic(text: str) -> bool:
    return bool(CYRILLIC_RE.search(text))


def latin_tokens(text: str) -> list[str]:
    """Latin-script tokens (casefolded) of a text: in uk/ru text these are names and brands kept
    in the original spelling ("iOS", "eBay", "USB"), which an English text writes the same way."""
    return [w for w in words(text) if LATIN_RE.match(w) and len(w) > 1]


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


@lru_cache(maxsize=4)
def _permutations(n: int) -> tuple[np.ndarray, np.ndarray]:
    a = np.array([(_h64(f"minhash-a-{i}") % (2**31 - 1)) + 1 for i in range(n)], dtype=np.uint64)
    b = np.array([_h64(f"minhash-b-{i}") % (2**32) for i in range(n)], dtype=np.uint64)
    return a, b


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> list[int]:
    """32-bit hashes of the distinct word k-shingles (the whole text when shorter than k)."""
    if not tokens:
        return []
    grams = {" ".join(tokens[i:i + k]) for i in range(max(1, len(tokens) - k + 1))}
    return sorted({_h64(g) & 0xFFFFFFFF for g in grams})


def minhash(hashes: list[int], n: int = MINHASH_PERMUTATIONS) -> list[int]:
    """MinHash signature (n ints) of a set of 32-bit shingle hashes; [] for an empty set."""
    if not hashes:
        return []
    a, b = _permutations(n)
    x = np.asarray(hashes, dtype=np.uint64)
    vals = (a[:, None] * x[None, :] + b[:, None]) % np.uint64(_PRIME)
    return [int(v) for v in vals.min(axis=1)]


def minhash_jaccard(a: list[int], b: list[int]) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def lsh_keys(sig: list[int], bands: int = MINHASH_BANDS) -> list[str]:
    """Band keys for locality-sensitive hashing of a MinHash signature."""
    if not sig:
        return []
    rows = max(1, len(sig) // bands)
    return [f"{i}:" + ",".join(map(str, sig[i * rows:(i + 1) * rows])) for i in range(bands)]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def jaccard(a: Iterable, b: Iterable) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


SKELETON_MAP = (("sch", "sh"), ("ch", "k"), ("ph", "f"), ("kh", "h"), ("zh", "j"), ("w", "v"),
                ("c", "k"), ("q", "k"), ("x", "ks"), ("y", "i"))


def skeleton(token: str) -> str:
    """A coarse phonetic skeleton of a Latin-script name token, so that transliterations of one
    name agree more often ("spector"/"spektor", "christine"/"kristin" -> "krstn"): spelling
    variants mapped, vowels after the first letter dropped, doubled letters collapsed."""
    t = token.casefold()
    for a, b in SKELETON_MAP:
        t = t.replace(a, b)
    if not t:
        return t
    body = [ch for ch in t[1:] if ch not in "aeiou"]
    out = [t[0]]
    for ch in body:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


# -- cross-language character n-grams -------------------------------------------------------------
# One transliteration for uk and ru (script level, no word list), then a spelling fold applied to
# every language, so that names, brands and cognates ("ресторан"/"restaurant", "президент",
# "акаунт"/"account") share character n-grams across scripts.
TRANSLIT = str.maketrans({"а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e",
                          "є": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i",
                          "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
                          "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
                          "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e",
                          "ю": "u", "я": "a", "'": ""})
XFOLD = (("sch", "sh"), ("ch", "k"), ("ph", "f"), ("kh", "h"), ("th", "t"), ("w", "v"), ("c", "k"),
         ("q", "k"), ("x", "ks"), ("y", "i"), ("z", "s"))
XGRAM = 4


def translit(word: str) -> str:
    """A casefolded word in Latin letters, spelling variants folded (see XFOLD)."""
    w = word.casefold().translate(TRANSLIT)
    for a, b in XFOLD:
        w = w.replace(a, b)
    return w


def xgrams(text: str, lang: str, n: int = XGRAM) -> Counter:
    """Character n-grams (word-bounded) of the transliterated content words of a text."""
    stop = stopwords(lang)
    out: Counter = Counter()
    for w in words(text):
        if len(w) < 2 or w in stop:
            continue
        f = "^" + translit(w) + "$"
        for i in range(len(f) - n + 1):
            out[f[i:i + n]] += 1
    return out
