"""A record as a Markdown report an analyst can read: who, what, according to whom."""
from __future__ import annotations

from typing import Any

from ..record import event_participants


def _esc(text: str) -> str:
    """Neutralise Markdown/HTML in article text (it is hostile: no live links or markup)."""
    return (text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
            .replace("[", "\\[").replace("]", "\\]").replace("\n", " "))


def _num(x) -> str:
    """50000 -> "50,000"; 2.5 -> "2.5"."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,.6g}"


def _clip(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def render(rec: dict[str, Any]) -> str:
    if "error" in rec:
        return f"# Failed: {_esc(rec.get('path') or '<input>')}\n\n{_esc(rec['error'])}\n"
    ents = {e["id"]: e for e in rec.get("entities", [])}
    ent_names = {i: e["name"] for i, e in ents.items()}

    def name(eid):
        return _esc(ents[eid]["name"]) if eid in ents else "?"

    out: list[str] = []
    out.append(f"# {_esc(rec.get('title') or '(untitled)')}\n")
    meta = [f"language **{rec['language']}**"]
    for key in ("published", "outlet", "url", "path"):
        if rec.get(key):
            meta.append(f"{key} {_esc(str(rec[key]))}")
    meta.append(f"id `{rec['id']}`")
    out.append(" · ".join(meta) + "\n")

    s = rec.get("sourcing") or {}
    out.append("## Sourcing\n")
    lines = []
    if s.get("primary_sources"):
        lines.append(f"- Re-reports: **{', '.join(_esc(x) for x in s['primary_sources'])}**")
    lines.append(f"- Named sources: {s.get('named_sources', 0)}; anonymous sources: "
                 f"{s.get('anonymous_sources', 0)}; independent confirmations: "
                 f"{s.get('independent_confirmations', 0)}")
    if s.get("no_response"):
        lines.append(f"- Did not respond: {', '.join(_esc(x) for x in s['no_response'])}")
    if s.get("unreachable"):
        lines.append(f"- Could not be reached: {', '.join(_esc(x) for x in s['unreachable'])}")
    out.append("\n".join(lines) + "\n")

    if rec.get("claims"):
        out.append("## Claims\n")
        head = s.get("title") or {}
        if head.get("source") or head.get("hedges"):
            hedged = f" (hedged: {', '.join(_esc(h) for h in head['hedges'])})" \
                if head.get("hedges") else ""
            out.append(f"- Headline, **{_esc(head.get('source') or '—')}**{hedged}: "
                       f"“{_esc(_clip(head.get('text') or ''))}”")
        for c in rec["claims"]:
            src = c["source"]
            who = _esc(ents[src["entity"]]["name"]) if src.get("entity") in ents else _esc(src["text"] or "—")
            chain = "".join(f" ← via {_esc(v['text'])}" for v in c.get("via", []))
            cue = f" *{_esc(c['cue']['text'])}*" if c.get("cue") else ""
            hedges = f" (hedged: {', '.join(_esc(h) for h in c['hedges'])})" if c.get("hedges") else ""
            out.append(f"- **{who}** [{src['kind']}]{chain}{cue} — {c['status']}{hedges}: "
                       f"“{_esc(_clip(c['content']['text']))}”")
        out.append("")

    if rec.get("events"):
        out.append("## Events\n")
        times = rec.get("times", [])
        for ev in rec["events"]:
            agents = _esc(", ".join(event_participants(ev, "agent", ent_names))) or "—"
            patients = _esc(", ".join(event_participants(ev, "patient", ent_names))) or "—"
            when = ""
            if ev.get("time") is not None and ev["time"] < len(times):
                t = times[ev["time"]]
                when = f" · when {t['value'] or _esc(t['text'])}"
            where = f" · where {name(ev['place'])}" if ev.get("place") else ""
            out.append(f"- **{ev['type']}** “{_esc(ev['trigger']['text'])}”: {agents} → {patients}"
                       f"{when}{where} · {ev['modality']}")
        out.append("")

    if rec.get("entities"):
        out.append("## Actors\n")
        out.append("| actor | type | titles | mentions | also called | place |")
        out.append("|---|---|---|---|---|---|")
        for e in sorted(rec["entities"], key=lambda e: -len(e["mentions"])):
            geo = e.get("geo")
            where = f"{geo['lat']:.2f}, {geo['lon']:.2f} ({geo.get('country') or '?'})" if geo else ""
            out.append(f"| {_esc(e['name'])} | {e['type']} | {_esc('; '.join(e['titles']))} | "
                       f"{len(e['mentions'])} | {_esc(', '.join(e['aliases']))} | {where} |")
        out.append("")

    if rec.get("relations"):
        out.append("## Relations\n")
        for r in rec["relations"]:
            ev = rec["text"][r["evidence"]["start"]:r["evidence"]["end"]]
            out.append(f"- {name(r['subject'])} **{r['predicate']}** {name(r['object'])} "
                       f"— “{_esc(_clip(ev, 160))}”")
        out.append("")

    if rec.get("quantities"):
        out.append("## Numbers\n")
        for q in rec["quantities"]:
            low, high = q.get("low"), q.get("high")
            rng = ""
            if low is not None and high is not None and low != high:
                rng = f" (between {_num(low)} and {_num(high)})"
            elif low is not None and q["value"] is None:
                rng = f" (at least {_num(low)})"
            elif high is not None and q["value"] is None:
                rng = f" (at most {_num(high)})"
            val = _num(q["value"]) if q["value"] is not None else "?"
            out.append(f"- “{_esc(q['text'])}”: {val}{rng} {_esc(q.get('unit') or '')}"
                       f" [{q.get('qualifier') or 'exact'}]")
        out.append("")

    if rec.get("times"):
        out.append("## Dates\n")
        for t in rec["times"]:
            out.append(f"- “{_esc(t['text'])}” → {t['value'] or 'unresolved'} "
                       f"({t.get('granularity') or '?'}, {t.get('anchor') or 'unanchored'})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
