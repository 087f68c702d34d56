"""Quantities in en/uk/ru: values, qualifiers, ranges, vague plurals, currencies, counted nouns.

English goes through the pipeline (the counted noun comes from spaCy's part-of-speech tags).
Ukrainian and Russian run the times and quantities extractors on a bare AnalyzedDoc (they read
characters and pymorphy3, not the backend's parse), so they do not wait for those backends.
"""
from __future__ import annotations

from datetime import date

import jsonschema
import pytest

from newsgraph.extract.quantities import QuantityExtractor
from newsgraph.extract.times import TimeExtractor
from newsgraph.doc import text_document
from newsgraph.record import load_schema
from newsgraph.resources import Resources

PUB = date(2025, 12, 5)


@pytest.fixture(scope="module")
def extract_bare():
    resources = Resources()
    times, quantities = TimeExtractor(resources), QuantityExtractor(resources)

    def run(text, lang, published=PUB):
        doc = text_document(text, lang, resources.data(lang), published=published)
        parts = times(doc, {})
        return quantities(doc, parts)["quantities"]
    return run


@pytest.fixture(scope="module")
def en(analyze):
    def run(text, published=PUB):
        record = analyze(text, language="en", published=published)
        assert "error" not in record, record.get("error")
        return record
    return run


def find(quantities, text):
    for q in quantities:
        if q["text"] == text:
            return q
    raise AssertionError(f"{text!r} not among {[q['text'] for q in quantities]}")


def check(quantities, text, value, qualifier, unit, low="same", high="same"):
    q = find(quantities, text)
    assert (q["value"], q["qualifier"], q["unit"]) == (value, qualifier, unit), q
    if low != "same":
        assert q["low"] == low, q
    if high != "same":
        assert q["high"] == high, q


# -- English --------------------------------------------------------------------------------------
def test_en_counted_nouns_and_qualifiers(en):
    record = en("They fund over 50,000 fighters and control 14 underground command rooms. The report "
                "rests on interviews with 48 people. Two officers confirmed it. More than 40 drones "
                "struck; the truce lasts up to three weeks; at least 120 schools closed.")
    qs = record["quantities"]
    check(qs, "over 50,000 fighters", 50000, "more_than", "fighters", low=50000, high=None)
    check(qs, "14 underground command rooms", 14, "exact", "underground command rooms", low=14, high=14)
    check(qs, "48 people", 48, "exact", "people")
    check(qs, "Two officers", 2, "exact", "officers")
    check(qs, "More than 40 drones", 40, "more_than", "drones")
    check(qs, "up to three weeks", 3, "up_to", "weeks", low=None, high=3)
    check(qs, "at least 120 schools", 120, "at_least", "schools")
    schema = load_schema()["$defs"]["quantity"]
    for q in qs:
        jsonschema.validate(q, schema)
        assert record["text"][q["start"]:q["end"]] == q["text"]


def test_en_money_percent_ranges_vague(en):
    qs = en("Exiles moved millions of dollars; one deal was $2.5 million and another about $2.5 million. "
            "The plant cost 120 million euros and makes 600 megawatts. Turnout was 50 percent, or 50%. "
            "Between 10 and 20 people were hurt; tens of thousands of people fled; $3bn was pledged.")["quantities"]
    check(qs, "millions of dollars", None, "vague", "USD", low=1000000, high=None)
    check(qs, "$2.5 million", 2500000, "exact", "USD")
    check(qs, "about $2.5 million", 2500000, "about", "USD")
    check(qs, "120 million euros", 120000000, "exact", "EUR")
    check(qs, "600 megawatts", 600, "exact", "megawatts")
    check(qs, "50 percent", 50, "exact", "percent")
    check(qs, "50%", 50, "exact", "percent")
    check(qs, "Between 10 and 20 people", None, "range", "people", low=10, high=20)
    check(qs, "tens of thousands of people", None, "vague", "people", low=10000)
    check(qs, "$3bn", 3000000000, "exact", "USD")
    qs = en("Half a million people fled; 2 to 3 million people stayed; it fell to -23 °C; €40m was paid; "
            "10 to 20 wounded; the vote was 5 to 4.")["quantities"]
    check(qs, "Half a million people", 500000, "exact", "people")
    check(qs, "2 to 3 million people", None, "range", "people", low=2000000, high=3000000)
    check(qs, "-23 °C", -23, "exact", "°C")
    check(qs, "€40m", 40000000, "exact", "EUR")
    assert not any(q["qualifier"] == "range" and q["low"] == 5 for q in qs)


