"""Watch benchmark: articles/s from a feed to a stored record, on a local HTTP server.

    python benchmarks/watch.py [--articles 200] [--hosts 4] [--workers 1] [--pg URL]

A local server (tests/watch_server.py) plays --hosts news hosts, each with an RSS feed; the
articles are the tests' en/uk/ru pages, each made distinct by an added sentence. Printed:
1. fetch alone: pages/s through the watcher's Fetcher (robots.txt, rate limit 0, one at a time);
2. feed -> stored: articles/s of `Watcher.run(once=True)` into a fresh SQLite file (or --pg):
   poll, fetch, extract, analyse, cluster into stories, store; the models are loaded before the
   clock starts (--workers N: a pool of N analysis processes, loaded during a warm-up).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from watch_server import ARTICLES, NewsServer, Reply, page, rss  # noqa: E402

EXTRA = {
    "en": "Correspondent number {n} filed this report from desk {n} on the evening shift.",
    "uk": "Цей матеріал підготував кореспондент номер {n} з редакції {n}.",
    "ru": "Этот материал подготовил корреспондент номер {n} из редакции {n}.",
}


def build_site(n_articles: int, n_hosts: int) -> tuple[dict[str, Reply], list[str]]:
    pool = [(lang, slug, title, paras) for lang, arts in ARTICLES.items()
            for slug, title, paras in arts if slug != "secret"]
    routes: dict[str, Reply] = {}
    feeds: dict[str, list[tuple[str, str]]] = {}
    for n in range(n_articles):
        lang, slug, title, paras = pool[n % len(pool)]
        host = f"http://news{n % n_hosts}.example.org"
        url = f"{host}/{lang}/{slug}-{n}.html"
        routes[url] = Reply(page(f"{title} ({n})", paras + [EXTRA[lang].format(n=n)], lang=lang))
        feeds.setdefault(host, []).append((title, url))
    sources = []
    for host, items in feeds.items():
        routes[f"{host}/rss.xml"] = Reply(rss(items), content_type="application/rss+xml")
        sources.append(f"{host}/rss.xml")
    return routes, sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--pg", default=None, help="PostgreSQL URL instead of a SQLite file")
    args = ap.parse_args()

    from newsgraph.kb.store import Store
    from newsgraph.watch.fetch import Fetcher, FetchSettings
    from newsgraph.watch.loop import Watcher
    from newsgraph.watch.sources import load_sources

    routes, source_urls = build_site(args.articles, args.hosts)
    pages = [u for u in routes if u.endswith(".html")]
    settings = FetchSettings(rate=0.0, timeout=10, retries=0)
    with NewsServer(routes) as server:
        with Fetcher(settings, proxy=server.proxy) as f:
            f.get(pages[0])                     # robots.txt of that host, connection set up
            t = time.perf_counter()
            size = sum(len(f.get(u).content) for u in pages)
            dt = time.perf_counter() - t
        print(f"fetch: {len(pages)} pages ({size / 1e6:.1f} MB) in {dt:.2f} s = "
              f"{len(pages) / dt:.1f} pages/s")

        if args.workers > 1:
            from newsgraph.engines.local import PooledPipeline

            pipeline = PooledPipeline(args.workers)
            batch = 2 * args.workers
        else:
            from newsgraph.pipeline import Pipeline

            pipeline, batch = Pipeline(), 1
        from newsgraph.ingest import Article

        # one article per language first, not timed: models and gazetteers loaded
        warm = [Article(text=" ".join(arts[1][2]), language=lang)
                for lang, arts in ARTICLES.items()]
        list(pipeline.analyze_articles(warm * max(1, args.workers)))   # models loaded
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(args.pg or os.path.join(tmp, "watch.db"))
            try:
                with Fetcher(settings, proxy=server.proxy) as f:
                    watcher = Watcher(store, load_sources(None, source_urls), fetcher=f,
                                      pipeline=pipeline, batch=batch)
                    t = time.perf_counter()
                    summary = watcher.run(once=True)
                    dt = time.perf_counter() - t
            finally:
                store.close()
                if hasattr(pipeline, "close"):
                    pipeline.close()
        print(f"feed -> stored: {summary.stored} articles from {len(source_urls)} feeds in "
              f"{dt:.2f} s = {summary.stored / dt:.2f} articles/s (workers {args.workers}, "
              f"{'PostgreSQL' if args.pg else 'SQLite'}; failed {summary.failures}, "
              f"duplicates {summary.duplicates})")


if __name__ == "__main__":
    main()
