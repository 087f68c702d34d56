"""Short en/uk/ru texts written for the search tests: one person named in three languages and
in several word forms, and texts about other things."""
from __future__ import annotations

TEXTS = {
    "ru_putin": ("Путин провёл совещание",
                 "Президент России Владимир Путин заявил в среду, что Москва готова к "
                 "переговорам. Путин встретился с министрами в Кремле.", "ru"),
    "uk_putin": ("Путін провів нараду",
                 "Президент Росії Володимир Путін заявив у середу, що Москва готова до "
                 "переговорів. Путіна підтримали міністри.", "uk"),
    "en_putin": ("Putin says Moscow is ready for talks",
                 "Russian President Vladimir Putin said on Wednesday that Moscow was ready for "
                 "talks, the Kremlin said.", "en"),
    "en_farm": ("Farmers block roads in Poland",
                "Farmers in Poland blocked roads on Monday to protest against grain imports, "
                "police said.", "en"),
    "uk_grain": ("Рекордний експорт зерна",
                 "Українські фермери експортували рекордний обсяг зерна через порти Одеси, "
                 "повідомило міністерство аграрної політики.", "uk"),
}


def analyse(pipeline) -> dict[str, dict]:
    """name -> record, through the session pipeline."""
    from newsgraph.ingest import Article

    out = {}
    for name, (title, text, lang) in TEXTS.items():
        rec = next(pipeline.analyze_articles([Article(text=text, title=title, language=lang,
                                                      outlet="search.example")]))
        assert "error" not in rec, rec
        assert rec["language"] == lang
        out[name] = rec
    return out


def build(store, records: dict[str, dict]) -> dict[str, str]:
    """Store the records in TEXTS order; name -> article id."""
    for rec in records.values():
        store.add_record(rec)
    return {name: rec["id"] for name, rec in records.items()}
