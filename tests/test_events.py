"""Events: triggers, arguments (active, passive, apposition, relative clause, coordination),
place, time, modality, importance order; the no-parser window fallback; the 5W1H scorer."""
from __future__ import annotations

import pytest


def _names(rec, ids):
    ents = {e["id"]: e for e in rec["entities"]}
    return [ents[i]["name"] for i in ids if i in ents]


def _event(rec, type_, trigger=None):
    for ev in rec["events"]:
        if ev["type"] == type_ and (trigger is None or ev["trigger"]["text"].lower().startswith(trigger)):
            return ev
    raise AssertionError(f"no {type_} event ({trigger}) in {[(e['type'], e['trigger']['text']) for e in rec['events']]}")


def _has(names, part):
    return any(part in n for n in names)


def test_active_agents_and_patients(analyze):
    rec = analyze("Ahmed Karimi attacked Omar Haddad near the market.", published=None, language="en")
    ev = _event(rec, "fight", "attacked")
    assert _has(_names(rec, ev["agents"]), "Karimi")
    assert _has(_names(rec, ev["patients"]), "Haddad")
    assert ev["modality"] == "asserted"
    assert ev["trigger"]["text"] == "attacked"
    assert rec["text"][ev["trigger"]["start"]:ev["trigger"]["end"]] == "attacked"


def test_passive_by_phrase_is_agent(analyze):
    rec = analyze("John Smith was arrested by the FBI in Chicago.", language="en")
    ev = _event(rec, "arrest", "arrested")
    assert _has(_names(rec, ev["agents"]), "FBI")
    assert _has(_names(rec, ev["patients"]), "Smith")
    assert _has(_names(rec, [ev["place"]] if ev["place"] else []), "Chicago")


def test_apposition_resolves_to_the_named_entity(analyze):
    rec = analyze("The country's former president, Viktor Yanukovych, fled to Russia.", language="en")
    ev = _event(rec, "flee", "fled")
    assert _has(_names(rec, ev["agents"]), "Yanukovych")
    assert _has(_names(rec, [ev["place"]] if ev["place"] else []), "Russia")


def test_relative_clause_place_and_time(analyze):
    from datetime import date

    rec = analyze("Viktor Yanukovych, who fled to Russia in February 2014, was sentenced in absentia.",
                  published=date(2019, 1, 25), language="en")
    ev = _event(rec, "flee", "fled")
    assert _has(_names(rec, ev["agents"]), "Yanukovych")
    assert _has(_names(rec, [ev["place"]]), "Russia")
    if rec["times"]:   # the time extractor found the date: it must be this event's time
        assert ev["time"] is not None
        assert "2014" in rec["times"][ev["time"]]["text"]


def test_time_is_the_nearest_expression_not_the_publication_date(analyze):
    from datetime import date

    rec = analyze("In September 2025, the Ministry of Justice issued an arrest warrant for John Smith.",
                  published=date(2025, 12, 5), language="en")
    ev = _event(rec, "arrest")
    assert ev["trigger"]["text"] == "arrest warrant"
    assert _has(_names(rec, ev["agents"]), "Ministry of Justice")
    assert _has(_names(rec, ev["patients"]), "Smith")
    if rec["times"]:
        assert ev["time"] is not None
        assert rec["times"][ev["time"]]["text"].startswith("September 2025")


def test_coordination_gives_both_agents(analyze):
    rec = analyze("John Smith and Mary Jones are funding the rebels.", language="en")
    ev = _event(rec, "fund", "funding")
    names = _names(rec, ev["agents"])
    assert _has(names, "Smith") and _has(names, "Jones")


def test_modality_planned(analyze):
    rec = analyze("The two generals are competing to form a militia along the coast.", language="en")
    assert _event(rec, "form_group", "form")["modality"] == "planned"
    rec = analyze("The government will sanction the company next week.", language="en")
    assert _event(rec, "sanction", "sanction")["modality"] == "planned"


def test_modality_hoped(analyze):
    rec = analyze("The rebels are sending money to fighters, hoping to spark an uprising.", language="en")
    assert _event(rec, "rebel", "uprising")["modality"] == "hoped"


