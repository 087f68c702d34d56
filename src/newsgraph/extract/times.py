"""Times: calendar expressions in the text, resolved to ISO values.

Works on characters, not on a parse: regular expressions built from the language's word lists in
``lang/data/<lang>/times.yml`` (every inflected month, weekday, unit and shift form, so "у вересні
2025 року", "в сентябре 2025 года", "минулого тижня" need no parser, and dateparser, which misses
most inflected forms and fills in days the text never gave, is not needed). Where the backend
has NER (English), its DATE and EVENT spans vouch for bare years ("Super Bowl 2018") that lack a
preposition.

Each time is ``{start, end, text, value, granularity, anchor}``:

- stated dates ("September 2025", "8 грудня 2024 року") are ``anchor: "absolute"``;
- relative ones ("a year ago", "yesterday", "on Tuesday", "на прошлой неделе") are resolved
  against the publication date (``"published"``); without one, against the latest stated date in
  the article that is not in the future and not a deadline (``"inferred"``); when that anchor is
  too coarse for the phrase (a day phrase against a month), value and anchor are null.
- The value never claims more precision than the phrase: "a year ago" is a month, "last week" an
  ISO week ("2025-W49"), "the 1990s" a decade ("199").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from .base import Extractor
from .spans import GrowingSpans

GRAN_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5}
B = r"(?<![\w'])"     # word start
E = r"(?:(?='s(?!\w))|(?![\w']))"   # word end (a possessive "'s" may follow)


def fold_apostrophes(text: str) -> str:
    """Same length as `text`; typographic apostrophes become ASCII so word lists match."""
    return text.translate(str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"}))


def lower_same_length(text: str) -> str:
    """Lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def alternation(words, *, name: str | None = None) -> str:
    """A regex alternation of literal phrases (lower-cased: patterns run on lower-cased text),
    longest first; spaces match any whitespace."""
    items = sorted({lower_same_length(w.replace("’", "'")) for w in words if w}, key=len, reverse=True)
    if not items:
        return r"(?!x)x"
    body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in items)
    return f"(?P<{name}>{body})" if name else f"(?:{body})"


@dataclass
class Found:
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    extra: dict = field(default_factory=dict)
    deadline: bool = False


