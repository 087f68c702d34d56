"""The analysed document: one interface over every language backend.

A backend (``lang/en.py``, ``lang/ru.py``, ``lang/uk.py``) turns text into an
:class:`AnalyzedDoc` with tokens (character offsets, lemmas, part of speech, morphology and, where
the backend has a parser, dependency heads), sentences and named-entity spans. The pipeline then
builds the complete document once (:func:`newsgraph.doc.builder.build_document`: the article's
date, title, URL, outlet, page furniture and the language's data) before any extractor sees it.
Extractors in ``newsgraph.extract`` read only this interface, so a rule written once works for
every language whose word lists exist in ``lang/data/<lang>/``. ``native`` keeps the backend's
own object (a spaCy ``Doc``, a natasha ``Doc``) for language-specific code that needs more.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:   # pragma: no cover
    from .mentions import MentionIndex
    from .tree import DocTree

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
    native_dep: str = ""   # the parser's own label before conversion to UD (debugging only)

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
    data: Any = None                      # LanguageData for this language (always set by the builder)
    has_parser: bool = False
    # page furniture (captions, credits, bylines, ...): [{"start", "end", "kind", ...}]
    furniture: list[dict[str, Any]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _tree: Any = field(default=None, repr=False, compare=False)
    _mentions: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [t.start for t in self.tokens]
        self._sent_starts = [s.start for s in self.sentences]

    # -- the cached layers ---------------------------------------------------------------------
    @property
    def tree(self) -> DocTree:
        """The document's dependency tree (children, subtrees, head chains, paragraphs), built on
        first use and kept."""
        if self._tree is None:
            from .tree import DocTree

            self._tree = DocTree(self)
        return self._tree

    def mention_index(self, entities: list[dict[str, Any]]) -> MentionIndex:
        """The entity/mention index over `entities` (the record's entity list), built once per
        list: every extractor that reads the same entities shares it."""
        cached = self._mentions
        if cached is None or cached.entities is not entities:
            from .mentions import MentionIndex

            cached = self._mentions = MentionIndex(self, entities)
        return cached

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
        """Dependency children of token i, in text order (empty without a parser)."""
        toks = self.tokens
        return (toks[c] for c in self.tree.children(i))

    def subtree(self, i: int) -> tuple[int, int]:
        """Token index range [first, last) of i's dependency subtree (contiguous hull)."""
        return self.tree.subtree(i)

    def paragraph_index(self, char: int) -> int:
        """Index of the paragraph (a block between line breaks) holding character `char`."""
        return self.tree.paragraph_at(char)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]
