"""Exports of the knowledge base.

    jsonl    one full record per line, exactly as analysed (the stored JSON), in ingest order
    csv      one row per article: metadata, story, wire copy, and counts of each record part
    graphml  the actor network (networkx): actor nodes; "relation" edges (subject -> object,
             predicate, weight = articles stating it) and "cooccurrence" edges (weight = articles
             mentioning both)
    parquet  one row per article (pyarrow): metadata, story, the text, entities as a list of
             structs, and the full record as JSON
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import select

from .. import record as rec_mod
from .store import Store, actors, articles, entities, relations

FORMATS = ("jsonl", "csv", "graphml", "parquet")
CSV_FIELDS = ("id", "path", "url", "outlet", "title", "language", "published", "story_id",
              "copy_of", "entities", "relations", "quantities", "times", "claims", "events")


def _rows(store: Store, *cols) -> Iterator[Any]:
    with store.engine.connect() as conn:
        yield from conn.execution_options(yield_per=500).execute(
            select(*cols).order_by(articles.c.seq))


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write the export; returns the number of articles (or graph nodes for graphml)."""
    out = Path(out)
    if fmt == "jsonl":
        return export_jsonl(store, out)
    if fmt == "csv":
        return export_csv(store, out)
    if fmt == "graphml":
        return export_graphml(store, out)
    if fmt == "parquet":
        return export_parquet(store, out)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def export_jsonl(store: Store, out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for (record,) in _rows(store, articles.c.record):
            fh.write(record + "\n")
            n += 1
    return n


def export_csv(store: Store, out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in _rows(store, articles.c.record, articles.c.story_id, articles.c.copy_of):
            rec = rec_mod.loads(row.record)
            writer.writerow({
                **{k: rec.get(k) for k in ("id", "path", "url", "outlet", "title", "language",
                                           "published")},
                "story_id": row.story_id, "copy_of": row.copy_of,
                **{k: len(rec.get(k) or []) for k in ("entities", "relations", "quantities",
                                                      "times", "claims", "events")}})
            n += 1
    return n


def actor_graph(store: Store):
    """The actor network as a networkx MultiDiGraph."""
    import networkx as nx

    g = nx.MultiDiGraph()
    with store.engine.connect() as conn:
        for key, name, type_, count in conn.execute(select(actors).order_by(actors.c.key)):
            g.add_node(key, name=name, type=type_ or "", articles=count)
        rel = Counter()
        for s, p, o, aid in conn.execute(select(relations.c.subject_key, relations.c.predicate,
                                                relations.c.object_key, relations.c.article_id)
                                         .order_by(relations.c.article_id, relations.c.n)):
            if s and o:
                rel[(s, p, o, aid)] = 1
        weights = Counter()
        for (s, p, o, _aid) in rel:
            weights[(s, p, o)] += 1
        co = Counter()
        current, keys = None, set()
        for aid, key in conn.execute(select(entities.c.article_id, entities.c.actor_key)
                                     .order_by(entities.c.article_id, entities.c.actor_key)):
            if aid != current:
                co.update(combinations(sorted(keys), 2))
                current, keys = aid, set()
            keys.add(key)
        co.update(combinations(sorted(keys), 2))
    for (s, p, o), w in sorted(weights.items()):
        g.add_edge(s, o, key=f"rel:{p}", kind="relation", predicate=p, weight=w)
    for (a, b), w in sorted(co.items()):
        g.add_edge(a, b, key="cooccurrence", kind="cooccurrence", predicate="", weight=w)
    return g


def export_graphml(store: Store, out: Path) -> int:
    import networkx as nx

    g = actor_graph(store)
    nx.write_graphml(g, out, encoding="utf-8")
    return g.number_of_nodes()


def export_parquet(store: Store, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    entity_type = pa.list_(pa.struct([("id", pa.string()), ("name", pa.string()),
                                      ("type", pa.string()), ("key", pa.string())]))
    schema = pa.schema([(c, pa.string()) for c in ("id", "path", "url", "outlet", "title",
                                                   "language", "published", "story_id",
                                                   "copy_of", "text")]
                       + [("entities", entity_type), ("record", pa.string())])
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        batch: dict[str, list] = {f.name: [] for f in schema}
        for row in _rows(store, articles.c.record, articles.c.story_id, articles.c.copy_of):
            rec = rec_mod.loads(row.record)
            for k in ("id", "path", "url", "outlet", "title", "language", "published", "text"):
                batch[k].append(rec.get(k))
            batch["story_id"].append(row.story_id)
            batch["copy_of"].append(row.copy_of)
            batch["entities"].append([{"id": e.get("id"), "name": e.get("name"),
                                       "type": e.get("type"), "key": e.get("key")}
                                      for e in rec.get("entities") or []])
            batch["record"].append(row.record)
            n += 1
            if len(batch["id"]) >= 1000:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {f.name: [] for f in schema}
        if batch["id"] or n == 0:
            writer.write_table(pa.table(batch, schema=schema))
    return n
