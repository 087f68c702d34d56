"""The outlet of an article from its URL's domain (ingest/data/outlets.yml, known outlets)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\.?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    text = (resources.files("newsgraph.ingest") / "data" / "outlets.yml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {str(k).casefold(): str(v) for k, v in (data.get("domains") or {}).items()}


def _split(url: str | None) -> tuple[str, str] | None:
    """(scheme, host) of a URL, the host casefolded without a trailing dot; None for no URL or a
    malformed one (article metadata is hostile input)."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    return (parts.scheme.lower(), host) if host else None


def outlet_of_url(url: str | None) -> str | None:
    """The known outlet whose domain is the URL's host or a parent of it; None otherwise (also
    for a malformed URL)."""
    split = _split(url)
    if split is None:
        return None
    known = _domains()
    parts = split[1].split(".")
    for n in range(len(parts) - 1):
        name = known.get(".".join(parts[n:]))
        if name:
            return name
    return None


def url_host(url: str | None) -> str | None:
    """The host of an http(s) URL without a leading "www." ("www.example.org/x" -> "example.org"),
    None for anything else (also a malformed URL)."""
    split = _split(url)
    if split is None or split[0] not in ("http", "https"):
        return None
    return split[1].removeprefix("www.") or None


def outlet_or_host(outlet: str | None, url: str | None) -> str | None:
    """What to show as an article's outlet: its own outlet (a domain, as news-please's
    source_domain gives it, read as the known outlet of that domain, else without "www."), else
    the known outlet of its URL's domain, else the URL's host; None when there is neither."""
    if isinstance(outlet, str) and outlet.strip():
        outlet = outlet.strip()
        if _DOMAIN.match(outlet):      # a site's domain given as its outlet ("www.bbc.co.uk")
            return outlet_of_url("http://" + outlet) or outlet.casefold().removeprefix("www.")
        return outlet
    return outlet_of_url(url) or url_host(url)