def test_modality_negated(analyze):
    rec = analyze("The exiles do not appear to have mobilized any forces yet.", language="en")
    assert _event(rec, "recruit", "mobilized")["modality"] == "negated"
    rec = analyze("The army has never recruited foreign soldiers.", language="en")
    assert _event(rec, "recruit", "recruited")["modality"] == "negated"
    rec = analyze("The army failed to capture the bridge and did not attack the town.", language="en")
    assert _event(rec, "fight", "attack")["modality"] == "negated"


def test_modality_hypothetical(analyze):
    rec = analyze("If the talks collapse, Russia would attack Odessa.", language="en")
    assert _event(rec, "fight", "attack")["modality"] == "hypothetical"


def test_modality_reported(analyze):
    rec = analyze("Reuters reported that the militia killed five villagers.", language="en")
    assert _event(rec, "kill", "killed")["modality"] == "reported"


def test_accusation_makes_the_accused_the_agent(analyze):
    rec = analyze("John Smith is accused of intentional killings and torture.", language="en")
    acc = _event(rec, "accuse", "accused")
    assert _has(_names(rec, acc["patients"]), "Smith")
    kill = _event(rec, "kill", "killings")
    assert _has(_names(rec, kill["agents"]), "Smith")
    assert kill["modality"] == "alleged"


def test_lead_event_comes_first(analyze):
    rec = analyze("Police arrested John Smith in London on Monday.\n\n"
                  "Later, officials from Germany and France met in Berlin to discuss trade.",
                  title="London police arrest John Smith", language="en")
    assert rec["events"][0]["type"] == "arrest"
    assert [e["id"] for e in rec["events"]] == [f"v{n}" for n in range(1, len(rec["events"]) + 1)]


def test_records_validate_and_arguments_index_the_text(analyze):
    from newsgraph.record import validate

    rec = analyze("Supporters of the former leader are transferring money to fighters in Lebanon.", language="en")
    validate(rec)
    ev = _event(rec, "transfer")
    for arg in ev["arguments"]:
        assert rec["text"][arg["start"]:arg["end"]] == arg["text"]
    assert any(a["role"] == "agent" and a["text"].startswith("Supporters") for a in ev["arguments"])


def test_window_fallback_without_a_parser(pipeline):
    """No dependency parse (as in Ukrainian): nearest entity before = agent, after = patient."""
    from dataclasses import replace

    from newsgraph.extract.events import EventExtractor

    backend = pipeline.resources.backend("en")
    doc = backend.analyze("Yesterday John Smith attacked Omar Haddad in Damascus.")
    doc = replace(doc, tokens=[replace(t, dep="", head=-1) for t in doc.tokens], has_parser=False)
    doc.data = pipeline.resources.data("en")
    parts = {}
    for ex in pipeline.extractors:
        if ex.name == "events":
            break
        parts.update(ex(doc, parts))
    events = EventExtractor(pipeline.resources)(doc, parts)["events"]
    ev = next(e for e in events if e["type"] == "fight")
    ents = {e["id"]: e["name"] for e in parts["entities"]}
    assert any("Smith" in ents[a] for a in ev["agents"])
    assert any("Haddad" in ents[p] for p in ev["patients"])
    assert ev["place"] and "Damascus" in ents[ev["place"]]


def test_seed_events(seed_record):
    rec = seed_record
    flees = [e for e in rec["events"] if e["type"] == "flee" and e["trigger"]["text"] == "fled"]
    assert any(_has(_names(rec, e["agents"]), "Assad") and _has(_names(rec, [e["place"]] if e["place"] else []), "Russia")
               for e in flees)
    arrest = _event(rec, "arrest", "arrest warrant")
    assert _has(_names(rec, arrest["patients"]), "Assad")
    if arrest["time"] is not None:
        assert rec["times"][arrest["time"]]["value"].startswith("2025-09")
    assert _event(rec, "form_group", "form")["modality"] == "planned"
    assert _event(rec, "recruit", "mobilized")["modality"] == "negated"
    assert _event(rec, "rebel", "uprising")["modality"] == "hoped"
    assert any(e["type"] == "accuse" and _has(_names(rec, e["patients"]), "Assad") for e in rec["events"])
    assert any(e["type"] in ("transfer", "fund") for e in rec["events"][:5])


