"""`newsgraph eval NAME|all`: scorers on ../shared/datasets (modules in newsgraph/eval/)."""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def scorers() -> dict:
    from .. import eval as eval_pkg

    found = {}
    for info in pkgutil.iter_modules(eval_pkg.__path__):
        if info.name == "common":
            continue
        module = importlib.import_module(f"newsgraph.eval.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return dict(sorted(found.items()))


def register(sub) -> None:
    p = sub.add_parser("eval", help="evaluate on ../shared/datasets",
                       description="Score newsgraph on the evaluation datasets and print figures. "
                                   "NAME is a scorer (see 'newsgraph eval list') or 'all'.")
    p.add_argument("name", help="scorer name, 'list' or 'all'")
    p.add_argument("--datasets", type=Path, help="datasets folder (default ../shared/datasets)")
    p.add_argument("--split", default="dev", help="dataset split where the set has several")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..eval.common import DatasetMissing, default_datasets_dir

    table = scorers()
    if args.name == "list":
        for name, mod in table.items():
            print(f"{name:16} {getattr(mod, 'DESCRIPTION', '')}")
        return 0
    names = list(table) if args.name == "all" else [args.name]
    unknown = [n for n in names if n not in table]
    if unknown:
        print(f"newsgraph: unknown scorer {unknown[0]!r}; choose from: {', '.join(table)}",
              file=sys.stderr)
        return 2
    datasets = args.datasets or default_datasets_dir()
    status = 0
    results = {}
    for name in names:
        mod = table[name]
        try:
            figures = mod.run(datasets, split=args.split, limit=args.limit)
        except DatasetMissing as exc:
            print(f"newsgraph: {name}: skipped: {exc}", file=sys.stderr)
            status = status or 3
            continue
        results[name] = figures
        if args.format == "text":
            report = mod.format_report(figures) if hasattr(mod, "format_report") else \
                json.dumps(figures, indent=2, ensure_ascii=False)
            print(f"== {name}\n{report}\n")
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return status
