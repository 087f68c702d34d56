"""Russian backend (natasha): tokens, morphology, parse, NER spans with base forms, span fixes."""
from __future__ import annotations

import pytest

from newsgraph.lang.base import NerSpan


@pytest.fixture(scope="module")
def ru(pipeline):
    return pipeline.resources.backend("ru")


TEXT = ("Президент Сирии Башар Асад бежал в Москву. Позже генерал-майор Камаль Хасан встретился "
        "с Башаром Асадом в Харьковской области.")


def test_tokens_offsets_morph_and_parse(ru):
    doc = ru.analyze(TEXT)
    assert doc.language == "ru" and doc.has_parser
    assert len(doc.sentences) == 2
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        assert 0 <= t.head < len(doc.tokens)
    roots = [t for t in doc.tokens if t.dep == "ROOT"]
    assert len(roots) == len(doc.sentences)
    assert all(r.head == r.i for r in roots)
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["Москву"].lemma == "москва"
    assert by_text["Москву"].feat("Case") == "Acc"
    assert by_text["бежал"].pos == "VERB"
    assert by_text["генерал-майор"].pos == "NOUN"


def test_blank_line_ends_a_sentence(ru):
    # a headline has no full stop: it must not run into the lead, in the parse either
    text = "Город закроет порт на ремонт \n\nГородской совет решил закрыть порт на две недели."
    doc = ru.analyze(text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "Город закроет порт на ремонт", "Городской совет решил закрыть порт на две недели."]
    assert len([t for t in doc.tokens if t.dep == "ROOT"]) == 2
    assert all(doc.tokens[t.head].sent == t.sent for t in doc.tokens)


def test_headline_and_caption_lines_end_sentences(ru, analyze):
    # single line breaks under a headline and a photo caption, no full stops
    text = ("Певица Анна Орлова сообщила, что собирается подышать «свежим воздухом»\n"
            "Концерт Орловой 16 марта 2021 года\n"
            "Поп-звезда Анна Орлова сообщила, что у неё в крови найдены антитела.\n")
    doc = ru.analyze(text)
    assert [text[s.start:s.end] for s in doc.sentences][:2] == [
        "Певица Анна Орлова сообщила, что собирается подышать «свежим воздухом»",
        "Концерт Орловой 16 марта 2021 года"]
    claims = analyze(text, language="ru")["claims"]
    assert [c["content"]["text"] for c in claims] == [
        "что собирается подышать «свежим воздухом»", "что у неё в крови найдены антитела"]
    # a line that ends with a comma goes on
    text = "Городской совет решил,\nЧто порт закроют на две недели."
    assert len(ru.analyze(text).sentences) == 1


def test_about_this_after_a_headline_points_to_the_lead(analyze):
    rec = analyze("Город закроет порт на ремонт\n\nГородской совет решил закрыть порт на две "
                  "недели.\n\nОб этом сообщил представитель совета Иван Петров.", language="ru")
    (c,) = [c for c in rec["claims"] if c["cue"]["text"] == "сообщил"]
    assert c["content"]["text"] == "Городской совет решил закрыть порт на две недели"


def test_ner_types_and_base_forms(ru):
    doc = ru.analyze(TEXT)
    spans = {s.text: s for s in doc.ner}
    assert spans["Башаром Асадом"].type == "PERSON"
    assert spans["Башаром Асадом"].base == "Башар Асад"
    assert spans["Москву"].type == "LOC" and spans["Москву"].base == "Москва"
    assert spans["Харьковской области"].base == "Харьковская область"
    for s in doc.ner:
        assert doc.text[s.start:s.end] == s.text
        assert doc.tokens[s.first].start == s.start and doc.tokens[s.last - 1].end == s.end


def test_title_words_are_trimmed_from_person_spans(ru):
    doc = ru.analyze("Папа Франциск прибыл в Ватикан. Император Акихито выступил с речью.")
    titles = set(ru.fixes["person_titles"])
    persons = [s for s in doc.ner if s.type == "PERSON"]
    assert persons
    for s in persons:
        assert s.text.split()[0].casefold() not in titles
        assert s.base.split()[0].casefold() not in titles


def test_org_followed_by_genitive_place_is_one_org(ru):
    doc = ru.analyze("Верховный суд Испании отклонил жалобу. Министерство обороны России промолчало.")
    orgs = {s.text for s in doc.ner if s.type == "ORG"}
    assert "Верховный суд Испании" in orgs
    assert not any(s.text == "Испании" for s in doc.ner)


