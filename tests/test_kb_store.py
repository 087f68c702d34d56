"""Knowledge-base storage: lossless records, idempotent and resumable ingest, failures, actors
across articles, full-text search with hostile input, on SQLite and on a real PostgreSQL server.

PostgreSQL comes from env NEWSGRAPH_TEST_PG (e.g. postgresql://newsgraph:newsgraph@127.0.0.1:5432/
newsgraph_test; .ci/run starts one). Without it the PostgreSQL variants skip, except under CI=true,
where they fail: CI must test both databases.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.kb import actors as kb_actors
from newsgraph.kb.ingest import ingest
from newsgraph.kb.store import Store

# the db_url and store fixtures (SQLite and PostgreSQL) are in conftest.py


def without_times(dump: dict) -> dict:
    """Table contents less the ingest timestamps (articles.ingested_at, failures.failed_at)."""
    from newsgraph.kb.store import articles, failures

    out = dict(dump)
    drop = {"articles": list(articles.c.keys()).index("ingested_at"),
            "failures": list(failures.c.keys()).index("failed_at")}
    for table, col in drop.items():
        out[table] = sorted((r[:col] + r[col + 1:] for r in dump[table]), key=repr)
    return out


# -- texts written for these tests -----------------------------------------------------------------------
PORT = ("Ukrainian officials said on Tuesday that a Russian drone strike damaged a grain terminal in "
        "the port of Izmail overnight. Oleh Kiper, head of the Odesa regional administration, said "
        "two workers were injured and 40,000 tonnes of grain were destroyed.")
PORT_COPY = PORT + " The port authority declined to comment."
GRID = ("Moldova and Romania agreed on Friday to link their power grids by 2026, Moldovan energy "
        "minister Victor Parlicov said. The European Union will fund the new line, he said.")
ASSAD = ("Bashar al-Assad, the former Syrian president, fled to Moscow in December 2024, Reuters "
         "reported. Assad has accepted his exile, but his brother Maher al-Assad has not, the agency "
         "said. Bashar al-Assad did not respond to requests for comment. Assad is accused of torture.")


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in (("a-port.txt", PORT), ("b-grid.txt", GRID), ("c-port-copy.txt", PORT_COPY),
                       ("d-assad.txt", ASSAD)):
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_open_runs_migrations_to_head_once(db_url):
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    head = ScriptDirectory(str(Path(Store.open.__code__.co_filename).with_name("migrations"))) \
        .get_current_head()
    for _ in range(2):                             # a second open finds it at head already
        with Store.open(db_url) as s, s.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
            assert s.article_count() == 0


# -- records are stored losslessly and once ---------------------------------------------------------------
def test_records_round_trip_exactly_and_once(store, analyze, tmp_path):
    from newsgraph.kb.export import export_jsonl

    recs = [analyze(PORT, title="Drone hits Izmail port", outlet="example.org"), analyze(ASSAD)]
    assert [store.add_record(r) for r in recs] == [True, True]
    assert [store.add_record(r) for r in recs] == [False, False]     # same id: stored once
    assert store.article_count() == 2
    out = tmp_path / "out.jsonl"
    assert export_jsonl(store, out) == 2
    lines = out.read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == recs
    assert lines[0] == json.dumps(recs[0], ensure_ascii=False)


def test_rows_follow_the_record(store, analyze):
    from sqlalchemy import select

    from newsgraph.kb.store import claims, entities

    rec = analyze(ASSAD)
    store.add_record(rec)
    with store.engine.connect() as conn:
        ents = conn.execute(select(entities.c.local_id, entities.c.name, entities.c.actor_key)
                            .where(entities.c.article_id == rec["id"])).all()
        n_claims = len(conn.execute(select(claims.c.claim_id)).all())
    assert sorted(e.local_id for e in ents) == sorted(e["id"] for e in rec["entities"])
    assert n_claims == len(rec["claims"])
    keys = {e.name: e.actor_key for e in ents}
    assert keys["Bashar al-Assad"] == keys.get("Assad", keys["Bashar al-Assad"])
    if "Maher al-Assad" in keys:
        assert keys["Maher al-Assad"] != keys["Bashar al-Assad"]


# -- actors: keys and bare surnames ---------------------------------------------------------------------
def _ent(id_, name, n, type_="PERSON", key=None):
    e = {"id": id_, "name": name, "type": type_, "aliases": [], "titles": [],
         "mentions": [{"start": i * 10, "end": i * 10 + len(name), "text": name} for i in range(n)]}
    if key:
        e["key"] = key
    return e


def test_bare_surname_joins_the_full_name_in_its_own_article():
    rec = {"entities": [_ent("e1", "Bashar al-Assad", 3), _ent("e2", "Maher al-Assad", 1),
                        _ent("e3", "Assad", 5), _ent("e4", "Kamal Hassan", 2),
                        _ent("e5", "Syria", 2, "LOC")]}
    keyed = kb_actors.assign(rec)
    assert keyed["e3"] == keyed["e1"] == "bashar al-assad"
    assert keyed["e2"] == "maher al-assad"
    assert keyed["e5"] == "syria"


def test_bare_surname_stays_apart_when_ambiguous_or_alone():
    tie = kb_actors.assign({"entities": [_ent("e1", "Bashar al-Assad", 2),
                                         _ent("e2", "Maher al-Assad", 2), _ent("e3", "Assad", 4)]})
    assert tie["e3"] == "assad"
    alone = kb_actors.assign({"entities": [_ent("e1", "Assad", 4)]})
    assert alone["e1"] == "assad"                  # never matched across articles by surname


def test_entity_key_wins_over_name():
    keyed = kb_actors.assign({"entities": [_ent("e1", "Башар Асад", 2, key="bashar al-assad"),
                                           _ent("e2", "Асад", 1, key="assad")]})
    assert keyed == {"e1": "bashar al-assad", "e2": "bashar al-assad"}


def test_two_articles_one_actor_with_names(store, analyze):
    from newsgraph.kb.queries import actor_profile, find_actor

    store.add_record(analyze(ASSAD))
    store.add_record(analyze("Reuters reported that Bashar al-Assad lives in Moscow.",
                             outlet="other.example"))
    found = find_actor(store, "bashar al-assad")
    assert found and found[0]["articles"] == 2
    prof = actor_profile(store, found[0]["key"])
    assert prof["name"] == "Bashar al-Assad"
    assert "Bashar al-Assad" in prof["names"]["en"]
    assert find_actor(store, "Assad")[0]["key"] == found[0]["key"]   # by alias too


# -- full-text search ------------------------------------------------------------------------------------------
def test_search_finds_words_and_survives_hostile_input(store, analyze):
    from newsgraph.kb.queries import fts_query, search

    port, grid = analyze(PORT), analyze(GRID)
    store.add_record(port)
    store.add_record(grid)
    hits = search(store, "grain terminal")
    assert [h["id"] for h in hits] == [port["id"]]
    assert "[grain]" in hits[0]["snippet"].lower()
    assert [h["id"] for h in search(store, "POWER grids")] == [grid["id"]]
    assert search(store, "grain grids") == []                  # all words must match
    for hostile in ('"grain', "grain*", "NEAR(grain terminal)", "title:grain", "grain OR x)",
                    "'; DROP TABLE articles; --", "^grain", ""):
        result = search(store, hostile)                        # never an SQL/FTS error
        assert isinstance(result, list)
    assert store.article_count() == 2
    assert fts_query('a"b OR c*') == '"a" "b" "c"'          # OR between words is the operator


# -- ingest: idempotent, resumable, failures -------------------------------------------------------------------
def test_ingest_twice_gives_the_same_database(db_url, pipeline, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    with Store.open(db_url) as s:
        first = ingest(s, [str(corpus)], pipeline=pipeline)
        assert first.stored == 4 and first.ok
        before = s.dump()
        again = ingest(s, [str(corpus)], pipeline=pipeline)
        assert again.stored == 0 and again.skipped == 4
        assert s.dump() == before
        rows = {r[0]: r for r in before["articles"]}
    assert len(rows) == 4


def test_resumed_ingest_equals_one_run(db_url, pipeline, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    files = sorted(str(p) for p in corpus.iterdir())
    whole_db = str(tmp_path / "whole.db")
    with Store.open(whole_db) as s:
        ingest(s, [str(corpus)], pipeline=pipeline)
        whole = without_times(s.dump())
    with Store.open(db_url) as s:                  # "killed" after two articles, then re-run
        ingest(s, files[:2], pipeline=pipeline)
    with Store.open(db_url) as s:
        report = ingest(s, [str(corpus)], pipeline=pipeline)
        assert (report.stored, report.skipped) == (2, 2)
        assert without_times(s.dump()) == whole
        stories = {r[0]: r for r in s.dump()["stories"]}
    from newsgraph.kb.store import articles

    cols = [c for c in articles.c.keys() if c != "ingested_at"]
    rows = {Path(r[cols.index("path")]).name: dict(zip(cols, r)) for r in whole["articles"]}
    copy_row, port_row = rows["c-port-copy.txt"], rows["a-port.txt"]
    assert copy_row["story_id"] == port_row["story_id"] in stories   # wire copy: same story
    assert copy_row["copy_of"] == port_row["id"]
    assert rows["b-grid.txt"]["story_id"] != port_row["story_id"]


def test_next_run_continues_from_the_clusterer_snapshot(db_url, pipeline, tmp_path, monkeypatch):
    """An ingest run saves the clusterer's state; the next process replays only the articles
    stored after it. A snapshot made under other settings is ignored (full replay)."""
    corpus = write_corpus(tmp_path / "corpus")
    files = sorted(str(p) for p in corpus.iterdir())
    with Store.open(db_url) as s:
        ingest(s, files[:3], pipeline=pipeline)
    replayed = []
    original = Store._replay_rows

    def spy(self, after_seq=0, conn=None):
        if conn is None:                           # building the clusterer (not catching up)
            replayed.append(after_seq)
        return original(self, after_seq, conn)

    monkeypatch.setattr(Store, "_replay_rows", spy)
    with Store.open(db_url) as s:
        ingest(s, files, pipeline=pipeline)
        assert replayed == [3]                     # resumed after the 3 stored articles
        assert s.clusterer().seen.keys() == {r[0] for r in s.dump()["articles"]}
    replayed.clear()
    with Store.open(db_url, threshold=0.9) as s:   # other settings: the snapshot does not apply
        assert len(s.clusterer().seen) == 4
        assert replayed == [0]
    replayed.clear()
    from newsgraph.kb.store import clusterer_state

    with Store.open(db_url) as s:                  # a damaged snapshot is only a lost cache
        with s.engine.begin() as conn:
            conn.execute(clusterer_state.update().values(state=b"not zlib"))
        assert len(s.clusterer().seen) == 4
        assert replayed == [0]


def test_recluster_regroups_from_the_stored_records(db_url, pipeline, tmp_path):
    """A database grouped by an older newsgraph (older features, other story columns) is
    noticed, and `recluster` rewrites features, stories and copies as this version groups them,
    in the state a fresh ingest would leave; a second recluster changes nothing."""
    from newsgraph.kb.stories import FEATURES_VERSION
    from newsgraph.kb.store import articles, clusterer_state, stories

    corpus = write_corpus(tmp_path / "corpus")
    fresh_db = str(tmp_path / "fresh.db")
    with Store.open(fresh_db) as s:
        ingest(s, [str(corpus)], pipeline=pipeline)
        fresh = without_times(s.dump())
    with Store.open(db_url) as s:
        ingest(s, [str(corpus)], pipeline=pipeline)
        with s.engine.begin() as conn:          # what an older version left behind
            conn.execute(articles.update().values(features=json.dumps({"v": 1, "lang": "en"}),
                                                  story_id="s-old", copy_of=None))
            conn.execute(stories.delete())
            conn.execute(stories.insert().values(id="s-old", title="old", size=4, first_seq=1))
            conn.execute(clusterer_state.delete())   # its snapshot had other settings anyway
    with Store.open(db_url) as s:
        s.clusterer()
        assert s.stale_features == 4
        counts = s.recluster()
        assert counts == {"articles": 4, "stories": len(fresh["stories"]), "moved": 4}
        assert without_times(s.dump()) == fresh
        with s.engine.connect() as conn:
            versions = {json.loads(f)["v"] for f in conn.scalars(articles.select()
                                                                  .with_only_columns(articles.c.features))}
        assert versions == {FEATURES_VERSION}
        assert s.recluster()["moved"] == 0
    with Store.open(db_url) as s:                  # the snapshot it saved is used
        assert s._load_clusterer_state()[0] is not None
        s.clusterer()
        assert s.stale_features == 0


def test_concurrent_writers_store_one_at_a_time(store, analyze, monkeypatch):
    """A web server stores from its request threads: the store serialises writes (its story
    clusterer and ingest order are shared), and every article is stored once."""
    import threading
    import time

    records = [analyze(f"Officials in Kyiv said {n} drones were shot down overnight.")
               for n in (11, 12, 13, 14)]
    active, peak = [0], [0]
    original = Store._insert_article

    def slow_insert(self, *args, **kwargs):
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        try:
            return original(self, *args, **kwargs)
        finally:
            active[0] -= 1

    monkeypatch.setattr(Store, "_insert_article", slow_insert)
    threads = [threading.Thread(target=store.add_record, args=(r,)) for r in records]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1
    assert store.article_count() == 4
    assert len(store.clusterer().seen) == 4


def _stored_stories_match_a_replay(db_url) -> dict:
    """The invariant of the knowledge base: the stories stored with the articles are those a
    clusterer replaying every article in ingest order assigns. Returns {article id: story}."""
    from newsgraph.kb.stories import StoryClusterer
    from newsgraph.kb.store import articles, stories

    with Store.open(db_url) as s, s.engine.connect() as conn:
        rows = conn.execute(articles.select().with_only_columns(
            articles.c.id, articles.c.seq, articles.c.features, articles.c.story_id,
            articles.c.copy_of).order_by(articles.c.seq)).all()
        sizes = dict(conn.execute(stories.select().with_only_columns(stories.c.id, stories.c.size)).all())
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    replay = StoryClusterer()
    for r in rows:
        assert replay.add(r.id, json.loads(r.features)) == (r.story_id, r.copy_of)
    from collections import Counter

    assert sizes == dict(Counter(r.story_id for r in rows))
    return {r.id: r.story_id for r in rows}


def test_two_processes_writing_to_one_database_stay_consistent(db_url, analyze):
    """Two writers with their own clusterers (two ingests, or an ingest and a web server) take
    turns through the database's writer lock; each first catches up with what the other stored,
    so stories and wire copies are as one writer would make them."""
    recs = {name: analyze(text, published=None) for name, text in
            (("port", PORT), ("grid", GRID), ("copy", PORT_COPY), ("assad", ASSAD))}
    with Store.open(db_url) as a, Store.open(db_url) as b:
        assert a.add_records([recs["port"]]) == [True]
        assert b.add_records([recs["grid"], recs["copy"]]) == [True, True]   # b sees a's port
        assert a.add_records([recs["assad"], recs["copy"]]) == [True, False]  # a sees b's copy
        assert a.save_clusterer_state()
    stored = _stored_stories_match_a_replay(db_url)
    assert stored[recs["copy"]["id"]] == stored[recs["port"]["id"]]


def test_concurrent_writers_in_two_stores_take_turns(db_url, analyze):
    """The same with both writers storing at once from two threads (separate Store objects, so
    only the database's lock orders them)."""
    import threading

    records = [analyze(f"Officials in Kyiv said {n} drones were shot down over the Kyiv region "
                       f"overnight, and debris fell on {n + 100} homes.") for n in range(11, 19)]
    stores = [Store.open(db_url), Store.open(db_url)]
    errors = []

    def write(store, batch):
        try:
            for rec in batch:
                store.add_records([rec])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(stores[0], records[0::2])),
               threading.Thread(target=write, args=(stores[1], records[1::2] + records[:2]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert not errors
    assert len(_stored_stories_match_a_replay(db_url)) == 8


def test_failures_are_kept_skipped_and_retried(db_url, pipeline, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    broken = corpus / "e-empty.txt"
    broken.write_text("   \n", encoding="utf-8")
    with Store.open(db_url) as s:
        report = ingest(s, [str(corpus)], pipeline=pipeline)
        assert report.stored == 4 and not report.ok
        assert [p for p, _ in report.failed] == [str(broken)]
        fails = s.failures()
        assert [f["path"] for f in fails] == [str(broken)] and "empty" in fails[0]["error"]
        later = ingest(s, [str(corpus)], pipeline=pipeline)
        assert later.previously_failed == [str(broken)] and later.stored == 0
        broken.write_text(GRID.replace("Friday", "Monday") + " Talks continue.", encoding="utf-8")
        fixed = ingest(s, [], retry_failed=True, pipeline=pipeline)
        assert fixed.ok and fixed.stored == 1 and fixed.cleared == [str(broken)]
        assert s.failures() == [] and s.article_count() == 5


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates_or_losses(pipeline, tmp_path):
    """A real `newsgraph ingest` killed (SIGKILL) after it stored some articles, then re-run."""
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    corpus = write_corpus(tmp_path / "corpus")
    for n in range(4):
        (corpus / f"z-extra-{n}.txt").write_text(
            f"Officials in Kherson said on Sunday that shelling damaged {n + 3} houses and a school. "
            f"Nobody was hurt, regional governor Oleksandr Prokudin said.", encoding="utf-8")
    whole_db, killed_db = tmp_path / "whole.db", tmp_path / "killed.db"
    with Store.open(str(whole_db)) as s:
        ingest(s, [str(corpus)], pipeline=pipeline)
        whole = without_times(s.dump())
    Store.open(str(killed_db)).close()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus),
                             "--db", str(killed_db), "--workers", "1", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored, deadline = 0, time.time() + 240
    try:
        while time.time() < deadline and proc.poll() is None:
            with sqlite3.connect(killed_db) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            if stored >= 2:
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert stored >= 2, "the ingest stored nothing before the deadline"
    with Store.open(str(killed_db)) as s:
        partial = s.article_count()
        report = ingest(s, [str(corpus)], pipeline=pipeline)
        assert report.stored == 8 - partial and report.skipped == partial
        assert without_times(s.dump()) == whole


def test_processes_opening_a_new_database_at_once(db_url):
    """Several writers starting on a new database at the same time: one creates the schema,
    the others wait for it and find it done."""
    import threading

    errors = []

    def open_it():
        try:
            Store.open(db_url).close()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[0]
    with Store.open(db_url) as s:
        assert s.article_count() == 0
