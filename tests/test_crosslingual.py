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
