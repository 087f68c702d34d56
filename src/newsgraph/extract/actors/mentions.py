"""Mentions and entities of one document, and the name mentions found in it.

``Mention``/``Entity`` are the records every step works on; ``DocIndex`` gives dependency
children and subtrees. ``NameMentions`` (a part of ``Resolution``) turns NER spans into name
mentions (trimmed of determiners, honorifics and possessives), adds the names the NER missed (a
known person's surname, a group word, a known organisation) and lends a coordinated full name's
surname to a lone first name ("Bashar or Maher al-Assad").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

_APOS = str.maketrans({"’": "'", "ʼ": "'"})


def norm(text: str, articles: frozenset[str] | set[str] = frozenset()) -> str:
    """Case-folded, spaces collapsed, apostrophes unified, a leading article (``articles``, from
    the language's ``actors.yml``) dropped."""
    t = " ".join(text.translate(_APOS).split()).casefold()
    head, _, rest = t.partition(" ")
    if rest and head in articles:
        t = rest
    return t


@dataclass
class Mention:
    start: int
    end: int
    first: int            # token range, last exclusive
    last: int
    type: str
    kind: str             # name | desc | pron
    text: str
    entity: int = -1
    full: str = ""        # the full name this mention stands for (coordination)
    base: str = ""        # the backend's base (nominative) form of the name (uk/ru)
    category: str = ""    # a known organisation's category (organisations.yml)

    @property
    def name(self) -> str:
        return self.full or self.base or self.text


@dataclass
class Entity:
    type: str
    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None       # set by a title ("Mrs", "queen"): firm
    votes: dict = field(default_factory=dict)   # pronoun genders resolved to it so far
    full_mentions: int = 0
    category: str = ""

    def add_title(self, title: str) -> None:
        title = title.strip(" ,;:-–—")
        if title and title.casefold() not in (t.casefold() for t in self.titles):
            self.titles.append(title)


class DocIndex:
    """Per-document helpers over the document's one dependency tree (``doc.tree``): children, a
    bounded subtree, the head of a token range."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.toks = doc.tokens

    @property
    def tree(self):
        return self.doc.tree      # built on first use, kept on the document

    def children(self, i: int, dep: str | Iterable[str] | None = None) -> list[int]:
        return self.tree.children(i, dep)

    def subtree(self, i: int, limit: int = 60) -> tuple[int, int]:
        """Token range [lo, hi) of i's subtree, walking at most `limit` tokens."""
        lo = hi = i
        stack = [i]
        n = 0
        kids = self.tree.children
        while stack and n < limit:
            j = stack.pop()
            n += 1
            for c in kids(j):
                lo, hi = min(lo, c), max(hi, c)
                stack.append(c)
        return lo, hi + 1

    def head_of(self, first: int, last: int) -> int:
        """The token of [first, last) whose head lies outside the range (the phrase's head)."""
        for i in range(last - 1, first - 1, -1):
            h = self.toks[i].head
            if not (first <= h < last) or h == i:
                return i
        return last - 1


def _lower(t) -> str:
    return t.text.translate(_APOS).casefold()


class NameMentions:
    """Name mentions from the NER spans, and the names it missed (part of ``Resolution``)."""

    name_pos = ("PROPN", "NOUN", "X")   # tags a missed organisation's first word may carry

    # -- names ---------------------------------------------------------------------------------
    def surname_key(self, name: str) -> str:
        words = name.split()
        last = words[-1] if words else name
        parts = re.split(r"[-‐]", last.translate(_APOS).casefold())
        while len(parts) > 1 and parts[0] in self.particles:
            parts = parts[1:]
        return "-".join(parts)

    def in_furniture(self, start: int, end: int) -> bool:
        """[start, end) lies in a caption, credit or byline."""
        return len(self.furniture) > 0 and self.furniture.any_overlap(start, end)

    def norm(self, text: str) -> str:
        return norm(text, self.articles)

    def strip_possessive(self, text: str) -> str:
        """'Assad's' -> 'Assad' (the language's possessive endings, spaces before them too)."""
        for ending in self.possessive_endings:
            if text.endswith(ending):
                return text[:-len(ending)].rstrip()
        return text

    def first_key(self, name: str) -> str:
        words = [w for w in name.split() if w.casefold() not in self.particles]
        return words[0].casefold() if words else ""

    def is_group_word(self, text: str) -> bool:
        t = self.norm(text)
        if t in self.groups:
            return True
        for suffix in self.plural_endings:
            if t.endswith(suffix) and t[: -len(suffix)] in self.groups:
                return True
        return False

    def group_key(self, text: str) -> str:
        t = self.norm(text)
        end = self.group_plural
        if end and t.endswith(end) and len(t) > 4 and not t.endswith(self.group_plural_keep):
            return t[:-len(end)]
        return t

    def given_names_before(self, first: int, last: int, ner_tokens: set[int]) -> int:
        """A person's name the NER cut short: capitalised proper nouns just before it that the
        parser attaches to it ("teenager Ahed Tamimi" tagged "Tamimi"), not titles, not other
        names. Returns the new first token."""
        toks = self.doc.tokens
        while first > 0 and self.doc.has_parser:
            t = toks[first - 1]
            if t.pos != "PROPN" or not t.text[:1].isupper() or t.i in ner_tokens \
                    or _lower(t) in self.pre_titles or not (first <= t.head < last):
                break
            first -= 1
        return first

    def name_mentions(self) -> list[Mention]:
        doc, toks = self.doc, self.doc.tokens
        out: list[Mention] = []
        ner_tokens = {i for span in doc.ner if span.type is not None
                      for i in range(span.first, span.last)}
        for span in doc.ner:
            if span.type is None:
                continue
            first, last = span.first, span.last
            if last <= first:
                continue
            pretitle: list[int] = []
            # trim leading determiners / honorifics, trailing possessives and punctuation
            while first < last and (toks[first].pos in ("DET", "PUNCT", "SPACE") or _lower(toks[first]) in self.articles
                                    or not toks[first].text.strip()):
                first += 1
            typ = span.type
            if typ != "PERSON" and first < last - 1 and _lower(toks[first]) in self.honorifics \
                    and toks[first].text[:1].isupper():
                typ = "PERSON"          # "Ms Park" typed LOC: an honorific names a person
            if typ == "PERSON":
                while first < last - 1 and _lower(toks[first]) in self.pre_titles \
                        and toks[first].text[:1].isupper():
                    pretitle.append(first)
                    first += 1
                first = self.given_names_before(first, last, ner_tokens)
            while last > first and (toks[last - 1].tag == "POS" or toks[last - 1].text in self.possessive_tokens
                                    or toks[last - 1].pos in ("PUNCT", "SPACE") or not toks[last - 1].text.strip()):
                last -= 1
            if last <= first:
                continue
            start, end = toks[first].start, toks[last - 1].end
            text = doc.text[start:end]
            stripped = self.strip_possessive(text)
            end -= len(text) - len(stripped)
            text = stripped
            if not text.strip():
                continue
            base = ""
            if span.base and span.base.strip():
                base = span.base.strip()
                dropped_front, dropped_back = first - span.first, span.last - last
                words = base.split()
                if dropped_front or dropped_back:
                    n_surface = len(doc.text[span.start:span.end].split())
                    if len(words) == n_surface and len(words) > dropped_front + dropped_back:
                        base = " ".join(words[dropped_front:len(words) - dropped_back])
                    else:
                        base = ""
            out.append(Mention(start, end, first, last, typ, "name", text, base=base))
        return out

    def missed_organisations(self, covered: set[int]) -> list[Mention]:
        """Known organisations the NER left out, capitalised and read by the tagger as a name or
        noun ("Газпром спростовує": a sentence-initial name is often tagged NOUN), or an acronym
        in capitals; longest name first."""
        if self.organisations is None:
            return []
        toks, out, i = self.doc.tokens, [], 0
        while i < len(toks):
            t = toks[i]
            if i in covered or not t.text[:1].isupper() or (
                    t.pos not in self.name_pos and not (t.text.isupper() and len(t.text) > 1)):
                i += 1
                continue
            found = None
            for n in range(min(self.organisations.max_words, len(toks) - i), 0, -1):
                if any(j in covered or not toks[j].text.strip() for j in range(i, i + n)):
                    continue   # a covered token, or a line break the tokenizer kept as a token
                start, end = t.start, toks[i + n - 1].end
                surface = self.doc.text[start:end]
                lemmas = " ".join(x.lemma for x in toks[i:i + n])
                org = self.organisations.lookup(surface) or (
                    self.organisations.lookup(lemmas) if n == 1 or lemmas != surface else None)
                if org is None:
                    continue
                found = Mention(start, end, i, i + n, org.type, "name", surface,
                                category=org.category)
                break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.last
        return out

    def add_missed_names(self, mentions: list[Mention]) -> list[Mention]:
        """PROPN tokens equal to a known person's surname that the NER left out."""
        surnames = {self.surname_key(m.name): m for m in mentions
                    if m.type == "PERSON" and len(m.name.split()) >= 2}
        covered = set()
        for m in mentions:
            covered.update(range(m.first, m.last))
        for span in self.doc.ner:
            covered.update(range(span.first, span.last))
        extra = []
        for t in self.doc.tokens:
            if t.i in covered or not t.text[:1].isupper():
                continue
            if self.is_group_word(t.text):   # "Alawites" the NER left out
                extra.append(Mention(t.start, t.end, t.i, t.i + 1, "GROUP", "name", t.text))
                continue
            if t.pos != "PROPN":
                continue
            key = self.surname_key(t.text)
            if key in surnames and self.norm(t.text) == key:
                nxt = self.doc.tokens[t.i + 1] if t.i + 1 < len(self.doc.tokens) else None
                if nxt is not None and nxt.pos == "PROPN":
                    continue  # part of a longer name the NER missed
                extra.append(Mention(t.start, t.end, t.i, t.i + 1, "PERSON", "name", t.text))
        for m in extra:
            covered.update(range(m.first, m.last))
        extra += self.missed_organisations(covered)
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def coordinated_full_names(self, mentions: list[Mention]) -> None:
        """'Bashar or Maher al-Assad': a lone first name coordinated with a full name."""
        toks = self.doc.tokens
        for a, b in zip(mentions, mentions[1:]):
            if a.type != "PERSON" or b.type != "PERSON" or len(a.name.split()) != 1:
                continue
            words = b.name.split()
            if len(words) < 2 or b.first != a.last + 1:
                continue
            if _lower(toks[a.last]) not in self.name_coordinators:
                continue
            a.full = a.name + " " + " ".join(words[1:])
