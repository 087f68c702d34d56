"""``Resolution``: the actors of one document, built from the parts in this package."""
from __future__ import annotations

from ..spans import SpanIndex
from .cluster import Clustering
from .descriptors import Descriptors
from .mentions import DocIndex, Entity, Mention, NameMentions
from .records import Records
from .references import References
from .evidence import TypeEvidence


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in data.get(key, []) or [])


class Resolution(NameMentions, TypeEvidence, Clustering, Descriptors, References, Records):
    """The actors of one document: built by ActorExtractor, read by RelationExtractor."""

    def __init__(self, doc, data: dict, titles: dict, gazetteer=None, organisations=None,
                 furniture: list[dict] | None = None) -> None:
        self.doc = doc
        # captions, credits, bylines (the record's furniture) still in the text (a dropped line
        # has no offsets): names only there are no antecedents of the body's pronouns,
        # descriptions and surnames
        self.furniture = SpanIndex((f["start"], f["end"]) for f in furniture or []
                                   if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
                                   and f["end"] > f["start"])
        self.organisations = organisations   # optional: KnownOrganisations (evidence for types)
        self._title_index: dict[str, set[int]] | None = None
        self.ix = DocIndex(doc)
        self.data = data
        self.title_words = {w.casefold() for w in titles.get("titles", [])}
        self.honorifics = {w.casefold() for w in titles.get("honorifics", [])}
        self.female = {w.casefold() for w in titles.get("female", [])}
        self.male = {w.casefold() for w in titles.get("male", [])}
        self.pre_titles = self.title_words | self.honorifics
        self.strip_leading = {w.casefold() for w in titles.get("strip_leading", [])}
        self.groups = {w.casefold() for w in data.get("groups", [])}
        self.kin_nouns = {w.casefold() for w in data.get("kin_nouns", [])}
        self.particles = {w.casefold() for w in data.get("name_particles", [])}
        # descriptions by copula ("X was head of Y") and relative clause ("X, who was ...")
        self.copulas = {w.casefold() for w in data.get("copula_lemmas", [])}
        self.relative_subjects = {w.casefold() for w in data.get("relative_subjects", [])}
        self.pronouns = data.get("pronouns", {}) or {}
        self.desc_types: dict[str, str] = {}
        for typ, nouns in (data.get("descriptions") or {}).items():
            for n in nouns:
                self.desc_types.setdefault(n.casefold(), typ)
        self.window = int(data.get("description_window", 3))
        self.country_nouns = {w.casefold() for w in data.get("country_nouns", [])}
        # function words of the language (actors.yml): articles trimmed from names and keys,
        # possessive endings, coordinators, relative pronouns, plural endings of group words
        self.articles = _words(data, "definite_articles")
        self.possessive_tokens = tuple(data.get("possessive_tokens", []))
        self.possessive_endings = tuple(data.get("possessive_endings", []))
        self.name_coordinators = _words(data, "name_coordinators")
        self.additive_conjunctions = _words(data, "additive_conjunctions")
        self.of_words = _words(data, "of_prepositions")
        self.acronym_skip = _words(data, "acronym_skip_words")
        self.relative_pronouns = _words(data, "relative_pronouns")
        self.case_endings = sorted(data.get("surname_case_endings", []), key=len, reverse=True)
        self.document_sets = _words(data, "document_sets")
        context = data.get("place_context") or {}
        self.place_before = [tuple(str(p).casefold().split()) for p in context.get("before", [])]
        self.place_after = _words(context, "after")
        self.plural_endings = tuple(data.get("plural_endings", []))
        self.group_plural = data.get("group_plural_ending", "")
        self.group_plural_keep = tuple(data.get("group_plural_keep", []))
        self.gazetteer = gazetteer     # optional: tells countries from cities
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.tok_mention: dict[int, Mention] = {}

    # -- output ------------------------------------------------------------------------------
    def run(self) -> None:
        mentions = self.name_mentions()
        self.fix_types(mentions)
        mentions = self.add_missed_names(mentions)
        self.coordinated_full_names(mentions)
        self.cluster(mentions)
        # premodifier titles first, so "the former president" can match "former Syrian President"
        self.collect_titles()
        self.resolve_references()
        self.collect_titles(final=True)


def resolve(doc, gazetteer=None, organisations=None, furniture: list[dict] | None = None) -> Resolution:
    data = doc.data["actors"] if doc.data is not None else {}
    titles = doc.data["titles"] if doc.data is not None else {}
    res = Resolution(doc, data, titles, gazetteer, organisations, furniture)
    res.run()
    return res
