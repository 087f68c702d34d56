"""HTML pages: main text, title, date, author and site name with trafilatura (+ htmldate)."""
from __future__ import annotations

from datetime import date

import trafilatura
from htmldate import find_date

from .article import Article, IngestError
from .cleaning import CleaningRules, find_furniture
from .dates import parse_date


def parse_html(html: str, *, path: str | None = None, url: str | None = None,
               rules: CleaningRules | None = None) -> Article:
    """The page's article; with `rules`, its furniture (captions, credits, ...) marked in place
    (without, the pipeline marks it)."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise IngestError(path, "no article text found in the HTML page")
    published: date | None = parse_date(doc.date)
    if published is None:
        try:
            published = parse_date(find_date(html, extensive_search=False, original_date=True))
        except Exception:  # htmldate raises on odd markup; a missing date is not an error
            published = None
    text = "\n\n".join(p.strip() for p in doc.text.split("\n") if p.strip())
    return Article(text=text, title=doc.title or None, url=doc.url or url,
                   outlet=doc.sitename or doc.hostname or None, published=published,
                   author=doc.author or None, path=path,
                   furniture=find_furniture(text, rules) if rules is not None else None)
