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
report and asserted or confirmed in another (same content, or same source and similar content).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from typing import Any

from . import textsim

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
        outlet = (rec.get("outlet") or "").casefold().removeprefix("www.")
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
            statements.append(_statement(rec, lang, claim_key(claim, rec, index, ents),
                                         content.get("text") or "",
                                         start, end, claim.get("status") or "asserted",
                                         (claim.get("source") or {}).get("text")
                                         or (claim.get("source") or {}).get("kind"),
                                         claim.get("id"), source_key(claim, rec, ents), index))
        for q in rec.get("quantities") or []:
            qs = q.get("start") or 0
            if any(s <= qs < e for s, e in spans):
                continue
            s, e = _sentence(text, qs, q.get("end") or qs)
            sentence = text[s:e].strip()
            pseudo = {"content": {"start": s, "end": e, "text": sentence},
                      "source": {"kind": "outlet", "text": rec.get("outlet"), "entity": None}}
            outlet = (rec.get("outlet") or "").casefold() or "outlet"
            statements.append(_statement(rec, lang, f"outlet:{outlet}|" + content_key(pseudo, rec, index),
                                         sentence, s, e, "asserted", rec.get("outlet") or "the outlet",
                                         None, "outlet:" + outlet, index))

    entries: dict[str, dict] = {}
    for st in statements:
        entry = entries.get(st["key"])
        if entry is None:
            entry = entries[st["key"]] = {
                "key": st["key"], "content": st["text"], "source": st["source"],
                "articles": [], "outlets": [], "independent": 0,
                "status_counts": {}, "conflicts": [], "mentions": [], "_statements": [],
                "_conflict_keys": set()}
        entry["_statements"].append(st)
        if st["article"] not in entry["articles"]:
            entry["articles"].append(st["article"])
        if st["outlet"] and st["outlet"] not in entry["outlets"]:
            entry["outlets"].append(st["outlet"])
        entry["status_counts"][st["status"]] = entry["status_counts"].get(st["status"], 0) + 1
        entry["mentions"].append({"article": st["article"], "claim": st["claim"],
                                  "status": st["status"], "language": st["lang"]})
    for entry in entries.values():
        entry["independent"] = len({groups.find(a) for a in entry["articles"]})

    _figure_conflicts(statements, entries)
    _denial_conflicts(statements, entries)
    out = []
    for entry in entries.values():
        entry.pop("_statements")
        entry.pop("_conflict_keys")
        entry["outlets"].sort()
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
    return {"key": key, "article": rec["id"], "outlet": rec.get("outlet"), "lang": lang,
            "text": text, "status": status, "source": source, "claim": claim_id,
            "source_key": src_key, "quantities": quantities, "terms": terms,
            "entities": set(_span_entities(rec, start, end, index))}


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


def _denial_conflicts(statements: list[dict], entries: dict) -> None:
    """A denial against an assertion or confirmation of the same (or a similar) content. Only
    pairs with one denied statement are compared."""
    # wire copies repeat statements word for word: decide once per distinct pair of contents
    # (the decision reads only these fields), then list the conflicts of every copy in order
    def signature(st: dict) -> tuple:
        return (st["key"], st["lang"], st["source_key"], frozenset(st["terms"]),
                frozenset(st["entities"]))

    denials: dict[tuple, list[int]] = defaultdict(list)
    assertions: dict[tuple, list[int]] = defaultdict(list)
    for n, st in enumerate(statements):
        if st["status"] == "denied":
            denials[signature(st)].append(n)
        elif st["status"] in ("asserted", "confirmed"):
            assertions[signature(st)].append(n)
    hits = []
    for d_items in denials.values():
        for a_items in assertions.values():
            a, b = statements[d_items[0]], statements[a_items[0]]
            same_content = a["key"].split("|", 1)[-1] == b["key"].split("|", 1)[-1]
            if same_content or (_related(a, b) and (
                    a["source_key"] == b["source_key"]
                    or textsim.jaccard(a["terms"], b["terms"]) >= SIMILAR_CONTENT)):
                hits.extend((i, j) if i < j else (j, i) for i in d_items for j in a_items)
    for i, j in sorted(hits):
        a, b = statements[i], statements[j]
        denied, stated = (a, b) if a["status"] == "denied" else (b, a)
        _add_conflict(entries, a, b, {
            "kind": "denial",
            "detail": f"{denied['source']} denies what {stated['source']} {stated['status']}: "
                      f"{stated['text'][:120]}",
            "articles": sorted({a["article"], b["article"]})})
