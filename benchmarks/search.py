"""Search benchmark: the ingest cost of lemmatising, and search latency.

    python benchmarks/search.py [--records CACHE.jsonl] [--pg URL] [--runs 5]

1. A few hundred real articles: the WMT22 en/ru/uk document triples (sentences joined) and the
   news-cluster articles (en), from ../shared/datasets; analysed once with the pipeline (kept in
   --records to reuse).
2. Storing them (Store.add_records, batches of 20) into a fresh database with lemmatising
   switched off (as before migration 0007) and on: articles/s each, and the lemmatiser alone
   per language (characters/s).
3. Search latency on that database: plain words, uk/ru word forms, names found across languages
   through actors, OR, -word, phrases, and a deep page; median and worst of --runs runs each, and
   queries/s over the whole set. SQLite always; PostgreSQL with --pg (or env NEWSGRAPH_TEST_PG).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tarfile
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATASETS = ROOT.parent / "shared" / "datasets"
QUERIES = [
    "president", "government minister", "Путин", "Putin", "Путіна", "Зеленського",
    "президента", "уряду", "правительства", "Trump", "Трамп", "Ukraine OR Україна",
    "police -court", '"prime minister"', "Moscow", "Київ", "войны", "election results",
]


def texts() -> list[tuple[str | None, str, str | None]]:
    """(title, text, language) of the benchmark articles."""
    out = []
    with tarfile.open(DATASETS / "wmt22.tar.gz") as tar:
        for member in tar.getmembers():
            if member.name.endswith(".jsonl"):
                for line in tar.extractfile(member).read().decode("utf-8").splitlines():
                    doc = json.loads(line)
                    for lang in ("en", "ru", "uk"):
                        if doc.get(lang):
                            out.append((None, " ".join(doc[lang]), lang))
    with tarfile.open(DATASETS / "news-cluster.tar.gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.name.endswith(".json"):
                doc = json.loads(tar.extractfile(member).read().decode("utf-8"))
                if doc.get("text"):
                    out.append((doc.get("title"), doc["text"], "en"))
    return out


def analyse(cache: Path | None) -> list[dict]:
    if cache and cache.is_file():
        return [json.loads(line) for line in cache.read_text("utf-8").splitlines()]
    from newsgraph.ingest import Article
    from newsgraph.pipeline import Pipeline

    items = texts()
    pipe = Pipeline()
    started = time.perf_counter()
    records = [r for r in pipe.analyze_articles(Article(text=t, title=ti, language=lang)
                                                for ti, t, lang in items) if "error" not in r]
    took = time.perf_counter() - started
    print(f"analysed {len(records)} articles in {took:.1f} s ({len(records) / took:.2f} articles/s)")
    if cache:
        cache.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return records


def store_rate(db: str, records: list[dict], lemmas: bool) -> float:
    from newsgraph.kb import lemmas as lemmas_mod
    from newsgraph.kb.store import Store

    original = lemmas_mod.article_lemmas
    if not lemmas:
        lemmas_mod.article_lemmas = lambda rec, lem: ""
    try:
        with Store.open(db) as store:
            store.clusterer()
            started = time.perf_counter()
            for i in range(0, len(records), 20):
                store.add_records(records[i:i + 20])
            took = time.perf_counter() - started
    finally:
        lemmas_mod.article_lemmas = original
    return len(records) / took


def lemmatiser_rates(records: list[dict]) -> dict[str, float]:
    from newsgraph.kb.lemmas import Lemmatiser

    lem = Lemmatiser()
    out = {}
    for lang in ("en", "uk", "ru"):
        body = [r["text"] for r in records if r.get("language") == lang]
        if not body:
            continue
        lem.text(body[0][:200], lang)          # models loaded outside the timing
        started = time.perf_counter()
        for b in body:
            lem.text(b, lang)
        out[lang] = sum(map(len, body)) / (time.perf_counter() - started)
    return out


def query_latency(db: str, runs: int) -> None:
    from newsgraph.kb.queries import search_page
    from newsgraph.kb.store import Store

    with Store.open(db) as store:
        search_page(store, "warm up")
        all_times = []
        print(f"  {'query':28} {'total':>6} {'median ms':>10} {'worst ms':>9}  languages (first page)")
        for q in QUERIES + ["@deep"]:
            text_, offset = (q, 0) if q != "@deep" else ("the", 200)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                page = search_page(store, text_, limit=20, offset=offset)
                times.append(time.perf_counter() - started)
            all_times += times
            langs = sorted({r["language"] for r in page["results"]})
            label = q if q != "@deep" else "the (offset 200)"
            print(f"  {label:28} {page['total']:>6} {statistics.median(times) * 1000:>10.1f} "
                  f"{max(times) * 1000:>9.1f}  {','.join(langs)}")
        print(f"  {len(all_times)} searches: {len(all_times) / sum(all_times):.1f} queries/s, "
              f"median {statistics.median(all_times) * 1000:.1f} ms")


def pg_url(base: str) -> tuple[str, str]:
    schema = "ngbench_" + uuid.uuid4().hex[:10]
    from sqlalchemy import create_engine, text

    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg2://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg2://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=Path, help="analysed records cache (jsonl)")
    ap.add_argument("--pg", default=os.environ.get("NEWSGRAPH_TEST_PG"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not (DATASETS / "wmt22.tar.gz").is_file():
        print(f"datasets not found at {DATASETS}", file=sys.stderr)
        return 1
    records = analyse(args.records)
    langs = {}
    for r in records:
        langs[r["language"]] = langs.get(r["language"], 0) + 1
    print(f"{len(records)} records: {langs}; {sum(len(r['text']) for r in records):,} characters")
    for lang, rate in lemmatiser_rates(records).items():
        print(f"lemmatiser {lang}: {rate:,.0f} characters/s")
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", lambda n: str(Path(tmp) / f"{n}.db"), None)]
        schemas = []
        if args.pg:
            def make(_n):
                url, schema = pg_url(args.pg)
                schemas.append(schema)
                return url
            targets.append(("postgresql", make, None))
        try:
            for name, make_db, _ in targets:
                before = store_rate(make_db("plain"), records, lemmas=False)
                db = make_db("lemmas")
                after = store_rate(db, records, lemmas=True)
                print(f"{name}: store {before:.1f} articles/s without lemmas, {after:.1f} with "
                      f"({(1 / after - 1 / before) * 1000:.1f} ms more per article)")
                query_latency(db, args.runs)
        finally:
            for schema in schemas:
                drop_schema(args.pg, schema)
    return 0


if __name__ == "__main__":
    sys.exit(main())
