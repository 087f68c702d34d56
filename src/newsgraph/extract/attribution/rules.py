"""Finding attribution candidates: who says what, with which words.

Three families of rules, all driven by the language's lexicon (lexicon.py):
- dependency rules (when ``doc.has_parser``): a cue verb's subject is the source, its clausal
  complement / quote / object the content; passives, relative clauses, participles ("adding
  that"), reporting nouns ("his statement that"). Both ClearNLP (spaCy English) and UD (natasha)
  labels are mapped below.
- token/regex rules (always, or instead of the parser when there is none): "according to X",
  "за даними X", no-comment and unreachable patterns, "based on interviews with X", and the
  parser-free cue patterns "X said (that|:) Y" / "Y, - said X".
- quotes: a quotation next to a cue becomes the content, extended across sentence breaks.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ...doc import labels
from ...doc.types import AnalyzedDoc
from ..spans import SpanIndex
from .cue_model import FeatureContext
from .lexicon import Lexicon

# Dependency-role groups of both label schemes (ClearNLP from spaCy English, UD from natasha),
# named once in doc/labels.py.
SUBJ = labels.SUBJECT
SUBJ_PASS = labels.PASSIVE_SUBJECT
AGENT = labels.PASSIVE_AGENT
CCOMP = labels.CLAUSAL_COMPLEMENT
PARATAXIS = labels.PARATAXIS
XCOMP = labels.OPEN_COMPLEMENT
OBJ = labels.OBJECT
CLAUSE_OF_NOUN = labels.CLAUSE_OF_NOUN
POSS = labels.POSSESSOR
CONJ = labels.CONJUNCT
AUX = labels.VERB_PARTICLES
RELCL = labels.RELATIVE_CLAUSE
INHERIT_SUBJ = labels.INHERITS_SUBJECT
WORD = re.compile(r"\w")
PREP = labels.PREP_OBJECT_UD

# the backends' entity labels of dates and times (spaCy DATE / TIME; natasha has none)
TIME_LABELS = frozenset({"DATE", "TIME"})
CLAUSE_EDGE = " \t\n,;:.!?—–-\"“”«»„'‘’()"
BOUNDARY = re.compile(r"[,;:()—–]|\s-\s")
OPENING, CLOSING = set("«“„\"'‘("), set("»”\"'’)")
OBLIQUE_CASES = {"Acc", "Dat", "Ins", "Loc"}       # no subject's (parser-free rules)
# where the source of "according to X" ends: a clause mark, or a full stop that is not a
# one-letter abbreviation's ("Как заявил и. о. главы Центра Игорь Кузин, ..."); a parenthesis
# stays in it ("По словам Фолькера Буффье (Volker Bouffier), ...")
MARKER_SOURCE_STOP = re.compile(
    r"\([^()]{0,80}\)|([,;:!?—–]|\s-\s|(?:(?<=\w\w)|(?<=[)»”\"]))\.(?!\s+[a-zа-яёіїєґ]))")


@dataclass
class Cand:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    status: str
    rule: str
    heads: list[tuple[int, int]] = field(default_factory=list)  # one (start, end) per conjunct
    kind: str | None = None          # forced kind ("unattributed", "anonymous")
    # per conjunct, the spans of its head word and the name parts attached to it ("Reuters
    # journalists", "Министр Сергей Шойгу"): entities are looked up there first
    head_words: list[list[tuple[int, int]]] = field(default_factory=list)
    priority: int = 5
    # outlets that carried the words, nearest first ("Peskov was quoted by Tass": Tass)
    via: list[tuple[int, int]] = field(default_factory=list)


def trim(text: str, start: int, end: int, chars: str = CLAUSE_EDGE) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def quote_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Quotations (marks included), each within one paragraph.

    Opening and closing marks come from the language's `quote_pairs`; a closing mark of any
    pair closes an open quotation (news text mixes “...," styles). A straight double quote
    opens when it follows a space or starts a line and closes otherwise. Single quotes (which
    double as apostrophes) are left out."""
    opens = {p[0] for p in lex.quote_pairs if p[0] not in "'‘’"}
    closes = {p[1] for p in lex.quote_pairs if p[1] not in "'‘’"}
    # two apostrophes as a double quote (''...'', newspaper archives): read as '"'
    double: set[int] = set()
    if lex.double_apostrophe_quotes and "''" in text:
        double = {m.start() for m in re.finditer("''", text)}
        text = text.replace("''", '" ')     # same length: offsets stay
        opens.add('"')
        closes.add('"')
    spans: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(text):
        if ch == "\n" and start >= 0 and text.startswith("\n\n", i):
            start = -1                                   # a quotation ends with its paragraph
            continue
        if ch not in opens and ch not in closes:
            continue
        prev = text[i - 1] if i else " "
        if start < 0:
            if ch in opens and (ch != '"' or prev.isspace() or prev in "([—–-:"):
                start = i
        elif ch in closes and i - start > 2:
            spans.append((start, i + (2 if i in double else 1)))
            start = -1
        elif ch in opens and ch != '"' and ch not in closes:
            start = i                                    # an unclosed quotation: restart
    return spans


