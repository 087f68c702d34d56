"""PolNeAR (political news attribution relations): source / cue / content span P/R/F1.

Data: ../shared/datasets/polnear.tar.gz, ``polnear/<split>/text/<article>.txt`` and
``polnear/<split>/attributions/<article>_<annotator>.ann`` (brat standoff: T-lines Source / Cue /
Content, E-lines ``Attribution`` tying them).

Conventions (documented choices):
- one annotator per article: the first annotator id in alphabetical order;
- gold spans: every Source / Cue / Content T-line that is part of an Attribution E-line
  (``Attribution-no-source`` included for cue and content); discontinuous spans
  (``start end;start end``) are kept as their fragments;
- predicted spans: each claim's content, cue and source (source spans without offsets, such as
  unattributed claims, are skipped; ``via`` is not scored); identical spans are counted once;
- exact: a predicted span equals a gold span of the same role (or one of its fragments, or the
  hull of all fragments) after trimming whitespace and punctuation at both ends;
- overlap: a predicted span and a gold span of the same role share at least one token
  character (one that is not whitespace or punctuation; for a span made only of punctuation,
  such as the ":" cue of "WALLACE: ...", its non-space characters);
  precision = predicted spans matching some gold span / predicted spans,
  recall = gold spans matched by some predicted span / gold spans;
- attribution: a gold attribution counts as found when one claim overlaps its cue and its content
  (and its source, when the gold has one); precision over claims likewise.
The pipeline runs on each text exactly as given (``--as-is`` semantics, language "en"), so
offsets index the .txt file.
"""
from __future__ import annotations

import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .common import PRF, archive, iter_members

NAME = "polnear"
DESCRIPTION = "PolNeAR attribution spans (source, cue, content): exact and token-overlap P/R/F1"
ROLES = ("source", "cue", "content")
EDGE = " \t\r\n.,;:!?\"'“”‘’()[]{}—–-"


def parse_ann(text: str) -> list[dict[str, Any]]:
    """brat .ann -> attributions [{source: [(a, b), ...] | None, cue: [...], content: [...]}]."""
    spans: dict[str, list[tuple[int, int]]] = {}
    attributions = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) < 2:
                continue
            frags = []
            for frag in head[1].split(";"):
                nums = frag.split()
                if len(nums) == 2 and nums[0].isdigit() and nums[1].isdigit():
                    frags.append((int(nums[0]), int(nums[1])))
            spans[parts[0]] = frags
        elif parts[0].startswith("E"):
            fields = parts[1].split()
            if not fields or not fields[0].startswith("Attribution"):
                continue
            att: dict[str, Any] = {"source": None, "cue": None, "content": None}
            for f in fields[1:]:
                role, _, ref = f.partition(":")
                role = re.sub(r"\d+$", "", role).lower()
                if role in ROLES and ref in spans and att[role] is None:
                    att[role] = spans[ref]
            if att["cue"] or att["content"]:
                attributions.append(att)
    return attributions


def load_split(datasets: Path, split: str, limit: int | None = None) -> list[dict[str, Any]]:
    path = archive(datasets, "polnear")
    texts: dict[str, str] = {}
    anns: dict[str, dict[str, str]] = defaultdict(dict)
    prefix = f"polnear/{split}/"
    for name, content in iter_members(path, prefix):
        rel = name[len(prefix):]
        if rel.startswith("text/") and rel.endswith(".txt"):
            texts[rel[5:-4]] = content
        elif rel.startswith("attributions/") and rel.endswith(".ann"):
            stem = rel[len("attributions/"):-4]
            article, _, annotator = stem.rpartition("_")
            anns[article][annotator] = content
    docs = []
    for article in sorted(texts):
        if article not in anns:
            continue
        annotator = sorted(anns[article])[0]
        docs.append({"id": article, "annotator": annotator, "text": texts[article],
                     "gold": parse_ann(anns[article][annotator])})
        if limit and len(docs) >= limit:
            break
    return docs


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    a0, b0 = a, b
    while a < b and text[a] in EDGE:
        a += 1
    while b > a and text[b - 1] in EDGE:
        b -= 1
    if a == b:                      # punctuation only: trim whitespace alone
        a, b = a0, b0
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


