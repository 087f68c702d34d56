"""ingest -> language backend -> extractors -> record. The only place that knows the order.

    pipe = Pipeline()                       # models load lazily, once, inside pipe.resources
    record = pipe.analyze_text("...", published=date(2025, 12, 5))
    for rec in pipe.analyze_articles(Reader().read(paths)): ...

A failure in one article (unsupported language, an extractor bug, a text that breaks the language
backend, a per-article time budget spent) becomes an error record; the batch carries on. Texts
over lang.chunks.CHUNK_CHARS characters are analysed in pieces and merged into one document.
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import time
from datetime import date
from typing import Any, Iterable, Iterator, Sequence

from .doc.builder import build_document
from .extract import DEFAULT_EXTRACTORS
from .extract.base import Extractor, order_extractors
from .ingest import Article, IngestError
from .ingest.cleaning import CleaningRules, find_furniture
from .ingest.language import LanguageIdentifier
from .ingest.outlets import outlet_of_url
from .doc.types import AnalyzedDoc
from .lang.chunks import CHUNK_CHARS, analyze_long
from .record import build_record, error_record
from .resources import Resources

log = logging.getLogger(__name__)

# The CLI's default per-article time budget (--time-budget), in seconds. A text at the 5 MB input
# limit took 420 s on one core of a busy 2-core machine (benchmarks/long_text.py, English; 1 MB:
# 63 s English, 55 s Ukrainian or Russian), a news article well under a second: with 4x headroom
# over the largest accepted input no valid article fails by default, and a pathological one frees
# its worker within 30 minutes.
DEFAULT_TIME_BUDGET = 1800.0


def _load_class(spec: str):
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def extractor_specs(names: str | Sequence[str]) -> tuple[str, ...]:
    """Extractor import paths ("module:Class") for `names`: a comma-separated string or a list
    of short names of the default extractors (actors, places, claims, ...) or import paths.
    Raises ValueError with one line for a name that is not an extractor and for a list whose
    requirements are not met (an extractor requiring a part nobody in the list assigns)."""
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    by_name = {}
    for spec in DEFAULT_EXTRACTORS:
        cls = _load_class(spec)
        by_name[cls.name] = spec
    specs, classes = [], []
    for name in names:
        spec = by_name.get(name, name)
        try:
            if ":" not in spec:
                raise ValueError
            cls = _load_class(spec)
        except (ImportError, AttributeError, ValueError):
            raise ValueError(f"unknown extractor {name!r} (known: {', '.join(by_name)}; or "
                             f"module:Class)") from None
        if not (isinstance(cls, type) and issubclass(cls, Extractor)):
            raise ValueError(f"{name!r} is not an extractor")
        specs.append(spec)
        classes.append(cls)
    if not specs:
        raise ValueError("no extractors given")
    order_extractors(classes)     # missing or circular requirements: ValueError
    return tuple(specs)


class Pipeline:
    def __init__(self, resources: Resources | None = None,
                 extractors: Sequence[str] = DEFAULT_EXTRACTORS,
                 language: str | None = None, published: date | None = None,
                 batch_size: int = 16, time_budget: float | None = None) -> None:
        self.resources = resources or Resources()
        self.time_budget = time_budget or None   # seconds per article; None or 0: no limit
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
            except Exception as exc:  # a backend that cannot load fails its language's articles
                log.debug("backend failure", exc_info=True)
                for n, article in members:
                    results[n] = error_record(article.path, _one_line(lang, exc))
                continue
            short = [(n, a) for n, a in members if len(a.text) <= CHUNK_CHARS]
            for n, article in members:
                if len(article.text) > CHUNK_CHARS:    # analysed alone, in pieces
                    results[n] = self._analyze_one(backend, lang, article)
            self._run_group(backend, lang, short, results)
        for n in range(len(batch)):
            yield results[n]

    def _run_group(self, backend, lang: str, members: list[tuple[int, Article]],
                   results: dict[int, dict[str, Any]]) -> None:
        """The backend's batched path; when it fails, the articles it had not finished are
        analysed one at a time, so only an article that breaks the backend fails."""
        if not members:
            return
        try:
            docs = iter(backend.analyze_many([a.text for _, a in members], self.batch_size))
            for n, article in members:
                budget = TimeBudget(self.time_budget)    # starts when its document is asked for
                doc = next(docs)
                results[n] = self._extract(article, lang, doc, budget)
        except Exception:
            log.debug("backend failure in a batch; analysing its articles one by one", exc_info=True)
            for n, article in members:
                if n not in results:
                    results[n] = self._analyze_one(backend, lang, article)

    def _analyze_one(self, backend, lang: str, article: Article) -> dict[str, Any]:
        budget = TimeBudget(self.time_budget)
        try:
            if len(article.text) > CHUNK_CHARS:
                doc = analyze_long(backend, article.text, CHUNK_CHARS,
                                   check=lambda: budget.check("the rest of the language analysis"))
            else:
                doc = backend.analyze(article.text)
        except TimeBudgetExceeded as exc:
            return error_record(article.path, str(exc))
        except Exception as exc:  # a backend failure fails its own article
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            log.debug("backend failure", exc_info=True)
            return error_record(article.path, _one_line(lang, exc))
        return self._extract(article, lang, doc, budget)

    def _extract(self, article: Article, lang: str, parsed: AnalyzedDoc,
                 budget: TimeBudget | None = None) -> dict[str, Any]:
        """Build the complete document from the backend's parse, run the extractors, assemble
        the record."""
        budget = budget or TimeBudget(self.time_budget)
        if not article.outlet and article.url and outlet_of_url(article.url):
            # a known outlet's domain (the caller's article is left as it was)
            article = dataclasses.replace(article, outlet=outlet_of_url(article.url))
        furniture = article.furniture
        if furniture is None:    # not from a reader (the API, analyze_text): marked here
            furniture = find_furniture(parsed.text, self.resources.shared("cleaning-rules",
                                                                         CleaningRules.load))
        doc = build_document(parsed, self.resources.data(lang),
                             published=article.published or self.default_published,
                             title=article.title, url=article.url, outlet=article.outlet,
                             furniture=furniture)
        parts: dict[str, Any] = {"furniture": furniture}
        for ex in self.extractors:
            try:
                budget.check(ex.name)
                parts.update(ex(doc, parts))
            except TimeBudgetExceeded as exc:
                return error_record(article.path, str(exc))
            except Exception as exc:
                if os.environ.get("NEWSGRAPH_DEBUG"):
                    raise
                log.debug("extractor failure", exc_info=True)
                return error_record(article.path, f"internal error in {ex.name}: {_one_line(lang, exc)}")
        return build_record(article, lang, doc.text, parts, published=doc.published)


class TimeBudgetExceeded(Exception):
    """An article's analysis ran past the pipeline's per-article time budget."""


class TimeBudget:
    """A per-article deadline, checked cooperatively between steps (the pieces of a long text,
    the extractors): when it has passed, the next step is not started and the article fails
    with one line. No signals or threads, so it works the same in worker processes and Ray
    actors. `seconds` None or 0: no limit."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds if seconds else None

    def check(self, step: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeBudgetExceeded(
                f"analysis stopped: it took longer than the time budget of {self.seconds:g} s per "
                f"article (before {step}; see --time-budget)")


def _one_line(lang: str, exc: Exception) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"{msg} [{lang}]"
