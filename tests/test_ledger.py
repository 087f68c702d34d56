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


# -- sources as readers know them, and conflicts that are not ------------------------------------
from newsgraph.kb.ledger import ledger_view, source_name  # noqa: E402


def test_source_is_the_resolved_name_not_the_pronoun():
    text = "Defence Minister Ivan Petrenko visited Kharkiv. He said 30 shelters were ready."
    rec = record("a", "one.example", text, [("He", "asserted", "30 shelters were ready")],
                 [("30 shelters", 30, "shelters")], [("Ivan Petrenko", "ivan petrenko")])
    rec["claims"][0]["source"]["entity"] = "e1"           # the pronoun resolved to the minister
    assert source_name(rec["claims"][0], rec) == "Ivan Petrenko"
    ledger = build_ledger([rec], {})
    assert [e["source"] for e in ledger] == ["Ivan Petrenko"]


def test_outlet_voice_figures_show_the_outlet_or_the_url_host():
    a = record("a", None, "Odesa port handled 55 ships last month.",
               quantities=[("55 ships", 55, "ships")])
    a["url"] = "https://www.port-news.example/odesa"
    b = record("b", "Kyiv Post", "Odesa port handled 56 ships last month.",
               quantities=[("56 ships", 56, "ships")])
    sources = {e["source"] for e in build_ledger([a, b], {})}
    assert sources == {"port-news.example", "Kyiv Post"}


def test_refusals_and_unreachable_sources_deny_nothing():
    a = record("a", "one.example", "The Kremlin denied that troops crossed the border at Sumy.",
               [("The Kremlin", "denied", "troops crossed the border at Sumy")])
    b = record("b", "two.example", "Spokesman Hong Wei said: I have no comment on troops crossing the border at Sumy.",
               [("Spokesman Hong Wei", "asserted", "I have no comment on troops crossing the border at Sumy")])
    c = record("c", "three.example", "Border guards could not be reached about troops crossing the border at Sumy.",
               [("Border guards", "unreachable", "troops crossing the border at Sumy")])
    ledger = build_ledger([a, b, c], {})
    assert not [x for e in ledger for x in e["conflicts"]]
    refusal = next(e for e in ledger if e["source"] == "Spokesman Hong Wei")
    assert refusal["status_counts"] == {"no_comment": 1}


def test_a_denial_does_not_conflict_with_the_deniers_own_words():
    text = ("The Defence Ministry said the bomber crashed during training. "
            "The Defence Ministry denied that the bomber was shot down during training.")
    rec = record("a", "one.example", text,
                 [("Defence Ministry", "asserted", "the bomber crashed during training"),
                  ("Defence Ministry", "denied", "the bomber was shot down during training")],
                 entities=[MOD])
    other = record("b", "two.example", "The General Staff said the bomber was shot down during training.",
                   [("General Staff", "asserted", "the bomber was shot down during training")],
                   entities=[GS])
    ledger = build_ledger([rec, other], {})
    denials = [x for e in ledger for x in e["conflicts"] if x["kind"] == "denial"]
    assert denials and all(x["articles"] == ["a", "b"] for x in denials)
    own = next(e for e in ledger if e["content"] == "the bomber crashed during training")
    assert own["conflicts"] == []


def test_a_denial_answers_the_claim_it_responds_to():
    text = ("Mayor Olena Koval said the water plant was hit by a missile. "
            "Mayor Olena Koval said the water plant will reopen on Friday. "
            "The company denied it.")
    rec = record("a", "one.example", text,
                 [("Mayor Olena Koval", "asserted", "the water plant was hit by a missile"),
                  ("Mayor Olena Koval", "asserted", "the water plant will reopen on Friday"),
                  ("The company", "denied", "it")])
    rec["claims"][2]["responds_to"] = "c2"
    other = record("b", "two.example", "Officials said the water plant will reopen on Friday.",
                   [("Officials", "asserted", "the water plant will reopen on Friday")])
    ledger = build_ledger([rec, other], {})
    hit = next(e for e in ledger if e["content"] == "the water plant was hit by a missile")
    assert hit["conflicts"] == []
    reopen = [e for e in ledger if e["content"] == "the water plant will reopen on Friday"]
    assert len(reopen) == 2 and all(e["conflicts"] for e in reopen)
    assert {tuple(x["articles"]) for e in reopen for x in e["conflicts"]} == {("a",), ("a", "b")}


