"""Ukrainian backend: tokenizer, pymorphy3 lemmas/morphology, sentences, trained NER, base forms."""
from __future__ import annotations

from importlib import resources

import pytest


@pytest.fixture(scope="module")
def uk(pipeline):
    return pipeline.resources.backend("uk")


def test_hyphen_and_apostrophe_words_stay_whole(uk):
    text = "Генерал-майор Іван Петренко, прем'єр-міністр, сказав «п’ять» і пʼять разів."
    words = [t.text for t in uk.analyze(text).tokens]
    for w in ("Генерал-майор", "прем'єр-міністр", "п’ять", "пʼять"):
        assert w in words, words
    assert "«" in words and "," in words      # punctuation is still split off


def test_tokens_lemmas_morphology_sentences(uk):
    doc = uk.analyze("Вибух стався у Харківській області. Рятувальники працюють на місці.")
    assert doc.language == "uk" and not doc.has_parser
    assert len(doc.sentences) == 2
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        assert t.dep == "" and t.head == -1
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["області"].lemma == "область"
    assert by_text["області"].pos == "NOUN"
    assert by_text["Харківській"].pos == "ADJ"
    assert by_text["працюють"].pos == "VERB"
    assert by_text["Рятувальники"].feat("Number") == "Plur"
    assert by_text["."].pos == "PUNCT"


def test_blank_line_ends_a_sentence(uk):
    # a headline has no full stop: it must not run into the lead
    text = "Місто закриє порт на ремонт\n\nМіська рада вирішила закрити порт на два тижні."
    doc = uk.analyze(text)
    assert [text[s.start:s.end].strip() for s in doc.sentences] == [
        "Місто закриє порт на ремонт", "Міська рада вирішила закрити порт на два тижні."]


def test_headline_and_caption_lines_end_sentences(uk, analyze):
    # single line breaks under a headline and a photo caption, no full stops
    text = ("Співачка Ганна Орлик повідомила, що збирається відпочити «на свіжому повітрі»\n"
            "Концерт Орлик 16 березня 2021 року\n"
            "Поп-зірка Ганна Орлик повідомила, що в її крові знайшли антитіла.\n")
    doc = uk.analyze(text)
    assert [text[s.start:s.end].strip() for s in doc.sentences][:2] == [
        "Співачка Ганна Орлик повідомила, що збирається відпочити «на свіжому повітрі»",
        "Концерт Орлик 16 березня 2021 року"]
    claims = analyze(text, language="uk")["claims"]
    assert [c["content"]["text"] for c in claims] == [
        "що збирається відпочити «на свіжому повітрі»", "що в її крові знайшли антитіла"]
    text = "Міська рада вирішила,\nЩо порт закриють на два тижні."
    assert len(uk.analyze(text).sentences) == 1


def test_about_this_after_a_headline_points_to_the_lead(analyze):
    rec = analyze("Місто закриє порт на ремонт\n\nМіська рада вирішила закрити порт на два "
                  "тижні.\n\nПро це повідомив речник ради Іван Петренко.", language="uk")
    (c,) = [c for c in rec["claims"] if c["cue"]["text"] == "повідомив"]
    assert c["content"]["text"] == "Міська рада вирішила закрити порт на два тижні"
    assert "Петренко" in c["source"]["text"]


def test_ner_with_base_forms(uk):
    doc = uk.analyze("Прихильники Башара Асада втекли до Москви. Генерал Петро Коваленко прибув "
                     "до Харківській області разом із Володимиром Зеленським.")
    spans = {s.text: s for s in doc.ner}
    assert spans["Башара Асада"].type == "PERSON"
    assert spans["Башара Асада"].base == "Башар Асад"
    assert spans["Москви"].type == "LOC" and spans["Москви"].base == "Москва"
    assert spans["Володимиром Зеленським"].base == "Володимир Зеленський"
    for s in doc.ner:
        assert doc.text[s.start:s.end] == s.text
        assert doc.tokens[s.first].start == s.start and doc.tokens[s.last - 1].end == s.end


@pytest.mark.parametrize("words,etype,expected", [
    ("Башара Асада", "PERSON", "Башар Асад"),
    ("Харківській області", "LOC", "Харківська область"),
    ("Міністерства оборони України", "ORG", "Міністерство оборони України"),
    ("Верховної Ради", "ORG", "Верховна Рада"),
    ("Юлією Тимошенко", "PERSON", "Юлія Тимошенко"),
    ("Києві", "LOC", "Київ"),
    ("Збройних сил України", "ORG", "Збройні сили України"),
    ("Південного потоку-2", "ORG", "Південний потік-2"),      # a numbered name inflects as a unit
    ("Південному потоці-2", "ORG", "Південний потік-2"),
    ("Ан-124", "PRODUCT", "Ан-124"),                          # a model number is not a word to inflect
])
def test_base_former(uk, words, etype, expected):
    assert uk.former.base(words.split(), etype) == expected


