"""The seed article's opening in English, Ukrainian and Russian gives the same main actors' keys."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAIN = ("Bashar al-Assad", "Russia", "Moscow", "Syria", "Kamal Hassan", "Rami Makhlouf", "Reuters")


def seed_opening(seed_path: Path) -> str:
    """Headline and the first three paragraphs of the body (what the fixtures translate)."""
    paras = [p.strip() for p in seed_path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    headline = paras[1]
    body = [p for p in paras[3:] if len(p) > 120][:3]
    return "\n\n".join([headline, *body])


@pytest.fixture(scope="module")
def keysets(analyze, seed_path):
    texts = {"en": seed_opening(seed_path),
             "uk": (FIXTURES / "seed_uk.txt").read_text(encoding="utf-8"),
             "ru": (FIXTURES / "seed_ru.txt").read_text(encoding="utf-8")}
    out = {}
    for lang, text in texts.items():
        record = analyze(text, language=lang)
        assert not record.get("error"), record.get("error")
        out[lang] = {e["name"]: e.get("key") for e in record["entities"]
                     if e["type"] in ("PERSON", "LOC", "ORG")}
    return out


def test_english_opening_has_the_main_actors(keysets):
    missing = [n for n in MAIN if n not in keysets["en"]]
    assert not missing, keysets["en"]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_same_keys_for_main_actors(keysets, lang):
    expected = {keysets["en"][n] for n in MAIN if n in keysets["en"]}
    got = set(keysets[lang].values())
    assert expected <= got, (sorted(expected - got), keysets[lang])


@pytest.fixture(scope="module")
def records(analyze, seed_path):
    from datetime import date

    texts = {"en": seed_opening(seed_path),
             "uk": (FIXTURES / "seed_uk.txt").read_text(encoding="utf-8"),
             "ru": (FIXTURES / "seed_ru.txt").read_text(encoding="utf-8")}
    return {lang: analyze(text, language=lang, published=date(2025, 12, 5))
            for lang, text in texts.items()}


def _numbers(rec):
    return sorted((q.get("value") if q.get("value") is not None else q.get("low"), q.get("qualifier"))
                  for q in rec["quantities"])


def _claim_source_keys(rec):
    """Per claim, the cross-lingual keys of its source and of the chain it came through."""
    ents = {e["id"]: e for e in rec["entities"]}
    out = []
    for c in rec["claims"]:
        refs = [c.get("source") or {}] + list(c.get("via") or [])
        out.append({(ents.get(r.get("entity")) or {}).get("key") for r in refs} - {None})
    return out


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_same_quantities_times_and_claim_sources(records, lang):
    en, other = records["en"], records[lang]
    # "millions of dollars" (vague, at least 1,000,000 USD) and "two ... associates"
    assert _numbers(other) == _numbers(en) == [(2, "exact"), (1000000, "vague")]
    assert {q["unit"] for q in other["quantities"] if q.get("low") == 1000000} == {"USD"}
    # "a year ago" from 2025-12-05
    assert [(t["value"], t["granularity"]) for t in other["times"]] == \
        [(t["value"], t["granularity"]) for t in en["times"]] == [("2024-12", "month")]
    # every claim comes from Reuters, as its source or through it
    for rec in (en, other):
        keys = _claim_source_keys(rec)
        assert keys and all("reuters" in k for k in keys), (rec["language"], keys)
