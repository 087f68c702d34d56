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
        assert set(s) == {"id", "title", "label", "articles"}
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


def goma_story(client):
    return max(client.get("/api/stories").json(), key=lambda s: len(s["articles"]))


def test_outlet_from_the_url_or_its_host(client):
    from newsgraph.ingest.outlets import outlet_or_host, url_host

    assert outlet_or_host(None, "https://uk.reuters.com/x") == "Reuters"
    assert outlet_or_host(None, "https://www.kivu-news.example/a") == "kivu-news.example"
    assert outlet_or_host("Own Name", "https://www.reuters.com/x") == "Own Name"
    # a domain given as the outlet (news-please's source_domain) reads like a URL's
    assert outlet_or_host("www.washingtonpost.com", None) == "The Washington Post"
    assert outlet_or_host("edition.cnn.com", None) == "CNN"
    assert outlet_or_host("www.Kivu-News.example", None) == "kivu-news.example"
    assert url_host("javascript:alert(1)") is None and url_host("http://[::1") is None
    story = client.get(f"/api/stories/{goma_story(client)['id']}").json()
    assert sorted(story["by_outlet"]) == ["Reuters", "kivu-news.example"]
    assert "(unknown outlet)" not in story["by_outlet"]
    page = client.get(f"/stories/{story['id']}").text
    assert "kivu-news.example" in page and "unknown outlet" not in page


