"""Sourcing: placeholder while the real extractor is being built (returns nothing yet)."""
from __future__ import annotations

from typing import Any

from ..record import empty_sourcing  # noqa: F401
from .base import Extractor


class SourcingExtractor(Extractor):
    name = "sourcing"
    requires = ('entities', 'claims')
    assigns = ("sourcing",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        return {"sourcing": empty_sourcing()}
