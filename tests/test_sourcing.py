"""Sourcing: the article-level summary built from the claims."""
from __future__ import annotations

from newsgraph.record import validate


def sourcing_of(rec):
    assert "error" not in rec, rec.get("error")
    validate(rec)
    return rec["sourcing"]


def test_seed_sourcing(seed_record):
    s = sourcing_of(seed_record)
    assert s["primary_sources"] == ["Reuters"]
    assert s["anonymous_sources"] > 0
    assert s["no_response"] == ["Kamal Hassan", "Rami Makhlouf"]
    assert set(s["unreachable"]) >= {"Maher al-Assad"}
    assert len(s["unreachable"]) == 2 and any(n.startswith("Bashar") for n in s["unreachable"])
    assert s["independent_confirmations"] >= 1
    assert s["title"]["source"] == "Reuters" and "reportedly" in s["title"]["hedges"]


def test_counts_distinct_sources(analyze):
    text = ("Maria Lopez said that the bridge was closed. Maria Lopez added that it would reopen. "
            "Two officials said the repairs were slow. A report by the city found that the "
            "bridge was unsafe. Pavel Orlov did not respond to requests for comment.")
    s = sourcing_of(analyze(text, language="en"))
    assert s["named_sources"] == 1            # Maria Lopez twice; Orlov did not speak
    assert s["anonymous_sources"] == 1
    assert s["no_response"] == ["Pavel Orlov"]
    assert s["unreachable"] == [] and s["primary_sources"] == []


def test_wire_from_the_lead_and_confirmations(analyze):
    text = ("Troops left the town on Monday, according to Reuters. Two officers and a local "
            "governor confirmed the withdrawal. Reuters could not reach the commander.")
    s = sourcing_of(analyze(text, language="en"))
    assert s["primary_sources"] == ["Reuters"]
    assert s["independent_confirmations"] == 2
    assert s["unreachable"] == ["the commander"]


def test_publisher_is_not_a_wire(analyze):
    text = "Prices rose sharply, according to the Kyiv Post. Analysts said inflation would ease."
    s = sourcing_of(analyze(text, language="en", outlet="Kyiv Post"))
    assert s["primary_sources"] == []


def test_empty_article_sourcing(analyze):
    s = sourcing_of(analyze("The bridge was closed on Monday.", language="en"))
    assert (s["named_sources"], s["anonymous_sources"], s["primary_sources"]) == (0, 0, [])
