"""One dependency tree per document, built once and cached on the document (``doc.tree``).

Children lists are built in one pass over the tokens (a child belongs to its head when both are
in the same sentence, as the parsers produce them), in text order; subtree hulls are computed on
first use and kept; head chains walk up to the sentence root. Paragraphs are the blocks of the
text between line breaks (a blank line or a single line break both end a paragraph): each token
and sentence knows the paragraph it starts in. Without a parser (Ukrainian) the tree has no
edges; paragraphs work the same.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:   # pragma: no cover
    from .types import AnalyzedDoc

_BREAK = re.compile(r"\n[ \t\r\f\v\n]*")


class DocTree:
    def __init__(self, doc: AnalyzedDoc) -> None:
        self.doc = doc
        toks = doc.tokens
        n = len(toks)
        self.kids: list[list[int]] = [[] for _ in range(n)]
        if doc.has_parser:
            for t in toks:
                h = t.head
                if 0 <= h < n and h != t.i and toks[h].sent == t.sent:
                    self.kids[h].append(t.i)
        self._hull: dict[int, tuple[int, int]] = {}
        # paragraphs: start offsets of the blocks between line breaks
        text = doc.text
        self.para_starts: list[int] = [0] + [m.end() for m in _BREAK.finditer(text)
                                             if m.end() < len(text)]
        self._tok_para: list[int] | None = None

    # -- dependency edges ----------------------------------------------------------------------
    def children(self, i: int, deps: Iterable[str] | str | None = None) -> list[int]:
        """Indices of i's children, in text order; with `deps`, only those with one of these
        labels (a string is one label)."""
        if deps is None:
            return self.kids[i]
        if isinstance(deps, str):
            deps = (deps,)
        toks = self.doc.tokens
        return [c for c in self.kids[i] if toks[c].dep in deps]

    def descendants(self, i: int, skip: set[int] | None = None) -> set[int]:
        """i and every token below it, not entering the tokens in `skip`."""
        out, stack = {i}, [i]
        kids = self.kids
        while stack:
            j = stack.pop()
            for c in kids[j]:
                if c not in out and (skip is None or c not in skip):
                    out.add(c)
                    stack.append(c)
        return out

    def subtree(self, i: int) -> tuple[int, int]:
        """Token index range [first, last) of i's subtree (its contiguous hull), cached."""
        hull = self._hull.get(i)
        if hull is None:
            d = self.descendants(i)
            hull = self._hull[i] = (min(d), max(d) + 1)
        return hull

    def head_chain(self, i: int) -> list[int]:
        """i's heads upwards, nearest first, up to the sentence root (cycles stop the walk)."""
        toks = self.doc.tokens
        out: list[int] = []
        seen = {i}
        j = i
        while True:
            h = toks[j].head
            if h < 0 or h == j or h >= len(toks) or h in seen or toks[h].sent != toks[j].sent:
                return out
            out.append(h)
            seen.add(h)
            j = h

    def root_of(self, i: int) -> int:
        chain = self.head_chain(i)
        return chain[-1] if chain else i

    # -- paragraphs ----------------------------------------------------------------------------
    def paragraph_at(self, char: int) -> int:
        """Index of the paragraph holding character `char` (0 before the first)."""
        return max(bisect.bisect_right(self.para_starts, char) - 1, 0)

    def paragraph_span(self, k: int) -> tuple[int, int]:
        """Character range of paragraph k, without the line break that ends it."""
        start = self.para_starts[k]
        end = self.para_starts[k + 1] if k + 1 < len(self.para_starts) else len(self.doc.text)
        return start, start + len(self.doc.text[start:end].rstrip())

    @property
    def paragraph_count(self) -> int:
        return len(self.para_starts)

    def token_paragraph(self, i: int) -> int:
        if self._tok_para is None:
            self._tok_para = [self.paragraph_at(t.start) for t in self.doc.tokens]
        return self._tok_para[i]

    def sentence_paragraph(self, s: int) -> int:
        """The paragraph sentence s starts in."""
        return self.paragraph_at(self.doc.sentences[s].start)
