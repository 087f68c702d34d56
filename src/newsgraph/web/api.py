"""The JSON API under /api (its OpenAPI description is served at /docs and /openapi.json)."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import (APIRouter, Depends, File, Form, Header, HTTPException, Query, Request,
                     Response, UploadFile)
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from .. import record as rec_mod
from ..ingest import Article, IngestError, Reader
from ..ingest.article import safe_text
from ..ingest.dates import parse_date
from ..kb import queries
from . import data
from .app import Busy, Overloaded, client_id, state
from .security import token_ok

MAX_TEXT = 5_000_000
RETRY_AFTER = "5"  # seconds a client with an analysis in flight is asked to wait
RETRY_AFTER_BUSY = "30"  # seconds to wait when other clients' analyses fill the queue


class ErrorDetail(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Error(BaseModel):
    """Every error the API returns: a message, or (422 from validation) where and what."""
    detail: str | list[ErrorDetail]


def _err(description: str) -> dict[str, Any]:
    return {"model": Error, "description": description}


READ_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _err("a NUL character in the URL"),
    404: _err("no such item"),
    422: _err("a parameter is invalid (the message names it; the input is not echoed)"),
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    401: _err("storing needs the server's token"),
    403: _err("a write from another origin (CSRF) is refused"),
    413: _err("the body, or a text over the limit for analysis without the token, is too large"),
    429: {**_err("this client already has an analysis running: retry after Retry-After "
                 "seconds"),
          "headers": {"Retry-After": {"description": "seconds to wait",
                                      "schema": {"type": "string", "pattern": "^[0-9]+$"}}}},
    503: {**_err("other clients' analyses kept the server busy: retry after Retry-After "
                 "seconds"),
          "headers": {"Retry-After": {"description": "seconds to wait",
                                      "schema": {"type": "string", "pattern": "^[0-9]+$"}}}},
}
router = APIRouter(prefix="/api", tags=["api"], responses=READ_ERRORS)

# Lists are pages: `limit` items from `offset`, in a stable order; the headers give the total
# (a COUNT, never capped) and the neighbouring pages (RFC 8288 links).
PAGED: dict[int | str, dict[str, Any]] = {200: {
    "description": "one page of the list",
    "headers": {
        "X-Total-Count": {"description": "how many items the whole list has", "required": True,
                          "schema": {"type": "string", "pattern": "^[0-9]+$"}},
        "Link": {"description": 'the next and previous pages: <URL>; rel="next", '
                                '<URL>; rel="prev"',
                 "schema": {"type": "string"}}}}}
OFFSET = Query(0, ge=0, le=10_000_000, description="items to skip (for the next pages)")


def paged(request: Request, response: Response, total: int, offset: int, limit: int) -> None:
    """Set X-Total-Count and Link (next/prev) on a list response."""
    response.headers["X-Total-Count"] = str(total)
    links = []
    if offset + limit < total:
        links.append(f'<{request.url.include_query_params(offset=offset + limit)}>; rel="next"')
    if offset > 0:
        prev = max(0, min(offset - limit, total - limit if total else 0))
        links.append(f'<{request.url.include_query_params(offset=prev)}>; rel="prev"')
    if links:
        response.headers["Link"] = ", ".join(links)


def public(value: Any) -> Any:
    """API output without the server's file system: a record's `path` (where `newsgraph
    ingest` read it) becomes its file name; URLs are kept."""
    if isinstance(value, list):
        return [public(v) for v in value]
    if isinstance(value, dict):
        return {k: (public_path(v) if k == "path" else public(v)) for k, v in value.items()}
    return value


def public_path(path: Any) -> Any:
    if not isinstance(path, str) or "://" in path:
        return path
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="the article text")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    language: Literal["en", "uk", "ru"] | None = None
    clean: bool = Field(False, description="apply scraped-page cleaning (switchers, captions)")
    store: bool = Field(False, description="also store the record in the knowledge base "
                                           "(needs the token when the server has one)")

    @field_validator("text", "title", "url", mode="before")
    @classmethod
    def _safe(cls, value: Any) -> Any:
        """A JSON escape can give a lone surrogate or a NUL: read them as the files' reader does
        (U+FFFD and a space, same length) instead of refusing the article."""
        return safe_text(value) if isinstance(value, str) else value


def _token(authorization: str | None, x_token: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return x_token


def require_write(request: Request, authorization: str | None, x_token: str | None) -> None:
    if not token_ok(state(request).token, _token(authorization, x_token)):
        raise HTTPException(401, "this write needs the server's token "
                                 "(Authorization: Bearer TOKEN)")


def check_size(request: Request, length: int, authorised: bool) -> str | None:
    """Why a text of `length` characters is too long to analyse for this request, or None.
    Without the server's token (or on a server without one) the limit is max_analyze."""
    limit = state(request).max_analyze
    if length > limit and not (authorised and state(request).token is not None):
        return (f"the text is over the {limit:,}-character limit for analysis"
                + (" without the server's token" if state(request).token else ""))
    return None


