"""`newsgraph watch`: follow feeds, sitemaps and sites into the knowledge base.

sources.py (what to follow), urls.py (URL normalisation), fetch.py (polite HTTP: robots.txt,
per-host rate limit, conditional requests, retries), discover.py (feed / sitemap / homepage ->
article URLs, with trafilatura), state.py (watch_sources / watch_urls tables: per-source health,
each URL fetched once, raw HTML kept compressed), loop.py (the poll loop).
"""
