"""What to follow: URLs from the command line and a YAML sources file, as Source objects.

    sources:
      - url: https://www.example.org/rss.xml      # a feed, a sitemap or a site's homepage
        language: en                              # optional: analyse as this language
        outlet: Example News                      # optional: the outlet name stored
        interval: 15m                             # optional: how often to poll (s, m, h)
        kind: feed                                # optional: feed | sitemap | homepage

A plain list of such entries (or of bare URL strings) is accepted too. Every mistake is one line
naming the file and the entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .urls import normalize

KINDS = ("auto", "feed", "sitemap", "homepage")
LANGUAGES = ("en", "uk", "ru")
DEFAULT_INTERVAL = 900.0          # seconds between polls of one source
MIN_INTERVAL = 1.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
_UNITS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
_KEYS = {"url", "language", "outlet", "interval", "kind", "name"}


class SourceError(ValueError):
    """A mistake in the sources given: one line for the user."""


@dataclass(frozen=True)
class Source:
    url: str                         # normalised
    language: str | None = None
    outlet: str | None = None
    interval: float = DEFAULT_INTERVAL
    kind: str = "auto"
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.outlet or self.url


def parse_interval(value: Any, where: str) -> float:
    if isinstance(value, bool):
        raise SourceError(f"{where}: interval must be seconds or a duration like 15m, not {value!r}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise SourceError(f"{where}: interval must be seconds or a duration like 15m, "
                              f"not {value!r}")
        seconds = float(m.group(1)) * _UNITS[(m.group(2) or "").lower() or None]
    if seconds < MIN_INTERVAL:
        raise SourceError(f"{where}: interval must be at least {MIN_INTERVAL:g} s")
    return seconds


def make_source(entry: Any, where: str, *, language: str | None = None,
                interval: float | None = None) -> Source:
    """One Source from a sources-file entry (a mapping or a URL string)."""
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict):
        raise SourceError(f"{where}: expected a mapping with 'url' (or a URL), got "
                          f"{type(entry).__name__}")
    unknown = sorted(str(k) for k in entry if k not in _KEYS)
    if unknown:
        raise SourceError(f"{where}: unknown key(s) {', '.join(unknown)} "
                          f"(known: {', '.join(sorted(_KEYS))})")
    url = entry.get("url")
    if not isinstance(url, str) or not url.strip():
        raise SourceError(f"{where}: 'url' is missing")
    try:
        url = normalize(url)
    except ValueError as exc:
        raise SourceError(f"{where}: {exc}") from None
    lang = entry.get("language", language)
    if lang is not None and lang not in LANGUAGES:
        raise SourceError(f"{where}: language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    kind = entry.get("kind", "auto")
    if kind not in KINDS:
        raise SourceError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for key in ("outlet", "name"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise SourceError(f"{where}: {key} must be text")
    if "interval" in entry:
        seconds = parse_interval(entry["interval"], where)
    else:
        seconds = interval if interval is not None else DEFAULT_INTERVAL
    return Source(url=url, language=lang, outlet=entry.get("outlet"), interval=seconds,
                  kind=kind, name=entry.get("name"))


def load_sources(path: str | Path | None = None, urls: list[str] = (), *,
                 language: str | None = None, interval: float | None = None) -> list[Source]:
    """Sources from a YAML file and/or URLs; one per normalised URL (the first wins)."""
    found: list[Source] = []
    if path is not None:
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SourceError(f"{path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise SourceError(f"{path}: not UTF-8 text") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (line {mark.line + 1})" if mark is not None else ""
            raise SourceError(f"{path}: not valid YAML{line}") from None
        if isinstance(data, dict):
            unknown = sorted(str(k) for k in data if k != "sources")
            if unknown:
                raise SourceError(f"{path}: unknown top-level key(s) {', '.join(unknown)} "
                                  "(expected 'sources')")
            data = data.get("sources")
        if not isinstance(data, list) or not data:
            raise SourceError(f"{path}: expected a list of sources (under 'sources:')")
        for n, entry in enumerate(data, 1):
            found.append(make_source(entry, f"{path}: source {n}", language=language,
                                     interval=interval))
    for url in urls:
        found.append(make_source(url, f"{url[:200]}", language=language, interval=interval))
    if not found:
        raise SourceError("no sources: give URL(s) or --sources FILE")
    unique: dict[str, Source] = {}
    for src in found:
        unique.setdefault(src.url, src)
    return list(unique.values())
