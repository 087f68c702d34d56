"""Search by word forms: articles.lemmas holds the base forms of each article's title and text
(kb/lemmas.py: pymorphy3 for uk/ru, spaCy for en), indexed for full-text search beside the
surface words: SQLite's FTS5 table gets a `lemmas` column (the table is rebuilt), PostgreSQL a
stored tsvector `lemma_tsv` ('simple' config, over the lemmas) with a GIN index.

Existing articles are lemmatised here, in chunks (the backfill: about as long as lemmatising
them at ingest; see benchmarks/search.py), so an upgraded database searches word forms at once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sys

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHUNK = 200


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("articles", sa.Column("lemmas", sa.Text))
    _backfill(bind)
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "article_id UNINDEXED, title, body, lemmas, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO articles_fts (article_id, title, body, lemmas) "
                   "SELECT id, coalesce(title, ''), text, coalesce(lemmas, '') FROM articles "
                   "ORDER BY seq")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN lemma_tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('simple', coalesce(lemmas, ''))) STORED")
        op.execute("CREATE INDEX ix_articles_lemma_tsv ON articles USING gin (lemma_tsv)")


def _backfill(bind) -> None:
    articles = sa.table("articles", sa.column("id"), sa.column("seq"), sa.column("title"),
                        sa.column("text"), sa.column("language"), sa.column("lemmas"))
    total = bind.scalar(sa.select(sa.func.count()).select_from(articles)) or 0
    if not total:
        return
    from newsgraph.kb.lemmas import Lemmatiser, article_lemmas

    lem = Lemmatiser()     # this migration's own; runs once per database

    print(f"newsgraph: lemmatising {total} stored article(s) for search (once, migration 0007)",
          file=sys.stderr)
    last = -1
    stmt = articles.update().where(articles.c.id == sa.bindparam("aid")) \
        .values(lemmas=sa.bindparam("lem"))
    while True:
        rows = bind.execute(sa.select(articles.c.id, articles.c.seq, articles.c.title,
                                      articles.c.text, articles.c.language)
                            .where(articles.c.seq > last).order_by(articles.c.seq)
                            .limit(CHUNK)).all()
        if not rows:
            break
        bind.execute(stmt, [{"aid": r.id, "lem": article_lemmas(
            {"title": r.title, "text": r.text, "language": r.language}, lem).replace("\x00", "")}
            for r in rows])
        last = rows[-1].seq


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO articles_fts (article_id, title, body) "
                   "SELECT id, coalesce(title, ''), text FROM articles ORDER BY seq")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_lemma_tsv")
        op.execute("ALTER TABLE articles DROP COLUMN lemma_tsv")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("lemmas")
