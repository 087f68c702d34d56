"""The canonical example read as an analyst would: a checklist scored on the real record.

../shared/examples/assad-exiles-reuters.en.txt, analysed with publication date 2025-12-05. Each
check is one fact an analyst takes from the article (an actor, a title, a relation, a number, a
date, a claim's source and status, an event); the figure is the share found, per part, with the
misses listed. The checklist was written from reading the article, not from our output.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .common import DatasetMissing

NAME = "seed"
DESCRIPTION = "the seed example (Assad exiles, Reuters): an analyst's checklist, hits per part"
PUBLISHED = date(2025, 12, 5)

ENTITIES = [("Bashar al-Assad", "PERSON"), ("Maher al-Assad", "PERSON"), ("Kamal Hassan", "PERSON"),
            ("Rami Makhlouf", "PERSON"), ("Ahmed al-Sharaa", "PERSON"), ("Khaled al-Ahmad", "PERSON"),
            ("Reuters", "ORG"), ("Ministry of Justice", "ORG"), ("Russia", "LOC"), ("Moscow", "LOC"),
            ("Syria", "LOC"), ("Lebanon", "LOC"), ("Alawite", "GROUP")]
MENTIONS = [("Reuters", "The agency"), ("Bashar al-Assad", "Assad"), ("Bashar al-Assad", "the dictator")]
TITLES = [("Kamal Hassan", "Major General"), ("Kamal Hassan", "head of Assad"),
          ("Rami Makhlouf", "billionaire"), ("Rami Makhlouf", "cousin"),
          ("Ahmed al-Sharaa", "new president"), ("Bashar al-Assad", "former")]
GEO = [("Russia", "RU"), ("Moscow", "RU"), ("Syria", "SY"), ("Lebanon", "LB")]
RELATIONS = [("Rami Makhlouf", "cousin_of", "Bashar al-Assad"),
             ("Maher al-Assad", "sibling_of", "Bashar al-Assad"),
             ("Khaled al-Ahmad", "friend_of", "Ahmed al-Sharaa")]
QUANTITIES = [("millions of dollars", None, "vague"), ("over 50,000 fighters", 50000, "more_than"),
              ("14 underground command rooms", 14, None), ("48 people", 48, None),
              ("Two officers", 2, None)]
TIMES = [("a year ago", "2024-12"), ("September 2025", "2025-09"), ("December 2024", "2024-12")]
# (source name or text fragment, status, via Reuters expected)
CLAIMS = [("Reuters", "asserted", False), ("officers", "confirmed", True),
          ("governor", "confirmed", True), ("48 people", None, True),
          ("Kamal Hassan", "no_comment", True), ("Rami Makhlouf", "no_comment", True),
          ("Bashar al-Assad", "unreachable", True), ("Maher al-Assad", "unreachable", True)]
HEDGES = ["do not appear", "hoping to"]
# (type, agent, patient, place, time value, modality); None: not checked
EVENTS = [("flee", "Bashar al-Assad", None, "Russia", "2024-12", None),
          ("arrest", "Ministry of Justice", "Bashar al-Assad", None, "2025-09", None),
          ("accuse", None, "Bashar al-Assad", None, None, None),
          ("form_group", None, None, None, None, "planned"),
          ("recruit", None, None, None, None, "negated"),
          (None, None, None, None, None, "hoped")]


def seed_path(datasets: Path) -> Path:
    path = Path(datasets).parent / "examples" / "assad-exiles-reuters.en.txt"
    if not path.is_file():
        raise DatasetMissing(f"{path} not found (../shared is absent)")
    return path


def check(rec: dict[str, Any]) -> dict[str, Any]:
    ents = rec["entities"]

    def ent(name):
        """The entity named exactly so, else the first whose name contains it."""
        return next((e for e in ents if e["name"] == name),
                    next((e for e in ents if name in e["name"]), None))

    def eid(name):
        e = ent(name)
        return e["id"] if e else None

    results: dict[str, list[tuple[str, bool]]] = {}
    results["entities"] = [(f"{n} {t}", any(n in e["name"] and e["type"] == t for e in ents))
                           for n, t in ENTITIES]
    results["mentions"] = [(f"{n} <- {m}", bool(ent(n)) and any(x["text"] == m for x in ent(n)["mentions"]))
                           for n, m in MENTIONS]
    results["titles"] = [(f"{n}: {t}", bool(ent(n)) and any(t in x for x in ent(n)["titles"]))
                         for n, t in TITLES]
    results["geo"] = [(f"{n} {c}", bool(ent(n)) and (ent(n).get("geo") or {}).get("country") == c)
                      for n, c in GEO]
    results["relations"] = [
        (f"{s} {p} {o}", any(r["predicate"] == p and {r["subject"], r["object"]} == {eid(s), eid(o)}
                             for r in rec["relations"])) for s, p, o in RELATIONS]
    results["quantities"] = [
        (q, any(x["text"].lower() == q.lower() and (v is None or x["value"] == v)
                and (ql is None or x["qualifier"] == ql) for x in rec["quantities"]))
        for q, v, ql in QUANTITIES]
    results["times"] = [(f"{t} -> {v}", any(x["text"] == t and x["value"] == v for x in rec["times"]))
                        for t, v in TIMES]

    def source_name(c):
        s = c["source"]
        e = next((e for e in ents if e["id"] == s.get("entity")), None)
        return (e["name"] if e else "") + " " + (s.get("text") or "")

    def via_reuters(c):
        return any("Reuters" in (v.get("text") or "") for v in c["via"])

    results["claims"] = [
        (f"{src} {st or ''}{' via Reuters' if via else ''}",
         any(src in source_name(c) and (st is None or c["status"] == st) and (not via or via_reuters(c))
             for c in rec["claims"])) for src, st, via in CLAIMS]
    results["claims"] += [(f"hedge '{h}'", any(h in x for c in rec["claims"] for x in c["hedges"]))
                          for h in HEDGES]
    s = rec["sourcing"]
    results["claims"] += [("sourcing: primary Reuters", "Reuters" in s["primary_sources"]),
                          ("sourcing: anonymous > 0", s["anonymous_sources"] > 0)]

    def ev_ok(ev, typ, agent, patient, place, when, modality):
        times = rec["times"]
        return ((typ is None or ev["type"] == typ)
                and (agent is None or eid(agent) in ev["agents"])
                and (patient is None or eid(patient) in ev["patients"])
                and (place is None or ev["place"] == eid(place))
                and (when is None or (ev["time"] is not None and times[ev["time"]]["value"] == when))
                and (modality is None or ev["modality"] == modality))

    results["events"] = [(" ".join(str(x) for x in spec if x), any(ev_ok(ev, *spec) for ev in rec["events"]))
                         for spec in EVENTS]
    parts = {k: {"hits": sum(ok for _, ok in v), "total": len(v),
                 "misses": [name for name, ok in v if not ok]} for k, v in results.items()}
    hits = sum(p["hits"] for p in parts.values())
    total = sum(p["total"] for p in parts.values())
    return {"parts": parts, "hits": hits, "total": total, "rate": round(hits / total, 3)}


def run(datasets: Path, *, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    from ..ingest import Reader
    from ..pipeline import Pipeline

    article = next(Reader().read([str(seed_path(datasets))]))
    rec = next(Pipeline(published=PUBLISHED).analyze_articles([article]))
    if "error" in rec:
        raise RuntimeError(rec["error"])
    return check(rec)


def format_report(fig: dict[str, Any]) -> str:
    lines = [f"seed example, published {PUBLISHED}: {fig['hits']}/{fig['total']} checks "
             f"({fig['rate']:.1%})"]
    for name, p in fig["parts"].items():
        miss = f"   missing: {'; '.join(p['misses'])}" if p["misses"] else ""
        lines.append(f"  {name:11s} {p['hits']:>2}/{p['total']:<2}{miss}")
    return "\n".join(lines)
