"""Knowledge-base benchmark: ingest throughput and query latency.

    python benchmarks/kb.py [--articles 10000] [--ingest 60] [--pg URL] [--skip-ingest]

1. Ingest (the `newsgraph ingest` path: Reader -> run_local -> clustering -> store) of real
   articles (the news-cluster dataset, unpacked to a temporary folder, plus samples/), into a
   fresh SQLite file, with 1 worker and with all cores; articles/s.
2. A database of >= --articles articles: the real records, analysed once, replicated with new ids
   and text variants (a sentence appended, outlet and date changed), stored through
   Store.add_records (features, stories, rows); articles/s for the store alone. With --pg (or env
   NEWSGRAPH_TEST_PG) the same on PostgreSQL for --pg-store articles, after which the SQLite
   database's rows are copied there for the query figures. --keep DB keeps (and reuses) the
   SQLite database.
3. Query latency on that database (median and worst of several runs): top actors, actor lookup
   and profile, full-text search, the story list, one story. Target: < 100 ms each.
"""
from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import tarfile
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.record import article_id  # noqa: E402


def corpus_folder(tmp: Path) -> list[str]:
    archive = ROOT.parent / "shared" / "datasets" / "news-cluster.tar.gz"
    paths = [str(ROOT / "samples")]
    if archive.is_file():
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        paths.insert(0, str(tmp / "news-cluster"))
    else:
        print(f"note: {archive} absent; using samples/ only", file=sys.stderr)
    return paths


def limited_inputs(paths: list[str], limit: int | None) -> list[str]:
    from newsgraph.ingest import Reader

    files = [p for p in Reader().expand(paths) if isinstance(p, str)]
    return files[:limit] if limit else files


def bench_ingest(inputs: list[str], workers: int, tmp: Path) -> tuple[float, int]:
    from newsgraph.kb.ingest import ingest
    from newsgraph.kb.store import Store

    db = tmp / f"ingest-{workers}.db"
    with Store.open(str(db)) as store:
        t0 = time.perf_counter()
        report = ingest(store, inputs, workers=workers)
        dt = time.perf_counter() - t0
    return report.stored / dt if dt else 0.0, report.stored


def base_records(inputs: list[str]) -> list[dict]:
    from newsgraph.engines.local import default_workers, run_local
    from newsgraph.ingest import Reader

    items = list(Reader().read(inputs))
    return [r for r in run_local(items, workers=default_workers(len(items))) if "error" not in r]


def variant(rec: dict, n: int) -> dict:
    """A new article from a real record: one sentence appended (offsets stay valid), a new id,
    another outlet and date."""
    r = copy.deepcopy(rec)
    r["text"] = rec["text"] + f"\n\nThis version was filed as update {n} of the report."
    r["id"] = article_id(r["text"])
    r["outlet"] = f"outlet{n % 37}.example"
    r["path"] = None
    r["url"] = f"https://outlet{n % 37}.example/news/{n}"
    base = date.fromisoformat(rec["published"]) if rec.get("published") else date(2025, 1, 1)
    r["published"] = (base + timedelta(days=n % 90)).isoformat()
    return r


def build_db(url: str, records: list[dict], target: int) -> tuple[float, int]:
    from newsgraph.kb.store import Store

    with Store.open(url) as store:
        n = store.article_count()
        t0 = time.perf_counter()
        stored, i, shown = 0, 0, 0
        while n + stored < target:
            batch = []
            for _ in range(min(50, target - n - stored)):
                batch.append(records[i] if i < len(records) else variant(records[i % len(records)], i))
                i += 1
            stored += sum(store.add_records(batch))
            if (n + stored) // 1000 > shown:
                shown = (n + stored) // 1000
                print(f"  ... {n + stored} articles, {time.perf_counter() - t0:.0f} s",
                      file=sys.stderr, flush=True)
        dt = time.perf_counter() - t0
    return (stored / dt if dt and stored else 0.0), n + stored


def timed(fn, repeat: int = 7) -> tuple[float, float]:
    fn()                                  # warm caches
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), max(runs)


