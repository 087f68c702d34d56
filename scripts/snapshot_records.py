"""Analyse a fixed sample of the evaluation documents and write their records as JSON lines.

A refactor that must not change behaviour is checked by running this before and after it and
diffing the outputs (`diff before.jsonl after.jsonl` must be empty):

    .venv/bin/python scripts/snapshot_records.py /tmp/before.jsonl
    ... refactor ...
    .venv/bin/python scripts/snapshot_records.py /tmp/after.jsonl && diff /tmp/before.jsonl /tmp/after.jsonl

The sample (about 190 documents, English, Russian and Ukrainian): the seed example, Giveme5W1H
gold articles (with their titles and dates), NER-UK and NEREL dev documents, BSNLP ru/uk raw
documents, PolNeAR dev articles, GUM news documents and WMT22 triples. Fields that depend on the
run (timings, the analysis time stamp) are dropped; keys are sorted. Needs ../shared/datasets
(or NEWSGRAPH_DATASETS).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from newsgraph.eval import bsnlp, clustering, giveme5w1h, gum, ner, polnear
from newsgraph.eval.common import DatasetMissing, default_datasets_dir
from newsgraph.ingest.article import Article
from newsgraph.pipeline import Pipeline

VOLATILE = ("analyzed_at", "timing", "timings", "elapsed")


def sample(datasets: Path, per_set: int) -> list[tuple[str, Article]]:
    out: list[tuple[str, Article]] = []
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "assad-exiles-reuters.en.txt"
    if seed.is_file():
        out.append(("seed", Article(text=seed.read_text(encoding="utf-8"), language="en",
                                    published=date(2024, 12, 18))))
    for doc in giveme5w1h.load(datasets, limit=per_set):
        obj = doc["obj"]
        pub = (obj.get("date_publish") or "")[:10]
        text = "\n\n".join(x for x in (obj.get("description"), obj.get("text")) if x)
        out.append((f"giveme5w1h/{doc['name']}", Article(
            text=text or obj.get("title") or "-", title=obj.get("title"), language="en",
            published=date.fromisoformat(pub) if len(pub) == 10 else None)))
    for lang in ("uk", "ru"):
        for doc_id, text, _ in ner.load_docs(datasets, lang, "dev", limit=per_set):
            out.append((f"ner-{lang}/{doc_id}", Article(text=text, language=lang)))
        for doc_id, text, _ in bsnlp.load_docs(datasets, lang, limit=per_set // 2):
            out.append((f"bsnlp-{lang}/{doc_id}", Article(text=text, language=lang)))
    for doc in polnear.load_split(datasets, "dev", limit=per_set):
        out.append((f"polnear/{doc['id']}", Article(text=doc["text"], language="en")))
    for doc_id, text, _ in gum.read_docs(datasets):
        out.append((f"gum/{doc_id}", Article(text=text, language="en")))
    for article, gold in clustering.load_wmt22(datasets, limit=per_set // 3):
        out.append((f"wmt22/{article.path}", article))
    return out


def strip(obj):
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="JSON lines file to write")
    ap.add_argument("--datasets", type=Path, default=default_datasets_dir())
    ap.add_argument("--per-set", type=int, default=30, help="documents from each set (default 30)")
    args = ap.parse_args(argv)
    try:
        docs = sample(args.datasets, args.per_set)
    except DatasetMissing as exc:
        print(f"snapshot: {exc}", file=sys.stderr)
        return 2
    pipe = Pipeline()
    names = [n for n, _ in docs]
    with open(args.out, "w", encoding="utf-8") as fh:
        for name, rec in zip(names, pipe.analyze_articles([a for _, a in docs])):
            fh.write(json.dumps({"doc": name, "record": strip(rec)}, ensure_ascii=False,
                                sort_keys=True) + "\n")
    print(f"snapshot: {len(docs)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
