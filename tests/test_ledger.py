"""The claim ledger (kb/ledger.py): corroboration, independence, figure and denial conflicts."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.kb.ledger import build_ledger, claim_key

DAY = date(2025, 6, 3)


def record(rid, outlet, text, claims=(), quantities=(), entities=(), language="en"):
    """A record in the contract's shape, offsets computed from the text (for logic-only tests)."""
    def span(sub):
        start = text.index(sub)
        return {"start": start, "end": start + len(sub), "text": sub}

    ents = []
    for n, (name, key) in enumerate(entities, 1):
        mentions = []
        pos = text.find(name)
        while pos >= 0:
            mentions.append({"start": pos, "end": pos + len(name), "text": name})
            pos = text.find(name, pos + 1)
        ents.append({"id": f"e{n}", "name": name, "type": "ORG", "key": key, "aliases": [],
                     "mentions": mentions, "titles": []})
    cl = []
    for n, (source, status, content) in enumerate(claims, 1):
        ent = next((e["id"] for e in ents if e["name"] == source), None)
        cl.append({"id": f"c{n}", "content": span(content), "cue": None,
                   "source": {"entity": ent, "kind": "named", **span(source)}, "via": [],
                   "status": status, "hedges": []})
    qs = []
    for sub, value, unit in quantities:
        qs.append({**span(sub), "value": value, "low": None, "high": None, "qualifier": None,
                   "unit": unit})
    return {"id": rid, "outlet": outlet, "language": language, "text": text, "title": None,
            "entities": ents, "claims": cl, "quantities": qs, "times": [], "events": [],
            "relations": []}


MOD = ("Defence Ministry", "defence ministry")
GS = ("General Staff", "general staff")


def test_same_claim_in_two_outlets_is_corroborated_once_per_independent_source():
    t1 = "The General Staff said 12 tanks were destroyed near Pokrovsk."
    t2 = "12 tanks were destroyed near Pokrovsk, the General Staff said on Tuesday."
    a = record("a", "one.example", t1, [("General Staff", "asserted", "12 tanks were destroyed near Pokrovsk")],
               [("12 tanks", 12, "tanks")], [GS])
    b = record("b", "two.example", t2, [("General Staff", "asserted", "12 tanks were destroyed near Pokrovsk")],
               [("12 tanks", 12, "tanks")], [GS])
    c = record("c", "one.example", t1 + " More later.",   # same outlet again
               [("General Staff", "asserted", "12 tanks were destroyed near Pokrovsk")],
               [("12 tanks", 12, "tanks")], [GS])
    d = record("d", "three.example", t1 + " (wire)",      # a wire copy of a, other outlet
               [("General Staff", "asserted", "12 tanks were destroyed near Pokrovsk")],
               [("12 tanks", 12, "tanks")], [GS])
    assert claim_key(a["claims"][0], a) == claim_key(b["claims"][0], b)
    ledger = build_ledger([a, b, c, d], {"a": None, "b": None, "c": None, "d": "a"})
    entry = next(e for e in ledger if e["key"] == claim_key(a["claims"][0], a))
    assert entry["articles"] == ["a", "b", "c", "d"]
    assert entry["independent"] == 2              # a = c (outlet) = d (copy); b
    assert entry["outlets"] == ["one.example", "three.example", "two.example"]
    assert entry["status_counts"] == {"asserted": 4}
    assert entry["conflicts"] == []


def test_different_figures_for_the_same_unit_conflict():
    a = record("a", "one.example", "Russia launched 40 drones at Odesa overnight, the Air Force said.",
               [("the Air Force", "asserted", "Russia launched 40 drones at Odesa overnight")],
               [("40 drones", 40, "drones")], [("Odesa", "odesa")])
    b = record("b", "two.example", "Russia launched 55 drones at Odesa overnight, the Air Force said.",
               [("the Air Force", "asserted", "Russia launched 55 drones at Odesa overnight")],
               [("55 drones", 55, "drones")], [("Odesa", "odesa")])
    c = record("c", "three.example", "Odesa port handled 55 ships last month, the port authority said.",
               [("the port authority", "asserted", "Odesa port handled 55 ships last month")],
               [("55 ships", 55, "ships")], [("Odesa", "odesa")])
    ledger = build_ledger([a, b, c], {})
    figures = [x for e in ledger for x in e["conflicts"] if x["kind"] == "figure"]
    assert figures and all(set(x["articles"]) == {"a", "b"} for x in figures)
    assert "40 drones" in figures[0]["detail"] and "55 drones" in figures[0]["detail"]
    ships = next(e for e in ledger if "ships" in e["content"])
    assert ships["conflicts"] == []


