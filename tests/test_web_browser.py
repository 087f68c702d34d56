"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a real server.

They search, open an actor, wait for the Cytoscape network to render, click an edge and read the
evidence, and check that hostile article text shows as text (no script runs). Skipped with a
message when Playwright or Chromium is missing outside CI; under CI=true they must run.
"""
from __future__ import annotations

import pytest

from browser_fixtures import chromium, serve


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    from web_fixtures import build

    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path_factory.mktemp("browser") / "kb.db")
    build(store, pipeline)
    with serve(create_app(store=store), pipeline) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    ctx.close()


def test_search_open_actor_graph_and_edge(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "Cirimwami")
    page.click("form.search button")
    page.wait_for_url("**/search?q=Cirimwami")
    page.click("a.actor-link:has-text('Peter Cirimwami')")
    page.wait_for_selector("h1:has-text('Peter Cirimwami')")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    assert int(page.get_attribute("#graph", "data-edges")) > 0
    assert page.locator("#graph canvas").count() > 0
    # click the middle of the first edge, in page coordinates
    box = page.locator("#graph").bounding_box()
    mid = page.evaluate("() => { const e = window.newsgraphCy.edges()[0];"
                        " return e.renderedMidpoint(); }")
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    page.wait_for_selector("#edge-evidence li.evidence", timeout=5000)
    assert page.locator("#edge-evidence h3").inner_text().count("—") == 2
    assert page.locator("#edge-evidence li.evidence").first.inner_text().strip()


def test_hostile_article_text_stays_text(server, page):
    page.goto(server + "/search?q=Hostile")
    page.click("ol.results a")
    page.wait_for_selector("#article-text")
    assert "<script>alert('xss')</script>" in page.inner_text("#article-text")
    assert page.locator("#article-text script").count() == 0
    assert page.locator("#article-text img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_analyze_page_shows_article(server, page):
    page.goto(server + "/analyze")
    page.fill("textarea[name=text]", "The mayor of Odesa said on Monday that two ports had "
                                     "reopened, according to Ukrinform.")
    page.click("form.analyze-form button")
    page.wait_for_selector("#article-text")
    assert "Odesa" in page.inner_text("#article-text")
    assert page.locator("#article-text .ent").count() > 0


def test_docs_render_from_packaged_swagger_ui(server, page):
    """/docs draws the API's operations with Swagger UI from /static/vendor, under the docs
    CSP (no inline script), with no request leaving the server."""
    outside, csp_errors = [], []
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:")
            else outside.append(r.url))
    page.on("console", lambda m: csp_errors.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert outside == [] and csp_errors == []


@pytest.fixture(scope="module")
def xserver(tmp_path_factory, pipeline):
    """A server over the en/uk/ru search texts, two search hits a page."""
    from search_fixtures import analyse, build as build_search

    from newsgraph.kb.store import Store
    from newsgraph.web import pages
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path_factory.mktemp("xbrowser") / "kb.db")
    build_search(store, analyse(pipeline))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "SEARCH_PAGE", 2)
        with serve(create_app(store=store), pipeline) as url:
            yield url


def test_search_across_languages_and_page_through(xserver, page):
    page.goto(xserver + "/")
    page.fill("input[name=q]", "Putin")
    page.click("form.search button")
    page.wait_for_url("**/search?q=Putin")
    assert "showing 1–2 of 3 articles" in page.inner_text("nav.pager >> nth=0")
    assert "OR" in page.inner_text(".search-help")
    seen = {}
    for item in page.locator("ol.results > li").all():
        seen[item.get_attribute("data-language")] = item.inner_text()
    page.click("a.pager-next >> nth=0")
    page.wait_for_url("**/search?q=Putin&page=2")
    assert "showing 3–3 of 3 articles" in page.inner_text("nav.pager >> nth=0")
    assert page.locator("a.pager-next").count() == 0
    for item in page.locator("ol.results > li").all():
        seen[item.get_attribute("data-language")] = item.inner_text()
    assert sorted(seen) == ["en", "ru", "uk"]
    for lang in ("ru", "uk"):                       # found through the actor, and said so
        assert "actor Vladimir Putin" in seen[lang], seen[lang]
    assert "word Putin" in seen["en"]
    page.click("a.pager-prev >> nth=0")
    page.wait_for_url("**/search?q=Putin")
    assert page.locator("ol.results > li").count() == 2
    # a Ukrainian word form finds the Ukrainian text by the word and the others by the actor
    page.fill("input[name=q]", "Путіна -Wednesday")
    page.click("form.search button")
    page.wait_for_selector("p.understood")
    assert "none of: Wednesday" in page.inner_text("p.understood")
    texts = [li.inner_text() for li in page.locator("ol.results > li").all()]
    assert any("word Путіна" in t for t in texts)


def _goma_story(page, server):
    stories = page.request.get(server + "/api/stories").json()
    return max(stories, key=lambda s: len(s["articles"]))


def test_ledger_conflicts_only_and_pages(server, page):
    story = _goma_story(page, server)
    page.goto(server + f"/stories/{story['id']}?per_page=2")
    rows = page.locator("tr.ledger-row")
    assert rows.count() == 2
    first_page = rows.all_inner_texts()
    page.click("nav.pager a[rel=next]")
    page.wait_for_url("**page=2**")
    assert page.locator("nav.pager b[aria-current=page]").inner_text() == "2"
    assert page.locator("tr.ledger-row").all_inner_texts() != first_page
    page.click("a.view-conflicts")
    page.wait_for_url("**conflicts=1**")
    conflicts = page.locator("tr.ledger-row")
    assert conflicts.count() >= 2
    assert conflicts.count() == page.locator("tr.ledger-row.conflict").count()
    assert "soldiers" in page.locator("div.conflict-note").first.inner_text()
    # the filter form keeps the view and adds a filter; its URL is bookmarkable
    page.select_option("select[name=sort]", "source")
    page.click("form.ledger-filters button")
    page.wait_for_url("**sort=source**")
    assert "conflicts=true" in page.url
    assert page.locator("tr.ledger-row").count() == conflicts.count()
    # a row links to the report behind it, where its claim is marked
    page.locator("td.ledger-reports a").first.click()
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text .claim-pinned").count() > 0


def test_sidebar_claim_highlights_its_words(server, page):
    page.goto(server + "/search?q=Bukavu")
    page.click("ol.results a >> nth=0")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text .claim-hl").count() == 0
    claim = page.locator("ol.claims li[data-claim]").first
    cid = claim.get_attribute("data-claim")
    claim.hover()
    lit = page.locator("#article-text .claim-hl")
    assert lit.count() > 0
    marked = page.evaluate("id => Array.from(document.querySelectorAll('#article-text .claim-hl'))"
                           ".every(e => e.dataset.claims.split(' ').includes(id))", cid)
    assert marked
    words = " ".join(lit.all_inner_texts())
    content = claim.locator(".content").inner_text().strip("“”")
    assert content.split()[0] in words
    # another claim moves the highlight
    other = page.locator("ol.claims li[data-claim]").nth(1)
    other.hover()
    oid = other.get_attribute("data-claim")
    assert page.evaluate("id => Array.from(document.querySelectorAll('#article-text .claim-hl'))"
                         ".every(e => e.dataset.claims.split(' ').includes(id))", oid)
    # names in the text open their actors; the actors list is near the top of the sidebar
    assert page.locator("#actors").bounding_box()["y"] < 2000
    page.locator("#article-text a.ent").first.click()
    page.wait_for_url("**/actors/**")
    page.wait_for_selector("h1")


def test_actor_page_has_a_legend(server, page):
    actors = page.request.get(server + "/api/actors?limit=100").json()
    cir = next(a for a in actors if a["name"] == "Peter Cirimwami")
    page.goto(server + "/actors/" + cir["key"])
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    legend = page.locator("#graph-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    for word in ("person", "organisation", "place", "stated relation", "same articles"):
        assert word in text
    assert page.locator("#graph").bounding_box()["height"] >= 500
    # no two node labels overlap
    boxes = page.evaluate("() => window.newsgraphCy.nodes().map(n => n.renderedBoundingBox("
                          "{includeLabels: true, includeNodes: false}))")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] or b["y2"] <= a["y1"]


def test_analyze_stores_and_links_the_article(server, page):
    page.goto(server + "/analyze")
    # while the POST runs the button is disabled and the progress line shows
    page.evaluate("() => document.getElementById('analyze-form').addEventListener('submit',"
                  " e => e.preventDefault(), {once: true})")
    page.evaluate("() => document.getElementById('analyze-form').requestSubmit()")
    assert page.locator("form.analyze-form button").is_disabled()
    assert "Analysing" in page.locator("#analyze-progress").inner_text()
    page.goto(server + "/analyze")
    page.fill("input[name=url]", "https://www.dw.com/en/kharkiv-metro/a-1")
    page.select_option("select[name=language]", "en")
    page.fill("textarea[name=text]", "The mayor of Kharkiv said on Sunday that the metro had "
                                     "reopened after repairs.")
    page.check("input[name=store]")
    page.click("form.analyze-form button")
    page.wait_for_selector("a.stored-link")
    href = page.get_attribute("a.stored-link", "href")
    assert href.startswith("/articles/")
    assert "DW" in page.inner_text("p.meta")
    page.click("a.stored-link")
    page.wait_for_url("**" + href)
    assert "Kharkiv" in page.inner_text("#article-text")
    assert page.request.get(server + "/api" + href).json()["outlet"] == "DW"
