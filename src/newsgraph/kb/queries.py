"""Read-only questions to the knowledge base. Every function returns JSON-native data; the CLI
renders it as text or JSON. All values reach SQL as bound parameters."""
from __future__ import annotations

import gc
import json
import re
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import and_, func, or_, select

from .. import record as rec_mod
from ..ingest.outlets import outlet_or_host
from . import actors as actors_mod
from .store import (Store, actor_names, actors, articles, claim_targets, claims, entities,
                    event_actors, events, relations, stories)

ARTICLE_COLS = (articles.c.id, articles.c.path, articles.c.url, articles.c.title,
                articles.c.language, articles.c.published)


ARTICLE_KEYS = tuple(c.name for c in ARTICLE_COLS)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Build a large answer (thousands of small dicts) without the cyclic garbage collector's
    full passes in the middle: they cost more than the query itself in a process that holds a
    large story clusterer. The previous state is restored. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


OPENING_CHARS = 90


def opening(text: str | None) -> str | None:
    """A label for something without a title: the first words of its text (its first line,
    cut at a word, "…" when cut)."""
    line = next((x.strip() for x in (text or "").splitlines() if x.strip()), "")
    if not line:
        return None
    if len(line) <= OPENING_CHARS - 10:
        return line
    cut = line[:OPENING_CHARS - 10].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"


def story_openings(conn, story_ids: list[str]) -> dict[str, str | None]:
    """The opening words of each story's first report, for stories without a title."""
    out: dict[str, str | None] = {}
    for i in range(0, len(story_ids), 500):
        rows = conn.execute(select(articles.c.story_id, func.substr(articles.c.text, 1, OPENING_CHARS))
                            .where(articles.c.story_id.in_(story_ids[i:i + 500]))
                            .order_by(articles.c.seq)).all()
        for sid, text_ in rows:
            if sid not in out:
                out[sid] = opening(text_)
    return out


def _article_brief(row) -> dict[str, Any]:
    """{id, path, url, title, language, published} of a row that starts with ARTICLE_COLS (plain
    unpacking: a large story list is thousands of rows)."""
    return dict(zip(ARTICLE_KEYS, row))


