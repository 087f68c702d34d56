"""The Ray engine: same records as the local engine, in order, none lost or duplicated when an
actor's process dies mid-batch; Parquet shards round-trip losslessly into a store.

Needs the `ray` extra (pip install -e ".[test,ray]", which `make setup` does); without it the
Ray tests skip with that message and only the no-Ray behaviour is checked.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from newsgraph.engines import ray as ray_engine
from newsgraph.engines.local import run_local
from newsgraph.ingest import Article, IngestError

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "en" / "port-strike.txt"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data internals
HAVE_RAY = all(importlib.util.find_spec(m) is not None for m in ("ray", "pyarrow"))
needs_ray = pytest.mark.skipif(
    not HAVE_RAY, reason="Ray is not installed: pip install -e '.[test,ray]' (make setup does)")

TEXTS = [
    ("KYIV, March 3 (Reuters) - Ukraine's foreign minister Andrii Sybiha said on Monday that "
     "talks with Poland would resume next week, according to a ministry statement."),
    ("Dockworkers in Rotterdam walked off the job on Tuesday, the union said, halting about "
     "40 ships. The port authority declined to comment."),
    ("The European Commission will propose a 2 billion euro aid package in May, two officials "
     "familiar with the plan told Reuters on condition of anonymity."),
    ("Syrian President Bashar al-Assad fled to Moscow, Russian state media reported, citing a "
     "Kremlin source. Rebels entered Damascus on Sunday."),
    ("Prime Minister Keir Starmer met French President Emmanuel Macron in Paris on Friday to "
     "discuss migration, Downing Street said."),
    ("At least 12 people were killed when a missile hit a residential building in Odesa "
     "overnight, regional governor Oleh Kiper said on Telegram."),
    ("Прем'єр-міністр України Денис Шмигаль заявив у вівторок, що уряд виділить 3 мільярди "
     "гривень на відновлення енергетики."),
    ("Министр иностранных дел России Сергей Лавров заявил в среду, что Москва готова к "
     "переговорам, сообщает ТАСС."),
]


def make_items(texts=TEXTS):
    items: list = []
    for n, text in enumerate(texts):
        items.append(Article(text=text, title=f"Test {n}", url=f"https://example.org/{n}",
                             outlet="Test Wire", published=date(2025, 3, 3 + n % 20),
                             path=f"t{n}.txt"))
    items.insert(3, IngestError("broken.txt", "empty input"))
    return items


@pytest.fixture(scope="module")
def ray_session():
    """One small local Ray for the whole module (2 CPUs, 500 MB object store)."""
    if not HAVE_RAY:
        pytest.skip("Ray is not installed: pip install -e '.[test,ray]' (make setup does)")
    import ray

    started = not ray.is_initialized()
    if started:
        ray_engine._quiet_logs()
        ray.init(num_cpus=2, object_store_memory=500 * 1024 * 1024, include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")
    yield ray
    if started:
        ray.shutdown()


def source_digest() -> str:
    """A hash of the package's code and data as they are on disk now."""
    import newsgraph

    root = Path(newsgraph.__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".yml", ".yaml", ".json", ".txt"):
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


# Ray's actors import the package from disk when they start, this process imported it earlier.
SOURCE_AT_IMPORT = source_digest()


def assert_same(records, expected):
    """Exact equality, reported as the fields that differ (records are long)."""
    assert len(records) == len(expected)
    diffs = [f"#{n} {exp.get('path')}: {key}: {json.dumps(got.get(key), ensure_ascii=False)[:300]}"
             f" != {json.dumps(exp.get(key), ensure_ascii=False)[:300]}"
             for n, (got, exp) in enumerate(zip(records, expected))
             for key in sorted(set(got) | set(exp)) if got.get(key) != exp.get(key)]
    if diffs and source_digest() != SOURCE_AT_IMPORT:
        pytest.skip("newsgraph's code or data changed on disk while these tests ran (a checkout "
                    "being edited): Ray's actors and this process ran different code")
    assert not diffs, "\n".join(diffs)


@pytest.fixture(scope="module")
def local_records():
    return list(run_local(make_items(), workers=1))


