"""Ingest: each input kind, encodings, cleaning, language, and every error case."""
from __future__ import annotations

import json

from pathlib import Path

import pytest

from newsgraph.ingest import Article, IngestError, Reader
from newsgraph.ingest.encoding import decode

SCRAPED = """ua en ru

Ministers meet in Vienna over grain corridor

Ministers meet in Vienna over grain corridor Photo: The ministers before the talks

Foreign ministers met in Vienna on Monday to discuss the grain corridor, officials said.

Read also: Ten things to know about shipping

The talks will continue next week.
"""


def read_one(tmp_path, name, content, **kw):
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    items = list(Reader(**kw).read([str(p)]))
    assert len(items) == 1
    return items[0]


def test_scraped_text_cleaning(tmp_path):
    art = read_one(tmp_path, "a.txt", SCRAPED)
    assert isinstance(art, Article)
    assert art.title == "Ministers meet in Vienna over grain corridor"
    assert art.text.startswith("Foreign ministers met in Vienna")
    assert "ua en ru" not in art.text
    assert "Photo:" not in art.text and "Read also" not in art.text
    assert "The talks will continue next week." in art.text
    assert any("Photo:" in r for r in art.removed)


def test_as_is_keeps_text_exactly(tmp_path):
    art = read_one(tmp_path, "a.txt", SCRAPED, as_is=True)
    assert art.text == SCRAPED
    assert art.title == "Ministers meet in Vienna over grain corridor"


def test_seed_example_cleaning(seed_path):
    art = next(Reader().read([str(seed_path)]))
    assert art.title == "Pro-Assad Russians reportedly plotting uprising in Syria - Reuters"
    assert art.text.startswith("Supporters of former Syrian President Bashar al-Assad")
    assert "Photo:" not in art.text and not art.text.startswith("ua en ru")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1251", "koi8_r"])
def test_cyrillic_encodings(tmp_path, encoding):
    text = ("Президент заявив журналістам, що переговори тривають. " if encoding != "koi8_r"
            else "Президент заявил журналистам, что переговоры продолжаются. ") * 3
    art = read_one(tmp_path, "a.txt", text.encode(encoding))
    assert isinstance(art, Article), art
    assert art.text.strip() == text.strip()


UK_SHORT = "Президент заявив журналістам, що переговори тривають. Башар Асад втік до Москви."
RU_SHORT = "Бывший президент Сирии Башар Асад бежал в Москву, сообщил его источник."


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_u", "mac_cyrillic", "iso8859_5", "cp1125"])
def test_short_ukrainian_in_each_code_page(encoding):
    assert decode(UK_SHORT.encode(encoding)) == UK_SHORT


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic",
                                      "iso8859_5"])
def test_short_russian_in_each_code_page(encoding):
    """cp1251 Russian was read as mac_cyrillic ("Ѕашар јсад"): they share lowercase letters."""
    assert decode(RU_SHORT.encode(encoding)) == RU_SHORT


def test_western_code_pages_still_decode():
    text = "Café owners in Zürich said the naïve plan would fail, façade and all. " * 3
    assert decode(text.encode("cp1252")) == text


# real documents: which code pages a text in each language can be written in
CODE_PAGES = {"ru": ["cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5"],
              "uk": ["cp1251", "koi8_u", "mac_cyrillic", "iso8859_5", "cp1125"]}


def _real_documents(datasets: Path, lang: str, n: int) -> list[tuple[str, str]]:
    from newsgraph.eval.common import iter_members

    sources = {"ru": [("nerel", "nerel/train/", "_text.txt"), ("bsnlp", "bsnlp/", ".txt")],
               "uk": [("ner-uk", "ner-uk/docs/", ".txt"), ("bsnlp", "bsnlp/", ".txt")]}[lang]
    docs = []
    for archive, prefix, suffix in sources:
        got = 0
        for name, text in iter_members(datasets / f"{archive}.tar.gz", prefix, suffix):
            if archive == "bsnlp" and f"/raw/{lang}/" not in name:
                continue
            docs.append((name, text))
            got += 1
            if got >= n // 2:
                break
    return docs


