"""`newsgraph watch`: feeds, sitemaps and homepages followed into the knowledge base, against a
local HTTP server (tests/watch_server.py) that plays several news hosts, faulty ones included.
Never the internet."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsgraph.watch import discover
from newsgraph.watch.fetch import Disallowed, Fetcher, FetchError, FetchSettings
from newsgraph.watch.sources import SourceError, load_sources
from newsgraph.watch.urls import normalize

from watch_server import (BROKEN, EXPECTED, FAULTY_SOURCES, GOOD_SOURCES, HOME, LOOP, NEWS, RU,
                          SLOW, UK, NewsServer, Reply, page, rss, site)

ROOT = Path(__file__).resolve().parents[1]
FAST = dict(timeout=0.5, retries=1, backoff=0.05, rate=0.05)
CLI_FAST = ["--rate", "0.05", "--timeout", "0.5", "--retries", "1", "--backoff", "0.05"]


@pytest.fixture
def server():
    with NewsServer(site()) as srv:
        yield srv


def fetcher_for(server, **kw) -> Fetcher:
    return Fetcher(FetchSettings(**{**FAST, **kw}), proxy=server.proxy)


def watch_once(store, server, pipeline, urls, **kw):
    from newsgraph.watch.loop import Watcher

    with fetcher_for(server) as fetcher:
        watcher = Watcher(store, load_sources(None, urls), fetcher=fetcher, pipeline=pipeline, **kw)
        return watcher.run(once=True)


def stored_articles(store) -> dict[str, str]:
    from sqlalchemy import select

    from newsgraph.kb.store import articles

    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.url, articles.c.language)).all()
    urls = [r.url for r in rows]
    assert len(urls) == len(set(urls)), f"an article stored twice: {sorted(urls)}"
    return {r.url: r.language for r in rows}


# -- URLs and sources ----------------------------------------------------------------------------
def test_urls_are_normalised():
    assert normalize("HTTP://News.Example.org:80/a/./b/../c.html?utm_source=rss&id=3&fbclid=x#top") \
        == "http://news.example.org/a/c.html?id=3"
    assert normalize("https://uk.example.org/статті/1") == \
        "https://uk.example.org/%D1%81%D1%82%D0%B0%D1%82%D1%82%D1%96/1"
    assert normalize("http://x.example.org/a?b=2&a=1") == normalize("http://x.example.org/a?a=1&b=2")
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "/relative/path", ""):
        with pytest.raises(ValueError):
            normalize(bad)


def test_sources_file(tmp_path):
    f = tmp_path / "sources.yml"
    f.write_text("sources:\n"
                 "  - url: http://news.example.org/rss.xml\n    language: en\n"
                 "    outlet: Example News\n    interval: 5m\n"
                 "  - http://uk.example.org/atom.xml\n"
                 "  - url: http://news.example.org/rss.xml?utm_source=x\n", encoding="utf-8")
    srcs = load_sources(f, ["http://ru.example.org/sitemap_index.xml"], interval=60)
    assert [s.url for s in srcs] == ["http://news.example.org/rss.xml", "http://uk.example.org/atom.xml",
                                     "http://ru.example.org/sitemap_index.xml"]
    assert (srcs[0].language, srcs[0].outlet, srcs[0].interval) == ("en", "Example News", 300)
    assert srcs[1].interval == 60 and srcs[1].language is None

    cases = {
        "sources:\n  - language: en\n": "source 1: 'url' is missing",
        "sources:\n  - url: http://a.example.org/\n    language: de\n": "language must be one of",
        "sources:\n  - url: http://a.example.org/\n    interval: soon\n": "interval must be",
        "sources:\n  - url: http://a.example.org/\n    colour: red\n": "unknown key(s) colour",
        "sources:\n  - url: mailto:x@example.org\n": "not an http(s) URL",
        "sources: [\n": "not valid YAML",
        "feeds: []\n": "unknown top-level key(s) feeds",
    }
    for text, message in cases.items():
        f.write_text(text, encoding="utf-8")
        with pytest.raises(SourceError) as err:
            load_sources(f)
        assert message in str(err.value) and "\n" not in str(err.value), text
    with pytest.raises(SourceError, match="no such file|No such file"):
        load_sources(tmp_path / "missing.yml")


# -- fetching -------------------------------------------------------------------------------------
def test_fetcher_robots_rate_limit_retries_and_faults(server):
    with fetcher_for(server, rate=0.3) as f:
        with pytest.raises(Disallowed):
            f.get(f"{NEWS}/private/secret.html")
        assert server.hits[f"{NEWS}/private/secret.html"] == 0
        assert f.get(f"{UK}/atom.xml").status == 200        # no robots.txt there (404): allowed

        # one host at most every 0.3 s; another host is not held up by it
        for _ in range(3):
            f.get(f"{NEWS}/rss.xml")
        f.get(f"{UK}/uk/kyiv-metro.html")
        news = [t for t, u in server.times if u == f"{NEWS}/rss.xml"]
        assert all(b - a >= 0.28 for a, b in zip(news, news[1:])), news
        uk_last = max(t for t, u in server.times if u == f"{UK}/uk/kyiv-metro.html")
        assert uk_last - news[-1] < 0.25

    with fetcher_for(server, retries=2, rate=0.0) as f:
        with pytest.raises(FetchError, match="HTTP 500"):
            f.get(f"{BROKEN}/rss.xml")
        assert server.hits[f"{BROKEN}/rss.xml"] == 3          # first try + 2 retries
        with pytest.raises(FetchError, match="timed out"):
            f.get(f"{SLOW}/rss.xml")
        with pytest.raises(FetchError, match="redirect"):
            f.get(f"{LOOP}/rss.xml")
        assert server.hits[f"{LOOP}/rss.xml"] <= 4             # followed a few times, not retried
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(f"{NEWS}/nothing-here.html")
        assert server.hits[f"{NEWS}/nothing-here.html"] == 1   # a 404 is not retried

    # a redirect is followed hop by hop: into a path robots.txt forbids, it stops there
    server.routes[f"{NEWS}/go/secret"] = Reply("", status=302,
                                               headers={"Location": "/private/secret.html"})
    server.routes[f"{NEWS}/go/strike"] = Reply("", status=301,
                                               headers={"Location": f"{NEWS}/en/port-strike.html"})
    with fetcher_for(server) as f:
        with pytest.raises(Disallowed, match="redirected to .*robots.txt does not allow"):
            f.get(f"{NEWS}/go/secret")
        moved = f.get(f"{NEWS}/go/strike")
        assert moved.url == f"{NEWS}/en/port-strike.html" and b"Rotterdam" in moved.content
    assert server.hits[f"{NEWS}/private/secret.html"] == 0

    server.routes[f"{NEWS}/trickle.html"] = Reply("x" * 200, trickle=0.05)
    with fetcher_for(server, max_time=0.3) as f:     # each piece within the timeout, yet slow
        with pytest.raises(FetchError, match="still downloading after 0.3 s"):
            f.get(f"{NEWS}/trickle.html")

    server.routes[f"{NEWS}/big.html"] = Reply("x" * 5000)
    with fetcher_for(server, max_bytes=1000) as f:
        with pytest.raises(FetchError, match="MB limit"):
            f.get(f"{NEWS}/big.html")


def test_gzipped_sitemap(server):
    import gzip

    body = site()[f"{RU}/news-sitemap.xml"].body
    server.routes[f"{RU}/sitemap.xml.gz"] = Reply(gzip.compress(body.encode("utf-8")),
                                                  content_type="application/gzip")
    with fetcher_for(server) as f:
        text = f.get(f"{RU}/sitemap.xml.gz").text()
    assert discover.kind_of(text) == "sitemap"
    assert len(discover.sitemap_links(text, f"{RU}/sitemap.xml.gz")[0]) == 2


def test_conditional_requests(server):
    with fetcher_for(server) as f:
        first = f.get(f"{NEWS}/rss.xml")
        assert first.status == 200 and first.etag == '"news-v1"'
        again = f.get(f"{NEWS}/rss.xml", etag=first.etag)
        assert again.not_modified and again.content == b""
    assert server.conditional[f"{NEWS}/rss.xml"] == 1


def test_robots_crawl_delay_is_obeyed(server):
    server.routes[f"{UK}/robots.txt"] = Reply("User-agent: newsgraph\nCrawl-delay: 1\n",
                                              content_type="text/plain")
    with fetcher_for(server, rate=0.0) as f:
        for _ in range(3):
            f.get(f"{UK}/atom.xml")
        for _ in range(3):
            f.get(f"{NEWS}/rss.xml")          # no Crawl-delay there: no pause
    uk = [t for t, u in server.times if u == f"{UK}/atom.xml"]
    news = [t for t, u in server.times if u == f"{NEWS}/rss.xml"]
    assert all(b - a >= 0.95 for a, b in zip(uk, uk[1:])), uk
    assert news[-1] - news[0] < 0.3


def test_unreachable_robots_txt_means_disallowed(server):
    server.routes["http://down.example.org/robots.txt"] = Reply("oops", status=503)
    server.routes["http://down.example.org/a.html"] = Reply(page("A", ["Some text here."]))
    with fetcher_for(server, retries=0) as f:
        with pytest.raises(Disallowed, match=r"robots.txt of http://down.example.org could not "
                                             r"be read \(HTTP 503\)"):
            f.get("http://down.example.org/a.html")
    assert server.hits["http://down.example.org/a.html"] == 0


# -- discovery ----------------------------------------------------------------------------------------
def test_discovery_of_feeds_sitemaps_and_homepages(server):
    routes = site()
    links = discover.feed_links(routes[f"{NEWS}/rss.xml"].body, f"{NEWS}/rss.xml")
    assert {normalize(u) for u in links} == {
        f"{NEWS}/en/port-strike.html", f"{NEWS}/en/aid-package.html",
        f"{NEWS}/en/missile-odesa.html", f"{NEWS}/amp/missile-odesa.html",
        f"{NEWS}/private/secret.html"}                         # the malformed entries left out
    assert discover.kind_of(routes[f"{NEWS}/rss.xml"].body) == "feed"
    assert discover.kind_of(routes[f"{UK}/atom.xml"].body) == "feed"
    assert sorted(discover.feed_links(routes[f"{UK}/atom.xml"].body, f"{UK}/atom.xml")) == [
        f"{UK}/uk/kyiv-metro.html", f"{UK}/uk/shmyhal-energy.html"]
    index = routes[f"{RU}/sitemap_index.xml"].body
    assert discover.kind_of(index) == "sitemap"
    assert discover.sitemap_links(index, f"{RU}/sitemap_index.xml") == (
        [], [f"{RU}/news-sitemap.xml"])
    pages, children = discover.sitemap_links(routes[f"{RU}/news-sitemap.xml"].body,
                                             f"{RU}/news-sitemap.xml")
    assert sorted(pages) == [f"{RU}/ru/lavrov-talks.html", f"{RU}/ru/moscow-snow.html"]
    home = routes[f"{HOME}/"].body
    assert discover.kind_of(home) == "homepage"
    assert discover.homepage_feeds(home, f"{HOME}/") == [f"{HOME}/feed.rss"]
    # hostile input: no links, no crash
    for junk in ("", "<rss><channel><item><link>", "{\"items\": 5}", "\x00\x01<urlset>",
                 "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><urlset>&a;</urlset>"):
        assert isinstance(discover.feed_links(junk, f"{NEWS}/rss.xml"), list)
        assert isinstance(discover.sitemap_links(junk, f"{NEWS}/s.xml")[0], list)


# -- the watch ------------------------------------------------------------------------------------------
def test_watch_stores_every_article_once_and_survives_faulty_sources(store, server, pipeline):
    from newsgraph.watch.state import WatchState

    summary = watch_once(store, server, pipeline, GOOD_SOURCES + FAULTY_SOURCES)
    assert stored_articles(store) == EXPECTED
    assert summary.stored == len(EXPECTED) and summary.duplicates == 1
    assert {s for s, _ in summary.source_errors} == set(FAULTY_SOURCES)
    assert server.hits[f"{NEWS}/private/secret.html"] == 0            # robots.txt
    # the AMP copy (canonical link) is not fetched again, nor is any article page twice
    article_hits = {u: n for u, n in server.hits.items() if u.endswith(".html")}
    assert all(n == 1 for n in article_hits.values()), article_hits

    health = {h["url"]: h for h in WatchState(store.engine).health()}
    assert health[f"{NEWS}/rss.xml"]["articles"] == 3 and health[f"{NEWS}/rss.xml"]["healthy"]
    assert health[f"{NEWS}/rss.xml"]["urls"]["disallowed"] == 1
    assert health[f"{HOME}/"]["resolved"] == f"{HOME}/feed.rss"
    assert health[f"{BROKEN}/rss.xml"]["last_error"] == "HTTP 500"
    assert "timed out" in health[f"{SLOW}/rss.xml"]["last_error"]
    assert "redirect" in health[f"{LOOP}/rss.xml"]["last_error"]
    assert all(health[u]["errors"] == 1 and not health[u]["healthy"] for u in FAULTY_SOURCES)

    state = WatchState(store.engine)
    assert "Rotterdam" in state.raw_html(f"{NEWS}/en/port-strike.html")   # kept for rebuilds
    from sqlalchemy import select

    from newsgraph.kb.store import articles

    with store.engine.connect() as conn:
        assert all(conn.execute(select(articles.c.story_id)).scalars())   # grouped into stories

    # a second poll: the feed answers 304 to its ETag, nothing is fetched or stored again
    hits_before = dict(server.hits)
    again = watch_once(store, server, pipeline, GOOD_SOURCES)
    assert again.stored == 0 and again.fetched == 0
    assert server.conditional[f"{NEWS}/rss.xml"] == 1
    assert {u: n for u, n in server.hits.items() if u.endswith(".html")} == article_hits
    assert server.hits[f"{NEWS}/rss.xml"] == hits_before[f"{NEWS}/rss.xml"] + 1
    assert stored_articles(store) == EXPECTED


def test_new_entries_arrive_and_join_stories(store, server, pipeline, tmp_path):
    watch_once(store, server, pipeline, [f"{NEWS}/rss.xml"])
    assert len(stored_articles(store)) == 3
    # the feed changes: one new article, a second report of the Odesa strike
    server.routes[f"{NEWS}/en/odesa-follow-up.html"] = Reply(page(
        "Odesa strike death toll rises",
        ["At least 12 people were killed when a missile hit a residential building in Odesa "
         "overnight, regional governor Oleh Kiper said on Telegram on Wednesday.",
         "Kiper said rescue workers were still searching the rubble of the building in Odesa."]))
    server.routes[f"{NEWS}/rss.xml"] = Reply(rss([
        ("Strike", f"{NEWS}/en/port-strike.html"),
        ("Odesa", f"{NEWS}/en/odesa-follow-up.html")]), content_type="application/rss+xml",
        etag='"news-v2"')
    summary = watch_once(store, server, pipeline, [f"{NEWS}/rss.xml"])
    assert summary.stored == 1 and summary.new_urls == 1
    assert server.hits[f"{NEWS}/en/port-strike.html"] == 1
    from newsgraph.kb.queries import list_stories

    stories = list_stories(store)
    odesa = [s for s in stories if any("Odesa" in (a["title"] or "") for a in s["articles"])]
    assert len(odesa) == 1 and len(odesa[0]["articles"]) == 2


def test_page_without_text_and_failing_pages_fail_alone(store, server, pipeline):
    server.routes[f"{NEWS}/rss.xml"] = Reply(rss([
        ("Empty", f"{NEWS}/en/empty.html"), ("Gone", f"{NEWS}/en/gone.html"),
        ("Broken", f"{NEWS}/en/error.html"), ("Strike", f"{NEWS}/en/port-strike.html")]),
        content_type="application/rss+xml")
    server.routes[f"{NEWS}/en/empty.html"] = Reply("<html><head><title>Nothing</title></head><body><div></div></body></html>")
    server.routes[f"{NEWS}/en/error.html"] = Reply("down", status=503, content_type="text/plain")
    summary = watch_once(store, server, pipeline, [f"{NEWS}/rss.xml"])
    assert stored_articles(store) == {f"{NEWS}/en/port-strike.html": "en"}
    failed = dict(summary.failed)
    assert "no article text" in failed[f"{NEWS}/en/empty.html"]
    assert failed[f"{NEWS}/en/gone.html"] == "HTTP 404"
    assert failed[f"{NEWS}/en/error.html"] == "HTTP 503"
    # a transient failure (503) is tried again on the next poll; a 404 is not
    server.routes[f"{NEWS}/en/error.html"] = Reply(page("Back", [
        "The port authority in Rotterdam said on Wednesday that the strike had ended after the "
        "union accepted a pay rise of 4 percent, and ships were leaving the port again."]))
    again = watch_once(store, server, pipeline, [f"{NEWS}/rss.xml"])
    assert again.stored == 1
    assert server.hits[f"{NEWS}/en/gone.html"] == 1 and server.hits[f"{NEWS}/en/empty.html"] == 1


# -- command line and web -----------------------------------------------------------------------------
@pytest.fixture
def cli_env(server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", server.proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    saved = signal.getsignal(signal.SIGTERM)
    yield server
    signal.signal(signal.SIGTERM, saved)


def test_cli_watch_once_sources_and_web_page(cli_env, tmp_path, capsys):
    from newsgraph.cli import main

    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n"
        f"  - url: {UK}/atom.xml\n    language: uk\n    outlet: \"<script>alert(1)</script>\"\n"
        f"  - url: {BROKEN}/rss.xml\n    outlet: Broken Wire\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    rc = main(["watch", "--once", "--sources", str(sources), "--db", db, *CLI_FAST])
    out, err = capsys.readouterr()
    assert rc == 1                                   # a source failed; the other was stored
    assert "stored 2" in out and "(1 failed)" in out
    assert err.strip().splitlines() == [f"newsgraph: Broken Wire: HTTP 500"]

    assert main(["sources", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"{BROKEN}/rss.xml  [FAILING]" in out and "HTTP 500" in out
    assert f"{UK}/atom.xml  [ok]" in out and "articles 2" in out
    assert main(["sources", "--db", db, "--format", "json"]) == 0
    data = {s["url"]: s for s in json.loads(capsys.readouterr().out)}
    assert data[f"{UK}/atom.xml"]["articles"] == 2 and data[f"{BROKEN}/rss.xml"]["errors"] == 1

    from fastapi.testclient import TestClient

    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    with Store.open(db) as store:
        client = TestClient(create_app(store=store))
        api = client.get("/api/sources").json()
        assert {s["url"]: s["articles"] for s in api} == {f"{UK}/atom.xml": 2, f"{BROKEN}/rss.xml": 0}
        html = client.get("/sources")
        assert html.status_code == 200 and "HTTP 500" in html.text
        assert "<script>alert(1)" not in html.text and "&lt;script&gt;alert(1)" in html.text
        assert "unsafe-inline" not in html.headers["content-security-policy"]


def test_cli_watch_usage_errors(tmp_path, capsys):
    from newsgraph.cli import main

    assert main(["watch", "--db", str(tmp_path / "kb.db")]) == 2
    assert "no sources" in capsys.readouterr().err
    bad = tmp_path / "s.yml"
    bad.write_text("sources:\n  - url: http://a.example.org/\n    language: xx\n", encoding="utf-8")
    assert main(["watch", "--sources", str(bad), "--db", str(tmp_path / "kb.db")]) == 2
    err = capsys.readouterr().err
    assert "source 1: language must be one of" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "kb.db").exists()          # nothing opened for a mistake


# -- long-lived process: kill -9 and SIGTERM ---------------------------------------------------------
def _spawn_watch(server, db, *args):
    env = {**os.environ, "HTTP_PROXY": server.proxy, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "watch", "--db", db,
                             *CLI_FAST, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _statuses(db) -> dict[str, str]:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return dict(conn.execute("SELECT url, status FROM watch_urls"))
    except sqlite3.OperationalError:          # not created yet
        return {}


@pytest.mark.slow
def test_resumes_after_kill_9_without_refetching(server, tmp_path, pipeline):
    from newsgraph.kb.store import Store

    for url in EXPECTED:                   # slow pages: the kill lands half way
        server.routes[url].delay = 0.4
    db = str(tmp_path / "kb.db")
    # (a timeout well above the pages' delay: on a loaded machine 0.5 s timed a 0.4 s page out
    # and its retry counted as a second fetch)
    proc = _spawn_watch(server, db, "--timeout", "5", *GOOD_SOURCES)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if sum(s == "stored" for s in _statuses(db).values()) >= 2:
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.kill()                        # kill -9: no clean-up at all
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    before = _statuses(db)
    done_before = {u for u, s in before.items() if s in ("stored", "duplicate")}
    assert 2 <= sum(s == "stored" for s in before.values()) < len(EXPECTED), before
    hits_before = {u: server.hits[u] for u in done_before}

    with Store.open(db) as store:
        summary = watch_once(store, server, pipeline, GOOD_SOURCES)
        assert stored_articles(store) == EXPECTED
    assert summary.stored == len(EXPECTED) - sum(s == "stored" for s in before.values())
    for url in done_before:                # stored before the kill: never fetched again
        assert server.hits[url] == hits_before[url] == 1, url
    # only a page in flight when the process was killed (asked for, never kept) is asked again
    twice = [u for u, n in server.hits.items() if u.endswith(".html") and n > 1]
    assert len(twice) <= 1 and not set(twice) & done_before, server.hits
    assert all(n <= 2 for u, n in server.hits.items() if u.endswith(".html")), server.hits


@pytest.mark.slow
def test_sigterm_finishes_the_current_article_and_exits(server, tmp_path):
    slow = f"{NEWS}/en/budget-vote.html"
    server.routes[slow] = Reply(page("Parliament passes budget after long debate", [
        "The parliament in Vilnius passed the 2026 budget on Thursday after a debate that lasted "
        "more than 14 hours, the speaker's office said.",
        "The budget raises defence spending to 3.5 percent of economic output, finance minister "
        "Gintare Skaiste told reporters after the vote."]), delay=1.5)
    server.routes[f"{NEWS}/rss.xml"] = Reply(rss([("Budget", slow),
                                                  ("Strike", f"{NEWS}/en/port-strike.html")]),
                                             content_type="application/rss+xml")
    db = str(tmp_path / "kb.db")
    proc = _spawn_watch(server, db, f"{NEWS}/rss.xml", "--timeout", "10")
    try:
        assert server.event(slow).wait(120), "the watcher never asked for the page"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    assert err.strip().splitlines()[-1].startswith("newsgraph: terminated")
    assert "Traceback" not in err
    statuses = _statuses(db)
    assert statuses[slow] == "stored"                        # the article in hand was finished
    assert statuses[f"{NEWS}/en/port-strike.html"] == "new"  # the next one was left for later
    assert server.hits[f"{NEWS}/en/port-strike.html"] == 0


def test_failing_source_waits_longer_and_recovers(store):
    from newsgraph.watch.sources import Source
    from newsgraph.watch.state import WatchState

    state = WatchState(store.engine)
    src = Source(url=f"{BROKEN}/rss.xml", interval=60)
    state.sync_sources([src])
    assert state.is_due(src.url)
    waits = []
    for _ in range(3):
        t = time.time()
        state.poll_failed(src.url, "HTTP 500")
        waits.append(state.source(src.url)["next_poll"] - t)
        assert not state.is_due(src.url)
    assert [round(w / 60) for w in waits] == [1, 2, 4]          # the pause doubles
    row = state.source(src.url)
    assert (row["errors"], row["total_errors"], row["last_error"]) == (3, 3, "HTTP 500")
    state.poll_succeeded(src.url, etag='"x"', last_modified=None)
    row = state.source(src.url)
    assert (row["errors"], row["total_errors"], row["last_error"], row["etag"]) == (0, 3, None, '"x"')
    assert row["last_success"] is not None
    state.sync_sources([Source(url=src.url, interval=120, outlet="Renamed")])   # settings change,
    row = state.source(src.url)                                              # health is kept
    assert (row["interval"], row["outlet"], row["total_errors"]) == (120, "Renamed", 3)


def test_rebuild_from_kept_html_fetches_nothing(db_url, server, pipeline, tmp_path):
    from newsgraph.kb.store import Store
    from newsgraph.watch.loop import Watcher
    from newsgraph.watch.state import WatchState

    with Store.open(db_url) as old:
        watch_once(old, server, pipeline, GOOD_SOURCES)
        old_articles = stored_articles(old)
        from sqlalchemy import text

        with old.engine.connect() as conn:
            old_ids = sorted(conn.execute(text("SELECT id FROM articles")).scalars())
    hits = dict(server.hits)

    with Store.open(db_url) as old, Store.open(tmp_path / "rebuilt.db") as new:
        state = WatchState(new.engine)
        # pages with kept HTML: each article's (the Odesa one through its AMP copy; its canonical
        # URL was known from that copy and never fetched)
        assert state.copy_from(WatchState(old.engine)) == len(EXPECTED)
        with Fetcher(FetchSettings(), proxy="http://127.0.0.1:9") as nowhere:   # no network
            summary = Watcher(new, state.sources(), fetcher=nowhere,
                              pipeline=pipeline).rebuild()
        assert summary.fetched == 0 and summary.stored == len(EXPECTED)
        assert stored_articles(new) == old_articles == EXPECTED
        with new.engine.connect() as conn:
            assert sorted(conn.execute(text("SELECT id FROM articles")).scalars()) == old_ids
        disallowed = state.url(f"{NEWS}/private/secret.html")
        assert disallowed["status"] == "disallowed"                     # carried over as it was
        health = {h["url"]: h for h in state.health()}
        assert health[f"{NEWS}/rss.xml"]["articles"] == 3
    assert dict(server.hits) == hits


def test_cli_rebuild_usage_errors(tmp_path, capsys):
    from newsgraph.cli import main

    db = str(tmp_path / "kb.db")
    assert main(["watch", "--rebuild-from", db, "--db", db]) == 2
    assert "not the same one" in capsys.readouterr().err
    assert main(["watch", "--rebuild-from", db, "--once", "--db", str(tmp_path / "n.db")]) == 2
    assert "takes no URLs" in capsys.readouterr().err


def test_long_running_watch_follows_a_feed_until_stopped(store, server, pipeline):
    from newsgraph.watch.loop import Watcher
    from newsgraph.watch.sources import Source
    from newsgraph.watch.state import MAX_ATTEMPTS, WatchState

    feed = f"{NEWS}/rss.xml"
    server.routes[feed] = Reply(rss([("Strike", f"{NEWS}/en/port-strike.html"),
                                     ("Down", f"{NEWS}/en/down.html")]),
                                content_type="application/rss+xml")
    server.routes[f"{NEWS}/en/down.html"] = Reply("busy", status=503, content_type="text/plain")
    state = WatchState(store.engine)
    stop = threading.Event()
    result = {}
    with fetcher_for(server) as fetcher:
        watcher = Watcher(store, [Source(url=feed, interval=1.0)], fetcher=fetcher, stop=stop,
                          pipeline=pipeline)
        thread = threading.Thread(target=lambda: result.update(s=watcher.run()))
        thread.start()
        try:
            def wait_for(url, status="stored", timeout=60):
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    row = state.url(url)
                    if row and row["status"] == status:
                        return True
                    time.sleep(0.05)
                return False

            assert wait_for(f"{NEWS}/en/port-strike.html")
            # a new entry appears: the running watch picks it up at its next poll
            server.routes[feed] = Reply(rss([("Strike", f"{NEWS}/en/port-strike.html"),
                                             ("Down", f"{NEWS}/en/down.html"),
                                             ("Aid", f"{NEWS}/en/aid-package.html")]),
                                        content_type="application/rss+xml")
            assert wait_for(f"{NEWS}/en/aid-package.html")
            time.sleep(2.5)                 # a few more polls
        finally:
            stop.set()
            thread.join(30)
    assert not thread.is_alive() and result["s"].stopped
    assert server.hits[feed] >= 3
    assert server.hits[f"{NEWS}/en/port-strike.html"] == 1
    # the 503 page is tried again at later polls, a bounded number of times, not in a busy loop
    assert state.url(f"{NEWS}/en/down.html")["attempts"] <= MAX_ATTEMPTS
    assert server.hits[f"{NEWS}/en/down.html"] <= MAX_ATTEMPTS * (FAST["retries"] + 1)
    assert stored_articles(store) == {f"{NEWS}/en/port-strike.html": "en",
                                      f"{NEWS}/en/aid-package.html": "en"}
