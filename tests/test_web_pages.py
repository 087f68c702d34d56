"""Every page of the web app in Chromium over a knowledge base of real articles, at a laptop
width (1366x900) and a phone width (390x844): the page answers 200, nothing spills sideways
(no horizontal scrolling), no script error and no Content-Security-Policy violation.

The knowledge base: the first news-cluster articles (English reports of shared events) and WMT22
document triples (English, Russian, Ukrainian translations of one story) from ../shared/datasets,
plus the written articles of web_fixtures. Skipped without ../shared, Playwright or Chromium outside
CI (under CI=true they must run).
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from browser_fixtures import chromium, serve

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
    from newsgraph.web.app import create_app

    with serve(create_app(store=real_kb), pipeline) as url:
        yield url


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
    with chromium() as b:
        yield b


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


# -- what an analyst does on the real knowledge base, in the browser ----------------------------
@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _article_count(store) -> int:
    from newsgraph.web import data

    return data.overview(store)["counts"]["articles"]


def test_cross_language_search_on_real_articles(real_server, real_kb, page):
    """An English name finds the reports in the other languages through the actor."""
    from sqlalchemy import func, select

    from newsgraph.kb.store import actor_names

    with real_kb.engine.connect() as conn:
        langs = func.count(func.distinct(actor_names.c.language))
        key = conn.execute(select(actor_names.c.actor_key).where(actor_names.c.type.in_(("PERSON", "LOC")))
                           .group_by(actor_names.c.actor_key).having(langs == 3)
                           .order_by(func.sum(actor_names.c.n).desc())).scalars().first()
        assert key, "no actor named in all three languages"
        name = conn.execute(select(actor_names.c.name).where(actor_names.c.actor_key == key,
                                                             actor_names.c.language == "en")
                            .order_by(actor_names.c.n.desc())).scalars().first()
    page.goto(real_server + "/")
    page.fill("input[name=q]", name)
    page.click("form.search button")
    page.wait_for_selector("ol.results > li")
    seen = set()
    while True:
        seen |= {li.get_attribute("data-language") for li in page.locator("ol.results > li").all()}
        nxt = page.locator("a.pager-next")
        if not nxt.count():
            break
        nxt.first.click()
        page.wait_for_selector("ol.results > li")
    assert seen == {"en", "ru", "uk"}, (name, seen)


def test_paged_lists_on_real_articles(real_server, real_kb, page):
    from newsgraph.kb import queries

    total = queries.count_actors(real_kb)
    page.goto(real_server + "/actors")
    first = page.locator("nav.pager").first.inner_text()
    assert f"of {total:,} actors" in first
    names = page.locator("main table a").all_inner_texts()
    page.locator("a.pager-next").first.click()
    page.wait_for_url("**/actors?page=2")
    assert set(page.locator("main table a").all_inner_texts()).isdisjoint(names)
    page.goto(real_server + "/stories")
    assert "stories" in page.locator("nav.pager").first.inner_text()


def test_story_ledger_views_on_real_articles(real_server, pages, page):
    page.goto(real_server + pages["story"])
    assert page.locator("ul.reports .why").count() >= 1        # why each report belongs
    total = page.locator("tr.ledger-row").count()
    assert total >= 1
    page.click("a.view-conflicts")
    page.wait_for_url("**conflicts=1**")
    rows = page.locator("tr.ledger-row")
    assert rows.count() == page.locator("tr.ledger-row.conflict").count()
    page.goto(real_server + pages["story"] + "?min_independent=2")
    for cell in page.locator("tr.ledger-row td:nth-child(3)").all_inner_texts():
        assert int(cell.split()[0]) >= 2


def test_a_form_on_another_site_cannot_store(real_server, real_kb, page):
    """CSRF: a page on another origin auto-submits the analyze form with "store": refused, and
    nothing is stored (the server runs without a token, the default)."""
    before = _article_count(real_kb)
    evil = ('<form id="f" method="post" action="%s/analyze">'
            '<input name="text" value="Officials said the dam had burst on Monday.">'
            '<input name="store" value="1"></form>'
            '<script>document.getElementById("f").submit()</script>') % real_server
    page.route("http://attacker.example/", lambda route: route.fulfill(
        status=200, content_type="text/html", body=evil))
    with page.expect_response(lambda r: r.url.endswith("/analyze")) as resp:
        page.goto("http://attacker.example/")
    assert resp.value.status == 403
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "403"          # a page a person can read
    assert "cannot write here" in page.locator("main").inner_text()
    assert _article_count(real_kb) == before


@pytest.fixture(scope="module")
def token_server(real_kb, pipeline):
    """The same knowledge base served with a token (writes need it)."""
    from newsgraph.web.app import create_app

    with serve(create_app(store=real_kb, token="s3cret-token"), pipeline) as url:
        yield url


def test_storing_with_an_empty_or_wrong_token_is_refused(token_server, real_kb, page):
    before = _article_count(real_kb)
    for token in ("", "wrong"):
        page.goto(token_server + "/analyze")
        page.fill("textarea[name=text]", "The mayor of Sumy said on Monday that a school reopened.")
        page.check("input[name=store]")
        if token:
            page.fill("input[name=token]", token)
        with page.expect_response(lambda r: r.url.endswith("/analyze") and r.request.method == "POST") as resp:
            page.click("form.analyze-form button")
        assert resp.value.status == 401
        assert "needs the server's token" in page.locator("main").inner_text()
    assert _article_count(real_kb) == before


def test_right_to_left_text_is_isolated(real_server, real_kb, pipeline, page):
    """A title with a right-to-left override does not flip the text around it."""
    from newsgraph.ingest import Article

    title = "Flood \u202eregdirb\u202c warning"
    rec = next(pipeline.analyze_articles([Article(text="The river rose near Chernihiv on Monday, "
                                                  "officials said.", title=title, language="en")]))
    real_kb.add_record(rec)
    page.goto(real_server + "/search?q=Chernihiv")
    link = page.locator("ol.results a", has_text="warning").first
    bidi = page.evaluate("e => getComputedStyle(e.querySelector('bdi') || e).unicodeBidi",
                         link.element_handle())
    assert bidi == "isolate"
    page.goto(real_server + "/articles/" + rec["id"])
    h1 = page.locator("h1")
    assert h1.get_attribute("dir") == "auto" or h1.locator("bdi").count() == 1
