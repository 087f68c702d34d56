"""Fuzzing (Hypothesis) over the three doors hostile text comes in by: analyze (the reader and the
pipeline), ingest (into a knowledge base) and the web API. Inputs mix news-like words in three
scripts with control characters, NULs, lone surrogates, markup and odd bytes. Nothing may raise:
every input gives a valid record or a record with a one-line error, every stored record can be
read back, and the API never answers 5xx. Bounded and derandomized so CI runs the same cases."""
from __future__ import annotations

import json

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsgraph.record import validate  # noqa: E402

WORDS = ["Kyiv", "said", "on", "Monday", "Путин", "заявил", "Зеленський", "сказав", "the",
         "police", "detained", "12", "people", "$3.5", "million", "according", "to", "Reuters",
         "\"", "'", "—", ",", ".", "\n\n", "(AP)", "2024", "березня", "марта", "<b>", "</div>",
         "&amp;", "\x00", "\ud800", "\u202e", "\t", "\r\n", "\ufeff", "🙂", "١٢٣", "ⅷ"]

# text: either news-like word salad or arbitrary unicode (surrogates and controls included)
TEXTS = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join),
    st.text(min_size=0, max_size=200),
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x3FF),
            max_size=200),
)
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def check_record(rec: dict) -> None:
    json.dumps(rec, ensure_ascii=False).encode("utf-8")     # serialisable and writable as UTF-8
    if "error" in rec:
        assert isinstance(rec["error"], str) and rec["error"].strip()
        assert "\n" not in rec["error"].strip()
        assert "Traceback" not in rec["error"]
    else:
        validate(rec)
        for ent in rec["entities"]:                          # offsets index the record's text
            for m in ent.get("mentions", []):
                assert 0 <= m["start"] <= m["end"] <= len(rec["text"])


@pytest.mark.slow
def test_fuzz_analyze_text(pipeline):
    from newsgraph.ingest import IngestError, Reader

    reader = Reader()

    @given(text=TEXTS, language=st.sampled_from([None, "en", "uk", "ru"]))
    @settings(max_examples=60, **SETTINGS)
    def run(text, language):
        try:
            article = reader.from_text(text, language=language)
        except IngestError as err:          # empty input: the reader's own one-line error
            assert str(err).strip()
            return
        check_record(next(pipeline.analyze_articles([article])))

    run()


SUFFIXES = [".txt", ".html", ".json", ".jsonl"]
FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXTS.map(lambda t: t.encode("cp1251", "replace")),
    st.builds(lambda t, title: json.dumps({"title": title, "text": t,
                                           "date_publish": "2024-13-45"}).encode(),
              TEXTS, TEXTS),
    TEXTS.map(lambda t: ("<html><head><title>" + t[:20] + "</title></head><body><p>" + t
                         + "</p></body></html>").encode("utf-8", "surrogatepass")),
)


@pytest.mark.slow
def test_fuzz_analyze_files(pipeline, tmp_path_factory):
    from newsgraph.ingest import IngestError, Reader

    folder = tmp_path_factory.mktemp("fuzz-files")
    reader = Reader()
    counter = iter(range(10**9))

    @given(data=FILE_BYTES, suffix=st.sampled_from(SUFFIXES))
    @settings(max_examples=60, **SETTINGS)
    def run(data, suffix):
        path = folder / f"f{next(counter)}{suffix}"
        path.write_bytes(data)
        items = list(reader.read([str(path)]))
        assert items, "every input gives an article or an error"
        articles = [i for i in items if not isinstance(i, IngestError)]
        for err in (i for i in items if isinstance(i, IngestError)):
            assert str(err).strip() and "\n" not in str(err).strip()
        for rec in pipeline.analyze_articles(articles):
            check_record(rec)

    run()


@pytest.mark.slow
def test_fuzz_ingest(pipeline, tmp_path_factory):
    from newsgraph.kb.ingest import ingest
    from newsgraph.kb.store import Store

    counter = iter(range(10**9))

    @given(files=st.lists(st.tuples(FILE_BYTES, st.sampled_from(SUFFIXES)), min_size=1,
                          max_size=4))
    @settings(max_examples=12, **SETTINGS)
    def run(files):
        folder = tmp_path_factory.mktemp(f"fuzz-ingest-{next(counter)}")
        paths = []
        for n, (data, suffix) in enumerate(files):
            path = folder / f"in{n}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        with Store.open(folder / "kb.db") as store:
            report = ingest(store, paths, pipeline=pipeline)
            stored = store.article_count()
            assert stored == report.stored
            for row in store.failures():
                assert row["error"].strip()
            with store.engine.connect() as conn:
                ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM articles")]
            assert len(ids) == stored
            for article_id in ids:
                assert store.has_article(article_id)

    run()


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory, pipeline):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.kb.store import Store
    from newsgraph.web.app import create_app
    from web_fixtures import build

    store = Store.open(tmp_path_factory.mktemp("fuzz-web") / "kb.db")
    build(store, pipeline)
    app = create_app(store=store, token="s3cret")
    app.state.ng._pipeline = pipeline
    yield TestClient(app, raise_server_exceptions=False)
    store.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=10)


@pytest.mark.slow
def test_fuzz_api_analyze(fuzz_client):
    @given(body=st.one_of(
        st.fixed_dictionaries({"text": TEXTS}, optional={
            "title": TEXTS, "url": TEXTS, "published": TEXTS, "language": TEXTS,
            "store": st.booleans(), "clean": st.booleans()}),
        JSON_VALUES))
    @settings(max_examples=60, **SETTINGS)
    def run(body):
        raw = json.dumps(body).encode()     # ensure_ascii: lone surrogates as \\udXXX escapes
        r = fuzz_client.post("/api/analyze", content=raw,
                             headers={"content-type": "application/json",
                                      "x-newsgraph-token": "s3cret"})
        assert r.status_code < 500, (body, r.status_code, r.text[:300])
        if r.status_code == 200:
            check_record(r.json())

    run()


GET_PATHS = ["/api/actors/{}", "/api/actors/{}/graph", "/api/stories/{}", "/api/articles/{}",
             "/api/search?q={}", "/api/claims?actor={}", "/api/timeline?actor={}",
             "/search?q={}", "/actors/{}", "/stories/{}", "/articles/{}"]


@pytest.mark.slow
def test_fuzz_api_reads(fuzz_client):
    from urllib.parse import quote

    @given(template=st.sampled_from(GET_PATHS), value=TEXTS.filter(bool))
    @settings(max_examples=80, **SETTINGS)
    def run(template, value):
        url = template.format(quote(value.encode("utf-8", "surrogatepass"), safe=""))
        r = fuzz_client.get(url)
        assert r.status_code < 500, (url, r.status_code, r.text[:300])

    run()
