"""Which currency an amount is in: the ISO 4217 code from the currency's name as the text gives it
("Egyptian pounds", "іракських динарів") or, for a bare shared word ("pounds", "динаров",
"dollars"), from the countries the article is about.

Names come from the Unicode CLDR through babel (display names and every plural form, per
language), for the currencies in legal tender in some territory; nothing here is hand-listed. A
word shared by several currencies' names ("pound": GBP, EGP, SYP, LBP, ...) is a *head*; a bare
head takes the currency of the article's main country (the most mentioned) when its currency has
that head; a head with no usual reading in the language's data ("dinars") takes the first country,
by mentions, whose currency has it. Otherwise the quantity extractor's own reading stays (its
per-language data gives the usual one: "pounds" -> GBP, "dollars" -> USD).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any, Iterable

# Currencies in use on this day (a fixed day: the record must not depend on when it runs).
IN_USE_ON = date(2025, 1, 1)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


class CurrencyNames:
    """Per-language index of currency names (every CLDR form) -> ISO code, and head words ->
    the codes whose names share them."""

    def __init__(self, language: str) -> None:
        from babel import Locale
        from babel.core import get_global
        from babel.numbers import get_territory_currencies

        locale = Locale.parse(language)
        territories = get_global("territory_currencies")
        self.by_territory: dict[str, list[str]] = {}
        in_use: set[str] = set()
        for territory in territories:
            codes = get_territory_currencies(territory, start_date=IN_USE_ON, tender=True)
            if codes:
                self.by_territory[territory] = codes
                in_use.update(codes)
        plurals = locale._data.get("currency_names_plural", {})
        self.names: dict[tuple[str, ...], str] = {}
        word_codes: dict[str, set[str]] = defaultdict(set)
        for code in sorted(in_use):
            forms = {locale.currencies.get(code) or ""} | set((plurals.get(code) or {}).values())
            for form in forms:
                words = tuple(_words(form))
                if len(words) < 1 or words == (code.lower(),):
                    continue
                self.names.setdefault(words, code)
                for w in words:
                    word_codes[w].add(code)
        # a head: a word in the names of two currencies or more ("pound", "фунтов", "динар")
        self.heads = {w: codes for w, codes in word_codes.items() if len(codes) >= 2}
        self.codes = in_use
        self.longest = max((len(k) for k in self.names), default=0)

    def named(self, text: str) -> str | None:
        """The code whose full name ends `text` ("120 million Egyptian pounds" -> EGP), the
        longest name first; a bare head word is not a name here."""
        words = _words(text)
        for n in range(min(self.longest, len(words)), 0, -1):
            code = self.names.get(tuple(words[-n:]))
            if code is not None and (n >= 2 or words[-1] not in self.heads):
                return code
        return None

    def by_context(self, text: str, countries: Iterable[str]) -> str | None:
        """For an amount ending in a head word ("5,000 pounds"): the currency of the first
        country (most mentioned first) whose currency has that head."""
        words = _words(text)
        if not words or words[-1] not in self.heads:
            return None
        candidates = self.heads[words[-1]]
        for country in countries:
            for code in self.by_territory.get(country, ()):
                if code in candidates:
                    return code
        return None


def article_countries(entities: list[dict[str, Any]]) -> list[str]:
    """Countries of the article's places, most mentioned first (ties: first mentioned first)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for ent in entities:
        country = (ent.get("geo") or {}).get("country")
        if not country:
            continue
        mentions = ent.get("mentions") or []
        counts[country] += max(1, len(mentions))
        start = min((m.get("start", 0) for m in mentions), default=0)
        first[country] = min(first.get(country, start), start)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))


def refine(quantities: list[dict[str, Any]], names: CurrencyNames,
           countries: list[str]) -> None:
    """Set `unit` to the ISO code where the amount names its currency or the article's countries
    decide a shared word (in place)."""
    for q in quantities:
        unit = q.get("unit")
        if not unit or unit == "percent":
            continue
        surface = q.get("text") or ""
        code = names.named(surface)
        if code is None:
            # the language's usual reading ("pounds" -> GBP, "dollars" -> USD) yields only to the
            # article's main country; a word with no usual reading ("dinars") takes the first
            # country that fits
            code = names.by_context(surface, countries[:1] if unit in names.codes else countries)
        if code is not None:
            q["unit"] = code
