"""Times: stated and relative time expressions in en/uk/ru, with and without a publication date.

Ukrainian and Russian run the extractor on a bare AnalyzedDoc (it reads characters, not a parse),
so they do not wait for those backends; English goes through the full pipeline.
"""
from __future__ import annotations

from datetime import date

import jsonschema
import pytest

from newsgraph.extract.times import TimeExtractor
from newsgraph.doc import text_document
from newsgraph.record import load_schema
from newsgraph.resources import Resources

PUB = date(2025, 12, 5)   # a Friday


@pytest.fixture(scope="module")
def extract():
    resources = Resources()
    ex = TimeExtractor(resources)

    def run(text, lang, published=None):
        doc = text_document(text, lang, resources.data(lang), published=published)
        return ex(doc, {})["times"]
    return run


def by_text(times):
    return {t["text"]: t for t in times}


def check(times, text, value, granularity, anchor):
    found = by_text(times)
    assert text in found, f"{text!r} not in {sorted(found)}"
    t = found[text]
    assert (t["value"], t["granularity"], t["anchor"]) == (value, granularity, anchor), t


def test_schema_and_offsets(extract):
    schema = load_schema()["$defs"]["time"]
    text = "On Tuesday, a year ago, in September 2025 and on 8 December 2024, then last week."
    for pub in (PUB, None):
        times = extract(text, "en", pub)
        assert times
        for t in times:
            jsonschema.validate(t, schema)
            assert text[t["start"]:t["end"]] == t["text"]


# -- English --------------------------------------------------------------------------------------
EN = ("Assad, who fled a year ago, was charged in September 2025 after the victory in December 2024. "
      "Officials met on Tuesday and yesterday; fighting eased last week, two days ago the talks "
      "resumed, a vote is due next month and the plan runs by 2027. Overnight strikes hit Homs. "
      "The end of Assad's rule came on December 8, 2024.")


def test_en_absolute(extract):
    times = extract(EN, "en", PUB)
    check(times, "September 2025", "2025-09", "month", "absolute")
    check(times, "December 2024", "2024-12", "month", "absolute")
    check(times, "2027", "2027", "year", "absolute")
    check(times, "December 8, 2024", "2024-12-08", "day", "absolute")
    assert not any("end of Assad" in t["text"] for t in times)


def test_en_relative_with_publication_date(extract):
    times = extract(EN, "en", PUB)
    check(times, "a year ago", "2024-12", "month", "published")
    check(times, "Tuesday", "2025-12-02", "day", "published")
    check(times, "yesterday", "2025-12-04", "day", "published")
    check(times, "last week", "2025-W48", "week", "published")
    check(times, "two days ago", "2025-12-03", "day", "published")
    check(times, "next month", "2026-01", "month", "published")
    check(times, "Overnight", None, None, None)


def test_en_relative_without_publication_date(extract):
    times = extract(EN, "en", None)
    # the latest date stated that is not a deadline ("by 2027") is September 2025: month precision
    check(times, "a year ago", "2024-09", "month", "inferred")
    check(times, "next month", "2025-10", "month", "inferred")
    check(times, "yesterday", None, "day", None)
    check(times, "last week", None, "week", None)
    # a stated day anchors day phrases
    times = extract("The city fell on December 8, 2024. Yesterday and last week were calm; "
                    "two days ago it rained, and on Tuesday too.", "en", None)
    check(times, "Yesterday", "2024-12-07", "day", "inferred")
    check(times, "last week", "2024-W48", "week", "inferred")
    check(times, "two days ago", "2024-12-06", "day", "inferred")
    check(times, "Tuesday", "2024-12-03", "day", "inferred")


def test_en_unresolved_without_any_date(extract):
    times = extract("The talks resumed on Tuesday, a year ago, and again last week.", "en", None)
    for t in times:
        assert t["value"] is None and t["anchor"] is None, t
    assert {"Tuesday", "a year ago", "last week"} <= set(by_text(times))


def test_en_anchor_too_coarse_for_a_day(extract):
    # the only date stated is a month: "a year ago" resolves, "yesterday" cannot
    times = extract("In September 2025 the ministry acted. Yesterday it spoke; a year ago it was silent.",
                    "en", None)
    check(times, "a year ago", "2024-09", "month", "inferred")
    check(times, "Yesterday", None, "day", None)


