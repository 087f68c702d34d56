"""Polite HTTP for the watcher (httpx): robots.txt, a per-host rate limit, conditional requests,
timeouts, retries with backoff, a body size limit and a redirect limit.

    with Fetcher() as fetcher:
        page = fetcher.get(url, etag=..., last_modified=...)   # Page, or raises FetchError

One Fetcher per watch; all its state (robots.txt per host, when each host may be asked next) lives
on the instance. Proxies come from the usual environment variables (HTTP_PROXY, HTTPS_PROXY,
NO_PROXY) or `proxy=`.
"""
from __future__ import annotations

import email.utils
import logging
import threading
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..ingest.article import IngestError
from ..ingest.encoding import decode
from .urls import host_of

log = logging.getLogger(__name__)

USER_AGENT = f"newsgraph/{__version__} (+https://github.com/newsgraph; watch)"
ROBOTS_AGENT = "newsgraph"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
ROBOTS_TTL = 3600.0             # seconds a host's robots.txt is trusted
ROBOTS_FAILED_TTL = 300.0       # ... and how soon an unreachable one is asked again
MAX_CRAWL_DELAY = 60.0          # a robots.txt Crawl-delay is obeyed up to this many seconds


class FetchError(Exception):
    """One URL could not be fetched: one line (status, timeout, robots.txt, size)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status


class Disallowed(FetchError):
    """robots.txt does not allow this URL for newsgraph."""


@dataclass
class Page:
    url: str                      # after redirects
    status: int                   # 200, or 304 (not modified: no content)
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None    # of a redirect

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self, max_bytes: int = 50_000_000) -> str:
        """The body as text: the declared charset when it decodes cleanly, else newsgraph's
        decoding (BOMs, legacy Cyrillic code pages). A gzip file (sitemap.xml.gz) is unpacked,
        up to max_bytes."""
        content = self.content
        if content[:2] == b"\x1f\x8b":
            unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                content = unpacker.decompress(content, max_bytes)
            except zlib.error:
                pass
        if self.charset:
            try:
                return content.decode(self.charset)
            except (LookupError, UnicodeDecodeError):
                pass
        try:
            return decode(content, self.url)
        except IngestError:
            return content.decode("utf-8", "replace")


@dataclass
class FetchSettings:
    timeout: float = 20.0          # seconds: connect, and between bytes read
    max_time: float = 120.0        # seconds for a whole body
    retries: int = 2               # extra tries after a timeout, a connection error or 429/5xx
    backoff: float = 2.0           # seconds before the first retry; doubled each time
    max_backoff: float = 60.0
    rate: float = 1.0              # seconds between two requests to one host
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    robots: bool = True
    user_agent: str = USER_AGENT


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None, *, proxy: str | None = None,
                 sleep: Callable[[float], object] | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self.client = httpx.Client(
            # redirects are followed here, one hop at a time: each target is checked against
            # its host's robots.txt and waits for its host's turn
            timeout=httpx.Timeout(s.timeout), follow_redirects=False,
            headers={"User-Agent": s.user_agent},
            proxy=proxy, transport=transport, trust_env=True)
        # how to wait (the watcher passes its stop event's wait, so a stop is not delayed)
        self._sleep = sleep or time.sleep
        self._next_at: dict[str, float] = {}       # host -> monotonic time it may be asked
        # host -> (parsed robots.txt or None when unreachable, why, monotonic expiry)
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, str | None,
                                      float]] = {}
        self._crawl_delay: dict[str, float] = {}   # host -> robots.txt Crawl-delay (capped)
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness -------------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next_at.get(host, 0.0))
            self._next_at[host] = at + max(self.settings.rate, self._crawl_delay.get(host, 0.0))
        if at > now:
            self._sleep(at - now)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets newsgraph fetch `url` (fetched once per host, cached)."""
        return self._robots_verdict(url) is None

    def _robots_verdict(self, url: str) -> str | None:
        """None when robots.txt allows `url`, else why not (one line)."""
        if not self.settings.robots:
            return None
        host = host_of(url)
        parser, problem, expires = self._robots.get(host, (None, None, 0.0))
        if expires <= time.monotonic():
            parser, problem, ttl = self._load_robots(host)
            self._robots[host] = (parser, problem, time.monotonic() + ttl)
            delay = parser.crawl_delay(ROBOTS_AGENT) if parser is not None else None
            try:
                self._crawl_delay[host] = min(MAX_CRAWL_DELAY, max(0.0, float(delay or 0)))
            except (TypeError, ValueError):
                self._crawl_delay[host] = 0.0
        if parser is None:     # unreachable robots.txt (5xx, network): RFC 9309 says stay away
            return f"robots.txt of {host} could not be read ({problem}), so nothing there is fetched"
        if not parser.can_fetch(ROBOTS_AGENT, url):
            return "robots.txt does not allow newsgraph to fetch it"
        return None

    def _load_robots(self, host: str):
        """(parser or None, why it is None, seconds to trust this)."""
        parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            resp = self._request(host + "/robots.txt", {}, retries=0, robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])                      # no robots.txt: everything allowed
                return parser, None, ROBOTS_TTL
            log.debug("robots.txt of %s unreachable: %s", host, exc.reason)
            return None, exc.reason, ROBOTS_FAILED_TTL
        parser.parse(resp.text().splitlines())
        return parser, None, ROBOTS_TTL

    # -- fetching ------------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET `url` (robots.txt permitting), retried on timeouts, connection errors, 429 and 5xx.
        With etag/last_modified, a 304 comes back as a Page with not_modified."""
        verdict = self._robots_verdict(url)
        if verdict is not None:
            raise Disallowed(url, verdict)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, retries=self.settings.retries)

    def _request(self, url: str, headers: dict[str, str], *, retries: int,
                 robots: bool = True) -> Page:
        s = self.settings
        attempt = 0
        while True:
            retry_after = None
            try:
                return self._follow(url, headers, robots)
            except FetchError as exc:
                if exc.status not in RETRY_STATUS and exc.status is not None:
                    raise
                if exc.status is None and not getattr(exc, "retryable", False):
                    raise
                if attempt >= retries:
                    raise
                retry_after = getattr(exc, "retry_after", None)
            delay = min(s.max_backoff, s.backoff * (2 ** attempt))
            if retry_after is not None:
                delay = min(s.max_backoff, max(delay, retry_after))
            attempt += 1
            log.debug("retrying %s in %.1f s", url, delay)
            self._sleep(delay)

    def _follow(self, url: str, headers: dict[str, str], robots: bool) -> Page:
        """GET url, following up to max_redirects redirects (each target allowed by robots.txt)."""
        s = self.settings
        current = url
        for _ in range(s.max_redirects + 1):
            self._wait_turn(host_of(current))
            page = self._once(current, headers)
            if page.status not in (301, 302, 303, 307, 308):
                return page
            target = urljoin(current, page.location or "")
            if not page.location or urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"HTTP {page.status} without a usable Location")
            verdict = self._robots_verdict(target) if robots else None
            if verdict is not None:
                raise Disallowed(url, f"redirected to {target[:200]}: {verdict}")
            current = target
        raise FetchError(url, f"more than {s.max_redirects} redirects (a redirect loop?)")

    def _once(self, url: str, headers: dict[str, str]) -> Page:
        s = self.settings
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.is_redirect:
                    return Page(url=str(resp.url), status=resp.status_code,
                                location=resp.headers.get("location"))
                if resp.status_code == 304:
                    return Page(url=str(resp.url), status=304,
                                etag=resp.headers.get("etag") or headers.get("If-None-Match"),
                                last_modified=resp.headers.get("last-modified")
                                or headers.get("If-Modified-Since"))
                if resp.status_code >= 400:
                    err = FetchError(url, f"HTTP {resp.status_code}", resp.status_code)
                    err.retry_after = _retry_after(resp.headers.get("retry-after"))
                    raise err
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > s.max_bytes:
                    raise FetchError(url, f"over the {s.max_bytes / 1e6:g} MB limit "
                                          f"({int(declared) / 1e6:.1f} MB)")
                body = bytearray()
                started = time.monotonic()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if time.monotonic() - started > s.max_time:    # a trickle never times out
                        raise FetchError(url, f"still downloading after {s.max_time:g} s")
                    if len(body) > s.max_bytes:
                        raise FetchError(url, f"over the {s.max_bytes / 1e6:g} MB limit")
                ctype = resp.headers.get("content-type", "")
                return Page(url=str(resp.url), status=resp.status_code, content=bytes(body),
                            content_type=ctype.split(";")[0].strip().lower(),
                            charset=resp.charset_encoding, etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"))
        except httpx.TimeoutException:
            err = FetchError(url, f"timed out after {s.timeout:g} s")
            err.retryable = True
            raise err from None
        except httpx.TransportError as exc:
            err = FetchError(url, f"connection failed: {_first_line(exc)}")
            err.retryable = True
            raise err from None
        except httpx.HTTPError as exc:      # an invalid URL, a protocol error
            raise FetchError(url, _first_line(exc)) from None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
