"""Articles per second of the Ukrainian and Russian backends (and the whole pipeline) on BSNLP raw
texts.

    .venv/bin/python benchmarks/lang_speed.py [--n 20] [--langs uk ru]

Reads ../shared/datasets/bsnlp.tar.gz in place (the first N raw documents per language); prints
one line per language: backend-only and full-pipeline articles/s and mean characters per article.
Timings include nothing of model loading (a warm-up article runs first).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsgraph.eval.bsnlp import load_docs
from newsgraph.eval.common import default_datasets_dir
from newsgraph.pipeline import Pipeline


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--langs", nargs="+", default=["uk", "ru"])
    ap.add_argument("--datasets", type=Path, default=default_datasets_dir())
    args = ap.parse_args(argv)
    pipe = Pipeline()
    for lang in args.langs:
        texts = [text for _, text, _ in load_docs(args.datasets, lang, args.n)]
        backend = pipe.resources.backend(lang)
        backend.analyze(texts[0])                       # warm-up
        pipe.analyze_text(texts[0], language=lang)
        t0 = time.perf_counter()
        for text in texts:
            backend.analyze(text)
        t1 = time.perf_counter()
        for text in texts:
            pipe.analyze_text(text, language=lang)
        t2 = time.perf_counter()
        chars = sum(map(len, texts)) / len(texts)
        print(f"{lang}: {len(texts)} articles, {chars:.0f} chars avg: backend {len(texts) / (t1 - t0):.1f} "
              f"articles/s, full pipeline {len(texts) / (t2 - t1):.1f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