def test_en_other_forms(extract):
    times = extract("In March, in the 1990s, in early 2025, since mid-2024, in summer 2024, on "
                    "2024-12-08, 8th December 2024. You may go.", "en", PUB)
    check(times, "March", "2025-03", "month", "published")
    check(times, "the 1990s", "199", "decade", "absolute")
    check(times, "early 2025", "2025", "year", "absolute")
    check(times, "mid-2024", "2024", "year", "absolute")
    check(times, "summer 2024", "2024-SU", "season", "absolute")
    check(times, "2024-12-08", "2024-12-08", "day", "absolute")
    check(times, "8th December 2024", "2024-12-08", "day", "absolute")
    assert "may" not in {t["text"].lower() for t in times}


def test_en_numbers_that_are_not_years(extract):
    times = extract("The army sent 2000 troops and $2025 in cash.", "en", PUB)
    assert times == []


def test_en_seed_example(seed_record):
    times = seed_record["times"]
    assert ("2025-09", "month", "absolute") in {(t["value"], t["granularity"], t["anchor"]) for t in times}
    assert ("2024-12", "month", "absolute") in {(t["value"], t["granularity"], t["anchor"]) for t in times}
    ago = by_text(times)["a year ago"]
    # without a publication date the anchor is the latest date in the text (September 2025)
    assert (ago["value"], ago["anchor"]) in ((None, None), ("2024-09", "inferred"))


def test_en_seed_example_with_published(pipeline, seed_path):
    from newsgraph.ingest import Reader

    article = next(Reader().read([str(seed_path)]))
    article.published = PUB
    record = next(pipeline.analyze_articles([article]))
    check(record["times"], "a year ago", "2024-12", "month", "published")


# -- Ukrainian ------------------------------------------------------------------------------------
UK = ("У вересні 2025 року Мін'юст видав ордер. Асад утік рік тому, у грудні 2024-го, а 8 грудня "
      "2024 року опозиція взяла Дамаск. Минулого тижня і у вівторок тривали переговори; план діє "
      "до вересня 2025 року. Торік, два дні тому, 08.12.2024, наприкінці 2024 року, у 1990-х роках. "
      "Лютий вітер.")


def test_uk_with_publication_date(extract):
    times = extract(UK, "uk", PUB)
    check(times, "вересні 2025 року", "2025-09", "month", "absolute")
    check(times, "грудні 2024-го", "2024-12", "month", "absolute")
    check(times, "8 грудня 2024 року", "2024-12-08", "day", "absolute")
    check(times, "рік тому", "2024-12", "month", "published")
    check(times, "Минулого тижня", "2025-W48", "week", "published")
    check(times, "вівторок", "2025-12-02", "day", "published")
    check(times, "вересня 2025 року", "2025-09", "month", "absolute")
    check(times, "Торік", "2024", "year", "published")
    check(times, "два дні тому", "2025-12-03", "day", "published")
    check(times, "08.12.2024", "2024-12-08", "day", "absolute")
    check(times, "наприкінці 2024 року", "2024", "year", "absolute")
    check(times, "1990-х роках", "199", "decade", "absolute")
    assert not any("Лютий" in t["text"] for t in times)


def test_uk_without_publication_date(extract):
    times = extract(UK, "uk", None)
    # deadline "до вересня 2025 року" is skipped; the latest other date is September 2025
    check(times, "рік тому", "2024-09", "month", "inferred")
    check(times, "вівторок", None, "day", None)           # a month cannot anchor a day
    check(times, "Минулого тижня", None, "week", None)
    times = extract("8 грудня 2024 року впав Дамаск; у вівторок і минулого тижня було тихо.", "uk", None)
    check(times, "вівторок", "2024-12-03", "day", "inferred")
    check(times, "минулого тижня", "2024-W48", "week", "inferred")
    times = extract("Рік тому і минулого тижня.", "uk", None)
    assert all(t["value"] is None and t["anchor"] is None for t in times) and len(times) == 2


# -- Russian --------------------------------------------------------------------------------------
RU = ("В сентябре 2025 года Минюст выдал ордер. Асад бежал год назад, в декабре 2024-го, а 8 декабря "
      "2024 года оппозиция взяла Дамаск. На прошлой неделе и в воскресенье шли переговоры; в прошлом "
      "году, два дня назад, в конце 2024 г. Окружающая среда.")


