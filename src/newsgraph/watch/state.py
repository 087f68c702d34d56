"""What the watcher remembers, in the knowledge base (tables created by migration 0006):

watch_sources: one row per source followed, with its health (last poll, last success, the last
    error, consecutive and total errors, articles stored) and its conditional-request validators.
watch_urls: one row per article URL seen (normalised): `new` (seen in a feed), `fetched` (raw
    HTML kept, not yet analysed: a restart analyses it without fetching again), `retry` (a
    transient failure, tried again on later polls), then `stored`, `duplicate` (its canonical
    URL or text is an article stored already), `failed` or `disallowed` (robots.txt). The raw
    HTML stays (zlib-compressed), so records can be rebuilt after an upgrade without fetching.

Declared on their own MetaData: the knowledge base's own tables (kb/store.py) do not depend on
them. Every statement binds its values.
"""
from __future__ import annotations

import time
import zlib
from typing import Any, Iterable

from sqlalchemy import (Column, Float, Integer, LargeBinary, MetaData, String, Table, Text, func,
                        or_, select, update)
from sqlalchemy.engine import Engine

from ..kb.store import now_iso
from .sources import Source

metadata = MetaData()

watch_sources = Table(
    "watch_sources", metadata,
    Column("url", Text, primary_key=True),
    Column("name", Text), Column("kind", String(16), nullable=False),
    Column("language", String(8)), Column("outlet", Text),
    Column("interval", Float, nullable=False),
    Column("resolved", Text),
    Column("etag", Text), Column("last_modified", Text),
    Column("last_poll", String(32)), Column("last_success", String(32)),
    Column("next_poll", Float),
    Column("last_error", Text),
    Column("errors", Integer, nullable=False, default=0),
    Column("total_errors", Integer, nullable=False, default=0),
    Column("polls", Integer, nullable=False, default=0),
    Column("articles", Integer, nullable=False, default=0),
)

