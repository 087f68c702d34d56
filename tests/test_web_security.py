"""Web security and HTTP conformance (#18 items 5 and 6): CSRF, tokens, analysis limits, RTL
isolation, link schemes, server paths, /docs without a CDN, HTML error pages, HEAD/TRACE."""
from __future__ import annotations

import re
import threading

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.ingest import Article  # noqa: E402
from newsgraph.kb.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402
from newsgraph.web.security import csrf_ok, csrf_token, token_ok  # noqa: E402

RLO = "\u202e"
EVIL = "https://evil.example"
RTL_TITLE = f"Mayor {RLO}reversed headline"


def count(client) -> int:
    return len(client.get("/api/articles", params={"limit": 500}).json())


def form_token(client) -> str:
    page = client.get("/analyze").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.fixture(scope="module")
def kb(tmp_path_factory, pipeline):
    """A knowledge base with three hostile articles: an RTL override in the title, a
    javascript: URL, and an http URL; all read from server paths under /srv/secret."""
    store = Store.open(tmp_path_factory.mktemp("sec") / "kb.db")
    for title, url, text in [
        (RTL_TITLE, "https://news.example/a", "The mayor of Lviv said the bridge would reopen."),
        ("Script link story", "javascript:alert(document.cookie)",
         "Police in Odesa said two men were detained on Friday."),
        ("Data link story", " data:text/html,<script>alert(1)</script>",
         "The governor of Kharkiv said power had been restored."),
    ]:
        art = Article(text=text, title=title, url=url, outlet="test.example",
                      path=f"/srv/secret/data/{title[:6].strip()}.txt")
        rec = next(pipeline.analyze_articles([art]))
        assert "error" not in rec, rec
        store.add_record(rec)
    return store


@pytest.fixture()
def open_client(kb, pipeline):
    """The default server: on localhost, no token."""
    app = create_app(store=kb)
    app.state.ng._pipeline = pipeline
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture()
def token_client(kb, pipeline):
    app = create_app(store=kb, token="s3cret")
    app.state.ng._pipeline = pipeline
    return TestClient(app, raise_server_exceptions=False)


# --- CSRF -----------------------------------------------------------------------------------

