"""Search: the query language (unit tests), word forms in uk/ru, actors across languages, OR,
-word, exact phrases, counts and pages, the migration's backfill; on SQLite and (with
NEWSGRAPH_TEST_PG) PostgreSQL. Texts are in search_fixtures.py, written for these tests."""
from __future__ import annotations

import pytest

from newsgraph.kb import queries
from newsgraph.kb.search import fts_string, parse
from newsgraph.kb.store import Store

from search_fixtures import analyse, build


# -- the query language ------------------------------------------------------------------------
def test_or_binds_terms_and_space_means_all():
    assert parse("a OR b c").describe() == {"all_of": [["a", "b"], ["c"]], "none_of": []}
    assert parse("a OR b OR c").describe()["all_of"] == [["a", "b", "c"]]
    assert parse("a or b").describe()["all_of"] == [["a"], ["or"], ["b"]]      # only capitals


def test_exclusions_and_phrases():
    q = parse('Putin -Kremlin "ready for talks" -"grain imports"')
    assert q.describe() == {"all_of": [["Putin"], ['"ready for talks"']],
                            "none_of": ["Kremlin", '"grain imports"']}
    assert [t.phrase for g in q.groups for t in g] == [False, True]
    assert parse("al-Assad -al-Assad").describe() == {"all_of": [["al"], ["Assad"]],
                                                      "none_of": ['"al Assad"']}


def test_anything_else_is_plain_words():
    assert parse('"grain* ^Izmail)').describe()["all_of"] == [["grain"], ["Izmail"]]  # lone quote
    assert parse("OR a").describe()["all_of"] == [["OR"], ["a"]]
    assert parse("a OR").describe()["all_of"] == [["a"], ["OR"]]
    assert parse("a OR -b").describe() == {"all_of": [["a"], ["OR"]], "none_of": ["b"]}
    assert parse("NEAR(x y) title:z").describe()["all_of"] == [["NEAR"], ["x"], ["y"], ["title"],
                                                               ["z"]]
    assert parse("- -- \"\"").empty and parse("").empty
    assert parse("-only").empty and parse("-only").describe()["none_of"] == ["only"]


def test_fts_strings_carry_no_syntax():
    assert fts_string(['a"b', "c*", "об'єкт"]) == '"a b c об єкт"'
    assert queries.fts_query('a"b OR c*') == '"a" "b" "c"'
    assert queries.fts_query("") is None


# -- on a knowledge base ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def records(pipeline):
    return analyse(pipeline)


@pytest.fixture
def kb(store, records):
    return store, build(store, records)


def hits(store, text, **kw):
    return queries.search(store, text, limit=kw.pop("limit", 50), **kw)


def how(hit, term):
    return {m["by"] for m in hit["matched"] if m["term"] == term}


def test_word_forms_in_russian_and_ukrainian(kb):
    store, ids = kb
    by_id = {h["id"]: h for h in hits(store, "Путину")}
    assert "word" in how(by_id[ids["ru_putin"]], "Путину")          # the text says "Путин"
    by_id = {h["id"]: h for h in hits(store, "Путіна")}
    assert "word" in how(by_id[ids["uk_putin"]], "Путіна")          # the text says "Путін"
    # not names: a Russian noun and a Ukrainian noun in other cases than in the texts
    assert [h["id"] for h in hits(store, "переговоры")] == [ids["ru_putin"]]
    assert [h["id"] for h in hits(store, "зерно")] == [ids["uk_grain"]]
    assert [h["id"] for h in hits(store, "фермер")] == [ids["uk_grain"]]
    assert [h["id"] for h in hits(store, "blocks")] == [ids["en_farm"]]   # en lemma: block


def test_an_actor_is_found_across_languages(kb):
    store, ids = kb
    found = hits(store, "Putin")
    assert {h["id"] for h in found} == {ids["ru_putin"], ids["uk_putin"], ids["en_putin"]}
    assert {h["language"] for h in found} == {"en", "ru", "uk"}
    assert found[0]["id"] == ids["en_putin"]                        # word matches rank first
    for h in found:
        if h["language"] != "en":
            actor = [m for m in h["matched"] if m["by"] == "actor"]
            assert actor and actor[0]["actor"] == "Vladimir Putin", h
            assert h["snippet"] and "[" in h["snippet"]              # the name is highlighted
    assert {h["id"] for h in hits(store, "putin")} == {h["id"] for h in found}   # as typed
    # a full name in another script and case finds the same articles
    assert {h["id"] for h in hits(store, "Владимира Путина")} == {h["id"] for h in found}
    # a word naming no actor stays in its language
    assert {h["id"] for h in hits(store, "farmers")} == {ids["en_farm"]}