def bench_queries(url: str) -> dict[str, tuple[float, float]]:
    from newsgraph.kb import queries
    from newsgraph.kb.store import Store

    out = {}
    with Store.open(url) as store:
        top = queries.top_actors(store, limit=20)
        person = next((a for a in top if a["type"] == "PERSON"), top[0])
        out["actors (top 20)"] = timed(lambda: queries.top_actors(store, limit=20))
        out[f"actor lookup ({person['name']})"] = timed(lambda: queries.find_actor(store, person["name"]))
        out[f"actor profile ({person['name']}, {person['articles']} articles)"] = timed(
            lambda: queries.actor_profile(store, person["key"], limit=50))
        out["search 'police said'"] = timed(lambda: queries.search(store, "police said", limit=20))
        out["search 'Izmail grain terminal'"] = timed(
            lambda: queries.search(store, "Izmail grain terminal", limit=20))
        out["stories (top 50)"] = timed(lambda: queries.list_stories(store, limit=50))
        out["stories (all)"] = timed(lambda: queries.list_stories(store), repeat=3)
        listed = queries.list_stories(store)
        typical = sorted(listed, key=lambda s: len(s["articles"]))[len(listed) // 2]
        out[f"story (median size: {len(typical['articles'])} articles, with ledger)"] = timed(
            lambda: queries.story(store, typical["id"]), repeat=3)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--ingest", type=int, default=60, help="articles for the ingest throughput run")
    ap.add_argument("--pg", default=os.environ.get("NEWSGRAPH_TEST_PG"),
                    help="PostgreSQL URL for the PostgreSQL figures (the database is emptied!)")
    ap.add_argument("--pg-store", type=int, default=500,
                    help="articles stored one by one into PostgreSQL for its store throughput; "
                         "the query database there is then copied from the SQLite one")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--keep", metavar="DB", help="keep the SQLite database at this path")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ng-kb-bench-"))
    inputs = corpus_folder(tmp / "corpus")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"newsgraph kb benchmark: {cores} cores, inputs {', '.join(inputs)}")
    if not args.skip_ingest:
        sample = limited_inputs(inputs, args.ingest)
        for workers in sorted({1, cores}):
            rate, n = bench_ingest(sample, workers, tmp)
            print(f"ingest (analyse + store), {workers} worker(s): {rate:.2f} articles/s ({n} articles)")

    sqlite_db = args.keep or str(tmp / "big.db")
    records = stored_base_records(sqlite_db)
    if records:
        print(f"base records: {len(records)} real articles (from {sqlite_db})")
    else:
        print("analysing the base records once ...", file=sys.stderr)
        records = base_records(limited_inputs(inputs, None))
        print(f"base records: {len(records)} real articles")
    rate, total = build_db(sqlite_db, records, args.articles)
    print(f"[sqlite] store only (features + story + rows): "
          + (f"{rate:.1f} articles/s; " if rate else "") + f"database: {total} articles")
    report("sqlite", bench_queries(sqlite_db))
    if args.pg:
        _empty_pg(args.pg)
        rate, n = build_db(args.pg, records, args.pg_store)
        print(f"[postgresql] store only (features + story + rows): {rate:.1f} articles/s "
              f"({n} articles)")
        _empty_pg(args.pg)
        total = copy_tables(sqlite_db, args.pg)
        print(f"[postgresql] database: {total} articles (copied from the SQLite one)")
        report("postgresql", bench_queries(args.pg))
    return 0


def report(name: str, figures: dict[str, tuple[float, float]]) -> None:
    for label, (median, worst) in figures.items():
        flag = "" if median < 100 else "   (over 100 ms)"
        print(f"[{name}] {label:55s} median {median:7.1f} ms  max {worst:7.1f} ms{flag}")


def stored_base_records(db: str) -> list[dict]:
    """The real (not replicated) records of an earlier run's database, if any."""
    import json

    from sqlalchemy import select

    from newsgraph.kb.store import Store, articles

    if not Path(db).is_file():
        return []
    with Store.open(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.record).where(articles.c.path.is_not(None))
                            .order_by(articles.c.seq)).scalars()
        return [json.loads(r) for r in rows]


def copy_tables(src_url: str, dst_url: str) -> int:
    """Every table's rows from one store into another (same schema), in chunks."""
    from sqlalchemy import select

    from newsgraph.kb.store import TABLES, Store

    with Store.open(src_url) as src, Store.open(dst_url) as dst:
        with src.engine.connect() as a, dst.engine.begin() as b:
            for table in TABLES:
                rows = a.execution_options(yield_per=2000).execute(select(table)).mappings()
                chunk = []
                for r in rows:
                    chunk.append(dict(r))
                    if len(chunk) >= 2000:
                        b.execute(table.insert(), chunk)
                        chunk = []
                if chunk:
                    b.execute(table.insert(), chunk)
        # a bulk load leaves PostgreSQL's GIN entries in the pending list until VACUUM, and the
        # planner then prefers a sequential scan; VACUUM ANALYZE as after any bulk load
        with dst.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as b:
            b.exec_driver_sql("VACUUM ANALYZE" if dst.dialect == "postgresql" else "ANALYZE")
        return dst.article_count()


def _empty_pg(url: str) -> None:
    from newsgraph.kb.store import Store, TABLES

    with Store.open(url) as store, store.engine.begin() as conn:
        for table in reversed(TABLES):
            conn.execute(table.delete())


if __name__ == "__main__":
    sys.exit(main())
