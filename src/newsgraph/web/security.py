"""HTTP hardening: security headers (CSP), request size limits, write-endpoint tokens, CSRF
(same-origin checks on every write, signed tokens in forms), HEAD as GET without a body."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import time
from html import escape as html_escape
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # not no-referrer: under it a browser sends "Origin: null" even with a same-origin form
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
# The OpenAPI page (/docs) loads Swagger UI, which we serve from the package too (booted by a
# script file, no inline script); Swagger UI sets inline styles, so only those are allowed.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class SecurityMiddleware:
    """Adds headers, rejects request bodies over `max_body` bytes with 413, a NUL character
    in the path or query (no page or database text can hold one) with 400, and a write
    (POST/PUT/PATCH/DELETE) from another origin with 403, token or not. A HEAD request is
    answered as its GET without the body."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        query = scope.get("query_string") or b""
        if "\x00" in path or b"\x00" in query or b"%00" in query:
            await _plain(send, 400, "a NUL character is not allowed in a URL", path)
            return
        headers = dict(scope.get("headers") or [])
        method = scope.get("method", "GET")
        if method in WRITE_METHODS:
            refused = cross_origin(headers)
            if refused:
                await _plain(send, 403, refused, path)
                return
        head = method == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, "request body too large", path)
            return
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [h for h in HEADERS if not (path.startswith("/docs") and h[0] ==
                                                    b"content-security-policy")]
                if path.startswith("/docs"):
                    extra.append((b"content-security-policy", DOCS_CSP.encode()))
                message["headers"] = _allow_head(list(message.get("headers", []))) + extra
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            await _plain(send, 413, "request body too large", path)


def _allow_head(headers: list) -> list:
    """HEAD is answered wherever GET is (above), so a 405's Allow says so."""
    out = []
    for name, value in headers:
        if name.lower() == b"allow":
            methods = [m.strip() for m in value.decode("latin-1").split(",") if m.strip()]
            if "GET" in methods and "HEAD" not in methods:
                value = ", ".join(methods + ["HEAD"]).encode("latin-1")
        out.append((name, value))
    return out


class BodyTooLarge(Exception):
    pass


_REFUSAL_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                 '<meta name="viewport" content="width=device-width, initial-scale=1">'
                 '<title>{status} · newsgraph</title><link rel="stylesheet" href="/static/app.css">'
                 '</head><body><main><h1>{status}</h1><p dir="auto">{message}</p>'
                 '<p><a href="/">newsgraph</a></p></main></body></html>')


async def _plain(send: Send, status: int, message: str, path: str) -> None:
    """A refusal before the app runs: JSON {"detail": ...} under /api/ and the schema (as the
    API's schema says), a small HTML page (the message escaped) for the pages a browser opens."""
    if path.startswith("/api/") or path == "/openapi.json":
        body, ctype = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body = _REFUSAL_PAGE.format(status=status, message=html_escape(message)).encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else None


def cross_origin(headers: dict[bytes, bytes]) -> str | None:
    """Why a write is refused as cross-site (None when it is not). A browser says where a
    request comes from (Sec-Fetch-Site, Origin, or at least Referer); each must name this
    server's own host. A client that sends none of them (curl, scripts) is not a browser
    page, so it cannot be forged by one; it still needs the token where writes need one."""
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if site in ("same-origin", "none"):
        return None     # set by the browser itself (a page cannot forge it)
    if site:
        return (f"cross-site write refused (Sec-Fetch-Site: {site}): a page on another site "
                f"cannot write here")
    host = headers.get(b"host", b"").decode("latin-1").lower()
    for name in (b"origin", b"referer"):
        value = headers.get(name)
        if value is None:
            continue
        if _origin(value.decode("latin-1")) != host or not host:
            return (f"cross-origin write refused ({name.decode()} is not this server): a page on "
                    f"another site cannot write here")
        return None
    return None


CSRF_MAX_AGE = 12 * 3600  # seconds a form stays valid


def csrf_token(secret: bytes, form: str, now: float | None = None) -> str:
    """A signed token for one form: 'issued.hmac(secret, form|issued)'."""
    issued = str(int(time.time() if now is None else now))
    mac = hmac.new(secret, f"{form}|{issued}".encode(), hashlib.sha256).hexdigest()
    return f"{issued}.{mac}"


def csrf_ok(secret: bytes, form: str, token: str | None, now: float | None = None) -> bool:
    if not token or "." not in token:
        return False
    issued, _, mac = token.partition(".")
    if not issued.isdigit():
        return False
    age = (time.time() if now is None else now) - int(issued)
    if not 0 <= age <= CSRF_MAX_AGE:
        return False
    good = hmac.new(secret, f"{form}|{issued}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(good.encode(), mac.encode("utf-8", "replace"))


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def token_ok(expected: str | None, given: str | None) -> bool:
    """Whether a write is authorised: always when the server has no token; otherwise only by
    that token (an empty token never authorises anything)."""
    if expected is None:
        return True
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))
