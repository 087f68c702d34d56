"""The main event an analyst acts on: page furniture (captions, credits, bylines, related links,
teasers) found at ingest and kept out of the events; the headline's event chosen from the lead;
one event told twice merged; numbers bound to events. Short texts written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.ingest.cleaning import CleaningRules, clean, find_furniture
from newsgraph.ingest.text import parse_text
from newsgraph.record import validate


@pytest.fixture(scope="module")
def rules():
    return CleaningRules.load()


def _names(rec, ids):
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    return [ents[i] for i in ids if i in ents]


def _main(rec):
    assert rec["events"], "no events"
    return rec["events"][0]


def _inside(rec, kind, pos):
    return any(f["kind"] == kind and f["start"] is not None and f["start"] <= pos < f["end"]
               for f in rec["furniture"])


# -- furniture at ingest -------------------------------------------------------------------------
def test_furniture_kinds_found_with_offsets(rules):
    text = ("By Olena Kovalenko and Mark Reid\n"
            "Soldiers of the brigade crossed the river at dawn.\n"
            "Read more: Bridge over the Dnipro reopens\n"
            "FILE - In this May 3, 2014 file photo, villagers gather near the mine. (AP Photo/Ivan Petrov)\n"
            "Fiskars said it would cut 300 jobs. Click to share on Twitter (Opens in new window)\n"
            "By Sunday the convoy had reached the border.")
    found = find_furniture(text, rules)
    kinds = [f["kind"] for f in found]
    assert kinds == ["byline", "related", "caption", "teaser"]
    for f in found:
        assert text[f["start"]:f["end"]] == f["text"]
    # a sentence that merely starts with "By" is body text
    assert not any("convoy" in f["text"] for f in found)
    assert "Fiskars said" not in found[-1]["text"]


def test_caption_closed_by_credit_is_one_sentence(rules):
    text = ("The port reopened on Monday. Workers unload grain in Odesa, Ukraine, Aug. 2, 2022. "
            "(Reuters Photo/Anna Voitenko) Exports rose by a third.")
    (cap,) = find_furniture(text, rules)
    assert cap["kind"] == "caption"
    assert cap["text"].startswith("Workers unload grain") and cap["text"].endswith("Voitenko)")


def test_clean_mode_drops_as_before_and_lists_dropped_lines(rules):
    raw = ("Mayor resigns after audit of city budget\nPhoto: Reuters/Jan Novak\nBy Dana White\n"
           "The mayor resigned on Tuesday.\nRead also: Audit finds gaps\n")
    cleaned = clean(raw, rules)
    assert cleaned.title == "Mayor resigns after audit of city budget"
    assert "Photo:" not in cleaned.body and "Read also" not in cleaned.body
    assert cleaned.body.startswith("By Dana White")           # a byline stays, marked
    by_kind = {f["kind"]: f for f in cleaned.furniture}
    assert by_kind["caption"]["start"] is None and by_kind["related"]["start"] is None
    byline = by_kind["byline"]
    assert cleaned.body[byline["start"]:byline["end"]] == "By Dana White"


def test_long_line_starting_like_furniture_is_body(rules):
    line = "Related to the audit, " + "the council reviewed every contract signed since 2019 " * 8
    assert find_furniture(line, rules) == []
    assert find_furniture("Related to the audit, the council met.", rules) == []
    # a run of related headlines is long and still furniture
    links = "Related stories " + " ".join(f"Council votes on budget part {n}" for n in range(20))
    assert [f["kind"] for f in find_furniture(links, rules)] == ["related"]


# -- events skip furniture -----------------------------------------------------------------------
def test_old_caption_does_not_become_main_event(pipeline, rules):
    raw = ("Captive aid workers freed in Mali\n"
           "Gunmen abducted the aid workers in Gao on 4 May 2014. (AP Photo/Moussa Diallo)\n"
           "Militants freed two aid workers on Saturday after two years in captivity, the "
           "government said.\n")
    art = parse_text(raw, rules=rules, published=date(2016, 5, 9))
    rec = next(pipeline.analyze_articles([art]))
    validate(rec)
    main = _main(rec)
    assert main["type"] == "release", main
    assert main["trigger"]["text"] == "freed"
    times = rec["times"]
    assert main["time"] is None or "2014" not in times[main["time"]]["value"]
    # the caption is in the record, and nothing in it is an event
    cap = [f for f in rec["furniture"] if f["kind"] == "caption"]
    assert cap and "abducted" in cap[0]["text"]
    assert not any(ev["trigger"]["text"] == "abducted" for ev in rec["events"])


def test_read_more_line_is_furniture_and_yields_no_event(analyze):
    text = ("Police arrested three men in Lviv on Friday.\n"
            "Read more: Protesters clashed with police in Odesa\n"
            "The men were released on bail on Sunday.")
    rec = analyze(text, language="en")
    validate(rec)
    related = [f for f in rec["furniture"] if f["kind"] == "related"]
    assert len(related) == 1 and rec["text"][related[0]["start"]:related[0]["end"]].startswith("Read more")
    for ev in rec["events"]:
        assert not _inside(rec, "related", ev["trigger"]["start"]), ev
    assert any(ev["type"] == "arrest" for ev in rec["events"])


# -- the headline's event -------------------------------------------------------------------------
def test_headline_event_chosen_from_lead(analyze):
    text = ("Thousands of people marched in Tbilisi on Sunday. Police arrested opposition leader "
            "Nika Gvaramia during the rally, his party said. The protest ended at night.")
    plain = analyze(text, language="en")
    titled = analyze(text, language="en", title="Police arrest Georgian opposition leader Gvaramia")
    main = _main(titled)
    assert main["type"] == "arrest" and main["trigger"]["text"] == "arrested"
    assert any("Gvaramia" in n for n in _names(titled, main["patients"]))
    # without the headline the lead sentence's march comes first: the title decided
    assert _main(plain)["trigger"]["text"] != "arrested"


def test_headline_topic_before_colon_gives_way_to_the_news(analyze):
    text = ("Firefighters rescued Olena Bondar on Wednesday after driver Petro Ivanenko crashed "
            "the tram in Croydon. The line stayed closed.")
    rec = analyze(text, language="en", title="Tram crash: firefighters rescue Olena Bondar")
    main = _main(rec)
    assert (main["type"], main["trigger"]["text"]) == ("rescue", "rescued")
    assert any("Bondar" in n for n in _names(rec, main["patients"]))


# -- one event told twice, and its numbers --------------------------------------------------------
def test_same_trigger_and_participants_merged(analyze):
    text = ("Prosecutors charged Ivan Petrenko with fraud on Monday. Prosecutors charged Ivan "
            "Petrenko with fraud after a long inquiry, the court said.")
    rec = analyze(text, language="en")
    validate(rec)
    charges = [ev for ev in rec["events"] if ev["trigger"]["text"] == "charged"]
    assert len(charges) == 1, [(e["type"], e["trigger"]) for e in rec["events"]]
    starts = [m["start"] for m in charges[0]["mentions"]]
    assert len(starts) == 2 and starts == sorted(starts)
    assert all(rec["text"][m["start"]:m["end"]] == "charged" for m in charges[0]["mentions"])


def test_different_participants_not_merged(analyze):
    rec = analyze("Police arrested Oleh Marchenko on Monday. Police arrested Petro Savchuk on Friday.",
                  language="en")
    arrests = [ev for ev in rec["events"] if ev["type"] == "arrest"]
    assert len(arrests) == 2


def test_killed_quantity_bound_as_casualties(analyze):
    rec = analyze("A missile strike killed 12 people in Kharkiv on Monday. Rebels freed 21 hostages "
                  "on Tuesday.", language="en")
    validate(rec)
    qs = rec["quantities"]
    kill = next(ev for ev in rec["events"] if ev["type"] == "kill")
    bound = [(qs[b["quantity"]]["value"], b["role"]) for b in kill["quantities"]]
    assert bound == [(12, "casualties")]
    freed = next(ev for ev in rec["events"] if ev["type"] == "release")
    assert [(qs[b["quantity"]]["value"], b["role"]) for b in freed["quantities"]] == [(21, "count")]


def test_amount_bound_to_event_noun(analyze):
    rec = analyze("The government imposed sanctions worth $5 billion on the company.", language="en")
    qs = rec["quantities"]
    roles = [(qs[b["quantity"]]["unit"], b["role"]) for ev in rec["events"] for b in ev["quantities"]]
    assert ("USD", "amount") in roles, (roles, [(e["type"], e["trigger"]["text"]) for e in rec["events"]])


def test_number_in_other_clause_not_bound(analyze):
    rec = analyze("Police arrested the suspect, who had fled with 40 rifles.", language="en")
    arrest = next(ev for ev in rec["events"] if ev["type"] == "arrest")
    assert arrest["quantities"] == []


@pytest.mark.parametrize("lang,text,value", [
    ("uk", "Унаслідок обстрілу загинули 9 людей у Сумах. Рятувальники працюють на місці.", 9),
    ("ru", "Боевики убили 7 человек в селе под Курском. Следователи выехали на место.", 7),
])
def test_casualties_bound_in_ukrainian_and_russian(analyze, lang, text, value):
    rec = analyze(text, language=lang)
    validate(rec)
    qs = rec["quantities"]
    kill = next(ev for ev in rec["events"] if ev["type"] == "kill")
    assert [(qs[b["quantity"]]["value"], b["role"]) for b in kill["quantities"]] == [(value, "casualties")]


def test_furniture_in_ukrainian_and_russian(rules):
    uk = "Фото: Олег Петренко\nУряд ухвалив рішення.\nЧитайте також: Верховна Рада зібралася\nАвтор: Ірина Мельник"
    ru = "Правительство приняло решение.\nПодробнее: Госдума собралась\nФото: Иван Сидоров"
    assert [f["kind"] for f in find_furniture(uk, rules)] == ["caption", "related", "byline"]
    assert [f["kind"] for f in find_furniture(ru, rules)] == ["related", "caption"]


def test_main_event_place_from_the_lead(analyze):
    text = ("Emergency crews reached the collapsed school in Ternopil on Monday.\n"
            "Firefighters rescued Ivan Hrytsenko from the rubble, officials said.")
    rec = analyze(text, language="en", title="Rescuers save Ivan Hrytsenko from collapsed school")
    main = _main(rec)
    assert (main["type"], main["trigger"]["text"]) == ("rescue", "rescued"), main
    assert main["place"] is not None
    assert _names(rec, [main["place"]]) == ["Ternopil"]
