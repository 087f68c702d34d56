"""Which cross-article actor each entity of a record is.

An actor is keyed by the entity's cross-lingual `key` (added by the KeyExtractor: transliterated,
normalised), so "Bashar al-Assad" in English and "Башар Асад" in Russian meet under one key; a
record without keys falls back to the casefolded, whitespace-normalised name.

Different people share surnames (Bashar and Maher al-Assad), so a bare surname is never matched
across articles. A one-word PERSON entity ("Assad") is resolved inside its own article: when a
fuller PERSON name there contains it as a word ("Bashar al-Assad"), the bare entity joins that
entity's actor; when several fuller names contain it, the one the article mentions most wins, and
a tie leaves the bare name as its own actor rather than guessing.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from typing import Any, Iterable

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name or "")).strip().casefold()


def entity_key(entity: dict[str, Any]) -> str:
    key = entity.get("key")
    if isinstance(key, str) and key.strip():
        return normalise(key)
    return normalise(entity.get("name") or "")


def _words(value: str) -> list[str]:
    return _WORD.findall(normalise(value))


def _is_bare(entity: dict[str, Any]) -> bool:
    return entity.get("type") == "PERSON" and len(_words(entity.get("name") or "")) == 1


def assign(record: dict[str, Any]) -> dict[str, str]:
    """local entity id -> actor key, for every entity of the record with a usable name."""
    ents = [e for e in record.get("entities") or [] if e.get("id") and entity_key(e)]
    keyed = {e["id"]: entity_key(e) for e in ents}
    full = [e for e in ents if e.get("type") == "PERSON" and not _is_bare(e)]
    for e in ents:
        if not _is_bare(e):
            continue
        bare_name = _words(e.get("name") or "")
        bare_key = _words(keyed[e["id"]])
        candidates = []
        for f in full:
            name_words = _words(f.get("name") or "") + [
                w for a in f.get("aliases") or [] if len(_words(a)) > 1 for w in _words(a)]
            key_words = _words(entity_key(f))
            if (bare_name and bare_name[0] in name_words) or \
                    (len(bare_key) == 1 and bare_key[0] in key_words):
                candidates.append(f)
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda f: -len(f.get("mentions") or []))
        if len(ranked) > 1 and len(ranked[0].get("mentions") or []) == \
                len(ranked[1].get("mentions") or []):
            continue          # two people with that name and no way to tell: keep it apart
        keyed[e["id"]] = keyed[ranked[0]["id"]]
    return keyed


def surface_names(entity: dict[str, Any]) -> list[str]:
    """The entity's name and aliases as written, once each."""
    names = [entity.get("name") or ""] + list(entity.get("aliases") or [])
    return [n for n in dict.fromkeys(n.strip() for n in names if isinstance(n, str)) if n]


def canonical(rows: Iterable[tuple[str, str, str, int]]) -> tuple[str, str | None]:
    """(name, type) for an actor from its (language, name, type, count) rows: the most used
    multi-word English name, else the most used name in any language (longer first on ties)."""
    rows = list(rows)
    if not rows:
        return "", None
    types: Counter = Counter()
    names: Counter = Counter()
    for lang, name, type_, n in rows:
        types[type_] += n
        names[(lang == "en", name)] += n
    type_ = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    best = sorted(names.items(), key=lambda kv: (not kv[0][0], len(_words(kv[0][1])) < 2,
                                                  -kv[1], -len(kv[0][1]), kv[0][1]))[0]
    return best[0][1], type_


def mentioned_in(record: dict[str, Any], keyed: dict[str, str], start: Any, end: Any) -> list[str]:
    """Actor keys with a mention inside [start, end) (the actors a claim is about)."""
    return MentionIndex(record, keyed).within(start, end)


class MentionIndex:
    """The record's keyed mentions sorted by start: `within` for every claim of a long article
    costs a binary search, not a pass over all its mentions."""

    def __init__(self, record: dict[str, Any], keyed: dict[str, str]) -> None:
        pairs = []
        for e in record.get("entities") or []:
            key = keyed.get(e.get("id"))
            if key:
                pairs += [(m["start"], key) for m in e.get("mentions") or []
                          if isinstance(m.get("start"), int)]
        pairs.sort()
        self.starts = [s for s, _ in pairs]
        self.keys = [k for _, k in pairs]

    def within(self, start: Any, end: Any) -> list[str]:
        """Actor keys with a mention starting in [start, end)."""
        if not isinstance(start, int) or not isinstance(end, int):
            return []
        lo = bisect.bisect_left(self.starts, start)
        return sorted(set(self.keys[lo:bisect.bisect_left(self.starts, end, lo)]))
