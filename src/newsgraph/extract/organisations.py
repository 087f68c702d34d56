"""Known organisations (``lang/data/organisations.yml``): name -> entity type and category.

Evidence for the actors extractor, never its only source: a listed name the NER found with a
wrong type is retyped, and a listed name the NER missed is added only where the parser also reads
it as a proper noun. Built once per process (``resources.shared("organisations", ...)``).

Matching: names written in capitals (WHO, AP, SBU) match only in capitals, so the pronoun "who"
or the word "ap" never does; every other name matches case-insensitively with apostrophes
unified and a leading "the" dropped ("the Pentagon").
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lang.data_loader import shared_data

_APOS = str.maketrans({"’": "'", "ʼ": "'"})
MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class KnownOrg:
    name: str          # the first listed (English) name
    type: str          # entity type in the record: ORG unless the file says otherwise
    category: str


def _key(text: str) -> str:
    t = " ".join(text.translate(_APOS).replace("«", "").replace("»", "").split())
    if t[:4].casefold() == "the ":
        t = t[4:]
    return t


def _acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class KnownOrganisations:
    def __init__(self) -> None:
        self.exact: dict[str, KnownOrg] = {}      # acronyms, case kept
        self.folded: dict[str, KnownOrg] = {}     # everything else, casefolded
        for entry in (shared_data("organisations") or {}).get("organisations") or []:
            names = [str(n) for n in entry.get("names") or []]
            if not names:
                continue
            org = KnownOrg(names[0], entry.get("type", "ORG"), entry.get("category", "organisation"))
            for n in names:
                k = _key(n)
                if _acronym(k):
                    self.exact.setdefault(k, org)
                else:
                    self.folded.setdefault(k.casefold(), org)
        self.max_words = MAX_WORDS

    def lookup(self, text: str) -> KnownOrg | None:
        k = _key(text)
        if not k:
            return None
        return self.exact.get(k) or (None if _acronym(k) else self.folded.get(k.casefold()))
