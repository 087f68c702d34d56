"""A small knowledge base for the web tests, built from short texts written for the tests.

The two Goma reports are one story from two outlets: the first names no outlet but comes from a
known outlet's domain (its outlet is taken from the URL), the second from an unknown site (shown
by its host). Their soldier counts disagree (a figure conflict in the story's ledger)."""
from __future__ import annotations

# (title, text, published, url, outlet)
ARTICLES = [
    ("Rebels seize airport near Goma, officials say",
     "Rebel fighters seized the airport near Goma on Monday, regional governor Peter Cirimwami "
     "said. According to Reuters, more than 200 soldiers fled towards Bukavu. Cirimwami, a "
     "cousin of general Jean Bahati, said the army would counter-attack. The army did not "
     "respond to a request for comment.", "2025-01-27",
     "https://www.reuters.com/world/africa/goma-airport-2025-01-27/", None),
    ("Goma airport falls to rebels",
     "Rebels took control of the airport near Goma, governor Peter Cirimwami told reporters on "
     "Monday. Only 90 soldiers fled towards Bukavu, the United Nations said. The army spokesman "
     "declined to comment.", "2025-01-27", "https://kivu-news.example/2025/01/goma", None),
    ("Hostile <script>alert('xss')</script> headline",
     "The mayor of Lviv, Andriy Sadovyi, said <script>alert('xss')</script> that the city "
     "would open two new shelters <img src=x onerror=alert(1)> next week.", "2025-02-01",
     None, "test.example"),
]


def build(store, pipeline):
    from newsgraph.ingest import Article
    from newsgraph.ingest.dates import parse_date

    for title, text, published, url, outlet in ARTICLES:
        rec = next(pipeline.analyze_articles([Article(text=text, title=title, url=url,
                                                      outlet=outlet,
                                                      published=parse_date(published))]))
        assert "error" not in rec, rec
        store.add_record(rec)
