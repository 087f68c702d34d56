"""Scaling: articles/s with 1, 2, ..., N workers, for the local engine and for Ray.

    python benchmarks/scaling.py [FOLDER] [--articles 120] [--max-workers N]
                                 [--engines local,ray] [--address HOST:PORT] [--json]

FOLDER defaults to the English news-please articles of ../shared/datasets/news-cluster.tar.gz
(unpacked to a temporary folder), else samples/; the articles are replicated or cut to
--articles. N defaults to this machine's cores (with --address: the Ray cluster's CPUs; Ray then
runs on the cluster and the local engine still runs here). For each engine and worker count it
prints wall-clock articles/s (worker start-up and model loading included, as a user sees it),
the seconds to the first record (start-up), speedup over 1 worker of the same engine and
efficiency = speedup / workers. Ray itself is started once, before the timings.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_articles(folder: Path | None, count: int) -> tuple[list, str]:
    from newsgraph.ingest import Article, Reader

    source = str(folder) if folder else None
    if folder is None:
        archive = ROOT.parent / "shared" / "datasets" / "news-cluster.tar.gz"
        if archive.is_file():
            folder = Path(tempfile.mkdtemp(prefix="ng-scaling-"))
            with tarfile.open(archive) as tar:
                tar.extractall(folder, filter="data")
            source = "news-cluster (../shared/datasets)"
        else:
            folder, source = ROOT / "samples", "samples/"
    arts = [a for a in Reader().read([str(folder)]) if isinstance(a, Article)]
    if not arts:
        sys.exit(f"no articles under {folder}")
    out = [arts[n % len(arts)] for n in range(count)]
    return out, f"{source}: {len(arts)} distinct articles, {count} analysed per run"


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def timed(records) -> tuple[float, float, int]:
    """(total seconds, seconds to the first record, records) for an iterator of records."""
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in records:
        n += 1
        if first is None:
            first = time.perf_counter() - t0
    return time.perf_counter() - t0, first or 0.0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--articles", type=int, default=120, help="articles per run (default 120)")
    ap.add_argument("--max-workers", type=int, default=0,
                    help="N (default: the core count; with --address, the cluster's CPUs)")
    ap.add_argument("--engines", default="local,ray", help="comma-separated: local, ray")
    ap.add_argument("--address", help="Ray cluster address (default: start Ray here)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]

    from newsgraph.engines.local import run_local

    items, source = load_articles(args.folder, args.articles)
    n_max = args.max_workers or cores()
    ray = None
    if "ray" in engines:
        try:
            from newsgraph.engines import ray as ray_engine
            ray = ray_engine._import_ray()
        except Exception as exc:
            print(f"skipping Ray: {exc}", file=sys.stderr)
            engines.remove("ray")
    if ray is not None:
        ray_engine._quiet_logs()
        with ray_engine._stderr_quiet():
            if args.address or os.environ.get("RAY_ADDRESS"):
                ray.init(address=args.address, include_dashboard=False, log_to_driver=False,
                         logging_level="ERROR")
            else:
                ray.init(num_cpus=n_max, object_store_memory=1 << 30, include_dashboard=False,
                         log_to_driver=False, logging_level="ERROR")
        if args.address and not args.max_workers:
            n_max = ray_engine._cluster_cpus(ray)

    print(f"corpus: {source}; up to {n_max} workers; machine: {cores()} cores")
    rows = []
    for engine in engines:
        base = None
        for w in range(1, n_max + 1):
            if engine == "local":
                recs = run_local(items, workers=w)
            else:
                recs = ray_engine.run_ray(items, workers=w)
            total, first, n = timed(recs)
            assert n == len(items), f"{engine}: {n} records for {len(items)} articles"
            rate = n / total
            base = base or rate
            rows.append({"engine": engine, "workers": w, "articles_per_s": round(rate, 2),
                         "startup_s": round(first, 1), "seconds": round(total, 1),
                         "speedup": round(rate / base, 2),
                         "efficiency": round(rate / base / w, 2)})
            r = rows[-1]
            print(f"  {engine:5} {w:3} workers: {r['articles_per_s']:7.2f} articles/s  "
                  f"({r['seconds']}s, first record after {r['startup_s']}s)", file=sys.stderr)
    if ray is not None:
        ray.shutdown()

    print(f"{'engine':7}{'workers':>8}{'articles/s':>12}{'speedup':>9}{'efficiency':>12}"
          f"{'start-up s':>12}")
    for r in rows:
        print(f"{r['engine']:7}{r['workers']:>8}{r['articles_per_s']:>12.2f}{r['speedup']:>9.2f}"
              f"{r['efficiency']:>12.2f}{r['startup_s']:>12.1f}")
    if args.json:
        print(json.dumps({"corpus": source, "cores": cores(), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
