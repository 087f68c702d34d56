"""The analysed document: one interface over every language backend.

A backend (``en.py``, ``ru.py``, ``uk.py``) turns text into an :class:`AnalyzedDoc`: tokens with
character offsets, lemmas, part of speech, morphology and (where the backend has a parser)
dependency heads; sentences; and named-entity spans. Extractors in ``newsgraph.extract`` read only
this interface, so a rule written once works for every language whose word lists exist in
``lang/data/<lang>/``. ``native`` keeps the backend's own object (a spaCy ``Doc``, a natasha
``Doc``) for language-specific code that needs more.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Iterator, Protocol

# Our entity types (the record's `type`) and how backends' NER labels map onto them.
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "GROUP", "EVENT", "PRODUCT", "MISC")


@dataclass(slots=True)
class Token:
    i: int            # index in the document
    text: str
    start: int        # character offsets into AnalyzedDoc.text, end exclusive
    end: int
    lemma: str
    pos: str          # Universal POS (NOUN, VERB, PROPN, ...)
    tag: str = ""     # fine-grained tag where the backend has one
    dep: str = ""     # dependency relation to head ('' without a parser; 'ROOT' for the root)
    head: int = -1    # index of the head token (itself for the root, -1 without a parser)
    morph: str = ""   # UD features, "Case=Nom|Number=Sing"
    sent: int = 0     # index of its sentence

    def feat(self, name: str) -> str | None:
        for part in self.morph.split("|"):
            if part.startswith(name + "="):
                return part.split("=", 1)[1]
        return None


@dataclass(slots=True)
class Sentence:
    start: int        # character offsets
    end: int
    first: int        # token indices, `last` exclusive
    last: int


@dataclass(slots=True)
class NerSpan:
    start: int
    end: int
    label: str        # the backend's own label (spaCy: PERSON, GPE, NORP, DATE, MONEY, ...)
    type: str | None  # our ENTITY_TYPES value, or None for non-actor spans (dates, numbers)
    text: str
    base: str = ""    # base (nominative) form where the backend normalises names, else ""
    first: int = 0    # token indices, `last` exclusive
    last: int = 0


@dataclass
class AnalyzedDoc:
    text: str
    language: str
    tokens: list[Token]
    sentences: list[Sentence]
    ner: list[NerSpan]
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    native: Any = None                    # the backend's own document object
    data: Any = None                      # LanguageData for this language
    has_parser: bool = False
    _starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._sent_starts = [s.start for s in self.sentences]

    # -- navigation helpers shared by extractors ---------------------------------------------
    def token_index_at(self, char: int) -> int:
        """Index of the token containing (or first after) character offset `char`."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i < 0:
            return 0
        if self.tokens[i].end <= char and i + 1 < len(self.tokens):
            return i + 1
        return i

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping [start, end): two binary searches, no copy of the token list."""
        lo = max(bisect.bisect_left(self._starts, start) - 1, 0)
        hi = bisect.bisect_left(self._starts, end, lo)
        return [t for t in self.tokens[lo:hi] if t.end > start]

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding `char` (the last one starting at or before it; 0 before
        the first)."""
        return max(bisect.bisect_right(self._sent_starts, char) - 1, 0)

    def sentence_of(self, char: int) -> Sentence:
        return self.sentences[self.sentence_index(char)]

    def children(self, i: int) -> Iterator[Token]:
        """Dependency children of token i (empty without a parser)."""
        s = self.sentences[self.tokens[i].sent]
        for t in self.tokens[s.first:s.last]:
            if t.head == i and t.i != i:
                yield t

    def subtree(self, i: int) -> tuple[int, int]:
        """Token index range [first, last) of i's dependency subtree (contiguous hull)."""
        lo = hi = i
        stack = [i]
        seen = {i}
        while stack:
            j = stack.pop()
            for c in self.children(j):
                if c.i not in seen:
                    seen.add(c.i)
                    lo, hi = min(lo, c.i), max(hi, c.i)
                    stack.append(c.i)
        return lo, hi + 1

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


class LanguageBackend(Protocol):
    """What every language backend provides. Models load in __init__, once per process."""

    code: str

    def analyze(self, text: str) -> AnalyzedDoc: ...

    def analyze_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[AnalyzedDoc]: ...
