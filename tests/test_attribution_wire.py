"""Datelines, wire credits and agency tags in en/uk/ru, and the outlet from the URL's domain
(issue #14): they set sourcing.primary_sources and the claims' via chain. Texts written for the
tests."""
from __future__ import annotations

import pytest

from newsgraph.ingest.outlets import outlet_of_url
from newsgraph.record import validate


def run(analyze, text, lang, **meta):
    rec = analyze(text, language=lang, **meta)
    assert "error" not in rec, rec.get("error")
    validate(rec)
    return rec


def via_names(rec, claim):
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    return [ents.get(v.get("entity")) or v["text"] for v in claim["via"]]


@pytest.mark.parametrize("lang,text,wire", [
    ("en", "(Reuters) - The port authority said on Monday that the terminal would reopen.",
     "Reuters"),
    ("en", "LVIV (AP) — The regional governor said two bridges were damaged overnight.", "AP"),
    ("en", "Xinhua | Updated: 2025-11-30 10:02\nThe commerce ministry said exports rose in "
           "October.", "Xinhua"),
    ("uk", "ЛЬВІВ. 3 березня. УНН. Голова ОДА заявив, що два мости пошкоджено.", "УНН"),
    ("uk", "Голова ОДА заявив, що два мости пошкоджено вночі. — УНН", "УНН"),
    ("ru", "МОСКВА, 3 марта — РИА Новости. Губернатор заявил, что два моста повреждены.",
     "РИА Новости"),
    ("ru", "Казань. 3 марта. KAZANPORT.RU - Губернатор заявил, что два моста повреждены.",
     "KAZANPORT.RU"),
])
def test_wire_tag_is_primary_and_in_via(analyze, lang, text, wire):
    rec = run(analyze, text, lang)
    assert rec["sourcing"]["primary_sources"] == [wire]
    said = [c for c in rec["claims"] if c["source"]["kind"] != "outlet"]
    assert said and all(via_names(rec, c)[:1] == [wire] for c in said)


def test_outlet_cited_in_the_lead_below_a_headline_and_a_date_line(analyze):
    # the lead's first two sentences are counted from the running text, not the headline
    rec = run(analyze, "Місто закриє порт на ремонт - ЗМІ\n\nНеділя, 12 квітня 2020, 10:15\n\n"
                       "Міська рада планує закрити порт на два тижні з 4 травня.\n\nПро це в "
                       "неділю повідомила газета Портові вісті з посиланням на джерела, пише "
                       "\"Українська правда\".", "uk")
    assert rec["sourcing"]["primary_sources"] == ["Українська правда"]


@pytest.mark.parametrize("lang,text,words,outlet", [
    ("ru", "В Казани закрыли мост через Волгу, сообщает «Вечерняя газета» со ссылкой на "
           "пресс-секретаря городской администрации Казани (ГАК) Ирину Смирнову.",
     "В Казани закрыли мост через Волгу", "Вечерняя газета"),
    ("uk", "У Львові закрили міст через річку, повідомляє «Вечірня газета» з посиланням на "
           "прессекретаря міської адміністрації Львова Ірину Смирнову.",
     "У Львові закрили міст через річку", "Вечірня газета"),
])
def test_outlet_citing_a_titled_speaker_carries_the_words(analyze, lang, text, words, outlet):
    # the one cited speaks, the outlet that cites her carries; "со ссылкой на ..." is neither
    # the words nor part of the outlet's name
    rec = run(analyze, text, lang)
    (c,) = rec["claims"]
    assert "Смирнов" in c["source"]["text"] and c["content"]["text"] == words
    assert via_names(rec, c) == [outlet]


def test_a_web_domain_is_an_outlet_that_carries(analyze):
    rec = run(analyze, "Губернатор закрыл мост на ремонт. Об этом сообщает PORTNEWS.UA со "
                       "ссылкой на Би-би-си.", "ru")
    (c,) = rec["claims"]
    assert c["source"]["text"] == "Би-би-си" and via_names(rec, c) == ["PORTNEWS.UA"]


def test_no_wire_without_a_tag(analyze):
    rec = run(analyze, "ЛЬВІВ. Голова ОДА заявив, що два мости пошкоджено.", "uk")
    assert rec["sourcing"]["primary_sources"] == []


def test_outlet_from_url_and_wire_credit(analyze):
    rec = run(analyze, "The port authority said the terminal would reopen. (Reuters wire)",
              "en", url="https://www.dailymail.co.uk/news/article-1/port.html")
    assert rec["outlet"] == "Daily Mail"
    assert rec["sourcing"]["primary_sources"] == ["Reuters"]
    c = next(c for c in rec["claims"] if "port authority" in c["source"]["text"])
    assert via_names(rec, c) == ["Reuters", "Daily Mail"]


@pytest.mark.parametrize("url,outlet", [
    ("https://www.unian.ua/world/123.html", "УНІАН"),
    ("https://uk.reuters.com/article/x", "Reuters"),
    ("https://ria.ru/20251201/x.html", "РИА Новости"),
    ("https://example.org/news", None),
    ("not a url", None),
    ("http://[bad", None),
    (None, None),
])
def test_outlet_of_url(url, outlet):
    assert outlet_of_url(url) == outlet


def test_given_outlet_wins_over_url(analyze):
    rec = run(analyze, "The mayor said the bridge was closed.", "en",
              url="https://www.bbc.com/news/x", outlet="My Local Paper")
    assert rec["outlet"] == "My Local Paper"
