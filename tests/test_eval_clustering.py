"""The clustering scorer's arithmetic (B-cubed) and its plain TF-IDF baseline, on texts written
for the tests."""
from __future__ import annotations

import pytest

from newsgraph.eval.clustering import baseline, bcubed


def test_bcubed_perfect_split_and_merged():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold)["f1"] == 1.0
    merged = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert merged["recall"] == 1.0 and merged["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3, abs=1e-4)
    split = bcubed({"a": "x", "b": "y", "c": "z"}, gold)
    assert split["precision"] == 1.0 and split["recall"] < 1.0


def test_tfidf_baseline_groups_the_two_reports_of_one_event():
    records = [
        {"title": "Drone strike hits grain terminal in Izmail",
         "text": "A drone strike damaged the grain terminal in the port of Izmail overnight."},
        {"title": "Izmail grain terminal damaged by drones",
         "text": "Drones damaged a grain terminal in Izmail port, officials said overnight."},
        {"title": "Central bank keeps interest rates on hold",
         "text": "The central bank left its interest rates unchanged on Thursday as inflation eased."},
    ]
    fig = baseline(records, ["port", "port", "bank"])
    assert fig["f1"] == 1.0 and 0 < fig["distance"] < 1


def test_shuffled_orders_score_translations_whatever_comes_first(monkeypatch):
    """The robustness figure: every arrival order of two translated texts and their originals is
    scored; with the translation matcher off, the languages stay apart and F1 drops."""
    from newsgraph.eval.clustering import shuffled
    from test_stories import ORDER_EN, ORDER_RU, READER_EN, READER_RU, READER_UK

    texts = [("en", ORDER_EN), ("ru", ORDER_RU), ("en", READER_EN), ("ru", READER_RU), ("uk", READER_UK)]
    recs = [{"id": str(i), "language": lang, "title": "", "text": t} for i, (lang, t) in enumerate(texts)]
    golds = ["order", "order", "reader", "reader", "reader"]
    fig = shuffled(recs, golds, seeds=6)
    assert fig["orders"] == 6 and fig["min_f1"] == 1.0
    from newsgraph.kb import stories

    monkeypatch.setattr(stories, "DEFAULT_TRANSLATION_MIN", 0.0)
    assert shuffled(recs, golds, seeds=2)["max_f1"] < 0.8


def test_mixed_stream_keeps_news_order_and_counts_split_translations():
    """The mixed evaluation (issue #18): news-cluster keeps its order among scattered wmt22
    articles, parts are fixed by the gold id, and a translation triple that ends in two stories
    is counted as split."""
    from newsgraph.eval.clustering import mixed_figures, mixed_stream, part_of
    from test_stories import ORDER_EN, ORDER_RU, READER_EN, READER_RU, READER_UK

    assert {part_of(f"wm:doc{i}") for i in range(20)} == {"tune", "check"}
    assert part_of("nc:17") == part_of("nc:17")
    nc = [({"id": f"n{i}", "language": "en", "title": "", "text": f"Report {i}."}, "e1")
          for i in range(3)]
    texts = [("en", ORDER_EN, "o"), ("ru", ORDER_RU, "o"), ("en", READER_EN, "r"),
             ("ru", READER_RU, "r"), ("uk", READER_UK, "r")]
    wm = [({"id": f"w{i}", "language": lang, "title": "", "text": t}, g)
          for i, (lang, t, g) in enumerate(texts)]
    stream = mixed_stream(nc, wm)
    assert [r["id"] for r, _ in stream if r["id"].startswith("n")] == ["n0", "n1", "n2"]
    assert {g for _, g in stream} == {"nc:e1", "wm:o", "wm:r"}
    wm_only = [(r, g) for r, g in stream if g.startswith("wm:")]
    fig = mixed_figures(wm_only)
    assert fig["triples"] == 2 and fig["triples_split"] == 0 and fig["cross_language_false_joins"] == 0
    off = mixed_figures(wm_only, translation_min=0)
    assert off["triples_split"] == 2 and off["recall"] < fig["recall"]
