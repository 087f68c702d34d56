"""A record's text cut into segments, each carrying the marks that cover it.

The template renders each segment as one <span> whose classes say what it is (actor mention,
claim source / cue / content, time, quantity); a segment of an actor's mention is a link to the
actor's page when `segments` is given `href`, and `claims` lists every claim whose source, cue or
content covers it (static/article.js highlights a claim's spans from the sidebar). Text goes
through Jinja2's autoescaping: article text is hostile and never becomes markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    entity: str | None = None      # entity id of a mention covering it
    claim: str | None = None       # the last claim (in record order) whose spans cover it
    title: str = ""                # tooltip
    claims: list[str] = field(default_factory=list)   # every claim whose spans cover it
    href: str | None = None        # the actor page of the entity mentioned here


def segments(rec: dict[str, Any],
             href: Callable[[dict[str, Any]], str | None] | None = None) -> list[Segment]:
    """The record's text cut at every mark's edges; `href(entity)` gives the link of an
    entity's mentions (None: no link)."""
    text = rec["text"]
    n = len(text)
    marks: list[tuple[int, int, str, dict]] = []
    ents = {e["id"]: e for e in rec.get("entities", [])}
    for e in rec.get("entities", []):
        for m in e.get("mentions", []):
            marks.append((m["start"], m["end"], "ent ent-" + e["type"].lower(),
                          {"entity": e["id"], "title": f"{e['name']} ({e['type']})"}))
    for c in rec.get("claims", []):
        marks.append((c["content"]["start"], c["content"]["end"], "claim-content",
                      {"claim": c["id"], "title": f"claim {c['id']}: {c['status']}"}))
        if c.get("cue"):
            marks.append((c["cue"]["start"], c["cue"]["end"], "claim-cue", {"claim": c["id"]}))
        src = c.get("source") or {}
        if src.get("start") is not None and src.get("end") is not None:
            who = ents.get(src.get("entity"), {}).get("name") or src.get("text", "")
            marks.append((src["start"], src["end"], "claim-source",
                          {"claim": c["id"], "title": f"source: {who} ({src.get('kind')})"}))
    for t in rec.get("times", []):
        marks.append((t["start"], t["end"], "time", {"title": f"{t.get('value') or '?'}"}))
    for q in rec.get("quantities", []):
        marks.append((q["start"], q["end"], "quantity",
                      {"title": f"{q.get('value') or q.get('low') or '?'} {q.get('unit') or ''}"}))
    # one sweep over the cut points: a mark is active from its start to its end, so a long
    # article with thousands of marks costs (cuts x marks active at once), not cuts x all marks
    marks = [m for m in marks if 0 <= m[0] < m[1] <= n]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(marks):
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    cuts = sorted({0, n} | set(starts) | set(ends))
    active: set[int] = set()
    hrefs: dict[str, str | None] = {}
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        seg = Segment(text[a:b])
        titles = []
        for i in sorted(active):
            _, _, cls, attrs = marks[i]
            seg.classes.extend(cls.split())
            seg.entity = attrs.get("entity", seg.entity)
            seg.claim = attrs.get("claim", seg.claim)
            if attrs.get("claim") and attrs["claim"] not in seg.claims:
                seg.claims.append(attrs["claim"])
            if attrs.get("title"):
                titles.append(attrs["title"])
        seg.classes = sorted(set(seg.classes))
        seg.title = "; ".join(dict.fromkeys(titles))
        if href is not None and seg.entity in ents:
            if seg.entity not in hrefs:
                hrefs[seg.entity] = href(ents[seg.entity])
            seg.href = hrefs[seg.entity]
        out.append(seg)
    return out
