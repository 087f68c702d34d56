"""Every page of the web app in Chromium over a knowledge base of real articles, at a laptop
width (1366x900) and a phone width (390x844): the page answers 200, nothing spills sideways
(no horizontal scrolling), no script error and no Content-Security-Policy violation.

The knowledge base: the first news-cluster articles (English reports of shared events) and WMT22
document triples (English, Russian, Ukrainian translations of one story) from ../shared/datasets,
plus the written articles of web_fixtures. Skipped without ../shared, Playwright or Chromium outside
CI (under CI=true they must run).
"""
from __future__ import annotations

import socket
import threading
import time
from urllib.parse import quote

import pytest

from test_web_browser import CHROMIUM, _need  # noqa: F401  (shared skip rule)

VIEWPORTS = {"laptop": (1366, 900), "phone": (390, 844)}
NEWS, TRIPLES = 12, 6


@pytest.fixture(scope="module")
def real_kb(tmp_path_factory, pipeline, datasets_dir):
    from web_fixtures import build

    from newsgraph.eval.clustering import load_news_cluster, load_wmt22
    from newsgraph.kb.store import Store

    arts = [a for a, _ in load_news_cluster(datasets_dir, limit=NEWS)]
    arts += [a for a, _ in load_wmt22(datasets_dir, limit=TRIPLES)]
    store = Store.open(tmp_path_factory.mktemp("pages") / "kb.db")
    for rec in pipeline.analyze_articles(arts):
        assert "error" not in rec, rec.get("error")
        store.add_record(rec)
    build(store, pipeline)
    yield store
    store.close()


@pytest.fixture(scope="module")
def real_server(real_kb, pipeline):
    uvicorn = pytest.importorskip("uvicorn")
    from newsgraph.web.app import create_app

    app = create_app(store=real_kb)
    app.state.ng._pipeline = pipeline
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _pages(store) -> dict[str, str]:
    from newsgraph.kb import queries
    from newsgraph.web import data

    story = queries.list_stories(store, limit=1)[0]   # the largest story
    actor = queries.top_actors(store, 1)[0]
    article = data.list_articles(store, limit=1)[0]
    return {"index": "/", "stories": "/stories", "actors": "/actors", "analyze": "/analyze",
            "sources": "/sources", "search": "/search?q=" + quote("Путина"),
            "story": "/stories/" + quote(story["id"], safe=""),
            "actor": "/actors/" + quote(actor["key"], safe=""),
            "article": "/articles/" + quote(article["id"], safe="")}


@pytest.fixture(scope="module")
def pages(real_kb):
    return _pages(real_kb)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed (pip install -e '.[test]')")
    import os
    import shutil

    _need(os.path.exists(CHROMIUM) or shutil.which("chromium") is not None,
          f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        yield b
        b.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", ["index", "stories", "actors", "analyze", "sources", "search",
                                  "story", "actor", "article"])
def test_page_reads_at_width(real_server, pages, browser, name, viewport):
    w, h = VIEWPORTS[viewport]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        resp = page.goto(real_server + pages[name])
        assert resp is not None and resp.status == 200
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= w + 1, f"{name} spills sideways at {w}px: {wide}px wide"
        assert errors == [], errors
    finally:
        ctx.close()