def test_clip_span_stops_at_line_break_and_punctuation():
    from newsgraph.lang.ru import clip_span

    text = "Игорь Малашенко\nОстанкинская башня. Мишель — певица"
    sp = NerSpan(0, 35, "PER", "PERSON", text[:35], "Игорь Малашенко Останкинская башня")
    out = clip_span(text, sp)
    assert out.text == "Игорь Малашенко" and out.base == "Игорь Малашенко"
    start = text.index("Мишель")
    sp2 = NerSpan(start, start + 8, "PER", "PERSON", text[start:start + 8], "Мишель —")
    assert clip_span(text, sp2).text == "Мишель"


def test_a_span_running_into_a_parenthesis_is_two_names():
    from newsgraph.lang.ru import split_parenthetical

    text = "Форума стран-экспортеров газа (ФСЭГ) и Дэвид Саутер (David Souter)"
    end = text.index(")")
    sp = NerSpan(0, end, "ORG", "ORG", text[:end], "Форум стран-экспортеров газа (ФСЭГ")
    left, right = split_parenthetical(text, sp)
    assert (left.text, right.text) == ("Форума стран-экспортеров газа", "ФСЭГ")
    assert left.base == "Форум стран-экспортеров газа" and right.type == "ORG"
    whole = NerSpan(0, 6, "ORG", "ORG", "Форума", "Форум")
    assert split_parenthetical(text, whole) == [whole]


def test_parenthesised_names_come_out_apart(ru):
    doc = ru.analyze("Министр иностранных дел Великобритании (Форин-офис) и Дэвид Саутер (David Souter) "
                     "выступили в Вашингтоне.")
    texts = {s.text for s in doc.ner}
    assert not any("(" in t or ")" in t for t in texts)
    assert "David Souter" in texts


def test_organisation_word_before_a_genitive_place_is_one_org(ru):
    doc = ru.analyze("Правительство Киргизии и посольство США сообщили о переговорах. "
                     "Правительство пока молчит.")
    orgs = {s.text for s in doc.ner if s.type == "ORG"}
    assert {"Правительство Киргизии", "посольство США"} <= orgs
    assert "Правительство" not in {s.text for s in doc.ner}      # alone it is no name


def test_not_entities_are_dropped(ru):
    doc = ru.analyze("Об этом сообщили российские СМИ со ссылкой на источники в Кремле.")
    assert "СМИ" not in {s.text for s in doc.ner}


def test_sample_article_actors(analyze):
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "samples" / "ru" / "vybory.txt"
    record = analyze(path.read_text(encoding="utf-8"), language="ru")
    ents = {e["key"]: e for e in record["entities"] if e.get("key")}
    assert ents, record.get("error")
    types = {e["type"] for e in ents.values()}
    assert {"PERSON", "LOC"} <= types


def test_quotes_in_a_name_stay_balanced():
    from newsgraph.lang.ru import clip_span

    text = 'Компания ООО "Газэкспорт" и «Газпром».'
    start = text.index("ООО")
    end = text.index('"', text.index('"') + 1) + 1
    sp = NerSpan(start, end, "ORG", "ORG", text[start:end], text[start:end])
    assert clip_span(text, sp).text == 'ООО "Газэкспорт"'
    s2 = text.index("«Газпром»")
    quoted = NerSpan(s2, s2 + 9, "ORG", "ORG", text[s2:s2 + 9], "Газпром")
    assert clip_span(text, quoted).text == "Газпром"     # quotes around the whole name go
    lone = NerSpan(s2 + 1, s2 + 9, "ORG", "ORG", text[s2 + 1:s2 + 9], "Газпром")
    assert clip_span(text, lone).text == "Газпром"       # a closing quote opened outside goes


def test_institutions_named_by_their_building_are_organisations(ru):
    doc = ru.analyze("В Кремле заявили, что Белый дом не ответил на предложение.")
    types = {s.base or s.text: s.type for s in doc.ner}
    assert types.get("Кремль") == "ORG" and types.get("Белый дом") == "ORG"


@pytest.mark.parametrize("text,mention,base", [
    # natasha leaves these as written; the tagger's oblique case sends them to pymorphy3
    ("Выборы в Нидерландах прошли спокойно.", "Нидерландах", "Нидерланды"),
])
def test_base_forms_natasha_left_inflected(ru, text, mention, base):
    spans = {s.text: s for s in ru.analyze(text).ner}
    assert spans[mention].base == base


def test_nominative_names_stay_as_written(ru):
    # an unknown foreign name already in the nominative is not "corrected"
    spans = {s.text: s for s in ru.analyze("Асия Норин вернулась домой.").ner}
    assert spans["Асия Норин"].base == "Асия Норин"
