"""Relations in Russian on NEREL v1.1 (dev): precision of the relations newsgraph emits, and the
share of NEREL's relations of the kinds it extracts that it finds.

NEREL annotates relations between entity mentions (brat ``R`` lines, Arg1 -> Arg2). A predicted
relation is correct when some mention of its subject overlaps NEREL's Arg1 and some mention of its
object overlaps Arg2 (either way round for symmetric predicates) of a gold relation of a matching
type; gold arguments are NEREL spans of actor-like types only (``ARG_TYPES``: a profession span
such as "президент России" overlapping "России" is no argument).

Predicate mapping (ours -> NEREL):
  cousin_of, relative_of -> RELATIVE, SIBLING; sibling_of -> SIBLING, RELATIVE; spouse_of -> SPOUSE
  parent_of -> PARENT_OF (Arg1 the parent); child_of -> PARENT_OF reversed
  friend_of, associate_of, ally_of -> KNOWS
  works_for, leader_of, member_of, represents -> WORKPLACE, MEMBER_OF, SUBORDINATE_OF
  founder_of -> FOUNDED_BY reversed, WORKPLACE
  located_in -> LOCATED_IN, HEADQUARTERED_IN, PLACE_RESIDES_IN
  nationality -> ORIGINS_FROM, WORKPLACE (NEREL links "президент США" to the country as WORKPLACE)

Recall counts NEREL relations of the mapped types whose two arguments are both PERSON,
ORGANIZATION or a place: most of them are stated in ways the rules do not read (verbs, nested
names), so it is low by design and reported for completeness.

The dev documents are split in two halves by CRC32 of the document id: ``tune`` (the word lists
and rules were adjusted looking at it) and ``check`` (not looked at while tuning); both are
reported.
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from .common import PRF, archive, iter_members

NAME = "relations"
DESCRIPTION = "ru relations on NEREL dev: precision (and recall of the kinds extracted), two halves"

ARG_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION",
             "DISTRICT", "FACILITY", "NATIONALITY", "FAMILY"}
RECALL_ARG_TYPES = {"PERSON", "ORGANIZATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION",
                    "DISTRICT"}
_ROLE = (("WORKPLACE", False), ("MEMBER_OF", False), ("SUBORDINATE_OF", False))
MAPPING: dict[str, tuple[tuple[str, bool], ...]] = {   # ours -> ((NEREL type, reversed), ...)
    "cousin_of": (("RELATIVE", False), ("SIBLING", False)),
    "relative_of": (("RELATIVE", False), ("SIBLING", False)),
    "sibling_of": (("SIBLING", False), ("RELATIVE", False)),
    "spouse_of": (("SPOUSE", False),),
    "parent_of": (("PARENT_OF", False),),
    "child_of": (("PARENT_OF", True),),
    "friend_of": (("KNOWS", False),),
    "associate_of": (("KNOWS", False),),
    "ally_of": (("KNOWS", False),),
    "works_for": _ROLE,
    "leader_of": _ROLE,
    "member_of": _ROLE,
    "represents": _ROLE,
    "founder_of": (("FOUNDED_BY", True), ("WORKPLACE", False)),
    "located_in": (("LOCATED_IN", False), ("HEADQUARTERED_IN", False), ("PLACE_RESIDES_IN", False)),
    "nationality": (("ORIGINS_FROM", False), ("WORKPLACE", False)),
}
SYMMETRIC = {"RELATIVE", "SIBLING", "SPOUSE", "KNOWS"}
_T = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)\t")
_R = re.compile(r"^R\d+\t(\S+) Arg1:(T\d+) Arg2:(T\d+)")

ENTITY_EXTRACTORS = ("newsgraph.extract.actors:ActorExtractor",
                     "newsgraph.extract.places:PlaceExtractor",
                     "newsgraph.extract.relations:RelationExtractor")


def half(doc_id: str) -> str:
    return "tune" if zlib.crc32(doc_id.encode("utf-8")) % 2 == 0 else "check"


def read_gold(ann: str) -> tuple[dict[str, tuple[int, int, str]], list[tuple[str, str, str]]]:
    """(T id -> (start, end, type)) for continuous spans, and [(type, Arg1, Arg2)]."""
    spans, rels = {}, []
    for line in ann.splitlines():
        m = _T.match(line)
        if m:
            spans[m.group(1)] = (int(m.group(3)), int(m.group(4)), m.group(2))
            continue
        m = _R.match(line)
        if m:
            rels.append((m.group(1), m.group(2), m.group(3)))
    return spans, rels


def load_docs(datasets: Path, split: str = "dev", limit: int | None = None):
    texts, anns = {}, {}
    for name, body in iter_members(archive(datasets, "nerel")):
        if f"/{split}/" not in name:
            continue
        if name.endswith(".txt"):
            texts[name[:-4]] = body
        elif name.endswith(".ann"):
            anns[name[:-4]] = body
    docs = [(key.rsplit("/", 1)[-1], texts[key], *read_gold(anns[key]))
            for key in sorted(texts) if key in anns]
    return docs[:limit] if limit else docs


def _overlaps(mentions: list[tuple[int, int]], span: tuple[int, int, str]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in mentions)


def judge(rec: dict, spans: dict, rels: list) -> tuple[list[tuple[dict, bool]], int, int]:
    """[(predicted relation with names, correct?)], gold relations counted for recall, found."""
    ents = {e["id"]: e for e in rec.get("entities", [])}
    ments = {i: [(m["start"], m["end"]) for m in e.get("mentions", [])] for i, e in ents.items()}
    gold = [(t, spans[a], spans[b]) for t, a, b in rels
            if a in spans and b in spans and spans[a][2] in ARG_TYPES and spans[b][2] in ARG_TYPES]
    judged, hit = [], set()
    for r in rec.get("relations", []):
        s, o = ments.get(r["subject"], []), ments.get(r["object"], [])
        ok = False
        for n, (typ, a, b) in enumerate(gold):
            for want, rev in MAPPING.get(r["predicate"], ()):
                if typ != want:
                    continue
                x, y = (o, s) if rev else (s, o)
                if (_overlaps(x, a) and _overlaps(y, b)) or \
                        (typ in SYMMETRIC and _overlaps(y, a) and _overlaps(x, b)):
                    ok = True
                    hit.add(n)
        judged.append(({"subject": ents[r["subject"]]["name"], "predicate": r["predicate"],
                        "object": ents[r["object"]]["name"], "evidence": r["evidence"]}, ok))
    wanted = {t for v in MAPPING.values() for t, _ in v} - {"ORIGINS_FROM"}
    countable = [n for n, (t, a, b) in enumerate(gold)
                 if t in wanted and a[2] in RECALL_ARG_TYPES and b[2] in RECALL_ARG_TYPES]
    return judged, len(countable), len(hit & set(countable))


def run(datasets: Path, *, split: str = "dev", limit: int | None = None, pipeline=None,
        details: bool = False) -> dict[str, Any]:
    from ..ingest import Article
    from ..pipeline import Pipeline

    docs = load_docs(datasets, split, limit)
    pipe = pipeline or Pipeline(extractors=ENTITY_EXTRACTORS, language="ru")
    recs = pipe.analyze_articles([Article(text=text) for _, text, _, _ in docs])
    parts: dict[str, dict] = {}
    for (doc_id, text, spans, rels), rec in zip(docs, recs):
        part = parts.setdefault(half(doc_id), {"docs": 0, "prf": PRF(), "by_predicate": {},
                                               "gold": 0, "found": 0, "errors": []})
        part["docs"] += 1
        if "error" in rec:
            continue
        judged, gold_n, found = judge(rec, spans, rels)
        part["gold"] += gold_n
        part["found"] += found
        for rel, ok in judged:
            p = part["by_predicate"].setdefault(rel["predicate"], PRF())
            for x in (p, part["prf"]):
                if ok:
                    x.tp += 1
                else:
                    x.fp += 1
            if details and not ok:
                ev = rel["evidence"]
                part["errors"].append(f"{doc_id}: {rel['subject']} {rel['predicate']} {rel['object']}"
                                      f" | {text[ev['start']:ev['end']].strip()[:200]}")
    out: dict[str, Any] = {"dataset": f"NEREL v1.1 {split}, halves by CRC32 of the document id"}
    for name, part in sorted(parts.items()):
        prf = part["prf"]
        out[name] = {
            "docs": part["docs"], "predicted": int(prf.tp + prf.fp), "correct": int(prf.tp),
            "precision": round(prf.precision, 3),
            "recall_of_mapped_gold": round(part["found"] / part["gold"], 3) if part["gold"] else 0.0,
            "gold_mapped": part["gold"], "gold_found": part["found"],
            "by_predicate": {k: {"predicted": int(v.tp + v.fp), "correct": int(v.tp)}
                             for k, v in sorted(part["by_predicate"].items())},
        }
        if details:
            out[name]["errors"] = part["errors"]
    return out


def format_report(fig: dict[str, Any]) -> str:
    lines = [f"ru: {fig.get('dataset')}"]
    for name in ("tune", "check"):
        part = fig.get(name)
        if not part:
            continue
        lines.append(f"  {name:<6} {part['docs']} docs: precision {part['precision']:.3f} "
                     f"({part['correct']}/{part['predicted']}), recall of mapped gold "
                     f"{part['recall_of_mapped_gold']:.3f} ({part['gold_found']}/{part['gold_mapped']})")
        for pred, v in part["by_predicate"].items():
            lines.append(f"    {pred:<14} {v['correct']}/{v['predicted']}")
    return "\n".join(lines)
