"""A local HTTP server for the watch tests and benchmark: it serves several made-up news hosts
(news.example.org, uk.example.org, ...) by acting as the HTTP proxy the watcher is pointed at
(courlan rejects localhost and IP addresses as article URLs, and several hosts let per-host rate
limits and robots.txt be tested). Never the internet.

    with NewsServer(site()) as server:            # site(): the default test sites
        server.proxy                                # http://127.0.0.1:PORT
        server.hits["http://news.example.org/en/port-strike.html"]
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    body: str | bytes = ""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0            # seconds before answering (a slow host)
    etag: str | None = None       # answers 304 to a matching If-None-Match
    trickle: float = 0.0          # seconds between 10-byte pieces of the body


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass      # a client that gave up (the timeout tests) is not news


class NewsServer:
    def __init__(self, routes: dict[str, Reply]) -> None:
        self.routes = dict(routes)
        self.hits: Counter[str] = Counter()
        self.times: list[tuple[float, str]] = []          # (monotonic time, url) of each request
        self.conditional: Counter[str] = Counter()        # requests that sent If-None-Match
        self.arrived: dict[str, threading.Event] = {}     # url -> set when first requested
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True     # headers and body go out at once

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                target = self.path
                if not target.startswith("http"):
                    target = f"http://{self.headers.get('Host', 'unknown')}{target}"
                parts = urlsplit(target)
                url = f"{parts.scheme}://{parts.netloc}{parts.path}" + (
                    f"?{parts.query}" if parts.query else "")
                with server._lock:
                    server.hits[url] += 1
                    server.times.append((time.monotonic(), url))
                    if self.headers.get("If-None-Match"):
                        server.conditional[url] += 1
                    event = server.arrived.setdefault(url, threading.Event())
                event.set()
                reply = server.routes.get(url)
                if reply is None:
                    reply = Reply("not found", status=404, content_type="text/plain")
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    self.send_response(304)
                    self.send_header("ETag", reply.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    if reply.etag:
                        self.send_header("ETag", reply.etag)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if reply.trickle:
                        for i in range(0, len(body), 10):
                            self.wfile.write(body[i:i + 10])
                            self.wfile.flush()
                            time.sleep(reply.trickle)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout)
                    pass

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.proxy = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "NewsServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def event(self, url: str) -> threading.Event:
        with self._lock:
            return self.arrived.setdefault(url, threading.Event())


# -- content written for the tests ---------------------------------------------------------------

ARTICLES = {
    "en": [
        ("port-strike", "Dockworkers strike halts Rotterdam port",
         ["Dockworkers in Rotterdam walked off the job on Tuesday, halting about 40 ships, the "
          "FNV union said in a statement.",
          "The port authority declined to comment on the strike, which the union said would last "
          "at least three days unless wages were raised by 5 percent.",
          "Shipping companies warned that delays could spread to Antwerp and Hamburg by the end "
          "of the week, according to a logistics industry group."]),
        ("aid-package", "EU to propose 2 billion euro aid package",
         ["The European Commission will propose a 2 billion euro aid package for farmers in May, "
          "two officials familiar with the plan told reporters in Brussels.",
          "The officials, who spoke on condition of anonymity, said the money would come from "
          "unspent regional funds and would be paid out before the autumn harvest.",
          "A spokesman for the Commission declined to comment on the figure."]),
        ("missile-odesa", "Missile strike kills 12 in Odesa",
         ["At least 12 people were killed when a missile hit a residential building in Odesa "
          "overnight, regional governor Oleh Kiper said on Telegram on Wednesday.",
          "Rescue workers were still searching the rubble in the morning, Kiper said, adding that "
          "another 30 people had been taken to hospital.",
          "Russia's defence ministry did not respond to a request for comment."]),
        ("starmer-macron", "Starmer meets Macron in Paris",
         ["Prime Minister Keir Starmer met French President Emmanuel Macron in Paris on Friday to "
          "discuss migration across the Channel, Downing Street said.",
          "The two leaders agreed to set up a joint task force on smuggling gangs, according to a "
          "statement released after the meeting at the Elysee Palace.",
          "French officials said a new agreement could be signed before the summer."]),
        ("secret", "A page robots.txt forbids",
         ["This page is behind a robots.txt rule and must never be fetched by a polite crawler "
          "that reads the rules of the host before asking for pages.",
          "If this text is ever stored, the watcher did not respect robots.txt."]),
        ("slow-page", "Parliament passes budget after long debate",
         ["The parliament in Vilnius passed the 2026 budget on Thursday after a debate that lasted "
          "more than 14 hours, the speaker's office said.",
          "The budget raises defence spending to 3.5 percent of economic output, finance minister "
          "Gintare Skaiste told reporters after the vote.",
          "Opposition lawmakers said they would challenge two of its tax measures in court."]),
    ],
    "uk": [
        ("shmyhal-energy", "Уряд виділить 3 мільярди гривень на енергетику",
         ["Прем'єр-міністр України Денис Шмигаль заявив у вівторок, що уряд виділить 3 мільярди "
          "гривень на відновлення енергетики після атак на електростанції.",
          "За словами Шмигаля, кошти отримають насамперед громади Харківської та Сумської "
          "областей, де пошкоджено найбільше підстанцій.",
          "У Міністерстві енергетики повідомили, що ремонт триватиме до кінця року."]),
        ("kyiv-metro", "У Києві відкриють нову станцію метро",
         ["Київська міська рада ухвалила рішення про будівництво нової станції метро на "
          "Виноградарі, повідомив у четвер міський голова Віталій Кличко.",
          "За його словами, роботи почнуться навесні і коштуватимуть близько 2 мільярдів гривень.",
          "Мешканці району чекають на метро понад десять років."]),
    ],
    "ru": [
        ("lavrov-talks", "Лавров заявил о готовности к переговорам",
         ["Министр иностранных дел России Сергей Лавров заявил в среду, что Москва готова к "
          "переговорам, сообщает ТАСС со ссылкой на министерство.",
          "По словам Лаврова, переговоры могут начаться в Стамбуле уже в следующем месяце, если "
          "стороны договорятся о повестке.",
          "В Киеве заявление пока не прокомментировали."]),
        ("moscow-snow", "Москву засыпало снегом",
         ["Сильный снегопад парализовал движение в Москве во вторник, сообщил мэр города Сергей "
          "Собянин в своём телеграм-канале.",
          "По данным городских служб, за сутки выпало около 30 сантиметров снега, а на дорогах "
          "образовались пробки длиной до 9 баллов.",
          "Синоптики обещают, что снегопад продлится до конца недели."]),
    ],
}


def page(title: str, paragraphs: list[str], *, lang: str = "en", canonical: str | None = None,
         published: str = "2025-03-04", outlet: str = "Example News",
         feed: str | None = None) -> str:
    head = [f"<meta charset='utf-8'><title>{escape(title)}</title>",
            f"<meta property='og:site_name' content='{escape(outlet)}'>",
            f"<meta property='article:published_time' content='{published}'>"]
    if canonical:
        head.append(f"<link rel='canonical' href='{escape(canonical)}'>")
    if feed:
        head.append(f"<link rel='alternate' type='application/rss+xml' href='{escape(feed)}'>")
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='{lang}'><head>{''.join(head)}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>© {escape(outlet)}</footer></body></html>")


def rss(items: list[tuple[str, str]], *, extra: str = "") -> str:
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(u)}</link>"
                      f"<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate></item>" for t, u in items)
    return ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            "<title>Example News</title><link>http://news.example.org/</link>"
            f"<description>News</description>{entries}{extra}</channel></rss>")


def atom(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<entry><title>{escape(t)}</title><link href='{escape(u)}'/>"
                      f"<id>{escape(u)}</id><updated>2025-03-04T10:00:00Z</updated></entry>"
                      for t, u in items)
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Приклад</title><link href='http://uk.example.org/' rel='alternate'/>"
            f"<updated>2025-03-04T10:00:00Z</updated>{entries}</feed>")


def news_sitemap(urls: list[str]) -> str:
    entries = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication><news:name>Пример</news:name>"
        f"<news:language>ru</news:language></news:publication>"
        f"<news:publication_date>2025-03-04</news:publication_date>"
        f"<news:title>t</news:title></news:news></url>" for u in urls)
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>" + entries + "</urlset>")


def sitemap_index(urls: list[str]) -> str:
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            + "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
            + "</sitemapindex>")


def _article(lang: str, slug: str):
    for s, title, paras in ARTICLES[lang]:
        if s == slug:
            return title, paras
    raise KeyError(slug)


NEWS = "http://news.example.org"
UK = "http://uk.example.org"
RU = "http://ru.example.org"
HOME = "http://home.example.org"
SLOW = "http://slow.example.org"
BROKEN = "http://broken.example.org"
LOOP = "http://loop.example.org"


def site() -> dict[str, Reply]:
    """The test sites: every kind of source and every fault the issue lists.

    Articles that must end up stored (one each): en port-strike, aid-package, missile-odesa (also
    under /amp/ with a canonical link and under a tracking-parameter URL), starmer-macron (via
    the homepage's feed); uk shmyhal-energy, kyiv-metro (Atom); ru lavrov-talks, moscow-snow
    (news sitemap behind a sitemap index). Never fetched: /private/ (robots.txt)."""
    r: dict[str, Reply] = {}

    def art(base, lang, slug, path=None, **kw):
        title, paras = _article(lang, slug)
        r[f"{base}{path or f'/{lang}/{slug}.html'}"] = Reply(page(title, paras, lang=lang, **kw))

    # news.example.org: RSS (with a malformed entry and a forbidden page), robots.txt
    r[f"{NEWS}/robots.txt"] = Reply("User-agent: *\nDisallow: /private/\n",
                                    content_type="text/plain")
    for slug in ("port-strike", "aid-package", "missile-odesa"):
        art(NEWS, "en", slug, canonical=f"{NEWS}/en/{slug}.html")
    art(NEWS, "en", "secret", path="/private/secret.html")
    art(NEWS, "en", "missile-odesa", path="/amp/missile-odesa.html",
        canonical=f"{NEWS}/en/missile-odesa.html")
    r[f"{NEWS}/rss.xml"] = Reply(rss([
        ("Strike", f"{NEWS}/en/port-strike.html"),
        ("Aid", f"{NEWS}/en/aid-package.html?utm_source=rss&utm_medium=feed"),
        ("Missile", f"{NEWS}/en/missile-odesa.html#comments"),
        ("Missile (AMP)", f"{NEWS}/amp/missile-odesa.html"),
        ("Secret", f"{NEWS}/private/secret.html"),
    ], extra="<item><title>Broken entry</title><link>javascript:alert(1)</link></item>"
             "<item><title>No link at all</title><description>&lt;b&gt;x</description></item>"
             "<item><title><![CDATA[unterminated</title></item>"),
        content_type="application/rss+xml", etag='"news-v1"')
    # uk.example.org: Atom
    for slug in ("shmyhal-energy", "kyiv-metro"):
        art(UK, "uk", slug, outlet="Приклад")
    r[f"{UK}/atom.xml"] = Reply(atom([("a", f"{UK}/uk/shmyhal-energy.html"),
                                      ("b", f"{UK}/uk/kyiv-metro.html")]),
                                content_type="application/atom+xml")
    # ru.example.org: sitemap index -> news sitemap
    for slug in ("lavrov-talks", "moscow-snow"):
        art(RU, "ru", slug, outlet="Пример")
    r[f"{RU}/sitemap_index.xml"] = Reply(sitemap_index([f"{RU}/news-sitemap.xml"]),
                                         content_type="application/xml")
    r[f"{RU}/news-sitemap.xml"] = Reply(news_sitemap([f"{RU}/ru/lavrov-talks.html",
                                                      f"{RU}/ru/moscow-snow.html"]),
                                        content_type="application/xml")
    # home.example.org: a homepage that advertises its feed
    r[f"{HOME}/"] = Reply(page("Home News", ["Welcome to Home News, the latest headlines from "
                                             "around the world, updated every hour."],
                               feed="/feed.rss", outlet="Home News"))
    r[f"{HOME}/feed.rss"] = Reply(rss([("Starmer", f"{HOME}/en/starmer-macron.html")]),
                                  content_type="application/rss+xml")
    art(HOME, "en", "starmer-macron", outlet="Home News")
    # faulty sources
    r[f"{SLOW}/rss.xml"] = Reply(rss([("x", f"{SLOW}/en/slow-page.html")]), delay=3.0,
                                 content_type="application/rss+xml")
    r[f"{BROKEN}/rss.xml"] = Reply("Internal Server Error", status=500, content_type="text/plain")
    r[f"{LOOP}/rss.xml"] = Reply("", status=302, headers={"Location": f"{LOOP}/other.xml"})
    r[f"{LOOP}/other.xml"] = Reply("", status=302, headers={"Location": f"{LOOP}/rss.xml"})
    return r


GOOD_SOURCES = [f"{NEWS}/rss.xml", f"{UK}/atom.xml", f"{RU}/sitemap_index.xml", f"{HOME}/"]
FAULTY_SOURCES = [f"{SLOW}/rss.xml", f"{BROKEN}/rss.xml", f"{LOOP}/rss.xml"]
# normalised URL -> language of every article the good sources lead to (stored once each)
EXPECTED = {
    f"{NEWS}/en/port-strike.html": "en", f"{NEWS}/en/aid-package.html": "en",
    f"{NEWS}/en/missile-odesa.html": "en", f"{HOME}/en/starmer-macron.html": "en",
    f"{UK}/uk/shmyhal-energy.html": "uk", f"{UK}/uk/kyiv-metro.html": "uk",
    f"{RU}/ru/lavrov-talks.html": "ru", f"{RU}/ru/moscow-snow.html": "ru",
}
