"""Train newsgraph's Ukrainian NER (PERSON/ORG/LOC/MISC) on NER-UK 2.0 and install it into
``src/newsgraph/models/uk_ner``.

    .venv/bin/python training/uk-ner/train.py            # convert + train + install
    .venv/bin/python training/uk-ner/train.py --convert-only

Data: ``../shared/datasets/ner-uk.tar.gz``, read in place. Its ``iob/train.iob`` and ``docs/``
hold the same texts (both are the official DEV split; the official TEST split is held back), so
training uses ``docs/`` with a document-level split (``newsgraph.eval.ner.uk_part``): 1 in 5
documents is held out for evaluation (``newsgraph eval ner``) and never trained on; 1 in 20 of the
rest ("tune") is the early-stopping dev set. Labels PERS/ORG/LOC/MISC are renamed
PERSON/ORG/LOC/MISC (top-level spans only); the other NER-UK types (DATE, JOB, MON, ...) are
dropped (O). (``--source iob`` trains on iob/train.iob instead, which leaves no clean held-out set.)
``--bsnlp`` adds silver spans from ``../shared/datasets/bsnlp.tar.gz``: the Ukrainian documents of
the topics ``newsgraph.eval.bsnlp.UK_TRAIN_TOPICS`` (ec, ryanair; `newsgraph eval bsnlp` scores the
other topics), every occurrence of each annotated mention form (``silver_spans``).
``--gazetteer`` turns on the morph component's gazetteer flags (``lang/uk.py``).

Texts are split into chunks of a few lines and tokenised with the run-time tokenizer
(``newsgraph.lang.uk.customize_tokenizer``), so the model learns on the tokens it sees at run
time; entities are mapped by character offsets. The model carries the data's CC BY-NC-SA 4.0 terms.
"""
from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LABELS = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
NO_SPACE_BEFORE = set(",.:;!?)]}»%…”") | {"...", "?!", "?..", "!.."}
NO_SPACE_AFTER = set("([{«„“")
CHUNK = 8          # sentences per training document
DEV_EVERY = 20     # every 20th chunk -> early-stopping dev


