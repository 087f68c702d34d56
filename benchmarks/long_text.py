"""Long texts: analysis time and memory against text length (issue #17).

    python benchmarks/long_text.py [--language en|uk|ru] [--sizes 25,100,200,500,1000,2000,5000]
                                   [--max-kb N] [--json]

For each size (in KB of characters) a fresh process loads the pipeline, analyses one short
article (so that models and word lists are loaded before the clock starts), then analyses one
text of that many characters built by concatenating real news articles (paragraphs kept, an
article repeated only after all the others): English from ../shared/datasets (PolNeAR,
news-cluster), Ukrainian from NER-UK, Russian from NEREL; without ../shared, samples/ and the
seed example. It prints seconds, characters per second, the process's peak RSS, the RSS the long
text added over the loaded pipeline, and time and memory per character relative to the smallest
size: near 1.0 all the way down the column means linear.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
SOURCES = {   # language -> (archive, member filter)
    "en": [("polnear.tar.gz", lambda n: "/text/" in n and n.endswith(".txt")),
           ("news-cluster.tar.gz", lambda n: n.endswith(".json"))],
    "uk": [("ner-uk.tar.gz", lambda n: "/docs/" in n and n.endswith(".txt"))],
    "ru": [("nerel.tar.gz", lambda n: n.endswith(".txt"))],
}
WARM_UP = {"en": "The mayor of Lviv, Andriy Sadovyi, said on Monday that two shelters would open.",
           "uk": "Мер Львова Андрій Садовий заявив у понеділок, що відкриють два укриття.",
           "ru": "Мэр Львова Андрей Садовый заявил в понедельник, что откроют два убежища."}


def articles(language: str) -> list[str]:
    texts: list[str] = []
    for name, wanted in SOURCES[language]:
        archive = DATASETS / name
        if not archive.is_file():
            continue
        with tarfile.open(archive) as tar:
            for member in tar:
                if not (member.isfile() and wanted(member.name)):
                    continue
                raw = tar.extractfile(member).read().decode("utf-8", "replace")
                if member.name.endswith(".json"):
                    obj = json.loads(raw)
                    raw = "\n\n".join(str(obj.get(k) or "") for k in ("title", "description", "text"))
                if raw.strip():
                    texts.append(raw.strip())
    if not texts:
        texts = [p.read_text("utf-8") for p in sorted((ROOT / "samples" / language).glob("*.txt"))]
        seed = ROOT.parent / "shared" / "examples" / "assad-exiles-reuters.en.txt"
        if language == "en" and seed.is_file():
            texts.append(seed.read_text("utf-8"))
    if not texts:
        sys.exit(f"no {language} articles found (../shared/datasets or samples/)")
    return texts


def build_text(language: str, chars: int) -> str:
    parts, size, n = [], 0, 0
    pool = articles(language)
    while size < chars:
        piece = pool[n % len(pool)] + "\n\n"
        parts.append(piece)
        size += len(piece)
        n += 1
    return "".join(parts)[:chars]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss       # kilobytes on Linux
    return kb / 1024


def one(language: str, chars: int) -> dict:
    """Runs in its own process: peak RSS is per size."""
    from newsgraph.ingest import Article
    from newsgraph.pipeline import Pipeline

    text = build_text(language, chars)
    pipe = Pipeline(time_budget=0)
    warm = next(pipe.analyze_articles([Article(text=WARM_UP[language])]))
    assert "error" not in warm, warm
    base = rss_mb()
    t0 = time.perf_counter()
    rec = next(pipe.analyze_articles([Article(text=text, path=f"{chars}-chars")]))
    seconds = time.perf_counter() - t0
    return {"chars": len(text), "seconds": round(seconds, 2), "error": rec.get("error"),
            "language": rec.get("language"), "entities": len(rec.get("entities") or []),
            "events": len(rec.get("events") or []), "claims": len(rec.get("claims") or []),
            "rss_loaded_mb": round(base, 1), "peak_rss_mb": round(peak_mb(), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--language", choices=sorted(SOURCES), default="en")
    ap.add_argument("--sizes", default="25,100,200,500,1000,2000,5000",
                    help="text sizes in KB (1 KB = 1000 characters)")
    ap.add_argument("--max-kb", type=float, default=None, help="skip sizes above this")
    ap.add_argument("--json", action="store_true", help="one JSON object per size instead")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.language, args.one)))
        return
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    if args.max_kb is not None:
        sizes = [s for s in sizes if s <= args.max_kb]
    if not args.json:
        print(f"{args.language}: one text per size, analysed after the pipeline is loaded")
        print(f"{'KB':>6} {'seconds':>8} {'chars/s':>8} {'peak RSS MB':>11} {'+RSS MB':>8} "
              f"{'time/char':>9} {'mem/char':>8} {'entities':>8}  error")
    first = None
    for kb in sizes:
        proc = subprocess.run([sys.executable, __file__, "--language", args.language,
                               "--one", str(int(kb * 1000))], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{kb:>6g} failed: {proc.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        added = row["peak_rss_mb"] - row["rss_loaded_mb"]
        per_char = row["seconds"] / row["chars"]
        mem_char = max(added, 1.0) / row["chars"]
        if first is None:
            first = (per_char, mem_char)
        row["time_per_char_rel"] = round(per_char / first[0], 2)
        row["mem_per_char_rel"] = round(mem_char / first[1], 2)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(f"{kb:>6g} {row['seconds']:>8.1f} {row['chars'] / row['seconds']:>8.0f} "
                  f"{row['peak_rss_mb']:>11.0f} {added:>8.0f} {row['time_per_char_rel']:>9.2f} "
                  f"{row['mem_per_char_rel']:>8.2f} {row['entities']:>8}  {row['error'] or ''}",
                  flush=True)


if __name__ == "__main__":
    main()
