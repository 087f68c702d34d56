"""Throughput of `newsgraph analyze` against the bare spaCy model, in the same run.

    python benchmarks/throughput.py [FOLDER] [--repeat N] [--workers N]

FOLDER defaults to the English articles of ../shared/datasets/news-cluster.tar.gz (unpacked to a
temporary folder), else samples/en. Prints articles/s for the bare model (nlp.pipe), for the full
record in one process, the ratio, articles/s with all cores (overall, and steady after worker
start-up, over the second half of the run), and peak memory. --repeat N lengthens the run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def english_texts(folder: Path | None) -> list[str]:
    from newsgraph.ingest import Article, Reader

    if folder is None:
        archive = ROOT.parent / "shared" / "datasets" / "news-cluster.tar.gz"
        if archive.is_file():
            tmp = Path(tempfile.mkdtemp(prefix="ng-bench-"))
            with tarfile.open(archive) as tar:
                tar.extractall(tmp, filter="data")
            folder = tmp
        else:
            folder = ROOT / "samples" / "en"
    arts = [a for a in Reader().read([str(folder)]) if isinstance(a, Article)]
    return [a.text for a in arts]


def peak_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(usage, children) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    from newsgraph.engines.local import run_local
    from newsgraph.ingest import Article
    from newsgraph.pipeline import Pipeline

    texts = english_texts(args.folder) * args.repeat
    n = len(texts)
    chars = sum(map(len, texts))
    pipe = Pipeline(language="en")
    nlp = pipe.resources.backend("en").nlp
    list(nlp.pipe(texts[:3]))                       # warm up
    list(pipe.analyze_articles([Article(text=t) for t in texts[:3]]))

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    bare = n / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    recs = list(pipe.analyze_articles([Article(text=t) for t in texts]))
    full = n / (time.perf_counter() - t0)
    failed = sum("error" in r for r in recs)

    # all cores: worker start-up (each loads its models once) is reported apart from the rate
    t0 = time.perf_counter()
    stamps = [time.perf_counter() - t0 for _ in
              run_local([Article(text=t) for t in texts], workers=args.workers, language="en")]
    multi = n / stamps[-1]
    half = n // 2
    steady = (n - half) / (stamps[-1] - stamps[half]) if stamps[-1] > stamps[half] else 0.0

    figures = {
        "articles": n, "mean_chars": round(chars / max(n, 1)),
        "bare_spacy_articles_per_s": round(bare, 2),
        "full_record_articles_per_s": round(full, 2),
        "ratio_full_to_bare": round(full / bare, 3),
        f"full_record_{args.workers}_workers_articles_per_s": round(multi, 2),
        f"full_record_{args.workers}_workers_first_record_s": round(stamps[0], 1),
        f"full_record_{args.workers}_workers_steady_articles_per_s": round(steady, 2),
        "steady_speedup_over_one_process": round(steady / full, 2),
        "failed": failed, "peak_rss_mb": round(peak_mb()),
    }
    width = max(map(len, figures))
    for k, v in figures.items():
        print(f"{k:<{width}}  {v}")
    print(json.dumps(figures), file=sys.stderr)


if __name__ == "__main__":
    main()
