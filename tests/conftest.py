"""Shared fixtures: one pipeline per test session (models load once), dataset locations."""
from __future__ import annotations

import os
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
