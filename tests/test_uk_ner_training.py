"""training/uk-ner: BSNLP silver spans (mention lists without offsets -> character spans)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def train_module():
    path = Path(__file__).resolve().parents[1] / "training" / "uk-ner" / "train.py"
    spec = importlib.util.spec_from_file_location("uk_ner_train", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_silver_spans_every_occurrence_longest_first(train_module):
    text = ("Рада Європи зібралася у Страсбурзі. Представник ради повідомив, що Європи це не "
            "стосується, а Рада Європи розгляне питання компанії Wizz Air.")
    rows = [("рада європи", "рада європи", "ORG", "1"), ("Європи", "Європа", "LOC", "2"),
            ("Страсбурзі", "Страсбург", "LOC", "3"), ("Wizz Air", "Wizz Air", "ORG", "4"),
            ("Brexit", "Brexit", "EVT", "5")]
    spans = [(text[s:e], label) for s, e, label in train_module.silver_spans(text, rows)]
    assert spans.count(("Рада Європи", "ORG")) == 2          # longest form first, both times
    assert ("Європи", "LOC") in spans                          # the lone occurrence only
    assert spans.count(("Європи", "LOC")) == 1
    assert ("Страсбурзі", "LOC") in spans and ("Wizz Air", "ORG") in spans
    assert not any(t.startswith("ради") for t, _ in spans)    # a lower-case match is no name


def test_silver_spans_whole_words_and_apostrophes(train_module):
    text = "Мей і Меймс. Зв’язок з Прем'єр-міністром Терезою Мей."
    rows = [("Мей", "Мей", "PER", "1"), ("Терезою Мей", "Тереза Мей", "PER", "1"),
            ("прем’єр-міністром", "прем'єр-міністр", "PRO", "2")]
    spans = [(text[s:e], label) for s, e, label in train_module.silver_spans(text, rows)]
    assert spans == [("Мей", "PERSON"), ("Прем'єр-міністром", "MISC"),
                     ("Терезою Мей", "PERSON")]


def test_bsnlp_uk_training_topics_are_not_scored():
    """`newsgraph eval bsnlp` (split dev) scores no Ukrainian document the NER trains on."""
    from newsgraph.eval import bsnlp
    from newsgraph.eval.common import DatasetMissing, default_datasets_dir

    try:
        dev = bsnlp.load_docs(default_datasets_dir(), "uk", split="dev")
        train = bsnlp.load_docs(default_datasets_dir(), "uk", split="train")
    except DatasetMissing:
        pytest.skip("no ../shared/datasets")
    topic = lambda docs: {d.split("/", 1)[0] for d, _, _ in docs}  # noqa: E731
    assert topic(train) == set(bsnlp.UK_TRAIN_TOPICS)
    assert dev and not topic(dev) & topic(train)
