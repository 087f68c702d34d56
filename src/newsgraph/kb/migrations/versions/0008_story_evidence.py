"""Why each article is in its story: the evidence of its join (kb/stories.py:
StoryClusterer.assign; shared actors with their names, numbers, dates, days apart, similarity,
translation or wire copy of which article), JSON, written when the article is stored or
reclustered and shown on the story page. NULL for articles stored before this revision until
`newsgraph recluster`.

Revision ID: 0008
Revises: 0006 (0007, search, is chained in between when the branches merge)
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("story_evidence", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:   # SQLite rebuilds the table
        batch.drop_column("story_evidence")