# -- stories -----------------------------------------------------------------------------------
@_gc_paused()
def list_stories(store: Store, limit: int | None = None, min_size: int = 1,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Stories, largest first (then oldest first, a stable order for pages): [{"id", "title",
    "articles": [{id, path, url, title, language, published}]}], articles in ingest order."""
    with store.engine.connect() as conn:
        q = select(stories.c.id, stories.c.title).where(stories.c.size >= min_size) \
            .order_by(stories.c.size.desc(), stories.c.first_seq, stories.c.id)
        if limit:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        rows = conn.execute(q).all()
        ids = [r.id for r in rows]
        members: dict[str, list] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows_ = conn.execute(select(articles.c.story_id, *ARTICLE_COLS)
                                 .where(articles.c.story_id.in_(chunk)).order_by(articles.c.seq))
            for story_id, *values in rows_.all():
                members[story_id].append(_article_brief(values))
        labels = story_openings(conn, [r.id for r in rows if not r.title])
    return [{"id": r.id, "title": r.title, "label": r.title or labels.get(r.id),
             "articles": members[r.id]} for r in rows]


def count_stories(store: Store, min_size: int = 1) -> int:
    """How many stories have at least `min_size` articles."""
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(stories)
                           .where(stories.c.size >= min_size)) or 0


# The claim ledger compares every report with every other: a very large story (hundreds of
# reports) is summarised over its most recent reports so a page stays fast.
LEDGER_MAX_ARTICLES = 40


@_gc_paused()
def story(store: Store, ident: str, ledger_max: int = LEDGER_MAX_ARTICLES) -> dict[str, Any] | None:
    """One story (by story id, or by the id of one of its articles): articles by outlet and by
    language, wire copies grouped under their original, and the claim ledger (over the
    `ledger_max` most recent reports; `ledger_articles` says how many it covers). Each article
    carries `why`: the evidence it joined the story on (`story_why`), or null when it was stored
    before evidence was kept."""
    from .ledger import build_ledger

    with store.engine.connect() as conn:
        row = conn.execute(select(stories).where(stories.c.id == ident)).mappings().first()
        if row is None:
            sid = conn.scalar(select(articles.c.story_id).where(articles.c.id == ident))
            if sid is None:
                return None
            row = conn.execute(select(stories).where(stories.c.id == sid)).mappings().first()
            if row is None:
                return None
        arts = conn.execute(select(*ARTICLE_COLS, articles.c.outlet, articles.c.copy_of,
                                   articles.c.story_evidence,
                                   func.substr(articles.c.text, 1, OPENING_CHARS).label("opening"))
                            .where(articles.c.story_id == row["id"]).order_by(articles.c.seq)).all()
        recent = [a.id for a in arts[-ledger_max:]]        # only what the ledger reads
        stored = dict(conn.execute(select(articles.c.id, articles.c.record)
                                   .where(articles.c.id.in_(recent))).all())
    records = [rec_mod.loads(stored[i]) for i in recent if stored.get(i)]
    copies = {a.id: a.copy_of for a in arts}
    briefs = []
    by_outlet: dict[str, list[str]] = defaultdict(list)
    by_language: dict[str, list[str]] = defaultdict(list)
    for a in arts:
        b = _article_brief(a)
        outlet = outlet_or_host(a.outlet, a.url)      # an unknown outlet shows its URL's host
        b.update(outlet=outlet, copy_of=a.copy_of, why=story_why(a.story_evidence),
                 label=a.title or opening(a.opening))
        briefs.append(b)
        by_outlet[outlet or "(unknown outlet)"].append(a.id)
        by_language[a.language or "?"].append(a.id)
    groups: dict[str, list[str]] = {}
    for a in arts:
        root = a.id
        hops = 0
        while copies.get(root) and copies[root] in copies and hops < len(copies):
            root, hops = copies[root], hops + 1
        groups.setdefault(root, []).append(a.id)
    wire = [{"original": root, "copies": [m for m in members if m != root]}
            for root, members in groups.items()]
    return {"id": row["id"], "title": row["title"],
            "label": row["title"] or (briefs[0]["label"] if briefs else None),
            "first_date": row["first_date"],
            "last_date": row["last_date"], "articles": briefs,
            "by_outlet": dict(by_outlet), "by_language": dict(by_language),
            "wire_groups": wire, "ledger": build_ledger(records, copies),
            "ledger_articles": len(records)}


WHY_KEYS = ("how", "score", "kinds", "actors", "numbers", "dates", "days_apart", "cross_language",
            "translation_of", "copy_of", "shape")


def story_why(stored: str | None) -> dict[str, Any] | None:
    """The stored evidence of an article's join (JSON, kb/stories.py: StoryClusterer.assign) as
    shown: how it joined ("new": it began the story; "similar", "translation", "copy"), the
    similarity score, the kinds of evidence, shared actors (as the article names them), numbers
    and dates, days from the story's nearest report, and the report it translates or copies.
    None when nothing was stored (an article stored before migration 0008) or it is unreadable."""
    if not stored:
        return None
    try:
        ev = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(ev, dict):
        return None
    return {k: ev.get(k) for k in WHY_KEYS}


# -- actors --------------------------------------------------------------------------------------
def _names_by_language(conn, keys: list[str]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in range(0, len(keys), 500):
        rows = conn.execute(select(actor_names.c.actor_key, actor_names.c.language,
                                   actor_names.c.name, func.sum(actor_names.c.n).label("n"))
                            .where(actor_names.c.actor_key.in_(keys[i:i + 500]))
                            .group_by(actor_names.c.actor_key, actor_names.c.language,
                                      actor_names.c.name)).all()
        for r in sorted(rows, key=lambda r: (r.actor_key, r.language, -r.n, r.name)):
            out[r.actor_key][r.language].append(r.name)
    return {k: dict(v) for k, v in out.items()}


def top_actors(store: Store, limit: int = 20, type_: str | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
    """Actors in the most articles (ties by key, a stable order for pages): name, type, names in
    each language, article count."""
    with store.engine.connect() as conn:
        q = select(actors).order_by(actors.c.article_count.desc(), actors.c.key).limit(limit)
        if offset:
            q = q.offset(offset)
        if type_:
            q = q.where(actors.c.type == type_)
        rows = conn.execute(q).all()
        names = _names_by_language(conn, [r.key for r in rows])
    return [{"key": r.key, "name": r.name, "type": r.type, "articles": r.article_count,
             "names": names.get(r.key, {})} for r in rows]


def count_actors(store: Store, type_: str | None = None) -> int:
    """How many actors (of one type)."""
    q = select(func.count()).select_from(actors)
    if type_:
        q = q.where(actors.c.type == type_)
    with store.engine.connect() as conn:
        return conn.scalar(q) or 0


def find_actor(store: Store, name: str) -> list[dict[str, Any]]:
    """Actors a user's NAME may mean, best first: an exact key, an exact name or alias in any
    language, then names containing it."""
    norm = actors_mod.normalise(name)
    if not norm:
        return []
    with store.engine.connect() as conn:
        keys = list(conn.scalars(select(actors.c.key).where(actors.c.key == norm)))
        keys += [k for k in conn.scalars(select(actor_names.c.actor_key).distinct()
                                         .where(actor_names.c.name_norm == norm)) if k not in keys]
        if not keys:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", norm) + "%"
            keys = list(conn.scalars(select(actor_names.c.actor_key).distinct()
                                     .where(actor_names.c.name_norm.like(pattern, escape="\\"))
                                     .limit(50)))
        if not keys:
            return []
        rows = conn.execute(select(actors).where(actors.c.key.in_(keys))).all()
    exact = set(keys[:1]) if keys and keys[0] == norm else set()
    rows = sorted(rows, key=lambda r: (r.key not in exact, -r.article_count, r.key))
    return [{"key": r.key, "name": r.name, "type": r.type, "articles": r.article_count}
            for r in rows]


def actor_profile(store: Store, key: str, limit: int = 200) -> dict[str, Any] | None:
    """One actor across languages: names and aliases per language, titles, relations, claims
    they make, claims about them, events they take part in, and a timeline."""
    with store.engine.connect() as conn:
        row = conn.execute(select(actors).where(actors.c.key == key)).first()
        if row is None:
            return None
        names = _names_by_language(conn, [key]).get(key, {})
        titles = clean_titles((t.language or "?", title)
                              for t in conn.execute(select(entities.c.language, entities.c.titles)
                                                    .where(entities.c.actor_key == key)
                                                    .order_by(entities.c.article_id).limit(2000))
                              for title in json.loads(t.titles or "[]"))
        rel_rows = conn.execute(
            select(relations, articles.c.published).join(articles, articles.c.id == relations.c.article_id)
            .where(or_(relations.c.subject_key == key, relations.c.object_key == key))
            .order_by(articles.c.seq, relations.c.n).limit(limit)).all()
        by_rows = conn.execute(
            select(claims, articles.c.published, articles.c.outlet, articles.c.url)
            .join(articles, articles.c.id == claims.c.article_id)
            .where(claims.c.source_key == key).order_by(articles.c.seq, claims.c.claim_id)
            .limit(limit)).all()
        about_rows = conn.execute(
            select(claims, articles.c.published, articles.c.outlet, articles.c.url)
            .join(claim_targets, and_(claim_targets.c.article_id == claims.c.article_id,
                                      claim_targets.c.claim_id == claims.c.claim_id))
            .join(articles, articles.c.id == claims.c.article_id)
            .where(claim_targets.c.actor_key == key)
            .where(or_(claims.c.source_key.is_(None), claims.c.source_key != key))
            .order_by(articles.c.seq, claims.c.claim_id).limit(limit)).all()
        other = {k for r in rel_rows for k in (r.subject_key, r.object_key) if k}
        other |= {r.source_key for r in about_rows if r.source_key}
        labels = _labels(conn, other)
        ev = _actor_events(conn, key, limit)
    relations_out: dict[tuple, dict[str, Any]] = {}
    for r in rel_rows:          # one row per stated relation, with how often and where
        subj, obj = labels.get(r.subject_key, r.subject_key), labels.get(r.object_key, r.object_key)
        rel = relations_out.setdefault((subj, r.predicate, obj), {
            "subject": subj, "predicate": r.predicate, "object": obj, "article": r.article_id,
            "evidence": r.evidence, "count": 0, "articles": []})
        rel["count"] += 1
        if r.article_id not in rel["articles"]:
            rel["articles"].append(r.article_id)
    return {"key": row.key, "name": row.name, "type": row.type, "articles": row.article_count,
            "names": names, "name_languages": names_across_languages(names),
            "titles": titles, "relations": sorted(relations_out.values(),
                                                  key=lambda r: -r["count"]),
            "claims_by": [_claim(r, labels) for r in by_rows],
            "claims_about": [_claim(r, labels) for r in about_rows],
            "events": ev, "timeline": timeline(store, actor_key=key, limit=limit)}


MAX_TITLE_WORDS = 6     # a longer "title" is a clause the title extractor took in, not a role


def clean_titles(pairs) -> dict[str, list[str]]:
    """(language, title) pairs -> titles by language, each once (case and spacing aside, and
    once across languages: the first language that gives it keeps it), without junk: titles
    made only of the language's function words ("he", "the", "this"; spaCy's stop word lists)
    and titles over MAX_TITLE_WORDS words."""
    from . import textsim

    out: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for lang, title in pairs:
        if not isinstance(title, str):
            continue
        shown = " ".join(title.split()).strip(" ,;:-–—")
        ws = textsim.words(shown)
        if not ws or len(ws) > MAX_TITLE_WORDS:
            continue
        stop = textsim.stopwords(lang)
        if all(w in stop for w in ws):
            continue
        norm = " ".join(ws)
        if norm in seen:
            continue
        seen.add(norm)
        out[lang].append(shown)
    return dict(out)


def names_across_languages(names: dict[str, list[str]]) -> list[dict[str, Any]]:
    """{language: [names]} -> [{name, languages}]: a name written alike in several languages
    ("Reuters" in en, uk and ru texts) once, with its languages, in first-seen order."""
    out: dict[str, dict[str, Any]] = {}
    for lang in sorted(names):
        for name in names[lang]:
            item = out.setdefault(" ".join(name.split()).casefold(),
                                  {"name": name, "languages": []})
            if lang not in item["languages"]:
                item["languages"].append(lang)
    return list(out.values())


def _labels(conn, keys: set[str]) -> dict[str, str]:
    keys = sorted(keys)
    out: dict[str, str] = {}
    for i in range(0, len(keys), 500):
        for k, n in conn.execute(select(actors.c.key, actors.c.name)
                                 .where(actors.c.key.in_(keys[i:i + 500]))):
            out[k] = n
    return out


def _claim(r, labels: dict[str, str]) -> dict[str, Any]:
    return {"article": r.article_id, "claim": r.claim_id, "published": r.published,
            "outlet": outlet_or_host(r.outlet, r.url), "source": labels.get(r.source_key) or r.source_text,
            "source_kind": r.source_kind, "status": r.status, "cue": r.cue, "content": r.content,
            "hedges": json.loads(r.hedges or "[]")}


def _actor_events(conn, key: str | None, limit: int) -> list[dict[str, Any]]:
    q = select(events, articles.c.published, articles.c.title.label("article_title")) \
        .join(articles, articles.c.id == events.c.article_id)
    if key is not None:
        q = q.join(event_actors, and_(event_actors.c.article_id == events.c.article_id,
                                      event_actors.c.event_id == events.c.event_id)) \
            .where(event_actors.c.actor_key == key)
    rows = conn.execute(q.order_by(func.coalesce(events.c.date, articles.c.published),
                                   articles.c.seq, events.c.event_id).limit(limit)).all()
    seen, out = set(), []
    pairs = sorted({(r.article_id, r.event_id) for r in rows})
    participants: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if pairs:
        by_article: dict[str, list[str]] = defaultdict(list)
        for a, e in pairs:
            by_article[a].append(e)
        arts = sorted(by_article)
        for i in range(0, len(arts), 200):
            for p in conn.execute(select(event_actors.c.article_id, event_actors.c.event_id,
                                         event_actors.c.role, actors.c.name)
                                  .join(actors, actors.c.key == event_actors.c.actor_key)
                                  .where(event_actors.c.article_id.in_(arts[i:i + 200]))
                                  .order_by(event_actors.c.actor_key)):
                participants[(p.article_id, p.event_id)][p.role + "s"].append(p.name)
    for r in rows:
        if (r.article_id, r.event_id) in seen:
            continue
        seen.add((r.article_id, r.event_id))
        who = participants.get((r.article_id, r.event_id), {})
        out.append({"date": r.date or r.published, "dated_by": "event" if r.date else "published",
                    "type": r.type, "trigger": r.trigger, "modality": r.modality,
                    "agents": who.get("agents", []), "patients": who.get("patients", []),
                    "article": r.article_id, "article_title": r.article_title})
    return out


# -- timeline ---------------------------------------------------------------------------------------
def timeline(store: Store, actor_key: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Dated entries, oldest first: events (dated by their own time, else the article's date) and
    articles (by publication date; for an actor, the articles that mention them)."""
    with store.engine.connect() as conn:
        entries = [dict(e, kind="event") for e in _actor_events(conn, actor_key, limit)]
        q = select(*ARTICLE_COLS, articles.c.outlet).where(articles.c.published.is_not(None))
        if actor_key is not None:
            q = q.where(articles.c.id.in_(select(entities.c.article_id)
                                          .where(entities.c.actor_key == actor_key)))
        for a in conn.execute(q.order_by(articles.c.published, articles.c.seq).limit(limit)):
            entries.append({"kind": "article", "date": a.published, "article": a.id,
                            "title": a.title, "outlet": outlet_or_host(a.outlet, a.url),
                            "language": a.language})
    entries.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["kind"] != "event"))
    return entries[:limit]


# -- full-text search ------------------------------------------------------------------------------
def fts_query(user_text: str) -> str | None:
    """The FTS5 expression for the surface words of the text (every word a quoted string, so
    FTS syntax in the input has no effect); the search itself is kb/search.py."""
    from .search import fts_string, parse

    query = parse(user_text)
    words = [w for g in query.groups for t in g for w in t.words]
    return " ".join(fts_string([w]) for w in words) if words else None


def search_page(store: Store, user_text: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """One page of search results with the total count and how each hit matched (see
    kb/search.py for the query syntax: words in any form, a OR b, -word, "exact phrase")."""
    from .search import search_page as run

    return run(store, user_text, limit=limit, offset=offset)


def search(store: Store, user_text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching the query, best first, with a snippet and why each matched."""
    return search_page(store, user_text, limit=limit, offset=offset)["results"]
