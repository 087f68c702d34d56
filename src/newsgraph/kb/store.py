"""The knowledge base's tables and the one class that writes them.

SQLAlchemy Core 2.x, one code path for SQLite (the default: a file, full-text search through an
FTS5 table) and PostgreSQL (`postgresql://...`, full-text search through a tsvector expression
index). The schema is created and upgraded by the Alembic migrations in migrations/; `Store.open`
runs `upgrade head` before handing the store out.

Every statement binds its values as parameters; no SQL is ever built from article or user text.
Each article is stored losslessly (its full record as JSON) plus normalised rows for the queries.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import (Column, Index, Integer, LargeBinary, MetaData, PrimaryKeyConstraint,
                        String, Table, Text, bindparam, create_engine, event, func, select, text)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from .. import record as rec_mod
from ..errors import Failure
from . import actors as actors_mod

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),      # ingest order (story replay)
    Column("path", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("language", String(8)), Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),                  # the full record, JSON
    Column("features", Text, nullable=False),                # story features, JSON
    Column("story_id", Text), Column("copy_of", String(64)),
    Column("ingested_at", String(32), nullable=False),
    Column("lemmas", Text),          # base forms of title and text, for search (migration 0007)
    Column("story_evidence", Text),    # why it joined its story, JSON (migration 0008)
    Index("ix_articles_story", "story_id"), Index("ix_articles_published", "published"),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String(64), nullable=False), Column("local_id", String(32), nullable=False),
    Column("name", Text, nullable=False), Column("type", String(16)), Column("key", Text),
    Column("actor_key", Text, nullable=False), Column("language", String(8)),
    Column("aliases", Text), Column("titles", Text), Column("mentions", Integer),
    PrimaryKeyConstraint("article_id", "local_id"),
    Index("ix_entities_actor", "actor_key"),
)

actors = Table(
    "actors", metadata,
    Column("key", Text, primary_key=True),
    Column("name", Text, nullable=False), Column("type", String(16)),
    Column("article_count", Integer, nullable=False),
    Index("ix_actors_count", "article_count"),
)

actor_names = Table(
    "actor_names", metadata,
    Column("actor_key", Text, nullable=False), Column("language", String(8), nullable=False),
    Column("name", Text, nullable=False), Column("type", String(16), nullable=False),
    Column("name_norm", Text, nullable=False), Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("actor_key", "language", "name", "type"),
    Index("ix_actor_names_norm", "name_norm"),
)

relations = Table(
    "relations", metadata,
    Column("article_id", String(64), nullable=False), Column("n", Integer, nullable=False),
    Column("subject_key", Text), Column("predicate", Text, nullable=False),
    Column("object_key", Text), Column("evidence", Text),
    PrimaryKeyConstraint("article_id", "n"),
    Index("ix_relations_subject", "subject_key"), Index("ix_relations_object", "object_key"),
)

claims = Table(
    "claims", metadata,
    Column("article_id", String(64), nullable=False), Column("claim_id", String(32), nullable=False),
    Column("source_key", Text), Column("source_text", Text), Column("source_kind", String(16)),
    Column("status", String(16)), Column("content", Text), Column("cue", Text),
    Column("hedges", Text),
    PrimaryKeyConstraint("article_id", "claim_id"),
    Index("ix_claims_source", "source_key"),
)

claim_targets = Table(
    "claim_targets", metadata,
    Column("article_id", String(64), nullable=False), Column("claim_id", String(32), nullable=False),
    Column("actor_key", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "claim_id", "actor_key"),
    Index("ix_claim_targets_actor", "actor_key"),
)

events = Table(
    "events", metadata,
    Column("article_id", String(64), nullable=False), Column("event_id", String(32), nullable=False),
    Column("type", Text), Column("trigger", Text), Column("date", String(32)),
    Column("modality", String(16)), Column("place_key", Text),
    PrimaryKeyConstraint("article_id", "event_id"),
    Index("ix_events_date", "date"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("article_id", String(64), nullable=False), Column("event_id", String(32), nullable=False),
    Column("actor_key", Text, nullable=False), Column("role", String(16), nullable=False),
    PrimaryKeyConstraint("article_id", "event_id", "actor_key", "role"),
    Index("ix_event_actors_actor", "actor_key"),
)

stories = Table(
    "stories", metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text), Column("first_date", String(10)), Column("last_date", String(10)),
    Column("size", Integer, nullable=False), Column("first_seq", Integer, nullable=False),
    Index("ix_stories_size", "size"),
)

failures = Table(
    "failures", metadata,
    Column("path", Text, primary_key=True),
    Column("error", Text, nullable=False),
    Column("failed_at", String(32), nullable=False),
    Column("attempts", Integer, nullable=False),
)

# A snapshot of the story clusterer (StoryClusterer.to_state as zlib-compressed JSON) covering the
# articles up to `seq`: a cache, rebuilt from the articles when absent or stale, so it is not one
# of the TABLES that exports and comparisons read.
clusterer_state = Table(
    "clusterer_state", metadata,
    Column("name", String(32), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("params", Text, nullable=False),
    Column("state", LargeBinary, nullable=False),
    Column("saved_at", String(32), nullable=False),
)

# Facts about the knowledge base as a whole (migration 0005): `generation` is raised by every
# recluster, so writers that were running then rebuild their clusterer (Store._catch_up).
kb_meta = Table(
    "kb_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: tables in a stable order (exports, comparisons)
TABLES = (articles, entities, actors, actor_names, relations, claims, claim_targets, events,
          event_actors, stories, failures)

DEFAULT_DB = "newsgraph.db"
# How long a writer waits for the database's writer lock (another ingest's batch, a recluster)
# before it gives up with LockTimeout; env NEWSGRAPH_LOCK_TIMEOUT or Store.open(lock_timeout=).
DEFAULT_LOCK_TIMEOUT = 600.0
WRITE_LOCK_KEY = 0x6E657773677261   # PostgreSQL advisory lock of newsgraph writers ("newsgra")


class LockTimeout(Failure):
    """Another writer held the database's writer lock for longer than the lock timeout. The
    message is one line for the user: who holds the lock, when known, and what to do."""


def lock_timeout_default() -> float:
    value = os.environ.get("NEWSGRAPH_LOCK_TIMEOUT")
    try:
        return float(value) if value else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        raise ValueError(f"NEWSGRAPH_LOCK_TIMEOUT must be a number of seconds, not {value!r}") \
            from None


def resolve_url(db: str | os.PathLike | None) -> str:
    """A database URL from --db: a URL as is, else a SQLite file path (default newsgraph.db,
    or env NEWSGRAPH_DB)."""
    db = str(db) if db else os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB
    if "://" in db:
        for prefix in ("postgres://", "postgresql://"):
            if db.startswith(prefix):      # the pinned driver is psycopg2
                db = "postgresql+psycopg2://" + db[len(prefix):]
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _sqlite_pragmas(dbapi_conn, _record, *, timeout: float = 600.0) -> None:
    cur = dbapi_conn.cursor()
    _sqlite_wal(cur, timeout)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_wal(cur, timeout: float) -> None:
    """Switch the database to WAL (a persistent setting). The switch needs the database to
    itself and SQLite does not wait for it (its busy timeout does not apply): several processes
    opening a new database at once retry here, up to `timeout` seconds, until one has switched."""
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            left = deadline - time.monotonic()
            if "locked" not in str(exc) or left <= 0:
                raise
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.1)


def _clean(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; the lossless copy is the JSON record (NUL escaped there)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class Store:
    def __init__(self, engine: Engine, threshold: float | None = None,
                 lock_timeout: float | None = None, resources=None) -> None:
        from ..resources import Resources

        self.engine = engine
        # models and data this process holds (search base forms, cross-lingual keys); a caller
        # that also analyses passes its pipeline's Resources so both share one copy
        self.resources = resources if resources is not None else Resources()
        self.dialect = engine.dialect.name
        self.threshold = threshold
        self.lock_timeout = lock_timeout_default() if lock_timeout is None else lock_timeout
        self._clusterer = None
        self._clusterer_seq = 0    # the last ingest seq the in-memory clusterer has seen
        self._clusterer_generation = 0   # kb_meta's generation when the clusterer was built
        self.stale_features = 0    # articles whose stored story features predate this version
        # one writer at a time per Store: the story clusterer and the ingest order (seq) are
        # shared state (a web server stores from its request threads)
        self._write_lock = threading.Lock()

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, db: str | os.PathLike | None = None, *, migrate: bool = True,
             threshold: float | None = None, lock_timeout: float | None = None,
             resources=None) -> "Store":
        """The knowledge base at `db`, migrated to this version's schema. `lock_timeout`:
        seconds a write waits for another writer's lock before LockTimeout. `resources`: the
        process's Resources (a new one when not given)."""
        url = resolve_url(db)
        lock_timeout = lock_timeout_default() if lock_timeout is None else lock_timeout
        if url.startswith("sqlite"):
            # another process may hold the write lock for a whole batch (or a recluster)
            engine = create_engine(url, connect_args={"timeout": lock_timeout})
            event.listen(engine, "connect",
                         functools.partial(_sqlite_pragmas, timeout=lock_timeout))
        else:
            # the application name shows in pg_stat_activity: who holds the writer lock
            engine = create_engine(url, pool_pre_ping=True, connect_args={
                "application_name": f"newsgraph (pid {os.getpid()})"})
        store = cls(engine, threshold, lock_timeout, resources)
        if migrate:
            store.upgrade()
        return store

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
        with self.engine.begin() as conn:
            # two processes opening a new database at once: one migrates, the other waits and
            # then finds it done (SQLite runs DDL outside a transaction unless one is begun)
            if self.dialect == "sqlite":
                with self._sqlite_busy():
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                self._lock_writes(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- per-process analysers (loaded on first use, once per Resources) -----------------------
    @property
    def lemmatiser(self):
        """Base forms for search (kb/lemmas.py)."""
        from .lemmas import Lemmatiser

        return self.resources.shared("search-lemmatiser", Lemmatiser)

    @property
    def key_maker(self):
        """Cross-lingual actor keys (extract/keys.py), the pipeline's own when they share
        Resources."""
        from ..extract.keys import KeyMaker

        return self.resources.shared("cross-lingual-keys", KeyMaker)

    # -- reading helpers ------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return self._known_ids(conn, ids)

    @staticmethod
    def _known_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found.update(conn.scalars(select(articles.c.id).where(articles.c.id.in_(chunk))))
        return found

    def has_article(self, article_id: str) -> bool:
        return bool(self.known_ids([article_id]))

    def _replay_rows(self, after_seq: int, conn: Connection | None = None
                     ) -> Iterator[tuple[str, int, dict[str, Any]]]:
        """(article_id, seq, features) after `after_seq` in ingest order (on `conn` when given:
        inside a write transaction)."""
        if conn is None:
            with self.engine.connect() as own:
                yield from self._replay_rows(after_seq, own)
            return
        rows = conn.execute(select(articles.c.id, articles.c.seq, articles.c.features)
                            .where(articles.c.seq > after_seq).order_by(articles.c.seq))
        for aid, seq, feats in rows:
            yield aid, seq, json.loads(feats)

    def _lock_writes(self, conn: Connection) -> None:
        """Take the database's writer lock for this transaction, across processes: two ingests,
        or an ingest and a web server, on one database write one at a time (PostgreSQL: an
        advisory transaction lock; SQLite: a write statement takes the database's write lock).
        Waits at most `lock_timeout` seconds, then raises LockTimeout."""
        if self.dialect == "postgresql":
            deadline = time.monotonic() + self.lock_timeout
            pause = 0.01
            while not conn.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"),
                                  {"key": WRITE_LOCK_KEY}):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LockTimeout(self._lock_holder_message(conn))
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.25)
            return
        with self._sqlite_busy():
            conn.execute(text("UPDATE clusterer_state SET seq = seq WHERE 1 = 0"))

    @contextlib.contextmanager
    def _sqlite_busy(self) -> Iterator[None]:
        """SQLite's 'database is locked' after its busy timeout (= lock_timeout) as LockTimeout."""
        try:
            yield
        except OperationalError as exc:
            if "locked" not in str(exc.orig):
                raise
            raise LockTimeout(
                f"the knowledge base is busy: another newsgraph process has been writing to it "
                f"for longer than the {self.lock_timeout:g} s lock timeout (a large ingest batch "
                f"or a recluster); try again later, or wait longer with --lock-timeout") from None

    def _lock_holder_message(self, conn: Connection) -> str:
        """Who holds the PostgreSQL writer lock, for the LockTimeout message."""
        row = conn.execute(text(
            "SELECT a.pid, a.state, a.application_name, "
            "       extract(epoch FROM now() - coalesce(a.xact_start, a.state_change)) "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted "
            "  AND l.classid = :hi AND l.objid = :lo AND l.objsubid = 1"),
            {"hi": WRITE_LOCK_KEY >> 32, "lo": WRITE_LOCK_KEY & 0xFFFFFFFF}).first()
        who = "another writer"
        if row is not None:
            pid, state, app, age = row
            who = (f"another writer ({app or 'a client'}, server pid {pid}, "
                   f"{state or 'busy'} for {float(age or 0):.0f} s)")
        hint = (f"; if that process is gone, end its session with SELECT pg_terminate_backend({row[0]})"
                if row is not None else "")
        return (f"the knowledge base is busy: {who} has held newsgraph's writer lock for longer "
                f"than the {self.lock_timeout:g} s lock timeout{hint}")

    def _generation(self, conn: Connection) -> int:
        """The story generation: raised by every recluster (kb_meta)."""
        value = conn.scalar(select(kb_meta.c.value).where(kb_meta.c.key == "generation"))
        return int(value or 0)

    def _catch_up(self, conn: Connection):
        """The clusterer, having seen the articles other processes stored since it last looked
        (under the writer lock, so nothing is stored meanwhile). After a recluster by another
        process (a new generation) the clusterer is built again from what it left."""
        if self._clusterer is not None and self._generation(conn) != self._clusterer_generation:
            self._clusterer = None
        clusterer = self.clusterer()
        for aid, seq, feats in self._replay_rows(self._clusterer_seq, conn):
            clusterer.add(aid, feats)
            self._clusterer_seq = seq
        return clusterer

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(articles)) or 0

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.path)).mappings()
            return [dict(r) for r in rows]

    def dump(self) -> dict[str, list[tuple]]:
        """Every table's rows, sorted: for comparing two databases."""
        out: dict[str, list[tuple]] = {}
        with self.engine.connect() as conn:
            for table in TABLES:
                rows = [tuple(r) for r in conn.execute(select(table))]
                out[table.name] = sorted(rows, key=repr)
        return out

    # -- writing ----------------------------------------------------------------------------------
    def record_failure(self, path: str | None, error: str) -> None:
        path = path or "<stdin>"
        with self.engine.begin() as conn:
            attempts = conn.scalar(select(failures.c.attempts).where(failures.c.path == path))
            if attempts is None:
                conn.execute(failures.insert().values(path=path, error=_clean(error),
                                                      failed_at=now_iso(), attempts=1))
            else:
                conn.execute(failures.update().where(failures.c.path == path).values(
                    error=_clean(error), failed_at=now_iso(), attempts=attempts + 1))

    def clear_failure(self, path: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(failures.delete().where(failures.c.path == (path or "<stdin>")))

    def clusterer(self):
        """This store's StoryClusterer, built once per Store: from the saved snapshot when there
        is a valid one (same settings, and the articles it covers are exactly those stored up to
        its `seq`), then by replaying the features of the articles stored after it in ingest
        order. Clustering is deterministic, so this ends in the state the last writer left."""
        if self._clusterer is None:
            from .stories import StoryClusterer

            from .stories import FEATURES_VERSION

            with self.engine.connect() as conn:
                # read first: a recluster after this is noticed under the lock (_catch_up)
                generation = self._generation(conn)
            clusterer, after = self._load_clusterer_state()
            if clusterer is None:
                clusterer = StoryClusterer(self.threshold)
            stale = 0
            for aid, seq, feats in self._replay_rows(after):
                stale += feats.get("v") != FEATURES_VERSION
                clusterer.add(aid, feats)
                after = seq
            self.stale_features = stale
            self._clusterer, self._clusterer_seq = clusterer, after
            self._clusterer_generation = generation
        return self._clusterer

    def recluster(self, on_progress=None) -> dict[str, int]:
        """Group every stored article into stories again, from its stored record, with this
        version's story features and settings (after an upgrade):
        the articles' features, story and wire-copy columns and the stories table are rewritten
        in one transaction, and a fresh clusterer snapshot is saved. The story generation is
        raised in the same transaction, so writers running meanwhile rebuild their clusterers
        before they store again. Returns counts."""
        from .stories import StoryClusterer, named_evidence, story_features

        with self._write_lock, self.engine.begin() as conn:
            self._lock_writes(conn)
            generation = self._generation(conn) + 1
            conn.execute(kb_meta.update().where(kb_meta.c.key == "generation")
                         .values(value=str(generation)))
            conn.execute(clusterer_state.delete())    # the old grouping's snapshot
            clusterer = StoryClusterer(self.threshold)
            story_rows: dict[str, dict[str, Any]] = {}
            done = moved = last = 0
            stmt = articles.update().where(articles.c.id == bindparam("aid")).values(
                features=bindparam("new_features"), story_id=bindparam("new_story"),
                copy_of=bindparam("new_copy"), story_evidence=bindparam("new_evidence"))
            while True:   # in chunks of ingest order: memory stays flat on a large database
                chunk = conn.execute(select(articles.c.id, articles.c.seq, articles.c.record,
                                            articles.c.story_id).where(articles.c.seq > last)
                                     .order_by(articles.c.seq).limit(500)).all()
                if not chunk:
                    break
                updates = []
                for aid, seq, record_json, old_story in chunk:
                    rec = rec_mod.loads(record_json)
                    features = story_features(rec)
                    story_id, copy_of, evidence = clusterer.assign(aid, features)
                    moved += story_id != old_story
                    updates.append({"aid": aid, "new_story": story_id, "new_copy": copy_of,
                                    "new_evidence": _evidence_json(named_evidence(evidence, rec)),
                                    "new_features": json.dumps(features, ensure_ascii=False,
                                                           sort_keys=True)})
                    story_rows[story_id] = _story_row(story_rows.get(story_id), story_id, rec, seq)
                    last = seq
                conn.execute(stmt, updates)
                done += len(chunk)
                if on_progress:
                    on_progress(len(chunk))
            conn.execute(stories.delete())
            rows = list(story_rows.values())
            for i in range(0, len(rows), 1000):
                conn.execute(stories.insert(), rows[i:i + 1000])
            self._clusterer, self._clusterer_seq = clusterer, last
            self._clusterer_generation = generation
            self.stale_features = 0
        self.save_clusterer_state()
        return {"articles": done, "stories": len(story_rows), "moved": moved}

    def _load_clusterer_state(self) -> tuple[Any, int]:
        """(clusterer, the seq it covers) from a valid snapshot, else (None, 0)."""
        import zlib

        from .stories import StoryClusterer

        with self.engine.connect() as conn:
            row = conn.execute(select(clusterer_state).where(clusterer_state.c.name == "stories")) \
                .mappings().first()
            if row is None:
                return None, 0
            covered = conn.scalar(select(func.count()).select_from(articles)
                                  .where(articles.c.seq <= row["seq"]))
        if covered != row["articles"] or json.loads(row["params"]) != StoryClusterer(self.threshold).params():
            return None, 0   # articles were removed, or other settings: replay everything
        try:
            state = json.loads(zlib.decompress(row["state"]))
            clusterer = StoryClusterer.from_state(state)
        except (ValueError, KeyError, TypeError, zlib.error):
            return None, 0   # an unreadable snapshot is only a lost cache
        if len(clusterer.seen) != row["articles"]:
            return None, 0
        return clusterer, row["seq"]

    def save_clusterer_state(self) -> bool:
        """Save the clusterer's state, when it covers exactly the stored articles, so that the
        next process continues from it instead of replaying every article. False if not saved."""
        import zlib

        clusterer = self._clusterer
        if clusterer is None:
            return False
        with self._write_lock, self.engine.begin() as conn:
            self._lock_writes(conn)
            seq = conn.scalar(select(func.max(articles.c.seq))) or 0
            count = conn.scalar(select(func.count()).select_from(articles)) or 0
            if (count != len(clusterer.seen) or seq != self._clusterer_seq
                    or self._generation(conn) != self._clusterer_generation):
                return False   # other articles, or a recluster since: not this state to keep
            blob = zlib.compress(json.dumps(clusterer.to_state(), ensure_ascii=False,
                                            separators=(",", ":")).encode("utf-8"), 1)
            conn.execute(clusterer_state.delete().where(clusterer_state.c.name == "stories"))
            conn.execute(clusterer_state.insert().values(
                name="stories", seq=seq, articles=count, params=json.dumps(clusterer.params()),
                state=blob, saved_at=now_iso()))
        return True

    def add_record(self, record: dict[str, Any], ingested_at: str | None = None,
                   record_json: str | None = None) -> bool:
        """Store one record from the pipeline (any engine): story features, story and wire copy
        from the clusterer, then the rows. An error record goes to the failures table. Returns
        True when a new article was stored. `record_json`: the record already serialised
        (record.dumps) by a caller that also sends it elsewhere, stored as it is."""
        return self.add_records([record], ingested_at=ingested_at,
                                record_json=None if record_json is None else [record_json])[0]

    def add_records(self, records: list[dict[str, Any]], ingested_at: str | None = None,
                    record_json: list[str | None] | None = None) -> list[bool]:
        """add_record for a small batch in one transaction (all stored, or none and the
        clusterer is rebuilt from the database next time). One writer at a time: threads of this
        Store through its lock, other Stores and processes through the database's writer lock,
        after which the clusterer first catches up with what they stored. `record_json`, when
        given, holds each record's record.dumps text (None: serialised here)."""
        results = [False] * len(records)
        for n, rec in enumerate(records):
            if "error" in rec:
                self.record_failure(rec.get("path"), rec["error"])
        fresh = [(n, r) for n, r in enumerate(records) if "error" not in r]
        if not fresh:
            return results
        with self._write_lock:
            self._store_fresh(fresh, results, ingested_at, record_json)
        return results

    def _store_fresh(self, fresh: list[tuple[int, dict[str, Any]]], results: list[bool],
                     ingested_at: str | None, record_json: list[str | None] | None = None) -> None:
        from .lemmas import article_lemmas
        from .stories import named_evidence, story_features

        self.clusterer()                      # built (or replayed) before taking the lock
        # base forms for search, before taking the lock (the slow part of storing); not for
        # articles already stored (a re-ingest), which the locked check below skips anyway
        stored = self.known_ids(rec["id"] for _, rec in fresh)
        lemmas = {n: article_lemmas(rec, self.lemmatiser) for n, rec in fresh if rec["id"] not in stored}
        try:
            with self.engine.begin() as conn:
                self._lock_writes(conn)
                clusterer = self._catch_up(conn)  # what other processes stored meanwhile
                known = self._known_ids(conn, [r["id"] for _, r in fresh])
                seq = conn.scalar(select(func.max(articles.c.seq))) or 0
                for n, rec in fresh:
                    if rec["id"] in known:
                        continue
                    known.add(rec["id"])
                    features = story_features(rec)
                    story_id, copy_of, evidence = clusterer.assign(rec["id"], features)
                    seq += 1
                    self._insert_article(conn, rec, features, story_id, copy_of, seq,
                                         ingested_at or now_iso(), lemmas[n],
                                         named_evidence(evidence, rec),
                                         record_json[n] if record_json else None)
                    if story_id:
                        self._update_story(conn, story_id, rec, seq)
                    results[n] = True
            self._clusterer_seq = seq
        except BaseException:
            self._clusterer = None            # it saw articles that were not stored
            raise

    # -- internals ----------------------------------------------------------------------------------
    def _insert(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(table.insert(), [{k: _clean(v) for k, v in r.items()} for r in rows])

    def _upsert_add(self, conn: Connection, table: Table, rows: list[dict[str, Any]],
                    keys: list[str], counter: str) -> None:
        """INSERT ... ON CONFLICT (keys) DO UPDATE SET counter = counter + excluded.counter."""
        if not rows:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        stmt = insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={counter: table.c[counter] + stmt.excluded[counter]})
        conn.execute(stmt, [{k: _clean(v) for k, v in r.items()} for r in rows])

    def _insert_article(self, conn: Connection, rec: dict[str, Any], features: dict[str, Any],
                        story_id: str | None, copy_of: str | None, seq: int, ingested_at: str,
                        lemmas: str = "", evidence: dict[str, Any] | None = None,
                        record_json: str | None = None) -> None:
        aid, lang = rec["id"], rec.get("language")
        text_ = rec.get("text") or ""
        conn.execute(articles.insert().values(
            id=aid, seq=seq, path=_clean(rec.get("path")), url=_clean(rec.get("url")),
            outlet=_clean(rec.get("outlet")), title=_clean(rec.get("title")), language=lang,
            published=rec.get("published"), text=_clean(text_),
            record=record_json if record_json is not None else rec_mod.dumps(rec),
            features=json.dumps(features, ensure_ascii=False, sort_keys=True),
            story_id=story_id, copy_of=copy_of, ingested_at=ingested_at,
            lemmas=_clean(lemmas), story_evidence=_evidence_json(evidence)))
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO articles_fts (article_id, title, body, lemmas) "
                              "VALUES (:id, :title, :body, :lemmas)"),
                         {"id": aid, "title": rec.get("title") or "", "body": text_,
                          "lemmas": lemmas})

        keyed = actors_mod.assign(rec)          # local entity id -> actor key
        ents = rec.get("entities") or []
        self._insert(conn, entities, [{
            "article_id": aid, "local_id": e["id"], "name": e.get("name") or "",
            "type": e.get("type"), "key": e.get("key"), "actor_key": keyed[e["id"]],
            "language": lang, "aliases": json.dumps(e.get("aliases") or [], ensure_ascii=False),
            "titles": json.dumps(e.get("titles") or [], ensure_ascii=False),
            "mentions": len(e.get("mentions") or [])} for e in ents if e.get("id") in keyed])

        names = Counter()
        for e in ents:
            if e.get("id") in keyed:
                for name in actors_mod.surface_names(e):
                    # counted as stored: two names that differ by a NUL are one row
                    names[(keyed[e["id"]], lang or "", _clean(name), e.get("type") or "MISC")] += 1
        self._upsert_add(conn, actor_names, [
            {"actor_key": k, "language": lg, "name": n, "type": t, "n": c,
             "name_norm": actors_mod.normalise(n)}
            for (k, lg, n, t), c in sorted(names.items())],
            ["actor_key", "language", "name", "type"], "n")
        self._refresh_actors(conn, sorted(set(keyed.values())))

        self._insert(conn, relations, [{
            "article_id": aid, "n": n, "subject_key": keyed.get(r.get("subject")),
            "predicate": r.get("predicate") or "", "object_key": keyed.get(r.get("object")),
            "evidence": _span(text_, r.get("evidence"))}
            for n, r in enumerate(rec.get("relations") or [])])

        claim_rows, target_rows = [], set()
        mentions = actors_mod.MentionIndex(rec, keyed)
        for c in rec.get("claims") or []:
            src = c.get("source") or {}
            content = c.get("content") or {}
            claim_rows.append({
                "article_id": aid, "claim_id": c.get("id"),
                "source_key": keyed.get(src.get("entity")), "source_text": src.get("text"),
                "source_kind": src.get("kind"), "status": c.get("status"),
                "content": content.get("text"), "cue": (c.get("cue") or {}).get("text"),
                "hedges": json.dumps(c.get("hedges") or [], ensure_ascii=False)})
            for key in mentions.within(content.get("start"), content.get("end")):
                target_rows.add((aid, c.get("id"), key))
        self._insert(conn, claims, claim_rows)
        self._insert(conn, claim_targets, [{"article_id": a, "claim_id": c, "actor_key": k}
                                           for a, c, k in sorted(target_rows)])

        times = rec.get("times") or []
        ev_rows, ev_actor_rows = [], set()
        for ev in rec.get("events") or []:
            t = ev.get("time")
            date = times[t].get("value") if isinstance(t, int) and 0 <= t < len(times) else None
            ev_rows.append({
                "article_id": aid, "event_id": ev.get("id"), "type": ev.get("type"),
                "trigger": (ev.get("trigger") or {}).get("text"), "date": date,
                "modality": ev.get("modality"), "place_key": keyed.get(ev.get("place"))})
            for role, ids in (("agent", ev.get("agents") or []), ("patient", ev.get("patients") or [])):
                for local in ids:
                    if local in keyed:
                        ev_actor_rows.add((ev.get("id"), keyed[local], role))
        self._insert(conn, events, ev_rows)
        self._insert(conn, event_actors, [{"article_id": aid, "event_id": e, "actor_key": k,
                                           "role": r} for e, k, r in sorted(ev_actor_rows)])

    def _refresh_actors(self, conn: Connection, keys: list[str]) -> None:
        """Count one more article for each actor key and re-pick its name and type."""
        if not keys:
            return
        rows: dict[str, list] = {k: [] for k in keys}
        for r in conn.execute(select(actor_names.c.actor_key, actor_names.c.language,
                                     actor_names.c.name, actor_names.c.type, actor_names.c.n)
                              .where(actor_names.c.actor_key.in_(keys))):
            rows[r.actor_key].append((r.language, r.name, r.type, r.n))
        counts = dict(conn.execute(select(actors.c.key, actors.c.article_count)
                                   .where(actors.c.key.in_(keys))).all())
        new, old = [], []
        for key in keys:
            name, type_ = actors_mod.canonical(rows[key])
            if key in counts:
                old.append({"k": key, "name": name, "type": type_, "article_count": counts[key] + 1})
            else:
                new.append({"key": key, "name": name, "type": type_, "article_count": 1})
        self._insert(conn, actors, new)
        if old:
            conn.execute(actors.update().where(actors.c.key == bindparam("k"))
                         .values(name=bindparam("name"), type=bindparam("type"),
                                 article_count=bindparam("article_count")), old)

    def _update_story(self, conn: Connection, story_id: str, rec: dict[str, Any], seq: int) -> None:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
        new = _story_row(dict(row) if row else None, story_id, rec, seq)
        if row is None:
            conn.execute(stories.insert().values(**new))
        else:
            conn.execute(stories.update().where(stories.c.id == story_id).values(
                {k: v for k, v in new.items() if k != "id"}))


def _story_row(row: dict[str, Any] | None, story_id: str, rec: dict[str, Any], seq: int) -> dict[str, Any]:
    """A stories-table row with one more article (a new row for the story's first)."""
    pub = rec.get("published")
    if row is None:
        return {"id": story_id, "title": _clean(rec.get("title")), "first_date": pub,
                "last_date": pub, "size": 1, "first_seq": seq}
    dates = [d for d in (row["first_date"], row["last_date"], pub) if d]
    return dict(row, size=row["size"] + 1, title=row["title"] or _clean(rec.get("title")),
                first_date=min(dates) if dates else None, last_date=max(dates) if dates else None)


def _evidence_json(evidence: dict[str, Any] | None) -> str | None:
    """A join's evidence as stored: JSON (a NUL in a name is escaped by json.dumps)."""
    if not evidence:
        return None
    return json.dumps(evidence, ensure_ascii=False, sort_keys=True)


def _span(text_: str, span: dict[str, Any] | None) -> str | None:
    if not span or not isinstance(span.get("start"), int) or not isinstance(span.get("end"), int):
        return None
    return text_[span["start"]:span["end"]]
