"""Build newsgraph's English -> Ukrainian word lexicon by composing the English -> Russian one
(build_en_ru.py) with Apertium's Russian -> Ukrainian dictionary.

Source: apertium-rus-ukr (Apertium translation data for the Russian-Ukrainian pair, GPL-2.0 or
later; Debian package ``apertium-rus-ukr``), run with ``lt-proc`` from lttoolbox (Debian packages
``lttoolbox`` and ``liblttoolbox3``). Every Russian word of lexicon_ru.tsv.gz is analysed by the
pair's Russian morphological analyser and its lemma translated by the bilingual dictionary; an
English headword gets the Ukrainian translations of its Russian words, in their order (Russian
words Apertium does not know are left out: the Russian lexicon has them).

    apt-get download apertium-rus-ukr lttoolbox liblttoolbox3
    .venv/bin/python training/lexicon/build_en_uk.py apertium-rus-ukr_*.deb lttoolbox_*.deb liblttoolbox3_*.deb
    # or, with the packages installed:
    .venv/bin/python training/lexicon/build_en_uk.py /usr/share/apertium/apertium-rus-ukr

Output: ``src/newsgraph/lang/data/en/lexicon_uk.tsv.gz`` ("headword<TAB>word word ..."), sorted,
gzip with a fixed time stamp.
"""
from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MAX_WORDS = 8
DATA = Path(__file__).resolve().parents[2] / "src/newsgraph/lang/data/en"
UNIT = re.compile(r"\^([^$]*)\$")
TAGS = re.compile(r"<[^>]*>")


def locate(sources: list[Path], tmp: Path) -> tuple[Path, Path, dict[str, str]]:
    """(apertium data folder, lt-proc, environment) from .deb files and/or installed folders."""
    data = lt_proc = None
    env = dict(os.environ)
    for src in sources:
        if src.suffix == ".deb":
            subprocess.run(["dpkg-deb", "-x", str(src), str(tmp)], check=True)
        elif src.is_dir():
            data = src
    for found in tmp.rglob("rus-ukr.automorf.bin"):
        data = found.parent
    for found in tmp.rglob("lt-proc"):
        lt_proc = found
    libs = sorted({str(p.parent) for p in tmp.rglob("liblttoolbox*.so*")})
    if libs:
        env["LD_LIBRARY_PATH"] = ":".join(libs + [env.get("LD_LIBRARY_PATH", "")]).rstrip(":")
    lt_proc = lt_proc or (Path(shutil.which("lt-proc")) if shutil.which("lt-proc") else None)
    if data is None or not (data / "rus-ukr.autobil.bin").is_file():
        sys.exit("no apertium-rus-ukr data (rus-ukr.automorf.bin, rus-ukr.autobil.bin) given")
    if lt_proc is None:
        sys.exit("no lt-proc: give the lttoolbox and liblttoolbox3 .deb files, or install lttoolbox")
    return data, lt_proc, env


def run(lt_proc: Path, args: list[str], lines: list[str], env: dict[str, str]) -> list[str]:
    out = subprocess.run([str(lt_proc), *args], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, env=env, check=True).stdout
    return UNIT.findall(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="+", type=Path,
                    help=".deb files of apertium-rus-ukr, lttoolbox, liblttoolbox3, or the "
                         "installed apertium-rus-ukr folder")
    ap.add_argument("--ru", type=Path, default=DATA / "lexicon_ru.tsv.gz")
    ap.add_argument("--out", type=Path, default=DATA / "lexicon_uk.tsv.gz")
    args = ap.parse_args(argv)

    en_ru: dict[str, list[str]] = {}
    with gzip.open(args.ru, "rt", encoding="utf-8") as f:
        for line in f:
            head, _, words = line.rstrip("\n").partition("\t")
            en_ru[head] = words.split()
    ru_words = sorted({w for ws in en_ru.values() for w in ws})
    with tempfile.TemporaryDirectory() as tmp:
        data, lt_proc, env = locate(args.sources, Path(tmp))
        analyses: dict[str, list[str]] = {}
        for unit in run(lt_proc, [str(data / "rus-ukr.automorf.bin")], ru_words, env):
            surface, *readings = unit.split("/")
            analyses[surface] = [r for r in readings if not r.startswith("*")]
        forms = sorted({r for rs in analyses.values() for r in rs})
        translated: dict[str, list[str]] = {}
        for unit in run(lt_proc, ["-b", str(data / "rus-ukr.autobil.bin")], [f"^{f}$" for f in forms], env):
            source, *targets = unit.split("/")
            words = [TAGS.sub("", t).replace("#", " ").split()[0] for t in targets
                     if t and not t.startswith("@") and TAGS.sub("", t).strip()]
            if words:
                translated[source] = words
    ru_uk: dict[str, list[str]] = {}
    for word, readings in analyses.items():
        out = dict.fromkeys(t for r in readings for t in translated.get(r, ()))
        if out:
            ru_uk[word] = list(out)
    lexicon = {}
    for head, words in en_ru.items():
        uk = list(dict.fromkeys(t.casefold() for w in words for t in ru_uk.get(w, ())))[:MAX_WORDS]
        if uk:
            lexicon[head] = uk
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        for head in sorted(lexicon):
            gz.write(f"{head}\t{' '.join(lexicon[head])}\n".encode("utf-8"))
    args.out.write_bytes(buf.getvalue())
    print(f"{len(ru_uk)} of {len(ru_words)} Russian words translated; {len(lexicon)} headwords -> "
          f"{args.out} ({len(buf.getvalue()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
