"""The record's one JSON form (record.dumps / record.loads): lossless, text as written, and the
same text wherever a record is written (the knowledge base, the web API)."""
from __future__ import annotations

import json

import pytest

from newsgraph import record as rec_mod

UK = ("Мер Львова Андрій Садовий заявив у понеділок: «Місто відкриє 2 нові укриття». "
      "Про це повідомило агентство «Укрінформ».")


@pytest.fixture(scope="module")
def uk_record(pipeline):
    rec = pipeline.analyze_text(UK, language="uk", title="Укриття — «нові»",
                                url="https://example.org/uk?q=1&x=ü")
    assert "error" not in rec and rec["entities"]
    return rec


def test_record_round_trips_losslessly(uk_record):
    text = rec_mod.dumps(uk_record)
    back = rec_mod.loads(text)
    assert back == uk_record
    assert list(back) == list(uk_record)                    # keys keep the record's order
    assert rec_mod.dumps(back) == text                      # one text per record
    assert "Садовий" in text and "\\u" not in text          # non-ASCII written as is
    rec_mod.validate(back)
    # every character offset still indexes the same text
    for ent in back["entities"]:
        for m in ent["mentions"]:
            assert back["text"][m["start"]:m["end"]] == m["text"]
    # indentation changes the layout, not the record
    assert rec_mod.loads(rec_mod.dumps(uk_record, indent=2)) == uk_record


def test_odd_characters_survive(uk_record):
    rec = dict(uk_record, title="a\u0000b \u202e \U0001F600 \"q\" \\", path="C:\\x\\y.txt")
    assert rec_mod.loads(rec_mod.dumps(rec)) == rec


def test_the_knowledge_base_stores_the_one_json_form(store, uk_record):
    from sqlalchemy import select

    from newsgraph.kb.store import articles
    from newsgraph.web import data

    assert store.add_record(uk_record)
    with store.engine.connect() as conn:
        stored = conn.execute(select(articles.c.record)
                              .where(articles.c.id == uk_record["id"])).scalar_one()
    assert stored == rec_mod.dumps(uk_record)
    assert data.article(store, uk_record["id"])[0] == uk_record
    # a caller that serialised the record already hands its text over: stored as it is
    other = dict(uk_record, text=uk_record["text"] + " Кінець.", id="f" * 16)
    text = rec_mod.dumps(other)
    assert store.add_record(other, record_json=text)
    with store.engine.connect() as conn:
        assert conn.execute(select(articles.c.record)
                            .where(articles.c.id == other["id"])).scalar_one() == text


def test_web_api_stores_and_returns_one_serialisation(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.kb.store import Store
    from newsgraph.web import data
    from newsgraph.web.app import create_app

    store = Store.open(tmp_path / "kb.db")
    app = create_app(store=store, token="tok")
    app.state.ng._pipeline = pipeline
    client = TestClient(app)
    r = client.post("/api/analyze", json={"text": UK, "language": "uk", "store": True},
                    headers={"Authorization": "Bearer tok"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    rec = r.json()
    rec_mod.validate(rec)
    assert r.text == rec_mod.dumps(data.article(store, rec["id"])[0])     # the stored text
    assert data.article(store, rec["id"])[0] == rec
    assert "Садовий" in r.text
    # without storing, the same record
    r2 = client.post("/api/analyze", json={"text": UK, "language": "uk"})
    assert r2.status_code == 200 and json.loads(r2.text) == rec
    store.close()


def test_a_record_read_with_its_text_is_not_serialised_again(uk_record):
    text = rec_mod.dumps(uk_record)
    kept = rec_mod.loads(text, keep=True)
    assert kept == uk_record and rec_mod.dumps(kept) is text
    assert json.loads(rec_mod.dumps([kept])) == [uk_record]          # inside a list: plain JSON
    assert rec_mod.loads(rec_mod.dumps(kept, indent=2)) == uk_record
    kept["title"] = "changed"                                          # a change drops the text
    assert rec_mod.loads(rec_mod.dumps(kept))["title"] == "changed"
    kept2 = rec_mod.loads(text, keep=True)
    kept2.pop("furniture")
    assert "furniture" not in rec_mod.loads(rec_mod.dumps(kept2))
