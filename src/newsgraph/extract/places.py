"""Places: offline geocoding of LOC entities (any language) with the shared gazetteer.

Each LOC entity is looked up by its name, then its aliases, then its name mentions,
case-insensitively (``extract/gazetteer.py``); the first hit gives ``geo`` {lat, lon, country}.
Areas without a point ("the Syrian coast") and unknown names stay without ``geo``.

A name with several candidates (Borno: a Nigerian state, and a German town's other name) is
read in its article: first the article's countries are gathered (the LOC entities that are a
country or a place of one country only, and the demonyms of its GROUP entities: "Nigerian"),
then each place goes to a candidate in one of them where the gazetteer allows it
(``Gazetteer.resolve``). A type word next to a mention or inside the name ("Borno State",
"кантон Цуг", "у штаті Борно"; per language in ``lang/data/<lang>/places.yml``) makes a region
candidate win. A Russian or Ukrainian name the lemmatiser left inflected ("в Шекхупуре") is
tried in the base forms its case ending allows (``name_endings`` in the same files).
"""
from __future__ import annotations

import re
from typing import Any

from .base import Extractor
from .gazetteer import Gazetteer

_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\u00a0]+$")
_WORD_AFTER = re.compile(r"^[\s\u00a0]+([^\W\d_]+)")


def gazetteer(resources) -> Gazetteer:
    return resources.shared("gazetteer", Gazetteer)


class RegionWords:
    """The type words of one language that mark a name as a region (lang/data/<lang>/places.yml)."""

    def __init__(self, data: dict | None) -> None:
        words = (data or {}).get("region_words") or {}
        self.after = tuple(sorted((w.casefold() for w in words.get("after", ())), key=len,
                                  reverse=True))
        self.before = tuple(w.casefold() for w in words.get("before", ()))
        self.stems = tuple(w.casefold() for w in words.get("stems", ()))

    def __bool__(self) -> bool:
        return bool(self.after or self.before or self.stems)

    def _stem(self, word: str) -> bool:
        return word.islower() and word.startswith(self.stems)

    def strip(self, name: str) -> str | None:
        """The name without a type word it carries ("Borno State" -> "Borno"), else None."""
        low = name.casefold()
        for w in self.after:
            if low.endswith(" " + w) and len(low) > len(w) + 1:
                return name[: -len(w) - 1].strip()
        for w in self.before:
            if low.startswith(w + " ") and len(low) > len(w) + 1:
                return name[len(w) + 1:].strip()
        if self.stems:
            parts = name.split()
            if len(parts) > 1 and self._stem(parts[0]):
                return " ".join(parts[1:])
            if len(parts) > 1 and self._stem(parts[-1]):
                return " ".join(parts[:-1])
        return None

    def around(self, text: str, start: int, end: int) -> bool:
        """Whether a type word stands right before or right after text[start:end]."""
        before = text[max(0, start - 40):start]
        after = text[end:end + 40]
        if self.stems:
            m = _WORD_BEFORE.search(before)
            if m and self._stem(m.group(1)):
                return True
            m = _WORD_AFTER.match(after)
            if m and self._stem(m.group(1)):
                return True
        low_after = after.casefold()
        for w in self.after:
            if re.match(r"[\s\u00a0]+" + re.escape(w) + r"\b", low_after):
                return True
        low_before = before.casefold()
        for w in self.before:
            if re.search(r"\b" + re.escape(w) + r"[\s\u00a0]+$", low_before):
                return True
        return False


class NameEndings:
    """Base forms of an inflected place name the lemmatiser left as written ("Шекхупуре" ->
    "Шекхупура"): the case endings of lang/data/<lang>/places.yml on the name's last word."""

    def __init__(self, data: dict | None) -> None:
        self.pairs = tuple((a, b) for a, b in ((data or {}).get("name_endings") or ()))

    def variants(self, name: str) -> list[str]:
        head, _, last = name.rpartition(" ")
        out = []
        for ending, base in self.pairs:
            if last.endswith(ending) and len(last) - len(ending) + len(base) >= 3:
                word = last[: len(last) - len(ending)] + base
                out.append(f"{head} {word}" if head else word)
        return out


class PlaceExtractor(Extractor):
    name = "places"
    requires = ("entities",)
    assigns = ("entities.geo",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        entities = parts.get("entities", [])
        if not any(e.get("type") == "LOC" for e in entities):
            return {"entities": entities}
        gaz = gazetteer(self.resources)
        data = doc.data["places"]
        words = RegionWords(data)
        endings = NameEndings(data)
        text = doc.text

        # pass 1: each place's names (type words stripped), whether it is marked a region,
        # and the article's countries
        todo: dict[int, tuple[list[str], bool]] = {}
        countries: set[str] = set()
        for i, ent in enumerate(entities):
            if ent.get("type") == "GROUP":
                code = gaz.country_of_demonym(ent.get("name", ""))
                if code:
                    countries.add(code)
                continue
            if ent.get("type") != "LOC" or "geo" in ent:
                continue
            raw = [ent.get("name", "")] + list(ent.get("aliases", []))
            raw += [m.get("text", "") for m in ent.get("mentions", [])]
            names: list[str] = []
            region = False
            for n in dict.fromkeys(raw):
                if not n:
                    continue
                names.append(n)
                bare = words.strip(n) if words else None
                if bare:
                    names.append(bare)
                    region = True
            if words and text and not region:
                region = any(words.around(text, m["start"], m["end"])
                             for m in ent.get("mentions", []) if "start" in m and "end" in m)
            if endings.pairs and not any(gaz.candidates(n) for n in names):
                # the first base form of a name's ending that the gazetteer knows
                for n in list(names):
                    known = next((v for v in endings.variants(n) if gaz.candidates(v)), None)
                    if known:
                        names.append(known)
                        break
            todo[i] = (names, region)
            for n in names:
                cands = gaz.candidates(n)
                if cands:
                    if cands[0].kind == "country" or len({c.country for c in cands}) == 1:
                        if cands[0].country:
                            countries.add(cands[0].country)
                    break

        # pass 2: resolve in the article's countries
        frozen = frozenset(countries)
        out = list(entities)
        for i, (names, region) in todo.items():
            place = None
            for n in names:
                place = gaz.resolve(n, frozen, region=region)
                if place is not None:
                    break
            if place is not None:
                out[i] = {**entities[i], "geo": place.geo()}
        return {"entities": out}