def read_iob(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag) from train.iob inside the ner-uk archive."""
    with tarfile.open(path, "r:gz") as tar:
        member = next(m for m in tar if m.name.endswith("iob/train.iob"))
        text = tar.extractfile(member).read().decode("utf-8")
    sents, cur = [], []
    for line in io.StringIO(text):
        parts = line.split()
        if len(parts) == 2:
            cur.append((parts[0], parts[1]))
        elif cur:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def build_text(sents):
    """Text and entity char spans for a chunk of IOB sentences."""
    text, spans = "", []
    open_ent = None
    for sent in sents:
        prev = None
        for tok, tag in sent:
            if text and not (tok in NO_SPACE_BEFORE or (prev is not None and prev in NO_SPACE_AFTER)):
                text += " "
            start = len(text)
            text += tok
            kind = tag[2:] if tag != "O" else None
            label = LABELS.get(kind) if kind else None
            if tag.startswith("B-") or tag == "O" or (open_ent and open_ent[2] != label):
                if open_ent:
                    spans.append(tuple(open_ent))
                    open_ent = None
                if label:
                    open_ent = [start, len(text), label]
            elif tag.startswith("I-"):
                if open_ent is None and label:
                    open_ent = [start, len(text), label]
                elif open_ent:
                    open_ent[1] = len(text)
            prev = tok
        if open_ent:
            spans.append(tuple(open_ent))
            open_ent = None
    return text, spans


def chunks_from_docs(datasets: Path, lines_per_chunk: int = 6):
    """(part, text, spans) chunks of the docs/ documents, part from uk_part."""
    from newsgraph.eval.ner import NERUK_MAP, load_docs, uk_part

    for doc_id, text, gold in load_docs(datasets, "uk", "all"):
        part = uk_part(doc_id)
        offset = 0
        lines = text.split("\n")
        for i in range(0, len(lines), lines_per_chunk):
            chunk = "\n".join(lines[i:i + lines_per_chunk])
            end = offset + len(chunk)
            spans = [(s - offset, e - offset, t) for s, e, t in gold
                     if offset <= s and e <= end and t in NERUK_MAP.values()]
            if chunk.strip():
                yield part, chunk, spans
            offset = end + 1


# BSNLP categories -> our labels (silver spans from the document-level mention lists)
BSNLP_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "EVT": "MISC", "PRO": "MISC",
                "MISC": "MISC"}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def silver_spans(text: str, rows) -> list[tuple[int, int, str]]:
    """Every occurrence in `text` of each annotated mention form, longest form first, as
    (start, end, label): BSNLP lists a document's mentions without offsets. Matching ignores
    case (the 2017 topics are annotated in lower case) and apostrophe variants, but a match must
    begin with a capital letter, digit or other non-lowercase character (so "союз" inside a
    sentence is not "Союз") and stand between non-word characters."""
    import re
    from collections import Counter

    labels: dict[str, Counter] = {}
    for mention, _base, cat, _eid in rows:
        form = " ".join(mention.translate(_APOSTROPHES).split())
        if form and cat in BSNLP_LABELS:
            labels.setdefault(form.casefold(), Counter())[BSNLP_LABELS[cat]] += 1
    hay = text.translate(_APOSTROPHES)
    taken = [False] * len(text)
    spans = []
    for form in sorted(labels, key=len, reverse=True):
        label = labels[form].most_common(1)[0][0]
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in form.split()) + r"(?!\w)"
        for m in re.finditer(pattern, hay, flags=re.IGNORECASE):
            s, e = m.span()
            if text[s].islower() or any(taken[s:e]):
                continue
            taken[s:e] = [True] * (e - s)
            spans.append((s, e, label))
    return sorted(spans)


def chunks_from_bsnlp(datasets: Path, lines_per_chunk: int = 6):
    """(text, silver spans) chunks of the BSNLP Ukrainian training topics
    (``newsgraph.eval.bsnlp.UK_TRAIN_TOPICS``; `newsgraph eval bsnlp` scores the others)."""
    from newsgraph.eval.bsnlp import load_docs

    for _doc_id, text, rows in load_docs(datasets, "uk", split="train"):
        spans = silver_spans(text, rows)
        offset = 0
        lines = text.split("\n")
        for i in range(0, len(lines), lines_per_chunk):
            chunk = "\n".join(lines[i:i + lines_per_chunk])
            end = offset + len(chunk)
            if chunk.strip():
                yield chunk, [(s - offset, e - offset, t) for s, e, t in spans
                              if offset <= s and e <= end]
            offset = end + 1


def convert(datasets: Path, out: Path, source: str = "docs", bsnlp: bool = False) -> None:
    import spacy
    from spacy.tokens import DocBin

    from newsgraph.lang.uk import customize_tokenizer

    nlp = spacy.blank("uk")
    customize_tokenizer(nlp)
    train, dev = DocBin(), DocBin()
    lost = kept = 0
    if source == "docs":
        for part, text, spans in chunks_from_docs(datasets):
            if part == "dev":
                continue                      # held out for `newsgraph eval ner`
            doc = nlp.make_doc(text)
            ents = []
            for s, e, label in sorted(spans):
                span = doc.char_span(s, e, label, alignment_mode="contract")
                if span is None or len(span) == 0 or (ents and span.start < ents[-1].end):
                    lost += 1
                    continue
                ents.append(span)
                kept += 1
            doc.ents = ents
            (dev if part == "tune" else train).add(doc)
        if bsnlp:
            n_silver = silver_kept = silver_lost = 0
            for text, spans in chunks_from_bsnlp(datasets):
                doc = nlp.make_doc(text)
                ents = []
                for s, e, label in spans:
                    span = doc.char_span(s, e, label)          # whole tokens only
                    if span is None or (ents and span.start < ents[-1].end):
                        silver_lost += 1
                        continue
                    ents.append(span)
                    silver_kept += 1
                doc.ents = ents
                train.add(doc)
                n_silver += 1
            print(f"BSNLP uk silver: {n_silver} chunks; entities kept {silver_kept}, "
                  f"lost to tokenisation/overlap {silver_lost}")
        out.mkdir(parents=True, exist_ok=True)
        train.to_disk(out / "train.spacy")
        dev.to_disk(out / "dev.spacy")
        print(f"docs/: train {len(train)} / tune {len(dev)} chunks; entities kept {kept}, "
              f"lost to tokenisation/overlap {lost}")
        return
    sents = read_iob(datasets / "ner-uk.tar.gz")
    for n, i in enumerate(range(0, len(sents), CHUNK)):
        text, spans = build_text(sents[i:i + CHUNK])
        doc = nlp.make_doc(text)
        ents = []
        for s, e, label in spans:
            span = doc.char_span(s, e, label, alignment_mode="contract")
            if span is None or len(span) == 0:
                lost += 1
                continue
            if ents and span.start < ents[-1].end:
                lost += 1
                continue
            ents.append(span)
            kept += 1
        doc.ents = ents
        (dev if n % DEV_EVERY == 0 else train).add(doc)
    out.mkdir(parents=True, exist_ok=True)
    train.to_disk(out / "train.spacy")
    dev.to_disk(out / "dev.spacy")
    print(f"{len(sents)} sentences -> train {len(train)} / dev {len(dev)} docs; "
          f"entities kept {kept}, lost to tokenisation {lost}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ng-cache/uk-ner"))
    ap.add_argument("--convert-only", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--source", choices=("docs", "iob"), default="docs")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--dropout", type=float, default=None)
    ap.add_argument("--bsnlp", action="store_true",
                    help="add silver spans from the BSNLP uk training topics (ec, ryanair)")
    ap.add_argument("--patience", type=int, default=None)
    ap.add_argument("--gazetteer", action="store_true",
                    help="the morph component adds gazetteer flags to the tag (lang/uk.py)")
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--no-install", action="store_true", help="train only; install later")
    ap.add_argument("--install-only", type=Path, metavar="MODEL",
                    help="copy an already trained pipeline (e.g. .../out/model-best) into the package")
    args = ap.parse_args(argv)
    if args.install_only:
        install(args.install_only, bsnlp=args.bsnlp)
        return 0
    convert(args.datasets, args.work, args.source, bsnlp=args.bsnlp)
    if args.convert_only:
        return 0
    env_cmd = [sys.executable, "-m", "spacy", "train", str(args.config),
               "--output", str(args.work / "out"), "--code", str(HERE / "register.py"),
               "--paths.train", str(args.work / "train.spacy"),
               "--paths.dev", str(args.work / "dev.spacy")]
    if args.max_steps:
        env_cmd += ["--training.max_steps", str(args.max_steps)]
    if args.gazetteer:
        env_cmd += ["--components.morph.gazetteer", "true"]
    if args.patience:
        env_cmd += ["--training.patience", str(args.patience)]
    if args.dropout is not None:
        env_cmd += ["--training.dropout", str(args.dropout)]
    import os
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), OPENBLAS_NUM_THREADS=str(args.threads),
               MKL_NUM_THREADS=str(args.threads))
    subprocess.run(env_cmd, check=True, env=env)
    if not args.no_install:
        install(args.work / "out" / "model-best", bsnlp=args.bsnlp)
    return 0


def install(model: Path, bsnlp: bool = False) -> None:
    """Copy a trained pipeline into the package, keeping LICENSE-NOTE.txt; label meta.json."""
    import json

    target = REPO / "src" / "newsgraph" / "models" / "uk_ner"
    note_path = target / "LICENSE-NOTE.txt"
    note = note_path.read_text(encoding="utf-8") if note_path.exists() else None
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model, target)
    if note:
        note_path.write_text(note, encoding="utf-8")
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    extra = (" and silver spans from the BSNLP Ukrainian topics ec and ryanair" if bsnlp else "")
    meta.update(name="uk_ner", version="0.2.0" if bsnlp else "0.1.0", license="CC BY-NC-SA 4.0",
                description="newsgraph Ukrainian NER (PERSON/ORG/LOC/MISC), trained on NER-UK 2.0 "
                            f"docs/ minus the held-out documents{extra}; training/uk-ner")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"installed {target}")


if __name__ == "__main__":
    raise SystemExit(main())
