"""`newsgraph serve`: the FastAPI application (pages + REST API) over one knowledge base.

    app = create_app("newsgraph.db", token=None, host="127.0.0.1")

State lives on `app.state` (the store, the token, a lazily built pipeline shared by requests):
no module-level globals, so several apps (tests, workers) can live in one process.
"""
from __future__ import annotations

import secrets
import threading
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..kb.store import Store
from .security import SecurityMiddleware, is_loopback

DEFAULT_MAX_BODY = 6_000_000   # bytes: a 5 MB article plus form overhead
DEFAULT_MAX_ANALYZE = 100_000  # characters one analysis may take without the server's token
VENDOR = ("swagger-ui-bundle.js", "swagger-ui.css")


DEFAULT_QUEUE_WAIT = 60.0      # seconds an analysis waits for the pipeline before a 503


class Busy(Exception):
    """This client already has an analysis running."""


class Overloaded(Exception):
    """The pipeline stayed busy with other clients' analyses for longer than queue_wait."""


class AppState:
    """Everything a request needs, owned by one app: the store, the token, the secret that signs
    form (CSRF) tokens, the clients with an analysis in flight, the lazily built pipeline."""

    def __init__(self, store: Store, token: str | None, max_body: int,
                 max_analyze: int = DEFAULT_MAX_ANALYZE,
                 queue_wait: float = DEFAULT_QUEUE_WAIT) -> None:
        self.store = store
        self.token = token
        self.max_body = max_body
        self.max_analyze = max_analyze
        self.queue_wait = queue_wait
        self.csrf_secret = secrets.token_bytes(32)
        self._pipeline = None
        self._lock = threading.Lock()
        self._clients_lock = threading.Lock()
        self._analysing: set[str] = set()

    @contextmanager
    def client_slot(self, client: str) -> Iterator[None]:
        """One analysis in flight per client (by address); a second one raises Busy at once
        instead of queueing behind the first."""
        with self._clients_lock:
            if client in self._analysing:
                raise Busy(client)
            self._analysing.add(client)
        try:
            yield
        finally:
            with self._clients_lock:
                self._analysing.discard(client)

    def analyze(self, article) -> dict[str, Any]:
        """Analyse one Article; models load on first use, once per app; one analysis at a time.
        Raises Overloaded when others' analyses hold the pipeline for over queue_wait seconds
        (an analysis itself cannot be interrupted: the pipeline has no time budget)."""
        from ..pipeline import Pipeline

        if not self._lock.acquire(timeout=self.queue_wait):
            raise Overloaded()
        try:
            if self._pipeline is None:
                # the store's Resources: one copy of the models and keys in this process
                self._pipeline = Pipeline(resources=self.store.resources)
            return next(self._pipeline.analyze_articles([article]))
        finally:
            self._lock.release()


def create_app(db: str | Path | None = None, *, token: str | None = None,
               host: str = "127.0.0.1", max_body: int = DEFAULT_MAX_BODY,
               max_analyze: int = DEFAULT_MAX_ANALYZE, queue_wait: float = DEFAULT_QUEUE_WAIT,
               store: Store | None = None) -> FastAPI:
    if token is not None and not token.strip():
        raise ValueError("the token is empty: give --token a non-empty secret "
                         "(or leave it out on localhost)")
    if token is None and not is_loopback(host):
        raise ValueError(f"binding to {host} exposes the server beyond this machine: "
                         "start it with --token to protect write endpoints")
    from .. import __version__

    app = FastAPI(title="newsgraph", version=__version__,
                  description="News articles as structured, sourced records: stories, actors, "
                              "claims and events across English, Ukrainian and Russian.",
                  docs_url=None, redoc_url=None)
    app.state.ng = AppState(store or Store.open(db), token, max_body, max_analyze, queue_wait)
    static_dir = Path(str(resources.files("newsgraph.web") / "static"))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.state.templates = Jinja2Templates(
        directory=str(resources.files("newsgraph.web") / "templates"))
    app.state.templates.env.filters["safe_url"] = safe_url
    app.state.templates.env.filters["thousands"] = thousands

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request):
        """Swagger UI from the package (static/vendor, `make web-assets`), booted by
        static/docs.js: no CDN, no inline script."""
        missing = [f for f in VENDOR if not (static_dir / "vendor" / f).is_file()]
        if missing:
            return html(request, "error.html", {
                "status": 503, "message": "The API documentation page needs Swagger UI's files "
                f"({', '.join(missing)}) in static/vendor: run `make web-assets`. The API is "
                "described at /openapi.json."}, status=503)
        return html(request, "docs.html", {"openapi_url": app.openapi_url})

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    def wants_json(request: Request) -> bool:
        """Errors of the API (and its schema) are JSON; the pages' are HTML pages."""
        return request.url.path.startswith("/api/") or request.url.path == app.openapi_url

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        # the headers carry Allow (405) and Retry-After (429)
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=exc.headers)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        message = "Internal server error."
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=500)
        try:
            return app.state.templates.TemplateResponse(
                request, "error.html", {"status": 500, "message": message}, status_code=500)
        except Exception:  # noqa: BLE001 - the error page itself failed: say so plainly
            return PlainTextResponse(message, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        # what was wrong and where, never the input itself: it may be megabytes of hostile text
        # (and a lone surrogate in it cannot even be written back as JSON)
        detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 422, "message": message}, status_code=422)

    app.add_middleware(SecurityMiddleware, max_body=max_body)
    return app


def thousands(value: Any) -> str:
    """A number as people read it, thousands set apart by a narrow no-break space (11500000 ->
    "11 500 000": a comma would read as a list separator); anything else as it is."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{int(number):,}" if number.is_integer() and abs(number) < 1e18 else f"{number:,}"
    return text.replace(",", "\u202f")


def safe_url(url: Any) -> str | None:
    """The URL when it may be a link (http or https), else None: javascript:, data:, vbscript:
    and anything unparsable are shown as text, never as an href."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def client_id(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def state(request: Request) -> AppState:
    return request.app.state.ng


def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context,
                                                        status_code=status)
