"""What every ingest module returns: the article text with its metadata, and failures."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from datetime import date

_SURROGATE = re.compile("[\ud800-\udfff]")
_BYTE_ESCAPE = re.compile(r"\\x([0-9a-f]{2})")


@dataclass
class Article:
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str | None = None
    path: str | None = None
    author: str | None = None
    removed: list[str] = field(default_factory=list)   # furniture lines cleaning dropped
    # captions, credits, bylines, related links, teasers: {kind, text, start, end} (offsets into
    # text; None for lines cleaning dropped); None when not looked for yet (the pipeline does)
    furniture: list[dict] | None = None


@dataclass
class IngestError(Exception):
    """A user-facing failure for one input: one line, no traceback."""

    path: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.path or '<input>'}: {self.reason}"


def safe_text(value: str) -> str:
    """Text every later layer can hold, of the same length (offsets stay right): a NUL becomes a
    space (PostgreSQL text cannot hold it) and a lone surrogate (from a JSON escape or an
    undecodable file name) becomes U+FFFD (it cannot be written as UTF-8)."""
    if "\x00" in value:
        value = value.replace("\x00", " ")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return value


def sanitized(article: Article) -> Article:
    """The article with every text field made safe (safe_text), in place."""
    for f in fields(article):
        value = getattr(article, f.name)
        if isinstance(value, str):
            setattr(article, f.name, safe_text(value))
        elif f.name == "removed":
            article.removed = [safe_text(v) for v in value]
        elif f.name == "furniture" and value:
            article.furniture = [{**v, "text": safe_text(v["text"])} for v in value]
    return article


def display_path(path: str) -> str:
    """A path as text that can be printed and stored: a file name that is not valid UTF-8
    (bytes Python carries as surrogates) shows its bytes as \\xNN escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def real_path(shown: str) -> str:
    """The file behind a display_path (for --retry-failed): the \\xNN escapes as bytes."""
    if "\\x" not in shown or os.path.exists(shown):
        return shown
    parts = _BYTE_ESCAPE.split(shown)
    raw = b"".join(bytes([int(p, 16)]) if n % 2 else p.encode("utf-8") for n, p in enumerate(parts))
    candidate = os.fsdecode(raw)
    return candidate if os.path.exists(candidate) else shown
