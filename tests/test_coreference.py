"""Coreference within an article (#16 item 2): full names, surnames, titles and descriptions
join one person; people sharing a surname stay apart; a company is one organisation however the
model typed it; an organisation inflected by case in uk/ru is one entity; names only in captions
and credits are no antecedents of the body. Short texts written for these tests, real output."""
from __future__ import annotations

import pytest

from newsgraph.ingest import Article


@pytest.fixture(scope="module")
def run(analyze_entities):
    return analyze_entities


def named(rec, name):
    hits = [e for e in rec["entities"] if e["name"] == name]
    assert hits, [(e["name"], e["type"]) for e in rec["entities"]]
    return hits[0]


def texts(ent):
    return [m["text"] for m in ent["mentions"]]


def holder(rec, start):
    return next((e for e in rec["entities"] if any(m["start"] == start for m in e["mentions"])), None)


def test_full_name_is_canonical_and_title_and_honorific_mentions_join_it(run):
    text = ("Governor Helen Park signed the budget on Friday. Park said schools would get more "
            "money. The governor also thanked Mr Lee, and Ms Park left for the capital.")
    rec = run(text)
    park = named(rec, "Helen Park")
    assert park["type"] == "PERSON" and "Governor" in park["titles"]
    ms = text.index("Ms Park") + len("Ms ")
    got = texts(park)
    assert got.count("Park") == 2 and "The governor" in got
    assert holder(rec, ms) is park            # "Ms Park" (typed LOC by the model) is her
    assert not any(e["name"] in ("Park", "Ms Park") for e in rec["entities"])


def test_brothers_sharing_a_surname_stay_apart(run):
    text = ("Police identified the shooter as Dale Hurst, 41. His brother, Owen Hurst, said he "
            "had not spoken to him in years. Owen said the family was in shock.")
    rec = run(text)
    dale, owen = named(rec, "Dale Hurst"), named(rec, "Owen Hurst")
    assert dale["id"] != owen["id"]
    assert "Owen" in owen["aliases"] and "Owen" not in texts(dale)
    assert not any("brother" in t.casefold() for t in dale["titles"])


def test_a_lawyer_introduced_by_occupation_is_one_person(run):
    text = ("Lawyer Nora Quinlan said the tenants would appeal. Quinlan called the eviction "
            "unlawful. The lawyer said the families had nowhere to go.")
    rec = run(text)
    people = [e for e in rec["entities"] if e["type"] == "PERSON"]
    assert [e["name"] for e in people] == ["Nora Quinlan"]
    nora = people[0]
    assert "Lawyer" in nora["titles"]
    assert "Quinlan" in texts(nora) and "The lawyer" in texts(nora)


def test_a_company_typed_person_at_a_sentence_start_is_one_organisation(run):
    text = ("Northwind agreed to buy Stellar Chips for $4 billion. Northwind said the deal would "
            "close in May. Analysts expect Northwind to cut jobs.")
    rec = run(text)
    north = [e for e in rec["entities"] if e["name"] == "Northwind"]
    assert len(north) == 1, [(e["name"], e["type"]) for e in north]
    assert north[0]["type"] == "ORG" and len(north[0]["mentions"]) >= 2


@pytest.mark.parametrize("language, text, forms", [
    ("ru", "Компания «Норта Капитал» подала иск. Юристы «Норты Капитал» отказались от "
           "комментариев. Суд арестовал счета «Норте Капитал».",
     ["Норта Капитал", "Норты Капитал", "Норте Капитал"]),
    ("uk", "Компанія «Норта Капітал» подала позов. Юристи «Норти Капітал» відмовилися від "
           "коментарів. Суд заарештував рахунки «Норті Капітал».",
     ["Норта Капітал", "Норти Капітал", "Норті Капітал"]),
])
def test_an_organisation_inflected_by_case_is_one_entity(run, language, text, forms):
    rec = run(Article(text=text, language=language), language=language)
    holders = {holder(rec, text.index(f))["id"] for f in forms}
    assert len(holders) == 1
    org = next(e for e in rec["entities"] if e["id"] in holders)
    assert org["type"] == "ORG" and sorted(texts(org)) == sorted(forms)


def test_a_photo_credit_is_no_antecedent_of_the_body(run):
    text = ("Flood waters rose across the valley on Sunday.\nPhoto: Daniel Kerr/Reuters\n"
            "He said the dam would hold, according to a statement from the mayor.")
    rec = run(text)
    assert rec["furniture"] and "Daniel Kerr" in rec["furniture"][0]["text"]
    kerr = named(rec, "Daniel Kerr")
    assert texts(kerr) == ["Daniel Kerr"]      # not "He", not "the mayor"
    assert holder(rec, text.index("He said")) is None


def test_furniture_dropped_from_the_text_has_no_span():
    """A furniture line the reader dropped has no offsets: it marks nothing (it crashed once)."""
    from newsgraph.extract.actors import Resolution

    class Doc:       # no tokens: only the span index is exercised
        tokens, ner, has_parser, text = [], [], False, ""

    res = Resolution(Doc(), {}, {}, furniture=[{"start": 10, "end": 20, "kind": "caption"},
                                               {"start": None, "end": None, "kind": "credit"}])
    assert res.in_furniture(12, 14) and not res.in_furniture(20, 25)


def test_a_leak_named_after_a_place_is_not_a_place(run):
    text = ("Journalists who examined the Pandora Papers found hidden accounts. The Pandora Papers "
            "were published in 2021.")
    rec = run(text)
    leak = named(rec, "Pandora Papers")
    assert leak["type"] == "MISC"


def test_a_country_takes_no_clause_as_a_title(run):
    text = "France, a partner used to settle trade quarrels, signed the pact on Monday."
    rec = run(text)
    france = named(rec, "France")
    assert not any("used" in t for t in france["titles"])
    # a plain apposition is still an organisation's title
    rec = run("Reuters, the news agency, reported the pact on Monday.")
    assert named(rec, "Reuters")["titles"] == ["the news agency"]
