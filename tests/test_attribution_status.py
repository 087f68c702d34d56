"""Claim status in three languages (issue #14): denials, refusals, charges, retractions, negated
cues, a denial's link to the claim it answers; the channel and direct/reported quotes.
Texts are written for the tests."""
from __future__ import annotations

import pytest

from newsgraph.record import validate


def claims(analyze, text, lang):
    rec = analyze(text, language=lang)
    assert "error" not in rec, rec.get("error")
    validate(rec)
    return rec, rec["claims"]


def by_cue(cs, word):
    found = [c for c in cs if c["cue"] and word in c["cue"]["text"]]
    assert found, [(c["cue"] and c["cue"]["text"], c["status"]) for c in cs]
    return found[0]


def name(rec, src):
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    return ents.get(src.get("entity")) or src["text"]


@pytest.mark.parametrize("lang,text,cue,status", [
    # a denial phrase inside the reported words
    ("uk", "Речниця митниці Олена Коваль заявила, що ця інформація не відповідає дійсності.",
     "заявила", "denied"),
    ("ru", "Представитель завода Олег Морозов сказал, что эти данные не соответствуют "
           "действительности.", "сказал", "denied"),
    ("en", "The airline said there was no connection between the outage and the strike.",
     "said", "denied"),
    # denial verbs, present and past
    ("uk", "Міністерство енергетики спростовує чутки про відключення світла.", "спростовує",
     "denied"),
    ("uk", "У міськраді спростували повідомлення про закриття мосту.", "спростували", "denied"),
    # negated admission
    ("ru", "Бизнесмен Игорь Соколов не признал себя виновным в мошенничестве.", "признал",
     "denied"),
    # refusing to comment, in the words themselves
    ("uk", "«Ми не коментуємо можливі рішення регулятора», — сказав речник банку Андрій Мельник.",
     "сказав", "no_comment"),
    ("en", '"We do not comment on ongoing talks," spokeswoman Anna Price said.', "said",
     "no_comment"),
    # a negated confirmation confirms nothing
    ("en", "The ministry did not confirm the report.", "confirm", "no_comment"),
    ("ru", "Представитель Кремля Дмитрий Ершов не подтвердил эти сведения.", "подтвердил",
     "no_comment"),
    # charges and accusations are alleged, not asserted facts
    ("ru", "Соколов обвиняется в сговоре с целью поджога склада.", "обвиняется", "alleged"),
    ("uk", "Ткаченка звинувачують у хабарництві.", "звинувачують", "alleged"),
    ("en", "Smith was charged with fraud last year.", "charged", "alleged"),
    # retractions
    ("en", "The mayor later retracted his statement about the budget.", "retracted",
     "retracted"),
    ("ru", "Олег Морозов отозвал свое заявление о банкротстве.", "отозвал", "retracted"),
    ("uk", "Депутат Іван Шевчук відкликав свою заяву про відставку.", "відкликав", "retracted"),
])
def test_status(analyze, lang, text, cue, status):
    _, cs = claims(analyze, text, lang)
    assert by_cue(cs, cue)["status"] == status


def test_unattributed_charge_has_no_speaker(analyze):
    _, cs = claims(analyze, "Соколов обвиняется в сговоре с целью поджога склада.", "ru")
    c = by_cue(cs, "обвиняется")
    assert c["source"]["kind"] == "unattributed"


@pytest.mark.parametrize("lang,text,cue", [
    ("ru", "Выборы мэра сопровождались обвинениями в подкупе избирателей.", "обвинениями"),
    ("uk", "Вибори мера супроводжувалися звинуваченнями у підкупі виборців.", "звинуваченнями"),
])
def test_charge_as_a_noun_names_no_accuser(analyze, lang, text, cue):
    # the subject of the sentence ("the elections") accuses no one
    _, cs = claims(analyze, text, lang)
    c = by_cue(cs, cue)
    assert c["status"] == "alleged" and c["source"]["kind"] == "unattributed"
    assert len([x for x in cs if x["cue"] and cue in x["cue"]["text"]]) == 1


def test_accuser_is_the_source(analyze):
    rec, cs = claims(analyze, "Прокурори звинувачують Петренка у хабарництві.", "uk")
    c = by_cue(cs, "звинувачують")
    assert c["status"] == "alleged" and name(rec, c["source"]) == "Прокурори"


@pytest.mark.parametrize("lang,text,charge,denial", [
    ("en", "Smith is charged with fraud. Smith denied the charges.", "charged", "denied"),
    ("uk", "Прокурори звинувачують Петренка у хабарництві. Петренко звинувачення заперечує.",
     "звинувачують", "заперечує"),
])
def test_denial_answers_the_claim_and_contests_it(analyze, lang, text, charge, denial):
    _, cs = claims(analyze, text, lang)
    accused, denies = by_cue(cs, charge), by_cue(cs, denial)
    assert denies["status"] == "denied" and denies["responds_to"] == accused["id"]
    assert accused["contested"] is True and denies["contested"] is False


def test_claim_without_denial_is_not_contested(analyze):
    _, cs = claims(analyze, "The mayor said the bridge would reopen on Monday.", "en")
    assert cs and all(c["contested"] is False and c["responds_to"] is None for c in cs)


@pytest.mark.parametrize("lang,text,cue,channel", [
    ("en", "The senator said in a statement that the bill would pass.", "said", "statement"),
    ("ru", "Министр заявил в интервью, что цены снизятся.", "заявил", "interview"),
    ("uk", "Міністр написав у Telegram, що ціни знизяться.", "написав", "social_media"),
    ("en", "The governor said the roads were safe.", "said", None),
])
def test_channel(analyze, lang, text, cue, channel):
    _, cs = claims(analyze, text, lang)
    assert by_cue(cs, cue)["channel"] == channel


def test_direct_and_reported(analyze):
    _, cs = claims(analyze, '"We will win," the coach said. The captain said that they were '
                            'tired.', "en")
    assert [c["quote"] for c in sorted(cs, key=lambda c: c["content"]["start"])] == \
        ["direct", "reported"]


@pytest.mark.parametrize("lang,text,cue,speaker", [
    ("ru", "Ирина Смирнова пояснила, что завод остановлен. По её словам, рабочих отправили "
           "домой.", "По её словам", "Ирина Смирнова"),
    ("uk", "Ірина Бондар повідомила, що завод зупинено. За її словами, робітників відправили "
           "додому.", "За її словами", "Ірина Бондар"),
])
def test_possessive_marker_speaker(analyze, lang, text, cue, speaker):
    rec, cs = claims(analyze, text, lang)
    assert name(rec, by_cue(cs, cue)["source"]) == speaker


def test_double_apostrophe_quotation_is_direct(analyze):
    text = "The mayor spoke on Monday.\n\n''We will rebuild the bridge,'' she said."
    _, cs = claims(analyze, text, "en")
    c = by_cue(cs, "said")
    assert c["quote"] == "direct" and "rebuild" in c["content"]["text"]


@pytest.mark.parametrize("lang,text,cue", [
    ("ru", "Как передает ТАСС, мэр, который отвечает за транспорт, выразил несогласие с планом.",
     "отвечает"),
    ("uk", "Мер, який відповідає за транспорт, заявив, що міст закриють.", "відповідає"),
])
def test_in_charge_of_is_no_reply(analyze, lang, text, cue):
    _, cs = claims(analyze, text, lang)
    assert cs and not [c for c in cs if c["cue"] and cue in c["cue"]["text"]]
