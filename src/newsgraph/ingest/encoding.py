"""Bytes -> text: UTF-8/UTF-16 by BOM, else the legacy Cyrillic code page that reads as Russian or
Ukrainian, else charset-normalizer (Western code pages).

The single-byte Cyrillic code pages (cp1251, koi8-r, koi8-u, cp866, cp1125, mac_cyrillic,
iso8859-5) decode almost any bytes without error, and several share their lowercase letters
(cp1251 and mac_cyrillic differ only in capitals), so charset-normalizer's guess on them is often
wrong ("Ѕашар јсад" for "Башар Асад"). Each is tried instead and scored by how the text reads:
words made of Russian/Ukrainian (or Latin) letters, in one script, cased as words are (lower,
Title, UPPER), and
no stray symbols (box drawing, "¤", "√") where letters should be.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .article import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Cyrillic legacy encodings that news pages from Ukraine and Russia actually use, in the order
# that breaks a tie (two that decode the bytes to the same text, or read equally well).
_CYRILLIC = ["cp1251", "koi8_u", "koi8_r", "iso8859_5", "mac_cyrillic", "cp866", "cp1125"]
_SAMPLE = 20_000          # characters scored per candidate: enough to tell, cheap on 5 MB inputs

_WORD = re.compile(r"[^\W\d_]+")
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
                      "ёЁіІїЇєЄґҐ")
_CYRILLIC_LETTERS = frozenset(c for c in _ALPHABET if not c.isascii())
_RU_ONLY, _UK_ONLY = frozenset("ыЫэЭъЪёЁ"), frozenset("іІїЇєЄґҐ")
# non-ASCII characters that are not letters but belong in news text
_TYPOGRAPHY = frozenset("«»—–‐‑„“”‘’…№°€•·\u00a0\u202f©®™§×′″ʼ")


def _readable(text: str) -> bool:
    """Mostly printable characters with some letters: text, not bytes misread as text."""
    if not text:
        return False
    bad = sum(1 for c in text if not (c.isprintable() or c in "\n\r\t"))
    return bad / len(text) < 0.02 and sum(c.isalpha() for c in text) / len(text) > 0.3


def _utf16_without_bom(raw: bytes) -> str | None:
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _readable(text[:2000]):
            return text
    return None


def _like_a_word(word: str) -> bool:
    """Russian/Ukrainian or Latin letters, one script, cased as words are."""
    if not all(c in _ALPHABET for c in word):
        return False
    if word.isascii() == all(c in _CYRILLIC_LETTERS for c in word):
        return False            # a Latin letter beside Cyrillic ones: "ЇC" for "°C"
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def reads_as_cyrillic(text: str) -> tuple[float, float]:
    """(how well `text` reads as Russian/Ukrainian or Latin-script words, from -inf to 1;
    the share of its letters that are Russian/Ukrainian Cyrillic)."""
    good = bad = cyrillic = 0
    for word in _WORD.findall(text):
        n = len(word)
        if _like_a_word(word):
            good += n
        else:
            bad += n
        cyrillic += sum(c in _CYRILLIC_LETTERS for c in word)
    junk = sum(1 for c in text if not c.isascii() and not c.isalpha() and c not in _TYPOGRAPHY)
    # letters only Russian has beside letters only Ukrainian has: the rarer kind is misread
    # ("ЇС" for "°С" in cp1125 against cp866)
    mixed = min(sum(c in _RU_ONLY for c in text), sum(c in _UK_ONLY for c in text))
    letters = good + bad
    if not letters:
        return float("-inf"), 0.0
    return (good - bad - 2 * junk - mixed) / letters, cyrillic / letters


def _best_cyrillic(raw: bytes) -> str | None:
    """The Cyrillic code page under which `raw` reads best as Russian/Ukrainian, if any does."""
    sample = raw[:_SAMPLE]
    best: tuple[float, int, str] | None = None
    for rank, enc in enumerate(_CYRILLIC):
        try:
            score, share = reads_as_cyrillic(sample.decode(enc))
        except UnicodeDecodeError:
            continue
        if share < 0.5:
            continue
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, enc)
    if best is None or best[0] < 0.5:
        return None
    try:
        return raw.decode(best[2])
    except UnicodeDecodeError:      # the sample decoded, a later byte does not
        return None


def decode(raw: bytes, path: str | None = None) -> str:
    if not raw.strip():
        raise IngestError(path, "empty input")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            # a BOM then a truncated or broken code unit: the rest is still the text
            return raw.decode(enc, errors="replace")
    if b"\x00" in raw[:4096]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise IngestError(path, "binary file, not text")
        return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _best_cyrillic(raw)
    if text is not None:
        return text
    best = from_bytes(raw, cp_isolation=["utf_16", *_CYRILLIC, "cp1252", "latin_1"]).best()
    if best is None or not _readable(str(best)[:2000]):
        raise IngestError(path, "cannot decode the text (not UTF-8, UTF-16 or a known Cyrillic "
                                "encoding)")
    return str(best)
