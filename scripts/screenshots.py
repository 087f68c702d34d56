"""Screenshots of every page of the web app, at a laptop width (1366x900) and a phone width
(390x844), over a knowledge base of real articles, for reading the pages as a user would.

    python scripts/screenshots.py --out /tmp/shots                  # builds a KB, then shoots
    python scripts/screenshots.py --db kb.db --out /tmp/shots       # an existing KB

Without --db it analyses part of ../shared/datasets (news-cluster in English, WMT22 document
triples in English, Russian and Ukrainian) into a fresh SQLite knowledge base in the output
folder (about a second an article). Needs Playwright and Chromium (/usr/bin/chromium).
Prints one line per screenshot (page, viewport, path, page height in px).
"""
from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

VIEWPORTS = {"laptop": (1366, 900), "phone": (390, 844)}
CHROMIUM = "/usr/bin/chromium"


def build_kb(db: Path, datasets: Path, news: int, triples: int) -> None:
    from newsgraph.eval.clustering import load_news_cluster, load_wmt22
    from newsgraph.kb.store import Store
    from newsgraph.pipeline import Pipeline

    arts = [a for a, _ in load_news_cluster(datasets, limit=news)]
    arts += [a for a, _ in load_wmt22(datasets, limit=triples)]
    started = time.perf_counter()
    pipe = Pipeline()
    with Store.open(db) as store:
        n = 0
        for rec in pipe.analyze_articles(arts):
            if "error" not in rec:
                store.add_record(rec)
                n += 1
    print(f"built {db}: {n} of {len(arts)} articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)


def pages(store) -> list[tuple[str, str]]:
    """(name, path) of every page, with the busiest story, actor and article."""
    from newsgraph.kb import queries
    from newsgraph.web import data

    out = [("index", "/"), ("stories", "/stories"), ("actors", "/actors"),
           ("search", "/search?q=Putin"), ("search-ru", "/search?q=" + quote("Путина")),
           ("analyze", "/analyze"), ("sources", "/sources"), ("docs", "/docs")]
    stories = queries.list_stories(store, limit=1)
    if stories:
        out.append(("story", "/stories/" + quote(stories[0]["id"], safe="")))
    actors = queries.top_actors(store, 1)
    if actors:
        out.append(("actor", "/actors/" + quote(actors[0]["key"], safe="")))
    arts = data.list_articles(store, limit=1)
    if arts:
        out.append(("article", "/articles/" + quote(arts[0]["id"], safe="")))
    return out


def serve(store):
    import uvicorn

    from newsgraph.web.app import create_app

    app = create_app(store=store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    return srv, f"http://127.0.0.1:{port}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="an existing knowledge base (default: build one)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    ap.add_argument("--datasets", type=Path,
                    default=Path(__file__).resolve().parents[2] / "shared" / "datasets")
    ap.add_argument("--news", type=int, default=60, help="news-cluster articles to analyse")
    ap.add_argument("--triples", type=int, default=25, help="WMT22 en/ru/uk triples to analyse")
    ap.add_argument("--only", nargs="*", help="page names to shoot (default: all)")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from newsgraph.kb.store import Store

    args.out.mkdir(parents=True, exist_ok=True)
    db = args.db or args.out / "kb.db"
    if args.db is None and not db.exists():
        if not args.datasets.is_dir():
            ap.error(f"no --db and no datasets at {args.datasets}")
        build_kb(db, args.datasets, args.news, args.triples)
    store = Store.open(db)
    srv, base = serve(store)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            for name, path in pages(store):
                if args.only and name not in args.only:
                    continue
                for vp, (w, h) in VIEWPORTS.items():
                    ctx = browser.new_context(viewport={"width": w, "height": h})
                    page = ctx.new_page()
                    resp = page.goto(base + path)
                    page.wait_for_timeout(1500 if name in ("actor", "docs") else 300)
                    file = args.out / f"{name}-{vp}.png"
                    page.screenshot(path=str(file), full_page=True)
                    height = page.evaluate("() => document.documentElement.scrollHeight")
                    wide = page.evaluate("() => document.documentElement.scrollWidth")
                    print(f"{name:10} {vp:6} {resp.status if resp else '-'} {file} "
                          f"height {height}px width {wide}px")
                    ctx.close()
            browser.close()
    finally:
        srv.should_exit = True
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
