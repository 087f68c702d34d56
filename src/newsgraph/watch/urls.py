"""URL normalisation: one spelling per article URL, so each is fetched once.

courlan normalises (scheme and host case, default ports, query order, tracking parameters such
as utm_* and fbclid); here the fragment goes too and dot segments are resolved.
"""
from __future__ import annotations

import posixpath
from urllib.parse import urlsplit, urlunsplit

import courlan


def normalize(url: str) -> str:
    """The normal form of an http(s) URL; ValueError for anything else."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    url = courlan.normalize_url(url, strict=False)
    parts = urlsplit(url)
    path = parts.path or "/"
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        if path.startswith("//"):
            path = "/" + path.lstrip("/")
        if trailing and not path.endswith("/"):
            path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def host_of(url: str) -> str:
    """scheme://host[:port] of a URL: the unit of rate limits and robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_article_url(url: str) -> bool:
    """A URL courlan accepts as a web page worth fetching (not a file, a feed or a bad host)."""
    try:
        return courlan.check_url(url) is not None
    except Exception:
        return False
