"""`newsgraph watch`: the sources it follows with their health (watch_sources), and every URL it
has seen (watch_urls): fetched once, its canonical URL, the article it became, and the raw HTML
(zlib-compressed) so records can be rebuilt without fetching again. See watch/state.py.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("name", sa.Text), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8)), sa.Column("outlet", sa.Text),
        sa.Column("interval", sa.Float, nullable=False),
        sa.Column("resolved", sa.Text),
        sa.Column("etag", sa.Text), sa.Column("last_modified", sa.Text),
        sa.Column("last_poll", sa.String(32)), sa.Column("last_success", sa.String(32)),
        sa.Column("next_poll", sa.Float),
        sa.Column("last_error", sa.Text),
        sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("total_errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
        sa.Column("articles", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "watch_urls",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("source_url", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("canonical", sa.Text), sa.Column("article_id", sa.String(64)),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("fetched_at", sa.String(32)), sa.Column("done_at", sa.String(32)),
        sa.Column("html", sa.LargeBinary))
    op.create_index("ix_watch_urls_status", "watch_urls", ["status"])
    op.create_index("ix_watch_urls_source", "watch_urls", ["source_url"])
    op.create_index("ix_watch_urls_canonical", "watch_urls", ["canonical"])


def downgrade() -> None:
    op.drop_index("ix_watch_urls_canonical", "watch_urls")
    op.drop_index("ix_watch_urls_source", "watch_urls")
    op.drop_index("ix_watch_urls_status", "watch_urls")
    op.drop_table("watch_urls")
    op.drop_table("watch_sources")
