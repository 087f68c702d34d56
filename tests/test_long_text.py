"""Long texts and faults in the language backends (issue #17, items 2 and 3): a text over spaCy's
1,000,000-character limit is analysed in pieces with offsets into the whole text, a backend error
fails only its own article, and a per-article time budget stops one article, not its batch.
Speed against length is measured by benchmarks/long_text.py, not here."""
from __future__ import annotations

import pytest

from newsgraph.ingest import Article
from newsgraph.lang.chunks import analyze_long, split_text
from newsgraph.pipeline import Pipeline
from newsgraph.record import validate

from conftest import ENTITY_EXTRACTORS
from fault_extractors import SLOW

EN = ("Officials in Kharkiv said on Monday that {n} drones were shot down overnight. "
      "The mayor, Ihor Terekhov, said a school and {m} houses were damaged.\n\n")
EN_LAST = "Later on Tuesday, Volodymyr Zelensky met Emmanuel Macron in Paris."
TEXTS = {
    "en": ("The mayor of Lviv, Andriy Sadovyi, said on Monday that the city would open two new "
           "shelters.\n\nThe United Nations said it would send aid to Kharkiv next week.\n\n"
           "Ukraine's foreign minister Andrii Sybiha met Kaja Kallas in Brussels on Friday. "
           "They discussed sanctions against Russia.\n\n" + EN_LAST + "\n"),
    "uk": ("Мер Львова Андрій Садовий заявив у понеділок, що місто відкриє два нові укриття.\n\n"
           "Організація Об'єднаних Націй повідомила, що наступного тижня надішле допомогу до "
           "Харкова.\n\nМіністр закордонних справ Андрій Сибіга зустрівся з Каєю Каллас у "
           "Брюсселі в пʼятницю. Вони обговорили санкції проти Росії.\n\nУ вівторок Володимир "
           "Зеленський зустрівся з Емманюелем Макроном у Парижі.\n"),
    "ru": ("Мэр Львова Андрей Садовый заявил в понедельник, что город откроет два новых "
           "убежища.\n\nООН сообщила, что на следующей неделе направит помощь в Харьков.\n\n"
           "Министр иностранных дел Андрей Сибига встретился с Каей Каллас в Брюсселе в "
           "пятницу. Они обсудили санкции против России.\n\nВо вторник Владимир Зеленский "
           "встретился с Эммануэлем Макроном в Париже.\n"),
}
LAST_NAME = {"en": "Macron", "uk": "Макрон", "ru": "Макрон"}


def long_english(min_chars: int) -> str:
    parts, n = [], 0
    size = 0
    while size < min_chars:
        p = EN.format(n=n % 40 + 2, m=n % 17 + 3)
        parts.append(p)
        size += len(p)
        n += 1
    return "".join(parts) + EN_LAST + "\n"


def mentions_match(rec: dict) -> int:
    """Count of mentions checked; fails when a mention's offsets do not index its text."""
    text, n = rec["text"], 0
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"], (m, text[m["start"]:m["end"]])
            n += 1
    return n


# -- splitting --------------------------------------------------------------------------------------
def test_split_text_keeps_every_character_and_prefers_paragraph_breaks():
    text = "".join(f"Paragraph {n} says something about the war. And more.\n\n" for n in range(50))
    pieces = list(split_text(text, 300))
    assert "".join(p for _, p in pieces) == text
    assert [off for off, _ in pieces] == [sum(len(p) for _, p in pieces[:k]) for k in range(len(pieces))]
    assert all(len(p) <= 300 for _, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces)          # cut at paragraph breaks
    one_line = "word " * 200                                     # no line breaks: cut at a space
    pieces = list(split_text(one_line, 300))
    assert "".join(p for _, p in pieces) == one_line and all(p.endswith(" ") for _, p in pieces[:-1])
    blob = "x" * 1000                                            # no break at all: hard cut
    assert [len(p) for _, p in split_text(blob, 300)] == [300, 300, 300, 100]
    assert list(split_text("", 300)) == [(0, "")]


