"""The extractor contract.

An extractor reads the analysed document (and the record parts it declares in `requires`) and
returns the parts it declares in `assigns`. The pipeline orders extractors by these declarations;
extractors never call each other. Language knowledge comes from `doc.data` (lang/data/<lang>/).

`assigns` names a record key ("claims") or a refinement of one ("entities.geo": the extractor
returns an updated "entities" list). A refinement runs after the key's producer and before
whoever requires the refinement.

Every required key must be assigned by an extractor in the list (or be one the pipeline itself
provides, PIPELINE_PARTS): a missing one is a ValueError naming the extractor and the key, not a
requirement silently dropped.
"""
from __future__ import annotations

from typing import Any

from ..lang.base import AnalyzedDoc


# Record parts the pipeline puts in `parts` before any extractor runs.
PIPELINE_PARTS = ("furniture",)


class Extractor:
    name: str = ""
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __init__(self, resources) -> None:
        self.resources = resources

    def __call__(self, doc: AnalyzedDoc, parts: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


def check_requirements(extractors, provided: tuple[str, ...] = PIPELINE_PARTS) -> None:
    """Raise ValueError when an extractor requires a key that no extractor in the list assigns
    (and the pipeline does not provide). Works on extractor classes as well as instances."""
    assigned = set(provided)
    for ex in extractors:
        assigned.update(ex.assigns)
    for ex in extractors:
        for key in ex.requires:
            if key not in assigned:
                raise ValueError(
                    f"extractor {ex.name or type(ex).__name__!r} requires {key!r}, which no "
                    f"extractor in the list assigns")


def order_extractors(extractors: list[Extractor]) -> list[Extractor]:
    """Topological order over requires/assigns, stable with respect to the given order; a
    requirement nobody assigns is a ValueError (check_requirements)."""
    check_requirements(extractors)
    producers: dict[str, list[Extractor]] = {}
    for ex in extractors:
        for key in ex.assigns:
            producers.setdefault(key, []).append(ex)
            base = key.split(".")[0]
            if base != key:
                producers.setdefault(base + ".*", []).append(ex)

    def deps(ex: Extractor) -> set[int]:
        out: set[int] = set()
        for key in ex.requires:
            for p in producers.get(key, []):
                out.add(id(p))
            if "." not in key:  # requiring "entities" means the finished entities, refinements too
                for p in producers.get(key + ".*", []):
                    if p is not ex and key not in p.requires:
                        out.add(id(p))
        for key in ex.assigns:  # a refinement follows the producer of its base key
            if "." in key:
                for p in producers.get(key.split(".")[0], []):
                    out.add(id(p))
        out.discard(id(ex))
        return out

    ordered: list[Extractor] = []
    done: set[int] = set()
    pending = list(extractors)
    while pending:
        for ex in pending:
            if deps(ex) <= done:
                ordered.append(ex)
                done.add(id(ex))
                pending.remove(ex)
                break
        else:
            names = ", ".join(e.name for e in pending)
            raise ValueError(f"extractors have circular or missing requirements: {names}")
    return ordered
