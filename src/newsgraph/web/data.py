"""What the pages and the API need from the knowledge base beyond kb.queries: one article's
record, overview counts, and the actor network. Read-only; bound parameters only."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import func, or_, select

from .. import record as rec_mod
from ..ingest.outlets import outlet_or_host
from ..kb.queries import story_openings
from ..kb.store import Store, actors, articles, entities, relations, stories


def article(store: Store, article_id: str) -> tuple[dict[str, Any], str | None] | None:
    """(record, story id) of a stored article, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(articles.c.record, articles.c.story_id)
                           .where(articles.c.id == article_id)).first()
    return (rec_mod.loads(row.record), row.story_id) if row else None


def list_articles(store: Store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.title, articles.c.language,
                                   articles.c.published, articles.c.outlet, articles.c.story_id,
                                   articles.c.url)
                            .order_by(articles.c.seq.desc()).limit(limit).offset(offset)).all()
    return [dict(r._mapping, outlet=outlet_or_host(r.outlet, r.url)) for r in rows]


def overview(store: Store, recent: int = 10) -> dict[str, Any]:
    with store.engine.connect() as conn:
        by_lang = dict(conn.execute(select(articles.c.language, func.count())
                                    .group_by(articles.c.language)).all())
        outlet_counts: Counter = Counter()
        for outlet, n in conn.execute(select(articles.c.outlet, func.count())
                                      .where(articles.c.outlet.is_not(None), articles.c.outlet != "")
                                      .group_by(articles.c.outlet)):
            outlet_counts[outlet_or_host(outlet, None) or outlet] += n   # "www.bbc.com" -> BBC
        # articles stored without an outlet count under their URL's known outlet, else its host
        for (url,) in conn.execute(select(articles.c.url)
                                   .where(or_(articles.c.outlet.is_(None), articles.c.outlet == ""))):
            outlet_counts[outlet_or_host(None, url) or "(unknown)"] += 1
        by_outlet = sorted(outlet_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
        recent_rows = conn.execute(select(stories.c.id, stories.c.title, stories.c.size,
                                          stories.c.last_date)
                                   .order_by(stories.c.first_seq.desc()).limit(recent)).all()
        labels = story_openings(conn, [r.id for r in recent_rows if not r.title])
        counts = {"articles": conn.scalar(select(func.count()).select_from(articles)) or 0,
                  "stories": conn.scalar(select(func.count()).select_from(stories)) or 0,
                  "actors": conn.scalar(select(func.count()).select_from(actors)) or 0}
    return {"counts": counts, "by_language": by_lang,
            "by_outlet": [{"outlet": o, "articles": n} for o, n in by_outlet],
            "recent_stories": [dict(r._mapping, label=r.title or labels.get(r.id))
                               for r in recent_rows]}


def actor_graph(store: Store, key: str, max_nodes: int = 30) -> dict[str, Any]:
    """Cytoscape elements around one actor: relation edges (with the evidence sentences) and
    co-occurrence edges (articles where both appear)."""
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(select(relations.c.subject_key, relations.c.predicate,
                                     relations.c.object_key, relations.c.evidence,
                                     relations.c.article_id)
                              .where(or_(relations.c.subject_key == key,
                                         relations.c.object_key == key)).limit(500)):
            if not r.subject_key or not r.object_key or r.subject_key == r.object_key:
                continue
            e = edges.setdefault((r.subject_key, r.predicate, r.object_key),
                                 {"kind": "relation", "label": r.predicate, "evidence": []})
            if r.evidence and len(e["evidence"]) < 10:
                e["evidence"].append({"text": r.evidence, "article": r.article_id})
        mine = select(entities.c.article_id).where(entities.c.actor_key == key)
        co = conn.execute(select(entities.c.actor_key, func.count(func.distinct(
                entities.c.article_id)).label("n"))
            .where(entities.c.article_id.in_(mine), entities.c.actor_key != key)
            .group_by(entities.c.actor_key).order_by(func.count(func.distinct(
                entities.c.article_id)).desc()).limit(max_nodes)).all()
        co_articles: dict[str, list[str]] = defaultdict(list)
        co_keys = [c.actor_key for c in co]
        if co_keys:
            for a in conn.execute(select(entities.c.actor_key, entities.c.article_id, articles.c.title)
                                  .join(articles, articles.c.id == entities.c.article_id)
                                  .where(entities.c.actor_key.in_(co_keys),
                                         entities.c.article_id.in_(mine)).limit(2000)):
                if len(co_articles[a.actor_key]) < 5:
                    co_articles[a.actor_key].append(json.dumps({"article": a.article_id,
                                                                "text": a.title or a.article_id}))
        related = {k for s, _p, o in edges for k in (s, o)}
        for c in co:
            if c.actor_key not in related:
                edges[(key, "co-occurs", c.actor_key)] = {
                    "kind": "cooccurrence", "label": f"{c.n} article(s)", "weight": c.n,
                    "evidence": [json.loads(x) for x in co_articles[c.actor_key]]}
        keys = {key} | {k[0] for k in edges} | {k[2] for k in edges}
        names = dict(conn.execute(select(actors.c.key, actors.c.name)
                                  .where(actors.c.key.in_(sorted(keys)))).all())
        types = dict(conn.execute(select(actors.c.key, actors.c.type)
                                  .where(actors.c.key.in_(sorted(keys)))).all())
    nodes = [{"data": {"id": k, "label": names.get(k, k), "type": types.get(k) or "",
                       "center": k == key}} for k in sorted(keys)]
    elements = [{"data": {"id": f"edge{n}", "source": s, "target": o, "label": info["label"],
                          "kind": info["kind"], "evidence": info["evidence"]}}
                for n, ((s, _p, o), info) in enumerate(sorted(edges.items()))]
    return {"nodes": nodes, "edges": elements}
