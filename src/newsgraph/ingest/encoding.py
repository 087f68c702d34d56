"""Bytes -> text: UTF-8/UTF-16 by BOM, else charset-normalizer (cp1251, koi8-r, ...)."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .article import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Cyrillic legacy encodings that news pages from Ukraine and Russia actually use.
_CYRILLIC = ["cp1251", "koi8_r", "koi8_u", "mac_cyrillic", "iso8859_5", "cp866"]


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


def _cyrillic_score(text: str) -> float:
    """How plausible a decoded text is as Russian/Ukrainian: share of lowercase Cyrillic letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    low = sum(1 for c in letters if "а" <= c <= "я" or c in "іїєґё")
    return low / len(letters)


def decode(raw: bytes, path: str | None = None) -> str:
    if not raw.strip():
        raise IngestError(path, "empty input")
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc)
    if b"\x00" in raw[:4096]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise IngestError(path, "binary file, not text")
        return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=["utf_16", *_CYRILLIC, "cp1252", "latin_1"]).best()
    # charset-normalizer mixes up the single-byte Cyrillic code pages on short texts; choose
    # among them by which decoding reads as mostly lowercase Cyrillic.
    candidates = []
    for enc in _CYRILLIC:
        try:
            candidates.append((_cyrillic_score(raw.decode(enc)), enc))
        except UnicodeDecodeError:
            continue
    if candidates:
        score, enc = max(candidates)
        if score > 0.6:
            return raw.decode(enc)
    if best is None or not _readable(str(best)[:2000]):
        raise IngestError(path, "cannot decode the text (not UTF-8, UTF-16 or a known Cyrillic "
                                "encoding)")
    return str(best)