def test_ru_with_publication_date(extract):
    times = extract(RU, "ru", PUB)
    check(times, "сентябре 2025 года", "2025-09", "month", "absolute")
    check(times, "декабре 2024-го", "2024-12", "month", "absolute")
    check(times, "8 декабря 2024 года", "2024-12-08", "day", "absolute")
    check(times, "год назад", "2024-12", "month", "published")
    check(times, "прошлой неделе", "2025-W48", "week", "published")
    check(times, "воскресенье", "2025-11-30", "day", "published")
    check(times, "прошлом году", "2024", "year", "published")
    check(times, "два дня назад", "2025-12-03", "day", "published")
    check(times, "в конце 2024 г.", "2024", "year", "absolute")
    assert not any("среда" in t["text"] for t in times)


def test_ru_without_publication_date(extract):
    times = extract(RU, "ru", None)
    check(times, "год назад", "2024-09", "month", "inferred")
    check(times, "воскресенье", None, "day", None)
    times = extract("8 декабря 2024 года пал Дамаск; в прошлую пятницу было тихо.", "ru", None)
    check(times, "в прошлую пятницу", "2024-12-06", "day", "inferred")
    times = extract("Год назад и в воскресенье.", "ru", None)
    assert len(times) == 2 and all(t["value"] is None for t in times)


# -- more forms -------------------------------------------------------------------------------------
def test_more_forms(extract):
    times = extract("On Christmas Day and on Sunday's vote, 18 years ago, weeks ago, six years from now, "
                    "Dec. 23, this summer and from 2006 to 2012; a year earlier, the previous day.", "en", PUB)
    check(times, "Christmas Day", "2025-12-25", "day", "published")
    check(times, "Sunday", "2025-11-30", "day", "published")
    check(times, "18 years ago", "2007-12", "month", "published")
    check(times, "weeks ago", None, "week", None)
    check(times, "six years from now", "2031-12", "month", "published")
    check(times, "Dec. 23", "2025-12-23", "day", "published")
    check(times, "this summer", "2025-SU", "season", "published")
    check(times, "2006 to 2012", "2006/2012", "year", "absolute")
    check(times, "the previous day", None, "day", None)
    assert not any("earlier" in t["text"] for t in times)
    times = extract("У 2006-2012 рр. і минулого літа; на Новий рік.", "uk", PUB)
    check(times, "2006-2012 рр.", "2006/2012", "year", "absolute")
    check(times, "минулого літа", "2024-SU", "season", "published")
    check(times, "Новий рік", "2026-01-01", "day", "published")
    times = extract("В 1994–2010 годах и прошлым летом.", "ru", PUB)
    check(times, "1994–2010 годах", "1994/2010", "year", "absolute")
    check(times, "прошлым летом", "2024-SU", "season", "published")


def test_ner_dates_vouch_for_bare_years(analyze):
    record = analyze("The ad aired during Super Bowl 2018 and fans loved it.", language="en", published=PUB)
    assert [t["value"] for t in record["times"]] == ["2018"]
    assert record["quantities"] == []


def test_centuries_day_ranges_lists(extract):
    times = extract("У XX столітті, наприкінці XVIII ст., 8-10 січня, з 6 до 12 червня 2014 року, від "
                    "18.12.15, у 1994, 1997 і 2005 роках; у червні-серпні; лютий вітер.", "uk", PUB)
    check(times, "XX столітті", "19", "century", "absolute")
    check(times, "наприкінці XVIII ст.", "17", "century", "absolute")
    check(times, "8-10 січня", "2026-01-08/2026-01-10", "day", "published")
    check(times, "6 до 12 червня 2014 року", "2014-06-06/2014-06-12", "day", "absolute")
    check(times, "18.12.15", "2015-12-18", "day", "absolute")
    check(times, "1994", "1994", "year", "absolute")
    check(times, "1997", "1997", "year", "absolute")
    check(times, "серпні", "2025-08", "month", "published")
    times = extract("In the 20th century and in 1994, 1997 and 2005; 9–12 December 2024.", "en", None)
    check(times, "20th century", "19", "century", "absolute")
    check(times, "1997", "1997", "year", "absolute")
    check(times, "9–12 December 2024", "2024-12-09/2024-12-12", "day", "absolute")
    times = extract("В XIX веке и 9–12 декабря.", "ru", None)
    check(times, "XIX веке", "18", "century", "absolute")
    check(times, "9–12 декабря", None, "day", None)


