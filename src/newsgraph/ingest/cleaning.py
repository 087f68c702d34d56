"""Scraped page text -> title + body, and the page furniture in it. Patterns: data/cleaning.yml.

Furniture is what a page puts around an article: photo captions and credits, bylines, "read
more" / related links, share and subscribe teasers, language switchers. Each piece found is
listed as ``{kind, text, start, end}``. The scraped-text cleaning (``clean``) removes the kinds
marked ``drop`` from the body, as it always did, and lists them with ``start``/``end`` None;
whatever stays in a text (kinds kept, and all of an --as-is, HTML or API text) is listed with
its character offsets into that text (``find_furniture``), so every other offset stays valid.
Events, the main event and event times skip the listed spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

# A line longer than this is body text, whatever it starts with, unless its kind sets its own
# `max_chars` (a run of related-story headlines is long).
LINE_MAX_CHARS = 300
# A caption closed by a credit is at most this many words; a longer run is body text and only
# the credit itself is furniture.
CAPTION_MAX_WORDS = 60
# Where a sentence ends: a stop, maybe a closing quote or bracket, space, then a capital.
_SENTENCE_END = re.compile(r"[.!?][\"”’')]?\s+(?=[\"“‘(]?[A-ZА-ЯІЇЄҐЁ])")
# Precedence when two spans of different kinds overlap: the merged span takes the first listed.
_PRECEDENCE = ("caption", "credit", "byline", "related", "teaser", "switcher")


@dataclass
class FurnitureKind:
    name: str
    drop: bool
    line: list[re.Pattern] = field(default_factory=list)
    inline: list[re.Pattern] = field(default_factory=list)
    caption_credit: list[re.Pattern] = field(default_factory=list)
    max_chars: int = LINE_MAX_CHARS


@dataclass
class CleaningRules:
    kinds: list[FurnitureKind]
    title_max_chars: int
    title_min_words: int

    @classmethod
    def load(cls) -> "CleaningRules":
        raw = yaml.safe_load(
            (resources.files("newsgraph.ingest") / "data" / "cleaning.yml").read_text("utf-8"))

        def comp(entry) -> list[re.Pattern]:
            # a plain list, or one list per language ({en: [...], uk: [...], ru: [...]})
            if isinstance(entry, dict):
                entry = [p for lang in entry.values() for p in (lang or [])]
            return [re.compile(p, re.IGNORECASE) for p in entry or []]

        kinds = [FurnitureKind(name, bool(spec.get("drop")), comp(spec.get("line")),
                               comp(spec.get("inline")), comp(spec.get("caption_credit")),
                               int(spec.get("max_chars") or LINE_MAX_CHARS))
                 for name, spec in raw.items() if name != "title"]
        return cls(kinds, raw["title"]["max_chars"], raw["title"]["min_words"])

    def line_kind(self, line: str) -> FurnitureKind | None:
        """The kind of furniture a whole (stripped) line is, or None."""
        return next((k for k in self.kinds if len(line) <= k.max_chars
                     and any(p.search(line) for p in k.line)), None)


@dataclass
class Cleaned:
    title: str | None
    body: str
    removed: list[str]
    furniture: list[dict[str, Any]] = field(default_factory=list)


def _looks_like_title(line: str, rules: CleaningRules) -> bool:
    return (len(line) <= rules.title_max_chars and len(line.split()) >= rules.title_min_words
            and not line.rstrip().endswith((".", ":", ";", ",")))


def clean(text: str, rules: CleaningRules, title: str | None = None) -> Cleaned:
    """Drop switchers, captions, credits, related links and teasers; find the title (given or
    the first short line); list the furniture (dropped lines without offsets, the rest with
    offsets into the body).

    A line that repeats the title, alone or followed by a caption ("Title Photo: ..."), is dropped.
    Paragraphs are joined with a blank line so the body reads as the article did.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    removed: list[str] = []
    dropped: list[dict[str, Any]] = []
    body: list[str] = []
    for line in lines:
        if not line:
            continue
        kind = rules.line_kind(line)
        if kind is not None and kind.drop:
            removed.append(line)
            dropped.append({"kind": kind.name, "text": line, "start": None, "end": None})
            continue
        if title is None and not body and _looks_like_title(line, rules):
            title = line
            continue
        if title and line.startswith(title):
            rest = line[len(title):].strip()
            rest_kind = rules.line_kind(rest) if rest else None
            if not rest or (rest_kind is not None and rest_kind.name in ("caption", "credit")):
                removed.append(line)
                if rest_kind is not None:
                    dropped.append({"kind": rest_kind.name, "text": rest, "start": None,
                                    "end": None})
                continue
        body.append(line)
    joined = "\n\n".join(body)
    return Cleaned(title=title, body=joined, removed=removed,
                   furniture=dropped + find_furniture(joined, rules))


def find_furniture(text: str, rules: CleaningRules) -> list[dict[str, Any]]:
    """Furniture spans in `text`: {kind, text, start, end}, offsets into `text`, in text order,
    overlapping spans merged."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            kind = rules.line_kind(stripped)
            if kind is not None:
                a = pos + (len(raw) - len(raw.lstrip()))
                spans.append((a, a + len(stripped), kind.name))
        pos += len(raw) + 1
    for kind in rules.kinds:
        for pat in kind.inline:
            spans.extend((m.start(), m.end(), kind.name) for m in pat.finditer(text)
                         if m.end() > m.start())
        for pat in kind.caption_credit:
            for m in pat.finditer(text):
                spans.append((_caption_start(text, m.start()), m.end(), kind.name))
    spans.sort()
    merged: list[list[Any]] = []
    for a, b, kind in spans:
        if merged and a < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], b)
            if _rank(kind) < _rank(last[2]):
                last[2] = kind
            continue
        merged.append([a, b, kind])
    return [{"kind": k, "text": text[a:b], "start": a, "end": b} for a, b, k in merged]


def _rank(kind: str) -> int:
    return _PRECEDENCE.index(kind) if kind in _PRECEDENCE else len(_PRECEDENCE)


def _caption_start(text: str, credit_start: int) -> int:
    """Where the caption closed by a credit at credit_start begins: the previous sentence end
    or line start; the credit alone when that is over CAPTION_MAX_WORDS words back."""
    line_start = max(text.rfind("\n", 0, credit_start) + 1, credit_start - 1500)
    before = text[line_start:credit_start].rstrip()
    before = before.rstrip(".!?")
    start = line_start
    for m in _SENTENCE_END.finditer(before):
        start = line_start + m.end()
    if len(text[start:credit_start].split()) > CAPTION_MAX_WORDS:
        return credit_start
    return start