def analyze_limited(request: Request, article: Article) -> dict[str, Any]:
    """Analyse with one analysis in flight per client: a second gets 429 with Retry-After."""
    try:
        with state(request).client_slot(client_id(request)):
            return state(request).analyze(article)
    except Busy:
        raise HTTPException(429, "an analysis from this client is already running",
                            headers={"Retry-After": RETRY_AFTER}) from None
    except Overloaded:
        raise HTTPException(503, "the server is busy with other analyses: retry later",
                            headers={"Retry-After": RETRY_AFTER_BUSY}) from None


def _analyze(request: Request, article: Article | IngestError, store: bool,
             authorised: bool) -> dict[str, Any]:
    if isinstance(article, IngestError):
        raise HTTPException(422, article.reason)
    too_long = check_size(request, len(article.text or ""), authorised)
    if too_long:
        raise HTTPException(413, too_long)
    rec = analyze_limited(request, article)
    if "error" in rec:
        raise HTTPException(422, rec["error"])
    out = public(rec)
    if not store:
        return out
    # serialised once (record.dumps): the stored text is the response body when they agree
    text = rec_mod.dumps(rec)
    state(request).store.add_record(rec, record_json=text)  # Store serialises writes
    if out == rec:
        return Response(text, media_type="application/json")
    return out


def authorised(request: Request, authorization: str | None, x_token: str | None) -> bool:
    token = state(request).token
    return token is not None and token_ok(token, _token(authorization, x_token))


def article_from_request(body: AnalyzeRequest) -> Article | IngestError:
    published = parse_date(body.published) if body.published else None
    if body.published and published is None:
        return IngestError(None, f"invalid published date {body.published!r}")
    if not body.text.strip():
        return IngestError(None, "empty input")
    reader = Reader(as_is=not body.clean)
    return reader.from_text(body.text, title=body.title, url=body.url, published=published,
                            language=body.language)


@router.post("/analyze", summary="Analyse an article's text and return its record",
             responses=WRITE_ERRORS)
def analyze(request: Request, body: AnalyzeRequest,
            authorization: str | None = Header(None),
            x_newsgraph_token: str | None = Header(None)) -> dict[str, Any]:
    if body.store:
        require_write(request, authorization, x_newsgraph_token)
    return _analyze(request, article_from_request(body), body.store,
                    authorised(request, authorization, x_newsgraph_token))


@router.post("/analyze/file", summary="Analyse an uploaded file (.txt, .html, .json)",
             responses=WRITE_ERRORS)
async def analyze_file(request: Request, file: UploadFile = File(...),
                       store: bool = Form(False), authorization: str | None = Header(None),
                       x_newsgraph_token: str | None = Header(None)) -> dict[str, Any]:
    if store:
        require_write(request, authorization, x_newsgraph_token)
    raw = await file.read(MAX_TEXT + 1)
    article = read_upload(file.filename or "upload.txt", raw)
    return await run_in_threadpool(_analyze, request, article, store,
                                   authorised(request, authorization, x_newsgraph_token))


