"""Events: who did what to whom, when and where, and how sure.

An event is a trigger (a verb or an event noun listed for an ontology type in
``lang/data/<lang>/events.yml``; the types are documented in ``lang/data/ontology.yml``) with
arguments resolved to entity ids through the entities' mentions:

* **agents / patients.** With a dependency parser (English: spaCy's ClearNLP labels; Russian:
  natasha's UD labels) the subject of an active trigger is its agent, the subject of a passive
  one its patient and the ``by``-phrase (UD ``obl:agent``) its agent; direct objects and some
  prepositional objects ("against", "on", "for") are patients. Missing subjects are inherited
  through coordination ("arrested and charged"), control ("competing to form") and participles;
  relative clauses stand for the noun they modify ("Assad, who fled" -> Assad); appositions,
  conjuncts and partitives ("two of Assad's associates - Hassan and Makhlouf") are followed to the
  entities. An event noun takes its agent from a light verb ("the ministry *issued* an arrest
  warrant"), its possessor and of-phrase by the type's ``possessor``/``of_role``, and "for"/
  "against" phrases as patients (countries and cities too for types marked ``place_target``:
  "an attack on Israel"); "under house arrest" makes the governing verb's subject the patient.
  Predicative adjectives ("five people are dead") take their subject as patient. Acts named
  under an accusation ("accused of killings") get the accused as agent. The subject of a passive
  such as "was hit by" (``undergoer_passive_verbs``) undergoes the event its agent phrase names
  ("Gazprom was hit by EU sanctions"). In Russian a bare instrumental of a passive or an event
  noun is its agent ("задержан полицией", "арест активиста полицией"), a nominative the parser
  took for an object is the subject, a reflexive form of a trigger verb with an instrumental
  agent is its passive ("задерживался полицией"), and a bare genitive naming an actor is the
  agent of sanctions, statements, support and visits (``cases.genitive_agent_nouns``: "санкции
  ЕС"), else the type's ``of_role`` ("арест активиста"). Without a parser (Ukrainian, or
  ``doc.has_parser`` False) the entities of the trigger's sentence take their role from their
  case where the language lists ``cases`` (Ukrainian: nominative agent, accusative / genitive /
  dative patient; passive participles, "-но/-то" forms and reflexive passives: nominative
  patient, instrumental agent; a name after a noun of another case only modifies it: "поліція
  Львова"; a relative pronoun stands for the name before it), else the nearest entity before
  the trigger is its agent and the one after it its patient.
* **place**: a LOC entity in a place-prepositional phrase attached to the trigger ("fled to
  Russia"), else one reached through the trigger's prepositional phrases, else a LOC after a
  locative preposition in the same sentence (not one already placing another event there), else,
  in the first paragraph, the dateline ("WASHINGTON --"). The main event without one takes the
  place its headline names, else one its sentence names. A place is never one of the actors.
* **time**: an index into ``times``: of the time expressions in the trigger's sentence, the one
  nearest to it in the parse tree (each time goes to the events nearest to it; a verb also takes
  the time of a noun event in its own phrase: "fled after the victory in December 2024"), or
  nearest in tokens without a parser; else the nearest time of a neighbouring sentence of the
  same paragraph (two sentences for the main event). Never the article's date. Paragraphs (line
  breaks) also cut parse edges, so a headline glued to the next sentence stays apart.
* **modality**: walking up from the trigger through the words that govern it: ``negated`` (not,
  never, "fail to", "do not appear to have ..."), ``conditional`` ("if", "unless", "в случае",
  "якщо"), ``hypothetical`` (could/would/might), ``alleged`` (under a charge or accusation:
  "charged with conspiracy to kill", "обвиняется в убийстве"), ``proposed`` (under a proposal,
  bill or plan noun, "propose": "a proposal to annex", "законопроєкт про ..."), ``planned`` (will,
  plan/prepare/compete + infinitive, any purpose infinitive), ``hoped`` (hope,
  seek), ``reported`` (under a reporting verb or "accused of", or inside a claim's content that
  someone other than the article itself is the source of), else ``asserted``.

Events are ordered by importance: events of the lead sentence and those matching the title's
trigger types, words and actors first, then by how central they are (main clause, number of
entity arguments, how often the agents are mentioned). The first event is the article's main
event: the event the headline reports as the lead (three sentences) tells it, when one with
participants is found (``headline_event``); else the first of that order. When the lead
sentence has no typed trigger its main verb becomes an ``other`` event.

Trigger senses are checked against their arguments (``senses`` in events.yml): "an arrest of
shares" is a seizure of property (``sanction``), not an arrest of people, and the word for shares
("акций") beside it is no protest.

Page furniture (captions, credits, bylines, related links, teasers: ``parts["furniture"]``, from
ingest/cleaning.py) holds no events and gives no event its time. One event told twice (same
trigger word, type, participants) is merged, its triggers listed in ``mentions``; numbers whose
phrase is a trigger's argument are bound to the event in ``quantities`` ({quantity, role}).

Each event also carries ``arguments``: the argument phrases found ({role, start, end, text,
entity}), including those that resolve to no entity ("Supporters of former Syrian President
Bashar al-Assad"), so that readers see who acted even when no entity was recognised.

The package: ``lexicon`` (language tables, trigger matching), ``state`` (the document view and
the event under construction), ``triggers`` (finding events), ``arguments``, ``places``,
``timing``, ``modality``, ``ranking`` (importance, headline / main event, lead), ``merge`` (one
event told again, quantities) and ``extractor`` (EventExtractor).
"""
from __future__ import annotations

from .extractor import EventExtractor
from .lexicon import Lexicon, match_at
from .state import Event, State

__all__ = ["Event", "EventExtractor", "Lexicon", "State", "match_at"]
