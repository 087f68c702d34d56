"""The knowledge base: many analysed articles in one database, queried across outlets and languages.

    store.py       tables (SQLAlchemy Core), Store.open(url) (SQLite file or postgresql://...; runs
                   the Alembic migrations in migrations/ up to head)
    ingest.py      Reader -> run_local -> records -> Store (idempotent, resumable, failures kept)
    actors.py      which cross-article actor each entity of a record is (entity key, bare surnames)
    stories.py     story clustering and wire copies (StoryClusterer), ledger.py the claim ledger
    queries.py     stories, story, actors, actor profile, timeline, full-text search
    export.py      jsonl, csv, graphml (actor network), parquet

Stories across restarts: every article row keeps its story_id and copy_of, and the features it was
clustered on, with a sequence number. Resuming an ingest rebuilds the StoryClusterer by replaying
the stored (article_id, features) in sequence order; the clusterer is deterministic given that
order, so the rebuilt state is the state the previous run ended with.
"""
