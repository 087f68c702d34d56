"""Bad input never crashes a batch: a closed stdin, file names that are not UTF-8, NUL characters
and lone surrogates in text and URLs, deeply nested JSON, texts with no words, pathological HTML.
Each case gives one clear line (or a 4xx in the API), the rest carries on and nothing is lost."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from newsgraph.record import validate

EN = ("Officials in Kharkiv said on Tuesday that two bridges east of the city had been repaired "
      "and would reopen to traffic next week.")
EN2 = ("The governor of Odesa, Oleh Kiper, said on Friday that the port had resumed grain "
       "shipments after a three-day pause.")
NUL_NAME = ("Prosecutor Mykola\x00Bondar said on Monday that the case would go to court. "
            "Mykola\x00Bondar added that three more suspects were being sought.")
NON_UTF8 = os.fsdecode(b"caf\xe9-report.txt")      # a Latin-1 file name on a UTF-8 system


def cli(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], input=stdin,
                          capture_output=True, timeout=600,
                          env={**os.environ, **(env or {})})


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text, text
    return text


# -- the command line -------------------------------------------------------------------------------


def test_closed_stdin_is_one_clear_error():
    proc = subprocess.run(
        ["bash", "-c", f'exec "{sys.executable}" -m newsgraph.cli analyze - <&-'],
        capture_output=True, timeout=300)
    err = one_line(proc.stderr)
    assert proc.returncode == 1
    assert "standard input is closed" in err
    assert len(err.strip().splitlines()) == 1, err


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_file_name_not_utf8_analyze_writes_valid_jsonl(tmp_path):
    (tmp_path / NON_UTF8).write_text(EN, encoding="utf-8")
    (tmp_path / "good.txt").write_text(EN2, encoding="utf-8")
    proc = cli("analyze", str(tmp_path), "--format", "jsonl")
    one_line(proc.stderr)
    assert proc.returncode == 0
    lines = proc.stdout.decode("utf-8").splitlines()       # strict: raises on invalid UTF-8
    records = [json.loads(line) for line in lines]
    assert len(records) == 2 and not any("error" in r for r in records)
    paths = sorted(r["path"] for r in records)
    assert paths[0].endswith("caf\\xe9-report.txt")
    for r in records:
        validate(r)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_file_name_not_utf8_ingest_and_retry(tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(EN2, encoding="utf-8")
    bad = folder / NON_UTF8
    bad.write_text("", encoding="utf-8")                   # fails first: empty input
    proc = cli("ingest", str(folder), "--db", db_url, "--format", "json")
    err = one_line(proc.stderr)
    assert proc.returncode == 1
    assert "caf\\xe9-report.txt" in err and "empty" in err
    report = json.loads(proc.stdout)
    assert report["stored"] == 1 and len(report["failed"]) == 1

    bad.write_text(EN, encoding="utf-8")                   # fixed: the retry finds the file
    proc = cli("ingest", "--retry-failed", "--db", db_url, "--format", "json")
    one_line(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["stored"] == 1 and report["failed"] == []


def test_nul_in_a_name_seen_twice_is_stored_with_the_rest(tmp_path, db_url):
    folder = tmp_path / "in"
    folder.mkdir()
    # a NUL reaches the text through a JSON escape (a file with a raw NUL is binary, refused)
    (folder / "a-nul.json").write_text(json.dumps({"title": "Court case", "text": NUL_NAME,
                                                   "date_publish": "2024-03-05"}))
    (folder / "b-good.txt").write_text(EN, encoding="utf-8")
    proc = cli("ingest", str(folder), "--db", db_url, "--format", "json")
    one_line(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["stored"] == 2 and report["failed"] == []

    from newsgraph.kb.store import Store

    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            texts = [row[0] for row in conn.execute(text("SELECT text FROM articles"))]
    finally:
        store.close()
    assert any("Mykola Bondar" in t for t in texts)        # the NUL became a space
    assert not any("\x00" in t for t in texts)


def test_whitespace_with_a_language_is_a_clear_error():
    proc = cli("analyze", "-", "--language", "ru", stdin=" \n\t  ...  \n".encode())
    err = one_line(proc.stderr)
    assert proc.returncode == 1
    assert "no words to analyse" in err
    assert "zero-size" not in err


def test_deeply_nested_html_gives_no_stray_log_line(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 10_000 + "x" + "</div>" * 10_000
                    + "</body></html>", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    proc = cli("analyze", str(page), str(good), "--format", "jsonl")
    err = one_line(proc.stderr)
    assert "discarding data" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "nested.html" in lines[0], err
    records = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [("error" in r) for r in records] == [True, False]


# -- the reader ---------------------------------------------------------------------------------------


def test_reader_makes_text_safe_and_keeps_offsets():
    from newsgraph.ingest import Reader

    text = "Minister Ivan\x00Horak met envoys in Lviv. He said \ud800 nothing else."
    art = Reader(as_is=True).from_text(text)
    assert len(art.text) == len(text)
    assert "\x00" not in art.text and "\ud800" not in art.text
    art.text.encode("utf-8")                               # writable as UTF-8


# -- the web API (SQLite and PostgreSQL) ------------------------------------------------------------


@pytest.fixture
def api(db_url, pipeline):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app

    store = Store.open(db_url)
    app = create_app(store=store, token="s3cret")
    app.state.ng._pipeline = pipeline
    yield TestClient(app)
    store.close()


@pytest.mark.parametrize("url", [
    "/api/actors/a%00b", "/api/timeline?actor=a%00b", "/api/claims?actor=a%00b",
    "/api/stories/a%00b", "/api/articles/a%00b", "/actors/a%00b", "/search?q=a%00b",
    "/api/search?q=%00",
])
def test_nul_in_url_is_400(api, url):
    r = api.get(url)
    assert r.status_code == 400, (url, r.status_code, r.text[:200])
    assert "NUL" in r.text


def test_lone_surrogate_and_nul_in_json_body(api):
    body = ('{"text": "Police in Gdansk detained two men on Sunday, a spokesman said. \\ud800 '
            'Officer Anna\\u0000Nowak said the men were released.", "store": true}')
    r = api.post("/api/analyze", content=body.encode(),
                 headers={"content-type": "application/json", "x-newsgraph-token": "s3cret"})
    assert r.status_code == 200, r.text[:300]
    rec = r.json()
    validate(rec)
    assert "\ufffd" in rec["text"] and "\x00" not in rec["text"]
    assert api.get(f"/api/articles/{rec['id']}").status_code == 200


def test_deeply_nested_json_is_4xx(api):
    body = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    r = api.post("/api/analyze", content=body.encode(),
                 headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.status_code


def test_rejected_input_is_not_echoed(api):
    body = json.dumps({"text": "Police said two men were detained.", "title": "Zebra-marker " * 200})
    r = api.post("/api/analyze", content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "Zebra-marker" not in r.text and len(r.text) < 1000
    assert r.json()["detail"][0]["loc"] == ["body", "title"]
