"""newsgraph: news articles (en/uk/ru) as structured, sourced records.

    >>> import newsgraph
    >>> rec = newsgraph.analyze("Reuters reported on Monday that ...", published="2025-12-05")
    >>> rec["claims"][0]["source"]["text"]
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

__version__ = "0.1.0"
__all__ = ["analyze", "default_pipeline", "__version__"]


@lru_cache(maxsize=1)
def default_pipeline():
    """The process's shared pipeline for `analyze()`; models load on first use, once."""
    from .pipeline import Pipeline

    return Pipeline()


def analyze(text: str, *, published: date | str | None = None, language: str | None = None,
            url: str | None = None, title: str | None = None, clean: bool = False) -> dict[str, Any]:
    """Analyse one article's text and return its record (a JSON-native dict).

    `clean=True` applies the scraped-page cleaning (switchers, captions, title detection) first;
    by default the text is analysed as given, so offsets index `text`.
    """
    from .ingest import Reader
    from .ingest.dates import parse_date

    pub = parse_date(published) if isinstance(published, str) else published
    if isinstance(published, str) and pub is None:
        raise ValueError(f"published must be YYYY-MM-DD, got {published!r}")
    if language is not None and language not in ("en", "uk", "ru"):
        raise ValueError(f"language must be en, uk or ru, got {language!r}")
    if clean:
        article = Reader().from_text(text, title=title, url=url, published=pub, language=language)
        return next(default_pipeline().analyze_articles([article]))
    return default_pipeline().analyze_text(text, published=pub, language=language, url=url,
                                           title=title)