def test_base_former_keeps_quoted_names_and_abbreviations(uk):
    assert uk.former.base(["ТОВ", "«", "Укргеоекологія", "»"], "ORG") == "ТОВ « Укргеоекологія »"
    assert uk.former.base(["США"], "LOC") == "США"


def test_model_is_packaged_with_its_license_note():
    root = resources.files("newsgraph") / "models" / "uk_ner"
    assert (root / "meta.json").is_file()
    assert (root / "ner").is_dir() and (root / "tokenizer").is_file()
    note = (root / "LICENSE-NOTE.txt").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in note


def test_sample_article_actors(analyze):
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "samples" / "uk" / "vyshkolka.txt"
    record = analyze(path.read_text(encoding="utf-8"), language="uk")
    assert not record.get("error"), record.get("error")
    persons = [e for e in record["entities"] if e["type"] == "PERSON"]
    assert persons and all(e.get("key") for e in persons)


def test_countries_are_places_whatever_the_model_says(uk):
    """A country's name is LOC: found when the model misses it, retyped when it calls it ORG,
    and split from a title word ("Прем'єр Великої Британії"); "Того" (a pronoun) and the
    country inside "ЗС України" are left alone."""
    doc = uk.analyze("Велика Британія вийде з ЄС. Прем'єр Великої Британії Тереза Мей заявила про "
                     "це в Лондоні. Того ж дня ЗС України провели навчання.")
    spans = {(s.text, s.type) for s in doc.ner}
    assert ("Велика Британія", "LOC") in spans and ("Великої Британії", "LOC") in spans
    assert not any(t.startswith("Прем'єр") for t, _ in spans)
    assert not any(t == "Того" for t, _ in spans)
    assert ("України", "LOC") not in spans or ("ЗС України", "ORG") in spans
    for s in doc.ner:
        assert doc.text[s.start:s.end] == s.text
        assert doc.tokens[s.first].start == s.start and doc.tokens[s.last - 1].end == s.end


def test_outlets_and_latin_names_are_organisations(uk):
    doc = uk.analyze("Ryanair скасувала рейси, повідомляє DW. Авіакомпанії Lufthansa та Air France "
                     "теж. Мережа Metro Cash & Carry відкрила магазин.")
    orgs = {s.text for s in doc.ner if s.type == "ORG"}
    assert {"Ryanair", "DW"} <= orgs
    assert "Carry" not in {s.text for s in doc.ner}      # no fragment of "Metro Cash & Carry"
    assert not any(s.type == "ORG" and any(c.isdigit() for c in s.text) for s in doc.ner)


def test_model_features_same_at_training_and_run_time(uk):
    """The NER model embeds the `morph` component's lemma and tag (with gazetteer flags when its
    config says so). Training (training/uk-ner/train.py) builds the pipeline from the model's
    config and tokenises with a blank uk pipeline plus customize_tokenizer; run time loads the
    packaged model: both must give each token the same text, lemma and tag."""
    import spacy
    from spacy.util import load_model_from_config

    from newsgraph.lang.uk import customize_tokenizer

    text = ("Посол Сполучених Штатів прибув до Києва.\nТам Олександр Коваленко з Служби безпеки "
            "України зустрівся з представниками НАТО та компанії Boeing у Львові.")
    blank = spacy.blank("uk")
    customize_tokenizer(blank)
    trained = load_model_from_config(uk.nlp.config, auto_fill=True)
    train_doc = trained.get_pipe("morph")(blank.make_doc(text))
    run_doc = uk.nlp(text)
    assert [t.text for t in train_doc] == [t.text for t in run_doc]
    assert [(t.lemma_, t.tag_) for t in train_doc] == [(t.lemma_, t.tag_) for t in run_doc]
    tags = {t.text: t.tag_ for t in run_doc}
    assert tags["Києва"].startswith("NOUN|gent")
    if uk.nlp.config["components"]["morph"].get("gazetteer"):
        assert "|gLOC" in tags["Києва"] and "|gLOC" in tags["Львові"]
        assert "|gORG" in tags["НАТО"]
        assert "|gLOC" in tags["Штатів"] and "|g" not in tags["прибув"]
