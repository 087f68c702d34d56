"""BSNLP shared-task data (ru, uk): document-level name recognition and base-form accuracy.

For each document the system's set of (mention string, category) is compared with the gold
set (categories PER, LOC, ORG; ours PERSON -> PER, LOC -> LOC, ORG -> ORG; gold EVT, PRO, MISC
are not scored). Strings are compared casefolded with whitespace collapsed (the 2017 topics are
annotated in lower case).

- strict: micro P/R/F1 over unique (mention, category) pairs per document.
- relaxed: an entity (gold cross-lingual id) counts as found when any of its mention strings is
  output with its category; recall over gold entities, precision over output pairs matching any
  gold mention with that category.
- base-form accuracy: over gold mentions that the system output (same string, any category),
  the share whose system base form equals the gold base form (casefolded).

Documents: the annotated topics in bsnlp.tar.gz (the nord_stream topic is held back). Text =
the header's title line plus the body. Ukrainian topics ec and ryanair are training data of the
Ukrainian NER (training/uk-ner, silver spans), so for uk the default split 'dev' scores only the
other topics (asia_bibi, brexit, trump); `--split all` scores every topic, `--split train` the two
training topics. Russian is scored on every topic whatever the split.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .common import PRF, archive, iter_members

NAME = "bsnlp"
DESCRIPTION = "BSNLP ru/uk: document-level recognition (relaxed/strict) and base-form accuracy"
CATEGORY = {"PERSON": "PER", "LOC": "LOC", "ORG": "ORG"}
SCORED = ("PER", "LOC", "ORG")
# Ukrainian topics the uk NER model is trained on (training/uk-ner): not scored by default
UK_TRAIN_TOPICS = frozenset({"ec", "ryanair"})


def part(topic: str, lang: str) -> str:
    """'train' for the topics the NER model of `lang` learns from, else 'dev'."""
    return "train" if lang == "uk" and topic in UK_TRAIN_TOPICS else "dev"


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("ʼ", "'").split()).casefold()


def load_docs(datasets: Path, lang: str, limit: int | None = None, split: str = "all"):
    """[(topic/doc id, text, gold rows [(mention, base, category, entity id)])] of the topics in
    `split` ('dev', 'train' or 'all'; see ``part``)."""
    raws, golds = {}, {}
    for name, body in iter_members(archive(datasets, "bsnlp")):
        parts = name.split("/")
        if len(parts) < 4 or parts[-2] != lang:
            continue
        topic = parts[-4]
        if lang == "uk" and split in ("dev", "train") and part(topic, lang) != split:
            continue
        lines = body.splitlines()
        if not lines:
            continue
        doc_id = lines[0].strip()
        if parts[-3] == "raw":
            text = "\n".join([lines[4] if len(lines) > 4 else ""] + lines[5:])
            raws[(topic, doc_id)] = text
        elif parts[-3] == "annotated":
            rows = []
            for line in lines[1:]:
                f = line.split("\t")
                if len(f) >= 3:
                    rows.append((f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip() if len(f) > 3 else f[1]))
            golds[(topic, doc_id)] = rows
    docs = [(f"{t}/{d}", raws[(t, d)], golds[(t, d)]) for (t, d) in sorted(golds) if (t, d) in raws]
    if limit and limit < len(docs):                 # an even sample across topics
        step = len(docs) / limit
        docs = [docs[int(i * step)] for i in range(limit)]
    return docs


def system_output(backend, text: str) -> dict[tuple[str, str], str]:
    """{(mention, category): base} for one document."""
    doc = backend.analyze(text)
    out = {}
    for sp in doc.ner:
        cat = CATEGORY.get(sp.type or "")
        if cat:
            out.setdefault((_norm(sp.text), cat), _norm(sp.base or sp.text))
    return out


def evaluate(backend, docs) -> dict:
    strict, relaxed_p = PRF(), PRF()
    rel_tp = rel_fn = 0
    base_ok = base_n = 0
    per_cat = defaultdict(PRF)
    base_errors = []
    for doc_id, text, rows in docs:
        sys_out = system_output(backend, text)
        gold_pairs = {(_norm(m), c) for m, _, c, _ in rows if c in SCORED}
        sys_pairs = set(sys_out)
        strict.tp += len(sys_pairs & gold_pairs)
        strict.fp += len(sys_pairs - gold_pairs)
        strict.fn += len(gold_pairs - sys_pairs)
        for p in sys_pairs & gold_pairs:
            per_cat[p[1]].tp += 1
        for p in sys_pairs - gold_pairs:
            per_cat[p[1]].fp += 1
        for p in gold_pairs - sys_pairs:
            per_cat[p[1]].fn += 1
        entities = defaultdict(set)
        for m, _, c, eid in rows:
            if c in SCORED:
                entities[(eid, c)].add(_norm(m))
        for (eid, c), mentions in entities.items():
            if any((m, c) in sys_pairs for m in mentions):
                rel_tp += 1
            else:
                rel_fn += 1
        relaxed_p.tp += len(sys_pairs & gold_pairs)
        relaxed_p.fp += len(sys_pairs - gold_pairs)
        sys_by_mention = {m: b for (m, _), b in sys_out.items()}
        for m, base, c, _ in rows:
            if c not in SCORED:
                continue
            got = sys_by_mention.get(_norm(m))
            if got is None:
                continue
            base_n += 1
            if got == _norm(base):
                base_ok += 1
            elif len(base_errors) < 30:
                base_errors.append(f"{m} -> {got} (gold {base})")
    p = relaxed_p.precision
    r = rel_tp / (rel_tp + rel_fn) if rel_tp + rel_fn else 0.0
    return {
        "docs": len(docs),
        "strict": strict.as_dict(),
        "relaxed": {"precision": round(p, 4), "recall": round(r, 4),
                    "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                    "entities_found": rel_tp, "entities_missed": rel_fn},
        "per_category_strict": {c: per_cat[c].as_dict() for c in SCORED},
        "base_form_accuracy": round(base_ok / base_n, 4) if base_n else 0.0,
        "base_form_scored": base_n,
        "base_form_errors_sample": base_errors[:10],
    }


def run(datasets: Path, *, split: str = "dev", limit: int | None = None, langs=("ru", "uk")) -> dict:
    from ..resources import Resources

    res = Resources()
    out = {}
    for lang in langs:
        docs = load_docs(datasets, lang, limit, split)
        out[lang] = evaluate(res.backend(lang), docs)
        out[lang]["topics"] = ", ".join(sorted({d.split("/", 1)[0] for d, _, _ in docs}))
    return out


def format_report(figures: dict) -> str:
    lines = []
    for lang, f in figures.items():
        s, r = f["strict"], f["relaxed"]
        lines.append(f"{lang}: {f['docs']} docs{' (' + f['topics'] + ')' if f.get('topics') else ''}")
        lines.append(f"  relaxed  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
        lines.append(f"  strict   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
        lines.append(f"  base-form accuracy {f['base_form_accuracy']:.3f} (over {f['base_form_scored']} found mentions)")
    return "\n".join(lines)
