"""The poll loop: due sources -> new URLs -> each fetched once -> extracted -> analysed -> stored.

    watcher = Watcher(store, sources, fetcher=Fetcher(), stop=threading.Event())
    summary = watcher.run(once=True)      # one poll of every source (cron), or run() until stop

Per source: the source document is fetched with its ETag/Last-Modified (a 304 costs nothing);
a feed gives its entries' links, a sitemap (or sitemap index, news sitemap) its locations, a
homepage the feed it advertises (remembered, so later polls go straight to the feed). A source
that fails (timeout, 5xx, redirect loop, robots.txt) has its error recorded and is polled later
with a growing pause; the other sources are not affected.

Per URL (normalised, so each is fetched once): fetched (robots.txt and the per-host rate limit
permitting), its raw HTML kept compressed, its main text extracted (the project's HTML ingest),
then deduplicated (a canonical link or a text that is stored already: the same article under two
URLs is stored once) and analysed and stored through the knowledge base's ingest, so stories
update as articles arrive. A restart resumes: stored URLs are not fetched again and fetched ones
are analysed from their kept HTML.

Stopping: `stop` (a threading.Event; SIGTERM sets it) is checked between articles, so the current
article is finished and nothing half-done is left.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

from ..ingest.article import Article, IngestError, sanitized
from ..ingest.html import parse_html
from ..kb.ingest import ingest_articles
from ..kb.store import Store
from . import discover
from .fetch import RETRY_STATUS, Disallowed, Fetcher, FetchError
from .sources import Source
from .state import WatchState
from .urls import normalize

log = logging.getLogger(__name__)

MAX_SITEMAPS = 20          # child sitemaps fetched per poll of a sitemap index
ROUND = 200                # URLs handled between two looks at the sources' schedule
STATE_EVERY = 200          # stored articles between snapshots of the story clusterer
IDLE_MAX = 60.0            # seconds the loop sleeps at most before looking again
KEEP = 1000                # failures listed in a Summary (the rest are counted)
MAX_URL = 2000             # longer URLs are left out (not worth an index entry)


@dataclass
class Summary:
    polled: int = 0
    source_errors: list[tuple[str, str]] = field(default_factory=list)    # (source, error)
    new_urls: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)           # (url, error)
    stopped: bool = False
    failures: int = 0                     # all of them; `failed` keeps the first KEEP

    def fail(self, item: tuple[str, str]) -> None:
        self.failures += 1
        if len(self.failed) < KEEP:       # a process that runs for months stays small
            self.failed.append(item)

    def source_failed(self, source: str, error: str) -> None:
        if len(self.source_errors) < KEEP:
            self.source_errors.append((source, error))

    def as_dict(self) -> dict[str, Any]:
        return {"polled": self.polled, "new_urls": self.new_urls, "fetched": self.fetched,
                "stored": self.stored, "duplicates": self.duplicates,
                "source_errors": [{"source": s, "error": e} for s, e in self.source_errors],
                "failed": [{"url": u, "error": e} for u, e in self.failed],
                "failures": self.failures,
                "stopped": self.stopped}


class Watcher:
    def __init__(self, store: Store, sources: list[Source], *, fetcher: Fetcher,
                 stop: threading.Event | None = None, pipeline=None, batch: int = 1,
                 report: Callable[[str], None] | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.state = WatchState(store.engine)
        self.sources = {s.url: s for s in sources}
        self.fetcher = fetcher
        self.stop = stop or threading.Event()
        self.pipeline = pipeline       # anything with analyze_articles(); default: in-process
        self.batch = max(1, batch)
        # errors (a source that failed, an article that failed) and progress (new URLs, stored
        # articles): one line each
        self.report = report or (lambda line: log.warning("%s", line))
        self.progress = progress or (lambda line: log.info("%s", line))
        self._unsaved = 0

    # -- the loop ---------------------------------------------------------------------------
    def run(self, *, once: bool = False) -> Summary:
        summary = Summary()
        self.state.sync_sources(self.sources.values())
        try:
            while not self.stop.is_set():
                polled = set()
                for src in self.sources.values():
                    if self.stop.is_set():
                        break
                    if once or self.state.is_due(src.url):
                        self.poll(src, summary)
                        polled.add(src.url)
                # URLs that failed for a transient reason are tried again when their source is
                # polled, not in every round
                left = self.process(summary, limit=None if once else ROUND, retry_for=polled)
                if once:
                    break
                if left:
                    continue           # a backlog: keep going, looking at the schedule between
                due = self.state.next_due(self.sources) or time.time() + IDLE_MAX
                self._save_state()
                self.stop.wait(min(IDLE_MAX, max(0.0, due - time.time())))
        finally:
            self._save_state(force=True)
        summary.stopped = self.stop.is_set()
        return summary

    def rebuild(self) -> Summary:
        """Analyse and store the pages already here (status `fetched`: their HTML kept), with
        no polling and no fetching: a knowledge base rebuilt after an upgrade
        (WatchState.copy_from)."""
        summary = Summary()
        try:
            self.process(summary, limit=None, statuses=("fetched",))
        finally:
            self._save_state(force=True)
        summary.stopped = self.stop.is_set()
        return summary

    def _save_state(self, force: bool = False) -> None:
        if self._unsaved and (force or self._unsaved >= STATE_EVERY):
            self.store.save_clusterer_state()
            self._unsaved = 0

    # -- one source -----------------------------------------------------------------------------
    def poll(self, src: Source, summary: Summary) -> int:
        """Poll one source: its new URLs are recorded (not yet fetched). Returns how many."""
        summary.polled += 1
        try:
            urls, page, resolved = self._discover(src)
        except FetchError as exc:
            self.state.poll_failed(src.url, exc.reason)
            summary.source_failed(src.label, exc.reason)
            self.report(f"{src.label}: {exc.reason}")
            return 0
        except Exception as exc:      # a source must never stop the others
            log.debug("poll of %s failed", src.url, exc_info=True)
            reason = _first_line(exc)
            self.state.poll_failed(src.url, reason)
            summary.source_failed(src.label, reason)
            self.report(f"{src.label}: {reason}")
            return 0
        new = self.state.add_urls(src.url, urls)
        self.state.poll_succeeded(src.url, etag=page.etag, last_modified=page.last_modified,
                                  resolved=resolved)
        summary.new_urls += new
        if new:
            self.progress(f"{src.label}: {new} new URL(s)")
        return new

    def _discover(self, src: Source):
        """(article URLs, the Page fetched, the feed URL a homepage led to)."""
        row = self.state.source(src.url) or {}
        target = row.get("resolved") or src.url
        try:
            page = self.fetcher.get(target, etag=row.get("etag"),
                                    last_modified=row.get("last_modified"))
        except FetchError as exc:
            if target != src.url and exc.status in (404, 410):   # the feed moved: look again
                self.state.forget_resolved(src.url)
            raise
        if page.not_modified:
            return [], page, None
        text = page.text()
        kind = src.kind if src.kind != "auto" else discover.kind_of(text, page.content_type)
        if target != src.url:
            kind = "feed"
        resolved = None
        if kind == "homepage":
            feeds = discover.homepage_feeds(text, page.url)
            if not feeds:
                raise FetchError(src.url, "no feed found on the page (give the feed or sitemap "
                                          "URL instead)")
            resolved = feeds[0]
            page = self.fetcher.get(resolved)
            text = page.text()
            kind = discover.kind_of(text, page.content_type)
        if kind == "sitemap":
            links = self._sitemap(text, page.url)
        else:
            links = discover.feed_links(text, page.url)
            if not links and not discover.feeds.is_potential_feed(text.lstrip()[:2000]):
                raise FetchError(src.url, "not a feed, sitemap or page with a feed")
        return _normalised(links), page, resolved

    def _sitemap(self, text: str, url: str) -> list[str]:
        pages, children = discover.sitemap_links(text, url)
        queue, seen = deque(children), {url}
        fetched = 0
        while queue and fetched < MAX_SITEMAPS and not self.stop.is_set():
            child = queue.popleft()
            if child in seen:
                continue
            seen.add(child)
            fetched += 1
            try:
                page = self.fetcher.get(child)
            except FetchError as exc:
                log.info("sitemap %s: %s", child, exc.reason)
                continue
            more, grandchildren = discover.sitemap_links(page.text(), page.url)
            pages += more
            queue.extend(grandchildren)
        return pages

    # -- URLs -----------------------------------------------------------------------------------
    def process(self, summary: Summary, limit: int | None = None,
                statuses: tuple[str, ...] | None = None, retry_for: set[str] | None = None) -> int:
        """Fetch, extract, analyse and store pending URLs (sources taking turns). Returns how
        many are still pending after `limit`. `statuses`: only URLs in these; `retry_for`: URLs
        to retry only from these sources."""
        pending = self.state.pending()
        if statuses is not None:
            pending = [r for r in pending if r["status"] in statuses]
        if retry_for is not None:
            pending = [r for r in pending if r["status"] != "retry" or r["source_url"] in retry_for]
        pending = _interleave(pending)
        todo = pending if limit is None else pending[:limit]
        batch: list[tuple[dict[str, Any], Article]] = []
        for row in todo:
            if self.stop.is_set():
                break
            article = self._article(row, summary)
            if article is not None:
                batch.append((row, article))
            if len(batch) >= self.batch:
                self._analyse(batch, summary)
                batch = []
        if batch and not self.stop.is_set():
            self._analyse(batch, summary)
        return max(0, len(pending) - len(todo))

    def _article(self, row: dict[str, Any], summary: Summary) -> Article | None:
        """The Article behind one pending URL (fetched now, or from its kept HTML), or None when
        it failed or is a duplicate (recorded)."""
        url = row["url"]
        src = self.sources.get(row["source_url"])
        html = self.state.raw_html(url) if row["status"] == "fetched" else None
        final = url
        if html is None:
            twin = self.state.article_at([url])   # the canonical link of a page stored already
            if twin is not None:
                self.state.done(url, "duplicate", article_id=twin)
                summary.duplicates += 1
                return None
            try:
                page = self.fetcher.get(url)
            except Disallowed as exc:
                self.state.fetch_failed(url, exc.reason, retry=False, disallowed=True)
                summary.fail((url, exc.reason))
                return None
            except FetchError as exc:
                retry = getattr(exc, "retryable", False) or exc.status in RETRY_STATUS
                self.state.fetch_failed(url, exc.reason, retry=retry)
                summary.fail((url, exc.reason))
                return None
            summary.fetched += 1
            html = page.text()
            final = _normal_or(page.url, url)
        try:
            article = sanitized(parse_html(html, path=url, url=final))
        except IngestError as exc:
            self.state.fetched(url, html, None)
            self.state.done(url, "failed", error=exc.reason)
            summary.fail((url, exc.reason))
            return None
        except Exception as exc:        # trafilatura on hostile markup
            self.state.fetched(url, html, None)
            self.state.done(url, "failed", error=f"unreadable page: {_first_line(exc)}")
            summary.fail((url, _first_line(exc)))
            return None
        canonical = _normal_or(article.url, final)
        if row["status"] != "fetched":
            self.state.fetched(url, html, canonical)
        twin = self.state.article_at([canonical, final] if final != url else [canonical])
        if twin is not None:
            self.state.done(url, "duplicate", article_id=twin)
            summary.duplicates += 1
            return None
        article.url = canonical
        if src is not None:
            article.outlet = src.outlet or article.outlet
            article.language = src.language or article.language
        return article

    def _analyse(self, batch: list[tuple[dict[str, Any], Article]], summary: Summary) -> None:
        rows = {row["url"]: row for row, _ in batch}

        def on_result(path: str, article_id: str | None, error: str | None) -> None:
            row = rows.get(path)
            if row is None:
                return
            if error is not None:
                self.state.done(path, "failed", error=error)
                summary.fail((path, error))
                self.report(f"{path}: {error}")
                return
            if self.state.article_at_other(article_id, path):
                self.state.done(path, "duplicate", article_id=article_id)
                summary.duplicates += 1
            else:
                self.state.done(path, "stored", article_id=article_id)
                self.state.count_article(row["source_url"])
                summary.stored += 1
                self.progress(f"stored {path} ({article_id})")

        if self.pipeline is None:
            from ..pipeline import Pipeline

            self.pipeline = Pipeline()     # models load once, on the first article
        report = ingest_articles(self.store, [a for _, a in batch], workers=1,
                                 pipeline=self.pipeline, record_failures=False, save_state=False,
                                 on_result=on_result)
        self._unsaved += report.stored
        self._save_state()


def _normal_or(url: str | None, fallback: str) -> str:
    try:
        return normalize(url) if url else fallback
    except ValueError:
        return fallback


def _normalised(links: list[str]) -> list[str]:
    out = []
    for link in links:
        try:
            url = normalize(link)
        except ValueError:
            continue
        if len(url) <= MAX_URL:
            out.append(url)
    return list(dict.fromkeys(out))


def _interleave(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pending URLs with the sources taking turns (one busy source does not starve the rest)."""
    by_source: dict[str, deque] = {}
    for r in rows:
        by_source.setdefault(r["source_url"], deque()).append(r)
    out = []
    queues = list(by_source.values())
    while queues:
        for q in queues:
            out.append(q.popleft())
        queues = [q for q in queues if q]
    return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
