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


def dumps(record: dict[str, Any], indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


def loads(text: str) -> dict[str, Any]:
    return json.loads(text)
