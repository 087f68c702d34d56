"""The complete document, built once.

A language backend parses the text; the pipeline then builds the document extractors read with
everything known about the article (its date, title, URL, outlet, the page furniture found at
ingest or here, the language's data) in one step, instead of setting attributes on the
backend's object afterwards. ``data`` is therefore always there for extractors.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .types import AnalyzedDoc


def build_document(parsed: AnalyzedDoc, data: Any, *, published: date | None = None,
                   title: str | None = None, url: str | None = None, outlet: str | None = None,
                   furniture: list[dict[str, Any]] | None = None) -> AnalyzedDoc:
    """The document extractors read: the backend's parse of the text (`parsed`: tokens,
    sentences, entity spans, its native object) with the article's metadata and `data` (the
    language's LanguageData). `parsed` is not changed."""
    if data is None:
        raise ValueError("a document needs its language's data (LanguageData)")
    return AnalyzedDoc(text=parsed.text, language=parsed.language, tokens=parsed.tokens,
                       sentences=parsed.sentences, ner=parsed.ner, published=published,
                       title=title, url=url, outlet=outlet, native=parsed.native, data=data,
                       has_parser=parsed.has_parser, furniture=list(furniture or []))


def analyze_document(resources, text: str, language: str, *, published: date | None = None,
                     title: str | None = None, url: str | None = None,
                     outlet: str | None = None,
                     furniture: list[dict[str, Any]] | None = None) -> AnalyzedDoc:
    """Parse `text` with the language's backend and build the complete document (for tests,
    evaluations and tools that run extractors on their own)."""
    parsed = resources.backend(language).analyze(text)
    return build_document(parsed, resources.data(language), published=published, title=title,
                          url=url, outlet=outlet, furniture=furniture)


def text_document(text: str, language: str, data: Any, *, published: date | None = None,
                  **meta: Any) -> AnalyzedDoc:
    """A complete document without a parse (no tokens, sentences or entity spans): for the
    extractors that read only the text (times, quantities) in tests and evaluations."""
    bare = AnalyzedDoc(text=text, language=language, tokens=[], sentences=[], ner=[])
    return build_document(bare, data, published=published, **meta)
