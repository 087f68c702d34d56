"""A small knowledge base for the web tests, built from short texts written for the tests."""
from __future__ import annotations

ARTICLES = [
    ("Rebels seize airport near Goma, officials say",
     "Rebel fighters seized the airport near Goma on Monday, regional governor Peter Cirimwami "
     "said. According to Reuters, more than 200 soldiers fled towards Bukavu. Cirimwami, a "
     "cousin of general Jean Bahati, said the army would counter-attack. The army did not "
     "respond to a request for comment.", "2025-01-27"),
    ("Goma airport falls to rebels",
     "Rebels took control of the airport near Goma, governor Peter Cirimwami told reporters on "
     "Monday. About 250 soldiers fled the city, the United Nations said. The army spokesman "
     "declined to comment.", "2025-01-27"),
    ("Hostile <script>alert('xss')</script> headline",
     "The mayor of Lviv, Andriy Sadovyi, said <script>alert('xss')</script> that the city "
     "would open two new shelters <img src=x onerror=alert(1)> next week.", "2025-02-01"),
]


def build(store, pipeline):
    from newsgraph.ingest import Article
    from newsgraph.ingest.dates import parse_date

    for title, text, published in ARTICLES:
        rec = next(pipeline.analyze_articles([Article(text=text, title=title, outlet="test.example",
                                                      published=parse_date(published))]))
        assert "error" not in rec, rec
        store.add_record(rec)
