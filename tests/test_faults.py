"""Faults (issue #17): worker processes that die or outlive their parent, writers that wait for
the database's writer lock, a recluster while another writer runs. On SQLite and, with
NEWSGRAPH_TEST_PG, PostgreSQL."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.ingest import Article
from newsgraph.kb.store import LockTimeout, Store

from test_kb_store import PORT, PORT_COPY, _stored_stories_match_a_replay

LINUX = sys.platform.startswith("linux")


def _children(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# -- worker processes ------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_worker_that_dies_fails_only_its_own_article():
    """A worker killed mid-chunk (as by the OOM killer) costs its own article, not its chunk, the
    chunks in flight beside it, or the rest of the run."""
    from newsgraph.engines.local import WORKER_DIED, run_local

    from fault_extractors import POISON

    items = [Article(text=f"Officials in Kharkiv said {n + 2} drones were shot down overnight.",
                     path=f"a{n}.txt") for n in range(10)]
    items[5].text += " " + POISON
    records = list(run_local(items, workers=2, chunk_size=3, language="en",
                             extractors=("newsgraph.extract.actors:ActorExtractor",
                                         "fault_extractors:WorkerKiller")))
    assert [r["path"] for r in records] == [a.path for a in items]
    assert records[5]["error"] == WORKER_DIED
    assert [n for n, r in enumerate(records) if "error" in r] == [5]
    assert all(r["entities"] for n, r in enumerate(records) if n != 5)


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_killed_ingest_leaves_no_workers_and_no_held_lock(db_url, tmp_path, sig):
    """kill -9 (or SIGTERM) of `newsgraph ingest --workers 2` mid-run: its workers die with it
    (they held the parent's database connection open, and with it its transaction and the
    writer lock, when they were forked), and the next writer gets the lock at once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(24):
        (corpus / f"{n:02d}.txt").write_text(
            f"Officials in Sumy said on Monday that shelling damaged {n + 3} houses and a school "
            f"in the village of Bilopillia. Nobody was hurt, the regional governor said.",
            encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus),
                             "--db", db_url, "--workers", "2", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    deadline = time.time() + 300
    try:
        while time.time() < deadline and proc.poll() is None:
            workers |= _children(proc.pid)
            with Store.open(db_url) as s:
                if s.article_count() >= 1 and len(workers) >= 2:
                    break
            time.sleep(0.2)
        assert proc.poll() is None, proc.stderr.read().decode()
        assert len(workers) >= 2, "the ingest started no worker processes"
    finally:
        if proc.poll() is None:
            proc.send_signal(sig)
        code = proc.wait(timeout=60)
        err = proc.stderr.read().decode()
        proc.stderr.close()
    if sig == signal.SIGTERM:
        assert code == 143 and err.strip() == "newsgraph: terminated", err
    gone_by = time.time() + 30
    while time.time() < gone_by and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "worker processes outlived the killed ingest"
    with Store.open(db_url, lock_timeout=10) as s:      # the lock is free: this does not wait
        with s.engine.begin() as conn:
            s._lock_writes(conn)


# -- the writer lock ---------------------------------------------------------------------------------
def test_a_writer_that_waits_too_long_stops_with_a_clear_message(db_url, analyze):
    rec = analyze(PORT)
    holder, waiter = Store.open(db_url), Store.open(db_url, lock_timeout=0.5)
    try:
        with holder.engine.begin() as conn:
            holder._lock_writes(conn)
            start = time.monotonic()
            with pytest.raises(LockTimeout) as err:
                waiter.add_records([rec])
            assert time.monotonic() - start >= 0.45     # it did wait for the lock first
        message = str(err.value)
        assert "busy" in message and "0.5 s lock timeout" in message and "\n" not in message
        if db_url.startswith("postgresql"):
            assert "pg_terminate_backend(" in message     # names the session that holds it
        assert waiter.add_records([rec]) == [True]        # the lock is free again: stored once
        assert waiter.article_count() == 1
    finally:
        holder.close()
        waiter.close()


def test_ingest_on_a_busy_database_exits_with_one_line(db_url, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(PORT, encoding="utf-8")
    Store.open(db_url).close()                    # the schema exists; the holder takes the lock
    with Store.open(db_url) as holder, holder.engine.begin() as conn:
        holder._lock_writes(conn)
        capsys.readouterr()
        code = main(["ingest", str(tmp_path / "a.txt"), "--db", db_url, "--lock-timeout", "0.3",
                     "--workers", "1", "--no-progress"])
        err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("newsgraph: the knowledge base is busy")
    assert "Traceback" not in err


# -- recluster during an ingest ---------------------------------------------------------------------
def test_a_recluster_is_seen_by_a_writer_that_was_running(db_url, analyze, monkeypatch):
    """A writer (an ingest, a web server) started before another process reclustered: before it
    stores again it drops the grouping it had in memory, so a copy joins its original's story
    and the snapshot it saves is the recluster's grouping, not its old one."""
    from newsgraph.kb import stories

    real = stories.story_features
    port, copy = analyze(PORT), analyze(PORT_COPY)
    with Store.open(db_url) as writer:
        # stored with an older version's features (nothing to match on)
        monkeypatch.setattr(stories, "story_features", lambda rec: real(dict(
            rec, text="", title="", entities=[], quantities=[], times=[])))
        assert writer.add_records([port]) == [True]
        monkeypatch.setattr(stories, "story_features", real)
        with Store.open(db_url) as other:
            other.recluster()
        assert writer.add_records([copy]) == [True]
        assert writer.save_clusterer_state()
    stored = _stored_stories_match_a_replay(db_url)
    assert stored[copy["id"]] == stored[port["id"]]
    with Store.open(db_url) as later:
        snapshot, seq = later._load_clusterer_state()
        assert snapshot is not None and seq == 2
        assert snapshot.to_state() == later.clusterer().to_state()


def test_a_stale_writer_does_not_overwrite_the_reclustered_snapshot(db_url, analyze, monkeypatch):
    from newsgraph.kb import stories

    real = stories.story_features
    with Store.open(db_url) as writer:
        monkeypatch.setattr(stories, "story_features", lambda rec: real(dict(
            rec, text="", title="", entities=[], quantities=[], times=[])))
        writer.add_records([analyze(PORT)])
        monkeypatch.setattr(stories, "story_features", real)
        with Store.open(db_url) as other:
            other.recluster()
            saved = other._load_clusterer_state()[0].to_state()
        assert not writer.save_clusterer_state()     # its grouping is from before the recluster
    with Store.open(db_url) as later:
        assert later._load_clusterer_state()[0].to_state() == saved
