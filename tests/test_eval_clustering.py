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
