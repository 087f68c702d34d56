"""Web app benchmark: page and API response times on a knowledge base of >= 10,000 articles.

    python benchmarks/web.py [--db PATH] [--articles 10000] [--repeat 7]

Without --db (or when the file has fewer articles) it builds the database the way
benchmarks/kb.py does (real records analysed once, replicated with new ids), then serves it with
uvicorn on 127.0.0.1 and times real HTTP requests (median and worst). Target: < 300 ms a page.
"""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def ensure_db(path: Path, target: int) -> None:
    import kb as kb_bench  # benchmarks/kb.py

    from newsgraph.kb.store import Store

    with Store.open(str(path)) as store:
        have = store.article_count()
    if have >= target:
        return
    tmp = Path(tempfile.mkdtemp(prefix="ng-web-bench-"))
    inputs = kb_bench.corpus_folder(tmp / "corpus")
    print("analysing the base records once ...", file=sys.stderr)
    records = kb_bench.base_records(kb_bench.limited_inputs(inputs, None))
    kb_bench.build_db(str(path), records, target)


def serve(db: Path):
    import uvicorn

    from newsgraph.web.app import create_app

    app = create_app(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    import httpx

    db = args.db or Path(tempfile.mkdtemp(prefix="ng-web-bench-")) / "kb.db"
    ensure_db(db, args.articles)
    server, base = serve(db)
    client = httpx.Client(base_url=base, timeout=60)
    actors = client.get("/api/actors", params={"limit": 20}).json()
    person = next((a for a in actors if a["type"] == "PERSON"), actors[0])
    story = client.get("/api/stories", params={"limit": 1}).json()[0]
    article = client.get("/api/articles", params={"limit": 1}).json()[0]
    akey = quote(person["key"], safe="")
    routes = [
        ("page /", "/"), ("page /search?q=police", "/search?q=police"),
        (f"page /articles/ID", f"/articles/{article['id']}"),
        (f"page /actors/KEY ({person['name']}, {person['articles']} articles)", f"/actors/{akey}"),
        (f"page /stories/ID ({len(story['articles'])} reports)", f"/stories/{quote(story['id'], safe='')}"),
        ("page /stories", "/stories"), ("page /actors", "/actors"),
        ("api /api/search?q=police", "/api/search?q=police"),
        ("api /api/actors/KEY", f"/api/actors/{akey}"),
        ("api /api/actors/KEY/graph", f"/api/actors/{akey}/graph"),
        ("api /api/articles/ID", f"/api/articles/{article['id']}"),
        ("api /api/timeline", "/api/timeline?limit=200"),
    ]
    try:
        print(f"newsgraph web benchmark: {db} ({args.articles}+ articles), {base}")
        for label, path in routes:
            try:
                client.get(path).raise_for_status()      # warm
            except httpx.TimeoutException:
                print(f"{label:60s} TIMEOUT (over 60 s)", flush=True)
                continue
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                r = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
            med, worst = statistics.median(times), max(times)
            flag = "" if med < 300 else "   (over 300 ms)"
            print(f"{label:60s} median {med:7.1f} ms  max {worst:7.1f} ms  {len(r.content):>8} B{flag}",
                  flush=True)
    finally:
        client.close()
        server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