def test_ledger_api_filters_sorts_and_pages(client):
    sid = goma_story(client)["id"]
    everything = client.get(f"/api/stories/{sid}/ledger", params={"per_page": 200}).json()
    assert everything["matched"] == everything["total"] >= 4
    full = client.get(f"/api/stories/{sid}").json()["ledger"]
    assert [e["key"] for e in everything["entries"]] == [e["key"] for e in full]
    # pages of 2 cover the ledger once, in order
    pages, seen = None, []
    for n in range(1, 100):
        r = client.get(f"/api/stories/{sid}/ledger", params={"per_page": 2, "page": n}).json()
        pages = r["pages"]
        seen += [e["key"] for e in r["entries"]]
        if n == pages:
            break
    assert seen == [e["key"] for e in full] and pages == -(-len(full) // 2)
    # the two reports' soldier counts disagree: the conflicts-only view has both sides
    conf = client.get(f"/api/stories/{sid}/ledger", params={"conflicts": "true"}).json()
    assert conf["matched"] == conf["conflicts"] >= 2
    assert all(e["conflicts"] for e in conf["entries"])
    assert {m["article"] for e in conf["entries"] for m in e["mentions"]} == \
        {a["id"] for a in goma_story(client)["articles"]}
    by_source = client.get(f"/api/stories/{sid}/ledger", params={"sort": "source"}).json()
    names = [e["source"].casefold() for e in by_source["entries"]]
    assert names == sorted(names)
    cir = client.get(f"/api/stories/{sid}/ledger", params={"source": "cirimwami"}).json()
    assert cir["matched"] >= 1 and all(e["source"] == "Peter Cirimwami" for e in cir["entries"])
    actor = client.get(f"/api/actors/{cir['entries'][0]['source_actor']}").json()
    assert actor["name"] == "Peter Cirimwami"
    two = client.get(f"/api/stories/{sid}/ledger", params={"min_independent": 2}).json()
    assert all(e["independent"] >= 2 for e in two["entries"])
    for bad in ({"sort": "nope"}, {"status": "maybe"}, {"page": 0}, {"per_page": 1000}):
        assert client.get(f"/api/stories/{sid}/ledger", params=bad).status_code == 422
    assert client.get("/api/stories/nope/ledger").status_code == 404


def test_story_page_ledger_views_and_report_links(client):
    import re

    sid = goma_story(client)["id"]
    page = client.get(f"/stories/{sid}", params={"per_page": 2}).text
    assert "conflicts only" in page and "independent sources ≥ 2" in page
    assert re.search(r"Claims 1–2 of \d+ · page 1 of \d+", page)
    assert 'rel="next"' in page and "page=2" in page
    assert re.search(r'href="/articles/[0-9a-f]+#c\d+"', page)     # rows link to their reports
    assert re.search(r'<td class="ledger-source"><a href="/actors/[^"]+"><bdi>', page)
    # the filter form's empty fields mean "any"; a bad value is a 422 page
    r = client.get(f"/stories/{sid}", params={"status": "", "language": "", "source": "",
                                              "conflicts": "true", "sort": "date"})
    assert r.status_code == 200 and r.text.count('class="ledger-row conflict"') >= 2
    assert 'class="ledger-row"' not in r.text
    assert client.get(f"/stories/{sid}", params={"sort": "nope"}).status_code == 422


def test_actor_titles_and_relations_once(client):
    from newsgraph.kb.queries import clean_titles

    titles = clean_titles([("en", "he"), ("en", "the"), ("en", "Governor"), ("en", "governor "),
                           ("uk", "Governor"), ("uk", "губернатор"), ("uk", "цей"),
                           ("en", "the man who said that the army would soon come back to town")])
    assert titles == {"en": ["Governor"], "uk": ["губернатор"]}
    actors = client.get("/api/actors", params={"limit": 100}).json()
    cir = next(a for a in actors if a["name"] == "Peter Cirimwami")
    prof = client.get(f"/api/actors/{cir['key']}").json()
    triples = [(r["subject"], r["predicate"], r["object"]) for r in prof["relations"]]
    assert triples and len(triples) == len(set(triples))
    assert all(r["count"] >= 1 and r["articles"] for r in prof["relations"])
    assert sum(len(ts) for ts in prof["titles"].values()) == \
        len({t.casefold() for ts in prof["titles"].values() for t in ts})
    page = client.get("/actors/" + cir["key"]).text
    assert 'id="graph-legend"' in page and "stated relation" in page


def test_article_page_links_names_and_marks_claims(client):
    import re

    arts = client.get("/api/articles").json()
    goma = next(a for a in arts if (a["title"] or "").startswith("Rebels seize"))
    page = client.get(f"/articles/{goma['id']}").text
    assert re.search(r'<a href="/actors/peter%20\w+" class="[^"]*ent ent-person[^"]*"', page)
    assert re.search(r'data-claims="c\d+( c\d+)*"', page)
    assert '<li id="c1" data-claim="c1"' in page
    assert "/static/article.js" in page and "<script>" not in page
    assert "Reuters" in page          # the outlet of the URL's domain


def test_analyze_form_with_url_language_and_store(client):
    csrf = form_token(client)
    text = "The governor of Mykolaiv said on Friday that 3 schools had reopened."
    r = client.post("/analyze", data={"text": text, "csrf_token": csrf, "store": "1",
                                      "token": "s3cret", "language": "en",
                                      "url": "https://news.mykolaiv-daily.example/schools"})
    assert r.status_code == 200
    import re

    link = re.search(r'Stored as <a class="stored-link" href="/articles/([0-9a-f]+)"', r.text)
    assert link, r.text[:500]
    rec = client.get(f"/api/articles/{link.group(1)}").json()
    assert rec["outlet"] == "news.mykolaiv-daily.example" and rec["language"] == "en"
    assert rec["url"] == "https://news.mykolaiv-daily.example/schools"
    # not stored: no confirmation; a forced language is used; bad values are refused
    r = client.post("/analyze", data={"text": text, "csrf_token": csrf, "language": "uk"})
    assert r.status_code == 200 and "Stored as" not in r.text and '<span class="lang">uk' in r.text
    assert client.post("/analyze", data={"text": text, "csrf_token": csrf,
                                         "language": "de"}).status_code == 422
    assert client.post("/analyze", data={"text": text, "csrf_token": csrf,
                                         "url": "javascript:alert(1)"}).status_code == 422
    form = client.get("/analyze").text
    assert 'name="language"' in form and 'name="url"' in form and "/static/analyze.js" in form


def test_overview_and_lists_show_outlets_not_unknown(client):
    arts = client.get("/api/articles", params={"limit": 500}).json()
    assert all(a["outlet"] for a in arts if a.get("url"))
    goma = [a for a in arts if (a["title"] or "").startswith(("Rebels seize", "Goma airport"))]
    assert sorted(a["outlet"] for a in goma) == ["Reuters", "kivu-news.example"]
    page = client.get("/").text
    assert "kivu-news.example" in page and "Reuters" in page


def test_overview_and_search_name_outlets_given_as_domains(tmp_path, analyze):
    from newsgraph.kb.store import Store
    from newsgraph.web import data
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path / "kb.db")
    for outlet in ("www.bbc.co.uk", "bbc.com"):
        store.add_record(analyze(f"Officials in Kherson said on Monday that two bridges had "
                                 f"reopened, {outlet} was told.", title="Bridges reopen in Kherson",
                                 outlet=outlet, language="en"))
    assert data.overview(store)["by_outlet"] == [{"outlet": "BBC", "articles": 2}]
    page = TestClient(create_app(store=store)).get("/search", params={"q": "Kherson"}).text
    assert "<bdi>BBC</bdi>" in page and "www.bbc.co.uk</bdi>" not in page
    store.close()


def test_untitled_stories_read_by_their_opening_words(tmp_path, analyze):
    from newsgraph.kb import queries
    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    assert queries.opening("\n  Short line.\nMore.") == "Short line."
    long = "Rescue teams in the mountains above Ivano-Frankivsk searched all night for two hikers lost"
    assert queries.opening(long).endswith(" …") and len(queries.opening(long)) <= queries.OPENING_CHARS
    store = Store.open(tmp_path / "kb.db")
    rec = analyze(long + " in the snow, officials said on Monday.", language="en")
    assert not rec.get("title")
    store.add_record(rec)
    story = queries.list_stories(store)[0]
    assert story["title"] is None and story["label"].startswith("Rescue teams in the mountains")
    client = TestClient(create_app(store=store))
    for url in ("/stories", "/", f"/stories/{story['id']}"):
        page = client.get(url).text
        assert "Rescue teams in the mountains" in page and f">{story['id']}<" not in page, url
    store.close()


def test_numbers_read_with_thousands_set_apart():
    from newsgraph.web.app import thousands

    assert thousands("11500000") == "11\u202f500\u202f000" and thousands(100) == "100"
    assert thousands(2.5) == "2.5" and thousands("about ten") == "about ten"
