"""Knowledge-base commands: ingest, recluster, stories, story, actors, actor, timeline, search,
export.

Each takes --db (a SQLite file, default newsgraph.db here or env NEWSGRAPH_DB; or a
postgresql://user:pass@host/db URL) and --format text|json.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..ingest import DEFAULT_MAX_BYTES
from .analyze import add_time_budget


def _common(p: argparse.ArgumentParser, fmt: bool = True) -> None:
    p.add_argument("--db", default=None, metavar="DB",
                   help="SQLite file or postgresql:// URL (default: env NEWSGRAPH_DB, "
                        "else newsgraph.db in the current folder)")
    if fmt:
        p.add_argument("--format", choices=("text", "json"), default="text",
                       help="text (readable, default) or json")


def register(sub) -> None:
    p = sub.add_parser("ingest", help="analyse articles into the knowledge base",
                       description="Analyse articles and store them in the knowledge base. "
                                   "Articles already stored (same text) are skipped, so re-running "
                                   "after an interruption carries on where it stopped. Failed "
                                   "inputs are recorded and skipped later unless --retry-failed; "
                                   "the exit status is 1 when any input failed.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders (as for analyze); may be empty with --retry-failed")
    _common(p)
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="worker processes (default: all cores for batches)")
    p.add_argument("--retry-failed", action="store_true",
                   help="analyse again the inputs that failed in earlier runs")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes (default) or Ray (pip install newsgraph[ray])")
    p.add_argument("--address", help="Ray cluster address (with --engine ray)")
    p.add_argument("--language", choices=("en", "uk", "ru"), help="analyse all inputs as this language")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs without one")
    p.add_argument("--as-is", action="store_true", help="no boilerplate cleaning")
    p.add_argument("--max-size", type=float, default=DEFAULT_MAX_BYTES / 1e6, metavar="MB",
                   help="skip inputs larger than this (default %(default)g MB)")
    add_time_budget(p)
    p.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait while another process writes to the database (default: "
                        "env NEWSGRAPH_LOCK_TIMEOUT, else 600)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("recluster", help="group the stored articles into stories again",
                       description="Group every stored article into stories again from its stored "
                                   "record, with this version's story features and settings: after "
                                   "upgrading newsgraph (ingest says when the stored features are "
                                   "older). Nothing is analysed again; articles, actors and claims "
                                   "are kept. Story ids may change.")
    _common(p)
    p.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait while another process writes to the database (default: "
                        "env NEWSGRAPH_LOCK_TIMEOUT, else 600)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(func=run_recluster)

    p = sub.add_parser("stories", help="list stories (articles grouped across outlets and languages)")
    _common(p)
    p.add_argument("--limit", type=int, default=None, help="at most N stories (largest first)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N stories")
    p.add_argument("--min-size", type=int, default=1, help="only stories with at least N articles")
    p.set_defaults(func=run_stories)

    p = sub.add_parser("story", help="one story: articles by outlet and language, wire copies, "
                                     "the claim ledger")
    p.add_argument("id", help="story id (or the id of one of its articles)")
    _common(p)
    p.set_defaults(func=run_story)

    p = sub.add_parser("actors", help="the actors in the most articles")
    _common(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N actors")
    p.add_argument("--type", dest="type_", metavar="TYPE", help="PERSON, ORG, LOC, ...")
    p.set_defaults(func=run_actors)

    p = sub.add_parser("actor", help="one actor across articles and languages")
    p.add_argument("name", help="a name in any language, or an actor key")
    _common(p)
    p.add_argument("--limit", type=int, default=200, help="at most N items per section")
    p.set_defaults(func=run_actor)

    p = sub.add_parser("timeline", help="events and articles in date order")
    _common(p)
    p.add_argument("--actor", metavar="NAME", help="only what involves this actor")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=run_timeline)

    p = sub.add_parser(
        "search", help="full-text search of the stored articles",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Full-text search of the stored articles, best first.\n\n"
                    "  word word        all the words, in any of their forms in en/uk/ru\n"
                    "                   (Путину finds Путин, arrested finds arrest)\n"
                    "  a OR b           either (OR in capitals)\n"
                    "  -word            articles without the word (any form)\n"
                    '  "exact phrase"   these words in this order, as written\n\n'
                    "A word (or a full name) that names a known actor also finds the articles "
                    "about that actor in\nother languages (Putin finds Путин and Путін). Each "
                    "hit says which term matched it and how\n(word or actor). Anything else is "
                    "plain words. A query that starts with - goes after --:\n"
                    "  newsgraph search -- '-Kremlin Putin'")
    p.add_argument("text", help='the query: words, a OR b, -word, "exact phrase"')
    _common(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N hits")
    p.set_defaults(func=run_search)

    p = sub.add_parser("export", help="export the knowledge base")
    _common(p, fmt=False)
    p.add_argument("--to", required=True, choices=("jsonl", "csv", "graphml", "parquet"),
                   help="jsonl: full records; csv: one row per article; graphml: actor network; "
                        "parquet: one row per article")
    p.add_argument("--out", required=True, metavar="PATH")
    p.set_defaults(func=run_export)


# -- helpers ------------------------------------------------------------------------------------
def _store(args):
    from ..cli import UsageError
    from ..kb.store import LockTimeout, Store

    try:
        return Store.open(args.db, lock_timeout=getattr(args, "lock_timeout", None))
    except LockTimeout:
        raise     # a busy database, not a wrong --db: explained by the CLI as it is
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"cannot open database {args.db or '(default)'}: {msg}") from exc


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _names_line(names: dict[str, list[str]], per_lang: int = 3) -> str:
    return "; ".join(f"{lang}: {', '.join(ns[:per_lang])}" for lang, ns in sorted(names.items()))


# -- commands -------------------------------------------------------------------------------------
def run_ingest(args) -> int:
    from ..cli import UsageError
    from ..ingest.dates import parse_date
    from ..kb.ingest import ingest

    if not args.paths and not args.retry_failed:
        raise UsageError("ingest: give PATH(s), or --retry-failed")
    published = None
    if args.published:
        published = parse_date(args.published)
        if published is None:
            raise UsageError(f"--published: expected YYYY-MM-DD, got {args.published!r}")
    workers, engine = args.workers, None
    if args.engine == "ray":   # Ray analyses; ingest() still skips, stores and records failures
        from ..engines.ray import RayPipeline

        engine = RayPipeline(address=args.address, workers=args.workers or None,
                             language=args.language, published=published,
                             time_budget=args.time_budget)
        workers = 1
    store = _store(args)
    bar = None
    show = not args.no_progress and sys.stderr.isatty()

    def on_total(n: int) -> None:
        nonlocal bar
        if show and n > 1:
            from tqdm import tqdm

            bar = tqdm(total=n, unit="article", file=sys.stderr)

    def on_progress(n: int) -> None:
        if bar is not None:
            bar.update(n)

    try:
        report = ingest(store, args.paths, workers=workers, retry_failed=args.retry_failed,
                        language=args.language, published=published, as_is=args.as_is,
                        max_bytes=int(args.max_size * 1e6), on_total=on_total,
                        on_progress=on_progress, pipeline=engine, time_budget=args.time_budget)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    for path, error in report.failed:
        print(f"newsgraph: {path}: {error}", file=sys.stderr)
    if store.stale_features:
        print(f"newsgraph: {store.stale_features} stored article(s) were grouped into stories by an "
              f"older newsgraph; run `newsgraph recluster` to group them with this one",
              file=sys.stderr)
    if report.previously_failed:
        print(f"newsgraph: skipped {len(report.previously_failed)} input(s) that failed before "
              f"(run with --retry-failed to try again): {', '.join(report.previously_failed[:5])}"
              + (" ..." if len(report.previously_failed) > 5 else ""), file=sys.stderr)
    if args.format == "json":
        _json(report.as_dict())
    else:
        print(f"stored {report.stored}, already there {report.skipped}, failed {len(report.failed)}"
              + (f", skipped as failed before {len(report.previously_failed)}"
                 if report.previously_failed else "")
              + (f", earlier failures now fixed {len(report.cleared)}" if report.cleared else ""))
    return 0 if report.ok else 1


def run_recluster(args) -> int:
    store = _store(args)
    bar = None
    try:
        total = store.article_count()
        if not args.no_progress and sys.stderr.isatty() and total > 500:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", file=sys.stderr)
        counts = store.recluster(on_progress=bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    if args.format == "json":
        _json(counts)
    else:
        print(f"{counts['articles']} articles in {counts['stories']} stories "
              f"({counts['moved']} articles changed story)")
    return 0


def run_stories(args) -> int:
    from ..kb.queries import list_stories

    with _store(args) as store:
        data = list_stories(store, limit=args.limit, min_size=args.min_size,
                            offset=max(0, args.offset))
    if args.format == "json":
        _json(data)
        return 0
    if not data:
        print("no stories (ingest articles first)")
    for s in data:
        arts = s["articles"]
        langs = sorted({a["language"] or "?" for a in arts})
        dates = sorted(a["published"] for a in arts if a["published"])
        span = f"{dates[0]}..{dates[-1]}" if dates else "undated"
        print(f"{s['id']}  {len(arts)} article(s)  [{'/'.join(langs)}]  {span}")
        print(f"    {s['title'] or s.get('label') or '(untitled)'}")
    return 0


def run_story(args) -> int:
    from ..kb.queries import story

    with _store(args) as store:
        data = story(store, args.id)
    if data is None:
        print(f"newsgraph: no story or article with id {args.id!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        _json(data)
        return 0
    arts = {a["id"]: a for a in data["articles"]}
    print(f"Story {data['id']}: {data['title'] or '(untitled)'}")
    print(f"{len(arts)} article(s), {data['first_date'] or '?'} .. {data['last_date'] or '?'}")
    print("\nBy outlet:")
    for outlet, ids in sorted(data["by_outlet"].items()):
        print(f"  {outlet}:")
        for i in ids:
            a = arts[i]
            print(f"    [{a['language']}] {a['published'] or '----------'}  {a['title'] or a['path'] or i}")
    print("\nBy language: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(data["by_language"].items())))
    groups = [g for g in data["wire_groups"] if g["copies"]]
    if groups:
        print("\nWire copies:")
        for g in groups:
            print(f"  {arts[g['original']]['title'] or g['original']}  <- {len(g['copies'])} copy/copies: "
                  + ", ".join(arts[c]["outlet"] or c for c in g["copies"]))
    print("\nClaim ledger:")
    if not data["ledger"]:
        print("  (no attributed claims)")
    for e in data["ledger"]:
        src = e.get("source")
        src = src.get("text") if isinstance(src, dict) else src
        print(f"  - {e.get('content')}")
        outlets = [o for o in e.get("outlets") or [] if o]
        print(f"      source: {src or '?'}; {len(e.get('articles') or [])} article(s)"
              + (f" ({', '.join(outlets)})" if outlets else "")
              + f"; independent: {e.get('independent')}; status: "
              + ", ".join(f"{k} {v}" for k, v in sorted((e.get('status_counts') or {}).items())))
        for c in e.get("conflicts") or []:
            print(f"      CONFLICT ({c.get('kind')}): {c.get('detail')}")
    return 0


def run_actors(args) -> int:
    from ..kb.queries import top_actors

    with _store(args) as store:
        data = top_actors(store, limit=args.limit, type_=args.type_, offset=max(0, args.offset))
    if args.format == "json":
        _json(data)
        return 0
    if not data:
        print("no actors (ingest articles first)")
    for a in data:
        print(f"{a['articles']:6d}  {a['name']}  ({a['type']})  {_names_line(a['names'])}")
    return 0


def run_actor(args) -> int:
    from ..kb.queries import actor_profile, find_actor

    with _store(args) as store:
        found = find_actor(store, args.name)
        if not found:
            print(f"newsgraph: no actor matches {args.name!r}", file=sys.stderr)
            return 1
        data = actor_profile(store, found[0]["key"], limit=args.limit)
    data["other_matches"] = found[1:10]
    if args.format == "json":
        _json(data)
        return 0
    print(f"{data['name']} ({data['type']}), in {data['articles']} article(s)   key: {data['key']}")
    print("\nNames:")
    for lang, names in sorted(data["names"].items()):
        print(f"  {lang}: {', '.join(names)}")
    if any(data["titles"].values()):
        print("\nTitles:")
        for lang, titles in sorted(data["titles"].items()):
            if titles:
                print(f"  {lang}: {'; '.join(titles)}")
    _section("Relations", [f"{r['subject']} -{r['predicate']}-> {r['object']}" for r in data["relations"]])
    _section("Claims they make", [_claim_line(c) for c in data["claims_by"]])
    _section("Claims about them", [f"{c['source'] or '?'}: " + _claim_line(c) for c in data["claims_about"]])
    _section("Events", [_event_line(e) for e in data["events"]])
    _section("Timeline", [_timeline_line(e) for e in data["timeline"]])
    if data["other_matches"]:
        print("\nOther actors matching: " + ", ".join(
            f"{m['name']} ({m['articles']})" for m in data["other_matches"]))
    return 0


def _section(title: str, lines: list[str]) -> None:
    if lines:
        print(f"\n{title}:")
        for line in lines:
            print(f"  - {line}")


def _claim_line(c: dict) -> str:
    hedges = f" (hedged: {', '.join(c['hedges'])})" if c.get("hedges") else ""
    return f"[{c['status']}] {c['content']}{hedges}  ({c['outlet'] or c['article']}, {c['published'] or 'undated'})"


def _event_line(e: dict) -> str:
    who = ", ".join(e.get("agents") or [])
    whom = ", ".join(e.get("patients") or [])
    return (f"{e['date'] or 'undated'}  {e['type']} '{e['trigger']}' [{e['modality']}]"
            + (f" by {who}" if who else "") + (f" on {whom}" if whom else ""))


def _timeline_line(e: dict) -> str:
    if e["kind"] == "event":
        return _event_line(e)
    return f"{e['date'] or 'undated'}  article: {e['title'] or e['article']} ({e.get('outlet') or e.get('language')})"


def run_timeline(args) -> int:
    from ..kb.queries import find_actor, timeline

    with _store(args) as store:
        key = None
        if args.actor:
            found = find_actor(store, args.actor)
            if not found:
                print(f"newsgraph: no actor matches {args.actor!r}", file=sys.stderr)
                return 1
            key = found[0]["key"]
        data = timeline(store, actor_key=key, limit=args.limit)
    if args.format == "json":
        _json(data)
        return 0
    if not data:
        print("nothing dated")
    for e in data:
        print(_timeline_line(e))
    return 0


def run_search(args) -> int:
    from ..kb.queries import search_page

    with _store(args) as store:
        page = search_page(store, args.text, limit=max(1, args.limit), offset=max(0, args.offset))
    data = page["results"]
    if args.format == "json":
        _json(data)
        return 0
    if not data:
        print("no matches" if not page["total"] else f"no matches here ({page['total']} in all)")
    else:
        print(f"showing {page['offset'] + 1}-{page['offset'] + len(data)} of {page['total']}")
    for r in data:
        print(f"{r['id']}  [{r['language']}] {r['published'] or '----------'}  {r['title'] or ''}")
        why = ", ".join(f"actor {m['actor']}" if m["by"] == "actor" else f"word {m['term']}"
                        for m in r.get("matched") or [])
        if why:
            print(f"    matched: {why}")
        if r.get("snippet"):
            print(f"    {' '.join(r['snippet'].split())}")
    return 0


def run_export(args) -> int:
    from ..kb.export import export

    with _store(args) as store:
        n = export(store, args.to, args.out)
    print(f"wrote {args.out} ({n} {'actors' if args.to == 'graphml' else 'articles'})", file=sys.stderr)
    return 0
