"""`newsgraph serve`: the FastAPI application (pages + REST API) over one knowledge base.

    app = create_app("newsgraph.db", token=None, host="127.0.0.1")

State lives on `app.state` (the store, the token, a lazily built pipeline shared by requests):
no module-level globals, so several apps (tests, workers) can live in one process.
"""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..kb.store import Store
from .security import SecurityMiddleware, is_loopback

DEFAULT_MAX_BODY = 6_000_000   # bytes: a 5 MB article plus form overhead


class AppState:
    """Everything a request needs, owned by one app."""

    def __init__(self, store: Store, token: str | None, max_body: int) -> None:
        self.store = store
        self.token = token
        self.max_body = max_body
        self._pipeline = None
        self._lock = threading.Lock()

    def analyze(self, article) -> dict[str, Any]:
        """Analyse one Article; models load on first use, once per app; one analysis at a time."""
        from ..pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            return next(self._pipeline.analyze_articles([article]))


def create_app(db: str | Path | None = None, *, token: str | None = None,
               host: str = "127.0.0.1", max_body: int = DEFAULT_MAX_BODY,
               store: Store | None = None) -> FastAPI:
    if token is None and not is_loopback(host):
        raise ValueError(f"binding to {host} exposes the server beyond this machine: "
                         "start it with --token to protect write endpoints")
    from .. import __version__

    app = FastAPI(title="newsgraph", version=__version__,
                  description="News articles as structured, sourced records: stories, actors, "
                              "claims and events across English, Ukrainian and Russian.",
                  docs_url="/docs", redoc_url=None)
    app.state.ng = AppState(store or Store.open(db), token, max_body)
    static_dir = Path(str(resources.files("newsgraph.web") / "static"))
    app.mount("/static", StaticFiles(directory=static_dir), name="static")
    app.state.templates = Jinja2Templates(
        directory=str(resources.files("newsgraph.web") / "templates"))

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "message": exc.detail},
            status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        # what was wrong and where, never the input itself: it may be megabytes of hostile text
        # (and a lone surrogate in it cannot even be written back as JSON)
        detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 422, "message": message}, status_code=422)

    app.add_middleware(SecurityMiddleware, max_body=max_body)
    return app


def state(request: Request) -> AppState:
    return request.app.state.ng


def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context,
                                                        status_code=status)