def _tokens(text: str, a: int, b: int) -> set[int]:
    """Positions of word characters in [a, b); a span of punctuation only (the ":" of
    "WALLACE: ...", the "―" of a signature) keeps its non-space characters."""
    chars = {i for i in range(a, min(b, len(text))) if text[i] not in EDGE}
    return chars or {i for i in range(a, min(b, len(text))) if not text[i].isspace()}


def _overlaps(text: str, x: tuple[int, int], frags: list[tuple[int, int]]) -> bool:
    tx = _tokens(text, *x)
    return any(tx & _tokens(text, *f) for f in frags)


def _exact(text: str, x: tuple[int, int], frags: list[tuple[int, int]]) -> bool:
    tx = _trim(text, *x)
    cands = [_trim(text, *f) for f in frags]
    if len(frags) > 1:
        cands.append(_trim(text, min(a for a, _ in frags), max(b for _, b in frags)))
    return tx in cands


def predicted_spans(record: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for c in record.get("claims", []):
        if c.get("content"):
            out["content"].append((c["content"]["start"], c["content"]["end"]))
        if c.get("cue"):
            out["cue"].append((c["cue"]["start"], c["cue"]["end"]))
        src = c.get("source") or {}
        if src.get("start") is not None and src.get("end") is not None and src["end"] > src["start"]:
            out["source"].append((src["start"], src["end"]))
    return {r: sorted(set(v)) for r, v in out.items()}


def score_doc(text: str, gold: list[dict[str, Any]], record: dict[str, Any],
              tallies: dict[str, PRF]) -> None:
    pred = predicted_spans(record)
    for role in ROLES:
        golds = [g[role] for g in gold if g.get(role)]
        # the same gold span can serve several attributions (one cue, two contents): count once
        uniq = {tuple(f): f for f in golds}
        golds = list(uniq.values())
        for mode, match in (("exact", _exact), ("overlap", _overlaps)):
            t = tallies[f"{role}.{mode}"]
            for p in pred[role]:
                if any(match(text, p, g) for g in golds):
                    t.tp += 1
                else:
                    t.fp += 1
            for g in golds:
                if not any(match(text, p, g) for p in pred[role]):
                    t.fn += 1
    # whole attributions (overlap on every role the gold has)
    t = tallies["attribution.overlap"]
    claims = record.get("claims", [])

    def claim_matches(c, g) -> bool:
        for role in ROLES:
            if not g.get(role):
                continue
            span = c.get(role)
            if not span or span.get("start") is None:
                return False
            if not _overlaps(text, (span["start"], span["end"]), g[role]):
                return False
        return True

    for c in claims:
        if any(claim_matches(c, g) for g in gold):
            t.tp += 1
        else:
            t.fp += 1
    for g in gold:
        if not any(claim_matches(c, g) for c in claims):
            t.fn += 1


def run(datasets: Path, *, split: str = "dev", limit: int | None = None,
        pipeline=None) -> dict[str, Any]:
    from ..ingest import Article
    from ..pipeline import Pipeline

    docs = load_split(Path(datasets), split, limit)
    pipe = pipeline or Pipeline(language="en")
    tallies: dict[str, PRF] = defaultdict(PRF)
    started = time.perf_counter()
    articles = [Article(text=d["text"], language="en", path=d["id"]) for d in docs]
    errors = 0
    for doc, record in zip(docs, pipe.analyze_articles(articles)):
        if "error" in record:
            errors += 1
            record = {"claims": []}
        score_doc(doc["text"], doc["gold"], record, tallies)
    figures: dict[str, Any] = {
        "dataset": "polnear", "split": split, "articles": len(docs), "errors": errors,
        "gold_attributions": sum(len(d["gold"]) for d in docs),
        "seconds": round(time.perf_counter() - started, 1),
    }
    for key in sorted(tallies):
        figures[key] = tallies[key].as_dict()
    return figures


def format_report(figures: dict[str, Any]) -> str:
    lines = [f"PolNeAR {figures['split']}: {figures['articles']} articles, "
             f"{figures['gold_attributions']} gold attributions, {figures['errors']} errors, "
             f"{figures['seconds']} s",
             f"{'role':<12} {'mode':<8} {'P':>6} {'R':>6} {'F1':>6}"]
    for key in sorted(k for k in figures if "." in k):
        role, mode = key.split(".")
        f = figures[key]
        lines.append(f"{role:<12} {mode:<8} {f['precision']:>6.3f} {f['recall']:>6.3f} "
                     f"{f['f1']:>6.3f}")
    return "\n".join(lines)
