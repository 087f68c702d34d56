"""Cross-lingual keys: the same actor named in English, Ukrainian or Russian gets one `key`.

"Bashar al-Assad" (en), "Башар Асад" (uk, ru) and "Башара Асада" (uk, reduced to its base form
by the backend) all become ``bashar asad``; "Moscow"/"Москва" become ``moscow`` through
``lang/data/exonyms.yml``.

The key is made from the entity's base-form name: Cyrillic transliterated with one scheme for uk
and ru (``lang/data/translit.yml``), casefolded, diacritics stripped, Arabic articles dropped
(al-/el-/аль-), hyphens and apostrophes dropped, Latin spelling variants folded (kh/h, ou/u, y/i)
and doubled letters collapsed (Assad/Asad), then phonetic folds (``phonetic_folds`` in
translit.yml: Johnson/Джонсон, Macron/Макрон, Theresa May/Тереза Мэй) and uk/ru/en forms of one
given name (``given_names.yml``: Володимир/Владимир) made one. Names listed in ``exonyms.yml`` map
to their entry (also people no rule can bridge: Ким Чен Ын = Kim Jong Un).

Keys are made at analysis time and stored with the record (``entities[i].key``) and in the KB's
actor tables; ``newsgraph recluster`` reuses the stored keys, so a database built before a change
to these rules or data files keeps its old keys until its articles are analysed again.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..lang.data_loader import shared_data
from .base import Extractor

KEYED_TYPES = ("PERSON", "ORG", "LOC", "GROUP")
_APOS = "'’ʼ`´"


class KeyMaker:
    """Builds keys; one per process (through Resources), from translit.yml and exonyms.yml."""

    def __init__(self) -> None:
        tr = shared_data("translit") or {}
        letters = tr.get("letters") or {}
        table = {}
        for k, v in letters.items():
            table[ord(k)] = v
            table[ord(k.upper())] = v
        for ch in _APOS:
            table[ord(ch)] = ""
        self.table = table
        self.folds = [tuple(x) for x in tr.get("latin_folds") or ()]
        self.phonetic = [(re.compile(a), b) for a, b in tr.get("phonetic_folds") or ()]
        arts = sorted(tr.get("articles") or (), key=len, reverse=True)
        self.article = re.compile(r"(?:(?<=\s)|^)(?:%s)[-‐‑–]" % "|".join(map(re.escape, arts)),
                                  re.IGNORECASE) if arts else None
        self.given: dict[str, str] = {}
        for key, names in (shared_data("given_names") or {}).items():
            for name in [key, *(names or [])]:
                self.given.setdefault(self._fold(str(name)), str(key))
        self.exonyms: dict[str, str] = {}
        for key, names in (shared_data("exonyms") or {}).items():
            for name in [key, *(names or [])]:
                self.exonyms.setdefault(self.normalise(str(name)), str(key))

    def normalise(self, name: str) -> str:
        """The transliterated, folded form of one name (no exonym lookup); uk/ru/en spellings of
        one given name (given_names.yml) become that name."""
        return " ".join(self.given.get(w, w) for w in self._fold(name).split())

    def _fold(self, name: str) -> str:
        s = " ".join(name.split())
        if self.article:
            s = self.article.sub("", s)
        s = s.casefold().translate(self.table)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = re.sub(r"[-‐‑–—]", "", s)
        s = re.sub(r"[^\w\s]", " ", s)
        s = " ".join(s.split())
        for a, b in self.folds:
            s = s.replace(a, b)
        s = re.sub(r"(\w)\1+", r"\1", s)
        for rx, b in self.phonetic:
            s = rx.sub(b, s)
        return re.sub(r"(\w)\1+", r"\1", s)

    def key(self, name: str) -> str:
        norm = self.normalise(name)
        return self.exonyms.get(norm, norm)

    def exonym(self, name: str) -> str | None:
        return self.exonyms.get(self.normalise(name))


class KeyExtractor(Extractor):
    name = "keys"
    requires = ("entities",)
    assigns = ("entities.key",)

    def __call__(self, doc, parts: dict[str, Any]) -> dict[str, Any]:
        maker: KeyMaker = self.resources.shared("cross-lingual-keys", KeyMaker)
        base_by_text: dict[str, str] = {}
        base_by_span: dict[tuple[int, int], str] = {}
        for sp in doc.ner:
            if sp.base:
                base_by_text.setdefault(sp.text, sp.base)
                base_by_span[(sp.start, sp.end)] = sp.base
        out = []
        for ent in parts.get("entities") or []:
            ent = dict(ent)
            if ent.get("type") in KEYED_TYPES and ent.get("name"):
                name = ent["name"]
                base = base_by_text.get(name, name)
                forms = [base, name, *(ent.get("aliases") or [])]
                forms += [base_by_span[(m["start"], m["end"])] for m in ent.get("mentions") or []
                          if (m.get("start"), m.get("end")) in base_by_span]
                key = next((k for k in map(maker.exonym, forms) if k), None)
                ent["key"] = key or maker.normalise(base)
            out.append(ent)
        return {"entities": out}
