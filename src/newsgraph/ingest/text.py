"""Plain text as scraped from a page."""
from __future__ import annotations

from .article import Article
from .cleaning import CleaningRules, clean, find_furniture


def parse_text(text: str, *, rules: CleaningRules, as_is: bool = False, path: str | None = None,
               title: str | None = None, **meta) -> Article:
    cleaned = clean(text, rules, title=title)
    if as_is:
        # Offsets must index the input: keep the text byte-for-byte, only learn the title; the
        # furniture is marked where it stands.
        return Article(text=text, title=cleaned.title, path=path,
                       furniture=find_furniture(text, rules), **meta)
    return Article(text=cleaned.body, title=cleaned.title, path=path, removed=cleaned.removed,
                   furniture=cleaned.furniture, **meta)