class TimeGrammar:
    """Compiled patterns for one language (built once per process through Resources)."""

    def __init__(self, data: dict, numbers: dict) -> None:
        self.data = data
        self.case_sensitive = set(data.get("case_sensitive") or [])
        self.months = {k.replace("’", "'"): v for k, v in (data.get("months") or {}).items()}
        self.months_l = {k.lower(): v for k, v in self.months.items()}
        self.ambiguous_months = {m.lower() for m in data.get("ambiguous_months") or []}
        self.weekdays = {k.replace("’", "'"): v for k, v in (data.get("weekdays") or {}).items()}
        self.weekdays_l = {k.lower(): v for k, v in self.weekdays.items()}
        self.seasons = {k.lower(): v for k, v in (data.get("seasons") or {}).items()}
        self.units = {k.lower(): v for k, v in (data.get("units") or {}).items()}
        self.shifts = {_key(k): v for k, v in (data.get("relative_shift") or {}).items()}
        self.weekday_shift = {_key(k): v for k, v in (data.get("weekday_shift") or {}).items()}
        self.rel_days = {_key(k): v for k, v in (data.get("relative_days") or {}).items()}
        self.rel_words = {_key(k): v for k, v in (data.get("relative_words") or {}).items()}
        self.ago_gran = data.get("ago_granularity") or {}
        counts = {k.lower().replace("’", "'"): v for k, v in (numbers or {}).items()
                  if isinstance(v, (int, float)) and v >= 1 and float(v).is_integer()}
        counts.update({k.lower(): v for k, v in (data.get("articles") or {}).items()})
        self.counts = counts
        self.vague_counts = {_key(v) for v in data.get("vague_counts") or []}
        self.deadline = {_key(v) for v in data.get("deadline_preps") or []}

        month = alternation(self.months, name="month")
        day_suf = alternation(data.get("day_suffix") or [])
        year_suf_items = data.get("year_suffix") or []
        glued = [s for s in year_suf_items if s.startswith("-")]
        spaced = [s for s in year_suf_items if not s.startswith("-")]
        ysuf = (f"(?P<ysuf>{alternation(glued)}(?:\\s+{alternation(spaced)})?|\\s*{alternation(spaced)})?"
                if year_suf_items else "(?P<ysuf>)")
        day = rf"(?P<day>[0-3]?\d)(?:{day_suf})?"
        year = r"(?P<year>1[0-9]\d\d|20\d\d|21\d\d)"
        season = alternation(self.seasons, name="season")
        unit = alternation(self.units, name="unit")
        count = f"(?P<count>\\d{{1,3}}|{alternation(list(self.counts) + list(self.vague_counts))})"
        ago = alternation(data.get("ago") or [])
        ahead = alternation(data.get("ahead") or [])
        ampm = alternation(data.get("am_pm") or ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"])
        self.holidays = {_key(k): v for k, v in (data.get("holidays") or {}).items()}
        self.same = {_key(k): v for k, v in (data.get("same_as_previous") or {}).items()}
        self.patterns: list[tuple[str, re.Pattern]] = [
            ("iso", re.compile(rf"(?<![\d-])(?P<year>\d{{4}})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")),
            ("dotted", re.compile(rf"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{year}{ysuf}(?![\d.]\d)")),
            ("dotted2", re.compile(r"(?<![\d.])(?P<day>[0-3]\d)\.(?P<month>[01]\d)\.(?P<yy>\d\d)(?![\d.]\d|\.\d)")),
            ("drange", re.compile(
                rf"{B}(?P<day>[0-3]?\d)\s*(?:[-–—]|{alternation(data.get('year_range_joiners') or [])})\s*"
                rf"(?P<day2>[0-3]?\d)(?:{day_suf})?\s+{month}\.?(?:,?\s+{year}{ysuf})?{E}")),
            ("century", re.compile(
                rf"{B}(?:(?P<roman>[ivxхі]{{1,6}})(?:-?(?:{alternation(data.get('century_roman_suffix') or [])}))?"
                rf"|(?P<cent>\d{{1,2}})(?:{day_suf}|st|nd|rd|th))\s+{alternation(data.get('century_words') or [])}{E}")),
            ("dmy", re.compile(rf"{B}{day}\s+(?:of\s+)?{month}\.?(?:,?\s+{year}{ysuf})?{E}")),
            ("mdy", re.compile(rf"{B}{month}\.?\s+(?P<day>[0-3]?\d)(?:{day_suf})?(?:,?\s+{year}{ysuf})?{E}")),
            ("my", re.compile(rf"{B}{month}\.?,?\s+(?:of\s+)?{year}{ysuf}{E}")),
            ("month", re.compile(rf"{B}{month}{E}")),
            ("season", re.compile(rf"{B}{season}\s+(?:of\s+)?{year}{ysuf}{E}")),
            ("decade", re.compile(
                rf"{B}(?:{alternation(data.get('decade_prefix') or [])}\s+)?'?(?P<decade>1\d{{2}}0|20\d0|\d0)"
                rf"(?:{alternation(data.get('decade_suffix') or [])})"
                rf"(?:\s+{alternation(data.get('decade_after') or [])})?{E}")),
            ("yrange", re.compile(
                rf"(?<![\w'$€£.,/]){year}(?:{ysuf.replace('?P<ysuf>', '?:')})?\s*"
                rf"{alternation(data.get('year_range_joiners') or ['-', '–', '—'])}\s*"
                rf"(?P<year2>1[0-9]\d\d|20\d\d|21\d\d){ysuf}{E}(?![.,/]\d)")),
            ("year", re.compile(rf"(?<![\w'$€£.,/])(?:(?<=mid-)|(?<!\w-)){year}{ysuf}{E}(?![.,/]\d)")),
            ("relday", re.compile(rf"{B}{alternation(self.rel_days, name='rel')}{E}")),
            ("relword", re.compile(rf"{B}{alternation(self.rel_words, name='rel')}{E}")),
            ("unres", re.compile(rf"{B}{alternation(data.get('unresolvable') or [])}{E}")),
            ("shift", re.compile(rf"{B}{alternation(self.shifts, name='shift')}\s+{unit}{E}")),
            ("ago", re.compile(rf"{B}(?:{count}\s+)?{unit}\s+{ago}{E}")),
            ("ahead", re.compile(rf"{B}(?:{count}\s+)?{unit}\s+{ahead}{E}")),
            ("holiday", re.compile(rf"{B}{alternation(self.holidays, name='holiday')}(?:,?\s+{year}{ysuf})?{E}")),
            ("same", re.compile(rf"{B}{alternation(self.same, name='same')}{E}")),
            ("clock", re.compile(
                rf"(?<![\w'.:,])(?:(?P<hh>[01]?\d|2[0-3])[:](?P<mm>[0-5]\d)(?:\s*(?P<ampm>{ampm}))?"
                rf"|(?P<hh2>1[0-2]|0?[1-9])(?:[.:](?P<mm2>[0-5]\d))?\s*(?P<ampm2>{ampm}))"
                rf"(?:\s+{alternation(data.get('clock_after') or [])})?(?![\w:]|[.,]\d)")),
            ("sshift", re.compile(rf"{B}{alternation(self.shifts, name='shift')}\s+{season}{E}")),
            ("weekday", re.compile(
                rf"{B}(?:{alternation(data.get('weekday_preps') or [], name='wprep')}\s+)?"
                rf"{alternation(self.weekdays, name='weekday')}{E}")),
        ]
        self.month_prep = re.compile(rf"{B}{alternation(data.get('month_preps') or [])}\s+$", re.I)
        self.year_prep = re.compile(rf"{B}{alternation(data.get('year_preps') or [])}[\s-]+$", re.I)
        self.deadline_prep = re.compile(rf"{B}{alternation(data.get('deadline_preps') or [])}\s+$", re.I)
        self.month_then_dash = re.compile(rf"{B}{alternation(self.months)}\s*[-–—]\s*$")
        self.year_list = re.compile(
            rf"\s*(?:,|{alternation(data.get('list_joiners') or [])})\s*(?:1[0-9]|20|21)\d\d")
        self.part = re.compile(rf"{B}{alternation(data.get('period_parts') or [])}[\s-]*$", re.I)

    # -- matching --------------------------------------------------------------------------------
    def find(self, text: str, date_spans: list[tuple[int, int]] = ()) -> list[Found]:
        """All candidate expressions; `date_spans` (NER DATE spans) vouch for bare years."""
        spans = date_spans
        folded = fold_apostrophes(text)
        lowered = lower_same_length(folded)
        out: list[Found] = []
        for kind, pat in self.patterns:
            for m in pat.finditer(lowered):
                f = self._make(kind, m, lowered, spans, folded)
                if f is not None:
                    out.append(f)
        return out

    def _cased_ok(self, table: str, surface: str, exact: dict) -> bool:
        return table not in self.case_sensitive or surface in exact

    def _make(self, kind: str, m: re.Match, text: str, date_spans=(), orig: str = "") -> Found | None:
        """`text` is the lower-cased text the patterns ran on; `orig` keeps the case."""
        g = m.groupdict()
        start, end = m.start(), m.end()
        before = text[max(0, start - 40):start]
        f = Found(start, end, kind)
        if g.get("month") is not None and kind not in ("iso", "dotted", "dotted2"):
            surface = orig[m.start("month"):m.end("month")]
            if not self._cased_ok("months", surface, self.months):
                return None
            f.month = self.months_l[surface.lower()]
            if m.end() == m.end("month") + 1 and text[m.end("month")] == "." and len(surface) > 4:
                f.end -= 1                # a sentence's full stop, not an abbreviation's
            if kind == "month":
                after_ok = re.match(r"\s*[^\w\s]", text[end:end + 3]) is not None or end == len(text)
                listed = self.month_then_dash.search(before)
                if not (self.month_prep.search(before) or listed):
                    return None           # "лютий вітер", "May"
                if surface.lower() in self.ambiguous_months and not after_ok:
                    return None
        elif g.get("month") is not None:
            f.month = int(g["month"])
        if g.get("day") is not None:
            f.day = int(g["day"])
        if g.get("year") is not None:
            f.year = int(g["year"])
        if kind == "dotted2":
            yy = int(g["yy"])
            f.extra["yy"] = yy
            f.year = _century_of(yy, None)   # settled in extract() once the reference year is known
        if kind == "drange":
            f.extra["day2"] = int(g["day2"])
            if not f.day < f.extra["day2"] <= 31:
                return None
        if kind == "century":
            if g.get("roman") and not orig[m.start("roman"):m.end("roman")].isupper():
                return None               # "і століття": a conjunction, not Roman I
            n = _roman(g["roman"]) if g.get("roman") else int(g["cent"])
            if not 1 <= n <= 22:
                return None
            f.extra["century"] = n
        if kind == "yrange":
            f.extra["year2"] = int(g["year2"])
            if not 0 < f.extra["year2"] - f.year < 200:
                return None
        if kind == "year":
            after = text[end:end + 2]
            listed = self.year_list.match(text[end:end + 12])
            if not (g.get("ysuf") or self.year_prep.search(before) or listed
                    or not re.match(r"\s*[\w$€£%]", after)
                    or any(s <= start and end <= e for s, e in date_spans)):
                return None
        if f.month is not None and not 1 <= f.month <= 12:
            return None
        if f.day is not None:
            try:
                date(f.year or 2000, f.month or 1, f.day)
            except ValueError:
                return None
        if kind == "season":
            f.extra["season"] = self.seasons[g["season"].lower()]
        elif kind == "decade":
            d = g["decade"]
            f.extra["decade"] = int(d) if len(d) == 4 else (1900 + int(d) if int(d) >= 30 else 2000 + int(d))
        elif kind == "relday":
            f.extra["offset"] = self.rel_days[_key(g["rel"])]
        elif kind == "relword":
            unit, shift = self.rel_words[_key(g["rel"])]
            f.extra.update(unit=unit, shift=shift)
        elif kind == "shift":
            f.extra.update(shift=self.shifts[_key(g["shift"])], unit=self.units[g["unit"].lower()])
        elif kind in ("ago", "ahead"):
            c = _key(g.get("count") or "")
            form = g["unit"].lower()
            f.extra["unit"] = self.units[form]
            f.extra["sign"] = -1 if kind == "ago" else 1
            if c.isdigit():
                f.extra["count"] = int(c)
            elif c in self.vague_counts:
                f.extra["count"] = None
            elif c:
                f.extra["count"] = self.counts.get(c)
                if f.extra["count"] is None:
                    return None
            elif self.data.get("articles"):   # English: "years ago" is vague, "year ago" odd
                if not form.endswith("s"):
                    return None
                f.extra["count"] = None
            else:                             # "рік тому", "год назад"
                f.extra["count"] = 1
        elif kind == "holiday":
            f.month, f.day = (int(x) for x in str(self.holidays[_key(g["holiday"])]).split("-"))
        elif kind == "same":
            f.extra["unit"] = self.same[_key(g["same"])]
        elif kind == "clock":
            hh = int(g["hh"] if g.get("hh") is not None else g["hh2"])
            mm = int(g.get("mm") or g.get("mm2") or 0)
            ampm = (g.get("ampm") or g.get("ampm2") or "").replace(".", "")
            if ampm == "pm" and hh < 12:
                hh += 12
            elif ampm == "am" and hh == 12:
                hh = 0
            if hh > 23:
                return None
            f.extra["clock"] = f"{hh:02d}:{mm:02d}"
        elif kind == "sshift":
            f.extra.update(shift=self.shifts[_key(g["shift"])], season=self.seasons[g["season"].lower()])
        elif kind == "weekday":
            surface = orig[m.start("weekday"):m.end("weekday")]
            if not self._cased_ok("weekdays", surface, self.weekdays):
                return None
            prep = _key(g.get("wprep") or "")
            if not prep and "weekdays" not in self.case_sensitive:
                return None
            f.extra.update(weekday=self.weekdays_l[surface.lower()], shift=self.weekday_shift.get(prep, 0))
            if prep and prep not in self.weekday_shift:   # "on Tuesday": the text is the weekday
                f.start = m.start("weekday")
        if kind in ("dmy", "mdy", "my", "month", "year", "yrange", "season", "dotted", "iso", "century"):
            window = text[max(0, f.start - 40):f.start]
            part = self.part.search(window)
            if part:                      # "early 2025", "наприкінці 2024 року": same value
                f.start -= len(window) - part.start()
            f.deadline = bool(self.deadline_prep.search(text[max(0, f.start - 40):f.start]))
        return f


def _roman(s: str) -> int:
    """Roman numerals, Cyrillic look-alikes (Х, І) included."""
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    s = s.upper().replace("Х", "X").replace("І", "I")
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals.get(a, 0)
        total += -v if vals.get(b, 0) > v else v
    return total


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("’", "'").split())