# -- the view: sort, filter, page -------------------------------------------------------------------
def _entry(source, independent, statuses, published, lang="en", conflict=False):
    return {"key": source, "content": source, "source": source, "independent": independent,
            "status_counts": statuses, "languages": [lang], "last_published": published,
            "first_published": published, "conflicts": [{"kind": "figure"}] if conflict else []}


LEDGER = [_entry("Air Force", 3, {"asserted": 2}, "2025-06-01"),
          _entry("Kremlin", 2, {"denied": 2, "asserted": 1}, "2025-06-03", "ru", True),
          _entry("mayor", 1, {"no_comment": 1}, None, "uk"),
          _entry("General Staff", 1, {"confirmed": 1}, "2025-06-02", conflict=True)]


def test_ledger_view_sorts():
    def order(**kw):
        return [e["source"] for e in ledger_view(LEDGER, **kw)["entries"]]
    assert order() == ["Air Force", "Kremlin", "mayor", "General Staff"]
    assert order(sort="source") == ["Air Force", "General Staff", "Kremlin", "mayor"]
    assert order(sort="date") == ["Kremlin", "General Staff", "Air Force", "mayor"]
    assert order(sort="status") == ["Air Force", "General Staff", "Kremlin", "mayor"]
    with pytest.raises(ValueError):
        ledger_view(LEDGER, sort="nonsense")


def test_ledger_view_filters_and_pages():
    def sources(**kw):
        return [e["source"] for e in ledger_view(LEDGER, **kw)["entries"]]
    assert sources(conflicts=True) == ["Kremlin", "General Staff"]
    assert sources(min_independent=2) == ["Air Force", "Kremlin"]
    assert sources(status="denied") == ["Kremlin"]
    assert sources(language="uk") == ["mayor"]
    assert sources(source="  general  ") == ["General Staff"]
    page = ledger_view(LEDGER, per_page=3, page=2)
    assert [e["source"] for e in page["entries"]] == ["General Staff"]
    assert (page["total"], page["matched"], page["pages"], page["page"], page["first"],
            page["last"], page["conflicts"]) == (4, 4, 2, 2, 4, 4, 2)
    assert ledger_view(LEDGER, per_page=3, page=99)["page"] == 2      # past the end: the last
    empty = ledger_view(LEDGER, status="retracted")
    assert (empty["matched"], empty["pages"], empty["first"], empty["entries"]) == (0, 1, 0, [])


def test_pipeline_ledger_names_the_speaker_behind_a_pronoun(analyze):
    rec = analyze("Governor Oleh Syniehubov visited the damaged school in Kharkiv on Monday. "
                  "He said 14 people were injured in the strike.", published=DAY,
                  outlet="c.example")
    ents = {e["id"]: e for e in rec["entities"]}
    resolved = [c for c in rec["claims"] if c["source"].get("entity") in ents]
    assert resolved, rec["claims"]
    ledger = build_ledger([rec], {rec["id"]: None})
    shown = {e["source"] for e in ledger}
    assert "He" not in shown and "he" not in shown
    for c in resolved:
        assert ents[c["source"]["entity"]]["name"] in shown


def test_a_shared_small_number_alone_does_not_make_a_denial_answer_a_claim():
    a = record("a", "one.example", "The port authority said two cranes were repaired in Izmail.",
               [("The port authority", "asserted", "two cranes were repaired in Izmail")],
               [("two cranes", 2, "cranes")], [("Izmail", "izmail")])
    b = record("b", "two.example", "The ministry denied that two generals were dismissed in Kyiv.",
               [("The ministry", "denied", "two generals were dismissed in Kyiv")],
               [("two generals", 2, "generals")], [("Kyiv", "kyiv")])
    c = record("c", "three.example", "The navy denied that two cranes were repaired in Izmail.",
               [("The navy", "denied", "two cranes were repaired in Izmail")],
               [("two cranes", 2, "cranes")], [("Izmail", "izmail")])
    ledger = build_ledger([a, b, c], {})
    denials = {tuple(x["articles"]) for e in ledger for x in e["conflicts"] if x["kind"] == "denial"}
    assert denials == {("a", "c")}


def test_a_denial_without_content_words_answers_nothing_by_itself():
    a = record("a", "one.example", "The governor said it.", [("The governor", "asserted", "it")])
    b = record("b", "two.example", "The army denied it.", [("The army", "denied", "it")])
    assert not [x for e in build_ledger([a, b], {}) for x in e["conflicts"]]
