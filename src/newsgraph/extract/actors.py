"""Actors: one entity per real-world actor, with every mention, aliases and titles.

Baseline: NER spans grouped by their text. (Being extended: coreference of partial names,
titles, descriptions and pronouns.)
"""
from __future__ import annotations

from typing import Any

from .base import Extractor


class ActorExtractor(Extractor):
    name = "actors"
    assigns = ("entities",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for span in doc.ner:
            if span.type is None:
                continue
            key = (span.type, (span.base or span.text).casefold())
            ent = groups.setdefault(key, {"name": span.base or span.text, "type": span.type,
                                          "aliases": [], "mentions": [], "titles": []})
            ent["mentions"].append({"start": span.start, "end": span.end, "text": span.text})
        entities = []
        for n, ent in enumerate(groups.values(), 1):
            entities.append({"id": f"e{n}", **ent})
        return {"entities": entities}
