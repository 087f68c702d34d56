"""PostgreSQL full-text search through a stored tsvector column (ranked without re-parsing every
matching text); SQLite keeps its FTS5 table and is untouched.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_articles_tsv")
    op.execute("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
               "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED")
    op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_articles_tsv")
    op.execute("ALTER TABLE articles DROP COLUMN tsv")
    op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin "
               "(to_tsvector('simple', coalesce(title, '') || ' ' || text))")
