"""Geocoding of place mentions in real articles (en, ru, uk), on places annotated by hand.

``eval/data/places.jsonl``: one annotated place mention a line, in a document of
../shared/datasets (Giveme5W1H gold and news-cluster articles in English, BSNLP documents in
Russian and Ukrainian): the mention as written, the ISO country it lies in and, where the place
is clear, a point (a city: its centre; a region: about its middle). The annotations were written
from reading the documents, not from newsgraph's output.

Each document is analysed (actors and places only); a mention is *found* when a LOC entity has
it as a mention or a name (case-insensitive). Figures per language and part:
- country: the found entity's ``geo.country`` is the annotated one, over all annotated mentions
  (end to end) and over the found ones (the geocoding alone);
- point: the ``geo`` point lies within 50 km of the annotated point (cities) or 100 km
  (regions), over the mentions annotated with a point.

Parts: the documents are split once and for all by a hash of their path (``parts_of``), ``tune``
(used while developing the gazetteer) and ``check`` (not looked at while developing). ``--split tune`` or
``--split check`` scores one part; anything else scores both.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from .common import archive, iter_members

NAME = "places"
DESCRIPTION = "geocoding: country and point of hand-annotated place mentions (en/ru/uk), tune/check"
EXTRACTORS = ("newsgraph.extract.actors:ActorExtractor", "newsgraph.extract.places:PlaceExtractor")
TOLERANCE_KM = {"city": 50.0, "region": 100.0}
PARTS = ("tune", "check")


def parts_of(gold: list[dict[str, Any]]) -> dict[str, str]:
    """The fixed part of each document: per language, the documents in the order of the SHA-1
    of their paths go to tune and check in turn (an even split that no result can move)."""
    by_lang: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        by_lang[g["lang"]].add(g["doc"])
    out = {}
    for docs in by_lang.values():
        for i, doc in enumerate(sorted(docs, key=lambda d: hashlib.sha1(d.encode()).hexdigest())):
            out[doc] = PARTS[i % 2]
    return out


def load_gold() -> list[dict[str, Any]]:
    text = (resources.files("newsgraph.eval") / "data" / "places.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def document_text(name: str, body: str) -> str:
    """The text newsgraph reads: a news-please JSON's title and text; a BSNLP file's title line
    and body (its first four header lines dropped), as the bsnlp scorer does."""
    if name.endswith(".json"):
        obj = json.loads(body)
        return "\n\n".join(x for x in (obj.get("title"), obj.get("text")) if x)
    lines = body.splitlines()
    return "\n".join([lines[4] if len(lines) > 4 else ""] + lines[5:])


def load_texts(datasets: Path, gold: list[dict[str, Any]]) -> dict[str, str]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in gold:
        wanted[row["source"]].add(row["doc"])
    texts: dict[str, str] = {}
    for source, docs in sorted(wanted.items()):
        for name, body in iter_members(archive(datasets, source)):
            if name in docs:
                texts[name] = document_text(name, body)
    return texts


def find(record: dict[str, Any], mention: str) -> dict[str, Any] | None:
    """The LOC entity that has this mention (or name), else None."""
    want = " ".join(mention.split()).casefold()
    for ent in record.get("entities", []):
        if ent.get("type") != "LOC":
            continue
        names = [ent.get("name", "")] + [m.get("text", "") for m in ent.get("mentions", [])]
        if any(" ".join(n.split()).casefold() == want for n in names):
            return ent
    return None


def score(rows: list[tuple[dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    n = len(rows)
    found = [(g, e) for g, e in rows if e is not None]
    country_ok = sum(1 for g, e in found if (e.get("geo") or {}).get("country") == g["country"])
    pointed = [(g, e) for g, e in rows if "lat" in g]
    point_ok = 0
    for g, e in pointed:
        geo = (e or {}).get("geo")
        if geo and km(g["lat"], g["lon"], geo["lat"], geo["lon"]) <= TOLERANCE_KM.get(g["kind"], 50.0):
            point_ok += 1

    def rate(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0
    return {"mentions": n, "found": len(found), "country_ok": country_ok,
            "country": rate(country_ok, n), "country_of_found": rate(country_ok, len(found)),
            "with_point": len(pointed), "point_ok": point_ok, "point": rate(point_ok, len(pointed))}


def run(datasets: Path, *, split: str = "dev", limit: int | None = None,
        pipeline=None) -> dict[str, Any]:
    from ..pipeline import Pipeline

    gold = load_gold()
    part_of = parts_of(gold)
    parts = (split,) if split in PARTS else PARTS
    gold = [g for g in gold if part_of[g["doc"]] in parts]
    docs = list(dict.fromkeys(g["doc"] for g in gold))
    if limit:
        docs = docs[:limit]
        gold = [g for g in gold if g["doc"] in set(docs)]
    texts = load_texts(datasets, gold)
    pipe = pipeline or Pipeline(extractors=EXTRACTORS)
    lang_of = {g["doc"]: g["lang"] for g in gold}
    records = {}
    for doc in docs:
        if doc in texts:
            records[doc] = pipe.analyze_text(texts[doc], language=lang_of[doc])
    groups: dict[str, list] = defaultdict(list)
    misses = []
    for g in gold:
        rec = records.get(g["doc"])
        ent = find(rec, g["mention"]) if rec is not None and "error" not in rec else None
        part = part_of[g["doc"]]
        for key in (f"{part}/{g['lang']}", f"{part}/all"):
            groups[key].append((g, ent))
        geo = (ent or {}).get("geo")
        if ent is None or not geo or geo.get("country") != g["country"]:
            misses.append(f"{part} {g['lang']} {g['mention']!r}: want {g['country']}, got "
                          + ("no LOC entity" if ent is None else
                             f"{geo.get('country') if geo else 'no geo'} ({ent.get('name')})"))
    figures = {key: score(rows) for key, rows in sorted(groups.items())}
    return {"parts": figures, "documents": len(records), "misses": misses}


def format_report(fig: dict[str, Any]) -> str:
    lines = [f"{fig['documents']} documents; country: share of annotated mentions (of found), "
             f"point: within {TOLERANCE_KM['city']:g} km (cities) / {TOLERANCE_KM['region']:g} km "
             "(regions)"]
    for key, s in fig["parts"].items():
        lines.append(f"  {key:10s} mentions {s['mentions']:>3}  found {s['found']:>3}  "
                     f"country {s['country']:.1%} ({s['country_of_found']:.1%} of found)  "
                     f"point {s['point_ok']}/{s['with_point']} ({s['point']:.1%})")
    if fig["misses"]:
        lines.append("  misses:")
        lines += [f"    {m}" for m in fig["misses"]]
    return "\n".join(lines)
