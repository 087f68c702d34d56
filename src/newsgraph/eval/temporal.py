"""Times and quantities against the time/number spans of NER-UK 2.0 (uk) and NEREL v1.1 (ru).

Neither corpus annotates what the record holds (ISO values, qualifiers, counted nouns), so this
scores span detection only, by overlap:

- recall: share of gold spans of the scored types that some predicted span overlaps;
- precision: share of predicted spans that overlap a gold span of a scored *or tolerated* type
  (both corpora leave many real times and counts unannotated, so precision is a lower bound).

Types (gold):
  NER-UK  times: DATE, PERIOD (PERIOD is mostly durations, "три роки", which the record reports as
          quantities, so its recall is low by design); quantities: MON, PCT, QUANT (QUANT is
          measurements only: counted nouns such as "14 командних пунктів" are not annotated).
          Tolerated: TIME, JOB, DOC, MISC, ORG and, for quantities, DATE/PERIOD (durations).
  NEREL   times: DATE, TIME; quantities: MONEY, PERCENT, NUMBER. Tolerated: AGE, PENALTY,
          ORDINAL, LAW, EVENT, AWARD, ORGANIZATION, PRODUCT and, for quantities, DATE/TIME.

The extractors read characters (plus pymorphy3), not a parse, so they run on a bare AnalyzedDoc
here: no language backend is loaded. NER-UK has only its DEV documents (split ignored); NEREL
offers "dev" and "train".
"""
from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

from .common import archive, iter_members

NAME = "temporal"
DESCRIPTION = "times and quantities: span overlap recall/precision on NER-UK (uk) and NEREL (ru)"

_T_LINE = re.compile(r"^T\d+\t(\S+)[ \t](\d+)[ \t](\d+(?:;\d+ \d+)*)\t")

CORPORA = {
    "ner-uk": {"lang": "uk", "times": {"DATE", "PERIOD"}, "quantities": {"MON", "PCT", "QUANT"},
               "tolerated": {"TIME", "JOB", "DOC", "MISC", "ORG"}},
    "nerel": {"lang": "ru", "times": {"DATE", "TIME"}, "quantities": {"MONEY", "PERCENT", "NUMBER"},
              "tolerated": {"AGE", "PENALTY", "ORDINAL", "LAW", "EVENT", "AWARD", "ORGANIZATION", "PRODUCT"}},
}


def read_spans(ann: str) -> list[tuple[str, int, int]]:
    out = []
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m:
            end = int(m.group(3).split(";")[-1].split()[-1])
            out.append((m.group(1), int(m.group(2)), end))
    return out


def _documents(datasets: Path, corpus: str, split: str, limit: int | None):
    if corpus == "ner-uk":
        path, prefix = archive(datasets, "ner-uk"), "ner-uk/docs/"
    else:
        path, prefix = archive(datasets, "nerel"), f"nerel/{split}/"
    texts: dict[str, str] = {}
    anns: dict[str, str] = {}
    for name, body in iter_members(path, prefix):
        if name.endswith(".txt"):
            texts[name[:-4]] = body
        elif name.endswith(".ann"):
            anns[name[:-4]] = body
    keys = sorted(k for k in texts if k in anns)
    for k in keys[:limit] if limit else keys:
        yield texts[k], read_spans(anns[k])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run(datasets: Path, *, split: str = "dev", limit: int | None = None) -> dict:
    from ..extract.quantities import QuantityExtractor
    from ..extract.times import TimeExtractor
    from ..doc.builder import text_document
    from ..resources import Resources

    resources = Resources()
    times_ex, qty_ex = TimeExtractor(resources), QuantityExtractor(resources)
    figures: dict = {"split": split}
    for corpus, spec in CORPORA.items():
        lang = spec["lang"]
        counts: Counter = Counter()
        n_docs = n_chars = 0
        started = time.perf_counter()
        for text, gold in _documents(datasets, corpus, split, limit):
            n_docs += 1
            n_chars += len(text)
            doc = text_document(text, lang, resources.data(lang))
            times = times_ex(doc, {})["times"]
            quantities = qty_ex(doc, {"times": times})["quantities"]
            for part, predicted in (("times", times), ("quantities", quantities)):
                scored = spec[part]
                ok_types = scored | spec["tolerated"] | (spec["times"] if part == "quantities" else set())
                for typ, s, e in gold:
                    if typ in scored:
                        counts[f"{part}/gold/{typ}"] += 1
                        if any(_overlaps((s, e), (p["start"], p["end"])) for p in predicted):
                            counts[f"{part}/found/{typ}"] += 1
                for p in predicted:
                    counts[f"{part}/pred"] += 1
                    if any(t in ok_types and _overlaps((s, e), (p["start"], p["end"])) for t, s, e in gold):
                        counts[f"{part}/pred_ok"] += 1
        seconds = time.perf_counter() - started
        result: dict = {"language": lang, "documents": n_docs, "characters": n_chars,
                        "seconds": round(seconds, 2)}
        for part in ("times", "quantities"):
            gold_n = sum(counts[f"{part}/gold/{t}"] for t in spec[part])
            found_n = sum(counts[f"{part}/found/{t}"] for t in spec[part])
            recall = found_n / gold_n if gold_n else 0.0
            precision = counts[f"{part}/pred_ok"] / counts[f"{part}/pred"] if counts[f"{part}/pred"] else 0.0
            result[part] = {
                "recall": round(recall, 4), "precision": round(precision, 4),
                "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
                "predicted": counts[f"{part}/pred"],
                "per_type": {t: {"found": counts[f"{part}/found/{t}"], "gold": counts[f"{part}/gold/{t}"]}
                             for t in sorted(spec[part])},
            }
        figures[corpus] = result
    return figures


def format_report(figures: dict) -> str:
    lines = [f"split: {figures.get('split')}"]
    for corpus in CORPORA:
        r = figures.get(corpus)
        if not r:
            continue
        lines.append(f"{corpus} ({r['language']}): {r['documents']} docs, {r['characters']} chars, "
                     f"{r['seconds']} s")
        for part in ("times", "quantities"):
            p = r[part]
            per = ", ".join(f"{t} {v['found']}/{v['gold']}" for t, v in p["per_type"].items())
            lines.append(f"  {part}: recall {p['recall']:.3f} [{per}]  precision {p['precision']:.3f} "
                         f"(of {p['predicted']})  F1 {p['f1']:.3f}")
    return "\n".join(lines)