def test_5w1h_matching_rules():
    from newsgraph.eval.giveme5w1h import hit, tokens

    assert tokens("The FBI's director") == {"fbi", "director"}
    assert hit(["blamed"], ["blames FBI director"])
    assert not hit(["blamed"], ["blames FBI director"], stemmed=False)
    assert not hit(["the"], ["the director"])            # stop words never match
    assert not hit([], ["anything"])


def test_5w1h_scorer_runs(datasets_dir, pipeline):
    from newsgraph.eval import giveme5w1h

    figures = giveme5w1h.run(datasets_dir, limit=3, pipeline=pipeline)
    assert figures["articles"] == 3
    for q in giveme5w1h.QUESTIONS:
        assert 0.0 <= figures[q]["hit_rate"] <= 1.0
    assert "mean" in giveme5w1h.format_report(figures)


def test_russian_parse_relative_clause_passive_and_light_verb(analyze):
    rec = analyze("Бывший президент Башар Асад, который бежал в Россию в декабре 2024 года, был обвинён "
                  "в убийствах. Министерство юстиции выдало ордер на арест Асада.", language="ru")
    flee = _event(rec, "flee", "бежал")
    assert flee["agents"] and flee["agents"] == _event(rec, "accuse")["patients"]
    assert _has(_names(rec, [flee["place"]] if flee["place"] else []), "Росси")
    kill = _event(rec, "kill")
    assert kill["modality"] == "alleged" and kill["agents"] == flee["agents"]
    arrest = _event(rec, "arrest", "ордер на арест")
    assert _has(_names(rec, arrest["agents"]), "Министерство")


def test_russian_modality(analyze):
    rec = analyze("Генералы планируют сформировать ополчение. Россия атаковала бы Одессу. "
                  "Армия не мобилизовала солдат.", language="ru")
    assert _event(rec, "form_group")["modality"] == "planned"
    assert _event(rec, "fight")["modality"] == "hypothetical"
    assert _event(rec, "recruit")["modality"] == "negated"
    rec = analyze("Сторонники Асада переводят деньги боевикам, сообщает Reuters.", language="ru")
    assert _event(rec, "transfer")["modality"] == "reported"


