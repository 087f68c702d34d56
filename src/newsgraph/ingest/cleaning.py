"""Scraped page text -> title + body. The patterns live in data/cleaning.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass
class CleaningRules:
    switcher: list[re.Pattern]
    caption: list[re.Pattern]
    furniture: list[re.Pattern]
    title_max_chars: int
    title_min_words: int

    @classmethod
    def load(cls) -> "CleaningRules":
        raw = yaml.safe_load(
            (resources.files("newsgraph.ingest") / "data" / "cleaning.yml").read_text("utf-8"))

        def comp(key):
            return [re.compile(p, re.IGNORECASE) for p in raw.get(key, [])]

        return cls(comp("switcher"), comp("caption"), comp("furniture"),
                   raw["title"]["max_chars"], raw["title"]["min_words"])


@dataclass
class Cleaned:
    title: str | None
    body: str
    removed: list[str]


def _matches(patterns: list[re.Pattern], line: str) -> bool:
    return any(p.search(line) for p in patterns)


def _looks_like_title(line: str, rules: CleaningRules) -> bool:
    return (len(line) <= rules.title_max_chars and len(line.split()) >= rules.title_min_words
            and not line.rstrip().endswith((".", ":", ";", ",")))


def clean(text: str, rules: CleaningRules, title: str | None = None) -> Cleaned:
    """Drop switchers, captions and furniture; find the title (given or the first short line).

    A line that repeats the title, alone or followed by a caption ("Title Photo: ..."), is dropped.
    Paragraphs are joined with a blank line so the body reads as the article did.
    """
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    removed: list[str] = []
    body: list[str] = []
    for line in lines:
        if not line:
            continue
        if _matches(rules.switcher, line) or _matches(rules.caption, line) \
                or _matches(rules.furniture, line):
            removed.append(line)
            continue
        if title is None and not body and _looks_like_title(line, rules):
            title = line
            continue
        if title and line.startswith(title):
            rest = line[len(title):].strip()
            if not rest or _matches(rules.caption, rest):
                removed.append(line)
                continue
        body.append(line)
    return Cleaned(title=title, body="\n\n".join(body), removed=removed)