def test_span_indexes_answer_as_a_scan_would():
    """The indexes that keep extractors linear return what scanning every span returned, in the
    same order (nested, overlapping, empty and repeated spans included)."""
    import random

    from newsgraph.extract.spans import GrowingSpans, SpanIndex

    rng = random.Random(17)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            a = rng.randint(0, 200)
            spans.append((a, a + rng.choice([0, 1, 2, 5, 20, 120])))
        index, growing = SpanIndex(spans), GrowingSpans()
        for n, sp in enumerate(spans):
            a = rng.randint(-5, 330)
            b = a + rng.choice([0, 1, 3, 10, 60])
            scan = [k for k, (s, e) in enumerate(spans) if s < b and e > a]
            assert index.overlapping(a, b) == scan
            assert index.any_overlap(a, b) == bool(scan)
            assert index.containing(a) == [k for k, (s, e) in enumerate(spans) if s <= a < e]
            so_far = spans[:n]
            assert growing.any_overlap((a, b)) == any(s < b and a < e for s, e in so_far)
            growing.add(sp)
        assert growing.any_overlap(None) is False


# -- a long text in pieces ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_a_text_in_pieces_keeps_offsets_into_the_whole_text(pipeline, monkeypatch, lang):
    text = TEXTS[lang]
    backend = pipeline.resources.backend(lang)
    doc = analyze_long(backend, text, 120)
    assert [t.i for t in doc.tokens] == list(range(len(doc.tokens)))
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)
    assert all(a.end <= b.start and a.last == b.first for a, b in zip(doc.sentences, doc.sentences[1:]))
    for s_i, s in enumerate(doc.sentences):
        for t in doc.tokens[s.first:s.last]:
            assert t.sent == s_i
            assert t.head == -1 or s.first <= t.head < s.last
    assert all(text[sp.start:sp.end] == sp.text for sp in doc.ner)
    assert any(LAST_NAME[lang] in sp.text for sp in doc.ner)   # found in the last piece

    monkeypatch.setattr("newsgraph.pipeline.CHUNK_CHARS", 120)
    rec = pipeline.analyze_text(text, language=lang)
    assert "error" not in rec, rec["error"]
    validate(rec)
    assert mentions_match(rec) >= 4
    last = [m for e in rec["entities"] for m in e["mentions"] if LAST_NAME[lang] in m["text"]]
    assert last and last[0]["start"] > len(text) // 2


@pytest.mark.slow
def test_a_text_over_spacys_limit_is_analysed_and_its_batch_succeeds(pipeline):
    """Before: E088 ("Text of length 1000xxx exceeds maximum of 1000000") for every article of
    the batch."""
    long = long_english(1_000_001)
    assert len(long) > 1_000_000
    items = [Article(text=TEXTS["en"], path="a.txt"), Article(text=long, path="long.txt"),
             Article(text=EN.format(n=5, m=7), path="b.txt")]
    recs = list(pipeline.analyze_articles(items))
    assert [r["path"] for r in recs] == ["a.txt", "long.txt", "b.txt"]
    assert [r.get("error") for r in recs] == [None, None, None]
    big = recs[1]
    assert big["text"] == long and big["language"] == "en"
    assert mentions_match(big) > 1000
    macron = [m for e in big["entities"] for m in e["mentions"] if m["text"] == "Emmanuel Macron"]
    assert macron and macron[0]["start"] > 1_000_000
    assert any(e["name"] == "Ihor Terekhov" for e in big["entities"])


# -- backend faults ---------------------------------------------------------------------------------
class _Fragile:
    """The English backend, except that it raises on any text that says BREAK-THE-BACKEND."""

    def __init__(self, real) -> None:
        self.real, self.code = real, real.code

    def analyze(self, text):
        if "BREAK-THE-BACKEND" in text:
            raise ValueError("the backend broke\non two lines")
        return self.real.analyze(text)

    def analyze_many(self, texts, batch_size=16):
        for text in texts:
            yield self.analyze(text)


