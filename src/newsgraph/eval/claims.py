"""Ukrainian and Russian attribution dev sets: per-field accuracy of claims, per language, per half.

Gold: ``eval/data/claims/{uk,ru}.jsonl`` (in the repository), one attributed statement a line,
annotated by reading documents of ../shared/datasets (bsnlp raw uk/ru, ner-uk DEV docs, nerel dev;
never a test part): ``{id, half, lang, dataset, doc, cue: {start, end, text}, content: {start,
end, text}, source, via: [...], status}``. Offsets index the document text as analysed: the whole
file for nerel and ner-uk, the body after the five header lines for bsnlp (whose title, URL and
date are passed as the article's title, url and published date). ``content`` marks the start of
what is claimed (its first words), not always its whole extent. ``source`` is the person or body
whose words they are ("" when the text names none: "X is accused of ..."); ``via`` the outlets
that carry the words, nearest first, without the outlet that publishes the document itself.

Halves: the first half of each file ("tune") is what rules were adjusted on; the second
("check") is looked at only for figures. Both are reported.

Scoring (documented choices):
- a gold claim is found when a predicted claim's cue overlaps the gold cue, else (no cue match)
  when its content overlaps the gold content; recall = found / gold;
- for found claims: source accuracy (predicted source matches gold: every gold word has a
  predicted word sharing a prefix with it of all but at most two characters, at least three, so
  base and inflected forms match; the predicted words are the resolved entity's name, else the
  source text; an empty gold source matches an unattributed claim), via accuracy (the predicted
  via chain without the publishing outlet, same length and each matching in order), cue
  accuracy (cue overlap), content accuracy (content overlap) and status accuracy (equal).
"""
from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from .common import archive, iter_members

NAME = "claims"
DESCRIPTION = ("uk/ru attribution dev sets (bsnlp, ner-uk, nerel dev): source, via, cue, content, "
               "status accuracy and claim recall per language and half")
GOLD_DIR = Path(__file__).parent / "data" / "claims"
LANGS = ("uk", "ru")
FIELDS = ("source", "via", "cue", "content", "status")
ARCHIVES = {"bsnlp": "bsnlp", "ner-uk": "ner-uk", "nerel-dev": "nerel"}


def load_gold(lang: str) -> list[dict[str, Any]]:
    path = GOLD_DIR / f"{lang}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _member(dataset: str, doc: str) -> tuple[str, str]:
    """(archive name, member name) of a gold document."""
    if dataset == "nerel-dev":
        return "nerel", f"nerel/dev/{doc}.txt"
    if dataset == "ner-uk":
        return "ner-uk", f"ner-uk/docs/{doc}"
    topic, name = doc.split("/", 1)
    return "bsnlp", f"bsnlp/{topic}/raw/{{lang}}/{name}"


def load_documents(datasets: Path, gold: list[dict[str, Any]]) -> dict[tuple[str, str], Any]:
    """(dataset, doc) -> Article for every document the gold names, read from the archives."""
    from ..ingest import Article

    wanted: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for g in gold:
        arch, member = _member(g["dataset"], g["doc"])
        wanted[arch][member.replace("{lang}", g["lang"])] = (g["dataset"], g["doc"], g["lang"])
    out = {}
    for arch, members in wanted.items():
        path = archive(datasets, arch)
        for name, content in iter_members(path):
            if name not in members:
                continue
            dataset, doc, lang = members[name]
            if dataset == "bsnlp":
                lines = content.split("\n")
                head, body = lines[:5], "\n".join(lines[5:])
                try:
                    published = date.fromisoformat(head[2].strip())
                except (ValueError, IndexError):
                    published = None
                art = Article(text=body, title=head[4].strip() if len(head) > 4 else None,
                              url=head[3].strip() if len(head) > 3 else None,
                              published=published, language=lang, path=name)
            else:
                art = Article(text=content, language=lang, path=name)
            out[(dataset, doc)] = art
    return out


def _words(text: str) -> list[str]:
    """Words of a name, lower case, without an English article ("The Guardian" = "Guardian")."""
    words = re.findall(r"\w+", (text or "").casefold().replace("ё", "е").replace("’", "'"))
    return [w for w in words if w != "the"] or words


def _word_match(a: str, b: str) -> bool:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= min(3, len(a), len(b)) and n >= min(len(a), len(b)) - 2


def names_match(gold: str, predicted: list[str]) -> bool:
    """Every word of the gold name has a matching word among the predicted texts."""
    gw = _words(gold)
    pw = [w for p in predicted for w in _words(p)]
    if not gw:
        return not pw
    return all(any(_word_match(g, p) for p in pw) for g in gw)


def _overlap(a: dict | None, b: dict) -> bool:
    return bool(a) and a.get("start") is not None and a["start"] < b["end"] and b["start"] < a["end"]


def _source_texts(claim: dict[str, Any], names: dict[str, str]) -> list[str]:
    src = claim.get("source") or {}
    if src.get("kind") == "unattributed":
        return []
    if src.get("entity") and src["entity"] in names:
        return [names[src["entity"]]]
    return [src.get("text") or ""]


