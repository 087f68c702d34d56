"""Full-text search of the stored articles: the query language, word forms and actors.

Query syntax (anything else is plain words, all of which must match):

    word word        every word (in any of its forms: "Путину" finds "Путин")
    a OR b           either (OR in capitals; it binds tighter than the space:
                     `a OR b c` = (a or b) and c)
    -word            articles without the word (in any form); -"a phrase" too
    "exact phrase"   these words in this order, exactly as written (no other forms, no actors)

A plain word also matches the base forms stored at ingest (kb/lemmas.py): the query's language is
unknown, so every reading of the word in en, uk and ru is tried. A word (or two or three words
in a row) that names a known actor also finds the articles mentioning that actor in any language,
through the actor's cross-lingual key ("Putin" finds "Путин" and "Путін"); a person is named by
the whole name or by the surname. Each hit says which term matched it, and how (word or actor).

Nothing from the user reaches SQL or the full-text engine as syntax: the query is cut into words
(letters and digits only), every word is quoted as an FTS5 string or passed to PostgreSQL's
phraseto_tsquery, and every value is a bound parameter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (and_, bindparam, column, false, func, literal_column, not_, or_, select,
                        table)

from . import actors as actors_mod
from .lemmas import TOKEN, WORD
from .store import Store, actor_names, actors, articles, entities

# a balanced "phrase" (optionally -"excluded"), or a run of other characters
_PART = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"|(?P<chunk>[^\s"]+)')
MAX_TERMS = 32          # words beyond this are ignored (a pasted paragraph is not a query)
MAX_ACTORS = 50         # actor keys one term may stand for
NAME_SPAN = 3           # consecutive words tried as one actor's name
MIN_KEY = 3             # a one-word key shorter than this names no actor
SHORT = 3               # a word this short names an actor only when written with a capital


@dataclass
class Term:
    words: tuple[str, ...]          # the words as written (letters, digits, inner apostrophes)
    phrase: bool = False            # "exact phrase": surface forms in this order only
    forms: tuple[str, ...] = ()     # base forms of a one-word term (filled by `prepare`)
    actors: dict[str, str] = field(default_factory=dict)   # actor key -> name
    parts: tuple["Term", ...] = ()  # a name of several words: each word is also a term

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.phrase else joined


@dataclass
class Query:
    groups: list[list[Term]]        # AND of groups, each an OR of terms
    exclude: list[Term]

    @property
    def empty(self) -> bool:
        return not self.groups

    def describe(self) -> dict[str, Any]:
        """The query as understood, for people and the API."""
        return {"all_of": [[t.text for t in g] for g in self.groups],
                "none_of": [t.text for t in self.exclude]}


def parse(user_text: str) -> Query:
    """User text -> Query. Only balanced quotes make phrases; OR between two terms joins them;
    a leading '-' excludes; a lone quote, an OR at either end and every other character are
    ignored or plain words."""
    items: list[tuple[str, Any]] = []       # ("term", Term, negated) | ("or", None)
    count = 0
    for m in _PART.finditer(user_text or ""):
        if count >= MAX_TERMS:
            break
        if m.group("phrase") is not None:
            words = tuple(WORD.findall(m.group("phrase")))
            if words:
                items.append(("term", Term(words, phrase=True), bool(m.group("neg"))))
                count += 1
            continue
        chunk = m.group("chunk")
        if chunk == "OR":
            items.append(("or", None, False))
            continue
        neg = chunk.startswith("-") and len(chunk) > 1
        words = WORD.findall(chunk[1:] if neg else chunk)
        if not words:
            continue
        if neg:          # -al-Assad: exclude the words together
            items.append(("term", Term(tuple(words), phrase=len(words) > 1), True))
            count += 1
            continue
        for w in words:
            items.append(("term", Term((w,)), False))
            count += 1
    groups: list[list[Term]] = []
    exclude: list[Term] = []
    join_next = False
    for n, (kind, term, neg) in enumerate(items):
        if kind == "or":
            prev_ok = n > 0 and items[n - 1][0] == "term" and not items[n - 1][2]
            next_ok = n + 1 < len(items) and items[n + 1][0] == "term" and not items[n + 1][2]
            if prev_ok and next_ok:
                join_next = True
            else:                       # nothing to join: a plain word
                groups.append([Term(("OR",))])
            continue
        if neg:
            exclude.append(term)
            join_next = False
        elif join_next and groups:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    return Query(groups, exclude)


def fts_string(words: tuple[str, ...] | list[str]) -> str:
    """Words as one quoted FTS5 string (a phrase): tokens of letters and digits only."""
    return '"' + " ".join(t for w in words for t in TOKEN.findall(w)) + '"'


# -- preparing terms: word forms and actors ----------------------------------------------------
def prepare(store: Store, query: Query) -> None:
    """Fill each plain term's base forms and the actors it names; consecutive plain words that
    together name an actor become one name term (its words still match as words)."""
    lem = store.lemmatiser
    for term in [t for g in query.groups for t in g] + query.exclude:
        if not term.phrase and len(term.words) == 1:
            term.forms = tuple(f for f in lem.forms(term.words[0]))
    with store.engine.connect() as conn:
        for term in [t for g in query.groups for t in g] + query.exclude:
            word = term.words[0]
            if term.phrase or len(term.words) != 1 or (len(word) <= SHORT
                                                        and not word[:1].isupper()):
                continue        # "us", "who": words first; "US", "WHO" may be actors
            term.actors = _actors_named(store, conn, [word, *term.forms], single=True)
        query.groups = _join_names(store, conn, query.groups)


def _actors_named(store: Store, conn, names: list[str], single: bool) -> dict[str, str]:
    """Actor key -> name for actors these spellings name: the whole key (after transliteration
    and folds, extract/keys.py), an exact stored name or alias, or, for one word, a person's
    surname (the last word of a person's key)."""
    km = store.key_maker
    keys = {km.key(n) for n in names if n}
    keys = {k for k in keys if len(k) >= MIN_KEY}
    norms = {actors_mod.normalise(n) for n in names if n}
    if not keys and not norms:
        return {}
    conds = [actors.c.key.in_(sorted(keys))] if keys else []
    if norms:
        conds.append(actors.c.key.in_(select(actor_names.c.actor_key)
                                      .where(actor_names.c.name_norm.in_(sorted(norms)))))
    if single:
        for k in sorted(keys):
            if " " not in k:
                pattern = "% " + re.sub(r"([\\%_])", r"\\\1", k)
                conds.append(and_(actors.c.type == "PERSON",
                                  actors.c.key.like(pattern, escape="\\")))
    rows = conn.execute(select(actors.c.key, actors.c.name).where(or_(*conds))
                        .order_by(actors.c.article_count.desc(), actors.c.key)
                        .limit(MAX_ACTORS)).all()
    return {r.key: r.name for r in rows}


def _join_names(store: Store, conn, groups: list[list[Term]]) -> list[list[Term]]:
    """Runs of single plain words (not joined by OR) that name an actor as a whole ("Vladimir
    Putin", "Башар Асад") become one term."""
    out: list[list[Term]] = []
    i = 0
    while i < len(groups):
        joined = False
        for n in range(min(NAME_SPAN, len(groups) - i), 1, -1):
            run = groups[i:i + n]
            if not all(len(g) == 1 and not g[0].phrase and len(g[0].words) == 1 for g in run):
                continue
            parts = tuple(g[0] for g in run)
            spellings = [" ".join(p.words[0] for p in parts)]
            if all(len(p.forms) > 1 for p in parts):
                spellings.append(" ".join(p.forms[-1] for p in parts))
            found = _actors_named(store, conn, spellings, single=False)
            if found:
                out.append([Term(tuple(p.words[0] for p in parts), actors=found, parts=parts)])
                i += n
                joined = True
                break
        if not joined:
            out.append(groups[i])
            i += 1
    return out


# -- SQL conditions ------------------------------------------------------------------------------
_fts = table("articles_fts", column("article_id"))


class Dialect:
    """How one database answers 'which articles have this term' (words and phrases; actors are
    the same everywhere)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def word_condition(self, term: Term):
        """A condition on `articles` true where the term's words (or forms) occur."""
        if term.parts:
            return and_(*(self.word_condition(p) for p in term.parts))
        if self.name == "sqlite":
            return articles.c.id.in_(select(_fts.c.article_id)
                                     .where(_match(self.fts_expression(term))))
        if self.name == "postgresql":
            return self.pg_condition(term)
        conds = [articles.c.text.ilike("%" + _like_escape(w) + "%", escape="\\")
                 for w in term.words]
        if term.phrase:
            conds = [articles.c.text.ilike("%" + _like_escape(" ".join(term.words)) + "%",
                                           escape="\\")]
        return and_(*conds)

    # SQLite FTS5
    @staticmethod
    def fts_expression(term: Term) -> str:
        surface = "{title body} : " + fts_string(term.words)
        if term.phrase or not term.forms:
            return surface
        forms = " OR ".join(fts_string([f]) for f in term.forms)
        return f"({surface}) OR (lemmas : ({forms}))"

    # PostgreSQL tsvector
    @staticmethod
    def pg_condition(term: Term):
        surface = literal_column("articles.tsv").op("@@")(_phraseq(" ".join(term.words)))
        if term.phrase or not term.forms:
            return surface
        lemma_q = None
        for f in term.forms:
            q = _phraseq(f)
            lemma_q = q if lemma_q is None else lemma_q.op("||")(q)
        return or_(surface, literal_column("articles.lemma_tsv").op("@@")(lemma_q))


def _phraseq(value: str):
    words = " ".join(t for t in TOKEN.findall(value))
    return func.phraseto_tsquery(literal_column("'simple'"), bindparam(None, words))


def _match(expression: str):
    return literal_column("articles_fts").op("MATCH")(bindparam(None, expression))


def _like_escape(value: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", value)


def _actor_condition(term: Term):
    if not term.actors:
        return None
    return articles.c.id.in_(select(entities.c.article_id)
                             .where(entities.c.actor_key.in_(sorted(term.actors))))


def term_condition(dialect: Dialect, term: Term):
    cond = dialect.word_condition(term)
    actor = _actor_condition(term)
    return cond if actor is None else or_(cond, actor)


def query_condition(dialect: Dialect, query: Query):
    if query.empty:
        return false()
    cond = and_(*(or_(*(term_condition(dialect, t) for t in g)) for g in query.groups))
    for t in query.exclude:
        cond = and_(cond, not_(term_condition(dialect, t)))
    return cond


# -- the search ---------------------------------------------------------------------------------
COLS = (articles.c.id, articles.c.title, articles.c.language, articles.c.published,
        articles.c.outlet, articles.c.story_id)


def search_page(store: Store, user_text: str, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """{"query": how it was understood, "total": all matching articles (a COUNT), "offset",
    "limit", "results": [{id, title, language, published, outlet, story_id, snippet,
    matched: [{term, by: word|actor, actor?}]}]}: best first (word matches by relevance, then
    articles found only through an actor), ties in ingest order, so pages are stable."""
    query = parse(user_text)
    page: dict[str, Any] = {"query": query.describe(), "total": 0, "offset": offset,
                            "limit": limit, "results": []}
    if query.empty:
        return page
    prepare(store, query)
    page["query"] = query.describe()
    dialect = Dialect(store.dialect)
    cond = query_condition(dialect, query)
    positive = [t for g in query.groups for t in g]
    with store.engine.connect() as conn:
        page["total"] = conn.scalar(select(func.count()).select_from(articles).where(cond)) or 0
        if offset >= page["total"]:
            return page
        source, order = _ranked(dialect, positive)
        rows = conn.execute(select(*COLS).select_from(source).where(cond)
                            .order_by(*order, articles.c.seq).limit(limit).offset(offset)).all()
        ids = [r.id for r in rows]
        snippets = _snippets(conn, dialect, positive, ids)
        matched = _explain(conn, dialect, positive, ids)
        missing = [i for i in ids if "[" not in (snippets.get(i) or "")]
        snippets.update(_other_snippets(store.lemmatiser, conn, positive, missing, matched))
    page["results"] = [dict(zip((c.name for c in COLS), r[:len(COLS)]),
                            snippet=snippets.get(r.id), matched=matched.get(r.id, []))
                       for r in rows]
    return page


def _ranked(dialect: Dialect, terms: list[Term]):
    """(FROM clause, order) for relevance of the word matches (SQLite: bm25 over a derived table
    of the FTS matches, lower is better, the title weighted; PostgreSQL: ts_rank, higher is
    better); articles matched only through an actor rank after every word match."""
    words = [t for t in terms for t in (t.parts or (t,))]
    if dialect.name == "sqlite":
        expr = " OR ".join("(" + Dialect.fts_expression(t) + ")" for t in words)
        sub = select(_fts.c.article_id.label("aid"),
                     literal_column("bm25(articles_fts, 0.0, 4.0, 1.0, 1.0)").label("r")) \
            .where(_match(expr)).subquery("fts_rank")
        return (articles.outerjoin(sub, sub.c.aid == articles.c.id),
                [func.coalesce(sub.c.r, 0.0).asc()])
    if dialect.name == "postgresql":
        surface = lemma = None
        for t in words:
            q = _phraseq(" ".join(t.words))
            surface = q if surface is None else surface.op("||")(q)
            for f in t.forms:
                q = _phraseq(f)
                lemma = q if lemma is None else lemma.op("||")(q)
        rank = func.ts_rank(literal_column("articles.tsv"), surface)
        if lemma is not None:
            rank = rank + func.ts_rank(literal_column("articles.lemma_tsv"), lemma)
        return articles, [rank.desc()]
    return articles, []


def _snippets(conn, dialect: Dialect, terms: list[Term], ids: list[str]) -> dict[str, str]:
    """A passage of each found article's text around the words found, words in [brackets]."""
    if not ids:
        return {}
    words = [t for t in terms for t in (t.parts or (t,))]
    if dialect.name == "sqlite":
        expr = " OR ".join("{title body} : " + fts_string(t.words) for t in words)
        rows = conn.execute(select(_fts.c.article_id, literal_column(
            "snippet(articles_fts, 2, '[', ']', ' … ', 12)")).where(
            _match(expr), _fts.c.article_id.in_(ids))).all()
        return {a: s for a, s in rows}
    if dialect.name == "postgresql":
        q = None
        for t in words:
            p = _phraseq(" ".join(t.words))
            q = p if q is None else q.op("||")(p)
        rows = conn.execute(select(articles.c.id, func.ts_headline(
            literal_column("'simple'"), articles.c.text, q,
            literal_column("'StartSel=[, StopSel=], MaxWords=18, MinWords=6'")))
            .where(articles.c.id.in_(ids))).all()
        return {a: s for a, s in rows}
    return {}


SNIPPET_WORDS = 12
SCAN_CHARS = 20_000      # how far into a text a snippet looks for a word form or a name


def _other_snippets(lem, conn, terms: list[Term], ids: list[str],
                    matched: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Snippets for hits the full-text engine cannot highlight: around a name of the actor that
    matched, else around a word whose base form matched (uk/ru words reduced by pymorphy3;
    Latin words compared as written), else the start of the text."""
    if not ids:
        return {}
    rows = conn.execute(select(articles.c.id, articles.c.text, articles.c.language)
                        .where(articles.c.id.in_(ids))).all()
    names: dict[str, list[str]] = {}
    keys = sorted({m["actor_key"] for i in ids for m in matched.get(i, []) if m["by"] == "actor"})
    if keys:
        import json

        for aid, name, aliases in conn.execute(select(entities.c.article_id, entities.c.name,
                                                      entities.c.aliases)
                                               .where(entities.c.article_id.in_(ids),
                                                      entities.c.actor_key.in_(keys))):
            names.setdefault(aid, []).extend([name, *json.loads(aliases or "[]")])
    forms = {f for t in terms for p in (t.parts or (t,)) for f in (*p.forms, *(
        w.casefold() for w in p.words))}
    out = {}
    for aid, text_, lang in rows:
        head = (text_ or "")[:SCAN_CHARS]
        span = None
        for name in sorted(names.get(aid, []), key=len, reverse=True):
            at = head.find(name) if name else -1
            if at >= 0:
                span = (at, at + len(name))
                break
        if span is None:
            for m in WORD.finditer(head):
                w = m.group()
                if w.casefold() in forms or (lang in ("uk", "ru") and lem.text(w, lang) in forms):
                    span = m.span()
                    break
        out[aid] = _window(head, span)
    return out


def _window(text_: str, span: tuple[int, int] | None) -> str:
    """About SNIPPET_WORDS words of text around span, the span in [brackets]."""
    if span is None:
        words = text_.split()
        return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
    start, end = span
    before = text_[:start].split()[-(SNIPPET_WORDS // 3):]
    after = text_[end:].split()[:SNIPPET_WORDS - SNIPPET_WORDS // 3]
    lead = "… " if len(text_[:start].split()) > len(before) else ""
    tail = " …" if len(text_[end:].split()) > len(after) else ""
    glue_l = " " if start > 0 and text_[start - 1].isspace() else ""
    glue_r = " " if end < len(text_) and text_[end].isspace() else ""
    return (lead + " ".join(before) + glue_l + "[" + text_[start:end] + "]" + glue_r
            + " ".join(after) + tail).strip()


def _explain(conn, dialect: Dialect, terms: list[Term], ids: list[str]
             ) -> dict[str, list[dict[str, Any]]]:
    """Why each found article matched: per positive term, by its words (any form) and/or by an
    actor it names (the actor's name)."""
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    for term in terms:
        by_word = set(conn.scalars(select(articles.c.id).where(
            articles.c.id.in_(ids), dialect.word_condition(term))))
        by_actor: dict[str, list[str]] = {}
        if term.actors:
            for aid, key in conn.execute(select(entities.c.article_id, entities.c.actor_key)
                                         .where(entities.c.article_id.in_(ids),
                                                entities.c.actor_key.in_(sorted(term.actors)))
                                         .distinct().order_by(entities.c.actor_key)):
                by_actor.setdefault(aid, []).append(key)
        for aid in ids:
            if aid in by_word:
                out[aid].append({"term": term.text, "by": "word"})
            for key in by_actor.get(aid, []):
                out[aid].append({"term": term.text, "by": "actor", "actor": term.actors[key],
                                 "actor_key": key})
    return out


