"""Score a trained Ukrainian NER pipeline the way `newsgraph eval` does, for comparing candidates:

    .venv/bin/python training/uk-ner/evaluate.py [MODEL ...]     # default: the packaged model

For each model: NER-UK held-out documents (``uk_part`` 'dev', 83 docs) and the early-stopping
'tune' documents, exact-span P/R/F1 per type, both with the backend's corrections (lang/uk.py:
the ensemble of the model with the dictionary rules, what the pipeline outputs) and for the raw
model; and BSNLP uk document-level recognition on the topics the model is not trained on
(``newsgraph.eval.bsnlp`` split 'dev'). Figures go to stdout as JSON lines.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="*", type=Path)
    ap.add_argument("--datasets", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--parts", default="dev,tune")
    ap.add_argument("--no-bsnlp", action="store_true")
    args = ap.parse_args(argv)
    from newsgraph.eval import bsnlp, ner
    from newsgraph.lang.uk import LABEL_MAP, UkrainianBackend

    types = ("PERSON", "ORG", "LOC", "MISC")
    for model in args.models or [None]:
        if model is not None:
            os.environ["NEWSGRAPH_UK_NER"] = str(model)
        t0 = time.time()
        backend = UkrainianBackend()
        for part in args.parts.split(","):
            docs = ner.load_docs(args.datasets, "uk", part)
            fixed, raw = [], []
            for _, text, gold in docs:
                adoc = backend.analyze(text)
                fixed.append((gold, {(s.start, s.end, s.type) for s in adoc.ner if s.type}))
                raw.append((gold, {(e.start_char, e.end_char, LABEL_MAP.get(e.label_))
                                   for e in adoc.native.ents}))
            for kind, pairs in (("corrected", fixed), ("raw", raw)):
                fig = ner.score(pairs, types)
                print(json.dumps({"model": str(model or "packaged"), "set": f"ner-uk {part}",
                                  "docs": len(docs), "kind": kind,
                                  **{t: round(fig[t]["f1"], 4) for t in fig},
                                  "P": round(fig["overall"]["precision"], 4),
                                  "R": round(fig["overall"]["recall"], 4)}), flush=True)
        if not args.no_bsnlp:
            docs = bsnlp.load_docs(args.datasets, "uk", split="dev")
            fig = bsnlp.evaluate(backend, docs)
            print(json.dumps({"model": str(model or "packaged"), "set": "bsnlp uk dev",
                              "docs": fig["docs"], "relaxed": fig["relaxed"],
                              "strict": fig["strict"],
                              "base_form_accuracy": fig["base_form_accuracy"]}), flush=True)
        print(f"# {model or 'packaged'}: {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
