"""Story clustering: B-cubed precision/recall/F1 of StoryClusterer against gold stories.

* news-cluster (en): news-please JSON articles; gold story = ``newsCluster`` EventId.
* wmt22 (en/ru/uk): each ``doc_id`` in its three languages is one story (the sentences of each
  language joined into one text); a cross-lingual test. Fed in file order (each document's en,
  ru, uk one after another), and, as a robustness figure, in five random orders.
* mixed (the failure modes of issue #18): news-cluster and wmt22 in one stream, so unrelated
  articles in other languages compete for every join. news-cluster keeps its publication order;
  each wmt22 article is put at its own place in the stream (by a hash of its id), so the three
  languages of one triple arrive apart, between unrelated reports. Gold stories are split into
  a ``tune`` part and an untouched ``check`` part by a hash of the gold story id (fixed, see
  ``part_of``); each part is its own stream. Besides B-cubed: ``triples_split`` (wmt22 documents
  whose three languages do not end in one story), ``triples_joined_unrelated`` (of those, how
  many have a language in a story of another gold story) and ``cross_language_false_joins``
  (articles sharing a predicted story with an article in another language from another gold
  story).

Articles are analysed by the full pipeline (so features come from real records: entity keys,
quantities, times), then fed to the clusterer in publication order (news-cluster) or document
order (wmt22). An article the pipeline fails on is still clustered from its text alone, and
counted under ``pipeline_errors``. Set NEWSGRAPH_EVAL_CACHE=/some/dir to cache analysed records
between runs (keyed by language and text; never inside the repository).
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .common import archive, iter_members

NAME = "clustering"
DESCRIPTION = "story clustering B-cubed P/R/F1 on news-cluster (en) and wmt22 (en/ru/uk triples)"
SWEEP = (0.1, 0.12, 0.14, 0.17, 0.2, 0.25, 0.3, 0.4)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (averaged over items in gold)."""
    items = [i for i in gold if i in pred]
    by_pred: dict[str, set] = defaultdict(set)
    by_gold: dict[str, set] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "items": len(items),
            "predicted_stories": len(by_pred), "gold_stories": len(by_gold)}


# -- data ----------------------------------------------------------------------------------------
def load_news_cluster(datasets: Path, limit: int | None = None) -> list[tuple[Any, str]]:
    """(Article, gold EventId) in publication order."""
    from ..ingest.article import IngestError
    from ..ingest.cleaning import CleaningRules
    from ..ingest.newsplease import parse_object

    rules = CleaningRules.load()
    out = []
    for name, text in iter_members(archive(datasets, "news-cluster"), suffix=".json"):
        obj = json.loads(text)
        cluster = obj.get("newsCluster")
        if isinstance(cluster, str):
            cluster = ast.literal_eval(cluster)   # a Python-literal dict in the data, never eval()
        gold = str(cluster["EventId"])
        if obj.get("source_domain") and not obj.get("outlet"):
            obj["outlet"] = obj["source_domain"]
        obj["language"] = "en"
        try:
            art = parse_object(obj, rules=rules, as_is=False, path=name)
        except IngestError:
            continue
        out.append((art, gold))
    out.sort(key=lambda ag: (ag[0].published.isoformat() if ag[0].published else "", ag[0].path))
    return out[:limit] if limit else out


def load_wmt22(datasets: Path, limit: int | None = None) -> list[tuple[Any, str]]:
    """(Article, gold doc_id) for each doc in en, ru, uk; docs interleaved in file order."""
    from ..ingest.article import Article

    out = []
    docs = 0
    for _, text in iter_members(archive(datasets, "wmt22"), suffix="en_ru_uk_docs.jsonl"):
        for line in text.splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            docs += 1
            if limit and docs > limit:
                break
            for lang in ("en", "ru", "uk"):
                body = " ".join(s.strip() for s in doc.get(lang) or [] if s.strip())
                if body:
                    out.append((Article(text=body, language=lang, path=f"{doc['doc_id']}.{lang}"),
                                doc["doc_id"]))
    return out


