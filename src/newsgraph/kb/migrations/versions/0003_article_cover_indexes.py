"""Covering indexes for the story and article lists: in SQLite an article row keeps its text and
record inline, so reading story_id from the row walks the text's overflow pages; the index answers
those queries without touching the rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COVER = ["story_id", "seq", "id", "path", "url", "title", "language", "published", "outlet",
         "copy_of"]


def upgrade() -> None:
    op.create_index("ix_articles_story_cover", "articles", COVER)
    op.create_index("ix_articles_seq_cover", "articles", ["seq", "id", "published", "story_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_seq_cover", "articles")
    op.drop_index("ix_articles_story_cover", "articles")
