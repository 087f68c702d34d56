"""`newsgraph analyze PATH...`: articles in, records out (json, jsonl or a Markdown report)."""
from __future__ import annotations

import argparse
import sys
from typing import Any, Iterator

from ..ingest import DEFAULT_MAX_BYTES
from ..ingest.dates import parse_date


def register(sub) -> None:
    p = sub.add_parser(
        "analyze", help="analyse articles into records",
        description="Analyse news articles into records (see CONTRACT.md). PATH is a .txt, "
                    ".html/.htm, news-please .json or .jsonl file, a folder (searched "
                    "recursively), or '-' for standard input. A failed input is reported on "
                    "stderr and the others are still analysed; the exit status is 1 if any failed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("json", "jsonl", "md"), default=None,
                   help="json: one object (an array for several inputs); jsonl: one record per "
                        "line; md: a readable report. Default: json for one input, else jsonl")
    p.add_argument("--language", choices=("en", "uk", "ru"),
                   help="skip language detection and analyse as this language")
    p.add_argument("--published", metavar="YYYY-MM-DD", type=_date_arg,
                   help="publication date for inputs that carry none (resolves 'a year ago')")
    p.add_argument("--as-is", action="store_true",
                   help="no boilerplate cleaning: offsets index the input text exactly")
    p.add_argument("--max-size", type=float, default=DEFAULT_MAX_BYTES / 1e6, metavar="MB",
                   help="skip inputs larger than this many megabytes (default %(default)g)")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="worker processes (default: all cores for batches, 1 for a few inputs)")
    add_time_budget(p)
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes (default) or Ray (pip install newsgraph[ray])")
    p.add_argument("--address", help="Ray cluster address (with --engine ray)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.add_argument("--extractors", metavar="NAMES",
                   help="comma-separated extractors to run (default: all): actors, places, keys, "
                        "relations, times, quantities, claims, events, sourcing, or module:Class; "
                        "each one's required parts must be assigned by another in the list")
    p.set_defaults(func=run)


def add_time_budget(p) -> None:
    from ..pipeline import DEFAULT_TIME_BUDGET

    p.add_argument("--time-budget", type=_seconds_arg, default=DEFAULT_TIME_BUDGET,
                   metavar="SECONDS",
                   help="an article whose analysis takes longer fails alone, with one line "
                        "(checked between analysis steps; 0: no limit; default %(default)g)")


def _seconds_arg(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds (0: no limit), got {value!r}")
    return seconds


def _date_arg(value: str):
    d = parse_date(value)
    if d is None or len(value) != 10:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}")
    return d


def iter_records(args) -> tuple[Iterator[dict[str, Any]], int | None]:
    """Records for the CLI's inputs, with the engine chosen; also the number of inputs if known."""
    from ..engines.local import default_workers, run_local
    from ..ingest import Reader

    options = {"language": args.language, "published": args.published,
               "time_budget": args.time_budget}
    if getattr(args, "extractors", None):
        options["extractors"] = _extractors_arg(args.extractors)
    reader = Reader(as_is=args.as_is, max_bytes=int(args.max_size * 1e6))
    items = list(reader.read(args.paths))
    if args.engine == "ray":
        from ..engines.ray import run_ray

        return run_ray(items, address=args.address, workers=args.workers or None,
                       **options), len(items)
    workers = args.workers or default_workers(len(items))
    return run_local(items, workers=workers, **options), len(items)


def _extractors_arg(value: str) -> tuple[str, ...]:
    """--extractors, checked before any input is read or worker started: an unknown name or an
    unmet requirement is a one-line usage error."""
    from ..cli import UsageError
    from ..pipeline import extractor_specs

    try:
        return extractor_specs(value)
    except ValueError as exc:
        raise UsageError(f"--extractors: {exc}") from None


def run(args) -> int:
    from .. import record as rec_mod
    from ..render.markdown import render

    records, total = iter_records(args)
    fmt = args.format or ("json" if total == 1 else "jsonl")
    progress = None
    if not args.no_progress and sys.stderr.isatty() and (total or 0) > 1:
        from tqdm import tqdm

        progress = tqdm(total=total, unit="article", file=sys.stderr)
    failed = 0
    collected = []
    out = sys.stdout
    for n, rec in enumerate(records):
        if progress:
            progress.update(1)
        if "error" in rec:
            failed += 1
            print(f"newsgraph: {rec.get('path') or '<input>'}: {rec['error']}", file=sys.stderr)
        if fmt == "jsonl":
            out.write(rec_mod.dumps(rec) + "\n")
        elif fmt == "md":
            if "error" not in rec:
                out.write(("\n---\n\n" if n else "") + render(rec))
        else:
            collected.append(rec)
        out.flush()
    if progress:
        progress.close()
    if fmt == "json":
        payload = collected[0] if len(collected) == 1 else collected
        out.write(rec_mod.dumps(payload, indent=2) + "\n")
    return 1 if failed else 0
