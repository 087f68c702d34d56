"""Base (nominative) forms of names with pymorphy3, shared by the Cyrillic backends.

``BaseFormer(morph).base(words, type)`` inflects a PERSON/LOC/ORG span to the nominative:
"Башара Асада" -> "Башар Асад", "Харківській області" -> "Харківська область",
"Міністерства оборони України" -> "Міністерство оборони України" (only the head phrase, up to its
first noun, is inflected for LOC/ORG; genitive complements stay). Words in quotes, Latin words,
numbers and indeclinable abbreviations are kept as written, a numbered word inflects without its
number ("Північного потоку-2" -> "Північний потік-2"); capitalisation is kept.
"""
from __future__ import annotations

import re
from functools import lru_cache

CASE_ORDER = ("nomn", "gent", "loct", "datv", "ablt", "accs", "voct")
NAME_TAGS = ("Name", "Surn", "Patr")
_CYR = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґ'’ʼ-]+$")
_NUMBERED = re.compile(r"^([А-Яа-яЁёІіЇїЄєҐґ'’ʼ]{4,})(-\d+)$")  # not Су-25, Ан-124
APOSTROPHES = "'’ʼ"


def recase(original: str, new: str) -> str:
    """Give `new` the capitalisation pattern of `original` (per hyphen part)."""
    if original.isupper() and len(original) > 1:
        return new.upper()
    o_parts, n_parts = original.split("-"), new.split("-")
    if len(o_parts) != len(n_parts):
        return new[:1].upper() + new[1:] if original[:1].isupper() else new
    out = []
    for o, n in zip(o_parts, n_parts):
        out.append(n[:1].upper() + n[1:] if o[:1].isupper() else n)
    return "-".join(out)


def _apostrophe_like(original: str, new: str) -> str:
    for ch in APOSTROPHES:
        if ch in original:
            return re.sub(f"[{APOSTROPHES}]", ch, new)
    return new


