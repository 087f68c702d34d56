"""Article URLs from what a source serves, with trafilatura's feed and sitemap tools:
RSS/Atom/JSON feeds (trafilatura.feeds), XML/text sitemaps including news sitemaps and sitemap
indexes (trafilatura.sitemaps), and a homepage's advertised feeds (feed discovery).

Only parsing here: the watcher fetches (fetch.Fetcher) and hands the text in.
"""
from __future__ import annotations

import logging
import re

import courlan
from trafilatura import feeds, sitemaps

log = logging.getLogger(__name__)

_SITEMAP_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:urlset|sitemapindex)\b",
                            re.S | re.I)


def kind_of(text: str, content_type: str = "") -> str:
    """'feed', 'sitemap' or 'homepage' for a fetched document."""
    head = text.lstrip()[:2000]
    if _SITEMAP_START.match(head) or "<urlset" in head or "<sitemapindex" in head:
        return "sitemap"
    if feeds.is_potential_feed(head) or content_type in (
            "application/rss+xml", "application/atom+xml", "application/feed+json"):
        return "feed"
    if head.startswith("{") and '"items"' in text[:100_000]:
        return "feed"
    return "homepage"


def _params(url: str, language: str | None = None) -> feeds.FeedParameters:
    domain = courlan.extract_domain(url, fast=True) or ""
    return feeds.FeedParameters(courlan.get_base_url(url), domain, url, external=False,
                                target_lang=None)


def feed_links(text: str, url: str) -> list[str]:
    """The article links of an RSS, Atom or JSON feed (malformed entries are skipped)."""
    try:
        return feeds.extract_links(text, _params(url))
    except Exception as exc:           # trafilatura on hostile input: no links, not a crash
        log.debug("feed %s unreadable: %s", url, exc)
        return []


def sitemap_links(text: str, url: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of one sitemap (a urlset, a news sitemap, an index, a
    text list)."""
    domain = courlan.extract_domain(url, fast=True) or ""
    sm = sitemaps.SitemapObject(courlan.get_base_url(url), domain, [])
    sm.current_url = url
    sm.content = text
    try:
        sm.process()
    except Exception as exc:
        log.debug("sitemap %s unreadable: %s", url, exc)
        return [], []
    return list(dict.fromkeys(sm.urls)), list(dict.fromkeys(sm.sitemap_urls))


def homepage_feeds(html: str, url: str) -> list[str]:
    """The feed URLs a homepage advertises (<link rel=alternate type=application/rss+xml>, else
    links that look like feeds)."""
    try:
        return feeds.determine_feed(html, _params(url))
    except Exception as exc:
        log.debug("homepage %s unreadable: %s", url, exc)
        return []
