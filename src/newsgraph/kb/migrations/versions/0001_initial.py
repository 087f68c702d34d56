"""Knowledge base, first schema: articles (+ full-text search), entities, actors, relations,
claims, events, stories, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("path", sa.Text), sa.Column("url", sa.Text), sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text), sa.Column("language", sa.String(8)),
        sa.Column("published", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("features", sa.Text, nullable=False),
        sa.Column("story_id", sa.Text), sa.Column("copy_of", sa.String(64)),
        sa.Column("ingested_at", sa.String(32), nullable=False))
    op.create_index("ix_articles_story", "articles", ["story_id"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(16)),
        sa.Column("key", sa.Text), sa.Column("actor_key", sa.Text, nullable=False),
        sa.Column("language", sa.String(8)), sa.Column("aliases", sa.Text),
        sa.Column("titles", sa.Text), sa.Column("mentions", sa.Integer),
        sa.PrimaryKeyConstraint("article_id", "local_id"))
    op.create_index("ix_entities_actor", "entities", ["actor_key"])

    op.create_table(
        "actors",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(16)),
        sa.Column("article_count", sa.Integer, nullable=False))
    op.create_index("ix_actors_count", "actors", ["article_count"])

    op.create_table(
        "actor_names",
        sa.Column("actor_key", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name_norm", sa.Text, nullable=False), sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("actor_key", "language", "name", "type"))
    op.create_index("ix_actor_names_norm", "actor_names", ["name_norm"])

    op.create_table(
        "relations",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("subject_key", sa.Text), sa.Column("predicate", sa.Text, nullable=False),
        sa.Column("object_key", sa.Text), sa.Column("evidence", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "n"))
    op.create_index("ix_relations_subject", "relations", ["subject_key"])
    op.create_index("ix_relations_object", "relations", ["object_key"])

    op.create_table(
        "claims",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(32), nullable=False),
        sa.Column("source_key", sa.Text), sa.Column("source_text", sa.Text),
        sa.Column("source_kind", sa.String(16)), sa.Column("status", sa.String(16)),
        sa.Column("content", sa.Text), sa.Column("cue", sa.Text), sa.Column("hedges", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "claim_id"))
    op.create_index("ix_claims_source", "claims", ["source_key"])

    op.create_table(
        "claim_targets",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(32), nullable=False),
        sa.Column("actor_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "claim_id", "actor_key"))
    op.create_index("ix_claim_targets_actor", "claim_targets", ["actor_key"])

    op.create_table(
        "events",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("type", sa.Text), sa.Column("trigger", sa.Text),
        sa.Column("date", sa.String(32)), sa.Column("modality", sa.String(16)),
        sa.Column("place_key", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "event_id"))
    op.create_index("ix_events_date", "events", ["date"])

    op.create_table(
        "event_actors",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(32), nullable=False),
        sa.Column("actor_key", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "event_id", "actor_key", "role"))
    op.create_index("ix_event_actors_actor", "event_actors", ["actor_key"])

    op.create_table(
        "stories",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text), sa.Column("first_date", sa.String(10)),
        sa.Column("last_date", sa.String(10)),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("first_seq", sa.Integer, nullable=False))
    op.create_index("ix_stories_size", "stories", ["size"])

    op.create_table(
        "failures",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("failed_at", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False))

    # full-text search: static DDL, no user input
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin "
                   "(to_tsvector('simple', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("failures", "stories", "event_actors", "events", "claim_targets", "claims",
                  "relations", "actor_names", "actors", "entities", "articles"):
        op.drop_table(table)
