"""Event roles from grammatical case (Ukrainian without a parser, Russian with natasha's) and from
English passives and nominal forms: who acted (agent) and who underwent it (patient). Short texts
written for these tests, run through the whole pipeline."""
from __future__ import annotations


def _event(rec, type_, trigger=None):
    for ev in rec["events"]:
        if ev["type"] == type_ and (trigger is None or ev["trigger"]["text"].lower().startswith(trigger)):
            return ev
    raise AssertionError(f"no {type_} event ({trigger}) in "
                         f"{[(e['type'], e['trigger']['text']) for e in rec['events']]}")


def _names(rec, ids):
    ents = {e["id"]: e["name"] for e in rec["entities"]}
    return [ents[i] for i in ids if i in ents]


def _roles(rec, ev):
    return _names(rec, ev["agents"]), _names(rec, ev["patients"])


def _has(names, part):
    return any(part in n for n in names)


# -- Ukrainian: case instead of word order ----------------------------------------------------------

def test_uk_object_first_accusative_is_patient_genitive_modifier_is_no_agent(analyze):
    # the arrested man comes first (accusative-genitive form), the city only modifies "поліція"
    rec = analyze("Журналіста Івана Сидоренка затримала поліція Харкова.", language="uk")
    agents, patients = _roles(rec, _event(rec, "arrest"))
    assert _has(patients, "Сидоренк")
    assert not _has(agents, "Сидоренк") and not _has(agents, "Харків")


def test_uk_subject_after_the_verb_is_agent(analyze):
    rec = analyze("Івана Сидоренка заарештувала Служба безпеки України.", language="uk")
    agents, patients = _roles(rec, _event(rec, "arrest"))
    assert _has(agents, "Служба безпеки") and _has(patients, "Сидоренк")


def test_uk_passive_participle_and_instrumental_agent(analyze):
    rec = analyze("Затриманий Службою безпеки України Іван Сидоренко вийшов на волю.", language="uk")
    agents, patients = _roles(rec, _event(rec, "arrest", "затриман"))
    assert _has(agents, "Служба безпеки") and _has(patients, "Сидоренк")


def test_uk_impersonal_passive_object_is_patient(analyze):
    rec = analyze("Івана Сидоренка затримано в Одесі.", language="uk")
    agents, patients = _roles(rec, _event(rec, "arrest", "затримано"))
    assert _has(patients, "Сидоренк") and not agents


def test_uk_sanctions_genitive_is_agent_and_against_phrase_patient(analyze):
    # the target of sanctions is never their agent
    rec = analyze("Санкції ЄС проти компанії «Укрнафтобуд» набули чинності в понеділок.", language="uk")
    agents, patients = _roles(rec, _event(rec, "sanction"))
    assert _has(agents, "ЄС")
    assert _has(patients, "Укрнафтобуд") and not _has(agents, "Укрнафтобуд")


def test_uk_under_sanctions_of_the_union(analyze):
    rec = analyze("Компанія «Укрнафтобуд» потрапила під санкції Європейського Союзу.", language="uk")
    agents, patients = _roles(rec, _event(rec, "sanction"))
    assert _has(agents, "Європейськ") and not _has(patients, "Європейськ")


def test_uk_arrest_noun_genitive_is_patient(analyze):
    rec = analyze("Арешт активіста Івана Сидоренка обурив громаду Полтави.", language="uk")
    agents, patients = _roles(rec, _event(rec, "arrest", "арешт"))
    assert _has(patients, "Сидоренк") and not agents


# -- Russian: the parse, read with case ---------------------------------------------------------------

def test_ru_nominative_tagged_as_object_is_agent(analyze):
    rec = analyze("Журналиста Ивана Сидорова задержала ФСБ.", language="ru")
    agents, patients = _roles(rec, _event(rec, "arrest"))
    assert _has(agents, "ФСБ") and _has(patients, "Сидоров") and not _has(patients, "ФСБ")


def test_ru_sanctions_genitive_is_agent(analyze):
    rec = analyze("Санкции ЕС против компании «Севернефтестрой» вступили в силу во вторник.",
                  language="ru")
    agents, patients = _roles(rec, _event(rec, "sanction"))
    assert _has(agents, "ЕС") and not _has(patients, "ЕС")
    assert not any(ev["type"] == "join" for ev in rec["events"])   # took effect, joined nothing


def test_ru_ban_genitive_stays_patient(analyze):
    rec = analyze("Парламент одобрил запрет партии «Народный фронт».", language="ru")
    ev = _event(rec, "sanction", "запрет")
    assert not any(a["role"] == "agent" and "Народный фронт" in a["text"] for a in ev["arguments"])


def test_ru_arrest_noun_with_instrumental_agent(analyze):
    rec = analyze("Арест Ивана Сидорова Следственным комитетом вызвал протесты.", language="ru")
    agents, patients = _roles(rec, _event(rec, "arrest", "арест"))
    assert _has(agents, "Следственн") and _has(patients, "Сидоров")


def test_ru_reflexive_passive_with_instrumental_agent(analyze):
    rec = analyze("Иван Сидоров дважды задерживался полицией Казани.", language="ru")
    ev = _event(rec, "arrest", "задерживался")
    assert _has(_names(rec, ev["patients"]), "Сидоров")
    assert any(a["role"] == "agent" and "полици" in a["text"] for a in ev["arguments"])


# -- English passives and nominal forms -----------------------------------------------------------------

def test_en_passive_by_police(analyze):
    rec = analyze("Peter Novak was arrested by police in Leeds on Friday.", language="en")
    ev = _event(rec, "arrest", "arrested")
    assert _has(_names(rec, ev["patients"]), "Novak") and not ev["agents"]
    assert any(a["role"] == "agent" and a["text"] == "police" for a in ev["arguments"])


def test_en_arrest_of_x_by_y_and_possessive(analyze):
    rec = analyze("The arrest of Peter Novak by the FBI shocked Leeds.", language="en")
    agents, patients = _roles(rec, _event(rec, "arrest", "arrest"))
    assert _has(agents, "FBI") and _has(patients, "Novak")
    rec = analyze("Peter Novak's arrest followed a long inquiry.", language="en")
    agents, patients = _roles(rec, _event(rec, "arrest", "arrest"))
    assert _has(patients, "Novak") and not agents


def test_en_subject_hit_by_sanctions_undergoes_them(analyze):
    rec = analyze("Rosneft was hit by EU sanctions on Tuesday.", language="en")
    agents, patients = _roles(rec, _event(rec, "sanction"))
    assert _has(agents, "EU") and _has(patients, "Rosneft")
