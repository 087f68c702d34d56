"""REST API and server-rendered pages, through FastAPI's test client on a real SQLite KB."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.record import validate  # noqa: E402

from web_fixtures import build  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline):
    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path_factory.mktemp("web") / "kb.db")
    build(store, pipeline)
    app = create_app(store=store, token="s3cret")
    app.state.ng._pipeline = pipeline          # reuse the session's loaded models
    return TestClient(app)


def test_pages_render_with_security_headers(client):
    for path in ("/", "/stories", "/actors", "/analyze", "/search?q=Goma"):
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_search_finds_articles_and_actors(client):
    r = client.get("/api/search", params={"q": "Goma airport"})
    assert r.status_code == 200
    titles = [x["title"] for x in r.json()]
    assert any("Goma" in t for t in titles)
    page = client.get("/search", params={"q": "Cirimwami"}).text
    assert "Peter Cirimwami" in page


def test_article_record_and_page(client):
    arts = client.get("/api/articles").json()
    assert len(arts) == 3
    goma = next(a for a in arts if a["title"].startswith("Rebels seize"))
    rec = client.get(f"/api/articles/{goma['id']}").json()
    validate(rec)
    page = client.get(f"/articles/{goma['id']}").text
    assert 'class="ent ent-person"' in page and "Sourcing" in page
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_hostile_text_is_escaped(client):
    arts = client.get("/api/articles").json()
    hostile = next(a for a in arts if "Hostile" in a["title"])
    page = client.get(f"/articles/{hostile['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    listing = client.get("/search", params={"q": "Hostile headline"}).text
    assert "<script>alert" not in listing


def test_stories_group_reports_of_one_event(client):
    stories = client.get("/api/stories").json()
    for s in stories:
        assert set(s) == {"id", "title", "articles"}
    sizes = sorted(len(s["articles"]) for s in stories)
    assert sizes[-1] == 2, stories           # the two Goma reports are one story
    big = max(stories, key=lambda s: len(s["articles"]))
    detail = client.get(f"/api/stories/{big['id']}").json()
    assert "ledger" in detail and "wire_groups" in detail
    assert client.get(f"/stories/{big['id']}").status_code == 200


def test_actor_profile_and_graph(client):
    actors = client.get("/api/actors", params={"limit": 100}).json()
    cir = next(a for a in actors if a["name"] == "Peter Cirimwami")
    assert cir["articles"] == 2
    prof = client.get(f"/api/actors/{cir['key']}").json()
    assert prof["name"] == "Peter Cirimwami"
    graph = client.get(f"/api/actors/{cir['key']}/graph").json()
    ids = {n["data"]["id"] for n in graph["nodes"]}
    assert cir["key"] in ids and graph["edges"]
    for e in graph["edges"]:
        assert e["data"]["source"] in ids and e["data"]["target"] in ids
    assert client.get("/actors/" + cir["key"]).status_code == 200
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_analyze_api_and_token(client):
    text = "The governor of Kherson said on Tuesday that 12 villages had lost power."
    r = client.post("/api/analyze", json={"text": text, "published": "2025-03-04"})
    assert r.status_code == 200
    rec = r.json()
    validate(rec)
    assert rec["text"] == text and rec["published"] == "2025-03-04"
    # storing is a write: the token is required
    r = client.post("/api/analyze", json={"text": text, "store": True})
    assert r.status_code == 401
    r = client.post("/api/analyze", json={"text": text, "store": True},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200
    assert client.get(f"/api/articles/{r.json()['id']}").status_code == 200
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422
    assert client.post("/api/analyze", json={"text": "x", "language": "de"}).status_code == 422


def form_token(client) -> str:
    import re

    page = client.get("/analyze").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_analyze_page_and_upload(client):
    csrf = form_token(client)
    r = client.post("/analyze", data={"text": "Officials in Kyiv said the talks would resume.",
                                      "csrf_token": csrf})
    assert r.status_code == 200 and "Kyiv" in r.text and "Sourcing" in r.text
    r = client.post("/analyze", data={"csrf_token": csrf},
                    files={"file": ("a.txt", "Police in Warsaw detained two men.")})
    assert r.status_code == 200 and "Warsaw" in r.text
    r = client.post("/analyze", data={"csrf_token": csrf}, files={"file": ("a.exe", b"MZ\x00\x00")})
    assert r.status_code == 422


def test_request_size_limit(tmp_path):
    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    app = create_app(store=Store.open(tmp_path / "s.db"), max_body=1000)
    c = TestClient(app)
    r = c.post("/api/analyze", json={"text": "word " * 1000})
    assert r.status_code == 413


def test_binding_beyond_localhost_needs_token(tmp_path):
    from newsgraph.web.app import create_app

    with pytest.raises(ValueError, match="--token"):
        create_app(tmp_path / "x.db", host="0.0.0.0")
    create_app(tmp_path / "y.db", host="0.0.0.0", token="t")



# -- search across languages, pages -----------------------------------------------------------
@pytest.fixture(scope="module")
def xclient(tmp_path_factory, pipeline):
    from search_fixtures import analyse, build as build_search

    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path_factory.mktemp("xweb") / "kb.db")
    ids = build_search(store, analyse(pipeline))
    app = create_app(store=store)
    app.state.ng._pipeline = pipeline
    client = TestClient(app)
    client.ids = ids
    return client


def test_api_search_pages_with_total_and_links(xclient):
    r = xclient.get("/api/search", params={"q": "Putin", "limit": 2})
    assert r.status_code == 200 and r.headers["x-total-count"] == "3"
    first = r.json()
    assert len(first) == 2 and 'rel="next"' in r.headers["link"] and "offset=2" in r.headers["link"]
    r2 = xclient.get("/api/search", params={"q": "Putin", "limit": 2, "offset": 2})
    assert r2.headers["x-total-count"] == "3" and 'rel="prev"' in r2.headers["link"]
    assert 'rel="next"' not in r2.headers["link"]
    rest = r2.json()
    assert len(rest) == 1 and {h["id"] for h in first + rest} == {
        xclient.ids[k] for k in ("ru_putin", "uk_putin", "en_putin")}
    for h in first + rest:
        assert h["matched"] and {m["by"] for m in h["matched"]} <= {"word", "actor"}
    assert xclient.get("/api/search", params={"q": "Putin", "offset": -1}).status_code == 422


def test_api_lists_have_real_totals(xclient):
    for url in ("/api/actors", "/api/stories", "/api/articles"):
        total = int(xclient.get(url, params={"limit": 1}).headers["x-total-count"])
        whole = xclient.get(url, params={"limit": 500}).json()
        assert total == len(whole) > 1, url
        pages = [x for n in range(total)
                 for x in xclient.get(url, params={"limit": 1, "offset": n}).json()]
        assert pages == whole, url


def test_search_page_shows_language_why_and_pages(xclient, monkeypatch):
    from newsgraph.web import pages

    monkeypatch.setattr(pages, "SEARCH_PAGE", 2)
    page = xclient.get("/search", params={"q": "Putin"}).text
    assert "showing 1–2 of 3 articles" in page and 'rel="next"' in page
    assert 'href="/search?q=Putin&amp;page=2"' in page
    assert "actor <bdi>Vladimir Putin</bdi>" in page and "OR b" in page     # why, and the help
    page2 = xclient.get("/search", params={"q": "Putin", "page": 2}).text
    assert "showing 3–3 of 3 articles" in page2 and 'rel="prev"' in page2
    assert 'rel="next"' not in page2
    langs = [*page.split('data-language="')[1:], *page2.split('data-language="')[1:]]
    assert sorted(x[:2] for x in langs) == ["en", "ru", "uk"]
    excl = xclient.get("/search", params={"q": "Putin -Wednesday"}).text
    assert "none of: <bdi>Wednesday</bdi>" in excl
    assert xclient.get("/search", params={"q": "Putin", "page": 0}).status_code == 422


def test_actor_and_story_pages_show_counts(xclient, monkeypatch):
    from newsgraph.web import pages

    monkeypatch.setattr(pages, "ACTORS_PAGE", 2)
    total = int(xclient.get("/api/actors").headers["x-total-count"])
    page = xclient.get("/actors").text
    assert f"showing 1–2 of {total:,} actors" in page and 'href="/actors?page=2"' in page
    last = -(-total // 2)
    tail = xclient.get("/actors", params={"page": last}).text
    assert f"of {total:,} actors" in tail and 'rel="next"' not in tail
    beyond = xclient.get("/actors", params={"page": last + 5}).text
    assert "no actors on this page" in beyond
    stories = xclient.get("/stories").text
    n = int(xclient.get("/api/stories").headers["x-total-count"])
    assert f"showing 1–{n} of {n} stories" in stories
