"""Plain text as scraped from a page."""
from __future__ import annotations

from .article import Article
from .cleaning import CleaningRules, clean


def parse_text(text: str, *, rules: CleaningRules, as_is: bool = False, path: str | None = None,
               title: str | None = None, **meta) -> Article:
    cleaned = clean(text, rules, title=title)
    if as_is:
        # Offsets must index the input: keep the text byte-for-byte, only learn the title.
        return Article(text=text, title=cleaned.title, path=path, **meta)
    return Article(text=cleaned.body, title=cleaned.title, path=path, removed=cleaned.removed,
                   **meta)
