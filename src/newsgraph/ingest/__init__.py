"""Ingest: paths, folders and standard input -> Article objects (or one-line IngestErrors).

One module per input kind: text.py (scraped text), html.py (trafilatura), newsplease.py
(JSON/JSONL), encoding.py (bytes -> str), cleaning.py (+ data/cleaning.yml), language.py.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .article import Article, IngestError, display_path, real_path, sanitized
from .cleaning import CleaningRules
from .encoding import decode
from .html import parse_html
from .newsplease import parse_json, parse_jsonl
from .text import parse_text

__all__ = ["Article", "IngestError", "Reader", "INPUT_SUFFIXES"]

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
DEFAULT_MAX_BYTES = 5_000_000


class Reader:
    """Turns inputs into Articles. Never raises for one bad input: yields an IngestError."""

    def __init__(self, *, as_is: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.as_is = as_is
        self.max_bytes = max_bytes
        self.rules = CleaningRules.load()

    # -- expanding paths -----------------------------------------------------------------------
    def expand(self, paths: Iterable[str]) -> Iterator[str | IngestError]:
        for p in paths:
            if p == "-":
                yield p
                continue
            p = real_path(p)      # a name shown with \xNN escapes (a failure retried)
            path = Path(p)
            if path.is_dir():
                found = sorted(
                    str(f) for f in path.rglob("*")
                    if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(path).parts))
                if not found:
                    yield IngestError(display_path(p), "folder has no .txt/.html/.json/.jsonl files")
                yield from found
            elif not path.exists():
                yield IngestError(display_path(p), "no such file or folder")
            else:
                yield p

    def read(self, paths: Iterable[str]) -> Iterator[Article | IngestError]:
        for p in self.expand(paths):
            if isinstance(p, IngestError):
                yield p
            else:
                yield from self.read_one(p)

    # -- one input -------------------------------------------------------------------------------
    def read_one(self, p: str) -> Iterator[Article | IngestError]:
        """The article(s) in one input; every text field safe to print and store, the path as
        display_path shows it."""
        for item in self._read_one(p):
            yield sanitized(item) if isinstance(item, Article) else item

    def _read_one(self, p: str) -> Iterator[Article | IngestError]:
        shown = display_path(p)
        try:
            raw = self._read_bytes(p)
            text = decode(raw, shown)
            suffix = "" if p == "-" else Path(p).suffix.lower()
            path = None if p == "-" else shown
            if suffix == ".jsonl" or (p == "-" and _looks_like_jsonl(text)):
                yield from parse_jsonl(text, rules=self.rules, as_is=self.as_is, path=path)
                return
            if suffix == ".json" or (p == "-" and text.lstrip().startswith("{")):
                yield parse_json(text, rules=self.rules, as_is=self.as_is, path=path)
                return
            if suffix in (".html", ".htm") or (p == "-" and _looks_like_html(text)):
                yield parse_html(text, path=path, rules=self.rules)
                return
            yield self.from_text(text, path=path)
        except IngestError as err:
            yield err
        except OSError as exc:
            yield IngestError(shown, exc.strerror or str(exc))

    def from_text(self, text: str, **meta) -> Article:
        if not text.strip():
            raise IngestError(meta.get("path"), "empty input")
        return sanitized(parse_text(text, rules=self.rules, as_is=self.as_is, **meta))

    def _read_bytes(self, p: str) -> bytes:
        if p == "-":
            if sys.stdin is None:
                raise IngestError("-", "standard input is closed")
            raw = sys.stdin.buffer.read(self.max_bytes + 1)
        else:
            size = os.path.getsize(p)
            if size > self.max_bytes:
                raise IngestError(p, f"file is {size / 1e6:.1f} MB, over the "
                                     f"{self.max_bytes / 1e6:g} MB limit (--max-size)")
            with open(p, "rb") as fh:
                raw = fh.read()
        if len(raw) > self.max_bytes:
            raise IngestError(p, f"input is over the {self.max_bytes / 1e6:g} MB limit (--max-size)")
        return raw


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3])
