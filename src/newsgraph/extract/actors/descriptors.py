"""Descriptive phrases attached to names, and the titles taken from them (part of ``Resolution``).

Pre-modifiers with a title word ("former Syrian President"), appositions ("Makhlouf, Assad's
cousin"), "who was X" relative clauses, "X was Y" copulas; without a parser (uk) the title words
right before a name. ``descriptors`` is shared with the relation extractor.
"""
from __future__ import annotations

from ...doc import labels as L

from .mentions import Mention, _lower


class Descriptors:
    """Descriptors of names and the titles collected from them."""

    # -- descriptive phrases ----------------------------------------------------------------
    def _np_text(self, lo: int, hi: int) -> tuple[int, int, str]:
        toks = self.doc.tokens
        while lo < hi and (toks[lo].pos == "PUNCT" or _lower(toks[lo]) in self.strip_leading):
            lo += 1
        while hi > lo and toks[hi - 1].pos == "PUNCT":
            hi -= 1
        if hi <= lo:
            return lo, hi, ""
        return lo, hi, self.doc.text[toks[lo].start:toks[hi - 1].end]

    def _np(self, head: int) -> tuple[int, int]:
        """Token range of the subtree of `head` without its own case marker (UD hangs the
        preposition of "to [the coach]" on the noun)."""
        toks = self.doc.tokens
        lo, hi = self.ix.subtree(head)
        while lo < head and toks[lo].dep in L.CASE_MARKER and toks[lo].head == head:
            lo += 1
        return lo, hi

    def _clause_np(self, head: int, cut_at_comma: bool = True) -> tuple[int, int]:
        """Token range of the noun phrase headed by `head`, stopping at a comma or a clause."""
        toks = self.doc.tokens
        lo, hi = self._np(head)
        if self.ix.children(head, L.COPULA):
            # UD: a copular predicate heads its clause; its noun phrase leaves out the subject,
            # the copula, auxiliaries, clause markers and punctuation
            clause = L.SUBJECT | L.PASSIVE_SUBJECT | L.COPULA | L.AUXILIARY | L.MARKER \
                | L.PUNCTUATION | L.ADVERBIAL | L.COORDINATOR | L.CONJUNCT | L.ADVERBIAL_CLAUSE
            skip = {c for c in self.ix.children(head) if toks[c].dep in clause}
            span = self.ix.tree.descendants(head, skip)
            lo, hi = min(span), max(span) + 1
        for i in range(head + 1, hi):
            t = toks[i]
            if (cut_at_comma and t.text in (",", ";", "(", "—", "–")) or t.dep in L.RELATIVE_CLAUSE | L.COORDINATOR \
                    or _lower(t) in self.relative_pronouns:
                hi = i
                break
        for i in range(head - 1, lo - 1, -1):
            if toks[i].text in (",", ";", "(", "—", "–"):
                lo = i + 1
                break
        return lo, hi

    def appositive_chain_target(self, desc: int) -> Mention | None:
        """'a friend of the new president, Ahmed al-Sharaa, and Khaled al-Ahmad': an indefinite
        description whose phrase holds a name with a conjoined name: the description is read as
        describing the conjoined (last) name."""
        toks = self.doc.tokens
        dets = [c for c in self.ix.children(desc, L.DETERMINER) if _lower(toks[c]) in self.strip_leading]
        if not dets:
            return None
        lo, hi = self._np(desc)
        for i in range(desc + 1, hi):
            m = self.tok_mention.get(i)
            if m is None or m.type != "PERSON" or toks[i].dep not in L.CONJUNCT:
                continue
            other = self.tok_mention.get(toks[i].head)
            if other is not None and other is not m and other.type == "PERSON" and \
                    toks[toks[i].head].dep in L.APPOSITION and lo <= toks[i].head < hi:
                if any(_lower(toks[c]) in self.additive_conjunctions for c in self.ix.children(toks[i].head, L.COORDINATOR)):
                    return m
        return None

    def window_descriptors(self) -> list[tuple[Mention, int, int, int, str]]:
        """Without a parser (uk): the title words right before a person's name, by lemma:
        "прем'єр-міністр Денис Шмигаль", "голова адміністрації Олег Синєгубов", "колишній
        президент Сирії Башар Асад". The run starts at a title word (or adjectives before it)
        and takes the nouns between it and the name; it stops at punctuation, verbs and names."""
        toks = self.doc.tokens
        out: list[tuple[Mention, int, int, int, str]] = []
        for m in self.mentions:
            if m.kind != "name" or m.type != "PERSON":
                continue
            i, start = m.first - 1, None
            while i >= 0 and m.first - i <= 5:
                t = toks[i]
                other = self.tok_mention.get(i)
                if t.pos not in ("NOUN", "ADJ", "PROPN") or t.sent != toks[m.first].sent or \
                        (other is not None and other.type == "PERSON"):
                    break
                if t.lemma.casefold() in self.title_words or _lower(t) in self.title_words:
                    start = i
                i -= 1
            if start is None:
                continue
            while start > 0 and toks[start - 1].pos == "ADJ" and toks[start - 1].sent == toks[m.first].sent:
                start -= 1
            out.append((m, m.first - 1, start, m.first, "premod"))
        return out

    def descriptors(self) -> list[tuple[Mention, int, int, int, str]]:
        """(mention, head noun, lo, hi, how) for every descriptive phrase attached to a name:
        how is premod | appos | appos_of | relcl | copula | chain."""
        toks = self.doc.tokens
        out: list[tuple[Mention, int, int, int, str]] = []
        if not self.doc.has_parser:
            return self.window_descriptors()
        for m in self.mentions:
            if m.type not in ("PERSON", "ORG", "GROUP", "LOC"):
                continue
            h = self.ix.head_of(m.first, m.last) if m.kind != "pron" else m.first
            # pre-modifiers: contiguous compound/amod run to the left
            if m.kind == "name" and m.type == "PERSON":
                i = m.first - 1
                run: list[int] = []
                while i >= 0:
                    t = toks[i]
                    if t.dep in L.COMPOUND | L.ADJECTIVAL_MODIFIER | L.NOMINAL_MODIFIER and t.pos in ("ADJ", "NOUN", "PROPN") \
                            and (m.first <= t.head <= h or t.head in run or (run and t.head > i)):
                        other = self.tok_mention.get(i)
                        if other is not None and other.type == "PERSON":
                            break
                        run.append(i)
                        i -= 1
                        continue
                    break
                if run:
                    lo = run[-1]
                    words = [toks[j] for j in range(lo, m.first)]
                    if any((_lower(w) in self.title_words and _lower(w) not in self.honorifics)
                           or (w.pos == "NOUN" and w.text.islower()) for w in words):
                        out.append((m, m.first - 1, lo, m.first, "premod"))
            # appositions hanging from the name
            for c in self.ix.children(h, L.APPOSITION):
                other = self.tok_mention.get(c)
                if other is not None and other.type == "PERSON" and other.kind == "name":
                    continue
                if toks[c].pos not in ("NOUN",):
                    continue
                target = self.appositive_chain_target(c)
                if target is not None:
                    lo, _ = self._np(c)
                    conj_head = self.doc.tokens[self.ix.head_of(target.first, target.last)].head
                    hi = self.ix.head_of(*self._mention_range(conj_head)) + 1
                    out.append((target, c, lo, hi, "chain"))
                    # the phrase this description was wrongly hung on: "supporter of Assad"
                    if toks[h].dep in L.PREP_OBJECT_UD and self.ix.children(h, L.CASE_MARKER):
                        outer = toks[h].head
                        if toks[outer].pos == "NOUN" and \
                                any(_lower(toks[d]) in self.strip_leading for d in self.ix.children(outer, L.DETERMINER)):
                            lo2, _ = self._np(outer)
                            out.append((target, outer, lo2, m.last, "chain"))
                    continue
                lo, hi = self._clause_np(c)
                out.append((m, c, lo, hi, "appos"))
            # the name is the apposition of a noun: "the new president, Ahmed al-Sharaa"
            if toks[h].dep in L.APPOSITION and toks[toks[h].head].pos == "NOUN" and m.kind == "name" \
                    and toks[toks[h].head].tag != "NNS":
                head = toks[h].head
                if head not in self.tok_mention or self.tok_mention[head].kind != "name":
                    lo, hi = self._clause_np(head)
                    hi = min(hi, m.first)
                    for i in range(head + 1, hi):
                        if toks[i].pos == "PUNCT":
                            hi = i
                            break
                    if head < m.first and toks[m.first - 1].pos not in ("PUNCT", "DET") and \
                            any(toks[j].pos == "ADP" for j in range(head + 1, m.first)):
                        # a prepositional phrase and nothing setting the name off ("the brother
                        # of gunman Mark Hollis"): the parser hung the name on the wrong noun;
                        # only the words right before it are its title ("gunman")
                        run = m.first
                        while run - 1 > head and toks[run - 1].pos in ("NOUN", "ADJ", "PROPN") \
                                and toks[run - 1].i not in self.tok_mention:
                            run -= 1
                        if run < m.first and any(toks[j].pos == "NOUN" for j in range(run, m.first)):
                            out.append((m, m.first - 1, run, m.first, "premod"))
                    else:
                        out.append((m, head, lo, hi, "appos_of"))
            # relative clause: "Hassan, who was head of ..."
            # (UD: the predicate noun heads the clause, the copula is its `cop`)
            for c in self.ix.children(h, L.RELATIVE_CLAUSE):
                if not any(toks[k].lemma.casefold() in self.copulas for k in self.ix.children(c, L.COPULA)):
                    continue
                if not any(_lower(toks[s]) in self.relative_subjects for s in self.ix.children(c, L.SUBJECT)):
                    continue
                if toks[c].pos == "NOUN":
                    lo, hi = self._clause_np(c)
                    out.append((m, c, lo, hi, "relcl"))
            # copula: "He was a leader of ...", "X is the cousin of Y"
            a = toks[h].head
            if toks[h].dep in L.SUBJECT and a != h and any(
                    toks[k].lemma.casefold() in self.copulas for k in self.ix.children(a, L.COPULA)):
                if toks[a].pos == "NOUN" and a not in self.tok_mention:
                    lo, hi = self._clause_np(a)
                    out.append((m, a, lo, hi, "copula"))
        return out

    def _mention_range(self, tok: int) -> tuple[int, int]:
        m = self.tok_mention.get(tok)
        return (m.first, m.last) if m else (tok, tok + 1)

    # -- titles ------------------------------------------------------------------------------
    def collect_titles(self, final: bool = False) -> None:
        toks = self.doc.tokens
        added: list[Mention] = []
        for m, head, lo, hi, how in self.descriptors():
            lo, hi, text = self._np_text(lo, hi)
            if not text or hi - lo > 14:
                continue
            if final and how in ("appos", "appos_of") and m.type == "PERSON" and hi - lo <= 8 and \
                    (_lower(toks[lo]) in self.articles or toks[lo].dep in L.POSSESSOR or
                     any(toks[c].dep in L.POSSESSOR for c in self.ix.children(head))):
                # a definite apposition is a mention too: "the country's former president, X"
                start, end = toks[lo].start, toks[hi - 1].end
                if not any(x.start == start and x.end == end for x in self.entities[m.entity].mentions):
                    added.append(Mention(start, end, lo, hi, "PERSON", "desc", text, m.entity))
            if how == "premod" and m.type != "PERSON":
                continue
            if m.type != "PERSON":
                # organisations/places: only short appositions ("Reuters, the news agency"), a
                # noun phrase without a verb ("a tool used to handle ..." is no title of a country)
                if how != "appos" or hi - lo > 6 or any(toks[j].pos in ("VERB", "AUX") for j in range(lo, hi)):
                    continue
            self.entities[m.entity].add_title(text)
            if m.type == "PERSON":
                low = {w.casefold() for w in text.split()}
                if self.entities[m.entity].gender is None:
                    if low & self.female and not low & self.male:
                        self.entities[m.entity].gender = "f"
                    elif low & self.male and not low & self.female:
                        self.entities[m.entity].gender = "m"
        for m in added:
            self.entities[m.entity].mentions.append(m)
        self.mentions.extend(added)