def read_upload(filename: str, raw: bytes) -> Article | IngestError:
    import os
    import tempfile

    suffix = os.path.splitext(filename)[1].lower()
    if suffix not in (".txt", ".html", ".htm", ".json"):
        return IngestError(filename, "upload a .txt, .html, .htm or .json file")
    if len(raw) > MAX_TEXT:
        return IngestError(filename, "file is over the 5 MB limit")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "upload" + suffix)
        with open(path, "wb") as fh:
            fh.write(raw)
        items = list(Reader().read_one(path))
    item = items[0] if items else IngestError(filename, "nothing to analyse")
    if isinstance(item, Article):
        item.path = None
    else:
        item.path = filename
    return item


@router.get("/articles", summary="Stored articles, newest first (a page; X-Total-Count, Link)",
            responses=PAGED)
def list_articles(request: Request, response: Response, limit: int = Query(50, ge=1, le=500),
                  offset: int = OFFSET) -> list[dict[str, Any]]:
    store = state(request).store
    paged(request, response, store.article_count(), offset, limit)
    return public(data.list_articles(store, limit, offset))


@router.get("/articles/{article_id}", summary="One article's full record")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    found = data.article(state(request).store, article_id)
    if not found:
        raise HTTPException(404, "no such article")
    return public(found[0])


@router.get("/stories", summary="Stories, largest first (a page; X-Total-Count, Link)",
            responses=PAGED)
def list_stories(request: Request, response: Response, limit: int = Query(100, ge=1, le=10_000),
                 offset: int = OFFSET) -> list[dict[str, Any]]:
    store = state(request).store
    paged(request, response, queries.count_stories(store), offset, limit)
    return public(queries.list_stories(store, limit=limit, offset=offset))


@router.get("/stories/{story_id}", summary="One story: reports, wire copies, claim ledger")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    found = queries.story(state(request).store, story_id)
    if not found:
        raise HTTPException(404, "no such story")
    return public(found)


Status = Literal["asserted", "confirmed", "denied", "no_comment", "unreachable", "alleged",
                 "retracted"]
Sort = Literal["independent", "status", "date", "source"]


class LedgerQuery(BaseModel):
    """The ledger view's parameters, shared by the story page and the API (bookmarkable)."""
    sort: Sort = Field("independent", description="independent (most independent sources first), "
                       "status, date (latest report first) or source (by name)")
    status: Status | None = Field(None, description="entries some report gives this status")
    source: str | None = Field(None, max_length=200, description="part of the source's name")
    language: Literal["en", "uk", "ru"] | None = Field(None, description="entries reported in it")
    conflicts: bool = Field(False, description="only entries with a figure or denial conflict")
    min_independent: int = Field(1, ge=1, le=1000, description="at least this many independent "
                                 "sources (2: corroborated)")
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(25, ge=1, le=200)


def ledger_query(sort: Sort = Query("independent"), status: Status | None = Query(None),
                 source: str | None = Query(None, max_length=200),
                 language: Literal["en", "uk", "ru"] | None = Query(None),
                 conflicts: bool = Query(False), min_independent: int = Query(1, ge=1, le=1000),
                 page: int = Query(1, ge=1, le=100_000),
                 per_page: int = Query(25, ge=1, le=200)) -> LedgerQuery:
    return LedgerQuery(sort=sort, status=status, source=safe_text(source) if source else None,
                       language=language, conflicts=conflicts, min_independent=min_independent,
                       page=page, per_page=per_page)


class LedgerPage(BaseModel):
    """One page of a story's claim ledger and its counts (kb.ledger: each entry has key,
    content, source, source_actor, articles, outlets, languages, independent, first_published,
    last_published, status_counts, conflicts and mentions, the reports behind it)."""
    story: str
    title: str | None
    reports: int = Field(description="reports in the story")
    ledger_articles: int = Field(description="the most recent reports the ledger covers")
    total: int = Field(description="entries in the ledger")
    matched: int = Field(description="entries the filters keep")
    conflicts: int = Field(description="entries with a conflict, in the whole ledger")
    page: int
    pages: int
    per_page: int
    first: int = Field(description="number of this page's first entry among the matched (0: none)")
    last: int
    entries: list[dict[str, Any]]


