"""A small key/value table for facts about the knowledge base as a whole: the story
`generation`, raised by every recluster so that writers running at the time notice it under the
writer lock and rebuild their clusterer (kb/store.py: Store._catch_up).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "kb_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False))
    op.bulk_insert(meta, [{"key": "generation", "value": "0"}])


def downgrade() -> None:
    op.drop_table("kb_meta")
