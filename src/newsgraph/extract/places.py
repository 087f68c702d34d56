"""Places: offline geocoding of LOC entities (any language) with the shared gazetteer.

Each LOC entity is looked up by its name, then its aliases, then its name mentions,
case-insensitively (``extract/gazetteer.py``); the first hit gives ``geo`` {lat, lon, country}.
Areas without a point ("the Syrian coast") and unknown names stay without ``geo``.
"""
from __future__ import annotations

from typing import Any

from .base import Extractor
from .gazetteer import Gazetteer


def gazetteer(resources) -> Gazetteer:
    return resources.shared("gazetteer", Gazetteer)


class PlaceExtractor(Extractor):
    name = "places"
    requires = ("entities",)
    assigns = ("entities.geo",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        entities = parts.get("entities", [])
        if not any(e.get("type") == "LOC" for e in entities):
            return {"entities": entities}
        gaz = gazetteer(self.resources)
        out = []
        for ent in entities:
            if ent.get("type") == "LOC" and "geo" not in ent:
                place = None
                names = [ent.get("name", "")] + list(ent.get("aliases", []))
                names += [m.get("text", "") for m in ent.get("mentions", [])]
                for n in dict.fromkeys(names):
                    if n:
                        place = gaz.lookup(n)
                        if place is not None:
                            break
                if place is not None:
                    ent = {**ent, "geo": place.geo()}
            out.append(ent)
        return {"entities": out}