@pytest.mark.datasets
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_real_documents_decode_exactly_in_every_code_page(datasets_dir, lang):
    """60 real documents per language, each written in every legacy code page it fits (the
    few characters a page lacks become "?", as a real page in it would have them), must decode
    to exactly that text."""
    docs = _real_documents(datasets_dir, lang, 60)
    assert len(docs) == 60
    wrong = []
    for encoding in CODE_PAGES[lang]:
        for name, text in docs:
            raw = text.encode(encoding, errors="replace")
            expected = raw.decode(encoding)
            if decode(raw, name) != expected:
                wrong.append(f"{encoding}: {name}")
    assert not wrong, wrong


def test_decode_rejects_binary():
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "x.png")


def test_html_extraction(tmp_path):
    html = """<!doctype html><html><head><title>Port reopens after storm | Example News</title>
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2025-02-03T08:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Port reopens after storm</h1>
    <p>The port of Constanta reopened on Monday after a storm closed it for three days, the port
    authority said in a statement published on its website.</p>
    <p>Ships queued outside the harbour during the closure, according to shipping agents who
    spoke to reporters.</p></article>
    <footer>Copyright Example News</footer></body></html>"""
    art = read_one(tmp_path, "page.html", html)
    assert isinstance(art, Article), art
    assert "port of Constanta reopened" in art.text
    assert "Copyright" not in art.text and "Home" not in art.text
    assert art.title and "Port reopens after storm" in art.title
    assert art.published is not None and art.published.isoformat() == "2025-02-03"
    assert art.outlet == "Example News"


def test_newsplease_json(tmp_path):
    obj = {"title": "T one two", "text": "Body of the article here.", "url": "https://x.org/a",
           "date_publish": "2017-01-18 09:22:00", "source_domain": "x.org"}
    art = read_one(tmp_path, "a.json", json.dumps(obj))
    assert art.title == "T one two" and art.url == "https://x.org/a"
    assert art.published.isoformat() == "2017-01-18" and art.outlet == "x.org"
    assert art.text == "Body of the article here."


def test_jsonl_bad_line_does_not_stop_others(tmp_path):
    lines = [json.dumps({"title": "a b c", "text": "First article."}), "{not json",
             json.dumps({"title": "x y z"}), json.dumps({"text": "Third article."})]
    p = tmp_path / "b.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(Reader().read([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "Article"]
    assert items[1].path.endswith("b.jsonl:2") and "invalid JSON" in items[1].reason
    assert "no 'text'" in items[2].reason


def test_error_cases(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "big.txt").write_text("word " * 3000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("A short article about talks in Geneva.", encoding="utf-8")
    reader = Reader(max_bytes=10_000)
    items = list(reader.read([str(tmp_path / n) for n in
                              ("missing.txt", "empty.txt", "bin.txt", "big.txt", "ok.txt")]))
    reasons = [i.reason if isinstance(i, IngestError) else "ok" for i in items]
    assert reasons[0] == "no such file or folder"
    assert reasons[1] == "empty input"
    assert "binary" in reasons[2]
    assert "limit" in reasons[3]
    assert reasons[4] == "ok"


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Second text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First text here.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    items = list(Reader().read([str(tmp_path)]))
    assert [i.path.split("/")[-1] for i in items] == ["a.txt", "b.txt"]


def test_language_detection():
    from newsgraph.ingest.language import LanguageIdentifier

    ident = LanguageIdentifier()
    assert ident.detect("The minister said the talks would resume next week in Geneva.") == "en"
    assert ident.detect("Міністр заявив, що переговори відновляться наступного тижня.") == "uk"
    assert ident.detect("Министр заявил, что переговоры возобновятся на следующей неделе.") == "ru"
    with pytest.raises(IngestError, match="German"):
        ident.detect("Der Minister sagte, die Gespräche würden nächste Woche in Genf fortgesetzt.")
