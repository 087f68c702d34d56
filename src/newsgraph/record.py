"""The record: assembly, ids, JSON (de)serialisation and validation against the JSON Schema.

Records are plain JSON-native dicts so they serialise losslessly across processes and machines
(local workers, Ray) and into the knowledge base. schema/record.schema.json is the definition.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

# "2": claims gained status "retracted" and the fields contested, responds_to, channel and quote
# (README "The record"). Version "1" records stay readable: every field they have kept its meaning.
SCHEMA_VERSION = "2"
RECORD_KEYS = ("entities", "relations", "quantities", "times", "claims", "events", "sourcing")


def article_id(text: str) -> str:
    """Stable id: hash of the NFC-normalised, whitespace-collapsed, case-folded text."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def empty_sourcing() -> dict[str, Any]:
    return {"named_sources": 0, "anonymous_sources": 0, "primary_sources": [],
            "no_response": [], "unreachable": [], "independent_confirmations": 0}


def build_record(article, language: str, text: str, parts: dict[str, Any],
                 published=None) -> dict[str, Any]:
    """The record of one analysed article; `published` (a date) is the date the analysis used,
    the article's own or the one given for articles without one."""
    published = published or article.published
    rec: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": article_id(text),
        "path": article.path,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": published.isoformat() if published else None,
        "language": language,
        "text": text,
    }
    for key in RECORD_KEYS:
        rec[key] = parts.get(key, empty_sourcing() if key == "sourcing" else [])
    rec["furniture"] = parts.get("furniture") or []
    return rec


def event_participants(ev: dict[str, Any], role: str, names: dict[str, str],
                       max_chars: int = 60) -> list[str]:
    """Who an event's agents (role "agent") or patients ("patient") are, for people to read: the
    entities' names, or, when the argument is no entity ("Supporters of former Syrian President
    Bashar al-Assad", "the new government"), its phrase in quotes, clipped to max_chars."""
    ids = ev.get("agents" if role == "agent" else "patients") or []
    found = [names[i] for i in ids if i in names]
    if found:
        return found
    out = []
    for arg in ev.get("arguments") or []:
        text = " ".join((arg.get("text") or "").split())
        if arg.get("role") == role and not arg.get("entity") and text:
            clipped = text if len(text) <= max_chars else text[:max_chars - 1].rstrip() + "…"
            if f"“{clipped}”" not in out:
                out.append(f"“{clipped}”")
    return out


def error_record(path: str | None, reason: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "path": path, "error": reason}


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads((resources.files("newsgraph") / "schema" / "record.schema.json")
                      .read_text("utf-8"))


def validate(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when the record breaks the contract."""
    import jsonschema

    jsonschema.validate(record, load_schema())


class KeptJSON(dict):
    """A record read from its JSON form that keeps that text, so writing it again (the
    knowledge base, the CLI's output after Ray's transport) does not serialise it a second
    time. Setting or removing a top-level key drops the kept text; the record's nested lists
    are not watched, so whoever changes them in place must work on a plain copy (dict(rec))."""

    __slots__ = ("json_text",)

    def __init__(self, data: dict[str, Any], text: str) -> None:
        super().__init__(data)
        self.json_text: str | None = text

    def _changed(self) -> None:
        self.json_text = None

    def __setitem__(self, key, value) -> None:
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self._changed()
        super().__delitem__(key)

    def __ior__(self, other):
        self._changed()
        return super().__ior__(other)

    def update(self, *args, **kwargs) -> None:
        self._changed()
        super().update(*args, **kwargs)

    def pop(self, *args):
        self._changed()
        return super().pop(*args)

    def popitem(self):
        self._changed()
        return super().popitem()

    def setdefault(self, key, default=None):
        if key not in self:
            self._changed()
        return super().setdefault(key, default)

    def clear(self) -> None:
        self._changed()
        super().clear()


def dumps(record: dict[str, Any] | list[dict[str, Any]], indent: int | None = None) -> str:
    """The one JSON form of a record (or a list of records), used wherever a record is written:
    the CLI's output, Ray's transport, the knowledge base's `articles.record`, the web API.
    Lossless for the JSON-native dicts records are (``loads(dumps(r)) == r``); text stays as
    written (ensure_ascii=False), keys in the record's own order. A record read with
    ``loads(text, keep=True)`` and not changed since is not serialised again."""
    if indent is None and isinstance(record, KeptJSON) and record.json_text is not None:
        return record.json_text
    return json.dumps(record, ensure_ascii=False, indent=indent)


def loads(text: str | bytes, keep: bool = False) -> dict[str, Any]:
    """A record from its JSON form (dumps). `keep`: the record keeps `text` (KeptJSON), for a
    caller that passes it on to be written again (Ray's results on their way to the knowledge
    base or the CLI's output)."""
    data = json.loads(text)
    if keep and isinstance(data, dict):
        return KeptJSON(data, text if isinstance(text, str) else text.decode("utf-8"))
    return data