def story_ledger(store, story_id: str, q: LedgerQuery) -> dict[str, Any] | None:
    """A story's ledger, sorted, filtered and paged (kb.ledger.ledger_view), with the story's
    id, title and how many reports it covers."""
    from ..kb.ledger import ledger_view

    st = queries.story(store, story_id)
    if not st:
        return None
    view = ledger_view(st["ledger"], **q.model_dump())
    return {"story": st["id"], "title": st["title"], "reports": len(st["articles"]),
            "ledger_articles": st["ledger_articles"], **view}


@router.get("/stories/{story_id}/ledger",
            summary="A story's claim ledger: sorted, filtered, paged (the story page's parameters)")
def get_story_ledger(request: Request, story_id: str,
                     q: LedgerQuery = Depends(ledger_query)) -> LedgerPage:
    found = story_ledger(state(request).store, story_id, q)
    if not found:
        raise HTTPException(404, "no such story")
    return LedgerPage(**public(found))


@router.get("/actors", summary="Actors in the most articles (a page; X-Total-Count, Link)",
            responses=PAGED)
def list_actors(request: Request, response: Response, limit: int = Query(50, ge=1, le=1000),
                type: Literal["PERSON", "ORG", "LOC", "GROUP", "EVENT", "PRODUCT", "MISC"] | None = None,
                offset: int = OFFSET) -> list[dict[str, Any]]:
    store = state(request).store
    paged(request, response, queries.count_actors(store, type_=type), offset, limit)
    return queries.top_actors(store, limit=limit, type_=type, offset=offset)


@router.get("/actors/{key}", summary="One actor across languages and articles")
def get_actor(request: Request, key: str) -> dict[str, Any]:
    found = queries.actor_profile(state(request).store, key)
    if not found:
        raise HTTPException(404, "no such actor")
    return public(found)


@router.get("/actors/{key}/graph", summary="The actor's network (Cytoscape elements)")
def get_actor_graph(request: Request, key: str) -> dict[str, Any]:
    if not queries.actor_profile(state(request).store, key, limit=1):
        raise HTTPException(404, "no such actor")
    return data.actor_graph(state(request).store, key)


@router.get("/claims", summary="Claims made by or about an actor")
def list_claims(request: Request, actor: str = Query(..., min_length=1, max_length=300)
                ) -> dict[str, Any]:
    prof = queries.actor_profile(state(request).store, actor)
    if not prof:
        raise HTTPException(404, "no such actor")
    return {"actor": prof["key"], "claims_by": prof["claims_by"], "claims_about": prof["claims_about"]}


SEARCH_HELP = ('words in any form, in en/uk/ru ("Путину" finds "Путин"); a word naming a known '
               'actor also finds that actor in other languages; a OR b; -word excludes; '
               '"exact phrase". Each hit\'s `matched` says which term found it and how '
               '(by "word" or by "actor", with the actor\'s name).')


@router.get("/search", summary="Full-text search over stored articles (a page; X-Total-Count, "
                                "Link)", description=SEARCH_HELP, responses=PAGED)
def search(request: Request, response: Response,
           q: str = Query(..., max_length=500, description=SEARCH_HELP),
           limit: int = Query(20, ge=1, le=200), offset: int = OFFSET) -> list[dict[str, Any]]:
    page = queries.search_page(state(request).store, q, limit=limit, offset=offset)
    paged(request, response, page["total"], offset, limit)
    return public(page["results"])


@router.get("/timeline", summary="Dated events and articles, oldest first")
def timeline(request: Request, actor: str | None = Query(None, max_length=300),
             limit: int = Query(200, ge=1, le=2000)) -> list[dict[str, Any]]:
    return public(queries.timeline(state(request).store, actor_key=actor, limit=limit))


@router.get("/sources", summary="Sources followed by `newsgraph watch`, with their health")
def list_sources(request: Request) -> list[dict[str, Any]]:
    from ..watch.state import WatchState

    return WatchState(state(request).store.engine).health()