def test_en_not_quantities(en):
    record = en("In 2025 the Su-34 flew under Resolution 2254 at 10:30 on 8 December; call "
                "+380 44 123 4567. One advantage: the 3rd brigade left two days ago.")
    assert record["quantities"] == [], record["quantities"]
    spans = [(t["start"], t["end"]) for t in record["times"]]
    assert spans  # the years and dates went to times instead


def test_en_times_and_quantities_do_not_overlap(en):
    record = en("In September 2025, over 50,000 fighters gathered; two days ago 14 rooms were found.")
    for q in record["quantities"]:
        for t in record["times"]:
            assert q["end"] <= t["start"] or q["start"] >= t["end"], (q, t)
    assert {q["value"] for q in record["quantities"]} == {50000, 14}


def test_en_seed_example(seed_record):
    qs = seed_record["quantities"]
    check(qs, "millions of dollars", None, "vague", "USD", low=1000000)
    check(qs, "over 50,000 fighters", 50000, "more_than", "fighters")
    check(qs, "14 underground command rooms", 14, "exact", "underground command rooms")
    check(qs, "48 people", 48, "exact", "people")
    check(qs, "Two officers", 2, "exact", "officers")
    assert all(q["value"] != 2025 and q["value"] != 2024 for q in qs)


# -- Ukrainian ------------------------------------------------------------------------------------
def test_uk_quantities(extract_bare):
    qs = extract_bare(
        "Вони фінансують понад 50 тисяч бойовиків і 14 підземних командних пунктів. Прихильники "
        "переказують мільйони доларів. Щонайменше 120 навчальних закладів пошкоджено, збитки — "
        "300 мільйонів гривень. Близько 1,5 мільйона людей виїхали, 50 відсотків будинків "
        "зруйновано, двоє офіцерів підтвердили. Від 10 до 20 осіб поранено; до 10 років ув'язнення.",
        "uk")
    check(qs, "понад 50 тисяч бойовиків", 50000, "more_than", "бойовик", low=50000, high=None)
    check(qs, "14 підземних командних пунктів", 14, "exact", "підземний командний пункт")
    check(qs, "мільйони доларів", None, "vague", "USD", low=1000000, high=None)
    check(qs, "Щонайменше 120 навчальних закладів", 120, "at_least", "навчальний заклад")
    check(qs, "300 мільйонів гривень", 300000000, "exact", "UAH")
    check(qs, "Близько 1,5 мільйона людей", 1500000, "about", "людина")
    check(qs, "50 відсотків", 50, "exact", "percent")
    check(qs, "двоє офіцерів", 2, "exact", "офіцер")
    check(qs, "Від 10 до 20 осіб", None, "range", "особа", low=10, high=20)
    check(qs, "до 10 років", 10, "up_to", "рік")


def test_uk_not_quantities(extract_bare):
    text = "У вересні 2025 року, 8 грудня 2024 року, рік тому. 93-тя бригада, стаття 111, тел. 044 123 45 67."
    assert extract_bare(text, "uk") == []
    assert extract_bare(text, "uk", published=None) == []


# -- Russian --------------------------------------------------------------------------------------
def test_ru_quantities(extract_bare):
    qs = extract_bare(
        "Они финансируют более 50 тысяч боевиков и 14 подземных командных пунктов. Сторонники "
        "переводят миллионы долларов. Около 1,5 миллиона человек покинули дома, 50 процентов домов "
        "разрушены, по меньшей мере 120 учебных заведений закрыты. От 10 до 20 человек ранены, "
        "десятки тысяч людей эвакуированы; 300 млн рублей; двое офицеров подтвердили.", "ru")
    check(qs, "более 50 тысяч боевиков", 50000, "more_than", "боевик")
    check(qs, "14 подземных командных пунктов", 14, "exact", "подземный командный пункт")
    check(qs, "миллионы долларов", None, "vague", "USD", low=1000000)
    check(qs, "Около 1,5 миллиона человек", 1500000, "about", "человек")
    check(qs, "50 процентов", 50, "exact", "percent")
    check(qs, "по меньшей мере 120 учебных заведений", 120, "at_least", "учебное заведение")
    check(qs, "От 10 до 20 человек", None, "range", "человек", low=10, high=20)
    check(qs, "десятки тысяч людей", None, "vague", "человек", low=10000)
    check(qs, "300 млн рублей", 300000000, "exact", "RUB")
    check(qs, "двое офицеров", 2, "exact", "офицер")


