"""The claim ledger of one story: who claims what, how many independent sources back it, and
where reports disagree.

``claim_key(claim, record)`` gives claims that say the same thing the same key:
source key (the source entity's cross-lingual ``key``, else its casefolded name or text, else its
kind) + what is claimed, as the numbers in it (language-independent), else the cross-lingual keys
of the entities it names, else its stemmed content words.

``build_ledger(records, copies)`` groups the claims of a story's records by key. An entry counts
``independent`` sources: articles that are wire copies of one another count once, and so do
articles of one outlet. Figures the outlets state in their own voice (quantities outside any
claim) become entries too (source kind "outlet"), so that "40 drones" in one report and "55
drones" in another show up as a ``figure`` conflict. A ``denial`` conflict is a claim denied in one
report and asserted or confirmed in another by someone else: the claim the denial answers
(``responds_to``) and the reports of the same content elsewhere, or, for a denial that names no
claim it answers, the same or similar content. A refusal to comment ("I have no comment", the
claim's own words matching the language's ``status_phrases.no_comment``) is no assertion.

Each entry's ``source`` is who says it as a reader knows them: the resolved entity's name (never
the pronoun or descriptor that points at it), the outlet's name (else its URL's host) for figures
in the outlet's own voice; ``source_actor`` is the key of the source's actor page, when resolved.
``ledger_view`` sorts, filters and pages a ledger for the web app.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

from ..ingest.outlets import outlet_or_host
from . import textsim
from .actors import entity_key

STATUSES = ("asserted", "confirmed", "denied", "no_comment", "unreachable", "alleged", "retracted")
MAX_KEY_TERMS = 8
SIMILAR_CONTENT = 0.3     # term Jaccard above which two statements speak of the same thing
SENTENCE_END = re.compile(r"[.!?\n]")


# -- keys ----------------------------------------------------------------------------------------
def _entities(record: dict) -> dict[str, dict]:
    return {e.get("id"): e for e in record.get("entities") or [] if e.get("id")}


def _entity_key(ent: dict | None) -> str | None:
    if not ent:
        return None
    return ent.get("key") or " ".join(textsim.words(ent.get("name") or "")) or None


def source_key(claim: dict, record: dict, entities: dict[str, dict] | None = None) -> str:
    src = claim.get("source") or {}
    key = _entity_key((entities if entities is not None else _entities(record)).get(src.get("entity")))
    if key:
        return key
    text = " ".join(textsim.words(src.get("text") or ""))
    if src.get("kind") in ("named", "outlet", "document") and text:
        return text
    return src.get("kind") or "unattributed"


def source_name(claim: dict, record: dict, entities: dict[str, dict] | None = None) -> str:
    """Who says it, as shown: the resolved entity's name, else the source's own words, else (a
    figure in the outlet's voice) the outlet or its URL's host, else the source's kind."""
    src = claim.get("source") or {}
    ent = (entities if entities is not None else _entities(record)).get(src.get("entity"))
    if ent and (ent.get("name") or "").strip():
        return ent["name"].strip()
    if src.get("kind") == "outlet" and not (src.get("text") or "").strip():
        return outlet_or_host(record.get("outlet"), record.get("url")) or "outlet"
    return (src.get("text") or "").strip() or src.get("kind") or "unattributed"


@lru_cache(maxsize=8)
def _refusal_patterns(lang: str) -> tuple[re.Pattern, ...]:
    """The language's phrases that make a claim's own words a refusal to comment."""
    from ..lang.data_loader import SUPPORTED, LanguageData

    if lang not in SUPPORTED:
        return ()
    phrases = (LanguageData(lang).get("claims", "status_phrases") or {}).get("no_comment") or []
    return tuple(re.compile(p, re.IGNORECASE) for p in phrases)


def effective_status(claim: dict, lang: str) -> str:
    """The claim's status, except that an assertion whose words refuse to comment ("I have no
    comment", stored before the pipeline read such words) is the refusal it is."""
    status = claim.get("status") or "asserted"
    if status in ("asserted", "confirmed"):
        text = (claim.get("content") or {}).get("text") or ""
        if any(rx.search(text) for rx in _refusal_patterns(lang)):
            return "no_comment"
    return status


def _span_numbers(record: dict, start: int, end: int, text: str) -> list[str]:
    nums = []
    for q in record.get("quantities") or []:
        if start <= (q.get("start") or 0) < end:
            for v in (q.get("value"), q.get("low"), q.get("high")):
                k = textsim.number_key(v)
                if k is not None:
                    nums.append(k)
    nums.extend(textsim.numbers(text))
    return sorted(set(nums))


def mention_index(record: dict) -> tuple[list[int], list[str]]:
    """Entity mentions of a record as (sorted starts, entity keys), for `_span_entities`."""
    pairs = sorted(((m.get("start") or 0), k) for ent in record.get("entities") or []
                   if (k := _entity_key(ent)) for m in ent.get("mentions") or [])
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _span_entities(record: dict, start: int, end: int,
                   index: tuple[list[int], list[str]] | None = None) -> list[str]:
    """Keys of the entities with a mention starting in [start, end)."""
    starts, keys = index or mention_index(record)
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return sorted(set(keys[lo:hi]))


def content_key(claim: dict, record: dict, index: tuple | None = None) -> str:
    """What is claimed, without who claims it (see the module docstring)."""
    content = claim.get("content") or {}
    text = content.get("text") or ""
    start, end = content.get("start") or 0, content.get("end") or len(text)
    nums = _span_numbers(record, start, end, text)
    if nums:
        return "n:" + ",".join(nums)
    ents = _span_entities(record, start, end, index)
    if ents:
        return "e:" + ",".join(ents)
    lang = record.get("language") or "en"
    terms = sorted(textsim.content_terms(text, lang).items(), key=lambda kv: (-kv[1], kv[0]))
    return f"w:{lang}:" + ",".join(sorted(t for t, _ in terms[:MAX_KEY_TERMS]))


def claim_key(claim: dict, record: dict, index: tuple | None = None,
              entities: dict[str, dict] | None = None) -> str:
    return source_key(claim, record, entities) + "|" + content_key(claim, record, index)


# -- the ledger ----------------------------------------------------------------------------------
def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    m = SENTENCE_END.search(text, end)
    return s, (m.end() if m else len(text))


def _unit_key(unit: Any, lang: str) -> str | None:
    if not isinstance(unit, str) or not unit.strip():
        return None
    ws = textsim.words(unit)
    if not ws:
        return unit.strip().casefold()
    # currency codes and such stay as they are; words are stemmed so "drone"/"drones" agree
    return " ".join(w if len(w) <= 3 else textsim.stem(w, lang)[:5] for w in ws)


def _interval(q: dict) -> tuple[float, float] | None:
    def num(x):
        try:
            return float(x) if x is not None and not isinstance(x, bool) else None
        except (TypeError, ValueError):
            return None
    v, lo, hi = num(q.get("value")), num(q.get("low")), num(q.get("high"))
    qual = q.get("qualifier")
    if v is not None:
        if qual in ("more_than", "at_least"):
            return v, float("inf")
        if qual in ("less_than", "at_most", "up_to"):
            return float("-inf"), v
        if qual in ("about", "approximately", "nearly", "almost"):
            return v * 0.9, v * 1.1
        return v, v
    if lo is not None or hi is not None:
        return (lo if lo is not None else float("-inf")), (hi if hi is not None else float("inf"))
    return None


class _Groups:
    """Union-find over article ids: wire copies and articles of one outlet are one source."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build_ledger(records: list[dict], copies: dict[str, str | None]) -> list[dict]:
    """Ledger entries of one story's records (see the module docstring), most-backed first."""
    records = [r for r in records if r and "error" not in r and r.get("id")]
    groups = _Groups()
    by_outlet: dict[str, str] = {}
    for rec in records:
        aid = rec["id"]
        groups.find(aid)
        root = copies.get(aid)
        seen = set()
        while root and root not in seen:        # follow copy chains to the original
            seen.add(root)
            groups.union(aid, root)
            root = copies.get(root)
        outlet = (outlet_or_host(rec.get("outlet"), rec.get("url")) or "").casefold() \
            .removeprefix("www.")
        if outlet:
            if outlet in by_outlet:
                groups.union(aid, by_outlet[outlet])
            else:
                by_outlet[outlet] = aid

    statements = []   # one per claim, and per figure stated in the outlet's own voice
    for rec in records:
        lang = rec.get("language") or "en"
        text = rec.get("text") or ""
        index, ents = mention_index(rec), _entities(rec)
        spans = []
        for claim in rec.get("claims") or []:
            content = claim.get("content") or {}
            start, end = content.get("start") or 0, content.get("end") or 0
            spans.append((start, end))
            st = _statement(rec, lang, claim_key(claim, rec, index, ents),
                            content.get("text") or "", start, end, effective_status(claim, lang),
                            source_name(claim, rec, ents), claim.get("id"),
                            source_key(claim, rec, ents), index)
            st["responds_to"] = claim.get("responds_to")
            st["speaker"] = st["source_key"] if _identifies(claim, ents) else None
            ent = ents.get((claim.get("source") or {}).get("entity"))
            st["source_actor"] = (entity_key(ent) or None) if ent else None
            statements.append(st)
        for q in rec.get("quantities") or []:
            qs = q.get("start") or 0
            if any(s <= qs < e for s, e in spans):
                continue
            s, e = _sentence(text, qs, q.get("end") or qs)
            sentence = text[s:e].strip()
            pseudo = {"content": {"start": s, "end": e, "text": sentence},
                      "source": {"kind": "outlet", "text": None, "entity": None}}
            name = source_name(pseudo, rec, ents)
            outlet = name.casefold()
            st = _statement(rec, lang, f"outlet:{outlet}|" + content_key(pseudo, rec, index),
                            sentence, s, e, "asserted", name, None, "outlet:" + outlet, index)
            st["responds_to"], st["speaker"], st["source_actor"] = None, st["source_key"], None
            statements.append(st)

    entries: dict[str, dict] = {}
    for st in statements:
        entry = entries.get(st["key"])
        if entry is None:
            entry = entries[st["key"]] = {
                "key": st["key"], "content": st["text"], "source": st["source"],
                "source_actor": st["source_actor"],
                "articles": [], "outlets": [], "languages": [], "independent": 0,
                "first_published": None, "last_published": None,
                "status_counts": {}, "conflicts": [], "mentions": [], "_statements": [],
                "_conflict_keys": set()}
        entry["_statements"].append(st)
        if st["article"] not in entry["articles"]:
            entry["articles"].append(st["article"])
        if st["outlet"] and st["outlet"] not in entry["outlets"]:
            entry["outlets"].append(st["outlet"])
        if st["lang"] not in entry["languages"]:
            entry["languages"].append(st["lang"])
        pub = st["published"]
        if pub:
            if entry["first_published"] is None or pub < entry["first_published"]:
                entry["first_published"] = pub
            if entry["last_published"] is None or pub > entry["last_published"]:
                entry["last_published"] = pub
        entry["status_counts"][st["status"]] = entry["status_counts"].get(st["status"], 0) + 1
        entry["mentions"].append({"article": st["article"], "claim": st["claim"],
                                  "status": st["status"], "language": st["lang"],
                                  "outlet": st["outlet"], "title": st["title"],
                                  "published": pub})
    for entry in entries.values():
        entry["independent"] = len({groups.find(a) for a in entry["articles"]})

    _figure_conflicts(statements, entries)
    _denial_conflicts(statements, entries)
    out = []
    for entry in entries.values():
        entry.pop("_statements")
        entry.pop("_conflict_keys")
        entry["outlets"].sort()
        entry["languages"].sort()
        out.append(entry)
    out.sort(key=lambda e: (-e["independent"], -len(e["articles"]), e["key"]))
    return out


def _statement(rec: dict, lang: str, key: str, text: str, start: int, end: int, status: str,
               source: str | None, claim_id: str | None, src_key: str, index: tuple) -> dict:
    quantities = []
    for q in rec.get("quantities") or []:
        if start <= (q.get("start") or 0) < end:
            unit = _unit_key(q.get("unit"), lang)
            iv = _interval(q)
            if unit and iv:
                quantities.append((unit, iv, q.get("text") or ""))
    terms = {t for t in textsim.content_terms(text, lang)}
    published = rec.get("published")
    return {"key": key, "article": rec["id"], "lang": lang,
            "outlet": outlet_or_host(rec.get("outlet"), rec.get("url")),
            "title": rec.get("title"), "published": published if isinstance(published, str) else None,
            "text": text, "status": status, "source": source, "claim": claim_id,
            "source_key": src_key, "quantities": quantities, "terms": terms,
            "entities": set(_span_entities(rec, start, end, index))}


def _identifies(claim: dict, entities: dict[str, dict]) -> bool:
    """Does the claim's source key name one speaker (an entity, a named source, an outlet), as
    opposed to a kind ("anonymous") that many different people share?"""
    src = claim.get("source") or {}
    return src.get("entity") in entities or (src.get("kind") in ("named", "outlet", "document")
                                             and bool((src.get("text") or "").strip()))


def _related(a: dict, b: dict) -> bool:
    """Do two statements speak of the same thing? (shared named entities, or similar words)."""
    if a["entities"] & b["entities"]:
        return True
    return a["lang"] == b["lang"] and textsim.jaccard(a["terms"], b["terms"]) >= SIMILAR_CONTENT


def _add_conflict(entries: dict, a: dict, b: dict, conflict: dict) -> None:
    seen = (conflict["kind"], conflict.get("unit"), conflict["detail"], tuple(conflict["articles"]))
    for st in (a, b):
        entry = entries[st["key"]]
        if seen not in entry["_conflict_keys"]:
            entry["_conflict_keys"].add(seen)
            entry["conflicts"].append(conflict)


def _figure_conflicts(statements: list[dict], entries: dict) -> None:
    """Disjoint figures of one unit in related statements of different articles. Only figures of
    one unit are compared (statements indexed by unit), in statement order."""
    by_unit: dict[str, list[tuple[int, dict, tuple[float, float], str]]] = defaultdict(list)
    for i, st in enumerate(statements):
        for unit, interval, text in st["quantities"]:
            by_unit[unit].append((i, st, interval, text))
    found = []
    for unit, items in by_unit.items():
        for n, (i, a, (alo, ahi), ta) in enumerate(items):
            for j, b, (blo, bhi), tb in items[n + 1:]:
                if j == i or a["article"] == b["article"] or not (ahi < blo or bhi < alo):
                    continue
                if _related(a, b):
                    found.append((min(i, j), max(i, j), unit, a, b, ta, tb))
    for _, _, unit, a, b, ta, tb in sorted(found, key=lambda f: f[:2]):
        _add_conflict(entries, a, b, {
            "kind": "figure", "unit": unit,
            "detail": f"{ta!s} ({a['source']}) vs {tb!s} ({b['source']})",
            "articles": [a["article"], b["article"]]})


def _same_content(a: dict, b: dict) -> bool:
    """Does b state what a states? The same content words (key), the same numbers about the
    same thing (key and `_related`: "two" alone is in half the statements of a story), or
    related statements with similar words. A key of named entities alone says only whom both
    speak of, so it needs similar words as well; a content without content words ("it") states
    nothing to compare."""
    ka, kb = a["key"].split("|", 1)[-1], b["key"].split("|", 1)[-1]
    if ka == kb and ka.startswith("w:") and a["terms"]:     # "it", "the report": no words
        return True
    if ka == kb and ka.startswith("n:") and _related(a, b):
        return True
    return _related(a, b) and textsim.jaccard(a["terms"], b["terms"]) >= SIMILAR_CONTENT


def _denial_conflicts(statements: list[dict], entries: dict) -> None:
    """A denial against the assertions or confirmations it answers, by someone other than the
    denier: with ``responds_to``, the claim it names and the same content in other reports; else
    the same or similar content (`_same_content`). Only pairs with one denied statement are
    compared; refusals to comment and unreachable sources deny nothing."""
    # wire copies repeat statements word for word: decide once per distinct pair of contents
    # (the decision reads only these fields), then list the conflicts of every copy in order
    def signature(st: dict) -> tuple:
        return (st["key"], st["lang"], st["source_key"], st["speaker"], frozenset(st["terms"]),
                frozenset(st["entities"]))

    by_claim = {(st["article"], st["claim"]): n for n, st in enumerate(statements) if st["claim"]}
    denials: dict[tuple, list[int]] = defaultdict(list)
    answering: list[tuple[int, int]] = []          # (denial, the statement it responds to)
    assertions: dict[tuple, list[int]] = defaultdict(list)
    for n, st in enumerate(statements):
        if st["status"] == "denied":
            target = by_claim.get((st["article"], st.get("responds_to"))) \
                if st.get("responds_to") else None
            if target is not None and target != n:
                answering.append((n, target))
            else:       # names no claim of its report (or one that is not there)
                denials[signature(st)].append(n)
        elif st["status"] in ("asserted", "confirmed"):
            assertions[signature(st)].append(n)

    def own(d: dict, a: dict) -> bool:
        return d["speaker"] is not None and d["speaker"] == a["speaker"]

    hits = []
    for d_items in denials.values():
        for a_items in assertions.values():
            d, a = statements[d_items[0]], statements[a_items[0]]
            if not own(d, a) and _same_content(d, a):
                hits.extend((i, j) if i < j else (j, i) for i in d_items for j in a_items)
    for n, target in answering:
        d, t = statements[n], statements[target]
        if t["status"] not in ("asserted", "confirmed") or own(d, t):
            continue
        hits.append((min(n, target), max(n, target)))
        for a_items in assertions.values():
            a = statements[a_items[0]]
            if a["article"] != t["article"] and not own(d, a) and _same_content(t, a):
                hits.extend((min(n, j), max(n, j)) for j in a_items)
    for i, j in sorted(set(hits)):
        a, b = statements[i], statements[j]
        denied, stated = (a, b) if a["status"] == "denied" else (b, a)
        _add_conflict(entries, a, b, {
            "kind": "denial",
            "detail": f"{denied['source']} denies what {stated['source']} {stated['status']}: "
                      f"{stated['text'][:120]}",
            "articles": sorted({a["article"], b["article"]})})


# -- a view of the ledger: sort, filter, page ---------------------------------------------------
SORTS = ("independent", "status", "date", "source")
PER_PAGE = 25
MAX_PER_PAGE = 200


def main_status(entry: dict) -> str:
    """The status most of an entry's reports give it (ties: the order of STATUSES)."""
    counts = entry.get("status_counts") or {}
    if not counts:
        return "asserted"
    return min(counts, key=lambda s: (-counts[s], STATUSES.index(s) if s in STATUSES else 99))


def ledger_view(ledger: list[dict], *, sort: str = "independent", status: str | None = None,
                source: str | None = None, language: str | None = None,
                conflicts: bool = False, min_independent: int = 1, page: int = 1,
                per_page: int = PER_PAGE) -> dict[str, Any]:
    """One page of a story's ledger, with its counts.

    sort: "independent" (most independent sources first), "status" (main status in the order
    of STATUSES), "date" (latest report first), "source" (by name); ties keep the ledger's order.
    Filters: status (any report gives it), source (a case-insensitive part of the source's
    name), language (a report in it), conflicts (only entries with a conflict), min_independent.
    A page past the last gives the last page."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
    needle = " ".join((source or "").split()).casefold()
    rows = [e for e in ledger
            if (not status or status in (e.get("status_counts") or {}))
            and (not needle or needle in " ".join(str(e.get("source") or "").split()).casefold())
            and (not language or language in (e.get("languages") or []))
            and (not conflicts or e.get("conflicts"))
            and (e.get("independent") or 0) >= min_independent]
    if sort == "status":
        rows.sort(key=lambda e: STATUSES.index(main_status(e)) if main_status(e) in STATUSES else 99)
    elif sort == "date":
        rows.sort(key=lambda e: e.get("last_published") or "", reverse=True)
        rows.sort(key=lambda e: e.get("last_published") is None)      # undated last
    elif sort == "source":
        rows.sort(key=lambda e: str(e.get("source") or "").casefold())
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    return {"total": len(ledger), "matched": len(rows),
            "conflicts": sum(1 for e in ledger if e.get("conflicts")),
            "page": page, "pages": pages, "per_page": per_page,
            "first": (page - 1) * per_page + 1 if rows else 0,
            "last": min(page * per_page, len(rows)),
            "entries": rows[(page - 1) * per_page: page * per_page]}
