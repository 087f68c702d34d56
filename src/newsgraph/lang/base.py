"""The language backend interface; the analysed document types live in ``newsgraph.doc`` and are
re-exported here, so ``from newsgraph.lang.base import AnalyzedDoc`` keeps working.

A backend (``en.py``, ``ru.py``, ``uk.py``) turns text into an :class:`AnalyzedDoc` (tokens,
sentences, entity spans); the pipeline completes it with the article's metadata and the
language's data (``newsgraph.doc.builder``) before extractors read it.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from ..doc.types import ENTITY_TYPES, AnalyzedDoc, NerSpan, Sentence, Token

__all__ = ["ENTITY_TYPES", "AnalyzedDoc", "LanguageBackend", "NerSpan", "Sentence", "Token"]


class LanguageBackend(Protocol):
    """What every language backend provides. Models load in __init__, once per process."""

    code: str

    def analyze(self, text: str) -> AnalyzedDoc: ...

    def analyze_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[AnalyzedDoc]: ...
