"""Actors: one entity per real-world actor, with every mention, aliases and titles.

Steps, all linear in the document's length (one pass over the NER spans and the tokens, dict
lookups, a per-document index of dependency children):

1. Names. NER spans become name mentions, trimmed of articles, possessives and honorifics (the
   function words are per-language data, ``lang/data/<lang>/actors.yml``).
   Types are corrected with evidence from the document: a span whose text is a person's name or
   surname elsewhere (or follows a title word or an honorific: "Ms Park" typed LOC) is a PERSON;
   a group word from ``en/actors.yml`` ("Alawite", "Alawites") is a GROUP; a one-word PERSON the
   article names as an organisation elsewhere, with no person evidence, is that organisation; a
   leak named after a place ("Panama Papers") is MISC.
2. Clustering. Multi-word person names are entities; a bare surname ("Assad") or first name
   goes to the most salient person carrying it (most name mentions, then the latest before it);
   "Bashar or Maher al-Assad" lends the shared surname to "Bashar". Other types group by their
   normalised text (singular/plural for groups, acronyms, a shorter organisation name that
   ends a longer one; in uk/ru an organisation's forms in other cases, «Есты Холдинг» =
   «Еста Холдинг»).
3. Descriptions and pronouns, in text order: apposed noun phrases ("Makhlouf, Assad's
   cousin"), definite descriptions that match a title or type of a recent entity ("the
   agency" -> Reuters, "the former president"), he/his/him/she/her to a recent person. Names
   only in captions and credits (the record's furniture) are no antecedents of the body.
4. Titles from the dependency parse: pre-modifiers with a title word ("former Syrian
   President"), appositions, "who was X" relative clauses, "X was Y" copulas.

``descriptors`` and ``Resolution`` are shared with the relation extractor.

Modules: ``mentions`` (Mention, Entity, DocIndex, name mentions and missed names), ``evidence``
(type fixes from evidence), ``cluster`` (mentions into entities), ``descriptors`` (appositions,
pre-modifiers, titles), ``references`` (pronoun and description antecedents), ``records``,
``resolution`` (Resolution, resolve) and ``extractor`` (ActorExtractor).
"""
from __future__ import annotations

from .extractor import ActorExtractor
from .mentions import DocIndex, Entity, Mention, _lower, norm
from .resolution import Resolution, resolve

__all__ = ["ActorExtractor", "DocIndex", "Entity", "Mention", "Resolution", "norm", "resolve", "_lower"]