def test_cross_origin_form_post_is_refused_with_no_token(open_client):
    before = count(open_client)
    form = {"text": "Officials in Kyiv said the talks would resume.", "store": "1",
            "csrf_token": form_token(open_client)}
    for headers in ({"Origin": EVIL}, {"Referer": EVIL + "/attack.html"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        r = open_client.post("/analyze", data=form, headers=headers)
        assert r.status_code == 403, headers
        r = open_client.post("/api/analyze", json={"text": form["text"], "store": True},
                             headers=headers)
        assert r.status_code == 403, headers
        assert "cross" in r.json()["detail"]
    assert count(open_client) == before


def test_form_needs_this_servers_csrf_token(open_client):
    before = count(open_client)
    text = "Officials in Kyiv said the talks would resume on Monday."
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert open_client.post("/analyze", data={"text": text, "store": "1"},
                            headers=same).status_code == 403
    forged = "9999999999." + "0" * 64
    assert open_client.post("/analyze", data={"text": text, "store": "1", "csrf_token": forged},
                            headers=same).status_code == 403
    # a token signed by another server (another secret) does not pass either
    other = csrf_token(b"another secret", "analyze")
    assert open_client.post("/analyze", data={"text": text, "store": "1", "csrf_token": other},
                            headers=same).status_code == 403
    assert count(open_client) == before
    r = open_client.post("/analyze", headers=same,
                         data={"text": text, "store": "1", "csrf_token": form_token(open_client)})
    assert r.status_code == 200 and "Kyiv" in r.text
    assert count(open_client) == before + 1
    # a browser that vouches for the origin with Sec-Fetch-Site may still send "Origin: null"
    # (e.g. under a stricter Referrer-Policy); an old browser sends only Origin
    for headers in ({"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                    {"Origin": "http://testserver"}):
        r = open_client.post("/analyze", headers=headers,
                             data={"text": text, "csrf_token": form_token(open_client)})
        assert r.status_code == 200, headers
    # the pages do not tell the browser to hide their origin from themselves
    assert open_client.get("/analyze").headers["referrer-policy"] == "same-origin"


def test_csrf_tokens_expire_and_are_per_form():
    secret = b"k" * 32
    tok = csrf_token(secret, "analyze", now=1_000_000)
    assert csrf_ok(secret, "analyze", tok, now=1_000_010)
    assert not csrf_ok(secret, "other-form", tok, now=1_000_010)
    assert not csrf_ok(secret, "analyze", tok, now=1_000_000 + 13 * 3600)
    assert not csrf_ok(secret, "analyze", "", now=1_000_010)
    assert not csrf_ok(secret, "analyze", "abc.def", now=1_000_010)


def test_api_client_without_origin_still_writes_with_the_token(token_client):
    before = count(token_client)
    r = token_client.post("/api/analyze", json={"text": "Police in Gdansk detained two men.",
                                                "store": True},
                          headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200
    assert count(token_client) == before + 1


# --- tokens ---------------------------------------------------------------------------------

def test_empty_token_is_refused_at_startup(tmp_path, capsys):
    with pytest.raises(ValueError, match="token is empty"):
        create_app(tmp_path / "x.db", token="")
    with pytest.raises(ValueError, match="token is empty"):
        create_app(tmp_path / "x.db", token="  ", host="0.0.0.0")
    from newsgraph.cli import main

    assert main(["serve", "--db", str(tmp_path / "y.db"), "--token", ""]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "token is empty" in err


def test_empty_header_does_not_authorise(token_client):
    text = "The governor of Kherson said 12 villages had lost power."
    for headers in ({"Authorization": "Bearer "}, {"Authorization": "Bearer"},
                    {"x-newsgraph-token": ""}, {"Authorization": "Bearer s3cre"}):
        r = token_client.post("/api/analyze", json={"text": text, "store": True}, headers=headers)
        assert r.status_code == 401, headers
    assert not token_ok("", "")
    assert not token_ok("s3cret", "")
    assert token_ok(None, None)


# --- analysis limits ------------------------------------------------------------------------

class BlockingPipeline:
    """Holds every analysis until released, so a test can have one in flight."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def analyze_articles(self, articles):
        for art in articles:
            self.started.set()
            assert self.release.wait(30)
            yield {"id": "fake", "text": art.text, "path": None}


def test_second_analysis_from_one_client_gets_429(tmp_path):
    app = create_app(store=Store.open(tmp_path / "k.db"))
    fake = BlockingPipeline()
    app.state.ng._pipeline = fake
    client = TestClient(app, raise_server_exceptions=False)
    results = []
    first = threading.Thread(target=lambda: results.append(
        client.post("/api/analyze", json={"text": "first text"})))
    first.start()
    try:
        assert fake.started.wait(30)
        r = client.post("/api/analyze", json={"text": "second text"})
        assert r.status_code == 429 and r.headers["retry-after"] == "5"
        r = client.post("/analyze", data={"text": "second text", "csrf_token": form_token(client)})
        assert r.status_code == 429 and r.headers["retry-after"] == "5"
        assert r.headers["content-type"].startswith("text/html")
    finally:
        fake.release.set()
        first.join(30)
    assert results[0].status_code == 200
    # the slot is free again
    assert client.post("/api/analyze", json={"text": "third text"}).status_code == 200


def test_analyses_from_other_clients_wait_a_bounded_time(tmp_path):
    app = create_app(store=Store.open(tmp_path / "k.db"), queue_wait=0.5)
    fake = BlockingPipeline()
    app.state.ng._pipeline = fake
    first_client = TestClient(app, client=("192.0.2.1", 1000))
    other = TestClient(app, client=("192.0.2.2", 1000), raise_server_exceptions=False)
    results = []
    first = threading.Thread(target=lambda: results.append(
        first_client.post("/api/analyze", json={"text": "first text"})))
    first.start()
    try:
        assert fake.started.wait(30)
        r = other.post("/api/analyze", json={"text": "second text"})
        assert r.status_code == 503 and r.headers["retry-after"] == "30"
    finally:
        fake.release.set()
        first.join(30)
    assert results[0].status_code == 200
    assert other.post("/api/analyze", json={"text": "third text"}).status_code == 200


def test_long_text_needs_the_token_and_is_not_echoed(tmp_path):
    app = create_app(store=Store.open(tmp_path / "k.db"), token="s3cret", max_analyze=1000)
    fake = BlockingPipeline()
    fake.release.set()
    app.state.ng._pipeline = fake
    client = TestClient(app, raise_server_exceptions=False)
    long_text = "Zebra " * 400
    r = client.post("/api/analyze", json={"text": long_text})
    assert r.status_code == 413 and len(r.content) < 500 and "Zebra" not in r.text
    r = client.post("/analyze", data={"text": long_text, "csrf_token": form_token(client)})
    assert r.status_code == 413 and "Zebra" not in r.text
    r = client.post("/api/analyze", json={"text": long_text},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200
    assert client.post("/api/analyze", json={"text": "Zebra " * 100}).status_code == 200


# --- rendering of hostile text --------------------------------------------------------------

def _article_id(client, title: str) -> str:
    return next(a["id"] for a in client.get("/api/articles", params={"limit": 500}).json()
                if a["title"] == title)


def test_rtl_override_in_a_title_is_isolated(open_client):
    page = open_client.get(f"/articles/{_article_id(open_client, RTL_TITLE)}").text
    assert f'<h1 dir="auto">{RTL_TITLE}</h1>' in page
    listing = open_client.get("/search", params={"q": "reversed headline"}).text
    assert f"<bdi>{RTL_TITLE}</bdi>" in listing
    # the query itself is user text too
    echo = open_client.get("/search", params={"q": f"x{RLO}y"}).text
    assert f"<bdi>x{RLO}y</bdi>" in echo


def test_only_http_links_become_hrefs(open_client):
    page = open_client.get(f"/articles/{_article_id(open_client, 'Script link story')}").text
    assert 'href="javascript:' not in page.lower()
    assert "javascript:alert(document.cookie)" in page        # shown, as text
    page = open_client.get(f"/articles/{_article_id(open_client, 'Data link story')}").text
    assert 'href=" data:' not in page and 'href="data:' not in page
    assert "<script>alert(1)" not in page
    page = open_client.get(f"/articles/{_article_id(open_client, RTL_TITLE)}").text
    assert 'href="https://news.example/a"' in page


def test_api_shows_no_server_paths(open_client):
    arts = open_client.get("/api/articles", params={"limit": 500}).json()
    seen = []
    for a in arts:
        rec = open_client.get(f"/api/articles/{a['id']}").json()
        seen.append(rec["path"])
    assert "Mayor.txt" in seen
    for url in ["/api/articles", "/api/stories", "/api/search?q=mayor", "/api/timeline"] + \
               [f"/api/stories/{s['id']}" for s in open_client.get("/api/stories").json()] + \
               [f"/api/articles/{a['id']}" for a in arts]:
        r = open_client.get(url)
        assert r.status_code == 200, url
        assert "/srv/secret" not in r.text, url


# --- /docs, error pages, methods ------------------------------------------------------------

def test_docs_load_swagger_from_the_package(open_client, monkeypatch):
    r = open_client.get("/docs")
    assert r.status_code == 200
    srcs = re.findall(r'<script src="([^"]+)"', r.text)
    assert "http://testserver/static/vendor/swagger-ui-bundle.js" in srcs
    assert len(re.findall(r"<script", r.text)) == len(srcs)        # no inline script
    assert "cdn" not in r.text.lower()
    script_src = re.search(r"script-src ([^;]*)", r.headers["content-security-policy"]).group(1)
    assert script_src.strip() == "'self'"
    for href in srcs + re.findall(r'<link rel="stylesheet" href="([^"]+)"', r.text):
        asset = open_client.get(href)
        assert asset.status_code == 200 and len(asset.content) > 300, href
    assert open_client.get("/openapi.json").status_code == 200
    import newsgraph.web.app as web_app

    monkeypatch.setattr(web_app, "VENDOR", ("swagger-ui-missing.js",))
    r = open_client.get("/docs")
    assert r.status_code == 503 and "make web-assets" in r.text


def test_html_error_pages_for_pages_json_for_api(open_client, monkeypatch):
    for method, url, status in [("GET", "/no/such/page", 404), ("POST", "/stories", 405),
                                ("GET", "/search?q=" + "x" * 600, 422)]:
        r = open_client.request(method, url)
        assert r.status_code == status, url
        assert r.headers["content-type"].startswith("text/html"), url
        assert not r.text.lstrip().startswith("{"), url
        assert f"<h1>{status}</h1>" in r.text
    r = open_client.get("/api/articles", params={"limit": 0})
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    from newsgraph.web import data

    def broken(*_a, **_k):
        raise RuntimeError("database is on fire at /srv/secret/kb.db")

    monkeypatch.setattr(data, "overview", broken)
    r = open_client.get("/")
    assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
    assert "/srv/secret" not in r.text


def test_head_and_trace(open_client):
    for url in ("/", "/api/articles", "/static/app.css", "/docs"):
        get, head = open_client.get(url), open_client.head(url)
        assert head.status_code == 200 == get.status_code, url
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
    for url in ("/", "/api/articles", "/analyze"):
        r = open_client.request("TRACE", url)
        assert r.status_code == 405, url
        assert {"GET", "HEAD"} <= set(r.headers["allow"].replace(" ", "").split(",")), url
    r = open_client.delete("/api/articles")
    assert r.status_code == 405 and "GET" in r.headers["allow"]


def test_upload_with_a_bom_and_a_broken_code_unit_is_not_a_server_error(open_client):
    # was a UnicodeDecodeError (500): a UTF-16 BOM followed by half a code unit
    for raw in (b"\xff\xfe\x00", b"\xef\xbb\xbfok \xff", b"\xfe\xff\x00K\x00y\x00i\x00v\xd8"):
        r = open_client.post("/api/analyze/file", files={"file": ("a.txt", raw)})
        assert r.status_code in (200, 422), (raw, r.status_code)
        assert r.headers["content-type"] == "application/json"
