"""Server-rendered pages people can bookmark and share. Jinja2 autoescapes all article text."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from ..ingest import IngestError, Reader
from ..ingest.dates import parse_date
from ..ingest.outlets import outlet_or_host, url_host
from ..kb import queries
from ..record import event_participants
from . import data
from .api import MAX_TEXT, LedgerQuery, analyze_limited, check_size, read_upload
from .app import html, state
from .highlight import segments
from .security import csrf_ok, csrf_token, token_ok

ANALYZE_FORM = "analyze"
LANGUAGES = {"": None, "auto": None, "en": "en", "uk": "uk", "ru": "ru"}   # form value -> forced
MAX_URL = 2000
ANALYZE_SECONDS = 60    # what the form tells people a long text may take

router = APIRouter(include_in_schema=False)


def actor_href(key: str | None) -> str:
    return "/actors/" + quote(key or "", safe="")


def sourcing_line(rec) -> str:
    s = rec.get("sourcing") or {}
    parts = []
    if s.get("primary_sources"):
        parts.append("via " + ", ".join(s["primary_sources"]))
    parts.append(f"{s.get('named_sources', 0)} named, {s.get('anonymous_sources', 0)} anonymous "
                 "source(s)")
    if s.get("no_response"):
        parts.append(" and ".join(s["no_response"]) + " did not respond")
    if s.get("unreachable"):
        parts.append(" and ".join(s["unreachable"]) + " could not be reached")
    return "; ".join(parts)


def article_context(rec, story_id=None, stored=False):
    ents = {e["id"]: e for e in rec.get("entities", [])}

    def names(ids):
        return ", ".join(ents[i]["name"] for i in ids if i in ents)

    ent_names = {i: e["name"] for i, e in ents.items()}

    def participants(ev, role):
        return ", ".join(event_participants(ev, role, ent_names))

    def claim_source(c):
        src = c.get("source") or {}
        return ents.get(src.get("entity"), {}).get("name") or src.get("text") or "—"

    def href(e):
        from ..kb.actors import entity_key

        key = entity_key(e)
        return actor_href(key) if key else None

    actors = sorted(rec.get("entities", []), key=lambda e: -len(e.get("mentions", [])))
    return {"rec": rec, "segs": segments(rec, href=href), "story_id": story_id, "names": names,
            "participants": participants, "claim_source": claim_source, "actors": actors,
            "actor_href": href, "sourcing_line": sourcing_line(rec),
            "outlet": outlet_or_host(rec.get("outlet"), rec.get("url")), "stored": stored}


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    ov = data.overview(state(request).store)
    return html(request, "index.html", {"ov": ov})


# items per page of each list
SEARCH_PAGE = 50
ACTORS_PAGE = 100
STORIES_PAGE = 100
PAGE = Query(1, ge=1, le=1_000_000)


def pager(request: Request, total: int, page: int, per_page: int, shown: int) -> dict:
    """'showing 51–100 of 2,917' and the links to the previous and next pages (the request's
    other parameters kept)."""
    offset = (page - 1) * per_page
    last = max(1, -(-total // per_page))

    def href(n: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "page"}
        if n > 1:
            params["page"] = str(n)
        return request.url.path + ("?" + urlencode(params) if params else "")

    return {"total": total, "first": offset + 1 if shown else 0, "last_shown": offset + shown,
            "page": page, "pages": last,
            "prev": href(min(page - 1, last)) if page > 1 else None,
            "next": href(page + 1) if offset + shown < total else None}


def _uses_syntax(understood: dict | None) -> bool:
    """Whether the query used OR, -word or a phrase (then the page says how it read it)."""
    if not understood:
        return False
    terms = [t for g in understood["all_of"] for t in g]
    return bool(understood["none_of"]) or any(len(g) > 1 for g in understood["all_of"]) or \
        any(t.startswith('"') for t in terms)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), page: int = PAGE):
    store = state(request).store
    found = {"results": [], "total": 0, "query": None}
    actors = []
    if q.strip():
        found = queries.search_page(store, q, limit=SEARCH_PAGE, offset=(page - 1) * SEARCH_PAGE)
        actors = queries.find_actor(store, q)[:10] if page == 1 else []
    results = [dict(r, outlet=outlet_or_host(r.get("outlet"), r.get("url"))) for r in found["results"]]
    return html(request, "search.html", {
        "q": q, "results": results, "understood": found["query"],
        "syntax": _uses_syntax(found["query"]), "actors": actors,
        "actor_href": actor_href,
        "pager": pager(request, found["total"], page, SEARCH_PAGE, len(found["results"]))})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    found = data.article(state(request).store, article_id)
    if not found:
        raise HTTPException(404, "No such article.")
    rec, story_id = found
    return html(request, "article.html", article_context(rec, story_id))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: int = PAGE):
    store = state(request).store
    items = queries.list_stories(store, limit=STORIES_PAGE, offset=(page - 1) * STORIES_PAGE)
    return html(request, "stories.html", {
        "stories": items,
        "pager": pager(request, queries.count_stories(store), page, STORIES_PAGE, len(items))})


def ledger_href(story_id: str, q: LedgerQuery, **changes) -> str:
    """The story page's URL with the ledger's parameters, some changed (a filter or the sort
    resets the page to 1); defaults are left out so links stay short and bookmarkable."""
    params = {**q.model_dump(), **changes}
    if "page" not in changes:
        params["page"] = 1
    defaults = LedgerQuery().model_dump()
    shown = {k: ("1" if v is True else v) for k, v in params.items()
             if v is not None and v != "" and v != defaults[k]}
    query = urlencode(shown)
    return "/stories/" + quote(story_id, safe="") + ("?" + query if query else "") + "#ledger"


def page_ledger_query(request: Request) -> LedgerQuery:
    """The ledger parameters of the story page's URL; the filter form sends empty fields for
    "any", which mean the default here."""
    raw = {k: v for k, v in request.query_params.items()
           if k in LedgerQuery.model_fields and v.strip() != ""}
    try:
        return LedgerQuery(**raw)
    except ValidationError as err:
        raise HTTPException(422, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                           for e in err.errors())) from None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str, q: LedgerQuery = Depends(page_ledger_query)):
    from ..kb.ledger import STATUSES, ledger_view

    st = queries.story(state(request).store, story_id)
    if not st:
        raise HTTPException(404, "No such story.")
    view = ledger_view(st["ledger"], **q.model_dump())
    return html(request, "story.html", {
        "st": st, "lv": view, "lq": q, "statuses": STATUSES, "actor_href": actor_href,
        "languages": sorted({lang for e in st["ledger"] for lang in e.get("languages") or []}),
        "ledger_href": lambda **changes: ledger_href(st["id"], q, **changes)})


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, page: int = PAGE):
    store = state(request).store
    items = queries.top_actors(store, ACTORS_PAGE, offset=(page - 1) * ACTORS_PAGE)
    return html(request, "actors.html", {
        "actors": items, "actor_href": actor_href,
        "pager": pager(request, queries.count_actors(store), page, ACTORS_PAGE, len(items))})


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request):
    from ..watch.state import WatchState

    return html(request, "sources.html",
                {"sources": WatchState(state(request).store.engine).health()})


@router.get("/actors/{key}", response_class=HTMLResponse)
def actor(request: Request, key: str):
    prof = queries.actor_profile(state(request).store, key)
    if not prof:
        matches = queries.find_actor(state(request).store, key)
        if matches:
            prof = queries.actor_profile(state(request).store, matches[0]["key"])
    if not prof:
        raise HTTPException(404, "No such actor.")
    return html(request, "actor.html", {"a": prof, "graph_url": "/api/actors/" +
                                        quote(prof["key"], safe="") + "/graph",
                                        "actor_href": actor_href})


def form_context(request: Request) -> dict:
    """What the analyze form needs, with a fresh signed CSRF token."""
    return {"can_store": True, "need_token": state(request).token is not None,
            "analyze_seconds": ANALYZE_SECONDS,
            "csrf_token": csrf_token(state(request).csrf_secret, ANALYZE_FORM)}


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request):
    return html(request, "analyze.html", form_context(request))


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_post(request: Request, text: str = Form(""), title: str = Form(""),
                       published: str = Form(""), url: str = Form(""), language: str = Form(""),
                       store: str = Form(""), token: str = Form(""),
                       csrf_token: str = Form(""), file: UploadFile | None = File(None)):
    if len(text) > state(request).max_analyze:
        echo = ""  # a rejected text is never sent back: it can be megabytes
    else:
        echo = text
    ctx = {**form_context(request), "text": echo, "title": title[:1000], "published": published[:40],
           "url": url[:MAX_URL], "language": language if language in LANGUAGES else ""}
    if not csrf_ok(state(request).csrf_secret, ANALYZE_FORM, csrf_token):
        # the text is not echoed back: it did not come from this server's form
        return html(request, "analyze.html",
                    {**ctx, "text": "", "title": "", "published": "", "url": "",
                     "error": "This form has expired or did not come from this site: "
                              "reload the page and submit it again."}, 403)
    pub = parse_date(published) if published else None
    if published and pub is None:
        return html(request, "analyze.html", {**ctx, "error": "Published must be YYYY-MM-DD."}, 422)
    if language not in LANGUAGES:
        return html(request, "analyze.html", {**ctx, "error": "Language must be auto, en, uk or "
                                                              "ru."}, 422)
    url = url.strip()
    if url and (len(url) > MAX_URL or url_host(url) is None):
        return html(request, "analyze.html", {**ctx, "url": "", "error": "The URL must be an "
                                              "http(s) address of at most 2,000 characters."}, 422)
    forced = LANGUAGES[language]
    if file is not None and file.filename:
        article = read_upload(file.filename, await file.read(MAX_TEXT + 1))
    elif text.strip():
        try:
            article = Reader().from_text(text, title=title or None, published=pub,
                                         url=url or None, language=forced)
        except IngestError as err:
            article = err
    else:
        return html(request, "analyze.html", {**ctx, "error": "Paste a text or choose a file."}, 422)
    if isinstance(article, IngestError):
        return html(request, "analyze.html", {**ctx, "error": article.reason}, 422)
    if pub and article.published is None:
        article.published = pub
    if url and not article.url:
        article.url = url
    if forced:
        article.language = forced
    # the outlet of the URL's domain (a known outlet's name, else the host), unless it names one
    article.outlet = outlet_or_host(article.outlet, article.url)
    if store and not token_ok(state(request).token, token or None):
        return html(request, "analyze.html", {**ctx, "error": "Storing needs the server's token."}, 401)
    has_token = state(request).token is not None and token_ok(state(request).token, token or None)
    too_long = check_size(request, len(article.text or ""), has_token)
    if too_long:
        # never echo a rejected text back: it can be megabytes
        return html(request, "analyze.html", {**ctx, "text": "", "error": too_long + "."}, 413)
    rec = await run_in_threadpool(analyze_limited, request, article)
    if "error" in rec:
        return html(request, "analyze.html", {**ctx, "error": rec["error"]}, 422)
    story_id = None
    if store:
        state(request).store.add_record(rec)  # Store serialises writes (a known text: kept)
        found = data.article(state(request).store, rec["id"])
        story_id = found[1] if found else None
    return html(request, "article.html", article_context(rec, story_id, stored=bool(store)))
