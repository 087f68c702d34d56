"""`newsgraph watch`: follow feeds, sitemaps and sites into the knowledge base;
`newsgraph sources`: each followed source's health.

    newsgraph watch --sources sources.yml --db kb.db      # runs until stopped (SIGTERM, Ctrl-C)
    newsgraph watch --once --sources sources.yml --db kb.db   # one poll of every source (cron)
    newsgraph sources --db kb.db
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from .kb import _common, _json, _store


def register(sub) -> None:
    p = sub.add_parser(
        "watch", help="follow RSS/Atom feeds, sitemaps and sites into the knowledge base",
        description="Poll feeds (RSS, Atom, JSON), sitemaps (news sitemaps and indexes too) and "
                    "site homepages (their advertised feed) and store each new article once: "
                    "fetched politely (robots.txt, one request per host per --rate seconds, "
                    "conditional requests, timeouts, retries), extracted, analysed and grouped "
                    "into stories. Runs until SIGTERM or Ctrl-C (the current article is "
                    "finished first), or polls every source once with --once (for cron). A "
                    "restart resumes without fetching stored articles again. Exit status with "
                    "--once: 1 when a source could not be polled.")
    p.add_argument("urls", nargs="*", metavar="URL", help="feed, sitemap or homepage URLs")
    p.add_argument("--sources", metavar="FILE",
                   help="YAML file: a list of sources (url, language, outlet, interval, kind)")
    _common(p)
    p.add_argument("--once", action="store_true",
                   help="poll every source once, store what is new, and exit")
    p.add_argument("--interval", default=None, metavar="DURATION",
                   help="poll interval for sources that do not set one (e.g. 300, 15m, 1h; "
                        "default 15m)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="analyse in this process / local workers (default) or on Ray")
    p.add_argument("--address", help="Ray cluster address (with --engine ray)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="analysis worker processes (default 1: in this process)")
    p.add_argument("--language", choices=("en", "uk", "ru"),
                   help="language of sources that do not set one (default: detected)")
    p.add_argument("--rate", type=float, default=1.0, metavar="SECONDS",
                   help="seconds between two requests to one host (default %(default)g)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="HTTP timeout (default %(default)g)")
    p.add_argument("--retries", type=int, default=2, metavar="N",
                   help="retries after a timeout, connection error, 429 or 5xx (default %(default)d)")
    p.add_argument("--backoff", type=float, default=2.0, metavar="SECONDS",
                   help="pause before the first retry, doubled each time (default %(default)g)")
    p.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait while another process writes to the database (default: "
                        "env NEWSGRAPH_LOCK_TIMEOUT, else 600)")
    p.add_argument("--rebuild-from", metavar="OLD_DB",
                   help="instead of polling: analyse again, into --db, every page OLD_DB's watch "
                        "kept (its raw HTML; nothing is fetched), e.g. after an upgrade")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="one line on stderr per poll with new URLs and per article stored")
    p.set_defaults(func=run_watch)

    p = sub.add_parser("sources", help="the sources `newsgraph watch` follows, with their health",
                       description="Each source followed by `newsgraph watch`: its last poll and "
                                   "last success, its last error and how many polls failed in a "
                                   "row, the articles it brought, and its URLs still to do.")
    _common(p)
    p.set_defaults(func=run_sources)


def run_watch(args) -> int:
    from ..cli import UsageError
    from ..watch.fetch import Fetcher, FetchSettings
    from ..watch.loop import Watcher
    from ..watch.sources import SourceError, load_sources, parse_interval

    if args.rebuild_from:
        if args.urls or args.sources or args.once:
            raise UsageError("--rebuild-from takes no URLs, --sources or --once")
        sources = []
    else:
        try:
            interval = parse_interval(args.interval, "--interval") if args.interval else None
            sources = load_sources(args.sources, args.urls, language=args.language,
                                   interval=interval)
        except SourceError as exc:
            raise UsageError(str(exc)) from None
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.retries < 0:
        raise UsageError("--retries must be 0 or more")
    for name in ("rate", "timeout", "backoff"):
        if getattr(args, name) < 0 or (name == "timeout" and args.timeout == 0):
            raise UsageError(f"--{name} must be a positive number of seconds")

    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        # SIGTERM: finish the current article, then stop (exit 143); a second one stops now
        def on_term(signum, frame):
            if stop.is_set():
                from ..cli import Terminated

                raise Terminated()
            stop.set()

        signal.signal(signal.SIGTERM, on_term)

    def report(line: str) -> None:
        print(f"newsgraph: {line}", file=sys.stderr, flush=True)

    settings = FetchSettings(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                             rate=args.rate)
    store = _store(args)
    session = None
    pipeline = None
    batch = 1
    try:
        if args.engine == "ray":
            from ..engines.ray import RayPipeline, _Session

            pipeline = RayPipeline(address=args.address, workers=args.workers)
            session = _Session(args.address, args.workers, None)
            session.__enter__()           # Ray starts once for the whole watch
            batch = max(8, 4 * args.workers)
        elif args.workers > 1:
            from ..engines.local import PooledPipeline

            pipeline = PooledPipeline(args.workers)
            batch = 2 * args.workers
        if args.rebuild_from:
            sources = _rebuild_sources(args, store)
        with Fetcher(settings, sleep=stop.wait) as fetcher:
            watcher = Watcher(store, sources, fetcher=fetcher, stop=stop, pipeline=pipeline,
                              batch=batch, report=report,
                              progress=report if getattr(args, "verbose", False) else _quiet)
            if args.rebuild_from:
                summary = watcher.rebuild()
            else:
                summary = watcher.run(once=args.once)
    finally:
        if pipeline is not None and hasattr(pipeline, "close"):
            pipeline.close()
        if session is not None:
            session.__exit__(None, None, None)
        store.close()
    if args.format == "json":
        _json(summary.as_dict())
    elif args.rebuild_from:
        print(f"rebuilt from kept pages: stored {summary.stored}, duplicates "
              f"{summary.duplicates}, failed {summary.failures}")
    else:
        print(f"polled {summary.polled} source(s) ({len(summary.source_errors)} failed), "
              f"{summary.new_urls} new URL(s), fetched {summary.fetched}, stored {summary.stored}, "
              f"duplicates {summary.duplicates}, failed {summary.failures}")
    if summary.stopped:
        print("newsgraph: terminated (the current article was finished; run again to resume)",
              file=sys.stderr)
        return 143
    return 1 if summary.source_errors else 0


def _rebuild_sources(args, store):
    """Copy OLD_DB's sources and kept pages into the store; its sources."""
    from ..cli import UsageError
    from ..kb.store import Store
    from ..watch.state import WatchState

    if str(args.rebuild_from) == str(args.db or ""):
        raise UsageError("--rebuild-from: give a new --db to rebuild into, not the same one")
    try:
        old = Store.open(args.rebuild_from, migrate=False)
        old_state = WatchState(old.engine)
        old_sources = old_state.sources()
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot read --rebuild-from {args.rebuild_from}: {msg}") from exc
    try:
        state = WatchState(store.engine)
        state.copy_from(old_state)
    finally:
        old.close()
    return state.sources() or old_sources


def _quiet(line: str) -> None:
    pass


def run_sources(args) -> int:
    from ..watch.state import WatchState

    with _store(args) as store:
        health = WatchState(store.engine).health()
    if args.format == "json":
        _json(health)
        return 0
    if not health:
        print("no sources (run `newsgraph watch` first)")
        return 0
    for s in health:
        mark = "ok" if s["healthy"] else ("FAILING" if s["errors"] else "not polled yet")
        urls = s["urls"]
        todo = urls["new"] + urls["fetched"] + urls["retry"]
        print(f"{s['url']}  [{mark}]" + (f"  {s['outlet'] or s['name']}" if s["outlet"] or s["name"]
                                          else ""))
        print(f"    last success {s['last_success'] or 'never'}, last poll {s['last_poll'] or 'never'}"
              f", articles {s['articles']}, duplicates {urls['duplicate']}, failed URLs "
              f"{urls['failed'] + urls['disallowed']}, to do {todo}")
        if s["last_error"]:
            print(f"    error ({s['errors']} poll(s) in a row, {s['total_errors']} in all): "
                  f"{s['last_error']}")
    return 0
