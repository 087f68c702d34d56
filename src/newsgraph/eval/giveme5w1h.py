"""Giveme5W1H gold standard: who / what / when / where of the article's main event.

Data: ../shared/datasets/giveme5w1h-gold.tar.gz, ``giveme5w1h-gold/<id>.json``: news-please
objects (title, text, date_publish, url) whose ``fiveWoneH`` holds, per question (who, what,
when, where, why, how), ``annotated`` phrases ``{text, coderPhraseCount}`` marked by human coders.
The archive is one set (half of the original; the other half is held back). It is split once,
by the articles' sorted names, into two fixed halves: ``tune`` (even positions) and ``check``
(odd positions). Rules are tuned on ``tune`` only; ``check`` is only scored. ``--split tune``
or ``check`` scores one half; ``all`` (also ``dev``, the CLI default, and ``train``) scores all
48 and reports each half beside the total.

Each article goes through the normal pipeline (cleaned text, title and date from the JSON, language
"en"). The prediction is the record's first event (the main event):

* who   = the agents' entity names, aliases and mention texts, plus the agent phrases in the
          event's ``arguments``; when the event has no agent, its patients likewise (passives and
          undergoers: "seven people were killed");
* what  = the trigger text plus the patients' phrases (``arguments`` with role patient) and names;
* when  = the text of ``times[event.time]``;
* where = the place entity's name and mention texts.

Matching (documented choice): a question is hit when some predicted phrase and some annotated
phrase of that question share a token. Tokens are ``\\w+`` runs, lower-cased, without the stop
words in ``STOP`` (articles, prepositions, auxiliaries, pronouns), each reduced by a light
suffix stemmer (``stem``: possessive 's, then -ing / -ed / -es / -s when at least three letters
remain) so that "blamed" meets "blames". ``literal`` figures repeat the test without the stemmer.
Annotated entries without text are ignored; an article whose question has no annotated phrase is
left out of that question's denominator. Reported per question: hit rate (hits / articles with
gold), and ``mean`` = the mean of the who/what/when/where hit rates (target >= 0.5).
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from .common import archive, iter_members

NAME = "giveme5w1h"
DESCRIPTION = "Giveme5W1H gold: who/what/when/where of the first (main) event, token-overlap hit rate"
QUESTIONS = ("who", "what", "when", "where")
STOP = frozenset("""a an the of in on at to for and or but by with from as into onto over after
before during about than then is are was were be been being has have had do does did will would
can could may might shall should it its he him his she her hers they them their theirs we us our
you your i me my this that these those who whom whose which what when where there here not no
s t""".split())
_WORD = re.compile(r"\w+", re.UNICODE)


def stem(word: str) -> str:
    w = word.casefold()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def tokens(text: str | None, stemmed: bool = True) -> set[str]:
    out = set()
    for w in _WORD.findall((text or "").replace("’", "'").replace("'s", "")):
        w = w.casefold()
        if w in STOP:
            continue
        out.add(stem(w) if stemmed else w)
    return out


def hit(predicted: list[str], gold: list[str], stemmed: bool = True) -> bool:
    gold_sets = [tokens(g, stemmed) for g in gold]
    for p in predicted:
        pt = tokens(p, stemmed)
        if pt and any(pt & g for g in gold_sets):
            return True
    return False


SPLITS = ("tune", "check", "all")


def half_of(position: int) -> str:
    """The fixed half of the article at this position in name order."""
    return "tune" if position % 2 == 0 else "check"


def load(datasets: Path, limit: int | None = None, split: str = "all") -> list[dict[str, Any]]:
    """The annotated articles of one split (see the module docstring), in name order."""
    if split in ("dev", "train"):
        split = "all"
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} for giveme5w1h; choose tune, check or all")
    path = archive(datasets, "giveme5w1h-gold")
    docs = []
    members = sorted(iter_members(path, "giveme5w1h-gold/", ".json"))
    for position, (name, text) in enumerate(members):
        if split != "all" and half_of(position) != split:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError:
            continue
        if not isinstance(obj, dict) or "fiveWoneH" not in obj:
            continue
        gold = {}
        for q in QUESTIONS:
            entry = (obj["fiveWoneH"].get(q) or {}).get("annotated") or []
            gold[q] = [a["text"] for a in entry if isinstance(a, dict) and (a.get("text") or "").strip()]
        docs.append({"name": name, "obj": obj, "gold": gold, "half": half_of(position)})
        if limit and len(docs) >= limit:
            break
    return docs


def _entity_texts(record: dict[str, Any], ids: list[str]) -> list[str]:
    ents = {e["id"]: e for e in record.get("entities", [])}
    out = []
    for i in ids:
        e = ents.get(i)
        if not e:
            continue
        out.append(e.get("name", ""))
        out.extend(e.get("aliases", []))
        out.extend(m.get("text", "") for m in e.get("mentions", []))
    return out


def predictions(record: dict[str, Any]) -> dict[str, list[str]]:
    """Phrases predicted for each question from the record's first event."""
    events = record.get("events") or []
    if not events:
        return {q: [] for q in QUESTIONS}
    ev = events[0]
    args = ev.get("arguments") or []
    role = "agent" if (ev.get("agents") or any(a.get("role") == "agent" for a in args)) else "patient"
    ids = ev.get("agents") if role == "agent" else ev.get("patients")
    who = _entity_texts(record, ids or []) + [a["text"] for a in args if a.get("role") == role]
    what = [ev["trigger"]["text"]] + [a["text"] for a in args if a.get("role") == "patient"] \
        + _entity_texts(record, ev.get("patients") or [])
    times = record.get("times") or []
    when = [times[ev["time"]]["text"]] if ev.get("time") is not None and ev["time"] < len(times) else []
    where = _entity_texts(record, [ev["place"]]) if ev.get("place") else []
    return {"who": who, "what": what, "when": when, "where": where}


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Hit rates from per-article rows ({question: hit, literal: {question: hit}})."""
    figures: dict[str, Any] = {"articles": len(rows)}
    for q in QUESTIONS:
        scored = [r for r in rows if q in r]
        hits = sum(r[q] for r in scored)
        literal = sum(r["literal"][q] for r in scored)
        n = len(scored)
        figures[q] = {"hit_rate": round(hits / n, 4) if n else 0.0,
                      "literal_hit_rate": round(literal / n, 4) if n else 0.0,
                      "hits": hits, "articles_with_gold": n}
    figures["mean"] = round(sum(figures[q]["hit_rate"] for q in QUESTIONS) / len(QUESTIONS), 4)
    figures["literal_mean"] = round(
        sum(figures[q]["literal_hit_rate"] for q in QUESTIONS) / len(QUESTIONS), 4)
    return figures


def run(datasets: Path, *, split: str = "dev", limit: int | None = None, pipeline=None) -> dict[str, Any]:
    from ..ingest import IngestError
    from ..ingest.cleaning import CleaningRules
    from ..ingest.newsplease import parse_object
    from ..pipeline import Pipeline

    split = "all" if split in ("dev", "train") else split
    docs = load(Path(datasets), limit, split)
    pipe = pipeline or Pipeline(language="en")
    rules = CleaningRules.load()
    errors = 0
    rows = []
    t0 = time.time()
    articles = []
    for d in docs:
        try:
            articles.append(parse_object(d["obj"], rules=rules, as_is=False, path=d["name"]))
        except IngestError:   # e.g. date_publish "None": analyse without a date
            obj = {k: v for k, v in d["obj"].items() if k != "date_publish"}
            articles.append(parse_object(obj, rules=rules, as_is=False, path=d["name"]))
    for d, record in zip(docs, pipe.analyze_articles(articles)):
        if "error" in record:
            errors += 1
        pred = predictions(record) if "error" not in record else {q: [] for q in QUESTIONS}
        row: dict[str, Any] = {"article": d["name"].rsplit("/", 1)[-1][:16], "half": d["half"],
                               "literal": {}}
        for q in QUESTIONS:
            if not d["gold"][q]:
                continue
            row[q] = hit(pred[q], d["gold"][q])
            row["literal"][q] = hit(pred[q], d["gold"][q], stemmed=False)
        rows.append(row)
    figures: dict[str, Any] = {"dataset": "giveme5w1h-gold", "split": split, "errors": errors,
                               "seconds": round(time.time() - t0, 1)}
    figures.update(score(rows))
    if split == "all":
        figures["halves"] = {h: score([r for r in rows if r["half"] == h]) for h in ("tune", "check")}
    figures["per_article"] = rows
    return figures


def format_report(figures: dict[str, Any]) -> str:
    lines = [f"Giveme5W1H gold ({figures['split']}): {figures['articles']} articles, {figures['errors']} errors, "
             f"{figures['seconds']} s (main event = first event; token overlap, light stemming)"]
    for q in QUESTIONS:
        f = figures[q]
        lines.append(f"  {q:5} hit rate {f['hit_rate']:.3f} ({f['hits']}/{f['articles_with_gold']})"
                     f"   literal {f['literal_hit_rate']:.3f}")
    lines.append(f"  mean(who, what, when, where) {figures['mean']:.3f}   literal {figures['literal_mean']:.3f}")
    for half, f in (figures.get("halves") or {}).items():
        lines.append(f"  {half:5} half ({f['articles']} articles): "
                     + "  ".join(f"{q} {f[q]['hit_rate']:.3f}" for q in QUESTIONS)
                     + f"  mean {f['mean']:.3f}")
    return "\n".join(lines)