def test_ru_not_quantities(extract_bare):
    assert extract_bare("В сентябре 2025 года, год назад, 93-я бригада, статья 111, в 2027 году.", "ru") == []


def test_ru_through_pipeline(analyze):
    record = analyze("Более 50 тысяч боевиков собрались в сентябре 2025 года.", language="ru", published=PUB)
    if "error" in record:
        pytest.skip(f"Russian backend not available here: {record['error']}")
    check(record["quantities"], "Более 50 тысяч боевиков", 50000, "more_than", "боевик")
    assert [t["value"] for t in record["times"]] == ["2025-09"]


def test_uk_through_pipeline(analyze):
    record = analyze("Понад 50 тисяч бойовиків зібралися у вересні 2025 року; збитки — 300 мільйонів гривень.",
                     language="uk", published=PUB)
    if "error" in record:
        pytest.skip(f"Ukrainian backend not available here: {record['error']}")
    check(record["quantities"], "Понад 50 тисяч бойовиків", 50000, "more_than", "бойовик")
    check(record["quantities"], "300 мільйонів гривень", 300000000, "exact", "UAH")
    assert [t["value"] for t in record["times"]] == ["2025-09"]


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_hostile_text_keeps_offsets_and_never_overlaps(extract_bare, lang):
    junk = ["", "$", "1 000 000 000 000 000 000 people", "999999999999999999999999 $", "31.02.2024 00.00.0000",
            "over over 5 5 5 млн млн тисяч %% ’s 'ago", "between 10 and", "від до 20", "XX XX століття 8-10",
            "\n\n12\n\nmillions\n\nof\n\ndollars 2024-13-45 Dec. 32, 2024"]
    for text in junk:
        qs = extract_bare(text, lang)
        for q in qs:
            assert text[q["start"]:q["end"]] == q["text"] and q["start"] < q["end"]


# -- currencies by their name and by the article's countries --------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Cairo court ordered Egypt's largest steel firm to pay 40 million Egyptian pounds. "
           "Its rival in Alexandria paid 900,000 pounds.",
     {"40 million Egyptian pounds": "EGP", "900,000 pounds": "EGP"}),
    ("en", "Jordan's cabinet in Amman approved a loan of 75 million Jordanian dinars, and "
           "Jordan will repay 2 million dinars a year.",
     {"75 million Jordanian dinars": "JOD", "2 million dinars": "JOD"}),
    ("en", "A court in Manchester fined the British club 3 million pounds.",
     {"3 million pounds": "GBP"}),
    ("en", "Ukraine will receive 5 billion dollars in aid, officials in Kyiv said, while "
           "Australia also sent help.",
     {"5 billion dollars": "USD"}),
    ("ru", "Власти Египта в Каире выделили 30 миллионов египетских фунтов, а Египет потратит "
           "ещё 8 тысяч фунтов на ремонт.",
     {"30 миллионов египетских фунтов": "EGP", "8 тысяч фунтов": "EGP"}),
    ("uk", "Уряд Іраку в Багдаді виділив 40 мільярдів іракських динарів, а Ірак витратить "
           "ще 2 мільярди динарів.",
     {"40 мільярдів іракських динарів": "IQD", "2 мільярди динарів": "IQD"}),
])
def test_currency_from_its_name_and_the_articles_countries(analyze, lang, text, expected):
    rec = analyze(text, language=lang)
    got = {q["text"]: q["unit"] for q in rec["quantities"]}
    for surface, code in expected.items():
        assert got.get(surface) == code, (surface, got)
