"""A learned cue scorer: how likely a verb, in its sentence, opens an attribution.

The cue lexicon (claims.yml, claims_learned.yml) says which verbs *can* report speech or a stance;
whether a given use does depends on its context: "polls show that ..." is a cue, "the show"
or "showed up" is none; "defended the plan" and "praised the deal" are annotated as stances in
PolNeAR when a person does it, rarely otherwise. This module turns a verb's context in the
dependency tree into sparse string features (``features``) and scores them with a logistic
model trained on PolNeAR train (training/polnear/train_cue_model.py), kept as data in
``lang/data/<lang>/cue_model.json``: feature -> weight, a bias and the two thresholds the rules
use (``add``: a verb outside the lexicon becomes a cue, if the corpus has it as a cue at least
twice, ``lemmas``; ``drop``: a lexicon verb, hand-listed or learned from corpus counts,
stops being one). Languages without a model file use the lexicon alone.

Only the structure is read: the features are labels, lemmas and entity types, never evaluated.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources

from ...doc import labels
from ...doc.types import AnalyzedDoc
from ..spans import SpanIndex

MODEL_FILE = "cue_model.json"
# dependency groups whose presence under the verb is a feature (named in doc/labels.py)
CHILD_GROUPS = (
    ("subj", labels.SUBJECT), ("subjpass", labels.PASSIVE_SUBJECT), ("agent", labels.PASSIVE_AGENT),
    ("ccomp", labels.CLAUSAL_COMPLEMENT), ("xcomp", labels.OPEN_COMPLEMENT), ("obj", labels.OBJECT),
    ("parataxis", labels.PARATAXIS), ("obl", labels.PREP_OBJECT_UD),
)


@dataclass(frozen=True)
class CueModel:
    bias: float
    weights: dict[str, float] = field(default_factory=dict)
    add: float = 1.0          # a verb outside the lexicon scoring at least this is a cue
    drop: float = 0.0         # a lexicon verb scoring below this is none
    # the verbs the model may add: those seen as cues in its training corpus (a frame alone does
    # not make "crashed his car into a barrier" a stance); None: any verb
    lemmas: frozenset[str] | None = None

    def may_add(self, lemma: str) -> bool:
        return self.lemmas is None or lemma in self.lemmas

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict) -> "CueModel":
        return cls(bias=float(data["bias"]),
                   weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
                   add=float(data.get("add", 1.0)), drop=float(data.get("drop", 0.0)),
                   lemmas=frozenset(map(str, data["lemmas"])) if "lemmas" in data else None)

    @classmethod
    def load(cls, lang: str) -> "CueModel | None":
        """The language's model, or None when it has none."""
        path = resources.files("newsgraph.lang") / "data" / lang / MODEL_FILE
        if not path.is_file():
            return None
        return cls.from_dict(json.loads(path.read_text("utf-8")))


def _word(doc: AnalyzedDoc, j: int) -> str:
    t = doc.tokens[j]
    return t.lemma.casefold() if t.pos not in ("PROPN", "NUM") else t.pos


def _entity_types(doc: AnalyzedDoc) -> dict[int, str]:
    out: dict[int, str] = {}
    for n in doc.ner:
        for j in range(n.first, n.last):
            out[j] = n.label
    return out


class FeatureContext:
    """What the features of every verb of one document read, computed once per document."""

    def __init__(self, doc: AnalyzedDoc, quotes: list[tuple[int, int]]) -> None:
        self.doc, self.tree = doc, doc.tree
        self.quotes = SpanIndex(quotes)       # the text's quotations, disjoint and in order
        self.entity = _entity_types(doc)

    def features(self, i: int) -> list[str]:
        doc, tree, t = self.doc, self.tree, self.doc.tokens[i]
        lemma = t.lemma.casefold()
        f = [f"lemma={lemma}", f"tag={t.tag}", f"dep={t.dep}", f"lemma|dep={lemma}|{t.dep}",
             f"lemma|tag={lemma}|{t.tag}"]
        kids = tree.children(i)
        groups = []
        for name, deps in CHILD_GROUPS:
            got = [c for c in kids if doc.tokens[c].dep in deps]
            if got:
                groups.append(name)
                f.append(f"has={name}")
                f.append(f"lemma|has={lemma}|{name}")
            if name in ("subj", "agent") and got:
                s = got[0]
                st = doc.tokens[s]
                kind = self.entity.get(s) or st.pos
                if st.pos == "PRON":
                    kind = "PRON:" + st.lemma.casefold()
                f.append(f"{name}={kind}")
                f.append(f"lemma|{name}={lemma}|{self.entity.get(s) or st.pos}")
                if st.pos == "NOUN":
                    f.append(f"{name}_noun={st.lemma.casefold()}")
            if name == "ccomp" and got:
                marks = [doc.tokens[m].lemma.casefold() for m in tree.children(got[0], labels.MARKER)]
                f.append("ccomp_mark=" + (marks[0] if marks else "-"))
            if name in ("obj", "obl") and got:
                f.append(f"{name}_head={_word(doc, got[0])}")
                f.append(f"lemma|{name}_head={lemma}|{_word(doc, got[0])}")
        f.append("frame=" + "+".join(groups))
        f.append(f"lemma|frame={lemma}|" + "+".join(groups))
        for c in kids:
            d = doc.tokens[c].dep
            if d in labels.AUXILIARY or d in labels.ADVERBIAL:
                f.append(f"mod={doc.tokens[c].lemma.casefold()}")
        if t.head not in (-1, i):
            h = doc.tokens[t.head]
            f.append(f"head={_word(doc, t.head)}|{t.dep}")
            f.append(f"head_pos={h.pos}|{t.dep}")
            f.append(f"lemma|head={lemma}|{_word(doc, t.head)}")
        sent = doc.sentences[t.sent]
        if i > sent.first and t.text[:1].isupper():
            f.append("capitalised")         # a headline's verb ("Candidate Blasts Rival")
        prev = doc.tokens[i - 1] if i > 0 else None
        nxt = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else None
        f.append("prev=" + (prev.text.casefold() if prev and prev.sent == t.sent else "<s>"))
        f.append("next=" + (nxt.text.casefold() if nxt and nxt.sent == t.sent else "</s>"))
        f.append(f"lemma|next={lemma}|" + (nxt.text.casefold() if nxt and nxt.sent == t.sent else "</s>"))
        f.append("quote_in_sentence" if self.quotes.overlapping(sent.start, sent.end)
                 else "no_quote")
        if self.quotes.containing(t.start):
            f.append("inside_quote")
        return f
