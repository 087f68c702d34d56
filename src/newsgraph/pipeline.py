"""ingest -> language backend -> extractors -> record. The only place that knows the order.

    pipe = Pipeline()                       # models load lazily, once, inside pipe.resources
    record = pipe.analyze_text("...", published=date(2025, 12, 5))
    for rec in pipe.analyze_articles(Reader().read(paths)): ...

A failure in one article (unsupported language, an extractor bug) becomes an error record; the
batch carries on.
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
import os
from datetime import date
from typing import Any, Iterable, Iterator, Sequence

from .extract import DEFAULT_EXTRACTORS
from .extract.base import Extractor, order_extractors
from .ingest import Article, IngestError
from .ingest.language import LanguageIdentifier
from .ingest.outlets import outlet_of_url
from .lang.base import AnalyzedDoc
from .record import build_record, error_record
from .resources import Resources

log = logging.getLogger(__name__)


def _load_class(spec: str):
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


class Pipeline:
    def __init__(self, resources: Resources | None = None,
                 extractors: Sequence[str] = DEFAULT_EXTRACTORS,
                 language: str | None = None, published: date | None = None,
                 batch_size: int = 16) -> None:
        self.resources = resources or Resources()
        self.forced_language = language
        self.default_published = published
        self.batch_size = batch_size
        self.extractors: list[Extractor] = order_extractors(
            [_load_class(spec)(self.resources) for spec in extractors])

    # -- public entry points ---------------------------------------------------------------------
    def analyze_text(self, text: str, *, published: date | None = None, language: str | None = None,
                     url: str | None = None, title: str | None = None, outlet: str | None = None,
                     path: str | None = None) -> dict[str, Any]:
        article = Article(text=text, title=title, url=url, outlet=outlet, published=published,
                          language=language, path=path)
        return next(self.analyze_articles([article]))

    def analyze_articles(self, items: Iterable[Article | IngestError]) -> Iterator[dict[str, Any]]:
        """Records in input order; IngestErrors and per-article failures become error records."""
        batch: list[Article | IngestError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    # -- internals -------------------------------------------------------------------------------
    def language_of(self, article: Article) -> str:
        if self.forced_language:
            return self.forced_language
        if article.language:
            return article.language
        ident = self.resources.shared("language-identifier", LanguageIdentifier)
        return ident.detect(article.text, article.path)

    def _run_batch(self, batch: list[Article | IngestError]) -> Iterator[dict[str, Any]]:
        results: dict[int, dict[str, Any]] = {}
        by_lang: dict[str, list[tuple[int, Article]]] = {}
        for n, item in enumerate(batch):
            if isinstance(item, IngestError):
                results[n] = error_record(item.path, item.reason)
                continue
            if not any(c.isalnum() for c in item.text):
                results[n] = error_record(item.path, "no words to analyse (the text is only "
                                                     "whitespace or punctuation)")
                continue
            try:
                by_lang.setdefault(self.language_of(item), []).append((n, item))
            except IngestError as err:
                results[n] = error_record(err.path, err.reason)
        for lang, members in by_lang.items():
            try:
                backend = self.resources.backend(lang)
                docs = backend.analyze_many([a.text for _, a in members], self.batch_size)
                for (n, article), doc in zip(members, docs):
                    results[n] = self._extract(article, lang, doc)
            except Exception as exc:  # a backend failure fails its articles, not the batch
                log.debug("backend failure", exc_info=True)
                for n, article in members:
                    results.setdefault(n, error_record(article.path, _one_line(lang, exc)))
        for n in range(len(batch)):
            yield results[n]

    def _extract(self, article: Article, lang: str, doc: AnalyzedDoc) -> dict[str, Any]:
        doc.published = article.published or self.default_published
        if not article.outlet and article.url and outlet_of_url(article.url):
            # a known outlet's domain (the caller's article is left as it was)
            article = dataclasses.replace(article, outlet=outlet_of_url(article.url))
        doc.title, doc.url, doc.outlet = article.title, article.url, article.outlet
        doc.data = self.resources.data(lang)
        parts: dict[str, Any] = {}
        for ex in self.extractors:
            try:
                parts.update(ex(doc, parts))
            except Exception as exc:
                if os.environ.get("NEWSGRAPH_DEBUG"):
                    raise
                log.debug("extractor failure", exc_info=True)
                return error_record(article.path, f"internal error in {ex.name}: {_one_line(lang, exc)}")
        return build_record(article, lang, doc.text, parts, published=doc.published)


def _one_line(lang: str, exc: Exception) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"{msg} [{lang}]"
