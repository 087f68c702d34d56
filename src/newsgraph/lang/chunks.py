"""Long texts: analysed in chunks, put back together as one document.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088) and its parser
and NER need memory in proportion to the text; natasha has no limit but the same appetite. A text
longer than ``CHUNK_CHARS`` is therefore cut at paragraph breaks (else line breaks, else sentence
ends, else spaces), each piece is analysed by the backend on its own, and the pieces are merged
into one :class:`AnalyzedDoc` over the whole text: token, sentence and entity offsets (characters
and token indices) are shifted by where their piece starts, so extractors and the record see one
document and ``text[start:end]`` is every token's and entity's text. A piece boundary is always a
sentence boundary. Texts up to ``CHUNK_CHARS`` are analysed whole, exactly as before.
"""
from __future__ import annotations

from typing import Callable, Iterator

from .base import AnalyzedDoc, LanguageBackend

# Large enough that news articles (a few thousand characters) are never cut, small enough that a
# piece parses in a few seconds and a few hundred megabytes, far below spaCy's 1,000,000.
CHUNK_CHARS = 100_000

# Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", " ")


def split_text(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs that concatenate back to `text`; each piece at most `limit` chars.

    A piece ends at the last good break in the second half of its window, so no piece (but the
    last) is shorter than limit/2; a text without any break is cut at `limit`."""
    if limit < 2:
        raise ValueError("limit must be at least 2 characters")
    pos, n = 0, len(text)
    while n - pos > limit:
        lo, hi = pos + limit // 2, pos + limit
        cut = -1
        for brk in _BREAKS:
            found = text.rfind(brk, lo, hi)
            if found != -1:
                cut = found + len(brk)
                break
        if cut == -1 or cut > hi:
            cut = hi
        yield pos, text[pos:cut]
        pos = cut
    if pos < n or n == 0:
        yield pos, text[pos:]


def merge_docs(text: str, language: str, parts: list[tuple[int, AnalyzedDoc]]) -> AnalyzedDoc:
    """One document from analysed pieces of `text` (offset of each piece, its document).

    The pieces' own objects are shifted in place (they are not used again) rather than copied,
    so the merge holds one set of tokens at a time. ``native`` is None: no backend object spans
    the whole text."""
    tokens, sentences, ner = [], [], []
    has_parser = bool(parts)
    for offset, doc in parts:
        t0, s0 = len(tokens), len(sentences)
        for t in doc.tokens:
            t.i += t0
            t.start += offset
            t.end += offset
            if t.head >= 0:
                t.head += t0
            t.sent += s0
        for s in doc.sentences:
            s.start += offset
            s.end += offset
            s.first += t0
            s.last += t0
        for sp in doc.ner:
            sp.start += offset
            sp.end += offset
            sp.first += t0
            sp.last += t0
        tokens.extend(doc.tokens)
        sentences.extend(doc.sentences)
        ner.extend(doc.ner)
        has_parser = has_parser and doc.has_parser
        doc.tokens, doc.sentences, doc.ner, doc.native = [], [], [], None
    return AnalyzedDoc(text=text, language=language, tokens=tokens, sentences=sentences, ner=ner,
                       native=None, has_parser=has_parser)


def analyze_long(backend: LanguageBackend, text: str, limit: int = CHUNK_CHARS,
                 check: Callable[[], None] | None = None) -> AnalyzedDoc:
    """Analyse `text` piece by piece (see the module docstring). `check` is called before each
    piece and may raise to stop (the per-article time budget)."""
    parts = []
    for offset, piece in split_text(text, limit):
        if check is not None:
            check()
        doc = backend.analyze(piece)
        doc.native = None            # the backend's own object for a piece is not kept
        parts.append((offset, doc))
    return merge_docs(text, backend.code, parts)
