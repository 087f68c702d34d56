"""Span NER for Ukrainian (NER-UK 2.0 official DEV docs) and Russian (NEREL v1.1 dev).

Scoring: exact (start, end, type) micro precision/recall/F1 per type and overall, on the language
backend's NER spans (``lang/uk.py``, ``lang/ru.py``) with our types.

NER-UK: the archive's docs/ (the official DEV split, 391 docs) and iob/train.iob are the same
texts, so a document-level split of docs/ is used (``uk_part``): 1 in 5 documents is held out
and scored here; the model (training/uk-ner) is trained on the rest.

Label mapping (gold -> ours):
  NER-UK: PERS -> PERSON, ORG -> ORG, LOC -> LOC, MISC -> MISC; the other NER-UK types (DATE,
          TIME, PERIOD, MON, PCT, QUANT, JOB, DOC, ART) are not scored.
  NEREL:  PERSON -> PERSON; ORGANIZATION -> ORG; COUNTRY, CITY, STATE_OR_PROVINCE, LOCATION,
          DISTRICT -> LOC; everything else (FACILITY, NATIONALITY, PROFESSION, EVENT, ...) is not
          scored.
Nested gold: only top-level spans are kept: a mapped span lying inside another, longer mapped span
is dropped ("Министерство иностранных дел России" ORG keeps the ORG, drops the inner LOC).
Discontinuous gold spans (brat "a b;c d") are dropped. Predictions with a type outside the scored
set are ignored.

"overall" is micro over PERSON/ORG/LOC (the actor types both corpora share); for NER-UK
"overall_with_misc" also counts MISC. The held-out NER-UK documents are never used for training.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from pathlib import Path

from .common import PRF, archive, iter_members

NAME = "ner"
DESCRIPTION = "span NER exact P/R/F1: NER-UK dev docs (uk), NEREL dev (ru)"

NERUK_MAP = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
NEREL_MAP = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
             "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC", "DISTRICT": "LOC"}
ACTOR_TYPES = ("PERSON", "ORG", "LOC")
_T_LINE = re.compile(r"^T\d+\t(\S+)[ \t](\d+)[ \t](\d+)\t")


def read_brat(ann: str, mapping: dict[str, str]) -> set[tuple[int, int, str]]:
    """Top-level, continuous gold spans of the mapped types."""
    spans = set()
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if not m or m.group(1) not in mapping:
            continue
        spans.add((int(m.group(2)), int(m.group(3)), mapping[m.group(1)]))
    return {s for s in spans
            if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0]) for o in spans)}


def uk_part(doc_id: str) -> str:
    """NER-UK docs/ split used by training/uk-ner and this scorer: 'dev' (held out: 1 in 5 docs,
    by CRC32 of the file name), 'tune' (early stopping: 1 in 20 of the rest), else 'train'.

    The archive's iob/train.iob holds the same texts as docs/ (the official DEV split; the
    official TEST split is held back), so the model is trained on docs/ minus these held-out
    documents, and the figures here are on documents it never saw."""
    h = zlib.crc32(doc_id.encode("utf-8"))
    if h % 5 == 0:
        return "dev"
    return "tune" if (h // 5) % 20 == 0 else "train"


def load_docs(datasets: Path, lang: str, split: str = "dev", limit: int | None = None):
    """[(doc id, text, gold spans)] for 'uk' (NER-UK docs/, part `split` of uk_part; 'all' for
    every doc) or 'ru' (NEREL <split>/)."""
    if lang == "uk":
        path, prefix, mapping = archive(datasets, "ner-uk"), "", NERUK_MAP
        keep = lambda name: "/docs/" in name and (  # noqa: E731
            split == "all" or uk_part(name.rsplit("/", 1)[-1].rsplit(".", 1)[0]) == split)
    else:
        path, prefix, mapping = archive(datasets, "nerel"), "", NEREL_MAP
        keep = lambda name: f"/{split}/" in name  # noqa: E731
    texts, anns = {}, {}
    for name, body in iter_members(path, prefix):
        if not keep(name):
            continue
        if name.endswith(".txt"):
            texts[name[:-4]] = body
        elif name.endswith(".ann"):
            anns[name[:-4]] = body
    docs = []
    for key in sorted(texts):
        if key in anns:
            docs.append((key.rsplit("/", 1)[-1], texts[key], read_brat(anns[key], mapping)))
    return docs[:limit] if limit else docs


def score(pairs, types) -> dict:
    per = defaultdict(PRF)
    for gold, pred in pairs:
        pred = {p for p in pred if p[2] in types}
        gold = {g for g in gold if g[2] in types}
        for s in pred & gold:
            per[s[2]].tp += 1
        for s in pred - gold:
            per[s[2]].fp += 1
        for s in gold - pred:
            per[s[2]].fn += 1
    out = {t: per[t].as_dict() for t in types}
    for name, group in (("overall", ACTOR_TYPES), ("overall_with_misc", types)):
        if name == "overall_with_misc" and set(types) == set(ACTOR_TYPES):
            continue
        total = PRF()
        for t in group:
            total.tp += per[t].tp
            total.fp += per[t].fp
            total.fn += per[t].fn
        out[name] = total.as_dict()
    return out


def predict(backend, text: str) -> set[tuple[int, int, str]]:
    doc = backend.analyze(text)
    return {(s.start, s.end, s.type) for s in doc.ner if s.type}


def evaluate(backend, docs, types) -> dict:
    pairs = [(gold, predict(backend, text)) for _, text, gold in docs]
    figures = score(pairs, types)
    figures["docs"] = len(docs)
    return figures


def run(datasets: Path, *, split: str = "dev", limit: int | None = None, langs=("uk", "ru")) -> dict:
    from ..resources import Resources

    res = Resources()
    out = {}
    for lang in langs:
        docs = load_docs(datasets, lang, split, limit)
        types = ("PERSON", "ORG", "LOC", "MISC") if lang == "uk" else ACTOR_TYPES
        out[lang] = evaluate(res.backend(lang), docs, types)
        out[lang]["dataset"] = (f"NER-UK 2.0 docs/, held-out part {split!r}" if lang == "uk"
                                else f"NEREL v1.1 {split}")
    return out


def format_report(figures: dict) -> str:
    lines = []
    for lang, fig in figures.items():
        lines.append(f"{lang}: {fig.get('dataset')} ({fig.get('docs')} docs), exact span")
        for t, v in fig.items():
            if isinstance(v, dict):
                lines.append(f"  {t:<18} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
                             f"  (tp {v['tp']:.0f} fp {v['fp']:.0f} fn {v['fn']:.0f})")
    return "\n".join(lines)
