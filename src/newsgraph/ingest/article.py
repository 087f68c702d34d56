"""What every ingest module returns: the article text with its metadata, and failures."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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


@dataclass
class IngestError(Exception):
    """A user-facing failure for one input: one line, no traceback."""

    path: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.path or '<input>'}: {self.reason}"