# -- without Ray ---------------------------------------------------------------------------------
def test_missing_ray_is_one_clear_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)      # import ray -> ImportError
    with pytest.raises(ray_engine.RayUnavailable, match=r"pip install newsgraph\[ray\]"):
        list(ray_engine.run_ray(make_items()[:1]))

    from newsgraph.cli import main

    status = main(["analyze", str(SAMPLE), "--engine", "ray"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert err == ["newsgraph: the Ray engine needs Ray: pip install newsgraph[ray]"]


def test_items_travel_as_json_losslessly():
    for item in make_items():
        back = ray_engine.decode_item(ray_engine.encode_item(item))
        assert type(back) is type(item)
        assert vars(back) == vars(item)


def test_in_order_rejects_duplicates_and_losses():
    rows = [(1, '{"n": 1}'), (0, '{"n": 0}'), (2, '{"n": 2}')]
    assert [r["n"] for r in ray_engine._in_order(rows, 3)] == [0, 1, 2]
    with pytest.raises(RuntimeError, match="twice"):
        list(ray_engine._in_order(rows + [(1, '{"n": 1}')], 3))
    with pytest.raises(RuntimeError, match="never came back"):
        list(ray_engine._in_order(rows[:2], 3))


# -- with Ray ------------------------------------------------------------------------------------
@needs_ray
def test_same_records_as_local_engine(ray_session, local_records):
    records = list(ray_engine.run_ray(make_items(), workers=2, batch_size=3))
    assert len(records) == len(make_items())
    assert sum("error" not in r for r in records) >= 6       # the English ones analyse
    assert [r.get("path") for r in records] == [getattr(i, "path") for i in make_items()]
    assert_same(records, local_records)                      # exactly, field by field


@needs_ray
def test_actor_killed_mid_batch_loses_and_duplicates_nothing(ray_session, local_records,
                                                              tmp_path):
    marker = tmp_path / "kill-me"
    marker.write_text("the first batch that sees this file kills its actor's process")
    records = list(ray_engine.run_ray(make_items(), workers=2, batch_size=2,
                                      crash_marker=str(marker)))
    assert not marker.exists(), "no actor ran the crash path"
    assert_same(records, local_records)
    ids = [r["id"] for r in records if "id" in r]
    assert len(ids) == len(set(ids)) == sum("error" not in r for r in local_records)


@needs_ray
def test_parquet_shards_round_trip_into_a_store(ray_session, local_records, tmp_path):
    shards = tmp_path / "shards"
    marker = tmp_path / "kill-me"
    marker.write_text("x")
    n = ray_engine.write_shards(make_items(), shards, workers=2, batch_size=3,
                                crash_marker=str(marker))
    assert n == len(make_items()) and not marker.exists()
    files = sorted(shards.glob("*.parquet"))
    assert files

    import pyarrow.parquet as pq

    table = pq.read_table(files[0])
    assert table.column_names == list(ray_engine.OUTPUT_COLUMNS)
    assert_same(list(ray_engine.iter_shards(shards)), local_records)

    class DictStore:           # the knowledge base's add_record contract, by record id
        def __init__(self):
            self.records, self.failures = {}, []

        def add_record(self, record):
            if "error" in record:
                self.failures.append(record["path"])
                return False
            if record["id"] in self.records:
                return False
            self.records[record["id"]] = record
            return True

    store = DictStore()
    good = [r for r in local_records if "error" not in r]
    assert ray_engine.load_shards(shards, store) == len(good)
    assert ray_engine.load_shards(shards, store) == 0       # loading twice stores nothing twice
    assert store.records == {r["id"]: r for r in good}
    assert list(store.records) == [r["id"] for r in good]   # in input order
    assert "broken.txt" in store.failures


@needs_ray
def test_kb_ingest_on_ray_stores_what_local_stores(ray_session, tmp_path):
    try:
        from newsgraph.kb.ingest import ingest
        from newsgraph.kb.store import Store
    except ImportError as exc:
        pytest.skip(f"knowledge base not available: {exc}")
    if not hasattr(Store, "add_record"):
        pytest.skip("knowledge base Store has no add_record yet")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, text in enumerate(TEXTS[:6]):
        (corpus / f"a{n}.txt").write_text(text, encoding="utf-8")
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")

    def dump(db, pipeline):
        with Store.open(tmp_path / db) as store:
            report = ingest(store, [str(corpus)], workers=1, pipeline=pipeline)
            again = ingest(store, [str(corpus)], workers=1, pipeline=pipeline)
            return report, again, store.known_ids([r for r in _ids(corpus)])

    from newsgraph.pipeline import Pipeline

    local, local_again, local_ids = dump("local.db", Pipeline())
    ray_rep, ray_again, ray_ids = dump("ray.db", ray_engine.RayPipeline(workers=2))
    assert ray_rep.stored == local.stored == 6
    assert [p for p, _ in ray_rep.failed] == [p for p, _ in local.failed] == [
        str(corpus / "empty.txt")]
    assert ray_again.stored == 0 and ray_again.skipped == 6
    assert ray_ids == local_ids and len(ray_ids) == 6


def _ids(folder):
    from newsgraph.ingest import Reader
    from newsgraph.record import article_id

    return [article_id(a.text) for a in Reader().read([str(folder)]) if isinstance(a, Article)]


@needs_ray
@pytest.mark.slow
def test_watch_on_ray_stores_what_the_local_engine_stores(ray_session, tmp_path, pipeline):
    """`newsgraph watch --engine ray`: the watcher hands its fetched articles to RayPipeline,
    in batches; the same articles and stories come out as with the in-process pipeline."""
    from watch_server import EXPECTED, GOOD_SOURCES, NewsServer, site

    from newsgraph.kb.store import Store
    from newsgraph.watch.fetch import Fetcher, FetchSettings
    from newsgraph.watch.loop import Watcher
    from newsgraph.watch.sources import load_sources

    def run(db, engine, batch):
        with NewsServer(site()) as server, Store.open(tmp_path / db) as store, \
                Fetcher(FetchSettings(rate=0.0, timeout=5, retries=0), proxy=server.proxy) as f:
            summary = Watcher(store, load_sources(None, GOOD_SOURCES), fetcher=f,
                              pipeline=engine, batch=batch).run(once=True)
            with store.engine.connect() as conn:
                from sqlalchemy import text

                rows = conn.execute(text("SELECT url, id, language FROM articles")).all()
            return summary, sorted(tuple(r) for r in rows)

    local, local_rows = run("local.db", pipeline, 1)
    ray_sum, ray_rows = run("ray.db", ray_engine.RayPipeline(workers=2), 8)
    assert ray_sum.stored == local.stored == len(EXPECTED)
    assert ray_rows == local_rows
    assert {u: lang for u, _, lang in ray_rows} == EXPECTED
