"""``ActorExtractor``: entities of a document (names, mentions, aliases, titles)."""
from __future__ import annotations

from typing import Any

from ..base import Extractor
from .resolution import resolve


class _LazyGazetteer:
    """The shared gazetteer, built only when a description first needs it."""

    def __init__(self, resources) -> None:
        self.resources = resources

    def lookup(self, name: str):
        from ..gazetteer import Gazetteer

        return self.resources.shared("gazetteer", Gazetteer).lookup(name)


class ActorExtractor(Extractor):
    name = "actors"
    assigns = ("entities",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        from ..organisations import KnownOrganisations

        orgs = self.resources.shared("organisations", KnownOrganisations)
        return {"entities": resolve(doc, _LazyGazetteer(self.resources), orgs,
                                        parts.get("furniture")).records()}
