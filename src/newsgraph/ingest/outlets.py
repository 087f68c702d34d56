"""The outlet of an article from its URL's domain (ingest/data/outlets.yml, known outlets)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    text = (resources.files("newsgraph.ingest") / "data" / "outlets.yml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k).casefold(): str(v) for k, v in (data.get("domains") or {}).items()}


def outlet_of_url(url: str | None) -> str | None:
    """The known outlet whose domain is the URL's host or a parent of it; None otherwise (also
    for a malformed URL: article metadata is hostile input)."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    known = _domains()
    parts = host.split(".")
    for n in range(len(parts) - 1):
        name = known.get(".".join(parts[n:]))
        if name:
            return name
    return None
