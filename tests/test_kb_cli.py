"""Knowledge-base commands end to end: ingest, stories, story, actors, actor, timeline, search,
export, in text and JSON, on SQLite and (with NEWSGRAPH_TEST_PG) PostgreSQL."""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.kb.ingest import ingest
from newsgraph.kb.store import Store

from test_kb_store import ASSAD, GRID, PORT, write_corpus

RU_ASSAD = ("Бывший президент Сирии Башар Асад, бежавший в Россию в декабре 2024 года, живёт в "
            "Москве, сообщает агентство Reuters. Его брат Махер Асад не смирился с потерей власти. "
            "Башар Асад обвиняется в пытках и убийствах.")


def cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def kb(db_url, pipeline, tmp_path):  # noqa: F811
    corpus = write_corpus(tmp_path / "corpus")
    with Store.open(db_url) as s:
        report = ingest(s, [str(corpus)], pipeline=pipeline)
    assert report.stored == 4
    return db_url


def test_stories_json_shape(kb, capsys):
    code, out, _ = cli(capsys, "stories", "--db", kb, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert all(set(s) == {"id", "title", "label", "articles"} for s in data)
    arts = [a for s in data for a in s["articles"]]
    assert all(set(a) == {"id", "path", "url", "title", "language", "published"} for a in arts)
    assert sorted(Path(a["path"]).name for a in arts) == \
        ["a-port.txt", "b-grid.txt", "c-port-copy.txt", "d-assad.txt"]
    port_story = [s for s in data if any(a["path"].endswith("a-port.txt") for a in s["articles"])][0]
    assert {Path(a["path"]).name for a in port_story["articles"]} >= {"a-port.txt", "c-port-copy.txt"}
    code, text, _ = cli(capsys, "stories", "--db", kb)
    assert code == 0 and port_story["id"] in text


def test_story_groups_wire_copies_and_has_a_ledger(kb, capsys):
    pytest.importorskip("newsgraph.kb.ledger", reason="needs the claim ledger (kb/ledger.py)")
    stories = json.loads(cli(capsys, "stories", "--db", kb, "--format", "json")[1])
    sid = stories[0]["id"]
    code, out, _ = cli(capsys, "story", sid, "--db", kb, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == sid and isinstance(data["ledger"], list)
    assert sum(len(v) for v in data["by_language"].values()) == len(data["articles"])
    copies = [g for g in data["wire_groups"] if g["copies"]]
    assert copies and len(data["articles"]) >= 2
    code, text, _ = cli(capsys, "story", sid, "--db", kb)
    assert code == 0 and "Wire copies" in text and "Claim ledger" in text
    assert cli(capsys, "story", "no-such-story", "--db", kb)[0] == 1


def test_actors_actor_timeline_search(kb, capsys):
    code, out, _ = cli(capsys, "actors", "--db", kb, "--format", "json", "--limit", "50")
    assert code == 0
    actors = json.loads(out)
    assert actors == sorted(actors, key=lambda a: -a["articles"])
    assert any(a["name"] == "Bashar al-Assad" and a["type"] == "PERSON" for a in actors)

    code, out, _ = cli(capsys, "actor", "Bashar al-Assad", "--db", kb, "--format", "json")
    assert code == 0
    prof = json.loads(out)
    assert prof["name"] == "Bashar al-Assad" and "Bashar al-Assad" in prof["names"]["en"]
    for section in ("titles", "relations", "claims_by", "claims_about", "events", "timeline"):
        assert isinstance(prof[section], list if section != "titles" else dict)
    code, text, _ = cli(capsys, "actor", "Bashar al-Assad", "--db", kb)
    assert code == 0 and text.startswith("Bashar al-Assad (PERSON)")
    assert cli(capsys, "actor", "Nobody Atall", "--db", kb)[0] == 1

    code, out, _ = cli(capsys, "timeline", "--db", kb, "--format", "json")
    assert code == 0
    dates = [e["date"] for e in json.loads(out) if e["date"]]
    assert dates == sorted(dates)
    assert cli(capsys, "timeline", "--actor", "Bashar al-Assad", "--db", kb)[0] == 0

    code, out, _ = cli(capsys, "search", "Izmail grain", "--db", kb, "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert {Path(h["id"]).name for h in hits} and len(hits) == 2          # original and copy
    code, text, _ = cli(capsys, "search", '"grain* ^Izmail)', "--db", kb)
    assert code == 0 and "Izmail" in text


def test_exports(kb, capsys, tmp_path):
    import networkx as nx
    import pyarrow.parquet as pq

    outs = {fmt: tmp_path / f"kb.{fmt}" for fmt in ("jsonl", "csv", "graphml", "parquet")}
    for fmt, out in outs.items():
        assert cli(capsys, "export", "--db", kb, "--to", fmt, "--out", str(out))[0] == 0
    records = [json.loads(line) for line in outs["jsonl"].read_text("utf-8").splitlines()]
    assert sorted(Path(r["path"]).name for r in records) == \
        ["a-port.txt", "b-grid.txt", "c-port-copy.txt", "d-assad.txt"]
    with open(outs["csv"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert [int(r["entities"]) for r in rows] == [len(r["entities"]) for r in records]
    g = nx.read_graphml(outs["graphml"])
    assert g.number_of_nodes() > 0
    assert any(d.get("kind") == "cooccurrence" and d.get("weight", 0) >= 1
               for _, _, d in g.edges(data=True))
    table = pq.read_table(outs["parquet"])
    assert table.num_rows == len(records)
    assert [json.loads(r) for r in table.column("record").to_pylist()] == records


def test_ingest_command_exit_status_and_default_db(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "grid.txt").write_text(GRID, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    code, out, err = cli(capsys, "ingest", str(corpus), "--workers", "1", "--format", "json")
    assert code == 1 and "empty.txt" in err
    assert json.loads(out)["stored"] == 1
    assert (tmp_path / "newsgraph.db").is_file()                # the default database
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "other.db"))
    assert cli(capsys, "stories")[0] == 0
    assert (tmp_path / "other.db").is_file()


def test_actor_across_languages(tmp_path, pipeline, seed_path, capsys):
    if importlib.util.find_spec("newsgraph.lang.ru") is None:
        pytest.skip("needs the Russian backend (src/newsgraph/lang/ru.py)")
    ru = tmp_path / "assad.ru.txt"
    ru.write_text(RU_ASSAD, encoding="utf-8")
    rec = pipeline.analyze_text(RU_ASSAD)
    if not any(e.get("key") for e in rec["entities"]):
        pytest.skip("needs cross-lingual entity keys (entities[].key) from the KeyExtractor")
    db = str(tmp_path / "kb.db")
    with Store.open(db) as s:
        assert ingest(s, [str(seed_path), str(ru)], pipeline=pipeline).stored == 2
    code, out, _ = cli(capsys, "actor", "Bashar al-Assad", "--db", db, "--format", "json")
    assert code == 0
    prof = json.loads(out)
    assert prof["articles"] == 2
    assert {"en", "ru"} <= set(prof["names"])
    assert any("Асад" in n for n in prof["names"]["ru"])
    code, text, _ = cli(capsys, "actor", "Башар Асад", "--db", db)
    assert code == 0 and text.startswith("Bashar al-Assad")


def test_recluster_command(kb, capsys, tmp_path):
    """`recluster` regroups from the stored records; `ingest` says when a database was grouped
    by an older version (stored features of another version)."""
    from newsgraph.kb.store import articles, clusterer_state

    before = json.loads(cli(capsys, "stories", "--db", kb, "--format", "json")[1])
    code, out, _ = cli(capsys, "recluster", "--db", kb, "--format", "json")
    assert code == 0 and json.loads(out) == {"articles": 4, "stories": len(before), "moved": 0}
    assert json.loads(cli(capsys, "stories", "--db", kb, "--format", "json")[1]) == before

    with Store.open(kb) as s, s.engine.begin() as conn:
        conn.execute(articles.update().values(features=json.dumps({"v": 1, "lang": "en"})))
        conn.execute(clusterer_state.delete())
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "e.txt").write_text("Moldova's parliament met on Monday in Chisinau to debate the "
                                 "2026 budget, speaker Igor Grosu said.", encoding="utf-8")
    code, _, err = cli(capsys, "ingest", str(extra), "--db", kb, "--no-progress")
    assert code == 0 and "4 stored article(s) were grouped into stories by an older newsgraph" in err
    code, out, _ = cli(capsys, "recluster", "--db", kb, "--no-progress")
    assert code == 0 and out.startswith("5 articles in ")
    code, _, err = cli(capsys, "recluster", "--db", str(tmp_path / "missing" / "x.db"))
    assert code != 0 and err.strip()


def test_story_list_pauses_the_cyclic_collector_and_restores_it(kb, monkeypatch):
    import gc

    from newsgraph.kb import queries

    seen = []
    brief = queries._article_brief
    monkeypatch.setattr(queries, "_article_brief", lambda row: seen.append(gc.isenabled()) or brief(row))
    with Store.open(kb) as s:
        assert gc.isenabled()
        listed = queries.list_stories(s)
        assert gc.isenabled() and seen and not any(seen)
        gc.disable()
        try:
            assert queries.list_stories(s) == listed
            assert not gc.isenabled()          # a caller's own setting is kept
        finally:
            gc.enable()