def _pick(found: list[Found]) -> list[Found]:
    """Longest first, no overlaps, then in text order."""
    chosen: list[Found] = []
    taken = GrowingSpans()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not taken.any_overlap((f.start, f.end)):
            chosen.append(f)
            taken.add((f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)


@dataclass
class Anchor:
    year: int
    month: int | None
    day: int | None
    kind: str                # "published" | "inferred"

    @property
    def gran(self) -> str:
        return "day" if self.day else ("month" if self.month else "year")

    def allows(self, gran: str) -> bool:
        return GRAN_RANK[self.gran] <= GRAN_RANK.get(gran, 4)

    def as_date(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_year(anchor: Anchor, month: int) -> int:
    """The year of a month named without one: the nearest, leaning to the past (news reports)."""
    if anchor.month is None:
        return anchor.year
    back = (anchor.month - month) % 12
    if back <= 9:
        return anchor.year if month <= anchor.month else anchor.year - 1
    return anchor.year + 1 if month < anchor.month else anchor.year


def _reference_year(doc, found: list[Found]) -> int | None:
    """The year two-digit years are read near: the publication year, else the latest four-digit
    year the text states."""
    if doc.published:
        return doc.published.year
    years = [f.year for f in found if f.year is not None and f.kind != "dotted2"]
    return max(years) if years else None


def _century_of(yy: int, reference: int | None) -> int:
    """A two-digit year as the year nearest the reference that is at most one year after it
    ("05.03.24" published in 2025 is 2024; "01.02.98" is 1998); with no reference, 00-30 are
    2000-2030 and 31-99 the 1900s, a fixed rule (the output never depends on the run date)."""
    if reference is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    century = reference - reference % 100
    year = century + yy
    return year if year <= reference + 1 else year - 100


class TimeExtractor(Extractor):
    name = "times"
    requires = ()
    assigns = ("times",)

    def grammar(self, doc) -> TimeGrammar:
        lang = doc.language
        return self.resources.shared(
            f"times-grammar-{lang}",
            lambda: TimeGrammar(doc.data["times"], (doc.data["quantities"] or {}).get("numbers") or {}))

    def __call__(self, doc, parts) -> dict[str, Any]:
        return {"times": self.extract(doc)}

    def extract(self, doc) -> list[dict[str, Any]]:
        grammar = self.grammar(doc)
        found = grammar.find(doc.text, [(e.start, e.end) for e in doc.ner if e.label in ("DATE", "EVENT")])
        found = _pick(found)
        reference = _reference_year(doc, found)
        for f in found:
            if f.kind == "dotted2":
                f.year = _century_of(f.extra["yy"], reference)
        anchor = self._anchor(doc, found)
        out = []
        for f in found:
            if f.kind == "same":          # "that year", "в том же году": the last stated date's
                value, gran, anchored = _same_as_previous(f.extra["unit"], out)
            elif f.kind == "clock":       # a clock time takes the day stated right next to it
                value, gran, anchored = None, "minute", None
            else:
                value, gran, anchored = self._resolve(f, anchor, grammar.ago_gran)
            out.append({"start": f.start, "end": f.end, "text": doc.text[f.start:f.end],
                        "value": value, "granularity": gran, "anchor": anchored})
        for f, t in zip(found, out):
            if f.kind == "clock":
                day = _adjacent_day(doc.text, t, out)
                if day is not None:
                    t.update(value=f"{day['value']}T{f.extra['clock']}", anchor=day["anchor"])
        return out

    # -- anchor ----------------------------------------------------------------------------------
    @staticmethod
    def _anchor(doc, found: list[Found]) -> Anchor | None:
        if doc.published:
            p = doc.published
            return Anchor(p.year, p.month, p.day, "published")
        # No published date: the latest date the text states, deadlines ("by 2030") left out.
        # Only the text decides, never the day the analysis runs.
        keys = [(f.year, f.month or 0, f.day or 0) for f in found
                if f.kind in ("iso", "dotted", "dotted2", "dmy", "mdy", "my", "year", "yrange")
                and f.year is not None and not f.deadline]
        if not keys:
            return None
        y, m, d = max(keys)
        return Anchor(y, m or None, d or None, "inferred")

    # -- resolution ------------------------------------------------------------------------------
    def _resolve(self, f: Found, a: Anchor | None,
                 ago_gran: dict) -> tuple[str | None, str | None, str | None]:
        k = f.kind
        if k == "century":                # ISO 8601 century: the 20th century is "19"
            return f"{f.extra['century'] - 1:02d}", "century", "absolute"
        if k == "drange":
            y = f.year or (_month_year(a, f.month) if a else None)
            if y is None:
                return None, "day", None
            return (f"{y:04d}-{f.month:02d}-{f.day:02d}/{y:04d}-{f.month:02d}-{f.extra['day2']:02d}", "day",
                    "absolute" if f.year else a.kind)
        if k in ("iso", "dotted", "dotted2") or (k in ("dmy", "mdy") and f.year):
            return f"{f.year:04d}-{f.month:02d}-{f.day:02d}", "day", "absolute"
        if k == "my":
            return f"{f.year:04d}-{f.month:02d}", "month", "absolute"
        if k == "year":
            return f"{f.year:04d}", "year", "absolute"
        if k == "yrange":                 # ISO 8601 interval
            return f"{f.year:04d}/{f.extra['year2']:04d}", "year", "absolute"
        if k == "season":
            return f"{f.year:04d}-{f.extra['season']}", "season", "absolute"
        if k == "decade":
            return str(f.extra["decade"])[:3], "decade", "absolute"
        if k == "unres":
            return None, None, None
        if k in ("dmy", "mdy"):          # day and month, no year
            if a is None:
                return None, "day", None
            y = _month_year(a, f.month)
            return f"{y:04d}-{f.month:02d}-{f.day:02d}", "day", a.kind
        if k == "month":
            if a is None:
                return None, "month", None
            return f"{_month_year(a, f.month):04d}-{f.month:02d}", "month", a.kind
        if k == "relday":
            off = f.extra.get("offset")
            if a is None or not a.allows("day") or off is None:
                return None, "day", None
            return (a.as_date() + timedelta(days=off)).isoformat(), "day", a.kind
        if k in ("shift", "relword"):
            return self._shifted(a, f.extra["unit"], f.extra["shift"])
        if k == "holiday":
            if f.year:
                return f"{f.year:04d}-{f.month:02d}-{f.day:02d}", "day", "absolute"
            if a is None:
                return None, "day", None
            return f"{_month_year(a, f.month):04d}-{f.month:02d}-{f.day:02d}", "day", a.kind
        if k == "sshift":
            if a is None:
                return None, "season", None
            return f"{a.year + f.extra['shift']:04d}-{f.extra['season']}", "season", a.kind
        if k in ("ago", "ahead"):
            unit, n = f.extra["unit"], f.extra["count"]
            gran = ago_gran.get(unit, unit)
            if a is None or n is None or not a.allows(gran):
                return None, gran, None
            d = a.as_date()
            delta = {"day": relativedelta(days=n), "week": relativedelta(weeks=n),
                     "month": relativedelta(months=n), "year": relativedelta(years=n),
                     "decade": relativedelta(years=10 * n)}[unit]
            return _format(d + delta if f.extra["sign"] > 0 else d - delta, gran), gran, a.kind
        if k == "weekday":
            if a is None or not a.allows("day"):
                return None, "day", None
            d, wd, shift = a.as_date(), f.extra["weekday"], f.extra["shift"]
            if shift > 0:
                d = d + timedelta(days=(wd - d.weekday() - 1) % 7 + 1)
            elif shift < 0:
                d = d - timedelta(days=(d.weekday() - wd - 1) % 7 + 1)
            else:
                d = d - timedelta(days=(d.weekday() - wd) % 7)
            return d.isoformat(), "day", a.kind
        return None, None, None

    @staticmethod
    def _shifted(a: Anchor | None, unit: str | None, shift: int | None):
        if unit is None or shift is None:
            return None, None, None
        gran = unit
        if unit == "day":                 # "the previous day", "the next day": the story's day
            return None, "day", None
        if a is None or not a.allows("day" if unit == "week" else ("year" if unit == "decade" else unit)):
            return None, gran, None
        d = a.as_date()
        if unit == "week":
            return _iso_week(d + timedelta(weeks=shift)), "week", a.kind
        if unit == "month":
            return _format(d + relativedelta(months=shift), "month"), "month", a.kind
        if unit == "year":
            return f"{a.year + shift:04d}", "year", a.kind
        return str(a.year + 10 * shift)[:3], "decade", a.kind


def _adjacent_day(text: str, clock: dict, times: list[dict]) -> dict | None:
    """The resolved day just before or after a clock time ("12:47 a.m. Thursday",
    "on Sunday at 6am", "8 грудня о 10:00"): only short connecting words between them."""
    for t in times:
        if t is clock or t["granularity"] != "day" or not t["value"] or "/" in t["value"]:
            continue
        if t["end"] <= clock["start"]:
            gap = text[t["end"]:clock["start"]]
        elif clock["end"] <= t["start"]:
            gap = text[clock["end"]:t["start"]]
        else:
            continue
        if len(gap) <= 12 and re.fullmatch(r"[\s,]*(?:[^\W\d]{1,5}[\s,]+)?(?:[^\W\d]{1,5}[\s,]*)?", gap):
            return t
    return None


def _same_as_previous(unit: str, earlier: list[dict]):
    """The period of the nearest earlier stated date, cut to `unit` (year, month, day)."""
    width = {"year": 4, "month": 7, "day": 10}[unit]
    for t in reversed(earlier):
        v = t["value"]
        if t["anchor"] == "absolute" and v and "/" not in v and len(v) >= width and v[4:5] in ("", "-") \
                and (len(v) == 4 or v[5:7].isdigit()):
            return v[:width], unit, "inferred"
    return None, unit, None


def _format(d: date, gran: str) -> str:
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return _iso_week(d)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "decade":
        return str(d.year)[:3]
    return f"{d.year:04d}"