class BaseFormer:
    """Nominative forms of name spans from a pymorphy3 MorphAnalyzer (uk or ru)."""

    def __init__(self, morph, cache_size: int = 50000, parse=None) -> None:
        self.morph = morph
        # `parse`: an already cached morph.parse to share (the uk model's morph component)
        self.parse = parse or lru_cache(maxsize=cache_size)(morph.parse)

    def _inflectable(self, word: str) -> bool:
        return bool(_CYR.match(word)) and not (word.isupper() and len(word) > 1)

    def base(self, words: list[str], etype: str) -> str:
        """Words of a span (tokens, punctuation included, joined with single spaces where the
        caller passes them; see `base_of_tokens`) -> nominative text."""
        return " ".join(self.base_words(words, etype))

    def base_words(self, words: list[str], etype: str, gender: str | None = None) -> list[str]:
        """Numbered names ("потоку-2", "Союза-5") inflect their word and keep the number.
        `gender` ("masc"/"femn"), where the caller's tagger knows it from context, chooses
        among a name's parses."""
        numbered = {i: m for i, m in ((i, _NUMBERED.match(w)) for i, w in enumerate(words)) if m}
        if numbered:
            plain = [numbered[i].group(1) if i in numbered else w for i, w in enumerate(words)]
            out = self._base_words(plain, etype, gender)
            return [out[i] + numbered[i].group(2) if i in numbered else w for i, w in enumerate(out)]
        return self._base_words(words, etype, gender)

    def _base_words(self, words: list[str], etype: str, known_gender: str | None = None) -> list[str]:
        in_quotes = False
        scope: list[int] = []          # indices of words to inflect
        for i, w in enumerate(words):
            if w in "«»\"„“”":
                in_quotes = not in_quotes if w == '"' else (w in "«„“")
                if etype != "PERSON":
                    break
                continue
            if in_quotes or not self._inflectable(w):
                if etype != "PERSON":
                    break
                continue
            scope.append(i)
            if etype != "PERSON":
                parses = self.parse(w)
                if parses and parses[0].tag.POS == "NOUN" and not self._adjective_before_noun(
                        parses, words[i + 1] if i + 1 < len(words) else None):
                    break
        if not scope:
            return list(words)
        parses = {i: self._candidates(words[i], etype) for i in scope}
        parses = {i: v for i, v in parses.items() if v}
        if not parses:
            return list(words)
        case = self._case(parses, etype)
        if case is None or case == "nomn":
            return list(words)
        gender = known_gender or self._head_gender(parses, case, etype)
        out = list(words)
        for i in scope:
            if i not in parses:
                continue
            p = self._pick(parses[i], case, gender, etype)
            if p is None:
                continue
            inf = p.inflect({"nomn"})
            if inf is None:
                continue
            out[i] = _apostrophe_like(words[i], recase(words[i], inf.word))
        return out

    def _adjective_before_noun(self, parses, nxt: str | None) -> bool:
        """"Південного потоку": a word read first as a noun ("південне") that can be an
        adjective, before a noun, is the adjective of that noun."""
        if not nxt or not self._inflectable(nxt) or not any(p.tag.POS == "ADJF" for p in parses[:5]):
            return False
        return any(q.tag.POS == "NOUN" for q in self.parse(nxt)[:3])

    def _candidates(self, word: str, etype: str):
        """Parses that fit a name of this type (persons: animate/name parses; places and
        organisations: no personal-name parses)."""
        allp = self.parse(word)
        if any("Fixd" in p.tag.grammemes for p in allp[:3]):
            return []                                   # indeclinable (Тимошенко, США)
        plist = [p for p in allp if p.tag.case in CASE_ORDER]
        if etype == "PERSON":
            named = [p for p in plist if "anim" in p.tag.grammemes or any(t in p.tag.grammemes for t in NAME_TAGS)]
            if named:
                return named
            return plist if not self.morph.word_is_known(word) else []
        if etype in ("LOC", "ORG"):
            return [p for p in plist if not any(t in p.tag.grammemes for t in NAME_TAGS)] or plist
        return plist

    def _weight(self, p, etype: str) -> float:
        w = p.score
        if etype == "PERSON" and any(t in p.tag.grammemes for t in NAME_TAGS):
            w += 1.0
        if p.tag.number != "plur" or "Pltm" in p.tag.grammemes:
            w += 0.3
        if etype == "LOC" and "Geox" in p.tag.grammemes:
            w += 0.5
        return w

    def _case(self, parses, etype: str) -> str | None:
        votes: dict[str, float] = {}
        for plist in parses.values():
            best: dict[str, float] = {}
            for p in plist:
                c = p.tag.case
                best[c] = max(best.get(c, 0), self._weight(p, etype))
            if len(best) >= len(CASE_ORDER):   # indeclinable: no vote
                continue
            for c, w in best.items():
                votes[c] = votes.get(c, 0) + w
        if not votes:
            return None
        top = max(votes.values())
        for c in CASE_ORDER:
            if votes.get(c, 0) >= top - 1e-9:
                return c
        return None

    def _head_gender(self, parses, case: str, etype: str) -> str | None:
        # the last noun in scope is the head ("Південного потоку": потік, masculine)
        for plist in reversed(list(parses.values())):
            for p in plist:
                if p.tag.POS == "NOUN" and p.tag.case == case:
                    return p.tag.gender
        return None

    def _pick(self, plist, case: str, gender: str | None, etype: str):
        cands = [p for p in plist if p.tag.case == case]
        if not cands:
            return None

        def rank(p):
            r = self._weight(p, etype)
            if etype == "PERSON" and "anim" in p.tag.grammemes:
                r += 0.5
            if gender and p.tag.gender == gender:
                r += 0.5
            return -r
        return sorted(cands, key=rank)[0]


def base_of_span(former: BaseFormer, text: str, tokens, etype: str) -> str:
    """Base form of a span given its tokens (with .text/.start/.end), keeping the original spacing."""
    words = [t.text for t in tokens]
    new = former.base_words(words, etype)
    if new == words:
        return text[tokens[0].start:tokens[-1].end] if tokens else ""
    out, pos = [], tokens[0].start
    for t, w in zip(tokens, new):
        out.append(text[pos:t.start])
        out.append(w)
        pos = t.end
    return "".join(out)
