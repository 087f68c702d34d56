"""Quantities: counted and measured amounts in the text.

Works on characters and our own light tokens, driven by ``lang/data/<lang>/quantities.yml``
(number words in every case form, scale words "million"/"млн"/"тисяч", qualifiers "over"/"понад"/
"около", vague plurals "millions of dollars"/"мільйони доларів", currency words and symbols), so it
needs no parser. The counted noun ("over 50,000 *fighters*") comes from part-of-speech tags: spaCy's
tokens for English, pymorphy3 for Ukrainian and Russian, where it is also reduced to its base form
("бойовиків" -> "бойовик"; "подземных командных пунктов" -> "подземный командный пункт").

Each quantity is ``{start, end, text, value, low, high, qualifier, unit}``: ``value`` is the stated
number (null for vague plurals and ranges), ``low``/``high`` the bounds the wording gives
(exact: both equal the value; "over 50,000": low 50000; "up to three": high 3; "millions of": low
1,000,000), ``unit`` an ISO currency code, "percent", or the counted noun phrase.

Times come first (this extractor requires them): a number inside a time expression ("2025",
"8 December", "two days ago") is not a quantity, and neither are bare years, ordinals,
identifiers ("Resolution 2254", "Su-34") or clock times.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .currencies import CurrencyNames, article_countries
from .currencies import refine as refine_currencies
from .base import Extractor
from .spans import SpanIndex
from .times import fold_apostrophes

MAX_NP = 4


@dataclass
class Tok:
    kind: str       # num | word | sym
    start: int
    end: int
    text: str       # lower-cased, apostrophes folded
    glued: str = ""  # letters glued to a figure ("m" in "$2.5m")


def _phrase_key(p: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+(?:['\-][^\W_]+)*|[^\w\s]", fold_apostrophes(p.lower())))


class Toks(list):
    """Our tokens, plus the character spans already taken by times (a counted noun stops there)."""
    busy: SpanIndex = SpanIndex(())

    def in_time(self, start: int, end: int) -> bool:
        return self.busy.any_overlap(start, end)


class PhraseTable:
    """Multi-word lookup over our tokens: the longest phrase starting (or ending) at a position."""

    def __init__(self, mapping: dict) -> None:
        self.map = {}
        for k, v in (mapping or {}).items():
            key = _phrase_key(str(k))
            if key:
                self.map[key] = v
        self.longest = max((len(k) for k in self.map), default=0)
        self.firsts = {k[0] for k in self.map}
        self.lasts = {k[-1] for k in self.map}

    def at(self, toks: list[Tok], i: int) -> tuple[Any, int] | None:
        """(value, index after) of the longest phrase starting at token i."""
        if i >= len(toks) or toks[i].text not in self.firsts:
            return None
        for n in range(min(self.longest, len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i:i + n])
            if key in self.map and _contiguous(toks[i:i + n]):
                return self.map[key], i + n
        return None

    def ending(self, toks: list[Tok], j: int) -> tuple[Any, int] | None:
        """(value, first index) of the longest phrase ending just before token j."""
        if j < 1 or toks[j - 1].text not in self.lasts:
            return None
        for n in range(min(self.longest, j), 0, -1):
            key = tuple(t.text for t in toks[j - n:j])
            if key in self.map and _contiguous(toks[j - n:j]):
                return self.map[key], j - n
        return None


def _contiguous(toks: list[Tok]) -> bool:
    """Tokens of one phrase: separated by spaces only, no line breaks or sentence ends."""
    return all(b.start - a.end <= 2 for a, b in zip(toks, toks[1:]))


class QuantityGrammar:
    def __init__(self, data: dict) -> None:
        fmt = data.get("number_format") or {}
        thousands = "".join(re.escape(s) for s in fmt.get("thousands") or [","])
        decimal = "".join(re.escape(s) for s in fmt.get("decimal") or ["."])
        number = rf"\d{{1,3}}(?:[{thousands}]\d{{3}})+(?:[{decimal}]\d+)?(?!\d)|\d+(?:[{decimal}]\d+)?"
        self.thousands = set(fmt.get("thousands") or [","])
        self.decimal = set(fmt.get("decimal") or ["."])
        self.token_re = re.compile(
            rf"(?P<num>{number})(?P<glued>[^\W\d_]+)?|(?P<word>[^\W\d_]+(?:['-][^\W\d_]+)*)|(?P<sym>[^\w\s])")
        self.numbers = PhraseTable(data.get("numbers"))
        self.multipliers = {k.lower(): v for k, v in (data.get("multipliers") or {}).items()}
        self.weak = {_phrase_key(w) for w in data.get("weak_numbers") or []}
        self.scales = PhraseTable(data.get("scales"))
        self.attached = {k.lower(): v for k, v in (data.get("attached_scales") or {}).items()}
        self.qualifiers = PhraseTable(data.get("qualifiers"))
        frames = data.get("range_frames") or []
        self.frame_open = PhraseTable({f[0]: f[1] for f in frames})
        self.joiners = {j.lower() for j in data.get("range_joiners") or []}   # without a frame
        self.vague = PhraseTable(data.get("vague"))
        self.vague_scales = PhraseTable(data.get("vague_scales"))
        self.vague_link = {w.lower() for w in data.get("vague_link") or []}
        self.partitive = {w.lower() for w in data.get("partitive") or []}
        self.symbols = {k: v for k, v in (data.get("currency_symbols") or {}).items()}
        self.currencies = PhraseTable(data.get("currencies"))
        self.currency_words = {fold_apostrophes(k.lower()).rstrip("."): v
                               for k, v in (data.get("currencies") or {}).items()}
        self.percent = PhraseTable({p: "percent" for p in data.get("percent") or []})
        self.percent_words = {p.lower() for p in data.get("percent") or []}
        self.measures = PhraseTable(data.get("measure_units"))
        self.identifiers = {_phrase_key(w)[0] for w in data.get("identifier_before") or [] if _phrase_key(w)}
        self.not_units = {w.lower() for w in data.get("not_units") or []}
        # "a 600-megawatt plant", "a 30-day truce": the word after the hyphen is the unit
        self.hyphen_units = bool(data.get("hyphen_units"))
        self.glued_units = {u.lower() for u in data.get("glued_units") or []}
        self.identifiers_after = PhraseTable({w: True for w in data.get("identifier_after") or []})
        self.phone_re = re.compile(r"\+\d[\d \-()]{7,}\d|(?<![\d,.])\d{3}[-. ]\d{2,3}[-. ]\d{2}[-. ]\d{2}(?![\d,])")

    def tokens(self, text: str) -> list[Tok]:
        folded = fold_apostrophes(text)
        out = []
        for m in self.token_re.finditer(folded):
            kind = m.lastgroup if m.lastgroup != "glued" else "num"
            if m.group("num") is not None:
                out.append(Tok("num", m.start(), m.end(), m.group("num"), (m.group("glued") or "").lower()))
            else:
                out.append(Tok(kind, m.start(), m.end(), m.group(0).lower()))
        return out

    def figure(self, s: str) -> float | None:
        """'50,000' -> 50000 (en); '1 500,5' -> 1500.5 (uk/ru)."""
        s = s.strip()
        for t in self.thousands:
            if t.strip() == "" and t in s:
                s = s.replace(t, "")
        if "," in self.thousands and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
            s = s.replace(",", "")
        if "." in self.thousands and re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
        try:
            return float(s)
        except ValueError:
            return None


@dataclass
class Q:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    core: tuple[int, int]     # the figure itself, for the overlap test with times


class Morph:
    """pymorphy3 with a per-instance cache (one instance per process, through Resources)."""

    def __init__(self, lang: str) -> None:
        import pymorphy3

        self.analyzer = pymorphy3.MorphAnalyzer(lang=lang)
        self.cache: dict[str, Any] = {}

    def parse(self, word: str):
        """The first reading, or the first noun reading when there is one ("художників":
        the plural of "художник", not the possessive adjective)."""
        if word not in self.cache:
            parses = self.analyzer.parse(word)
            nouns = [p for p in parses if p.tag.POS == "NOUN"]
            choice = parses[0]
            if nouns and choice.tag.POS != "NOUN" and (
                    choice.tag.POS not in ("ADJF", "PRTF") or choice.normal_form == word):
                choice = nouns[0]
            self.cache[word] = choice
        return self.cache[word]


class QuantityExtractor(Extractor):
    name = "quantities"
    requires = ("times", "entities.geo")   # the article's countries decide "pounds", "dinars"
    assigns = ("quantities",)

    def grammar(self, doc) -> QuantityGrammar:
        return self.resources.shared(f"quantities-grammar-{doc.language}",
                                     lambda: QuantityGrammar(doc.data["quantities"]))

    def morph(self, lang: str) -> Morph | None:
        if lang not in ("uk", "ru"):
            return None
        try:
            return self.resources.shared(f"pymorphy3-cached-{lang}", lambda: Morph(lang))
        except Exception:  # pragma: no cover - dictionaries missing
            return None

    def currency_names(self, lang: str) -> CurrencyNames:
        return self.resources.shared(f"currency-names-{lang}", lambda: CurrencyNames(lang))

    def __call__(self, doc, parts) -> dict[str, Any]:
        quantities = self.extract(doc, parts.get("times") or [])
        refine_currencies(quantities, self.currency_names(doc.language),
                          article_countries(parts.get("entities") or []))
        return {"quantities": quantities}

    def extract(self, doc, times: list[dict]) -> list[dict[str, Any]]:
        g = self.grammar(doc)
        toks = Toks(g.tokens(doc.text))
        busy = [(t["start"], t["end"]) for t in times]
        busy += [(m.start(), m.end()) for m in g.phone_re.finditer(doc.text)]
        toks.busy = index = SpanIndex(busy)
        text = doc.text
        out: list[Q] = []
        i = 0
        while i < len(toks):
            q, nxt = self._at(doc, g, toks, i)
            if q is None:
                i += 1
                continue
            if index.any_overlap(q.core[0], q.core[1]):
                i = nxt
                continue
            for k in index.overlapping(q.start, q.end):   # in `busy` order, as a scan would
                s, e = busy[k]              # the counted noun runs into a time: stop before it
                if q.start < e and q.end > s and s >= q.core[1]:
                    q.end = s
                    while q.end > 0 and text[q.end - 1].isspace():
                        q.end -= 1
            out.append(q)
            i = nxt
        return [self._record(doc, q) for q in out]

    @staticmethod
    def _record(doc, q: Q) -> dict[str, Any]:
        def num(x):
            return None if x is None else (int(x) if float(x).is_integer() else round(x, 6))
        return {"start": q.start, "end": q.end, "text": doc.text[q.start:q.end], "value": num(q.value),
                "low": num(q.low), "high": num(q.high), "qualifier": q.qualifier, "unit": q.unit}

    # -- one quantity starting at token i ------------------------------------------------------------
    def _at(self, doc, g: QuantityGrammar, toks: list[Tok], i: int) -> tuple[Q | None, int]:
        t = toks[i]
        start = t.start
        unit = None
        j = i
        if t.kind == "sym" and t.text in g.symbols and j + 1 < len(toks) and toks[j + 1].kind == "num":
            unit = g.symbols[t.text]
            j += 1
        # vague plurals: "millions of dollars", "десятки тисяч людей"
        if unit is None:
            vague = g.vague.at(toks, j)
            if vague is not None and not (i > 0 and toks[i - 1].kind == "num"):
                low, k = vague
                more = g.vague_scales.at(toks, k)
                if more is not None:
                    low, k = low * more[0], more[1]
                end = toks[k - 1].end
                if k < len(toks) and toks[k].text in g.vague_link:
                    k2 = k + 1
                elif g.vague_link:              # "dozens were hurt": no counted noun
                    k2 = len(toks)
                else:
                    k2 = k
                unit2, end2, k3 = self._unit_after(doc, g, toks, k2)
                if unit2 is not None:
                    unit, end, k = unit2, end2, k3
                return Q(start, end, None, float(low), None, "vague", unit, (t.start, toks[k - 1].end)), k
        parsed = self._number(g, toks, j)
        if parsed is None:
            return None, i + 1
        value, k, weak = parsed
        core = (toks[j].start, toks[k - 1].end)
        if self._identifier(g, toks, j, doc.text):
            return None, k
        scale = toks[k - 1].glued if toks[k - 1].kind == "num" else ""
        if scale in g.attached:
            value *= g.attached[scale]
        elif scale:
            if scale not in g.glued_units:   # "5th", "3в", "2М62": ordinals and codes
                return None, k
            unit = unit or scale            # "5km": the glued letters are the unit
        if (g.hyphen_units and unit is None and k + 1 < len(toks) and toks[k].text == "-"
                and toks[k].start == toks[k - 1].end and toks[k + 1].kind == "word"
                and toks[k + 1].start == toks[k].end):
            if (toks[k + 1].text,) not in g.scales.map:
                unit = doc.text[toks[k + 1].start:toks[k + 1].end]
                k += 2
        sc = g.scales.at(toks, k)
        if sc is not None:
            value *= sc[0]
            k = sc[1]
        low = high = None
        qualifier = "exact"
        # ranges: "10 to 20", "10-20", "between 10 and 20", "від 10 до 20"
        frame = g.frame_open.ending(toks, j if unit is None or toks[i].kind != "sym" else i)
        closer = frame[0].lower() if frame else None
        if k + 1 < len(toks) and (toks[k].text in g.joiners or (closer and toks[k].text == closer)):
            second = self._number(g, toks, k + 1) if toks[k + 1].kind != "sym" else None
            if toks[k + 1].kind == "sym" and toks[k + 1].text in g.symbols and k + 2 < len(toks):
                second = self._number(g, toks, k + 2)
            if second is not None:
                v2, k2, _ = second
                sc2 = g.scales.at(toks, k2)
                if sc2 is not None:
                    if sc is None:
                        value *= sc2[0]
                    v2 *= sc2[0]
                    k2 = sc2[1]
                if v2 > value:
                    low, high, qualifier = value, v2, "range"
                    k = k2
                    weak = False
                    if frame:
                        start = toks[frame[1]].start
        if qualifier != "range":
            qual = g.qualifiers.ending(toks, i)
            if qual is not None:
                qualifier = qual[0]
                start = toks[qual[1]].start
                weak = False
        end = toks[k - 1].end
        # what is counted
        if unit is None:
            u, e2, k2 = self._unit_after(doc, g, toks, k)
            if u is not None:
                unit, end, k = u, e2, k2
        elif k < len(toks):                 # "$5 million" may repeat itself: "$5 million dollars"
            cur = g.currencies.at(toks, k)
            if cur is not None and cur[0] == unit:
                end, k = toks[cur[1] - 1].end, cur[1]
        if weak and unit is None:
            return None, k
        if (unit in ("°C", "°F", "°") and j > 0 and toks[j - 1].text in ("-", "−", "–")
                and toks[j - 1].end == toks[j].start and (j == 1 or toks[j - 2].end < toks[j - 1].start)):
            value, start = -value, min(start, toks[j - 1].start)     # "-23 °C"
        # a bare year, or a year before a singular noun ("the 2015 audit"), is a time
        if (qualifier == "exact" and sc is None and toks[j].kind == "num"
                and re.fullmatch(r"(1[5-9]|20|21)\d\d", toks[j].text)
                and (unit is None or self._singular_noun_after(doc, toks[j].end))):
            return None, k
        if weak and toks[j].kind == "word" and qualifier == "exact" and sc is None:
            return None, k
        if unit is None and qualifier == "exact" and sc is None:
            return None, k                  # a bare figure: list numbers, addresses, scores
        if qualifier == "range":
            val = None
        else:
            val = value
            if qualifier == "exact":
                low = high = value
            elif qualifier in ("more_than", "at_least"):
                low = value
            elif qualifier in ("less_than", "up_to"):
                high = value
        return Q(start, end, val, low, high, qualifier, unit, core), k

    def _number(self, g: QuantityGrammar, toks: list[Tok], j: int) -> tuple[float, int, bool] | None:
        """(value, index after, weak) of a figure or spelled number at token j."""
        t = toks[j]
        if t.kind == "num":
            if j + 1 < len(toks) and toks[j + 1].text in (":", "/") and toks[j + 1].start == t.end:
                return None             # clock times, fractions, dates 12/08
            if j > 0 and toks[j - 1].text in (":", "/", "#", "№") and toks[j - 1].end == t.start:
                return None
            if (j + 2 < len(toks) and toks[j + 1].text == "-" and toks[j + 1].start == t.end
                    and toks[j + 2].kind == "word" and toks[j + 2].start == toks[j + 1].end
                    and not g.hyphen_units):
                return None             # "8-го", "93-тя", "5-й": ordinals
            if self._in_numbering(toks, j):
                return None             # "2.4.1", "18 : 00": section numbers and clock times
            if g.identifiers_after.at(toks, j + 1) is not None:
                return None             # "364 КК", "167 ПКУ", "9 a.m."
            if t.text.startswith("0") and len(t.text) > 1 and t.text[1].isdigit():
                return None             # "0800", "050": codes, not amounts
            v = g.figure(t.text)
            return (v, j + 1, False) if v is not None else None
        if t.kind != "word":
            return None
        hit = self._word_number(g, toks, j)
        if hit is None:
            return None
        value, k = hit
        key = tuple(x.text for x in toks[j:k])
        return value, k, key in g.weak

    def _word_number(self, g: QuantityGrammar, toks: list[Tok], j: int) -> tuple[float, int] | None:
        def one(i):
            t = toks[i] if i < len(toks) else None
            if t is None or t.kind != "word":
                return None
            hit = g.numbers.at(toks, i)
            if hit is not None:
                return hit
            parts = t.text.split("-")        # "twenty-five"
            if len(parts) == 2:
                a = g.numbers.map.get((parts[0],))
                b = g.numbers.map.get((parts[1],))
                if a and b and a >= 20 and b < 10:
                    return a + b, i + 1
            return None
        first = one(j)
        if first is None:
            return None
        total, k = first
        while k < len(toks):
            if toks[k].text in g.multipliers and total < 100:
                total, k = total * g.multipliers[toks[k].text], k + 1
                continue
            nk = k + 1 if toks[k].text == "and" and total >= 100 else k
            nxt = one(nk)
            if nxt is None or toks[k].text in g.multipliers:
                break
            v, after = nxt
            if total >= 20 and 1 <= v < total and total % 10 == 0 and (v < 10 or total % 100 == 0):
                total, k = total + v, after
                continue
            break
        return float(total), k

    @staticmethod
    def _in_numbering(toks: list[Tok], j: int) -> bool:
        """Part of "2.4.1" (glued dots) or a clock time "18:00" / "18 : 00"."""
        def linked(a: int) -> bool:      # toks[a] num, toks[a+1] separator, toks[a+2] num
            if a < 0 or a + 2 >= len(toks) or toks[a].kind != "num" or toks[a + 2].kind != "num":
                return False
            sep = toks[a + 1]
            if sep.text == ".":
                return sep.start == toks[a].end and toks[a + 2].start == sep.end
            return sep.text == ":" and toks[a + 2].start - toks[a].end <= 3
        return linked(j) or linked(j - 2)

    @staticmethod
    def _singular_noun_after(doc, char: int) -> bool:
        if doc.language != "en" or not doc.tokens:
            return False
        ti = doc.token_index_at(char)
        for t in doc.tokens[ti:ti + 4]:
            if t.start < char:
                continue
            if t.tag in ("NN", "NNP"):
                return True
            if t.tag in ("NNS", "NNPS"):
                return False
        return False

    @staticmethod
    def _identifier(g: QuantityGrammar, toks: list[Tok], j: int, text: str) -> bool:
        if j == 0:
            return False
        prev = toks[j - 1]
        if prev.text in g.identifiers:
            return True
        if prev.text in ("-", "–") and prev.end == toks[j].start and j > 1 and toks[j - 2].kind == "word" \
                and toks[j - 2].end == prev.start:
            return True                 # "Su-34", "F-16", "COVID-19"
        if prev.kind == "word" and prev.end == toks[j].start:
            return True                 # "G7", "MH17"
        return False

    # -- the counted noun ---------------------------------------------------------------------------
    def _unit_after(self, doc, g: QuantityGrammar, toks: list[Tok], k: int) -> tuple[str | None, int, int]:
        """(unit, end char, next token index) for what follows the number at token k."""
        if k >= len(toks):
            return None, 0, k
        pct = g.percent.at(toks, k)
        if pct is not None:
            return "percent", toks[pct[1] - 1].end, pct[1]
        cur = g.currencies.at(toks, k)
        if cur is not None:
            return cur[0], toks[cur[1] - 1].end, cur[1]
        mu = g.measures.at(toks, k)
        if mu is not None:
            return mu[0], toks[mu[1] - 1].end, mu[1]
        if toks[k].text == "°" and toks[k].start - toks[k - 1].end <= 1:
            return "°", toks[k].end, k + 1
        if toks[k].kind == "sym" and toks[k].text in g.symbols and toks[k].start - toks[k - 1].end <= 1:
            return g.symbols[toks[k].text], toks[k].end, k + 1     # "50 млн $"
        if doc.language == "en":
            return self._np_en(doc, g, toks, k)
        return self._np_morph(doc, g, toks, k)

    def _np_en(self, doc, g, toks, k):
        if not doc.tokens or not doc.tokens[0].pos:
            return None, 0, k
        pos = toks[k].start
        if toks[k].text in g.partitive:          # "two of Assad's associates"
            pos = toks[k].end
            partitive = True
        else:
            partitive = False
        ti = doc.token_index_at(pos)
        if ti >= len(doc.tokens) or doc.tokens[ti].start < pos:
            return None, 0, k
        sent = doc.tokens[ti].sent
        run: list = []
        skipped = 0
        if k > 0 and "\n" in doc.text[toks[k - 1].end:doc.tokens[ti].start]:
            return None, 0, k
        for t in doc.tokens[ti:ti + 10]:
            if t.sent != sent or toks.in_time(t.start, t.end) or "\n" in t.text:
                break
            nounish = t.pos in ("NOUN", "PROPN") or (t.pos in ("ADJ", "VERB") and t.tag in ("JJ", "VBN", "VBG", "JJR", "JJS"))
            if t.pos in ("NOUN", "ADJ") or (run and nounish and t.pos != "PROPN") or \
                    (t.pos == "VERB" and t.tag in ("VBN", "VBG") and not run):
                if t.text.lower() in g.not_units:
                    break
                run.append(t)
                if len(run) >= MAX_NP + 2:
                    break
                continue
            if t.text in ("-", "–") and run:
                run.append(t)
                continue
            if partitive and not run and skipped < 5 and t.pos in ("DET", "PRON", "PROPN", "PART", "ADV", "PUNCT", "NUM"):
                skipped += 1
                continue
            break
        while run and run[-1].pos != "NOUN":
            run.pop()
        if not run:
            return None, 0, k
        run = run[-MAX_NP:]
        while run and run[0].text in ("-", "–"):
            run = run[1:]
        if partitive and run and run[-1].text.lower() in ("them", "us", "those"):
            return None, 0, k
        unit = doc.text[run[0].start:run[-1].end]
        code = g.currency_words.get(run[-1].text.lower())
        end = run[-1].end
        nxt = k
        while nxt < len(toks) and toks[nxt].start < end:
            nxt += 1
        return code or unit, end, nxt

    def _np_morph(self, doc, g, toks, k):
        morph = self.morph(doc.language)
        if morph is None:
            return None, 0, k
        if k > 0 and (toks[k].start - toks[k - 1].end > 2 or "\n" in doc.text[toks[k - 1].end:toks[k].start]):
            return None, 0, k
        words = []
        # one adverb or pronoun may come first: "двоє колись найближчих соратників", "двоє його
        # соратників" (the unit is what follows)
        adverb = None
        for t in toks[k:k + MAX_NP + 2]:
            if t.kind != "word" or (words and t.start - words[-1][0].end > 2) \
                    or (adverb and not words and t.start - adverb.end > 2) or toks.in_time(t.start, t.end):
                break
            p = morph.parse(t.text)
            pos = p.tag.POS
            if pos in ("ADVB", "NPRO") and adverb is None and not words:
                adverb = t
                continue
            if pos in ("ADJF", "PRTF"):
                words.append((t, p))
                continue
            grams = set(str(p.tag).replace(" ", ",").split(","))
            if pos == "NOUN" and not grams & {"Name", "Surn", "Patr", "Geox", "Orgn"}:
                words.append((t, p))
                break
            break
        if not words:
            return None, 0, k
        if words[-1][1].tag.POS != "NOUN":
            if len(words) > 1:          # adjectives before something else: keep the last as head
                words = words[-1:]
        head_tok, head = words[-1]
        end = k + len(words) + (adverb is not None)
        lemma = head.normal_form
        code = g.currency_words.get(lemma) or g.currency_words.get(head_tok.text)
        if code:
            return code, head_tok.end, end
        if lemma in g.percent_words or head_tok.text in g.percent_words:
            return "percent", head_tok.end, end
        gender = None
        if head.tag.POS == "NOUN":
            base = morph.parse(lemma)
            gender = base.tag.gender or head.tag.gender
        parts = []
        for t, p in words[:-1]:
            form = None
            if gender:
                inf = p.inflect({"nomn", "sing", gender}) or p.inflect({"nomn", gender})
                form = inf.word if inf else None
            parts.append(form or p.normal_form)
        parts.append(lemma)
        return " ".join(parts), head_tok.end, end
