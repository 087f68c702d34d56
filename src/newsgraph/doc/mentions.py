"""One entity/mention index per document: which entity a token or character span belongs to, and
every mention of an entity, built once from the record's ``entities`` part.

    index = doc.mention_index(parts["entities"])     # cached on the document for this list
    index.overlapping(a, b)       # mentions overlapping [a, b), by start
    index.entities_at_token(i)    # entity ids whose mentions cover token i
    index.of_entity(eid)          # that entity's mentions, in its own order

Extractors that read the entities (claims' source resolution, relations) share it instead of
each building a token -> entity map from the JSON.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:   # pragma: no cover
    from .types import AnalyzedDoc


@dataclass(frozen=True, slots=True)
class MentionRef:
    start: int             # character offsets, end exclusive
    end: int
    entity: str            # the entity's id
    n: int                 # the entity's position in the entity list
    first: int             # token indices, `last` exclusive (last <= first: no token)
    last: int
    mention: dict          # the record's mention object
    type: str              # the entity's type


class MentionIndex:
    def __init__(self, doc: AnalyzedDoc, entities: list[dict[str, Any]]) -> None:
        self.doc = doc
        self.entities = entities
        self.by_id: dict[str, dict[str, Any]] = {e["id"]: e for e in entities if "id" in e}
        toks = doc.tokens
        n_toks = len(toks)
        # in entity order, each entity's mentions in their own order
        self.entries: list[MentionRef] = []
        self._by_entity: dict[str, list[MentionRef]] = {}
        for n, ent in enumerate(entities):
            eid = ent.get("id", str(n))
            for m in ent.get("mentions", []):
                first = doc.token_index_at(m["start"]) if n_toks else 0
                last = first
                while last < n_toks and toks[last].start < m["end"]:
                    last += 1
                ref = MentionRef(m["start"], m["end"], eid, n, first, last, m, ent["type"])
                self.entries.append(ref)
                self._by_entity.setdefault(eid, []).append(ref)
        # by start, the longer first at one start (a stable sort: ties keep entity order)
        self.sorted: list[MentionRef] = sorted(self.entries, key=lambda r: (r.start, -r.end))
        self.starts: list[int] = [r.start for r in self.sorted]
        self.longest: int = max((r.end - r.start for r in self.sorted), default=0)
        self._tok_entities: dict[int, list[str]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def of_entity(self, eid: str) -> list[MentionRef]:
        return self._by_entity.get(eid, [])

    def overlapping(self, a: int, b: int) -> Iterator[MentionRef]:
        """Mentions overlapping [a, b), by start (longer first): logarithmic on long texts, since
        a mention starting before a - (the longest mention) ends by a."""
        lo = bisect.bisect_left(self.starts, a - self.longest)
        for r in self.sorted[lo:bisect.bisect_left(self.starts, b, lo)]:
            if r.end > a:
                yield r

    def from_index(self, char: int) -> int:
        """Position in `sorted` of the first mention starting at or after `char`."""
        return bisect.bisect_left(self.starts, char)

    def entities_at_token(self, i: int) -> list[str]:
        """Ids of the entities with a mention covering token i (mention order, no repeats)."""
        if self._tok_entities is None:
            tok: dict[int, list[str]] = {}
            for r in self.sorted:
                for j in range(r.first, r.last):
                    ids = tok.setdefault(j, [])
                    if r.entity not in ids:
                        ids.append(r.entity)
            self._tok_entities = tok
        return self._tok_entities.get(i, [])
