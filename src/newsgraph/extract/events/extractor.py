"""The events extractor: one document's triggers, arguments, places, times and modality, ranked
(main event first), merged and given their quantities, as the record's ``events``."""
from __future__ import annotations

from typing import Any

from ...lang.base import AnalyzedDoc
from ...lang.data_loader import shared_data
from ..base import Extractor
from .lexicon import Lexicon
from .merge import bind_quantities, merge
from .ranking import rank, title_info
from .state import State
from .triggers import find_events


def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes (an amount's unit), from babel's CLDR data."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


class EventExtractor(Extractor):
    name = "events"
    requires = ("entities", "times", "quantities", "claims")
    assigns = ("events",)

    def lexicon(self, doc: AnalyzedDoc) -> Lexicon:
        lang = doc.language
        return self.resources.shared(
            f"events-lexicon-{lang}",
            lambda: Lexicon(self.resources.data(lang)["events"], shared_data("ontology")))

    def __call__(self, doc: AnalyzedDoc, parts: dict[str, Any]) -> dict[str, Any]:
        if not doc.tokens:
            return {"events": []}
        lex = self.lexicon(doc)
        st = State(doc, lex, parts, self.resources.shared("currency-codes", _currency_codes))
        events = find_events(st)
        rank(st, events, self._title_info(doc, lex))
        events = merge(st, events)
        bind_quantities(st, events)
        out = []
        for n, ev in enumerate(events, 1):
            if ev.place is not None and ev.place in ev.agents + ev.patients:
                ev.place = None   # an actor of the event is not also where it happened

            def span(first: int, last: int) -> dict[str, Any]:
                a, b = doc.tokens[first].start, doc.tokens[last - 1].end
                return {"start": a, "end": b, "text": doc.text[a:b]}

            out.append({
                "id": f"v{n}", "type": ev.type,
                "trigger": span(ev.first, ev.last),
                "agents": ev.agents, "patients": ev.patients, "time": ev.time, "place": ev.place,
                "modality": ev.modality, "arguments": ev.arguments,
                "mentions": [span(a, b) for a, b in sorted([(ev.first, ev.last)] + ev.mentions)],
                "quantities": ev.quantities,
            })
        return {"events": out}

    def _title_info(self, doc: AnalyzedDoc, lex: Lexicon) -> dict[str, Any]:
        """The title's triggers, words and verbs (ranking.title_info), the title analysed with
        the document's backend."""
        title = (doc.title or "").strip()
        tdoc = None
        if title:
            try:
                tdoc = self.resources.backend(doc.language).analyze(title[:300])
            except Exception:  # a title we cannot analyse only loses the title bonus
                tdoc = None
        return title_info(title, tdoc, lex)
