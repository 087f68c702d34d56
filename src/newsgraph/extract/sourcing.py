"""Sourcing: the article-level summary of who the claims come from (CONTRACT.md `sourcing`).

- named_sources / anonymous_sources: distinct sources (by entity, else by text) of kind named /
  anonymous among the claims that say something (no-comment and unreachable claims excluded);
- primary_sources: the wire(s) the article re-reports (title "... - Reuters", a dateline, or an
  outlet cited in the lead), by entity name;
- no_response / unreachable: names (entity names where resolved) of those who did not respond /
  could not be reached;
- independent_confirmations: distinct sources, other than the primary/publishing outlet, of
  claims with status confirmed.
Extra fields: outlets (outlet sources cited), documents (documentary sources), unattributed
(claims with no stated source), title ({text, source, hedges}: the headline's attribution).
"""
from __future__ import annotations

from typing import Any

from ..record import empty_sourcing
from .attribution.resolve import Resolver
from .base import Extractor
from .claims import lexicon_for

QUIET = ("no_comment", "unreachable")


class SourcingExtractor(Extractor):
    name = "sourcing"
    requires = ("entities", "claims")
    assigns = ("sourcing",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        out = empty_sourcing()
        entities = parts.get("entities") or []
        claims = parts.get("claims") or []
        names = {e["id"]: e["name"] for e in entities}
        lex = lexicon_for(self.resources, doc)
        resolver = Resolver(doc, lex, entities)
        wire, title = resolver.wire() if doc.tokens else (None, None)

        def name(src: dict[str, Any]) -> str:
            return names.get(src.get("entity") or "", "") or " ".join(src["text"].split())

        def key(src: dict[str, Any]) -> str:
            return src.get("entity") or " ".join(src["text"].casefold().split())

        if wire is None:
            wire = resolver.lead_wire(claims)
        primaries = [name(wire)] if wire else []
        named, anon, outlets, docs, confirmations = {}, {}, {}, {}, {}
        no_response: list[str] = []
        unreachable: list[str] = []
        primary_keys = {p.casefold() for p in primaries} | (
            {doc.outlet.casefold()} if doc.outlet else set())
        unattributed = 0
        for c in claims:
            src = c["source"]
            if c["status"] == "no_comment":
                if name(src) not in no_response:
                    no_response.append(name(src))
                continue
            if c["status"] == "unreachable":
                if name(src) not in unreachable:
                    unreachable.append(name(src))
                continue
            kind = src["kind"]
            bucket = {"named": named, "anonymous": anon, "outlet": outlets,
                      "document": docs}.get(kind)
            if bucket is not None:
                bucket.setdefault(key(src), name(src))
            elif kind == "unattributed":
                unattributed += 1
            if c["status"] == "confirmed" and name(src).casefold() not in primary_keys:
                confirmations.setdefault(key(src), name(src))
        out.update({
            "named_sources": len(named),
            "anonymous_sources": len(anon),
            "primary_sources": primaries,
            "no_response": no_response,
            "unreachable": unreachable,
            "independent_confirmations": len(confirmations),
            "outlets": list(outlets.values()),
            "documents": list(docs.values()),
            "unattributed": unattributed,
        })
        if title:
            out["title"] = title
        return {"sourcing": out}