# -- analysis --------------------------------------------------------------------------------------
def analyse(articles: list, label: str) -> tuple[list[dict], int]:
    """Records for the articles (through the cache when NEWSGRAPH_EVAL_CACHE is set)."""
    from ..pipeline import Pipeline
    from ..record import article_id

    cache_dir = os.environ.get("NEWSGRAPH_EVAL_CACHE")
    cache = Path(cache_dir) / "clustering" if cache_dir else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)

    def cache_path(a) -> Path | None:
        if not cache:
            return None
        h = hashlib.sha256(f"{a.language}\n{a.title}\n{a.text}".encode("utf-8")).hexdigest()[:24]
        return cache / f"{h}.json"

    records: list[dict | None] = [None] * len(articles)
    todo = []
    for n, a in enumerate(articles):
        p = cache_path(a)
        if p and p.is_file():
            records[n] = json.loads(p.read_text("utf-8"))
        else:
            todo.append(n)
    if todo:
        print(f"clustering: analysing {len(todo)} {label} articles with the pipeline "
              f"({len(articles) - len(todo)} cached)...", file=sys.stderr, flush=True)
        pipe = Pipeline()
        t0 = time.time()
        for done, (n, rec) in enumerate(zip(todo, pipe.analyze_articles([articles[i] for i in todo])), 1):
            records[n] = rec
            p = cache_path(articles[n])
            if p and "error" not in rec:
                p.write_text(json.dumps(rec, ensure_ascii=False), "utf-8")
            if done % 25 == 0:
                print(f"  {done}/{len(todo)} ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
    errors = 0
    out = []
    for a, rec in zip(articles, records):
        if rec is None or "error" in rec:
            errors += 1   # cluster from the text alone
            rec = {"id": article_id(a.text), "language": a.language, "title": a.title,
                   "text": a.text, "published": a.published.isoformat() if a.published else None,
                   "outlet": a.outlet}
        out.append(rec)
    return out, errors


def cluster(records: list[dict], threshold: float | None = None, features: list[dict] | None = None,
            **kwargs) -> dict[str, str]:
    from ..kb.stories import StoryClusterer, story_features

    clusterer = StoryClusterer(threshold, **kwargs)
    pred = {}
    for n, rec in enumerate(records):
        key = f"{n}:{rec.get('id')}"
        story, _ = clusterer.add(key, features[n] if features else story_features(rec))
        pred[key] = story
    return pred


def score(records: list[dict], golds: list[str], threshold: float | None = None, **kwargs) -> dict:
    if kwargs.get("features") is None:
        from ..kb.stories import story_features
        kwargs["features"] = [story_features(r) for r in records]
    pred = cluster(records, threshold, **kwargs)
    gold = {f"{n}:{rec.get('id')}": g for n, (rec, g) in enumerate(zip(records, golds))}
    return bcubed(pred, gold)


def baseline(records: list[dict], golds: list[str]) -> dict:
    """The plain baseline the issue names: TF-IDF (scikit-learn; sublinear tf, English stop
    words) of title + text, complete-linkage clustering of cosine distances (SciPy), at the
    distance threshold that scores best *in hindsight* on this very data (so an upper bound for
    the baseline, not a tuned-in-advance figure)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [(r.get("title") or "") + "\n" + (r.get("text") or "") for r in records]
    if len(texts) < 2:
        return {}
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    tree = linkage(pdist(matrix, "cosine"), "complete")
    gold = {str(i): g for i, g in enumerate(golds)}
    best = {"f1": -1.0}
    for step in range(20, 100, 2):
        labels = fcluster(tree, step / 100, "distance")
        fig = bcubed({str(i): str(lab) for i, lab in enumerate(labels)}, gold)
        if fig["f1"] > best["f1"]:
            best = dict(fig, distance=step / 100)
    return best


def _evaluate(records: list[dict], golds: list[str], errors: int) -> dict:
    from ..kb.stories import DEFAULT_THRESHOLD, story_features

    feats = [story_features(r) for r in records]
    figures = score(records, golds, features=feats)
    figures["threshold"] = DEFAULT_THRESHOLD
    figures["pipeline_errors"] = errors
    figures["sweep"] = {str(t): score(records, golds, t, features=feats)["f1"] for t in SWEEP}
    figures["baseline_tfidf"] = baseline(records, golds)
    return figures


def part_of(gold: str) -> str:
    """The fixed part of a gold story: "tune" or "check", by a hash of its id (about half each)."""
    return "tune" if hashlib.sha256(gold.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def mixed_stream(nc: list[tuple[dict, str]], wm: list[tuple[dict, str]]) -> list[tuple[dict, str]]:
    """news-cluster (record, gold) in its order and wmt22 (record, gold) scattered among them,
    each article at a place fixed by a hash of its gold id and language (see the module
    docstring). Gold ids are prefixed by their dataset so they never collide."""
    keyed = [((n + 0.5) / max(1, len(nc)), "nc", rec, "nc:" + g) for n, (rec, g) in enumerate(nc)]
    for rec, g in wm:
        h = hashlib.sha256(f"{g}\n{rec.get('language')}".encode("utf-8")).digest()
        keyed.append((int.from_bytes(h[:8], "big") / 2 ** 64, "wm", rec, "wm:" + g))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [(rec, g) for _, _, rec, g in keyed]


def mixed_figures(stream: list[tuple[dict, str]], **kwargs) -> dict:
    """B-cubed and the issue's failure counts (see the module docstring) for one mixed stream."""
    from ..kb.stories import story_features

    records = [r for r, _ in stream]
    golds = [g for _, g in stream]
    feats = kwargs.pop("features", None) or [story_features(r) for r in records]
    pred = cluster(records, features=feats, **kwargs)
    keys = [f"{n}:{rec.get('id')}" for n, rec in enumerate(records)]
    figures = bcubed(pred, dict(zip(keys, golds)))
    langs = [r.get("language") or "en" for r in records]
    by_story: dict[str, list[int]] = defaultdict(list)
    for n, k in enumerate(keys):
        by_story[pred[k]].append(n)
    false_joins = 0
    for n, k in enumerate(keys):
        if any(langs[m] != langs[n] and golds[m] != golds[n] for m in by_story[pred[k]]):
            false_joins += 1
    triples: dict[str, list[int]] = defaultdict(list)
    for n, g in enumerate(golds):
        if g.startswith("wm:"):
            triples[g].append(n)
    split = unrelated = 0
    for g, members in triples.items():
        if len({pred[keys[n]] for n in members}) > 1:
            split += 1
            if any(golds[m] != g for n in members for m in by_story[pred[keys[n]]]):
                unrelated += 1
    figures.update(triples=len(triples), triples_split=split, triples_joined_unrelated=unrelated,
                   cross_language_false_joins=false_joins)
    return figures


def mixed(nc: list[tuple[dict, str]], wm: list[tuple[dict, str]], **kwargs) -> dict:
    """mixed_figures for the tune part and the check part."""
    out = {}
    for part in ("tune", "check"):
        stream = mixed_stream([(r, g) for r, g in nc if part_of("nc:" + g) == part],
                              [(r, g) for r, g in wm if part_of("wm:" + g) == part])
        out[part] = mixed_figures(stream, **kwargs)
    return out


def run(datasets: Path, *, split: str = "dev", limit: int | None = None) -> dict:
    results: dict[str, Any] = {}
    nc = load_news_cluster(datasets, limit)
    records, errors = analyse([a for a, _ in nc], "news-cluster")
    nc_golds = [g for _, g in nc]
    results["news-cluster"] = _evaluate(records, nc_golds, errors)
    nc_records = records

    wm = load_wmt22(datasets, limit)
    records, errors = analyse([a for a, _ in wm], "wmt22")
    golds = [g for _, g in wm]
    results["mixed"] = mixed(list(zip(nc_records, nc_golds)), list(zip(records, golds)))
    results["wmt22"] = _evaluate(records, golds, errors)
    # per language (monolingual) and each language pair
    langs = [r.get("language") for r in records]
    for sel in (("en", "ru"), ("en", "uk"), ("ru", "uk")):
        idx = [i for i, l in enumerate(langs) if l in sel]
        results["wmt22"]["pair_" + "-".join(sel)] = score([records[i] for i in idx],
                                                         [golds[i] for i in idx])["f1"]
    results["wmt22"]["shuffled"] = shuffled(records, golds)
    results["timing"] = time_add(records)
    return results


def shuffled(records: list[dict], golds: list[str], seeds: int = 5) -> dict:
    """F1 when the articles arrive in random orders (seeds 0..N-1) rather than each document's
    three languages one after another: how much the figure owes to the arrival order."""
    import random

    from ..kb.stories import story_features

    feats = [story_features(r) for r in records]
    f1s = []
    for seed in range(seeds):
        order = list(range(len(records)))
        random.Random(seed).shuffle(order)
        f1s.append(score([records[i] for i in order], [golds[i] for i in order],
                         features=[feats[i] for i in order])["f1"])
    return {"mean_f1": round(sum(f1s) / len(f1s), 4), "min_f1": min(f1s), "max_f1": max(f1s),
            "orders": seeds}


def time_add(records: list[dict], n: int = 10000) -> dict:
    """add() time over a synthetic stream of n articles (the dataset's records, each text shifted
    so that most are distinct stories), in milliseconds."""
    from ..kb.stories import StoryClusterer, story_features

    feats = [story_features(r) for r in records if r.get("text")]
    if not feats:
        return {}
    clusterer = StoryClusterer()
    times = []
    for i in range(n):
        f = dict(feats[i % len(feats)])
        cycle = i // len(feats)
        if cycle:
            # a distinct variant: rename terms and anchors per cycle, keep the sizes
            f["terms"] = {f"{t}{cycle}": w for t, w in f["terms"].items()}
            f["anchors"] = {f"{a}{cycle}": w for a, w in f["anchors"].items()}
            for key in ("title", "xgrams", "pivot"):
                if f.get(key):
                    f[key] = {f"{t}{cycle}": w for t, w in f[key].items()}
            f["minhash"] = [(x + cycle * 7919) % 4294967311 for x in f["minhash"]]
        t0 = time.perf_counter()
        clusterer.add(f"a{i}", f)
        times.append(time.perf_counter() - t0)
    last = sorted(times[-1000:])
    return {"articles": n, "stories": len(clusterer.stories),
            "mean_ms_last_1000": round(1000 * sum(last) / len(last), 3),
            "p95_ms_last_1000": round(1000 * last[int(0.95 * len(last))], 3),
            "total_s": round(sum(times), 2)}


def format_report(figures: dict) -> str:
    lines = []
    for name in ("news-cluster", "wmt22"):
        f = figures.get(name)
        if not f:
            continue
        lines.append(f"{name:13} B-cubed P {f['precision']:.4f}  R {f['recall']:.4f}  F1 {f['f1']:.4f}  "
                     f"({f['items']} articles, {f['predicted_stories']} predicted / "
                     f"{f['gold_stories']} gold stories, threshold {f['threshold']}, "
                     f"pipeline errors {f['pipeline_errors']})")
        lines.append("              F1 by threshold: " + "  ".join(f"{t}:{v:.3f}" for t, v in f["sweep"].items()))
        b = f.get("baseline_tfidf")
        if b:
            lines.append(f"              baseline, plain TF-IDF + complete linkage at its best distance in "
                         f"hindsight ({b['distance']}): P {b['precision']:.4f}  R {b['recall']:.4f}  "
                         f"F1 {b['f1']:.4f}")
        pairs = {k: v for k, v in f.items() if k.startswith("pair_")}
        if pairs:
            lines.append("              F1 by language pair: " + "  ".join(f"{k[5:]}:{v:.3f}" for k, v in pairs.items()))
        sh = f.get("shuffled")
        if sh:
            lines.append(f"              articles in {sh['orders']} random orders: mean F1 {sh['mean_f1']:.4f} "
                         f"(min {sh['min_f1']:.4f}, max {sh['max_f1']:.4f})")
    for part, f in (figures.get("mixed") or {}).items():
        lines.append(f"mixed {part:7} B-cubed P {f['precision']:.4f}  R {f['recall']:.4f}  F1 {f['f1']:.4f}  "
                     f"({f['items']} articles, {f['predicted_stories']} predicted / {f['gold_stories']} "
                     f"gold stories); translation triples split {f['triples_split']} of {f['triples']} "
                     f"({f['triples_joined_unrelated']} joining unrelated stories); cross-language "
                     f"false joins {f['cross_language_false_joins']}")
    t = figures.get("timing")
    if t:
        lines.append(f"add() at {t['articles']} articles ({t['stories']} stories): mean "
                     f"{t['mean_ms_last_1000']} ms, p95 {t['p95_ms_last_1000']} ms over the last 1000; "
                     f"total {t['total_s']} s")
    return "\n".join(lines)
