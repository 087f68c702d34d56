"""Claims: every attributed statement with who asserts it, through which chain, how strongly.

Works for every language: dependency rules where the backend parses (spaCy English, natasha
Russian), token/regex patterns otherwise (Ukrainian), all driven by lang/data/<lang>/claims.yml
(see extract/attribution/). Output follows CONTRACT.md `claims[]`:

- one claim per source: coordinated sources ("X and Y did not respond") give one claim each;
- source.kind: named | anonymous | outlet | document | unattributed;
- via: nested reporting first ("Reuters reported that officials said ..."), then the wire the
  article re-reports (title "... - Reuters", a dateline, or an outlet cited in the lead), then the
  publishing outlet (record["outlet"]) when known;
- status from the cue class (confirm/deny/allege) or from no-comment / unreachable patterns;
- hedges: hedging words inside the content or cue.

When the article's title carries the attribution and the title is part of the text (``--as-is``)
it becomes a claim too; otherwise the title's source and hedges are reported in ``sourcing.title``.
"""
from __future__ import annotations

from typing import Any

from .attribution.cue_model import CueModel
from .attribution.lexicon import Lexicon
from .attribution.resolve import Resolver, link_responses
from .attribution.rules import RuleFinder
from .base import Extractor


def lexicon_for(resources, doc) -> Lexicon:
    lang = doc.language
    return resources.shared(f"claims-lexicon:{lang}", lambda: Lexicon.build(
        lang, doc.data["claims"], doc.data["claims_learned"], CueModel.load(lang)))


def analyse(resources, doc, entities) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(claims without ids, article-level info {wire, title}) — shared with the sourcing step."""
    lex = lexicon_for(resources, doc)
    if not doc.tokens:
        return [], {"wire": None, "title": None}
    cands = RuleFinder(doc, lex).find()
    return Resolver(doc, lex, entities).claims(cands)


class ClaimExtractor(Extractor):
    name = "claims"
    requires = ("entities",)
    assigns = ("claims",)

    def __call__(self, doc, parts) -> dict[str, Any]:
        claims, _ = analyse(self.resources, doc, parts.get("entities") or [])
        out = []
        for n, c in enumerate(claims, 1):
            c.pop("_rule", None)
            out.append({"id": f"c{n}", **c})
        link_responses(out, doc.text)
        return {"claims": out}