def test_a_backend_error_fails_only_its_own_article(pipeline, monkeypatch):
    real = pipeline.resources.backend
    monkeypatch.setattr(pipeline.resources, "backend", lambda lang: _Fragile(real(lang)))
    pipe = Pipeline(resources=pipeline.resources, extractors=ENTITY_EXTRACTORS, language="en")
    items = [Article(text=EN.format(n=n, m=n + 1) + ("BREAK-THE-BACKEND" if n == 1 else ""),
                     path=f"{n}.txt") for n in range(4)]
    recs = list(pipe.analyze_articles(items))
    assert [r["path"] for r in recs] == ["0.txt", "1.txt", "2.txt", "3.txt"]
    assert recs[1]["error"] == "the backend broke [en]"
    assert [n for n, r in enumerate(recs) if "error" in r] == [1]
    assert all(any(e["name"] == "Ihor Terekhov" for e in r["entities"])
               for n, r in enumerate(recs) if n != 1)


# -- time budget ------------------------------------------------------------------------------------
def test_an_article_over_the_time_budget_fails_alone(pipeline):
    pipe = Pipeline(resources=pipeline.resources, language="en", time_budget=1.5,
                    extractors=("fault_extractors:Sleeper", *ENTITY_EXTRACTORS))
    next(pipe.analyze_articles([Article(text=EN.format(n=1, m=2))]))      # data loaded once
    items = [Article(text=EN.format(n=n, m=n + 1) + (SLOW if n == 1 else ""), path=f"{n}.txt")
             for n in range(3)]
    recs = list(pipe.analyze_articles(items))
    assert [n for n, r in enumerate(recs) if "error" in r] == [1]
    assert recs[1]["error"].startswith("analysis stopped: it took longer than the time budget of "
                                       "1.5 s per article")
    assert "\n" not in recs[1]["error"]
    assert all(r["entities"] for n, r in enumerate(recs) if n != 1)
    unlimited = Pipeline(resources=pipeline.resources, language="en", time_budget=0,
                         extractors=("fault_extractors:Sleeper", *ENTITY_EXTRACTORS))
    assert "error" not in next(unlimited.analyze_articles([items[1]]))


@pytest.mark.parametrize("value", ["-1", "soon", "nan", "inf"])
def test_time_budget_option_rejects_what_is_not_seconds(value, capsys):
    from newsgraph.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["analyze", "x.txt", "--time-budget", value])
    assert exc.value.code == 2
    assert "--time-budget: expected a number of seconds" in capsys.readouterr().err


# -- ingest -----------------------------------------------------------------------------------------
@pytest.mark.slow
def test_ingest_stores_normal_files_beside_a_long_one_and_retries_it(pipeline, tmp_path):
    """A long file that runs out of time fails alone; --retry-failed with more time stores it
    and clears its failure. (Before: E088 failed every article of the long file's batch, and
    every retry failed them all again.)"""
    from newsgraph.kb.ingest import ingest
    from newsgraph.kb.store import Store

    long = long_english(1_100_000)
    paths = []
    for name, text in (("a.txt", TEXTS["en"]), ("long.txt", long), ("b.txt", EN.format(n=3, m=4))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    hurried = Pipeline(resources=pipeline.resources, time_budget=10)
    with Store.open(str(tmp_path / "kb.db")) as store:
        report = ingest(store, paths, pipeline=hurried)
        assert report.stored == 2
        assert [p for p, _ in report.failed] == [paths[1]]
        assert "time budget of 10 s" in report.failed[0][1]
        assert [f["path"] for f in store.failures()] == [paths[1]]

        again = ingest(store, paths, pipeline=hurried)          # no retry: skipped, not re-run
        assert again.stored == 0 and again.previously_failed == [paths[1]]

        patient = Pipeline(resources=pipeline.resources, time_budget=0)
        retry = ingest(store, [], retry_failed=True, pipeline=patient)
        assert retry.stored == 1 and not retry.failed
        assert retry.cleared == [paths[1]]
        assert store.failures() == []
