"""`newsgraph serve --db DB`: the web app and REST API (FastAPI + uvicorn)."""
from __future__ import annotations

import os
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "serve", help="serve the web app and REST API over a knowledge base",
        description="Serve pages (/, /search, /articles/ID, /actors/ID, /stories/ID, /analyze) "
                    "and the JSON API under /api (OpenAPI at /docs). Binds 127.0.0.1 by default; "
                    "binding any other address requires --token, which then protects writes.")
    p.add_argument("--db", default=os.environ.get("NEWSGRAPH_DB", "newsgraph.db"),
                   help="database: a SQLite file or postgresql://... (default %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    p.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    p.add_argument("--token", default=os.environ.get("NEWSGRAPH_TOKEN"),
                   help="token required for write endpoints (env NEWSGRAPH_TOKEN); "
                        "must not be empty")
    p.add_argument("--max-analyze", type=int, default=None, metavar="CHARS",
                   help="longest text analysed without the token, in characters "
                        "(default 100000); one analysis runs at a time per client")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as exc:
        print(f"newsgraph: the web app needs its extra: pip install 'newsgraph[web]' ({exc.name})",
              file=sys.stderr)
        return 2
    from ..web.app import DEFAULT_MAX_ANALYZE

    if args.max_analyze is not None and args.max_analyze < 1:
        print("newsgraph: --max-analyze must be at least 1", file=sys.stderr)
        return 2
    try:
        app = create_app(args.db, token=args.token, host=args.host,
                         max_analyze=args.max_analyze or DEFAULT_MAX_ANALYZE)
    except ValueError as exc:
        print(f"newsgraph: {exc}", file=sys.stderr)
        return 2
    print(f"newsgraph: serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
