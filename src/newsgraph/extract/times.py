"""Times: placeholder while the real extractor is being built (returns nothing yet)."""
from __future__ import annotations

from typing import Any

from ..record import empty_sourcing  # noqa: F401
from .base import Extractor


class TimeExtractor(Extractor):
    name = "times"
    requires = ()
    assigns = ("times",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        return {"times": []}