def _uk_doc(text, resources):
    """A parser-less Ukrainian AnalyzedDoc built with pymorphy3 (independent of the uk NER model)."""
    import re

    import pymorphy3

    from newsgraph.lang.base import AnalyzedDoc, Sentence, Token

    morph = resources.shared("test-pymorphy3-uk", lambda: pymorphy3.MorphAnalyzer(lang="uk"))
    pos_map = {"VERB": "VERB", "INFN": "VERB", "NOUN": "NOUN", "ADJF": "ADJ", "PRTF": "ADJ",
               "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "ADVB": "ADV", "NPRO": "PRON"}
    tokens = []
    for n, m in enumerate(re.finditer(r"\w+(?:['’]\w+)*|[^\w\s]", text)):
        p = morph.parse(m.group())[0]
        pos = "PUNCT" if not m.group()[0].isalnum() else pos_map.get(str(p.tag.POS), "X")
        if pos == "NOUN" and m.group()[0].isupper() and n > 0:
            pos = "PROPN"
        tokens.append(Token(i=n, text=m.group(), start=m.start(), end=m.end(), lemma=p.normal_form, pos=pos))
    doc = AnalyzedDoc(text=text, language="uk", tokens=tokens,
                      sentences=[Sentence(0, len(text), 0, len(tokens))], ner=[], has_parser=False)
    doc.data = resources.data("uk")
    return doc


def _mention_entities(text, names):
    ents = []
    for n, (name, type_) in enumerate(names, 1):
        start = text.index(name)
        ents.append({"id": f"e{n}", "name": name, "type": type_, "aliases": [], "titles": [],
                     "mentions": [{"start": start, "end": start + len(name), "text": name}]})
    return ents


def test_ukrainian_window_heuristic_and_cues(pipeline):
    from newsgraph.extract.events import EventExtractor

    ex = EventExtractor(pipeline.resources)
    text = "Поліція затримала Івана Петренка у Києві."
    doc = _uk_doc(text, pipeline.resources)
    ents = _mention_entities(text, [("Поліція", "ORG"), ("Івана Петренка", "PERSON"), ("Києві", "LOC")])
    ev = next(e for e in ex(doc, {"entities": ents, "times": [], "claims": []})["events"] if e["type"] == "arrest")
    assert ev["agents"] == ["e1"] and ev["patients"] == ["e2"] and ev["place"] == "e3"
    assert ev["modality"] == "asserted"

    text = "Армія не мобілізувала нових солдатів, а генерали планують сформувати ополчення."
    doc = _uk_doc(text, pipeline.resources)
    events = ex(doc, {"entities": [], "times": [], "claims": []})["events"]
    assert next(e for e in events if e["type"] == "recruit")["modality"] == "negated"
    assert next(e for e in events if e["type"] == "form_group")["modality"] == "planned"


def test_noun_event_targets_and_visits(analyze):
    rec = analyze("Hamas launched an attack on Israel.", language="en")
    ev = _event(rec, "fight", "attack")
    assert _has(_names(rec, ev["agents"]), "Hamas")
    assert _has(_names(rec, ev["patients"]), "Israel") and ev["place"] is None
    rec = analyze("Makhlouf later spent many years under house arrest.", language="en")
    ev = _event(rec, "arrest", "house arrest")
    assert ev["patients"] and ev["place"] is None


def test_event_data_files_parse_as_strings(pipeline):
    """YAML 1.1 reads bare on/off/no/yes as booleans: every word list must stay strings."""
    for lang in ("en", "ru", "uk"):
        data = pipeline.resources.data(lang)["events"]
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                stack.extend(x.values())
            elif isinstance(x, list):
                assert all(isinstance(v, (str, dict, list)) for v in x), (lang, x)
                stack.extend(v for v in x if not isinstance(v, str))


def test_nationality_forces_and_causing_events(analyze):
    rec = analyze("A Russian missile strike killed twelve people on Friday.", language="en")
    strike, kill = _event(rec, "fight", "strike"), _event(rec, "kill", "killed")
    assert strike["agents"] and kill["agents"] == strike["agents"]
    assert _has(_names(rec, kill["agents"]), "Russia")
    rec = analyze("Ukrainian forces shot down 30 drones.", language="en")
    assert _has(_names(rec, _event(rec, "fight")["agents"]), "Ukrain")


def test_participants_without_an_entity_are_shown_by_their_phrase():
    """An event whose agent or patient is no entity ("Hundreds of protesters") shows the phrase in
    the report and the web page instead of "—"; names win when there are some; hostile text
    stays inert in Markdown."""
    from newsgraph.record import event_participants
    from newsgraph.render.markdown import render

    ev = {"id": "v1", "type": "attack", "trigger": {"start": 22, "end": 30, "text": "attacked"},
          "agents": [], "patients": ["e1"], "time": None, "place": None, "modality": "asserted",
          "arguments": [
              {"role": "agent", "start": 0, "end": 21, "text": "Hundreds of\nprotesters", "entity": None},
              {"role": "patient", "start": 31, "end": 49, "text": "the police station", "entity": "e1"},
              {"role": "patient", "start": 50, "end": 60, "text": "<b>a car</b>", "entity": None}]}
    names = {"e1": "Central Police Station"}
    assert event_participants(ev, "agent", names) == ["“Hundreds of protesters”"]
    assert event_participants(ev, "patient", names) == ["Central Police Station"]
    assert event_participants(dict(ev, patients=[]), "patient", {}) == ["“<b>a car</b>”"]
    long = dict(ev, arguments=[dict(ev["arguments"][0], text="word " * 30)])
    assert event_participants(long, "agent", {}, max_chars=20)[0].endswith("…”")
    assert event_participants(dict(ev, arguments=[]), "agent", names) == []

    rec = {"id": "x", "language": "en", "title": "t", "text": "", "entities": [],
           "events": [dict(ev, patients=[])], "times": []}
    line = next(ln for ln in render(rec).splitlines() if ln.startswith("- **attack**"))
    assert "“Hundreds of protesters” → “&lt;b&gt;a car&lt;/b&gt;”" in line


def test_article_page_shows_participant_phrases(analyze):
    from newsgraph.web.pages import article_context

    rec = analyze("Hundreds of angry protesters attacked a police station in Goma on Monday.")
    ctx = article_context(rec)
    attack = [ev for ev in rec["events"] if ev["trigger"]["text"] == "attacked"]
    assert attack and "protesters" in ctx["participants"](attack[0], "agent")
