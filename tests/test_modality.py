"""Event modality in English, Russian and Ukrainian (alleged, proposed, conditional, negated, with
the plain asserted event unchanged) and trigger senses checked against their arguments (an arrest
of shares is a seizure of property, and the word for shares is no protest)."""
from __future__ import annotations

import pytest

from newsgraph.record import validate


def _events(rec, type_):
    return [ev for ev in rec["events"] if ev["type"] == type_]


def _one(rec, type_):
    found = _events(rec, type_)
    assert found, f"no {type_} event in {[(e['type'], e['trigger']['text']) for e in rec['events']]}"
    return found[0]


CASES = [
    # (language, text, event type, expected modality)
    ("en", "A grand jury indicted the pilot for conspiracy to murder a witness.", "kill", "alleged"),
    ("en", "The mayor is accused of killing a journalist.", "kill", "alleged"),
    ("ru", "Охранник обвиняется в убийстве депутата.", "kill", "alleged"),
    ("uk", "Слідчі звинувачують охоронця у вбивстві депутата.", "kill", "alleged"),
    ("en", "The minister tabled a proposal to annex the northern valley.", "fight", "proposed"),
    ("en", "Two senators drafted a bill to ban the movement.", "sanction", "proposed"),
    ("ru", "Фракция внесла законопроект о запрете движения.", "sanction", "proposed"),
    ("ru", "Губернатор предложил аннексировать северную долину.", "fight", "proposed"),
    ("uk", "Фракція подала законопроєкт про заборону руху.", "sanction", "proposed"),
    ("en", "If the truce collapses, the militia will shell the harbour.", "fight", "conditional"),
    ("en", "Unless the talks resume, the rebels will storm the town.", "fight", "conditional"),
    ("ru", "Если перемирие сорвётся, ополчение атакует гавань.", "fight", "conditional"),
    ("ru", "В случае штурма города гарнизон отступит.", "fight", "conditional"),
    ("uk", "Якщо перемир'я зірветься, ополчення обстріляє гавань.", "fight", "conditional"),
    ("en", "The militia did not shell the harbour.", "fight", "negated"),
    ("ru", "Ополченцы не обстреливали гавань.", "fight", "negated"),
    ("uk", "Ополченці не атакували гавань.", "fight", "negated"),
]


@pytest.mark.parametrize("language,text,type_,modality", CASES)
def test_modality_from_context(analyze, language, text, type_, modality):
    rec = analyze(text, language=language)
    assert _one(rec, type_)["modality"] == modality
    validate(rec)   # the new values are in the schema's enum


@pytest.mark.parametrize("language,text,type_", [
    ("en", "The militia shelled the harbour on Sunday.", "fight"),
    ("ru", "Ополченцы обстреляли гавань в воскресенье.", "fight"),
    ("uk", "Ополченці обстріляли гавань у неділю.", "fight"),
])
def test_plain_event_stays_asserted(analyze, language, text, type_):
    rec = analyze(text, language=language)
    assert _one(rec, type_)["modality"] == "asserted"


def test_conditional_events_are_not_the_main_event(analyze):
    rec = analyze("If the truce collapses, the militia will shell the harbour. "
                  "Police detained two smugglers in the port.", language="en")
    assert rec["events"][0]["modality"] != "conditional"


@pytest.mark.parametrize("language,text", [
    ("en", "A court in Zurich arrested the accounts and shares of the trading firm."),
    ("ru", "Арбитражный суд наложил арест на акции и счета холдинга."),
    ("uk", "Господарський суд наклав арешт на акції та рахунки холдингу."),
])
def test_arrest_of_property_is_no_arrest_of_people_nor_a_protest(analyze, language, text):
    rec = analyze(text, language=language)
    assert not _events(rec, "arrest") and not _events(rec, "protest")
    assert _events(rec, "sanction")


@pytest.mark.parametrize("language,text", [
    ("en", "Police arrested two activists near the embassy."),
    ("ru", "Полиция арестовала двух активистов у посольства."),
    ("uk", "Поліція заарештувала двох активістів біля посольства."),
])
def test_arrest_of_people_stays_an_arrest(analyze, language, text):
    rec = analyze(text, language=language)
    assert _events(rec, "arrest") and not _events(rec, "sanction")


@pytest.mark.parametrize("language,text", [
    ("ru", "Студенты провели акции протеста у посольства."),
    ("uk", "Студенти провели акції протесту біля посольства."),
])
def test_protest_actions_stay_protests(analyze, language, text):
    rec = analyze(text, language=language)
    assert _events(rec, "protest")