def test_agreeing_figures_and_overlapping_ranges_do_not_conflict():
    a = record("a", "one.example", "About 40 drones hit Odesa, officials said.",
               [("officials", "asserted", "About 40 drones hit Odesa")], [("About 40 drones", 40, "drones")],
               [("Odesa", "odesa")])
    a["quantities"][0]["qualifier"] = "about"
    b = record("b", "two.example", "Officials said 42 drones hit Odesa.",
               [("Officials", "asserted", "42 drones hit Odesa")], [("42 drones", 42, "drones")],
               [("Odesa", "odesa")])
    ledger = build_ledger([a, b], {})
    assert not [x for e in ledger for x in e["conflicts"]]


def test_denial_of_an_assertion_is_a_conflict():
    a = record("a", "one.example", "The General Staff said a Russian Su-34 was shot down on 3 June.",
               [("General Staff", "asserted", "a Russian Su-34 was shot down on 3 June")], entities=[GS])
    b = record("b", "two.example", "The Defence Ministry denied that a Russian Su-34 was shot down on 3 June.",
               [("Defence Ministry", "denied", "a Russian Su-34 was shot down on 3 June")], entities=[MOD])
    ledger = build_ledger([a, b], {})
    denials = [x for e in ledger for x in e["conflicts"] if x["kind"] == "denial"]
    assert denials and denials[0]["articles"] == ["a", "b"]
    assert "Defence Ministry" in denials[0]["detail"]
    by_source = {e["source"]: e for e in ledger}
    assert by_source["Defence Ministry"]["status_counts"] == {"denied": 1}


def test_unrelated_denial_is_not_a_conflict():
    a = record("a", "one.example", "The mayor said the bridge will reopen in July.",
               [("The mayor", "asserted", "the bridge will reopen in July")])
    b = record("b", "two.example", "The ministry denied reports of a gas shortage in the south.",
               [("The ministry", "denied", "reports of a gas shortage in the south")])
    assert not [x for e in build_ledger([a, b], {}) for x in e["conflicts"]]


@pytest.fixture(scope="module")
def raid_records(analyze):
    a = analyze("Russia launched 47 drones and two missiles at Kyiv overnight, Ukraine's air force "
                "said on Tuesday. Air defences shot down 40 of the drones over the Kyiv region, the air "
                "force said.", published=DAY, outlet="a.example")
    b = analyze("Ukraine's air force said Russia attacked Kyiv with 47 drones and two missiles during "
                "the night. Forty-five of the drones were shot down over the Kyiv region.",
                published=DAY, outlet="b.example")
    return a, b


def test_pipeline_records_corroborate_and_conflict(raid_records):
    a, b = raid_records
    ledger = build_ledger([a, b], {a["id"]: None, b["id"]: None})
    backed = [e for e in ledger if e["independent"] == 2]
    assert backed, [e["key"] for e in ledger]
    assert "47" in backed[0]["key"]
    figures = [x for e in ledger for x in e["conflicts"] if x["kind"] == "figure"]
    assert figures and all(sorted(x["articles"]) == sorted([a["id"], b["id"]]) for x in figures)
    assert any("40" in x["detail"] and "Forty-five" in x["detail"] for x in figures)
    assert not any("47" in x["detail"] for x in figures)
    # wire copies count once
    assert build_ledger([a, b], {a["id"]: None, b["id"]: a["id"]})[0]["independent"] == 1


def test_stop_words_are_spacys_lists_without_importing_spacy():
    """The knowledge base's queries (story ledger, web pages) need stop word lists, not spaCy:
    reading the lists must not import the spaCy package (a second per process)."""
    import subprocess
    import sys

    code = ("import sys; from newsgraph.kb import textsim; "
            "n = [len(textsim.stopwords(l)) for l in ('en', 'uk', 'ru')]; "
            "print(min(n), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    smallest, imported = out.split()
    assert int(smallest) > 100 and imported == "False"
    from spacy.lang.ru.stop_words import STOP_WORDS

    from newsgraph.kb import textsim

    assert textsim.stopwords("ru") == frozenset(w.casefold().replace("’", "'") for w in STOP_WORDS)
    assert textsim.stopwords("xx") == frozenset()
