"""Extractors: one module per part of the record. Each is listed here by import path; the
pipeline orders them by what they declare to require and assign (see base.py)."""

DEFAULT_EXTRACTORS = (
    "newsgraph.extract.actors:ActorExtractor",          # entities (names, mentions, titles)
    "newsgraph.extract.places:PlaceExtractor",          # entities.geo
    "newsgraph.extract.keys:KeyExtractor",              # entities.key (cross-lingual)
    "newsgraph.extract.relations:RelationExtractor",    # relations
    "newsgraph.extract.times:TimeExtractor",            # times
    "newsgraph.extract.quantities:QuantityExtractor",   # quantities
    "newsgraph.extract.claims:ClaimExtractor",          # claims
    "newsgraph.extract.events:EventExtractor",          # events
    "newsgraph.extract.sourcing:SourcingExtractor",     # sourcing
)