def test_same_period_as_previous_date(extract):
    times = extract("The city fell on December 8, 2024. That day Assad fled; later that year he spoke.", "en", PUB)
    check(times, "That day", "2024-12-08", "day", "inferred")
    check(times, "that year", "2024", "year", "inferred")
    times = extract("В 2017 году он уехал, в том же году вернулся.", "ru", None)
    check(times, "в том же году", "2017", "year", "inferred")
    times = extract("Того ж дня нічого не сталося.", "uk", PUB)
    check(times, "Того ж дня", None, "day", None)       # no date stated before it


@pytest.mark.datasets
def test_temporal_scorer_on_datasets(datasets_dir):
    from newsgraph.eval import temporal

    figures = temporal.run(datasets_dir, limit=10)
    for corpus in ("ner-uk", "nerel"):
        r = figures[corpus]
        assert r["documents"] == 10
        assert r["times"]["recall"] > 0.3 and r["times"]["precision"] > 0.5, r   # PERIOD: durations
        assert r["quantities"]["recall"] > 0.5, r
    assert "recall" in temporal.format_report(figures)


def test_clock_times_take_the_adjacent_day(extract):
    times = extract("The attack began at around 11:30pm local time on Sunday and ended at 12:47 a.m. Thursday; "
                    "a second blast came at 6am.", "en", PUB)
    check(times, "11:30pm local time", "2025-11-30T23:30", "minute", "published")
    check(times, "12:47 a.m.", "2025-12-04T00:47", "minute", "published")
    check(times, "6am", None, "minute", None)
    times = extract("8 грудня 2024 року о 10:00 за київським часом; о 18:30.", "uk", None)
    check(times, "10:00 за київським часом", "2024-12-08T10:00", "minute", "absolute")
    check(times, "18:30", None, "minute", None)
    times = extract("Около 10:00 по московскому времени в воскресенье.", "ru", PUB)
    check(times, "10:00 по московскому времени", "2025-11-30T10:00", "minute", "published")


# -- determinism: the record never depends on the day the analysis runs ---------------------------

def _frozen_clock(monkeypatch, today: date) -> None:
    """Every newsgraph module that imported `date` or `datetime` sees a clock stopped at `today`."""
    import sys
    from datetime import datetime

    class FrozenDate(date):
        @classmethod
        def today(cls):
            return cls(today.year, today.month, today.day)

    class FrozenDateTime(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(today.year, today.month, today.day, 12, 0, tzinfo=tz)

        @classmethod
        def utcnow(cls):
            return cls(today.year, today.month, today.day, 12, 0)

    for name, module in list(sys.modules.items()):
        if name.startswith("newsgraph"):
            if getattr(module, "date", None) is date:
                monkeypatch.setattr(module, "date", FrozenDate)
            if getattr(module, "datetime", None) is datetime:
                monkeypatch.setattr(module, "datetime", FrozenDateTime)


UNDATED = ("Протокол подписали 05.03.29 в Харькове. Ещё одна встреча прошла 14.11.97, "
           "а на следующий день стороны обменялись пленными. Позавчера об этом сообщили в штабе.")


@pytest.mark.parametrize("published", [None, PUB])
def test_times_do_not_depend_on_the_day_they_run(extract, monkeypatch, published):
    runs = []
    for today in (date(2020, 1, 1), date(2045, 6, 1), date(2099, 12, 31)):
        with monkeypatch.context() as m:
            _frozen_clock(m, today)
            runs.append(extract(UNDATED, "ru", published))
    assert runs[0] == runs[1] == runs[2]
    found = by_text(runs[0])
    assert found["05.03.29"]["value"] == ("2029-03-05" if published is None else "1929-03-05")
    assert found["14.11.97"]["value"] == "1997-11-14"


def test_the_whole_record_does_not_depend_on_the_day_it_runs(analyze, monkeypatch):
    text = ("Officials said on 12/03/24 that talks would resume. Two days later the envoy, "
            "who arrived on March 3, met the minister. A report dated 05.03.29 was cited.")
    records = []
    for today in (date(2021, 6, 1), date(2048, 2, 2)):
        with monkeypatch.context() as m:
            _frozen_clock(m, today)
            records.append(analyze(text))
    assert records[0] == records[1]