class RuleFinder:
    def __init__(self, doc: AnalyzedDoc, lex: Lexicon) -> None:
        self.doc, self.lex, self.text = doc, lex, doc.text
        self.toks = doc.tokens
        self.tree = doc.tree
        self.quotes = quote_spans(self.text, lex)
        self.dateline_end = self.find_dateline_end()
        # indexes, so that per-candidate lookups do not scan the whole document
        self._quote_index = SpanIndex(self.quotes)      # quotations are disjoint and in order
        self._ner_index: SpanIndex | None = None
        self._title_words: set[str] | None = None
        self._time_index: SpanIndex | None = None
        self._para_breaks = [m.start() for m in re.finditer(r"(?=\n\n)", self.text)]
        # the learned cue scorer, where the language has one and the backend parses
        self._cue_features = FeatureContext(doc, self.quotes) \
            if lex.cue_model is not None and doc.has_parser else None

    def find_dateline_end(self) -> int:
        """Where a dateline / wire tag opening the text ends ("LVIV (AP) — "): no source or
        content starts inside it."""
        head = self.text[:300]

        def at_head(m) -> bool:
            # at the very top, or under a headline (and a byline): two lines at most
            before = head[:m.start()]
            return not before.strip(" \t\n") or (
                before.endswith("\n") and len([ln for ln in before.split("\n") if ln.strip()]) <= 2)

        for p in self.lex.dateline_patterns:
            for m in p.finditer(head):
                if self.lex.is_outlet_name(m.group("outlet")) and at_head(m):
                    return m.end()
        # a place alone ("ATLANTIC CITY — Hillary Clinton descended ..."): no wire, but no
        # speaker either
        for p in self.lex.place_dateline_patterns:
            m = p.search(head)
            if m and at_head(m):
                return m.end()
        return 0

    def _quotes_over(self, a: int, b: int) -> list[tuple[int, int]]:
        """The quotations overlapping [a, b), in text order."""
        return [self.quotes[k] for k in self._quote_index.overlapping(a, b)]

    # -- helpers ---------------------------------------------------------------------------------
    def children(self, i: int, deps: set[str] | frozenset[str] | None = None) -> list[int]:
        return list(self.tree.children(i, deps))

    def descendants(self, i: int, skip: set[int] | None = None) -> set[int]:
        return self.tree.descendants(i, skip)

    def char_span(self, idx: set[int] | list[int]) -> tuple[int, int]:
        lo, hi = min(idx), max(idx)
        while hi > lo and self.toks[hi].dep in labels.COORDINATOR:
            hi -= 1     # "Mr. Ames, now 81 and [retired ...]": the conjunct is not in the phrase
        a, b = trim(self.text, self.toks[lo].start, self.toks[hi].end)
        if self.text.count("(", a, b) > self.text.count(")", a, b):
            if self.text.startswith(")", b):
                b += 1  # "Rep. Anna Ruiz (D-NM)": the bracket the phrase opened closes in it
            elif self.text.rfind("(", a, b) > a:
                # "Sen. Chris Murphy (a Democrat so young he ...) says": the parser kept part
                # of a bracketed aside, whose close it hung elsewhere; the phrase ends before it
                a, b = trim(self.text, a, self.text.rfind("(", a, b))
        return a, b

    def speaker_span(self, heads: list[int], cue: int) -> tuple[int, int]:
        """The speaker's words: each head's phrase without the cue's own subtree, relative
        clauses, prepositions or the commas around them ("Clinton, who announced X, spoke")."""
        idx = set().union(*(
            self.descendants(h, set(self.children(h, RELCL | labels.CASE_MARKER |
                                                   labels.PUNCTUATION)) | {cue} |
                             self.time_modifiers(h) | self.misparsed_clauses(h))
            for h in heads))
        if max(heads) < cue:
            idx = self.ending_before(idx, cue)
        # "Erin Brockovich, the activist, endorsed X Saturday, saying Y", parsed without a verb:
        # the name's phrase ends before the finite verb the parser hung on it
        finite = [c for c in idx if c > min(heads) and self.toks[c].tag in ("VBD", "VBZ", "VBP")
                  and self.toks[c].dep in labels.ADJECTIVAL_MODIFIER]
        if finite and self.toks[heads[0]].pos in ("NOUN", "PROPN"):
            idx = {j for j in idx if j < min(finite)} or idx
        return self.char_span((idx - self.handed_over_quotes(min(heads))) or idx)

    def handed_over_quotes(self, h: int) -> set[int]:
        """Tokens of a quotation that hands over to speaker head h ('"...," an intelligence
        source, who ..., told Fox News', the quoted clause parsed under "source"): closed
        before the head with a comma, question or exclamation mark; no part of the speaker
        (a quoted name in the phrase, 'the "Daily Show" host', stays)."""
        start = self.toks[h].start
        first = self.doc.sentences[self.toks[h].sent].start
        out: set[int] = set()
        for a, b in self._quotes_over(first, start):
            if first < b <= start and (re.search(r"[,?!]\W{0,2}$", self.text[a:b]) or
                                       re.match(r"\s*,", self.text[b:start])):
                out |= {tok.i for tok in self.doc.tokens_in(a, b) if tok.start >= a}
        return out

    def misparsed_clauses(self, i: int) -> set[int]:
        """Clausal complements the parser hung on a speaker's name ('"That's a concern,"
        Sarandon, 69, told MSNBC', the quoted clause parsed as the complement of "Sarandon"):
        a name has no complement clause of its own."""
        if self.toks[i].pos not in ("PROPN", "NOUN", "PRON"):
            return set()
        return set(self.children(i, CCOMP))

    @staticmethod
    def ending_before(idx: set[int], cue: int) -> set[int]:
        """A speaker's tokens before the cue verb only, when it stands before the verb ("X's
        group, March for Bernie, plans to demand A; the end of B": the parser's apposition
        after the verb is the words); all of them when none is before it."""
        return {j for j in idx if j < cue} or idx

    def time_modifiers(self, i: int) -> set[int]:
        """Dates the parser hung on a speaker's name ("reported by the Tribune on Monday"):
        when it was said, not who said it."""
        return {c for c in self.children(i, PREP) if c > i and self.time_phrase(c)}

    def np_span(self, i: int) -> tuple[int, int]:
        """A noun phrase without relative clauses' far tails: the token's subtree hull, without
        its own preposition (UD hangs "to" of "to [a committee]" on the noun)."""
        return self.char_span(self.descendants(i, set(self.children(i, labels.CASE_MARKER))))

    def conjuncts(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop(0)
            out.append(j)
            stack.extend(self.children(j, CONJ))
        return out

    def head_words(self, i: int) -> list[tuple[int, int]]:
        idx = [i] + self.children(i, labels.NAME_PARTS)
        return [(self.toks[j].start, self.toks[j].end) for j in idx]

    def conjunct_span(self, i: int, cue: int | None = None) -> tuple[int, int]:
        """One conjunct of a speaker; one before cue token ``cue`` ends there, as in
        speaker_span."""
        skip = set(self.children(i, CONJ)) | {c for c in self.children(i) if self.toks[c].dep in
                                              ("cc", "punct", "acl:relcl",
                                               "case")} | self.time_modifiers(i) | \
            self.misparsed_clauses(i)
        idx = self.descendants(i, skip)
        if cue is not None and i < cue:
            idx = self.ending_before(idx, cue)
        return self.char_span((idx - self.handed_over_quotes(i)) or idx)

    def quote_near(self, lo: int, hi: int, avoid: list[tuple[int, int]]) -> tuple[int, int] | None:
        best = None
        for a, b in self._quotes_over(lo - 5, hi + 1):
            if b < lo - 4 or a > hi:
                continue
            if any(a < y and x < b for x, y in avoid if x < y):
                continue
            if best is None or (b - a) > (best[1] - best[0]):
                best = (a, b)
        return best

    def quote_after_colon(self, pos: int) -> tuple[int, int] | None:
        """The quotation that opens the next paragraph after a paragraph ending with a colon
        at ``pos`` or later ('Jared Potts, 17, echoed:' and the quotation below)."""
        m = re.match(r"[^\n]*:[ \t]*\n\s*", self.text[pos:pos + 200])
        if not m:
            return None
        start = pos + m.end()
        return next(((a, b) for a, b in self._quotes_over(start, start + 2) if start <= a),
                    None)

    def quote_opening_after(self, pos: int, end: int, gap) -> tuple[int, int] | None:
        """The first quotation that opens in [pos, end) with text between ``pos`` and its
        opening mark that ``gap`` accepts."""
        return next((q for q in self._quotes_over(pos, end)
                     if pos <= q[0] and gap(self.text[pos:q[0]])), None)

    def title_quote(self, q: tuple[int, int]) -> bool:
        """A quotation that names a work right after its noun ('on the podcast "Here's the
        Thing."', 'the show "Meet the Press"'): a title, not words said."""
        k = self.doc.token_index_at(q[0]) - 1
        words = self.text[q[0]:q[1]].strip(CLAUSE_EDGE).split()
        return k >= 0 and self.toks[k].pos == "NOUN" and 0 < len(words) <= 5 and \
            words[0][:1].isupper() and self.text[self.toks[k].end:q[0]].isspace()

    def quoted_name(self, a: int, b: int) -> bool:
        """A quotation that is a name, not words: up to three words, each capitalised ("РГ",
        «Единая Россия», "Washington Post")."""
        words = self.text[a:b].strip(CLAUSE_EDGE).split()
        return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)

    def quote_before(self, first: int) -> tuple[int, int] | None:
        """The quotation that ends right before token ``first`` (commas and dashes between)."""
        start = self.toks[first].start
        for a, b in self._quotes_over(start - 6, start):
            if b > start or not re.fullmatch(r"[ \t,—–-]*", self.text[b:start]):
                continue
            # the quotation hands over to its speaker with a comma ('"...," X said'), or asks
            # or exclaims ('"Why?" he asked', '"Why?" Lichtman said'); a full stop or a
            # paragraph's end ends it
            close = self.text[max(a, b - 3):start]
            if self.text[max(0, a - 3):a].rstrip().endswith(":") or \
                    "," in self.text[b:start] and self.quoted_name(a, b):
                continue        # 'Bibi answered: «...?» Others complained': the colon's speaker
                # ('Как передает "РГ", политик выразил ...': a name in quotation marks, the
                # comma after it)
            if "," in close or re.search(r"[?!]", close):
                return (a, b)
        return None

    def extend_to_quote(self, span: tuple[int, int], cue: tuple[int, int] | None) -> tuple[int, int]:
        a, b = span
        # only quotations around a or b can extend the span (they are disjoint and in order)
        near = sorted(set(self._quote_index.containing(a)) | set(self._quote_index.overlapping(b - 1, b)))
        for qa, qb in (self.quotes[k] for k in near):
            if cue and qa < cue[1] and cue[0] < qb:
                continue
            if qa <= a < qb or qa < b <= qb:
                a, b = min(a, qa), max(b, qb)
        return a, b

    def cue_span(self, i: int) -> tuple[int, int]:
        # auxiliaries, particles and a negation ("did not say", "never seem": UD advmod)
        idx = [i] + [c for c in self.children(i) if i - 4 <= c <= i + 2 and (
            self.toks[c].dep in AUX or self.toks[c].dep in labels.ADVERBIAL
            and self.toks[c].lemma.casefold() in self.lex.negation)]
        return self.char_span(idx)

    def negated_before(self, i: int) -> bool:
        """A negation word right before token i ("не признала", "не визнавав", "never said")."""
        for j in range(i - 1, max(i - 3, -1), -1):
            w = self.toks[j].text.casefold()
            if w in self.lex.negation:
                return True
            if not re.fullmatch(r"\w+", w) or self.toks[j].pos not in ("ADV", "PART", "AUX", ""):
                return False
        return False

    def negated(self, lemma: str, status: str, negated: bool) -> str:
        """The status of a negated cue: from the language's `negated_cues` ("не признал":
        denied, "did not confirm": no_comment), else a negated confirmation or denial is no
        longer one (asserted)."""
        if not negated:
            return status
        if lemma in self.lex.negated_status:
            return self.lex.negated_status[lemma]
        return "asserted" if status in ("confirmed", "denied", "retracted") else status

    def sov_denial(self, sent, cue: tuple[int, int]) -> Cand | None:
        toks = [t for t in self.doc.tokens_in(sent.start, cue[0]) if t.text.strip()]
        toks = [t for t in toks if t.text.casefold() not in self.lex.negation]
        if len(toks) < 2:
            return None
        names = [n for n in self.doc.ner if n.type in ("PERSON", "ORG") and
                 n.start == toks[0].start and n.end <= cue[0]]
        src_end = names[0].end if names else toks[0].end
        source = trim(self.text, toks[0].start, src_end)
        content = trim(self.text, src_end, cue[0])
        neg = [t for t in self.doc.tokens_in(content[0], content[1])
               if t.text.casefold() in self.lex.negation]
        if neg:
            content = trim(self.text, content[0], neg[0].start)
        if content[1] <= content[0] or source[1] <= source[0]:
            return None
        return Cand(content=content, cue=cue, source=source, status="denied", rule="tokens",
                    heads=[source], priority=3)

    # -- "X обвиняется в ...", "X is charged with ...": allegations nobody in the text makes ------
    def allegation_rules(self, sent) -> list[Cand]:
        out = []
        s_text = self.text[sent.start:sent.end]
        for status, rx in self.lex.status_phrases:
            if status != "retracted":
                continue
            # "X retracted his statement ...", "X отозвал свое заявление ...": X retracts
            for m in rx.finditer(s_text):
                a, b = sent.start + m.start(), sent.start + m.end()
                before = trim(self.text, sent.start, a)
                if any(qa < a and b < qb for qa, qb in self.quotes) or \
                        before[1] <= before[0] or BOUNDARY.search(self.text[before[0]:before[1]]) \
                        or len(self.text[before[0]:before[1]].split()) > 8:
                    continue
                toks = [t for t in self.doc.tokens_in(*before) if t.text.strip()]
                while len(toks) > 1 and toks[-1].pos == "ADV":      # "The mayor later"
                    toks.pop()
                before = trim(self.text, before[0], toks[-1].end) if toks else before
                first = self.doc.tokens_in(a, b)[:1]
                cue = (a, first[0].end) if first else (a, b)
                content = trim(self.text, cue[1], sent.end)
                out.append(Cand(content=content, cue=cue, source=before, status="retracted",
                                rule="retraction", heads=self.split_who(before), priority=2))
        for rx in self.lex.allegations:
            for m in rx.finditer(s_text):
                a, b = sent.start + m.start(), sent.start + m.end()
                if any(qa < a and b < qb for qa, qb in self.quotes):
                    continue
                content = trim(self.text, sent.start, sent.end)
                # "Прокурори звинувачують X у ...": an active verb after a subject in the
                # nominative names the accuser; passives ("обвиняется"), impersonal plurals
                # ("Певца обвиняют") and the noun ("Выборы сопровождались обвинениями в
                # фальсификациях") name nobody
                before = trim(self.text, sent.start, a)
                first = next((t for t in self.doc.tokens_in(*before) if t.text.strip()), None)
                verb = self.doc.tokens_in(a, b)[:1]
                if first is not None and verb and not BOUNDARY.search(
                        self.text[before[0]:before[1]]) and first.feat("Case") == "Nom" and \
                        first.pos in ("NOUN", "PROPN") and verb[0].pos == "VERB" and \
                        verb[0].feat("Voice") != "Pass" and \
                        not verb[0].text.casefold().endswith(("ся", "сь")):
                    out.append(Cand(content=content, cue=trim(self.text, a, b), source=before,
                                    status="alleged", rule="allegation",
                                    heads=self.split_who(before), priority=4))
                    continue
                out.append(Cand(content=content, cue=trim(self.text, a, b), source=None,
                                status="alleged", rule="allegation", kind="unattributed",
                                priority=4))
        return out

    # -- entry point -----------------------------------------------------------------------------
    def find(self) -> list[Cand]:
        out: list[Cand] = []
        for n, sent in enumerate(self.doc.sentences):
            if n:
                out += self.anaphora_rules(sent, self.doc.sentences[n - 1])
            out += self.status_rules(sent)
            out += self.marker_rules(sent)
            out += self.interview_rules(sent)
            out += self.allegation_rules(sent)
            if self.doc.has_parser:
                found = self.dependency_rules(sent)
            else:
                found = self.token_rules(sent)
            out += [c for c in found if self.keep(c)]
        spoken = self.label_rules()
        if spoken:
            # a transcript's "WALLACE: I think ...": the "I" is the labelled speaker, whose
            # line is already the claim
            lines = SpanIndex(sorted(c.content for c in spoken))
            out = [c for c in out if not (c.cue and self.first_person(c) and
                                          lines.overlapping(*c.cue))]
        out += spoken
        out += self.headline_rules()
        out += self.quote_dash_rules()
        out += self.colon_quote_rules(out)
        # "reportedly" inside the words of someone named ("Rebels reportedly seize airport -
        # Reuters") is that speaker's hedge, not a report of its own
        said = SpanIndex(sorted(c.content for c in out if c.rule != "adverb"))
        out = [c for c in out if c.rule != "adverb" or not any(
            said.spans[k][0] <= c.cue[0] and c.cue[1] <= said.spans[k][1]
            for k in said.overlapping(*c.cue))]
        return [c for c in (self.clip(c) for c in out) if c is not None]

    def colon_quote_rules(self, found: list[Cand]) -> list[Cand]:
        """'... does not surprise pollster Dana Shaw: “Historically, ...”', 'From the report:
        “...”': a quotation opened right after a named actor (or a report, an outlet) and a colon
        is that actor's words, unless another rule already gave the quotation a speaker ("told
        Reuters: “...”" is the verb's)."""
        if not self.doc.has_parser:
            return []
        have = SpanIndex(sorted(c.content for c in found if c.content))
        out = []
        for a, b in self.quotes:
            m = re.search(r":[ \t\xa0]*$", self.text[max(0, a - 4):a])
            if not m or have.any_overlap(a, b):
                continue
            colon = max(0, a - 4) + m.start()
            k = self.doc.token_index_at(colon)
            if k <= 0 or self.toks[k].start != colon:
                continue
            k -= 1
            t = self.toks[k]
            if t.pos not in ("PROPN", "NOUN") or self.text[t.end:colon].strip():
                continue
            first = self.dash_name(k)
            if not (self._actor_at(t.start, t.end) or t.lemma.casefold() in self.lex.document_nouns
                    or self.lex.is_outlet_name(t.text) or first is not None):
                continue
            if any(self.toks[c].lemma.casefold() not in self.lex.source_preps and
                   not any(self.toks[j].pos == "PUNCT" for j in range(c + 1, k))
                   for c in self.children(k, labels.CASE_MARKER)):
                # "congratulated the couple via Twitter: ...", "delivered a message to Trump:
                # ...": the channel, the one addressed, are no speaker; the subject of the
                # verb they hang on is ("later that month on CNN: ..." has none)
                h = self.toks[k].head
                subj = self.children(h, SUBJ) if h not in (-1, k) and \
                    self.toks[h].pos in ("VERB", "AUX") else []
                if not subj:
                    continue
                k = subj[0]
                first = self.dash_name(k)
            idx = {j for j in self.descendants(k, set(self.children(k, labels.CASE_MARKER)))
                   if j <= k or self.toks[k].dep in SUBJ and j < self.toks[k].head}
            if first is not None:
                idx = {j for j in idx if j >= first}     # the name alone, not the item before
            source = trim(self.text, *self.char_span(idx))
            if source[1] <= source[0]:
                continue
            out.append(Cand(content=(a, b), cue=(colon, colon + 1), source=source,
                            status="asserted", rule="colon", heads=[source], priority=3))
        return out

    def dash_name(self, k: int) -> int | None:
        """The first token of a capitalised name that token k ends and a dash opens ("Why Iowa
        polls missed - Philip Bump: “...”", a newsletter's item and its author): a speaker even
        where the recogniser missed the name; None otherwise."""
        j = k
        while j >= 0 and self.toks[j].pos == "PROPN" and self.toks[j].text[:1].isupper():
            j -= 1
        if j < k and j >= 0 and self.toks[j].text in ("-", "—", "–", "--") and \
                self.toks[j].sent == self.toks[k].sent:
            return j + 1
        return None

    def clip(self, c: Cand) -> Cand | None:
        """Keep source and content inside the cue's paragraph (a headline line or a blank line
        is never crossed: backends may run a title into the first sentence)."""
        if not c.cue:
            return c
        # the blank lines around the cue (str.rfind / str.find over a sorted list of them)
        k = bisect.bisect_right(self._para_breaks, c.cue[0] - 2) - 1
        ps = 0 if k < 0 else self._para_breaks[k] + 2
        if self.dateline_end and ps < self.dateline_end <= c.cue[0]:
            ps = self.dateline_end
        k = bisect.bisect_left(self._para_breaks, c.cue[1])
        pe = len(self.text) if k == len(self._para_breaks) else self._para_breaks[k]
        if c.content[0] >= pe and re.fullmatch(r"[^\n]*:\s*", self.text[c.cue[1]:pe]) and \
                k < len(self._para_breaks):
            # "In a speech last July, he said:" and the quotation as the next paragraph
            k2 = bisect.bisect_left(self._para_breaks, pe + 2)
            nxt = len(self.text) if k2 == len(self._para_breaks) else self._para_breaks[k2]
            if len(self.text[pe:c.content[0]].lstrip()) <= 4:    # it opens that paragraph
                pe = nxt

        def cut(span):
            if span is None:
                return None
            if span[0] >= ps and span[1] <= pe:
                return span
            a, b = trim(self.text, max(span[0], ps), min(span[1], pe))
            return (a, b) if b > a else None

        content = c.content if c.rule == "anaphora" else cut(c.content)
        if content is None or not WORD.search(self.text, content[0], content[1]):
            return None     # (nothing but spaces or punctuation left: no words to attribute)
        c.content = content
        if c.source is not None:
            nl = self.text.rfind("\n", c.source[0], c.source[1])
            if nl >= 0 and nl < c.cue[0] and c.source[1] <= c.cue[0]:
                # a speaker never starts on an earlier line (a caption run into the sentence)
                ps = max(ps, nl + 1)
            c.source = cut(c.source)
            if c.source is None:
                return None
            c.heads = [h for h in (cut(h) for h in c.heads) if h]
            if c.head_words:
                c.head_words = [[w for w in ws if ps <= w[0] < pe] for ws in c.head_words]
                if len(c.head_words) != len(c.heads):
                    c.head_words = []
        return c

    def keep(self, c: Cand) -> bool:
        """Cues inside a quotation belong to the quoted speaker's words: no new attribution;
        nor is a second-person speaker ("you could leave thinking ..."). A first-person one
        outside quotes is the writer's own view ("I believe that ..." in a column)."""
        if c.cue and any(a < c.cue[0] and c.cue[1] < b for a, b in self._quotes_over(*c.cue)):
            return False
        if c.source and self.text[c.source[0]:c.source[1]].casefold() in \
                self.lex.skip_source_pronouns:
            return False
        return True

    # -- "WALLACE: ..." speaker labels and '"..." ― Name' signatures -------------------------------
    def first_person(self, c: Cand) -> bool:
        return bool(c.source) and self.text[c.source[0]:c.source[1]].casefold() in \
            self.lex.first_person_pronouns

    def _entity_types_at(self, a: int, b: int) -> set[str]:
        """The types of the named entities overlapping [a, b)."""
        if self._ner_index is None:
            self._ner_index = SpanIndex((n.start, n.end) for n in self.doc.ner)
        return {self.doc.ner[k].type for k in self._ner_index.overlapping(a, b)}

    def _actor_at(self, a: int, b: int) -> bool:
        return bool(self._entity_types_at(a, b) & {"PERSON", "ORG"})

    def rubric(self, label: str) -> bool:
        """A label that names a rubric ("The Latest", "Editor's Note"), not a speaker."""
        rx = self.lex.not_speaker_labels
        return bool(rx and rx.fullmatch(" ".join(label.split())))

    def headline_clause(self, a: int, b: int) -> tuple[tuple[int, int], int, str] | None:
        """A title-case label that is a clause, an actor then a cue verb in the third person
        ("Trump Addresses Munich Attack: ...", "Fiorina Endorses Cruz: ..."): the actor's span,
        where the verb starts and the verb's status. The tagger reads title-case verbs as names,
        so the verb is known by its form: an -s form of a lemma in the cue lexicon."""
        words = list(re.finditer(r"\S+", self.text[a:b]))
        for k, w in enumerate(words[1:5], 1):
            if not all(x.group()[:1].isupper() for x in words[:k]):
                return None
            form = w.group().casefold()
            if not form.endswith("s") or not w.group()[:1].isupper():
                continue
            for stem in (form[:-1], form[:-2], form[:-3] + "y"):
                if len(stem) > 2 and stem in self.lex.cue_status:
                    return (a, a + words[k - 1].end()), a + w.start(), self.lex.cue_status[stem]
        return None

    def label_rules(self) -> list[Cand]:
        if not self.lex.speaker_label:
            return []
        out = []
        anywhere = re.compile(self.lex.speaker_label.pattern.lstrip("^"))
        starts = [anywhere.match(self.text, sent.start) for sent in self.doc.sentences]
        matches = {m.start("label"): m for m in self.lex.speaker_label.finditer(self.text)}
        matches.update({m.start("label"): m for m in starts if m})
        # an interview printed as "Q: ... / A: ...": its one-letter labels are speakers when
        # the text has several of them at line starts
        at_line = [m for m in matches.values()
                   if m.start() == 0 or self.text[m.start() - 1] == "\n"]
        asked = sum(1 for m in at_line if m.group("label") in self.lex.interview_labels)
        # a transcript ("Matthews: ... / Lopez: ... / Matthews: ..."): a name that opens two or
        # more lines, where three or more lines open with names, speaks though NER missed it
        names = Counter(m.group("label") for m in at_line if not self.rubric(m.group("label")))
        transcript = {n for n, k in names.items() if k >= 2} if sum(names.values()) >= 3 else set()
        for _, m in sorted(matches.items()):
            a, b = m.span("label")
            label = m.group("label")
            if not ((label.isupper() and len(label) > 1) or self._actor_at(a, b) or
                    label in transcript or
                    label in self.lex.interview_labels and asked >= 3) or \
                    self.rubric(label):
                continue
            nl = self.text.find("\n", m.end())
            content = trim(self.text, m.end(), nl if nl >= 0 else len(self.text))
            if content[1] - content[0] < 3 or \
                    not any(ch.isalpha() for ch in self.text[content[0]:content[1]]) or \
                    re.fullmatch(r"\S+@\S+|\w+://\S+", self.text[content[0]:content[1]]):
                continue        # "Clinton: 1,769." (a tally line) says nothing
            colon = self.text.find(":", b, m.end())     # (after a bracket: "Gowdy (R-S.C.):")
            cue, status, source = (colon, colon + 1), "asserted", (a, b)
            clause = self.headline_clause(a, b)
            if clause:          # "Obama Slams Republicans: ...": Obama speaks, "Slams ...:" cues
                source, cue, status = clause[0], (clause[1], colon + 1), clause[2]
            out.append(Cand(content=content, cue=cue, source=source, status=status,
                            rule="label", heads=[source], priority=3))
        return out

    def headline_rules(self) -> list[Cand]:
        """A headline that names its speaker: "Pence: Flowers won't be at debate", "Talks will
        go on: Kremlin", "Вакцина з'явиться до літа, - МОЗ" (the language's headline_patterns,
        on the text's first line). The speaker is an actor or outlet the text names, or (speaker
        first) a short capitalised name."""
        if not self.lex.headline_patterns:
            return []
        nl = self.text.find("\n")
        line = self.text[:nl if nl >= 0 else len(self.text)]
        if not line.strip() or len(line) > 200:
            return []
        for rx in self.lex.headline_patterns:
            m = rx.match(line)
            if not m:
                continue
            src = trim(self.text, *m.span("source"))
            content = trim(self.text, *m.span("content"))
            words = self.text[src[0]:src[1]].split()
            if self.rubric(self.text[src[0]:src[1]]):
                continue
            if not words or len(words) > 5 or content[1] - content[0] < 8:
                continue
            first = m.start("source") < m.start("content")
            clause = self.headline_clause(*src) if first else None
            if clause:          # "Obama Slams Republicans: ...": Obama speaks, "Slams ...:" cues
                src = clause[0]
                words = self.text[src[0]:src[1]].split()
            named = self._actor_at(*src) or self.lex.is_outlet_name(self.text[src[0]:src[1]])
            if not named and not (first and len(words) <= 3 and
                                  all(w[:1].isupper() for w in words)):
                continue
            mark = re.search(r"[:—–-]", self.text[min(src[1], content[1]):max(src[0],
                                                                              content[0])])
            base = min(src[1], content[1])
            cue = (base + mark.start(), base + mark.end()) if mark else (src[0], src[1])
            status = "asserted"
            if clause:
                cue, status = (clause[1], cue[1]), clause[2]
            return [Cand(content=content, cue=cue, source=src, status=status,
                         rule="headline", heads=[src], priority=3)]
        return []

    def quote_dash_rules(self) -> list[Cand]:
        out = []
        for a, b in self.quotes:
            m = re.match(r"[ \t\xa0]*([―—–])[ \t\xa0]*([^\W\d_][^\n.,;()]{1,60})", self.text[b:b + 80])
            if not m or not m.group(2)[:1].isupper():
                continue
            cue = (b + m.start(1), b + m.end(1))
            source = trim(self.text, b + m.start(2), b + m.end(2))
            out.append(Cand(content=(a, b), cue=cue, source=source, status="asserted",
                            rule="signature", heads=[source], priority=3))
        # a whole line of quotation signed at its end ("“... “hell” ...” ― Adriana Rodarte"):
        # quotations nested inside it hide its outer marks from quote_spans
        opens = "".join(re.escape(p[0]) for p in self.lex.quote_pairs)
        closes = "".join(re.escape(p[1]) for p in self.lex.quote_pairs)
        line_rx = re.compile(r"^[ \t]*([" + opens + r"][^\n]{3,}?[" + closes + r"])[ \t\xa0]*"
                             r"([―—–])[ \t\xa0]*([^\W\d_][^\n.,;()]{1,60}?)[ \t]*$",
                             re.MULTILINE) if opens else None
        taken = {c.cue for c in out}
        for m in (line_rx.finditer(self.text) if line_rx else ()):
            cue = m.span(2)
            if cue in taken or not m.group(3)[:1].isupper():
                continue
            source = trim(self.text, *m.span(3))
            out.append(Cand(content=m.span(1), cue=cue, source=source, status="asserted",
                            rule="signature", heads=[source], priority=3))
        return out

    # -- no comment / unreachable ----------------------------------------------------------------
    def _who_before(self, sent, m_start: int) -> tuple[int, int]:
        if self.doc.has_parser:
            i = self.doc.token_index_at(m_start)
            for _ in range(4):
                subj = self.children(i, SUBJ | SUBJ_PASS)
                if subj:
                    return self.np_span(subj[0])
                if self.toks[i].head in (-1, i):
                    break
                i = self.toks[i].head
        seg_start = sent.start
        prefix = self.text[sent.start:m_start]
        for m in BOUNDARY.finditer(prefix):
            rest = prefix[m.end():].lstrip()
            if rest and not self.lex.conjunctions.match(" " + rest.split(" ", 1)[0] + " ") \
                    and not (self.lex.clause_conjunctions and
                             self.lex.clause_conjunctions.match(rest)):
                seg_start = sent.start + m.end()
        return trim(self.text, seg_start, m_start)

    def _who_after(self, sent, m_end: int) -> tuple[int, int]:
        rest = self.text[m_end:sent.end]
        m = re.search(r"[.;:()—–!?]|,\s|\s-\s", rest)
        end = m_end + (m.start() if m else len(rest))
        return trim(self.text, m_end, end)

    def may_speak(self, span: tuple[int, int]) -> bool:
        """Without a parse: whether a span can be a speaker (see speaker_head)."""
        return self.speaker_head(span)[1]

    def speaker_head(self, span: tuple[int, int]) -> tuple[int, bool]:
        """Without a parse: (where the speaker starts in the span's words, whether it can speak).
        The first noun, name, pronoun or number outside a prepositional phrase decides ("у суді
        він", "При цьому заступник міністра", "У 2020 році він"): a word in a case no subject
        takes cannot speak ("перемогу мера", "Цю постанову"); a capitalised
        noun can whatever case the morphology guessed ("Вона", "Практика" opening a sentence
        read as surnames), and so can a genitive, which is also the plural of many nouns
        ("місцеві газети") and follows numbers ("понад 20 членів"). A span with a finite verb
        of its own is a clause, not a speaker ("немає підстав"). With no such word, the body
        named in the place phrase of an impersonal plural speaks ("У Ryanair попередили", "у
        компанії запевнили"), unless it is a time ("в четвер повідомила")."""
        toks = [t for t in self.doc.tokens_in(*span) if t.text.strip()]
        if any(t.pos == "VERB" and t.feat("VerbForm") == "Fin" and not t.text[:1].isupper()
               for t in toks):
            return 0, False
        start, in_pp = 0, False
        for n, t in enumerate(toks):
            if t.pos == "ADP":
                in_pp = True
                continue
            if t.pos not in ("NOUN", "PROPN", "PRON", "NUM") and not (
                    t.pos == "ADJ" and t.text[:1].isupper()):
                continue        # (an adjective waits for its noun: "знакомый с ситуацией" is a
                # modifier of the speaker before it, "місцеві газети" a speaker; a capitalised
                # one is a surname or a name's first word: "Зеленський", "Верховний суд")
            if in_pp and t.feat("Case") != "Nom" and t.text.casefold() not in self.lex.pronouns:
                start = n + 1                       # "на фоні напруги", "У 2020 році він"
                continue
            ok = t.pos == "NUM" or t.text.casefold() in self.lex.pronouns or \
                t.pos in ("NOUN", "PROPN") and t.text[:1].isupper() or \
                t.feat("Case") not in OBLIQUE_CASES
            return (start if in_pp else 0), ok
        at = max((n for n, t in enumerate(toks) if t.text.casefold() in self.lex.impersonal_preps),
                 default=-1)
        body = [t for t in toks[at + 1:] if t.pos != "ADV"]
        return max(at, 0), at >= 0 and 0 < len(body) <= 4 and (
            any(t.text[:1].isupper() for t in body) or
            body[0].lemma.casefold() not in self.lex.time_nouns)

    def agrees(self, verb, span: tuple[int, int]) -> bool:
        """Without a parse: whether the first nominative word of a span agrees with a verb in
        the past tense ("підтвердив Верховний суд"; "спростувала перспективу проведення" does
        not: a feminine verb, a neuter noun)."""
        first = next((t for t in self.doc.tokens_in(*span) if t.pos in ("NOUN", "PROPN", "ADJ")
                      and t.feat("Case") == "Nom"), None)
        if first is None:
            return False
        for f in ("Number", "Gender"):
            want, got = verb.feat(f), first.feat(f)
            if want and got and want != got and not (f == "Gender" and first.pos == "PROPN"):
                return False
        return True

    def speaker_words(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """Without a parse: a speaker span from after the last word that opens a subordinate
        clause ("після того як місцеві газети") and without the verbs, adverbs and commas it
        ends with ("Трамп продовжує [заявляти]", "Трамп, зокрема, [стверджує]"); a capitalised
        word is kept whatever its tag. None when nothing is left ("що відмовляється
        [визнавати]": the cue is inside someone's words)."""
        toks = [t for t in self.doc.tokens_in(*span) if t.text.strip()]
        cut = max((n for n, t in enumerate(toks) if t.text.casefold() in self.lex.subordinators),
                  default=-1)
        toks = toks[cut + 1:]
        if toks:
            # the speaker starts after a prepositional phrase before it ("При цьому [заступник]")
            toks = toks[self.speaker_head((toks[0].start, toks[-1].end))[0]:]
        while toks and not toks[-1].text[:1].isupper() and (
                toks[-1].pos in ("VERB", "AUX", "ADV", "PART", "CCONJ", "SCONJ") or
                toks[-1].pos == "PUNCT" and toks[-1].text not in CLOSING):
            toks.pop()
        while toks and toks[0].pos == "PUNCT" and toks[0].text not in OPENING:
            toks.pop(0)
        return trim(self.text, toks[0].start, toks[-1].end) if toks else None

    def phrase_before(self, at: int) -> tuple[int, int] | None:
        """Without a parse: the noun phrase that ends right before a comma and a relative
        pronoun at ``at`` (nouns, names, adjectives, numbers, quoted names)."""
        toks = [t for t in self.doc.tokens_in(max(0, at - 300), at)
                if t.end <= at and t.text.strip()]
        while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in CLOSING:
            toks.pop()
        n = len(toks)
        while n > 0 and (toks[n - 1].pos in ("NOUN", "PROPN", "ADJ", "NUM") or
                         toks[n - 1].pos == "PUNCT" and toks[n - 1].text in OPENING | CLOSING):
            n -= 1
        phrase = toks[n:]
        return trim(self.text, phrase[0].start, phrase[-1].end) if phrase else None

    def split_who(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """Coordinated speakers, one span each; a lower-case part after a comma is a modifier
        of the part before ("Джерело, обізнане з ситуацією") and stays with it."""
        a, b = span
        parts, pos = [], a
        for m in self.lex.conjunctions.finditer(self.text, a, b):
            if m.start() > pos:
                part = trim(self.text, pos, m.start())
                if parts and self.text[m.start() - 1:m.start()] != "" and \
                        self.text[part[0]:part[0] + 1].islower() and \
                        self.text[parts[-1][1]:part[0]].strip().startswith(","):
                    parts[-1] = (parts[-1][0], part[1])
                else:
                    parts.append(part)
            pos = m.end()
        if pos < b:
            part = trim(self.text, pos, b)
            if parts and self.text[part[0]:part[0] + 1].islower() and \
                    self.text[parts[-1][1]:part[0]].strip().startswith(","):
                parts[-1] = (parts[-1][0], part[1])
            else:
                parts.append(part)
        return [p for p in parts if p[1] > p[0]]

    def status_rules(self, sent) -> list[Cand]:
        out = []
        s_text = self.text[sent.start:sent.end]
        content = trim(self.text, sent.start, sent.end)
        found: list[tuple[int, int]] = []
        checks = [(p, "before", "no_comment") for p in self.lex.no_comment] + \
                 [(p, who, "unreachable") for p, who in self.lex.unreachable]
        for pattern, who, status in checks:
            for m in pattern.finditer(s_text):
                a, b = sent.start + m.start(), sent.start + m.end()
                if any(x < b and a < y for x, y in found) or \
                        any(qa < a and b < qb for qa, qb in self._quotes_over(a, b)):
                    continue
                found.append((a, b))
                span = self._who_after(sent, b) if who == "after" else self._who_before(sent, a)
                if span[1] <= span[0]:
                    continue
                out.append(Cand(content=content, cue=(a, b), source=span, status=status,
                                rule=status, heads=self.split_who(span), priority=0))
        return out

    # -- "Про це заявив X." / "Об этом сообщил X.": the content is the sentence before ------------
    def anaphora_rules(self, sent, prev) -> list[Cand]:
        if not self.lex.anaphoric_openers:
            return []
        m = self.lex.anaphoric_openers.match(self.text, sent.start, sent.end)
        if not m or any(a <= m.start() < b for a, b in self.quotes):
            return []       # ("«... . Це ви можете зробити», - додав він": a quotation's "це")
        toks = [t for t in self.doc.tokens_in(m.end(), sent.end) if t.pos != "SPACE"]
        verbs = [t for t in toks if (self.lex.verb_status(t.lemma) or
                                     self.lex.verb_status(t.text)) and t.pos in ("VERB", "AUX", "")]
        if not verbs:
            return []
        v = verbs[0]
        status = self.lex.verb_status(v.lemma) or self.lex.verb_status(v.text)
        # the speaker: before the verb ("Про це він заявив", "Об этом глава X заявил"), else after
        # it up to the next clause mark or citing phrase ("..., передає УНН" carries the words)
        between = self.text[m.end():v.start]
        first_mark = BOUNDARY.search(between)
        source = trim(self.text, m.end(), m.end() + (first_mark.start() if first_mark and
                                                     first_mark.start() > 1 else len(between)))
        # a speaker before the verb has a noun or pronoun not in an oblique case ("31 октября",
        # "в неділю" are times)
        words = [t for t in self.doc.tokens_in(*source) if re.search(r"\w", t.text)]
        if not words or words[0].pos == "ADP" or not any(
                t.pos in ("NOUN", "PROPN", "PRON") and t.feat("Case") in (None, "Nom")
                for t in words):
            rest = self.text[v.end:sent.end]
            cut = [b.start() for b in BOUNDARY.finditer(rest)]
            if self.lex.citing:
                cut += [c.start() for c in self.lex.citing.finditer(rest)]
            source = trim(self.text, v.end, v.end + (min(cut) if cut else len(rest)))
        content = trim(self.text, prev.start, prev.end)
        # "Про це ..." may open its own paragraph right after the lead: it still points back
        if source[1] <= source[0] or content[1] <= content[0] or \
                self.text[content[1]:sent.start].count("\n\n") > 1:
            return []
        return [Cand(content=content, cue=(v.start, v.end), source=source, status=status,
                     rule="anaphora", heads=self.split_who(source), priority=1)]

    # -- "according to X" ------------------------------------------------------------------------
    def possessive_rules(self, sent) -> list[Cand]:
        """"По её словам, ...", "За його словами, ...": the pronoun is the source (resolved to
        the person named before), the rest of the sentence the content."""
        if not self.lex.possessive_markers:
            return []
        out = []
        s_text = self.text[sent.start:sent.end]
        for m in (m for rx in self.lex.possessive_markers for m in rx.finditer(s_text)):
            a, b = sent.start + m.start(), sent.start + m.end()
            before = trim(self.text, sent.start, a)
            after = trim(self.text, b, sent.end)
            # ("Вместе с тем, по его словам, ...": a connective before it is no content)
            content = after if len(self.text[before[0]:before[1]].split()) <= 3 and \
                after[1] - after[0] > before[1] - before[0] else before
            if content[1] - content[0] < 3:
                continue
            who = (sent.start + m.start("who"), sent.start + m.end("who"))
            content = self.extend_to_quote(content, (a, b))
            out.append(Cand(content=content, cue=(a, b), source=who, status="asserted",
                            rule="marker", heads=[who], priority=1))
        return out

    def in_status_phrase(self, sent, cue: tuple[int, int]) -> bool:
        """A cue word that is part of a status phrase ("не відповідає дійсності") is no cue."""
        s_text = self.text[sent.start:sent.end]
        for _, rx in self.lex.status_phrases:
            for m in rx.finditer(s_text):
                if sent.start + m.start() <= cue[0] and cue[1] <= sent.start + m.end():
                    return True
        return False

    def marker_rules(self, sent) -> list[Cand]:
        out = self.possessive_rules(sent)
        if not self.lex.source_markers:
            return out
        s_text = self.text[sent.start:sent.end]
        taken = [c.cue for c in out]
        for m in self.lex.source_markers.finditer(s_text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if any(x < b and a < y for x, y in taken):
                continue
            before = trim(self.text, sent.start, a)
            rest = self.text[b:sent.end]
            # the source runs to the next clause mark; a parenthesis stays in it
            # ("По словам Фолькера Буффье (Volker Bouffier), ...")
            stop = MARKER_SOURCE_STOP.search(rest)
            while stop and stop.group(1) is None:
                stop = MARKER_SOURCE_STOP.search(rest, stop.end())
            src_end = b + (stop.start() if stop else len(rest))
            source = trim(self.text, b, src_end)
            if self.text[source[1]:source[1] + 1] == ")" and "(" in self.text[source[0]:source[1]]:
                source = (source[0], source[1] + 1)
            first = next((t for t in self.doc.tokens_in(*source) if t.text.strip()), None)
            if first is not None and first.lemma.casefold() in self.lex.relative_subjects and \
                    re.search(r",\s*$", self.text[sent.start:a]):
                # "план вакцинации, согласно которому будет проведена иммунизация": the plan
                # is the source, the rest of the relative clause its content
                antecedent = self.phrase_before(self.text.rfind(",", sent.start, a))
                content = trim(self.text, first.end, src_end)
                if antecedent and content[1] - content[0] >= 3:
                    out.append(Cand(content=content, cue=(a, b), source=antecedent,
                                    status="asserted", rule="marker", heads=[antecedent],
                                    priority=1))
                continue
            if source[1] <= source[0] or source[1] - source[0] > 120:
                continue
            if before[1] - before[0] < 3:       # "According to X, Y."
                content = trim(self.text, src_end, sent.end)
            else:                               # "Y, according to X."
                content = before
                after = trim(self.text, src_end, sent.end)
                if after[1] - after[0] > (before[1] - before[0]) * 2:
                    content = after
            if content[1] - content[0] < 3:
                continue
            content = self.extend_to_quote(content, (a, b))
            out.append(Cand(content=content, cue=(a, b), source=source, status="asserted",
                            rule="marker", heads=[source], priority=1))
        return out

    # -- "based on interviews with 48 people familiar with ..." ----------------------------------
    def interview_rules(self, sent) -> list[Cand]:
        if not self.lex.interview_markers:
            return []
        out = []
        s_text = self.text[sent.start:sent.end]
        for m in self.lex.interview_markers.finditer(s_text):
            a, b = sent.start + m.start(), sent.start + m.end()
            rest = self.text[b:sent.end]
            stop = re.search(r"[;:.!?()—–]|,\s|\s-\s", rest)
            source = trim(self.text, b, b + (stop.start() if stop else len(rest)))
            content = trim(self.text, sent.start, a)
            toks = self.doc.tokens_in(*content)
            while len(toks) > 1 and toks[-1].pos == "AUX":   # "The details are | based on"
                toks.pop()
                content = trim(self.text, content[0], toks[-1].end)
            if source[1] <= source[0] or content[1] - content[0] < 3:
                continue
            out.append(Cand(content=content, cue=(a, b), source=source, status="asserted",
                            rule="interviews", heads=[source], priority=1))
        return out

    # -- dependency rules ------------------------------------------------------------------------
    def nearest_subject(self, subj: list[int], i: int, places: bool = False) -> list[int]:
        """Of several subjects the parser gave verb i, the one nearest to it where each other
        one is across a comma from it (and, with `places`, a place name); else all of them."""
        if len(subj) < 2:
            return subj
        near = min(subj, key=lambda s: abs(s - i))
        far = [s for s in subj if s != near]
        if all("," in self.text[min(self.toks[s].end, self.toks[near].end):
                                 max(self.toks[s].start, self.toks[near].start)] and
               (not places or self.place_at(s)) for s in far):
            return [near]
        return subj

    def place_at(self, i: int) -> bool:
        return "LOC" in self._entity_types_at(self.toks[i].start, self.toks[i].end)

    def subject_of(self, i: int) -> tuple[list[int], str]:
        """(conjunct head tokens, how) of the speaker of cue verb i."""
        t = self.toks[i]
        # the dateline's place is no subject ("LVIV (AP) — The governor said")
        subj = [s for s in self.children(i, SUBJ) if self.toks[s].start >= self.dateline_end
                or t.start < self.dateline_end]     # (a headline's verb above the dateline)
        if not subj:
            # "KAZANPORT.RU - Губернатор ... заявил": the parser made the wire the subject and
            # the speaker its apposition
            subj = [a for s in self.children(i, SUBJ) for a in self.children(s, labels.APPOSITION)
                    if self.toks[a].start >= self.dateline_end > self.toks[s].start]
        if len(subj) > 1:
            # '"Full panic mode," said Leslie Wimes': a parser's second subject inside the
            # quotation is part of the quoted words
            outside = [s for s in subj if not any(a <= self.toks[s].start < b
                                                  for a, b in self.quotes)]
            subj = outside or subj
            # "the drawdown, which they say left a vacuum": the relative pronoun is the
            # subject of the words; the speaker is the other one
            others = [s for s in subj if self.toks[s].lemma.casefold() not in
                      self.lex.relative_subjects]
            if others and not any(self.toks[s].lemma.casefold() in self.lex.cue_status
                                  for s in others):
                # (not "which Ms Wood claims shows": the parser made the cue a noun)
                subj = others
            # "The rejection signals X, said Geert Wilders", "Nothing he said 'will help,' the
            # senator said": a subject across a comma is part of the words; the speaker is the
            # one at the verb
            subj = self.nearest_subject(subj, i)
        if subj:
            s = subj[0]
            if self.toks[s].lemma.casefold() in self.lex.relative_subjects and \
                    t.dep in RELCL:
                # (the names before the clause: "Carson, who claimed X, and Trump, who ...")
                heads = [h for h in self.conjuncts(t.head) if h < s] or [t.head]
                if len(heads) > 1 and not any(self.toks[h].pos in ("PROPN", "PRON") or
                                              self._actor_at(self.toks[h].start, self.toks[h].end)
                                              for h in heads):
                    # "a liar, a xenophobe and a birther who has pledged ...": a list of what
                    # someone is; the relative clause is about one speaker, not each word
                    heads = [max((h for h in heads if h < s), default=t.head)]
                return heads, "relcl"
            return self.conjuncts(s), "active"
        participles = self.children(i, labels.CLAUSAL_SUBJECT)
        if t.dep == "dep" and t.head not in (-1, i):
            participles = participles + [t.head]
        for cs in participles:
            # "Voters in six states going to the polls on Tuesday said X": the parser made the
            # participle phrase the clausal subject (or the verb its 'dep'); the participle's
            # own subject speaks
            inner = [s for s in self.children(cs, SUBJ) if s < cs and
                     self.toks[s].lemma.casefold() not in self.lex.dummy_subjects]
            if cs < i and self.toks[cs].tag == "VBG" and inner:
                return self.conjuncts(inner[0]), "active"
        for ag in self.children(i, AGENT):
            return self.conjuncts(ag), "agent"
        if t.dep in XCOMP and t.head not in (-1, i) and \
                self.toks[t.head].lemma.casefold() in self.lex.object_control_verbs:
            # "the proposal prompted Parliament to call a debate", "a win that led her to
            # declare": the one made to do it is the object
            obj = [o for o in self.children(t.head, OBJ) if o < i]
            if obj:
                return self.conjuncts(obj[0]), "inherited"
        if t.dep in labels.CONJUNCT and (named := self.name_after_quote(i)) is not None:
            return self.conjuncts(named), "active"
        if t.dep in labels.ADNOMINAL_CLAUSE and (v := self.issued_with(i)) is not None:
            # "X issued a statement saying Y": the one who issues it says it
            heads, how = self.subject_of(v)
            return (heads, "inherited") if heads else ([], "")
        j, hops = i, 0
        # through "for saying ...", "by telling ..." too (pcomp of a preposition of the verb)
        while self.toks[j].dep in INHERIT_SUBJ | labels.ADVERBIAL_CLAUSE | labels.OBLIQUE and hops < 4 and \
                self.toks[j].head not in (-1, j):
            j = self.toks[j].head
            hops += 1
            if j > i and self.quote_of(j) is not None and self.quote_of(j) != self.quote_of(i):
                # "X seemed ready, telling the crowd, 'Some people get ...'": the parser hung
                # the participle on the quoted words; it takes the main clause's subject
                root = self.doc.sentences[t.sent].first
                while self.toks[root].head not in (-1, root):
                    root = self.toks[root].head
                subj = [s for s in self.children(root, SUBJ) if s < i and self.quote_of(s) is None]
                return (self.conjuncts(subj[0]), "inherited") if root < i and subj else ([], "")
            if hops == 1 and self.is_added_participle(i, j):
                # "Trump argued that a database would keep people out, saying it's X": the
                # parser hung the participle on the reported clause; the one who argued says
                j = self.toks[j].head
            # ("Speaking in Salem, New Hampshire, Trump went after Bush, calling him X": the
            # place the parser made a second subject is across a comma)
            subj = self.nearest_subject(self.children(j, SUBJ), j, places=True)
            if not subj and hops == 1 and t.dep in labels.CONJUNCT:
                # "X was joined on stage by Y and joked, ...": the subject of the passive the
                # cue verb is coordinated with does the joking
                subj = self.children(j, SUBJ_PASS)
            if subj:
                if t.tag in ("VBG", "VB") and self.toks[subj[0]].pos == "PRON" and \
                        self.toks[subj[0]].lemma.casefold() in self.lex.dummy_subjects:
                    # "it is worth remembering that X", "it means admitting that X": a formal
                    # subject names no one who remembers or admits
                    return [], ""
                return self.conjuncts(subj[0]), "inherited"
        if hops == 1 and t.dep in labels.ADVERBIAL_CLAUSE and self.after_comma(i) and \
                self.toks[j].lemma.casefold() in self.lex.cue_status:
            # '"...," said Skelly, explaining X': the verb the participle hangs on has its
            # speaker where the parser gave it no subject
            k = self.left_subject(j)
            if k is None:
                k = self.right_subject(j)
            if k is not None:
                return self.conjuncts(k), "inherited"
        j = self.left_subject(i)
        if j is None:
            j = self.right_subject(i)
        if j is not None:
            return self.conjuncts(j), "active"
        return [], ""

    def relative_clause_of(self, j: int) -> int | None:
        """The noun a relative clause that token j ends modifies, where it comes before the
        clause ("Sanders, who hadn't endorsed during the primaries"): None otherwise."""
        a, hops = j, 0
        while hops < 6 and self.toks[a].head not in (-1, a):
            if self.toks[a].dep in RELCL:
                h = self.toks[a].head
                return h if h < a and max(self.descendants(a)) == j else None
            a, hops = self.toks[a].head, hops + 1
        return None

    def is_added_participle(self, i: int, j: int) -> bool:
        """Whether cue participle i, after a comma, hangs on clause j that is the reported
        complement of an earlier cue verb ("Trump argued that a database would keep people
        out, saying it's X"): the parser's attachment; the participle is the first speaker's."""
        t, c = self.toks[i], self.toks[j]
        attached = t.tag == "VBG" and t.dep in labels.ADVERBIAL_CLAUSE and self.after_comma(i) \
            or t.dep in CONJ and (t.tag in ("VBD", "VBZ", "VBP", "VBN") or t.tag == "VBG" and (
                self.children(i, labels.AUXILIARY) or
                # "telling CNN that Trump is a faker and questioning how ...": a participle
                # coordinated with the cue participle, not with the clause it reports
                c.tag != "VBG" and c.head not in (-1, j) and self.toks[c.head].tag == "VBG"))
        return attached and t.head == j and \
            t.lemma.casefold() in self.lex.cue_status and c.dep in CCOMP and \
            c.head not in (-1, j) and c.head < j < i and \
            self.toks[c.head].lemma.casefold() in self.lex.cue_status

    def relative_clause_of_verb(self, j: int, i: int) -> int | None:
        """The relative pronoun opening a clause that token j ends, where the parser made the
        clause a dependent of verb i instead of a relative clause of the noun before it
        ("Sanders, who sits at zero endorsements, said X", 'sits' parsed as a complement of
        'said'): None otherwise."""
        a, hops = j, 0
        while hops < 6 and self.toks[a].head not in (-1, a, i):
            a, hops = self.toks[a].head, hops + 1
        if self.toks[a].head != i or a >= i or max(self.descendants(a)) != j:
            return None
        return next((s for s in self.children(a, SUBJ)
                     if self.toks[s].lemma.casefold() in self.lex.relative_subjects and
                     s > 0 and self.toks[s - 1].text == ","), None)

    def name_after_quote(self, i: int) -> int | None:
        """The speaker between a quotation and the verb the parser coordinated with a verb
        inside it ("'...,' Mr. Ames, now 81 and retired, said by telephone", the verb parsed
        as a conjunct of the quoted clause): the first noun phrase head after the closing
        mark. None where the verb's head is not inside a quotation that closes before it."""
        close = self.quote_closing_between(self.toks[i].head, i)
        if close is None:
            return None
        for k in range(i - 1, -1, -1):
            if self.toks[k].start < close:
                break
        else:
            return None
        for k in range(k + 1, i):
            tok = self.toks[k]
            if tok.pos in ("PROPN", "NOUN", "PRON") and \
                    tok.dep not in labels.NOUN_PREMODIFIER | labels.POSSESSOR:
                return None if self.time_phrase(k) else k
        return None

    def quote_of(self, i: int) -> tuple[int, int] | None:
        """The quotation token i is in, or None."""
        x = self.toks[i]
        return next((q for q in self._quotes_over(x.start, x.end) if q[0] <= x.start), None)

    def quote_closing_between(self, inside: int, after: int) -> int | None:
        """The end of the quotation token `inside` is in, where it closes before token `after`
        starts; None otherwise."""
        x, y = self.toks[inside], self.toks[after]
        return next((b for a, b in self._quotes_over(x.start, x.end)
                     if a <= x.start and b <= y.start), None)

    def right_subject(self, i: int) -> int | None:
        """The speaker after a verb that follows a quotation, where the parser made the name
        anything but its subject ('"...," said ranking Democrat Elijah Cummings', parsed as
        the object of a clause "ranking"): the run of nouns and names right after the verb,
        up to the first comma, bracket or other word; its last word heads it."""
        t = self.toks[i]
        first = self.doc.sentences[t.sent].start
        if t.tag not in ("VBD", "VBZ", "VBP") or i == 0 or \
                not any(first < b <= t.start and re.fullmatch(r"[\s,]*", self.text[b:t.start])
                        for _, b in self.quotes):
            return None
        j = i + 1
        if j < len(self.toks) and self.toks[j].pos in ("ADV", "X", "INTJ") and \
                self.toks[j].text.istitle() and len(self.toks[j].text) > 1 and \
                (j + 1 == len(self.toks) or self.toks[j + 1].pos == "PUNCT"):
            return j        # '"...," said Skelly, explaining': a name the tagger made an adverb
        while j < len(self.toks) and self.toks[j].sent == t.sent and (
                self.toks[j].pos in ("PROPN", "NOUN", "ADJ", "DET") or
                self.toks[j].tag in ("VBG", "VBN") and j + 1 < len(self.toks) and
                self.toks[j + 1].pos in ("PROPN", "NOUN")):     # "ranking Democrat"
            j += 1
        run = [k for k in range(i + 1, j) if self.toks[k].pos in ("PROPN", "NOUN")]
        if not run or self.time_phrase(run[-1]):
            return None
        return run[-1]

    def left_subject(self, i: int) -> int | None:
        """The speaker of a finite main verb the parser left without a subject ("the campaign
        chief, Paul Manafort, bluntly suggested ...", "Trump, in Kentucky, said ..."): the noun
        phrase right before it, past adverbs, commas and prepositional phrases."""
        t = self.toks[i]
        if t.head not in (-1, i) and t.dep not in ("dep", "ccomp") or \
                t.tag not in ("VBD", "VBZ", "VBP") or \
                self.children(i, SUBJ_PASS | labels.EXPLETIVE):
            return None
        for c in self.children(i, CCOMP):
            # "Kasich offered the man a job, then says he'll welcome advice": a coordinated
            # verb the parser made the head of the clause before it; that clause's subject
            if c > i:
                continue
            between = range(max(self.descendants(c)) + 1, i)
            subj = [s for s in self.children(c, SUBJ) if s < c]
            if subj and between and \
                    any(self.toks[k].lemma.casefold() in ("then", "and") for k in between) and \
                    all(self.toks[k].text == "," or self.toks[k].lemma.casefold() in ("then", "and")
                        for k in between) and self.toks[subj[0]].pos in ("PROPN", "NOUN", "PRON"):
                return subj[0]
        j = i - 1
        while j >= 0 and self.toks[j].sent == t.sent:
            tok = self.toks[j]
            if tok.pos in ("ADV", "AUX", "PART") or tok.text in (",", "—", "–"):
                j -= 1
            elif tok.pos == "NUM" and tok.dep in labels.APPOSITION and \
                    self.toks[j - 1].text == "," and self.toks[tok.head].pos == "PROPN":
                j -= 1                               # "Marcel Lazar, 44, said": an age
            elif tok.text == ")" and "(" in self.text[self.doc.sentences[t.sent].start:tok.start]:
                while j >= 0 and self.toks[j].text != "(":
                    j -= 1                          # "Rep. Paul Ryan (R-WI) said"
                j -= 1
            elif (antecedent := self.relative_clause_of(j)) is not None:
                j = antecedent                       # "Sanders, who hadn't endorsed, decided"
            elif (rel := self.relative_clause_of_verb(j, i)) is not None:
                j = rel - 1                          # (the clause parsed as the verb's own)
            elif tok.pos in ("NOUN", "PROPN") and self.children(j, labels.CASE_MARKER):
                j = min(self.descendants(j)) - 1     # "in Kentucky": not the speaker
            else:
                break
        if j < 0 or self.toks[j].sent != t.sent or self.toks[j].pos not in ("NOUN", "PROPN", "PRON"):
            return None
        while self.toks[j].head not in (-1, j) and self.toks[j].head < i and \
                self.toks[j].dep in labels.NAME_PARTS | CONJ and \
                not self.children(self.toks[j].head, labels.CASE_MARKER) and \
                self.quote_closing_between(self.toks[j].head, j) is None:
            # ('"We were partners," Harold Grant, ... said', the name parsed as a conjunct of
            # the quoted words: the speaker stays outside the quotation)
            j = self.toks[j].head
        if self.children(j, labels.CASE_MARKER) or self.time_phrase(j):
            return None
        return j

    def verb_status(self, t) -> str | None:
        """The status a verb reports with, or None when this use is no cue: the lexicon's class,
        weighed by the learned cue scorer where there is one (cue_model.py): a verb outside the
        lexicon that scores high enough reports an assertion ("defended the plan"); a lexicon
        verb that scores too low reports nothing here ("showed up", "denying entry to
        travellers", "the state is difficult to predict"), whether the corpus counts
        (claims_learned.yml) or the hand list gave it; otherwise it keeps its class."""
        lemma = t.lemma.casefold()
        if self.lex.phrasal_non_cues and any(
                f"{lemma} {self.toks[c].text.casefold()}" in self.lex.phrasal_non_cues
                for c in self.children(t.i, labels.PHRASAL_PARTICLE)):
            return None     # "the rocket blasted off"
        if self.governs_prep(t.i, self.lex.prep_non_cues.get(lemma)):
            return None     # "отвечает за транспорт"
        status = self.lex.cue_status.get(lemma)
        model = self.lex.cue_model
        if self._cue_features is None or t.pos != "VERB":
            return status
        p = model.probability(self._cue_features.features(t.i))
        if status is None:
            # a verb the corpus never had as a cue needs a clause of words to report ("theorized
            # that ...", "'...,' he groaned"): its object alone ("crashed his car") is no stance
            return "asserted" if p >= model.add and (
                model.may_add(lemma) or self.children(t.i, CCOMP) or t.dep in PARATAXIS) else None
        if p < model.drop and not self.stance_participle(t):
            return None
        return status

    def governs_prep(self, i: int, preps: set[str] | None) -> bool:
        """Whether cue token i is followed by one of these prepositions: a dependent of the
        verb where there is a parse, the next word where there is none."""
        if not preps:
            return False
        if self.doc.has_parser:
            return any(self.toks[p].lemma.casefold() in preps
                       for c in self.children(i, PREP) for p in self.children(c, labels.CASE_MARKER))
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return nxt is not None and nxt.text.casefold() in preps

    def stance_participle(self, t) -> bool:
        """"a committee backing the governor": a stance verb's participle on the noun that takes
        the stance (verb_claim's own rule, kept whatever the scorer says: PolNeAR's annotators
        marked it, the scorer saw few)."""
        return t.lemma.casefold() in self.lex.stance_verbs and t.dep in labels.ADNOMINAL_CLAUSE \
            and t.tag == "VBG" and self.toks[t.head].pos in ("NOUN", "PROPN")

    def issued_with(self, i: int) -> int | None:
        """The verb that puts out the statement whose words cue participle i gives ("X issued a
        statement saying Y", "released an ad Thursday, calling Z"): the statement is the verb's
        object; None where there is none."""
        t = self.toks[i]
        if t.tag != "VBG" or t.lemma.casefold() not in self.lex.cue_status or \
                t.head in (-1, i) or t.head > i:
            return None
        if t.dep in labels.ADNOMINAL_CLAUSE:
            n, v = t.head, self.toks[t.head].head
        elif t.dep in labels.ADVERBIAL_CLAUSE:
            objs = [o for o in self.children(t.head, OBJ) if o < i]
            n, v = (objs[-1] if objs else -1), t.head
        else:
            return None
        if n < 0 or self.toks[n].lemma.casefold() not in self.lex.vehicle_nouns or \
                self.toks[n].dep not in OBJ or v in (-1, n) or v > n or \
                self.toks[v].lemma.casefold() not in self.lex.vehicle_verbs:
            return None
        # the statement's own words, then at most a day or a time before the participle ("a
        # statement Wednesday evening, saying"): not "a statement from Ms. Trump, inserted in
        # the flyleaf, clarifying" (hers), nor "a message about healing before explaining"
        phrase = self.descendants(n) - self.descendants(i)
        if max(phrase) - min(phrase) > 5 or any(
                self.toks[k].lemma.casefold() in self.lex.source_preps
                for c in self.children(n, PREP) for k in self.children(c, labels.CASE_MARKER)):
            return None
        if not all(self.toks[k].pos == "PUNCT" or self.time_phrase(k) or
                   self.time_phrase(self.toks[k].head) for k in range(max(phrase) + 1, i)):
            return None
        return v

    def participle_on_root_name(self, t) -> bool:
        """"Brockovich, the activist, endorsed X Saturday, saying she had not called", parsed
        without a verb (the name the root, "saying" a clause of it): the name says it."""
        h = self.toks[t.head]
        return t.dep in labels.ADNOMINAL_CLAUSE and t.tag == "VBG" and h.pos == "PROPN" and \
            h.head in (-1, h.i) and h.i < t.i and self.after_comma(t.i) and \
            not self.children(h.i, labels.COPULA)

    def dependency_rules(self, sent) -> list[Cand]:
        out = []
        by_verb: dict[int, Cand] = {}
        for t in self.toks[sent.first:sent.last]:
            lemma = t.lemma.casefold()
            c = self.experiencer_claim(t) if t.pos == "VERB" and \
                lemma in self.lex.experiencer_verbs else None
            if c is None and t.pos == "VERB" and lemma in self.lex.reaction_verbs:
                c = self.reaction_claim(t)
            if c:
                out.append(c)
            elif t.pos in ("VERB", "AUX"):
                status = self.verb_status(t)
                c = self.verb_claim(t, sent, status) if status else None
                if c:
                    out.append(c)
                    by_verb[t.i] = c
            elif t.pos == "ADV" and lemma in self.lex.report_adverbs:
                c = self.adverb_claim(t)
                if c:
                    out.append(c)
            elif t.pos == "ADJ" and lemma in self.lex.stance_adjectives:
                c = self.adjective_claim(t)
                if c:
                    out.append(c)
            elif t.pos == "NOUN" and lemma in self.lex.noun_status:
                c = self.noun_claim(t)
                if c:
                    out.append(c)
            if t.pos in ("NOUN", "PROPN") and lemma in self.lex.finding_nouns:
                c = self.finding_claim(t)
                if c:
                    out.append(c)
        # "X issued a statement saying Y": the participle's claim, its cue run from the verb
        # that issues the statement, is the one claim; the verb's own (the statement) goes
        issuers = {v for p in by_verb if (v := self.issued_with(p)) is not None}
        return [c for c in out if not any(by_verb.get(v) is c for v in issuers)]

    def experiencer_claim(self, t) -> Cand | None:
        """"The remarks angered party leaders", "Party leaders were angered by the remarks":
        the one who feels it takes the stance (the object, or the passive's subject); what
        they react to is the content."""
        i = t.i
        passive = self.children(i, SUBJ_PASS)
        if passive:
            who = passive[0]
            what = self.children(i, AGENT) or self.children(i, CCOMP | XCOMP)
        else:
            objs = self.children(i, OBJ)
            subj = self.children(i, SUBJ)
            if not objs or not subj:
                return None
            who, what = objs[0], subj[:1]
        if not what or self.toks[who].pos not in ("NOUN", "PROPN", "PRON") or \
                self.relative_word(who):
            return None
        heads = self.conjuncts(who)
        content = self.char_span(self.descendants(
            what[0], set(self.children(what[0], labels.CASE_MARKER | RELCL))))
        source = self.speaker_span(heads, i)
        cue = self.cue_span(i)
        if source[0] < content[1] and content[0] < source[1] or \
                content[0] < cue[1] and cue[0] < content[1] or content[1] <= content[0]:
            return None
        return Cand(content=content, cue=cue, source=source, status="asserted",
                    rule="experiencer", heads=[self.conjunct_span(h) for h in heads],
                    head_words=[self.head_words(h) for h in heads], priority=5)

    def reaction_claim(self, t) -> Cand | None:
        """"The plan drew sharp criticism from the unions", "Cruz won the endorsement of the
        Union Leader": the one the reaction comes from (a phrase with one of reaction_preps,
        on the reaction noun or on the verb) takes the stance; the verb's subject is what the
        stance is about; the verb up to the reaction noun is the cue."""
        i = t.i
        nouns = [o for o in self.children(i, OBJ)
                 if self.toks[o].lemma.casefold() in self.lex.reaction_nouns]
        subj = self.children(i, SUBJ)
        if not nouns or not subj or self.relative_word(subj[0]):
            return None
        noun = nouns[0]
        giver = [c for c in self.children(noun, labels.NOMINAL_MODIFIER) + self.children(
                     i, labels.OBLIQUE)
                 if self.toks[c].pos in ("NOUN", "PROPN", "PRON", "NUM") and any(
                     self.toks[m].lemma.casefold() in self.lex.reaction_preps
                     for m in self.children(c, labels.CASE_MARKER))]
        if not giver:
            return None
        heads = self.conjuncts(giver[0])
        what = subj[0]
        content = self.char_span(self.descendants(
            what, set(self.children(what, labels.CASE_MARKER | RELCL | labels.PUNCTUATION))))
        source = self.char_span(self.descendants(
            giver[0], set(self.children(giver[0], labels.CASE_MARKER | RELCL))))
        cue = (self.cue_span(i)[0], self.toks[noun].end)
        if source[0] < content[1] and content[0] < source[1] or content[1] <= content[0] or \
                content[0] < cue[1] and cue[0] < content[1]:
            return None
        return Cand(content=content, cue=cue, source=source, status="asserted",
                    rule="reaction", heads=[self.conjunct_span(h) for h in heads],
                    head_words=[self.head_words(h) for h in heads], priority=5)

    def adverb_claim(self, t) -> Cand | None:
        """"Mr. Trump reportedly told aides that ...": a report whose source the writer does
        not name; the clause the adverb modifies, the adverb included, is what is reported."""
        h = t.head
        if h in (-1, t.i) or self.toks[h].pos not in ("VERB", "AUX", "ADJ"):
            return None
        sent = self.doc.sentences[t.sent]
        if not re.search(r"[.!?][\"”’»')]*\s*$", self.text[sent.start:sent.end]):
            return None     # a headline ("Russians reportedly plotting uprising - Reuters")
        clause = self.descendants(h)
        ends = (min(clause), max(clause))
        idx = {j for j in clause if self.toks[j].pos != "PUNCT" or j not in ends}
        content = trim(self.text, *self.char_span(idx))
        cue = (t.start, t.end)
        if content[1] - content[0] <= cue[1] - cue[0]:
            return None
        return Cand(content=content, cue=cue, source=None, status="asserted", rule="adverb",
                    kind="unattributed", priority=4)

    def title_words(self) -> set[str]:
        """The language's title and role words ("mayor", "minister": titles.yml)."""
        if self._title_words is None:
            words = self.doc.data.get("titles", "titles", []) if self.doc.data is not None else []
            self._title_words = {str(w).casefold() for w in words or []}
        return self._title_words

    def adjective_claim(self, t) -> Cand | None:
        """'Sanders has been critical of the trade deal', 'the mayor was adamant that ...',
        'Ryan was reluctant to endorse him': a stance adjective after a copula; the copula, its
        auxiliaries and the complement's preposition are the cue."""
        i = t.i
        cop = self.children(i, labels.COPULA)
        if not cop:
            return None
        heads, how = self.subject_of(i)
        if not heads or how not in ("active", "relcl"):
            return None
        h = self.toks[heads[0]]
        lemma = h.lemma.casefold()
        if not (h.pos in ("PRON", "PROPN") or self._actor_at(h.start, h.end) or
                lemma in self.lex.anon_nouns or lemma in self.lex.document_nouns or
                lemma in self.title_words()):
            return None     # "the weather was quick to change": no one takes a stance
        comp = self.children(i, CCOMP | XCOMP)
        cue_idx = [i] + cop + [c for c in self.children(i) if c < i and (
            self.toks[c].dep in AUX or self.toks[c].dep in labels.ADVERBIAL
            and self.toks[c].lemma.casefold() in self.lex.negation)]
        if comp:
            content = self.char_span(self.descendants(comp[0]))
        else:
            obl = [c for c in self.children(i, labels.OBLIQUE) if c > i and self.children(
                c, labels.CASE_MARKER)]
            if not obl:
                return None
            cases = self.children(obl[0], labels.CASE_MARKER)
            cue_idx += cases
            content = self.char_span(self.descendants(obl[0], set(cases)))
        if self.inside_cue_content(i):
            return None
        cue = self.char_span(cue_idx)
        source = self.speaker_span(heads, i)
        if source[0] < content[1] and content[0] < source[1] or \
                content[0] < cue[1] and cue[0] < content[1]:
            return None
        return Cand(content=content, cue=cue, source=source, status="asserted", rule="adjective",
                    heads=[self.conjunct_span(h) for h in heads],
                    head_words=[self.head_words(h) for h in heads], priority=5)

    def finding_claim(self, t) -> Cand | None:
        """"Trump leads by 9 points in a CNN poll", "by the AP's tally, he has 739": the
        clause reports what the poll or count found; the preposition is the cue."""
        i, h = t.i, t.head
        if t.dep not in labels.OBLIQUE or h in (-1, i):
            return None
        if self.toks[h].lemma.casefold() in self.lex.cue_status and \
                not min(self.descendants(i)) < min([h] + self.children(h, SUBJ)):
            return None         # "said in a poll" is the verb's claim; "In a poll, 8% said" the poll's
        case = [c for c in self.children(i, labels.CASE_MARKER)
                if self.toks[c].lemma.casefold() in self.lex.finding_preps]
        if not case:
            return None
        own = self.descendants(i)
        idx = {j for j in self.descendants(h) - own
               if self.toks[j].dep not in labels.PUNCTUATION or min(own) > j > max(own)}
        # the clause's words on the poll's side of the sentence only
        if not idx or len([j for j in idx if WORD.search(self.toks[j].text)]) < 3:
            return None
        content = self.char_span(idx)
        source = self.char_span(own - set(case))
        if content[0] < source[1] and source[0] < content[1]:
            content = self.char_span({j for j in idx if j < min(own)} or
                                     {j for j in idx if j > max(own)})
        cue = (self.toks[case[0]].start, self.toks[case[0]].end)
        return Cand(content=content, cue=cue, source=source, status="asserted", rule="finding",
                    heads=[source], priority=3, head_words=[self.head_words(i)])

    def relative_word(self, i: int) -> bool:
        """A relative pronoun ("who", "which", the "that" of "the plan that X defended")."""
        t = self.toks[i]
        return t.lemma.casefold() in self.lex.relative_pronouns or t.feat("PronType") == "Rel"

    def time_phrase(self, i: int) -> bool:
        """Token i heads a date or time ("on Monday", "last week"): no content of a cue."""
        if self._time_index is None:
            self._time_index = SpanIndex((n.start, n.end) for n in self.doc.ner
                                         if n.label in TIME_LABELS)
        t = self.toks[i]
        return bool(self._time_index.overlapping(t.start, t.end))

    def citing_phrase(self, i: int) -> bool:
        """Token i heads a phrase that names whom the speaker cites ("сообщает «Медиазона» со
        ссылкой на пресс-секретаря"): the chain of the words, not the words."""
        if not self.lex.citing:
            return False
        return bool(self.lex.citing.match(self.text, self.toks[min(self.descendants(i))].start))

    def inside_cue_content(self, i: int) -> bool:
        """Whether token i lies in the content clause of another cue verb ("said they want")."""
        j, hops = i, 0
        while self.toks[j].dep in CCOMP | XCOMP | CONJ and hops < 6 and \
                self.toks[j].head not in (-1, j):
            dep, j = self.toks[j].dep, self.toks[j].head
            hops += 1
            if dep in CCOMP and self.toks[j].lemma.casefold() in self.lex.cue_status:
                return True
        return False

    def own_words(self, i: int) -> bool:
        """Whether cue verb i has its own object, clause or prepositional complement ("as he
        urged voters to ...", "as X called for his dismissal"), not only times and places."""
        if self.children(i, CCOMP | XCOMP):
            return True
        if self.children(i, OBJ) and self.toks[i].lemma.casefold() not in self.lex.addressee:
            return True     # ("as Clinton told the Daily News, X": whom she told, not what)
        return any(not self.time_or_place(c) for c in self.children(i, PREP))

    def time_or_place(self, c: int) -> bool:
        """A prepositional phrase that says when or where ("in the early morning hours", "at a
        rally"), not what was said."""
        return any(self.toks[p].lemma.casefold() in self.lex.adverbial_preps
                   for p in self.tree.children(c, labels.CASE_MARKER)) or self.time_phrase(c) \
            or self.channel_phrase(c)

    def channel_phrase(self, c: int) -> bool:
        """A prepositional phrase that is all a channel ("wrote on Twitter", "in a
        statement"): how the words were given, not the words."""
        a, b = self.char_span(self.descendants(c))
        return any(rx.fullmatch(self.text[a:b]) for _, rx in self.lex.channels)

    def after_comma(self, i: int) -> bool:
        """Whether the clause of token i follows a comma or a dash ("..., she said")."""
        first = min(self.descendants(i))
        if first > 1 and self.toks[first - 1].text in ("”", "’", "\"", "'", "''") and \
                self.toks[first - 2].text == ",":
            first -= 1      # ('... "expanded the party," claiming that ...': the comma inside)
        return first > 0 and self.toks[first - 1].text in (",", "—", "–", "--", "-")

    def verb_claim(self, t, sent, status: str) -> Cand | None:
        i, lemma = t.i, t.lemma.casefold()
        if lemma in self.lex.no_xcomp_cues and self.children(i, XCOMP):
            return None         # "hiring continues to grow": aspect, not speech
        if any(m and sent.start + m.end() > t.start for m in (
                p.match(self.text, sent.start, sent.end) for p in self.lex.discourse_patterns)):
            return None         # "That said, Cruz cannot win": a turn of the writer's, no one's words
        if lemma in self.lex.stance_verbs and (
                t.dep in XCOMP or t.tag == "VB" and any(
                    self.toks[c].tag == "TO" for c in self.children(i, labels.AUXILIARY - labels.PASSIVE_AUXILIARY))
                or self.inside_cue_content(i)):
            return None         # "to support X", "said they want X": no stance of their own
        if t.dep in XCOMP and t.head not in (-1, i) and self.toks[t.head].pos == "AUX" and \
                any(self.toks[s].pos == "NOUN" for s in self.children(t.head, SUBJ)):
            return None         # "His task is to convince X that Y": a task, not a statement
        preps = self.lex.prep_stance_verbs.get(lemma)
        if preps is not None and not self.children(i, XCOMP) and not self.governs_prep(i, preps):
            return None         # "voted on Tuesday": no stance without "for" / "against" (or
            # an infinitive: "voted to compensate the victims")"
        negated = any(
            self.toks[c].lemma.casefold() in self.lex.negation
            for c in self.children(i, labels.ADVERBIAL | labels.AUXILIARY)) or self.negated_before(i)
        status = self.negated(lemma, status, negated)
        cue = self.cue_span(i)
        if (v := self.issued_with(i)) is not None:
            cue = (self.cue_span(v)[0], cue[1])     # (its cue: "issued a statement saying")
        passive_subj = self.children(i, SUBJ_PASS)
        heads, how = self.subject_of(i)
        if passive_subj and not heads and self.children(i, CCOMP) and any(
                self.toks[a].text in ("'s", "’s") for a in self.children(i, labels.PASSIVE_AUXILIARY)) \
                and self.toks[passive_subj[0]].lemma.casefold() not in self.lex.dummy_subjects:
            # "he's said he'll fight on": the parser read "'s" as "is" (a passive); with a
            # clause of its own it is "has"
            heads, how = self.conjuncts(passive_subj[0]), "active"
            passive_subj = []
        if not heads and t.dep in labels.ADNOMINAL_CLAUSE and t.head < i and \
                self.toks[t.head].pos in ("NOUN", "PROPN") and \
                self.toks[t.head].head in (-1, t.head) and (
                    t.tag in ("VBD", "VBZ", "VBP") or t.tag == "VBN" and
                    not self.children(i, AGENT) and (any(
                        self.toks[m].lemma.casefold() in self.lex.complementizers
                        for c in self.children(i, CCOMP) for m in self.children(c, labels.MARKER))
                        or self.after_comma(i) and self.children(t.head, labels.APPOSITION) and
                        self.children(i, OBJ | XCOMP))):
            # "A Quinnipiac poll found last week that X", "Beruff, a Scott ally, called the
            # standards 'strong'", the verb parsed as a clause of the noun, which is left
            # without a verb of its own: the noun is its subject
            heads, how = self.conjuncts(t.head), "active"
        if not heads and self.participle_on_root_name(t):
            heads, how = [t.head], "acl"
        if self.stance_participle(t):
            # "a group backing the governor": the noun the participle modifies takes the stance
            heads, how = [t.head], "acl"
        if not heads and not passive_subj and t.feat("Number") == "Plur" and \
                self.lex.impersonal_preps:
            # "В ведомстве подчеркнули", "сообщили в компании": the body named in the place
            # phrase of an impersonal plural speaks
            for c in self.children(i, labels.OBLIQUE):
                case = [k for k in self.children(c, labels.CASE_MARKER)
                        if self.toks[k].text.casefold() in self.lex.impersonal_preps]
                if case and self.toks[c].pos in ("NOUN", "PROPN") and \
                        self.toks[c].feat("Case") in ("Loc", None):
                    heads, how = [c], "impersonal"
                    break
        kind = None
        via: list[tuple[int, int]] = []
        if passive_subj and how == "agent" and lemma in self.lex.relay_verbs:
            # "X was quoted by Tass as saying": X speaks, Tass carries the words
            via = [self.conjunct_span(h) for h in heads]
            heads, how = self.conjuncts(passive_subj[0]), "active"
            passive_subj = []
        if passive_subj and how not in ("agent",):
            pstatus = self.lex.passive_status.get(lemma)
            if lemma in self.lex.quoted_as_verbs:   # "X was quoted as saying Y": X is the speaker
                heads = self.conjuncts(passive_subj[0])
            elif pstatus:
                # "X is alleged to ...", "X is accused of ...": nobody named asserts it
                first = self.toks[sent.first]
                para = self.text.find("\n\n", t.end, sent.end)
                line = self.text[sent.start:para if para >= 0 else sent.end].rstrip()
                if first.tag[:1] == "W" and not line.endswith((".", "!", "?", "»", "”", '"')):
                    return None     # a heading: "What Bashar al-Assad is accused of"
                idx = self.descendants(i) - {c for c in self.children(i, labels.PUNCTUATION)}
                content = self.char_span(idx)
                return Cand(content=content, cue=cue, source=None, status=pstatus,
                            rule="passive", kind="unattributed", priority=3)
            else:
                # "it was revealed that X", "voters were told that X": words with no one named
                # to say them ("parents are concerned that X" is the parents' stance: none here)
                comp = self.children(i, CCOMP)
                if not comp or not (lemma in self.lex.addressee or
                                    self.toks[passive_subj[0]].lemma.casefold() == "it"):
                    return None
                content = self.char_span(self.descendants(comp[0]))
                if content[0] < cue[1] and cue[0] < content[1]:
                    return None
                return Cand(content=content, cue=cue, source=None, status=status,
                            rule="passive", kind="unattributed", priority=4)
        content = None
        # (of a parser's two complements, a quoted one holds the words, then the one after the
        # verb: an unquoted one before it is a misparse of the words that open the sentence)
        comp = sorted(self.children(i, CCOMP), key=lambda c: (
            self.quote_of(c) is None or self.title_quote(self.quote_of(c)), c < i))
        # '"A," he said, adding of Mr. Trump, "B."': the parser hangs the second quotation on
        # "said"; it is the participle's words, and "said" keeps the first
        if any(c < i and self.quote_of(c) for c in comp):
            adders = [p for p in self.children(i, labels.ADVERBIAL_CLAUSE)
                      if p > i and self.toks[p].tag == "VBG" and
                      self.toks[p].lemma.casefold() in self.lex.cue_status]
            comp = [c for c in comp if not (c > i and any(p < c for p in adders))]
        if not comp and t.tag == "VBG" and t.dep in labels.ADVERBIAL_CLAUSE and \
                t.head not in (-1, i) and t.head < i and not self.children(i, OBJ | XCOMP) and \
                any(c < t.head and self.quote_of(c) for c in self.children(t.head, CCOMP)):
            comp = [c for c in self.children(t.head, CCOMP) if c > i and self.quote_of(c)][:1]
        if not comp and lemma in self.lex.quoted_as_verbs:
            for c in self.children(i, labels.ADVERBIAL_CLAUSE | labels.PREP_OBJECT_UD | XCOMP):
                for d in self.descendants(c):
                    if self.children(d, CCOMP):
                        comp = self.children(d, CCOMP)
                        break
        if not comp:
            # "said in one of a series of messages that the truck was armed": a "that" clause
            # the parser hung on a noun of the verb's prepositional phrase (its "that" is a
            # marker, no relative pronoun; "says in a statement that the race will be X",
            # parsed as a clause of the noun)
            comp = [d for c in self.children(i, PREP) if c > i for d in sorted(self.descendants(c))
                    if self.toks[d].dep in RELCL | labels.ADNOMINAL_CLAUSE and any(
                        self.toks[m].lemma.casefold() in self.lex.complementizers
                        for m in self.children(d, labels.MARKER))][:1]
        if comp:
            idx = self.descendants(comp[0])
            for d in self.children(comp[0], labels.ADVERBIAL_CLAUSE | CONJ):
                if d > i and self.is_added_participle(d, comp[0]):
                    idx -= self.descendants(d)  # ("argued that X, saying Y": see subject_of)
            quoted = self.handed_over_quotes(comp[0]) & idx
            if self.toks[comp[0]].pos in ("NOUN", "PROPN") and quoted and comp[0] < i and \
                    (not heads or heads[0] == comp[0]):
                # '"...," an intelligence source, who ..., told Fox News': the parser made the
                # speaker the verb's complement and hung the quotation on it; the quotation is
                # the words, the noun the speaker
                idx = quoted
                heads, how = [comp[0]], "active"
            before = [j for j in idx if j < i]
            if before and (t.dep in RELCL or comp[0] > i and
                           "\n" in self.text[self.toks[max(before)].end:t.start]):
                # "a bill, which critics said was discriminatory": the relative pronoun is the
                # complement's subject; the words are what follows the cue (as they are of a
                # complement after it that the parser gave words of an earlier line)
                idx = {j for j in idx if j > i}
            content = self.char_span(idx) if idx else None
        elif t.dep in PARATAXIS and t.head not in (-1, i):
            own = self.descendants(i)
            idx = {j for j in self.descendants(t.head) if j < min(own) or j > max(own)}
            before = {j for j in idx if j < min(own)}
            after = idx - before

            def words(part: set[int]) -> int:
                return sum(1 for j in part if self.toks[j].pos not in ("PUNCT", "SPACE"))
            if before and after and words(before) <= 3 and words(after) >= words(before) and \
                    not any(self.quote_of(j) for j in before):
                # (a quotation before the verb is the words: '"Too much hate," she said,
                # blaming X')
                # "It was, he said, one of the bitterest failures", "But, he said, X": the
                # verb interrupts the words after a few of them; the longer part after it
                # holds them (not after a whole clause: "Изначально планировалось, что X,
                # сообщили в компании, однако Y")
                content = self.char_span(after)
            elif idx:
                content = self.char_span(before or idx)
        elif t.dep in labels.ADVERBIAL_CLAUSE and t.head not in (-1, i) and not \
                self.own_words(i) and (any(self.toks[m].lemma.casefold() in self.lex.as_markers
                                           for m in self.children(i, labels.MARKER)) or
                                       not self.children(i, labels.MARKER) and
                                       self.children(i, SUBJ) and self.after_comma(i)):
            # "As Ryan has pointed out, that is X": the clause the "as" clause modifies (in
            # the middle of it, "A year ago, as X reported, Y did Z": the part after the cue);
            # "Deficits will end this year, the CBO reported on Tuesday" (parsed as an adverbial
            # clause, not parataxis)
            own = self.descendants(i)
            rest = {j for j in self.descendants(t.head) if self.toks[j].pos != "PUNCT"}
            idx = {j for j in rest if j > max(own)} or {j for j in rest if j < min(own)}
            if idx:
                content = self.char_span(idx)
        if content is None and lemma in self.lex.listed_cues and how == "active":
            # '"Thank you," Cruz replied, before adding ...': a quotation that ends right where
            # the speaker's clause begins holds the words
            # (without a clause the parser hung on the name: '"That's a concern," Sarandon, 69,
            # told MSNBC', the quoted clause parsed as the complement of "Sarandon")
            content = self.quote_before(min([i] + [
                d for h in heads for d in self.descendants(
                    h, set(self.children(h, CCOMP | labels.PUNCTUATION)))]))
        if content is None:
            x = self.children(i, XCOMP)
            # a verbal complement ("urged X to ..."), not a secondary predicate ("called X a
            # liar": UD xcomp too, part of the rest of the verb phrase below)
            if x and lemma in self.lex.xcomp_content and self.toks[x[0]].pos in ("VERB", "AUX"):
                content = self.char_span(self.descendants(x[0]))
        if content is None:
            o = self.children(i, OBJ)
            if o and lemma in self.lex.object_content and self.toks[o[0]].pos != "PRON":
                content = self.char_span(self.descendants(o[0]))
        if content is None and how == "agent" and (passive_subj or (
                t.dep in labels.ADNOMINAL_CLAUSE and t.tag == "VBN" and t.head < i and
                self.toks[t.head].pos in ("NOUN", "PROPN"))):
            # "Cruz was endorsed by Fiorina", "the letter, which was first reported by X": what
            # the passive's subject (or the noun its relative pronoun stands for) names; "the
            # campaign, first reported by X": the noun the participle modifies
            h = passive_subj[0] if passive_subj else t.head
            if self.relative_word(h) and t.dep in RELCL and t.head not in (-1, i):
                h = t.head
            content = self.char_span(self.descendants(h, set(self.children(
                h, RELCL | labels.PUNCTUATION | labels.CASE_MARKER)) | {i}))
        if content is None and t.dep in RELCL and how == "active" and \
                self.toks[t.head].pos in ("NOUN", "PROPN") and \
                not self.children(i, CCOMP | XCOMP) and t.head < i and \
                not [o for o in self.children(i, OBJ) if not self.relative_word(o)]:
            # "an arrangement the campaign has criticized": the noun the clause modifies is
            # its object (the part of its phrase before the clause: "the war, which most
            # Whigs opposed, in 1848")
            h = t.head
            idx = self.descendants(h, set(self.children(
                h, RELCL | labels.PUNCTUATION | labels.CASE_MARKER)) | {i})
            content = self.char_span({j for j in idx if j < min(self.descendants(i))} or idx)
        if content is None and lemma in self.lex.addressee and self.lex.topic_preps:
            # "warned against the forces of hate", "was asked about the attacks": the topic
            # the addressee verb names (never its bare addressee: "told Reuters")
            # (the parser often hangs the topic on the addressee: "asked the frontrunner
            # about the kerfuffle"); or a clause the preposition opens ("warned against
            # letting ...")
            topic = [c for h in [i] + self.children(i, OBJ) for c in self.children(h, PREP)
                     if c > i and any(self.toks[p].lemma.casefold() in self.lex.topic_preps
                                      for p in self.tree.children(c, labels.CASE_MARKER))] or [
                c for c in self.children(i, labels.ADVERBIAL_CLAUSE)
                if c > i and any(self.toks[p].lemma.casefold() in self.lex.topic_preps
                                 for p in self.tree.children(c, labels.MARKER))]
            if topic:
                content = self.char_span(self.descendants(
                    topic[0], set(self.children(topic[0], labels.CASE_MARKER | labels.MARKER))))
        if content is None and lemma not in self.lex.addressee and lemma not in self.lex.clause_cues:
            # "X criticized the plan", "X called Y a liar": the rest of the verb phrase
            right = [c for c in self.tree.children(i) if c > i and self.toks[c].dep not in
                     ("punct", "cc", "conj", "parataxis", "mark", "advmod", "obl:npmod")
                     and self.toks[c].dep not in SUBJ | SUBJ_PASS | AGENT | AUX and not (
                         # an adverbial clause, unless a preposition opens it ("blasted him
                         # for not paying": UD advcl with the preposition as its mark)
                         self.toks[c].dep in labels.ADVERBIAL_CLAUSE and not any(
                             self.toks[m].pos == "ADP" or self.toks[m].tag == "IN" and
                             self.toks[m].lemma.casefold() in self.lex.clause_preps
                             for m in self.tree.children(c, labels.MARKER))
                     ) and not (
                         # "tweeted in the early morning hours": a time or place, not what
                         # was said
                         self.toks[c].dep in PREP and not (
                             # "lashed out at Khan": a particle verb's own preposition with
                             # someone for its object ("spoke out at a rally" is a place)
                             c == min(self.children(i, PREP)) and
                             self.children(i, labels.PHRASAL_PARTICLE) and
                             (self.toks[c].pos in ("PROPN", "PRON") or
                              self._actor_at(self.toks[c].start, self.toks[c].end))) and
                         self.time_or_place(c)) and not self.citing_phrase(c)]
            if right:
                idx = set().union(*(self.descendants(c) for c in right))
                content = self.char_span(idx)
                if all(self.toks[k].pos == "PRON" or self.toks[k].lemma.casefold() in
                       self.lex.manner_words for k in idx):
                    # "as Tom Ridge put it: ''The barbarians are inside.''", "put it this
                    # way, '...'": the pronoun stands for the quotation that follows
                    content = self.quote_opening_after(
                        content[1], sent.end, lambda gap: re.fullmatch(r"[\w\s]*[,:—–]?\s*", gap)
                        and all(w.casefold() in self.lex.manner_words
                                for w in re.findall(r"\w+", gap))) or content
                elif len(right) == 1 and self.toks[right[0]].lemma.casefold() in (
                        self.lex.document_nouns | set(self.lex.noun_status)):
                    # "Trump issued the following statement: '...'", "sent a fundraising email:
                    # '...'": the quotation after the colon is what the statement says
                    content = self.quote_opening_after(
                        content[1], sent.end, lambda gap: re.fullmatch(r"\s*:\s*", gap)) or \
                        re.match(r"[ \t]*:", self.text[content[1]:]) and \
                        self.quote_after_colon(content[1]) or content
        avoid = [cue] + ([self.char_span(set().union(*(self.descendants(h) for h in heads)))]
                         if heads else [])
        if content is None and lemma in self.lex.cue_status:
            # (not for a verb only the learned scorer calls a cue: "X spoke at a rally. 'Y,' he
            # said" — the quotation is the next verb's)
            q = self.quote_after_colon(cue[1]) or self.quote_near(sent.start, sent.end, avoid)
            if q:
                content = q
        if content is None:
            colon = re.match(r"\s*[:—–]\s*", self.text[cue[1]:sent.end])
            if colon:
                content = trim(self.text, cue[1] + colon.end(), sent.end)
        if content is None and heads and min(heads) > i:
            # "Армия отступила, сообщает ТАСС.": the speaker follows the cue, the content
            # precedes it (parsers often make it a second root)
            tail = re.search(r"[,:]\s*[-—–]*\s*$|[-—–]\s*$", self.text[sent.start:cue[0]])
            if tail and tail.start() > 2:
                content = trim(self.text, sent.start, sent.start + tail.start())
        if content is not None and content[1] <= cue[0] and lemma in self.lex.listed_cues and \
                self.text[content[0]] not in OPENING:
            # "In his ''commander's intent,'' a document he drew up, he wrote, ''We must
            # ...''": a quotation that opens right after the verb and a comma or colon holds
            # the words, not the phrase before the verb
            content = self.quote_opening_after(
                cue[1], sent.end, lambda gap: re.fullmatch(r"\s*[,:]\s*", gap)) or content
        if content is None or content[1] <= content[0]:
            return None
        if content[0] < cue[1] and cue[0] < content[1]:
            return None
        content = self.extend_to_quote(content, cue)
        if lemma in self.lex.raising_verbs or (
                lemma in self.lex.addressee and t.tag == "VBN" and how == "inherited"):
            # "the race appears closer in Ohio", "he seems to have lapsed": the writer's reading
            # of the subject, not its words; "When asked about the plan, X said": X is asked,
            # the asker is not named
            return Cand(content=content, cue=cue, source=None, status=status, rule="verb",
                        kind="unattributed", priority=4)
        if not heads:
            if comp and t.tag in ("VBG", "VBN") and lemma not in self.lex.intent_verbs and \
                    status == "asserted":
                # "for saying that the extract was a cure", "a post saying that ...": words
                # whose speaker the clause does not name
                return Cand(content=content, cue=cue, source=None, status=status, rule="verb",
                            kind="unattributed", priority=4)
            return None
        if how == "inherited" and lemma in self.lex.intent_verbs:
            return None     # "..., hoping to spark an uprising": a hedge of the clause, no claim
        source = self.speaker_span(heads, i)
        if content[0] < source[0] < content[1] <= source[1] and source[1] <= cue[0]:
            # "The files were stored, Patrick Kennedy, the undersecretary, wrote": a parser
            # that hangs the speaker on the words; they end where the speaker begins
            content = trim(self.text, content[0], source[0])
        if source[0] < content[1] and content[0] < source[1] or content[1] <= content[0]:
            return None
        spans = [source] if how == "acl" else [self.conjunct_span(h, i) for h in heads]
        words = [self.head_words(h) for h in heads]
        rel = [c for c in self.children(i, SUBJ) if self.toks[c].lemma.casefold() in
               self.lex.relative_pronouns]
        if how == "relcl" and rel:
            # "Mr. Kamin, who emphasized that ...": the clause's own word for the speaker is the
            # source span; its entity is the antecedent's (looked up through the head words),
            # for each of them ("Sanders and O'Malley, who both back ...")
            source = trim(self.text, self.toks[rel[0]].start, self.toks[rel[0]].end)
            spans = [source] * len(spans)
        return Cand(content=content, cue=cue, source=source, status=status, rule="verb",
                    heads=spans, kind=kind, priority=2, head_words=words, via=via)

    def noun_claim(self, t) -> Cand | None:
        i = t.i
        clause = [c for c in self.children(i, CLAUSE_OF_NOUN)
                  if any(self.toks[m].lemma.casefold() in self.lex.complementizers
                         for m in self.children(c, labels.MARKER))] or [
            # "his promise to build a wall": an infinitive, for the nouns of what one means
            # to do
            c for c in self.children(i, labels.ADNOMINAL_CLAUSE)
            if t.lemma.casefold() in self.lex.intent_nouns and self.toks[c].pos == "VERB" and
            any(self.toks[a].tag == "TO" for a in self.children(c, labels.AUXILIARY))]
        if not clause:
            return None
        content = self.char_span(self.descendants(clause[0]))
        src = self.children(i, POSS)
        if not src:
            for o in self.children(i, labels.PREP_OBJECT_UD):
                if any(self.toks[p].lemma.casefold() in self.lex.source_preps
                       for p in self.children(o, labels.CASE_MARKER)):
                    src = [o]
                    break
        cue = trim(self.text, t.start, t.end)
        status = self.lex.noun_status[t.lemma.casefold()]
        if not src:
            if status != "alleged":
                return None
            return Cand(content=content, cue=cue, source=None, status=status, rule="noun",
                        kind="unattributed", priority=4)
        heads = self.conjuncts(src[0])
        case = set(self.children(src[0], labels.CASE_MARKER))     # "Smith's": the 's is not the source
        return Cand(content=content, cue=cue,
                    source=self.char_span(self.descendants(src[0], case)), status=status,
                    rule="noun", heads=[self.conjunct_span(h) for h in heads], priority=4,
                    head_words=[self.head_words(h) for h in heads])

    # -- parser-free cue patterns ----------------------------------------------------------------
    def token_rules(self, sent) -> list[Cand]:
        out = []
        toks = self.toks[sent.first:sent.last]
        for t in toks:
            lemma = t.lemma.casefold()
            status = self.lex.cue_status.get(lemma) or self.lex.cue_status.get(t.text.casefold())
            if not status or t.pos not in ("VERB", "AUX", ""):
                continue
            if self.in_status_phrase(sent, (t.start, t.end)):
                continue
            nxt = self.toks[t.i + 1] if t.i + 1 < len(self.toks) else None
            if nxt is not None and nxt.text.casefold() in self.lex.conditional_particles:
                continue    # "фактів, які підтверджували б ці твердження": hypothetical
            if self.governs_prep(t.i, self.lex.prep_non_cues.get(lemma)):
                continue    # "відповідає за транспорт"
            status = self.negated(lemma, status, self.negated_before(t.i))
            cue = (t.start, t.end)
            if self.negated_before(t.i):
                j = t.i - 1
                while self.toks[j].text.casefold() not in self.lex.negation:
                    j -= 1
                cue = (self.toks[j].start, t.end)
            left = self.text[sent.start:t.start]
            right = self.text[t.end:sent.end]
            # "Y, - said X." / "«Y», — заявил X."
            tail = re.search(r"[,:]\s*[-—–]*\s*$|[-—–]\s*$", left)
            modifier = False
            if tail and not re.search(r"[-—–»”\"]", tail.group(0) + left[max(0, tail.start() - 1):
                                                                     tail.start()]):
                # "Hassan, who was head of ..., said": a modifier of the speaker, not content
                segs = [x for x in BOUNDARY.split(left[:tail.start()]) if x.strip(CLAUSE_EDGE)]
                modifier = len(segs) > 1 and segs[-1].strip(CLAUSE_EDGE)[:1].islower() and \
                    len(segs[0].split()) <= 4 and not any(self.lex.cue_status.get(x.lemma.casefold()) for x in
                            self.doc.tokens_in(sent.start, t.start))
                # ("Члени партії заявили, що ..., передає AFP", "У BioNTech працюють ...,
                # більш ніж половина - жінки, повідомляє DW": a report, not a modifier)
            if tail and tail.start() > 2 and not modifier:
                content = trim(self.text, sent.start, sent.start + tail.start())
                stop = re.search(r"[,;:.!?()]|\s[-—–]\s", right)
                end = stop.start() if stop else len(right)
                cited = self.lex.citing.search(right, 0, end) if self.lex.citing else None
                if cited and cited.start() > 0:
                    end = cited.start()     # "..., повідомляє X з посиланням на Y": X carries
                source = trim(self.text, t.end, t.end + end)
                if source[1] > source[0] and content[1] > content[0] and self.may_speak(source):
                    content = self.extend_to_quote(content, cue)
                    out.append(Cand(content=content, cue=cue, source=source, status=status,
                                    rule="tokens", heads=self.split_who(source), priority=3))
                    continue
            # "Y, the mayor said (on Monday)."
            rest = right.strip(" \t.!?\"'”»")
            bounds = list(BOUNDARY.finditer(left))
            if bounds and len(rest.split()) <= 3 and "," not in rest and bounds[-1].start() > 2:
                bd = bounds[-1]
                source = self.speaker_words(trim(self.text, sent.start + bd.end(), t.start)) \
                    or (t.start, t.start)
                content = trim(self.text, sent.start, sent.start + bd.start())
                if 0 < source[1] - source[0] <= 80 and content[1] > content[0] and \
                        self.text[source[0]:source[1]].casefold() not in self.lex.relative_pronouns:
                    content = self.extend_to_quote(content, cue)
                    out.append(Cand(content=content, cue=cue, source=source, status=status,
                                    rule="tokens", heads=self.split_who(source), priority=3))
                    continue
            # "Петренко звинувачення заперечує.", "Останній свою провину не визнавав.": a denial
            # at the clause's end; the speaker opens the clause, what is denied comes between
            if status == "denied" and not right.strip(" \t.!?;") and not BOUNDARY.search(left):
                c = self.sov_denial(sent, cue)
                if c:
                    out.append(c)
                    continue
            # "X said (that|,|:) Y"
            m = re.match(r"\s*(?:[^,.:;]{0,40}?)?\s*(?:,\s*)?(" + "|".join(
                re.escape(w) for w in sorted(self.lex.complementizers, key=len, reverse=True))
                + r")\b|\s*[:—–]\s*", right, re.IGNORECASE) if self.lex.complementizers else None
            by_object = False
            if not m and (lemma in self.lex.object_content or
                          t.text.casefold() in self.lex.object_content):
                m = re.match(r"\s*", right)     # "X confirmed the meeting": the object
                by_object = True
            if not m:
                continue
            content = trim(self.text, t.end + (m.start(1) if m.lastindex else m.end()), sent.end)
            # the speaker: the last clause segment before the cue, taking in the segments
            # before it while it is a lower-case modifier ("Джерело, обізнане з ..., повідомило")
            # that names no one itself ("..., після того як газети оголосили результати, мер
            # міста заявив": "мер міста" is the speaker)
            if tail and not modifier and re.search(r"[-—–]\s*$", left):
                continue    # "Y - підтвердили Z": a dash hands the words before it to the verb
            cuts = [0] + [b.end() for b in BOUNDARY.finditer(left)
                          if left[b.end():].strip(CLAUSE_EDGE)]
            k = len(cuts) - 1
            last = trim(self.text, sent.start + cuts[k], t.start)
            relative = k > 0 and (left[cuts[k]:].split() or [""])[0].casefold().strip(
                CLAUSE_EDGE) in self.lex.relative_pronouns
            while k > 0 and left[cuts[k]:].strip(CLAUSE_EDGE)[:1].islower() and not (
                    k == len(cuts) - 1 and not relative and self.may_speak(last)):
                k -= 1
            if relative:
                # "повторний перерахунок голосів, який підтвердив ...": the noun phrase the
                # relative pronoun stands for, at the end of the segment before it
                source = self.phrase_before(sent.start + cuts[-1])
            else:
                source = self.speaker_words(trim(self.text, sent.start + cuts[k], t.start))
            if source is None or source[1] <= source[0] or content[1] <= content[0]:
                continue
            if not by_object and not self.may_speak(source):
                continue    # "поки немає підстав припускати": nobody who could speak
            if by_object and not self.may_speak(source):
                # "Цю норму підтвердив Верховний суд": the object first, the speaker after the
                # verb (free word order): the nominative after it speaks
                stop = BOUNDARY.search(self.text, content[0], content[1])
                after = trim(self.text, content[0], stop.start() if stop else content[1])
                if not self.agrees(t, after) or len(self.text[after[0]:after[1]].split()) > 6:
                    continue
                source, content = after, source
            content = self.extend_to_quote(content, cue)
            out.append(Cand(content=content, cue=cue, source=source, status=status, rule="tokens",
                            heads=self.split_who(source), priority=3))
        return out
