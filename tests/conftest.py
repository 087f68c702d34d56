"""Shared fixtures: one pipeline per test session (models load once), dataset locations."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

# Tests start Ray locally: keep it on loopback (set before anything imports Ray).
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
SEED = SHARED / "examples" / "assad-exiles-reuters.en.txt"


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline):
    """analyze(text, **meta) -> record, through the shared session pipeline."""
    def run(text, **meta):
        return pipeline.analyze_text(text, **meta)
    return run


ENTITY_EXTRACTORS = ("newsgraph.extract.actors:ActorExtractor",
                     "newsgraph.extract.places:PlaceExtractor",
                     "newsgraph.extract.relations:RelationExtractor")


@pytest.fixture(scope="session")
def analyze_entities(pipeline):
    """analyze_entities(text_or_article, language="en") -> a validated record from the entity
    extractors only (actors, places, relations), sharing the session's loaded models."""
    from newsgraph.ingest import Article
    from newsgraph.pipeline import Pipeline
    from newsgraph.record import validate

    pipes = {}

    def run(item, language="en"):
        if language not in pipes:
            pipes[language] = Pipeline(resources=pipeline.resources, extractors=ENTITY_EXTRACTORS,
                                       language=language)
        article = item if isinstance(item, Article) else Article(text=item)
        rec = next(pipes[language].analyze_articles([article]))
        assert "error" not in rec, rec.get("error")
        validate(rec)
        return rec
    return run


@pytest.fixture(scope="session")
def datasets_dir():
    if not DATASETS.is_dir():
        pytest.skip(f"../shared/datasets not found at {DATASETS}: evaluation data is not here")
    return DATASETS


@pytest.fixture(scope="session")
def seed_path():
    if not SEED.is_file():
        pytest.skip(f"seed example not found at {SEED} (../shared is absent)")
    return SEED


@pytest.fixture(scope="session")
def seed_record(pipeline, seed_path):
    from newsgraph.ingest import Reader

    article = next(Reader().read([str(seed_path)]))
    return next(pipeline.analyze_articles([article]))


# -- knowledge-base databases: SQLite, and PostgreSQL from env NEWSGRAPH_TEST_PG -------------------


def _pg_base() -> str:
    url = os.environ.get("NEWSGRAPH_TEST_PG")
    if url:
        return url
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but NEWSGRAPH_TEST_PG is not set: .ci/run must start PostgreSQL and "
                    "export NEWSGRAPH_TEST_PG so the PostgreSQL tests run")
    pytest.skip("PostgreSQL variant skipped: set NEWSGRAPH_TEST_PG=postgresql://user:pass@host/db "
                "to run it")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL: a SQLite file, or a private schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    from sqlalchemy import create_engine, text

    base = _pg_base()
    schema = "ngtest_" + uuid.uuid4().hex[:12]
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg2://", 1)
                          if base.startswith("postgresql://") else base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))     # generated name, not user input
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url):
    from newsgraph.kb.store import Store

    s = Store.open(db_url)
    yield s
    s.close()