watch_urls = Table(
    "watch_urls", metadata,
    Column("url", Text, primary_key=True),
    Column("source_url", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("canonical", Text), Column("article_id", String(64)),
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("first_seen", String(32), nullable=False),
    Column("fetched_at", String(32)), Column("done_at", String(32)),
    Column("html", LargeBinary),
)

PENDING = ("new", "fetched", "retry")
DONE = ("stored", "duplicate", "failed", "disallowed")
MAX_ATTEMPTS = 3            # fetches of one URL that failed for a transient reason
MAX_BACKOFF = 86400.0       # a failing source is polled at most this far apart


def _text(value: str | None, limit: int = 2000) -> str | None:
    """Text as stored: no NUL (PostgreSQL), bounded."""
    return value.replace("\x00", "")[:limit] if isinstance(value, str) else value


class WatchState:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    def _insert_ignore(self, table: Table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table).on_conflict_do_nothing()

    # -- sources ----------------------------------------------------------------------------
    def sync_sources(self, sources: Iterable[Source]) -> None:
        """Add the sources not yet known; update the settings of known ones (health is kept)."""
        with self.engine.begin() as conn:
            for src in sources:
                values = {"name": src.name, "kind": src.kind, "language": src.language,
                          "outlet": src.outlet, "interval": src.interval}
                done = conn.execute(update(watch_sources).where(watch_sources.c.url == src.url)
                                    .values(**values)).rowcount
                if not done:
                    conn.execute(self._insert_ignore(watch_sources).values(
                        url=src.url, errors=0, total_errors=0, polls=0, articles=0, **values))

    def source(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(watch_sources).where(watch_sources.c.url == url)).first()
        return dict(row._mapping) if row else None

    def is_due(self, url: str, now: float | None = None) -> bool:
        row = self.source(url)
        return row is None or row["next_poll"] is None or row["next_poll"] <= (now or time.time())

    def next_due(self, urls: Iterable[str]) -> float | None:
        """The earliest next poll time (epoch seconds) among these sources."""
        urls = list(urls)
        with self.engine.connect() as conn:
            return conn.scalar(select(func.min(watch_sources.c.next_poll))
                               .where(watch_sources.c.url.in_(urls)))

    def poll_succeeded(self, url: str, *, etag: str | None, last_modified: str | None,
                       resolved: str | None = None) -> None:
        row = self.source(url) or {}
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url).values(
                last_poll=now_iso(), last_success=now_iso(), errors=0, last_error=None,
                polls=watch_sources.c.polls + 1, etag=_text(etag), last_modified=_text(last_modified),
                resolved=resolved if resolved is not None else row.get("resolved"),
                next_poll=time.time() + (row.get("interval") or 0)))

    def poll_failed(self, url: str, error: str) -> None:
        """A failed poll: the error is kept and the source waits longer (doubling, capped)."""
        row = self.source(url) or {}
        errors = (row.get("errors") or 0) + 1
        wait = min(MAX_BACKOFF, (row.get("interval") or 60.0) * 2 ** min(errors - 1, 10))
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url).values(
                last_poll=now_iso(), last_error=_text(error), errors=errors,
                total_errors=watch_sources.c.total_errors + 1, polls=watch_sources.c.polls + 1,
                next_poll=time.time() + wait))

    def count_article(self, source_url: str, n: int = 1) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == source_url)
                         .values(articles=watch_sources.c.articles + n))

    def forget_resolved(self, url: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.url == url)
                         .values(resolved=None, etag=None, last_modified=None))

    # -- URLs -------------------------------------------------------------------------------------
    def add_urls(self, source_url: str, urls: Iterable[str]) -> int:
        """Record URLs seen in a source; those already known (from any source) are left as they
        are. Returns how many were new."""
        urls = list(dict.fromkeys(urls))
        if not urls:
            return 0
        with self.engine.begin() as conn:
            known = set()
            for i in range(0, len(urls), 500):
                known.update(conn.scalars(select(watch_urls.c.url)
                                          .where(watch_urls.c.url.in_(urls[i:i + 500]))))
            fresh = [u for u in urls if u not in known]
            if fresh:
                conn.execute(self._insert_ignore(watch_urls), [
                    {"url": u, "source_url": source_url, "status": "new", "attempts": 0,
                     "first_seen": now_iso()} for u in fresh])
        return len(fresh)

    def pending(self, source_url: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """URLs still to do (oldest first): new, fetched (HTML kept) or to retry."""
        q = (select(watch_urls.c.url, watch_urls.c.source_url, watch_urls.c.status,
                    watch_urls.c.attempts)
             .where(watch_urls.c.status.in_(PENDING))
             .where(or_(watch_urls.c.status != "retry", watch_urls.c.attempts < MAX_ATTEMPTS)))
        if source_url is not None:
            q = q.where(watch_urls.c.source_url == source_url)
        q = q.order_by(watch_urls.c.first_seen, watch_urls.c.url)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def url(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(watch_urls).where(watch_urls.c.url == url)).first()
        return dict(row._mapping) if row else None

    def fetched(self, url: str, html: str, canonical: str | None) -> None:
        """The raw HTML of `url` (kept compressed); analysis comes next."""
        blob = zlib.compress(html.encode("utf-8", "surrogatepass"), 6)
        with self.engine.begin() as conn:
            conn.execute(update(watch_urls).where(watch_urls.c.url == url).values(
                status="fetched", html=blob, canonical=canonical, fetched_at=now_iso(),
                attempts=watch_urls.c.attempts + 1, error=None))

    def raw_html(self, url: str) -> str | None:
        with self.engine.connect() as conn:
            blob = conn.scalar(select(watch_urls.c.html).where(watch_urls.c.url == url))
        return zlib.decompress(blob).decode("utf-8", "surrogatepass") if blob else None

    def fetch_failed(self, url: str, error: str, *, retry: bool, disallowed: bool = False) -> None:
        status = "disallowed" if disallowed else "retry" if retry else "failed"
        with self.engine.begin() as conn:
            conn.execute(update(watch_urls).where(watch_urls.c.url == url).values(
                status=status, error=_text(error), attempts=watch_urls.c.attempts + 1,
                done_at=now_iso()))

    def done(self, url: str, status: str, *, article_id: str | None = None,
             error: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(watch_urls).where(watch_urls.c.url == url).values(
                status=status, article_id=article_id, error=_text(error), done_at=now_iso()))

    def article_at(self, urls: Iterable[str]) -> str | None:
        """The article stored from any of these URLs (as fetched or as their canonical link)."""
        urls = [u for u in dict.fromkeys(urls) if u]
        if not urls:
            return None
        with self.engine.connect() as conn:
            return conn.scalar(
                select(watch_urls.c.article_id)
                .where(watch_urls.c.status.in_(("stored", "duplicate")))
                .where(watch_urls.c.article_id.is_not(None))
                .where(or_(watch_urls.c.url.in_(urls), watch_urls.c.canonical.in_(urls)))
                .limit(1))

    def article_at_other(self, article_id: str | None, url: str) -> bool:
        """Whether another URL already brought this article in."""
        if not article_id:
            return False
        with self.engine.connect() as conn:
            return conn.scalar(select(watch_urls.c.url)
                               .where(watch_urls.c.article_id == article_id)
                               .where(watch_urls.c.status == "stored")
                               .where(watch_urls.c.url != url).limit(1)) is not None

    # -- rebuilding ---------------------------------------------------------------------------
    def copy_from(self, other: "WatchState") -> int:
        """Take over another knowledge base's sources and URLs, to rebuild its articles here
        from the HTML it kept (after an upgrade): every URL with kept HTML comes in as `fetched`
        (analysed again, nothing fetched), the others as they were. Returns the URLs with HTML."""
        with_html = 0
        with other.engine.connect() as src, self.engine.begin() as dst:
            for row in src.execute(select(watch_sources)):
                dst.execute(self._insert_ignore(watch_sources).values(
                    **{**row._mapping, "articles": 0}))
            batch: list[dict[str, Any]] = []
            for row in src.execution_options(yield_per=200).execute(
                    select(watch_urls).order_by(watch_urls.c.first_seen, watch_urls.c.url)):
                values = dict(row._mapping)
                if values["html"] is not None:
                    values.update(status="fetched", article_id=None, error=None, done_at=None)
                    with_html += 1
                elif values["status"] in ("stored", "duplicate", "fetched"):
                    values.update(status="new", article_id=None)     # fetched again, later
                batch.append(values)
                if len(batch) >= 200:
                    dst.execute(self._insert_ignore(watch_urls), batch)
                    batch = []
            if batch:
                dst.execute(self._insert_ignore(watch_urls), batch)
        return with_html

    def sources(self) -> list[Source]:
        """The sources recorded here, as Source objects (for a rebuild)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(watch_sources).order_by(watch_sources.c.url)).all()
        return [Source(url=r.url, language=r.language, outlet=r.outlet, interval=r.interval,
                       kind=r.kind, name=r.name) for r in rows]

    # -- reading -----------------------------------------------------------------------------------
    def health(self) -> list[dict[str, Any]]:
        """Every source with its health and URL counts by status (for `newsgraph sources` and
        /api/sources)."""
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(watch_sources).order_by(watch_sources.c.url))]
            counts: dict[str, dict[str, int]] = {}
            for src, status, n in conn.execute(
                    select(watch_urls.c.source_url, watch_urls.c.status, func.count())
                    .group_by(watch_urls.c.source_url, watch_urls.c.status)):
                counts.setdefault(src, {})[status] = n
        out = []
        for r in rows:
            by_status = counts.get(r["url"], {})
            out.append({
                "url": r["url"], "name": r["name"], "outlet": r["outlet"], "kind": r["kind"],
                "resolved": r["resolved"], "language": r["language"], "interval": r["interval"],
                "last_poll": r["last_poll"], "last_success": r["last_success"],
                "last_error": r["last_error"], "errors": r["errors"],
                "total_errors": r["total_errors"], "polls": r["polls"], "articles": r["articles"],
                "healthy": r["errors"] == 0 and r["last_success"] is not None,
                "urls": {s: by_status.get(s, 0) for s in PENDING + DONE},
            })
        return out
