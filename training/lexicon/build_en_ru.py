"""Build newsgraph's English -> Russian word lexicon from the Mueller English-Russian dictionary.

Source: V. K. Mueller, English-Russian Dictionary, 7th edition (1961), electronic edition by
S. Starostin and E. S. Cymbalyuk, GNU GPL 2 or later; Debian package ``mueller7-dict`` (dictd
format). The story clusterer uses the lexicon to compare an English article with Russian and
Ukrainian ones (``newsgraph.kb.lexicon``); see LEXICON-NOTE.txt beside the output.

    apt-get download mueller7-dict        # or: apt-get install mueller7-dict
    .venv/bin/python training/lexicon/build_en_ru.py mueller7-dict_*.deb
    .venv/bin/python training/lexicon/build_en_ru.py /usr/share/dictd/mueller7.dict.dz

What it keeps: for every one-word English headword, the Russian words of the first Latin-free
part of each numbered sense (the translation proper, before the examples), in dictionary order,
at most MAX_WORDS, stop words and words of one or two letters dropped. Transcriptions ([...]),
cross-references ({...}), glosses in parentheses and grammar marks (_n., _pl.) are removed first.
Output: ``src/newsgraph/lang/data/en/lexicon_ru.tsv.gz``, one line "headword<TAB>word word ...",
sorted, gzip with a fixed mtime (the same input gives the same bytes).
"""
from __future__ import annotations

import argparse
import gzip
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MAX_WORDS = 8
OUT = Path(__file__).resolve().parents[2] / "src/newsgraph/lang/data/en/lexicon_ru.tsv.gz"
HEADWORD = re.compile(r"[a-z][a-z'\-]*")
LATIN = re.compile(r"[A-Za-z]")
RU_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
ABBREVIATED = re.compile(r"-[а-яё]{1,2}$")   # "что-л", "кто-н": что-либо, кто-нибудь
SENSE_SPLIT = re.compile(r"(?:\b\d+[\).]|(?<![а-яё])[а-я]\))")


def read_dict(path: Path) -> str:
    """The dictd text of mueller7 from a .deb, a .dict.dz or a plain .dict file."""
    if path.suffix == ".deb":
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["dpkg-deb", "-x", str(path), tmp], check=True)
            found = list(Path(tmp).rglob("mueller7.dict.dz"))
            if not found:
                sys.exit(f"{path}: no mueller7.dict.dz inside")
            return gzip.decompress(found[0].read_bytes()).decode("utf-8")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":   # dictzip is gzip-compatible
        data = gzip.decompress(data)
    return data.decode("utf-8")


def entries(text: str):
    """(headword, body) pairs: a headword starts a line, its body lines are indented."""
    head, body = None, []
    for line in text.split("\n"):
        if line and not line[0].isspace():
            if head is not None:
                yield head, " ".join(body)
            head, body = line.strip(), []
        else:
            body.append(line.strip())
    if head is not None:
        yield head, " ".join(body)


def translations(body: str, stop: frozenset[str]) -> list[str]:
    body = re.sub(r"\[[^\]]*\]", " ", body)
    body = re.sub(r"\{[^}]*\}", " ", body)
    body = re.sub(r"\([^)]*\)", " ", body)
    body = re.sub(r"_[\w\-]+\.", " ", body)
    out: dict[str, None] = {}
    for sense in SENSE_SPLIT.split(body):
        for part in sense.split(";"):
            part = part.strip(" ,.:")
            if not part or LATIN.search(part):
                continue
            for w in RU_WORD.findall(part.casefold()):
                if len(w) > 2 and w not in stop and not ABBREVIATED.search(w):
                    out[w] = None
            break     # the first Latin-free part of a sense: the translation, not an example
    return list(out)[:MAX_WORDS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="mueller7-dict .deb, mueller7.dict.dz or .dict")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    from spacy.lang.ru.stop_words import STOP_WORDS

    stop = frozenset(STOP_WORDS)
    lexicon: dict[str, list[str]] = {}
    for head, body in entries(read_dict(args.source)):
        if not HEADWORD.fullmatch(head) or head.startswith("00"):
            continue
        words = translations(body, stop)
        if words:
            merged = dict.fromkeys(lexicon.get(head, []) + words)
            lexicon[head] = list(merged)[:MAX_WORDS]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        for head in sorted(lexicon):
            gz.write(f"{head}\t{' '.join(lexicon[head])}\n".encode("utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buf.getvalue())
    print(f"{len(lexicon)} headwords -> {args.out} ({len(buf.getvalue()) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