def score_claim(g: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    claims = record.get("claims") or []
    names = {e["id"]: e["name"] for e in record.get("entities") or []}
    hit = next((c for c in claims if _overlap(c.get("cue"), g["cue"])), None)
    if hit is None:
        hit = next((c for c in claims if _overlap(c.get("content"), g["content"])), None)
    if hit is None:
        return {"found": False}
    outlet = (record.get("outlet") or "").casefold()
    via = [v for v in hit.get("via") or []
           if not (outlet and " ".join(_words(v.get("text") or "")) == " ".join(_words(outlet)))]
    via_texts = [[names.get(v.get("entity") or "", ""), v.get("text") or ""] for v in via]
    pred_source = _source_texts(hit, names)
    ok_source = names_match(g["source"], pred_source) if g["source"] else not pred_source
    if g["source"] and not ok_source and hit["source"].get("entity"):
        ok_source = names_match(g["source"], [hit["source"].get("text") or ""])
    ok_via = len(via_texts) == len(g["via"]) and all(
        names_match(gv, pv) for gv, pv in zip(g["via"], via_texts))
    return {"found": True,
            "source": ok_source, "via": ok_via,
            "cue": _overlap(hit.get("cue"), g["cue"]),
            "content": _overlap(hit.get("content"), g["content"]),
            "status": hit.get("status") == g["status"],
            "predicted": {"source": pred_source, "via": [" / ".join(x for x in v if x)
                                                         for v in via_texts],
                          "status": hit.get("status"), "cue": (hit.get("cue") or {}).get("text")}}


def run(datasets: Path, *, split: str = "dev", limit: int | None = None,
        pipeline=None, verbose: bool = False) -> dict[str, Any]:
    from ..pipeline import Pipeline

    started = time.perf_counter()
    gold = [g for lang in LANGS for g in load_gold(lang)]
    if limit:
        gold = [g for lang in LANGS for g in [x for x in gold if x["lang"] == lang][:limit]]
    docs = load_documents(Path(datasets), gold)
    keys = sorted({(g["dataset"], g["doc"]) for g in gold if (g["dataset"], g["doc"]) in docs})
    pipe = pipeline or Pipeline()       # each article carries its language
    records = dict(zip(keys, pipe.analyze_articles([docs[k] for k in keys])))
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for g in gold:
        rec = records.get((g["dataset"], g["doc"]))
        res = score_claim(g, rec if rec and "error" not in rec else {"claims": []})
        for group in (f"{g['lang']}.{g['half']}", f"{g['lang']}.all"):
            t = tallies[group]
            t["recall"][0] += res["found"]
            t["recall"][1] += 1
            if res["found"]:
                for f in FIELDS:
                    t[f][0] += res[f]
                    t[f][1] += 1
        if not res["found"] or not all(res[f] for f in FIELDS):
            misses.append({"id": g["id"], "half": g["half"], "gold": {
                "source": g["source"], "via": g["via"], "status": g["status"],
                "cue": g["cue"]["text"]}, **({"predicted": res["predicted"],
                                               "wrong": [f for f in FIELDS if not res[f]]}
                                              if res["found"] else {"found": False})})
    figures: dict[str, Any] = {"dataset": "claims-uk-ru", "gold_claims": len(gold),
                               "documents": len(records),
                               "seconds": round(time.perf_counter() - started, 1)}
    for group in sorted(tallies):
        figures[group] = {k: {"accuracy": round(v[0] / v[1], 3) if v[1] else 0.0,
                              "hits": v[0], "total": v[1]} for k, v in tallies[group].items()}
    figures["misses"] = misses
    return figures


def format_report(figures: dict[str, Any]) -> str:
    lines = [f"uk/ru attribution dev sets: {figures['gold_claims']} gold claims in "
             f"{figures['documents']} documents, {figures['seconds']} s",
             f"{'lang.half':<10} {'recall':>7} " + " ".join(f"{f:>8}" for f in FIELDS)]
    for group in sorted(k for k in figures if k.count(".") == 1 and k.split(".")[0] in LANGS):
        f = figures[group]
        lines.append(f"{group:<10} {f['recall']['accuracy']:>7.3f} " + " ".join(
            f"{f[x]['accuracy']:>8.3f}" if x in f else f"{'-':>8}" for x in FIELDS))
    lines.append("(recall: gold claims found; the other columns: accuracy over found claims)")
    if figures.get("misses"):
        lines.append("misses:")
        for m in figures["misses"]:
            g = m["gold"]
            if m.get("found") is False:
                lines.append(f"  {m['id']} [{m['half']}] not found (cue {g['cue']!r}, "
                             f"source {g['source']!r})")
            else:
                p = m["predicted"]
                lines.append(f"  {m['id']} [{m['half']}] wrong {','.join(m['wrong'])}: gold "
                             f"{g['source']!r} via {g['via']} {g['status']}; got {p['source']} "
                             f"via {p['via']} {p['status']} (cue {p['cue']!r})")
    return "\n".join(lines)