def test_or_and_exclusion(kb):
    store, ids = kb
    assert {h["id"] for h in hits(store, "Poland OR Одеси")} == {ids["en_farm"], ids["uk_grain"]}
    assert {h["id"] for h in hits(store, "Poland OR Одеси imports")} == {ids["en_farm"]}
    # the Russian text says "в Кремле": excluded in any form
    assert ids["ru_putin"] not in {h["id"] for h in hits(store, "Путин -Кремль")}
    assert {h["id"] for h in hits(store, "Putin -Wednesday")} == {ids["ru_putin"], ids["uk_putin"]}
    assert hits(store, "-Putin") == []                              # nothing to find


def test_exact_phrase_is_exact(kb):
    store, ids = kb
    assert [h["id"] for h in hits(store, '"ready for talks"')] == [ids["en_putin"]]
    assert hits(store, '"talks for ready"') == []
    assert hits(store, '"Путину"') == []          # a phrase has no other forms and no actors
    assert [h["id"] for h in hits(store, '"Путин встретился"')] == [ids["ru_putin"]]


def test_hostile_queries_are_words(kb):
    store, _ = kb
    for hostile in ('"grain', "grain*", "NEAR(grain imports)", "body:grain", "grain OR x)",
                    "'; DROP TABLE articles; --", "^grain", '{title body} : "x"', "lemmas:путин",
                    "a" * 400, "-", '"', "OR OR OR"):
        page = queries.search_page(store, hostile)
        assert isinstance(page["results"], list) and page["total"] >= 0
    assert store.article_count() == 5


def test_search_counts_and_pages(kb):
    store, ids = kb
    whole = queries.search_page(store, "Putin", limit=50)
    assert whole["total"] == 3 == len(whole["results"])
    pages = [queries.search_page(store, "Putin", limit=1, offset=n) for n in range(4)]
    assert [p["total"] for p in pages] == [3, 3, 3, 3]
    assert [h["id"] for p in pages for h in p["results"]] == [h["id"] for h in whole["results"]]
    assert pages[3]["results"] == []
    said = queries.search_page(store, "said", limit=1)
    assert said["total"] == 2 and len(said["results"]) == 1


def test_actor_and_story_lists_page_with_real_counts(kb):
    store, _ = kb
    every = queries.top_actors(store, limit=1000)
    assert queries.count_actors(store) == len(every) >= 5
    paged = [a for n in range(0, len(every), 2) for a in queries.top_actors(store, 2, offset=n)]
    assert paged == every
    persons = queries.top_actors(store, 1000, type_="PERSON")
    assert queries.count_actors(store, type_="PERSON") == len(persons) >= 1
    stories = queries.list_stories(store)
    assert queries.count_stories(store) == len(stories)
    assert [s["id"] for n in range(len(stories))
            for s in queries.list_stories(store, limit=1, offset=n)] == [s["id"] for s in stories]


def downgrade(store, revision):
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    from newsgraph.kb import store as store_module

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_module.__file__).with_name("migrations")))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_migration_backfills_lemmas_of_stored_articles(db_url, records):
    from sqlalchemy import inspect

    with Store.open(db_url) as s:
        ids = build(s, records)
        downgrade(s, "0006")                               # as an older version left it
        assert "lemmas" not in {c["name"] for c in inspect(s.engine).get_columns("articles")}
    with Store.open(db_url) as s:                          # opening upgrades and backfills
        by_id = {h["id"]: h for h in hits(s, "Путіна")}
        assert "word" in how(by_id[ids["uk_putin"]], "Путіна")
        assert [h["id"] for h in hits(s, "зерно")] == [ids["uk_grain"]]


def test_search_analysers_belong_to_the_process_resources(tmp_path, pipeline):
    """No module-level singletons: a Store's lemmatiser and key maker live in its Resources, so a
    web app that also analyses shares the pipeline's copies, and separate Resources do not."""
    from newsgraph.web.app import create_app

    with Store.open(tmp_path / "a.db", resources=pipeline.resources) as shared:
        assert shared.key_maker is pipeline.resources.shared("cross-lingual-keys", None)
        assert shared.lemmatiser is shared.lemmatiser
        with Store.open(tmp_path / "b.db") as other:
            assert other.lemmatiser is not shared.lemmatiser
            assert other.key_maker is not shared.key_maker
            assert other.lemmatiser.text("Путину", "ru") == "путин"
    store = Store.open(tmp_path / "c.db")
    app = create_app(store=store)
    state = app.state.ng
    from newsgraph.ingest import Article

    record = state.analyze(Article(text="Лидеры обсудили Путина в Киеве.", language="ru"))
    assert record["language"] == "ru"
    assert state._pipeline.resources is store.resources
    assert store.key_maker is store.resources.shared("cross-lingual-keys", None)
    store.close()
