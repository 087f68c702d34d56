"""Pair precision/recall of cross-lingual actor keys on src/newsgraph/eval/data/actors_xling.jsonl.

Each line is a group of names that should get one key ("same") or two names that must not
("different"), in a "tune" or a held-out "check" part. A pair "meets" when KeyMaker().key agrees.
recall = same pairs that meet / same pairs; precision = same pairs that meet / all pairs that meet
(same + different). Run against any checkout to compare before/after:

    PYTHONPATH=src python benchmarks/xling_keys.py [--part tune|check|all] [--misses]
"""
from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from newsgraph.extract.keys import KeyMaker

DATA = Path(__file__).resolve().parents[1] / "src/newsgraph/eval/data/actors_xling.jsonl"


def score(rows, maker):
    met_same = same = met_diff = diff = 0
    misses, merges = [], []
    for row in rows:
        for a, b in itertools.combinations(row["names"], 2):
            ka, kb = maker.key(a), maker.key(b)
            if row["kind"] == "same":
                same += 1
                met_same += ka == kb
                if ka != kb:
                    misses.append((a, ka, b, kb))
            else:
                diff += 1
                met_diff += ka == kb
                if ka == kb:
                    merges.append((a, b, ka))
    met = met_same + met_diff
    return {"same_pairs": same, "met": met_same, "different_pairs": diff, "false_merges": met_diff,
            "recall": met_same / same if same else 0.0,
            "precision": met_same / met if met else 1.0, "misses": misses, "merges": merges}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="tune", choices=("tune", "check", "all"))
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    maker = KeyMaker()
    parts = ("tune", "check") if args.part == "all" else (args.part,)
    for part in parts:
        s = score([r for r in rows if r["part"] == part], maker)
        print(f"{part}: same pairs {s['met']}/{s['same_pairs']} met (recall {s['recall']:.3f}), "
              f"false merges {s['false_merges']}/{s['different_pairs']} "
              f"(precision {s['precision']:.3f})")
        if args.misses:
            for m in s["misses"]:
                print("  miss  %s -> %s | %s -> %s" % m)
            for m in s["merges"]:
                print("  MERGE %s | %s -> %s" % m)


if __name__ == "__main__":
    main()
