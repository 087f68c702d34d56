"""Ukrainian backend: spaCy tokenizer + our NER (trained on NER-UK, ``newsgraph/models/uk_ner``),
pymorphy3 (with pymorphy3-dicts-uk) for lemmas, POS and morphology, a rule sentencizer, and
nominative base forms of names. No dependency parser (``has_parser=False``).

The tokenizer keeps hyphenated words ("Генерал-майор", "північно-західний") and apostrophe words
("прем'єр", "п’ять", "пʼять") whole, as the NER-UK corpus does; the NER model was trained with
exactly this tokenizer (``training/uk-ner``: the config names ``newsgraph.uk_tokenizer.v1``).
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.util import compile_infix_regex

from .base import AnalyzedDoc, NerSpan, Sentence, Token

# NER-UK labels -> our entity types (the model is trained on PERS/ORG/LOC/MISC, renamed).
LABEL_MAP = {"PERSON": "PERSON", "PERS": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

_HYPHEN_PROBES = ("а-б", "a-b", "а–б")


def customize_tokenizer(nlp) -> None:
    """Drop spaCy's letter-hyphen-letter infix so hyphenated words stay one token."""
    infixes = [p for p in nlp.Defaults.infixes
               if not any(re.search(p, s) for s in _HYPHEN_PROBES)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@spacy.registry.tokenizers("newsgraph.uk_tokenizer.v1")
def create_uk_tokenizer():
    from spacy.tokenizer import Tokenizer  # noqa: F401
    from spacy.util import registry

    default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp):
        tok = default(nlp)
        infixes = [p for p in nlp.Defaults.infixes
                   if not any(re.search(p, s) for s in _HYPHEN_PROBES)]
        tok.infix_finditer = compile_infix_regex(infixes).finditer
        return tok
    return make


# Dictionary features for the NER model: pymorphy3's lemma and a compact class (POS, case, and
# the dictionary's proper-name marks) are written to token.lemma_ / token.tag_ by the first
# component of the pipeline, and the model's tok2vec embeds LEMMA and TAG besides the word's
# NORM/PREFIX/SUFFIX/SHAPE. Inflection makes Ukrainian word forms sparse; lemmas and the
# dictionary's "Geox"/"Name"/"Surn"/"Orgn" marks are what a 300-document corpus cannot teach.
_NAME_MARKS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GAZETTEER_MAX_WORDS = 4


def _gazetteer_key(words) -> str:
    return " ".join(w.casefold().replace("’", "'").replace("ʼ", "'") for w in words)


def name_gazetteer(lemma) -> dict[str, str]:
    """{key: 'LOC' | 'ORG' | 'PER'} from the project's own data, for the NER's gazetteer flag:
    places (the offline gazetteer's Cyrillic names: places.yml, CLDR country names, GeoNames
    cities and first-level regions), organisations (organisations.yml, every script) and given
    names (given_names.yml, Cyrillic). Each name is keyed by its casefolded words and, for a name
    of several words, by the words' lemmas too (`lemma(word)`), so inflected forms in text
    ("Сполучених Штатів" -> "сполучений штат") meet the nominative entry. A place name wins
    over an organisation's, an organisation's over a given name."""
    from ..extract.gazetteer import Gazetteer
    from .data_loader import shared_data

    table: dict[str, str] = {}

    def add(name: str, label: str) -> None:
        words = name.replace("«", " ").replace("»", " ").split()
        if not words or len(words) > _GAZETTEER_MAX_WORDS:
            return
        table.setdefault(_gazetteer_key(words), label)
        if len(words) > 1:
            table.setdefault(_gazetteer_key(lemma(w) for w in words), label)

    for key in Gazetteer()._index:            # normalised (casefolded) place names
        if _CYRILLIC.search(key):
            add(key, "LOC")
    for entry in (shared_data("organisations") or {}).get("organisations") or []:
        for name in entry.get("names") or ():
            add(name, "ORG")
    for names in (shared_data("given_names") or {}).values():
        for name in names or ():
            if _CYRILLIC.search(name):
                add(name, "PER")
    return table


class MorphFeatures:
    """spaCy component ``newsgraph_uk_morph``: lemma and a compact dictionary class per token.

    With ``gazetteer`` on (models trained since the option exists say so in their config), a
    capitalised run of one to four tokens whose words (or lemmas) are a name in
    ``name_gazetteer`` adds ``gLOC`` / ``gORG`` / ``gPER`` to each of its tokens' tag, longest
    run first; the model embeds the tag, so it learns how far to trust the list."""

    def __init__(self, cache_size: int = 200_000, gazetteer: bool = False) -> None:
        import pymorphy3
        from functools import lru_cache

        self.morph = pymorphy3.MorphAnalyzer(lang="uk")
        self.parse = lru_cache(maxsize=cache_size)(self.morph.parse)   # shared with the backend
        self.features = lru_cache(maxsize=cache_size)(self._features)
        self.gazetteer = name_gazetteer(lambda w: self.features(w)[0]) if gazetteer else None

    def _features(self, word: str) -> tuple[str, str]:
        if not any(c.isalpha() for c in word):
            return word, "NUM" if any(c.isdigit() for c in word) else "PUNCT"
        parses = self.parse(word)[:3]
        top = parses[0]
        pos = top.tag.POS or ("LATN" if "LATN" in top.tag.grammemes else "X")
        marks = sorted({g for p in parses for g in _NAME_MARKS if g in p.tag.grammemes})
        parts = [pos, top.tag.case or "-", *marks]
        if top.tag.POS and not self.morph.word_is_known(word):
            parts.append("OOV")
        return (top.normal_form if top.tag.POS else word.lower()), "|".join(parts)

    def gazetteer_labels(self, words: list[str]) -> list[str | None]:
        """The gazetteer label of each word of a token sequence (None where no name covers it)."""
        labels: list[str | None] = [None] * len(words)
        if not self.gazetteer:
            return labels
        i = 0
        while i < len(words):
            step = 1
            if words[i][:1].isupper():
                for n in range(min(_GAZETTEER_MAX_WORDS, len(words) - i), 0, -1):
                    run = words[i:i + n]
                    label = self.gazetteer.get(_gazetteer_key(run))
                    if label is None and n > 1:
                        label = self.gazetteer.get(_gazetteer_key(self.features(w)[0] for w in run))
                    if label is None and n == 1:
                        label = self.gazetteer.get(self.features(run[0])[0])
                    if label:
                        labels[i:i + n] = [label] * n
                        step = n
                        break
            i += step
        return labels

    def __call__(self, doc):
        for t in doc:
            if not t.is_space:
                t.lemma_, t.tag_ = self.features(t.text)
        if self.gazetteer:
            # a run never crosses a whitespace token (a line break): no name has one
            for t, label in zip(doc, self.gazetteer_labels([t.text for t in doc])):
                if label and not t.is_space:
                    t.tag_ = f"{t.tag_}|g{label}"
        return doc


@spacy.Language.factory("newsgraph_uk_morph", default_config={"gazetteer": False})
def make_morph_features(nlp, name, gazetteer: bool):
    return MorphFeatures(gazetteer=gazetteer)


# pymorphy3 (OpenCorpora-style) tags -> Universal POS and UD features.
_POS = {"NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
        "PRTF": "ADJ", "PRTS": "ADJ", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
        "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ"}
_PROPN = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")
_FEATS = (
    ("Case", {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
              "loct": "Loc", "voct": "Voc"}, "case"),
    ("Gender", {"masc": "Masc", "femn": "Fem", "neut": "Neut"}, "gender"),
    ("Number", {"sing": "Sing", "plur": "Plur"}, "number"),
    ("Animacy", {"anim": "Anim", "inan": "Inan"}, "animacy"),
    ("Aspect", {"perf": "Perf", "impf": "Imp"}, "aspect"),
    ("Tense", {"past": "Past", "pres": "Pres", "futr": "Fut"}, "tense"),
    ("Person", {"1per": "1", "2per": "2", "3per": "3"}, "person"),
)
_VERBFORM = {"INFN": "Inf", "PRTF": "Part", "PRTS": "Part", "GRND": "Conv", "VERB": "Fin"}


def _has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\-]+$")   # a capitalised Latin word, no digits ("COVID-19")


def country_names(lang: str) -> frozenset[str]:
    """Country names in a language, casefolded: CLDR's (Babel) and those in places.yml."""
    names: set[str] = set()
    try:
        from babel import Locale

        names.update(n.casefold() for code, n in Locale(lang).territories.items()
                     if len(code) == 2 and code.isalpha())
    except Exception:  # pragma: no cover - Babel is a dependency; a missing locale is no error
        pass
    from .data_loader import shared_data

    for entry in (shared_data("places").get("countries") or {}).values():
        names.update(n.casefold() for n in entry.get("names") or ())
    return frozenset(names)


def _ud(parse, text: str) -> tuple[str, str]:
    """(UPOS, UD feature string) for one pymorphy3 parse."""
    tag = parse.tag
    gram = tag.grammemes
    pos = tag.POS
    if pos is None:
        if "PNCT" in gram or all(not c.isalnum() for c in text):
            return ("PUNCT" if not any(c in "$€£₴%+=<>№§" for c in text) else "SYM"), ""
        if "NUMB" in gram or text[:1].isdigit():
            return "NUM", ""
        if "LATN" in gram:
            return ("PROPN" if text[:1].isupper() else "X"), ""
        return "X", ""
    upos = _POS.get(pos, "X")
    if upos == "NOUN" and any(g in gram for g in _PROPN):
        upos = "PROPN"
    feats = []
    for name, mapping, attr in _FEATS:
        val = getattr(tag, attr, None)
        if val in mapping:
            feats.append(f"{name}={mapping[val]}")
    if tag.case and tag.number is None and "Number=" not in "|".join(feats):
        feats.append("Number=Sing")     # the uk dictionary leaves the singular unmarked
    if pos in _VERBFORM:
        feats.append(f"VerbForm={_VERBFORM[pos]}")
    return upos, "|".join(sorted(feats))


UK_PARAGRAPH_BREAKS = "newsgraph_uk_paragraph_breaks"
# a line that ends in a word, a number or a closing quote (no stop, comma or dash) over one that
# opens with a capital or a quotation mark: two sentences (headline, caption, lead)
UNFINISHED_LINE_END = re.compile(r"[\w»\"”)]$")
LINE_OPENING = re.compile(r"[A-ZА-ЯЁІЇЄҐ«\"„“]")


def paragraph_breaks(doc):
    """A blank line ends a sentence, as in English (lang/en.py): a headline or a lead without a
    full stop is never run into the next paragraph ("... підтвердив перемогу Байдена\n\nПро це
    повідомив ..."). The blank itself closes the sentence before it, never opens one."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
            if tok.i > 0:
                tok.is_sent_start = False
        elif tok.is_space and "\n" in tok.text and tok.i > 0 and \
                UNFINISHED_LINE_END.search(doc[tok.i - 1].text) and \
                LINE_OPENING.match(doc[tok.i + 1].text):
            # a headline or a caption line without a full stop over a capitalised line
            doc[tok.i + 1].is_sent_start = True
            tok.is_sent_start = False
    return doc


def model_path():
    """The packaged NER model (``newsgraph/models/uk_ner``); NEWSGRAPH_UK_NER overrides it."""
    import os

    env = os.environ.get("NEWSGRAPH_UK_NER")
    if env:
        return env
    return resources.files("newsgraph") / "models" / "uk_ner"


class UkrainianBackend:
    code = "uk"

    def __init__(self) -> None:
        import pymorphy3

        from .names import BaseFormer

        path = model_path()
        if not (Path(str(path)) / "meta.json").is_file():
            raise RuntimeError(f"the Ukrainian NER model is missing ({path}): "
                               "train it with training/uk-ner/train.py")
        self.nlp = spacy.load(str(path))
        customize_tokenizer(self.nlp)
        if "sentencizer" not in self.nlp.pipe_names:
            self.nlp.add_pipe("sentencizer", first=True)
        if not spacy.Language.has_factory(UK_PARAGRAPH_BREAKS):
            spacy.Language.component(UK_PARAGRAPH_BREAKS, func=paragraph_breaks)
        if UK_PARAGRAPH_BREAKS not in self.nlp.pipe_names:
            self.nlp.add_pipe(UK_PARAGRAPH_BREAKS, after="sentencizer")
        # the model's first component already holds a MorphAnalyzer and its parse cache: share them
        if "morph" in self.nlp.pipe_names:
            features = self.nlp.get_pipe("morph")
            self.morph = features.morph
            self.former = BaseFormer(self.morph, parse=features.parse)
        else:
            self.morph = pymorphy3.MorphAnalyzer(lang="uk")
            self.former = BaseFormer(self.morph)
        from .data_loader import LanguageData

        data = LanguageData(self.code)
        self.fixes = data["ner_fixes"] or {}
        # news outlets named in claims.yml ("Reuters", "Укрінформ") are organisations, whatever
        # the model calls them (NER-UK has few Latin-script names: it tends to say MISC)
        self.outlets = {tuple(o.casefold().split()) for o in (data["claims"] or {}).get("outlets") or ()}
        self.countries = country_names(self.code)
        # title words ("Прем'єр", "посол") before a country name do not make it part of a longer name
        self.title_lemmas = {w.casefold().replace("’", "'") for w in (data["titles"] or {}).get("titles") or ()}

    def analyze(self, text: str) -> AnalyzedDoc:
        return self._convert(self.nlp(text))

    def analyze_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[AnalyzedDoc]:
        for sdoc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._convert(sdoc)

    # -- NER corrections with the dictionary -----------------------------------------------------
    def _is_name(self, word: str) -> bool:
        return word[:1].isupper() and word.isalpha() and any(
            g in p.tag.grammemes for p in self.former.parse(word)[:4] for g in ("Name", "Surn", "Patr"))

    def _is_common_inanimate(self, word: str) -> bool:
        parses = self.former.parse(word)
        return (bool(parses) and self.morph.word_is_known(word) and parses[0].tag.POS == "NOUN"
                and all("anim" not in p.tag.grammemes and not any(
                    g in p.tag.grammemes for g in ("Name", "Surn", "Patr")) for p in parses[:4]))

    def _not_a_person(self, toks) -> bool:
        """Every word known to the dictionary, none as a name or animate, one a noun."""
        noun = False
        for t in toks:
            if not t.text.isalpha() or not self.morph.word_is_known(t.text):
                return False
            parses = self.former.parse(t.text)[:4]
            if any("anim" in p.tag.grammemes or any(g in p.tag.grammemes for g in ("Name", "Surn", "Patr"))
                   for p in parses):
                return False
            noun = noun or parses[0].tag.POS == "NOUN"
        return noun

    def _fix_spans(self, sdoc, tokens) -> list[tuple[str, str | None, int, int]]:
        """Model spans, with dictionary-checked corrections of PERSON spans: a one-word "person"
        that the dictionary knows only as an inanimate noun is a place ("Вінниці"); a leading
        capitalised inanimate noun is split off as a place ("Сирії Башар Асад" -> LOC "Сирії" +
        PERSON "Башар Асад"), and adjacent capitalised first names/surnames join the span
        ("Башара" + "Асада")."""
        spans = [[e.label_, LABEL_MAP.get(e.label_), e.start, e.end] for e in sdoc.ents]
        text = sdoc.text            # spaCy joins every token's text for each Doc.text: once
        out: list[list] = []
        for sp in spans:
            label, etype, first, last = sp
            if etype == "PERSON" and self._not_a_person(tokens[first:last]):
                sp = ["LOC", "LOC", first, last]     # "Вінниці", "Галич": a known place noun
                out.append(sp)
                continue
            if etype == "PERSON":
                cut = first
                while cut < last - 1 and tokens[cut].text[:1].isupper() \
                        and self._is_common_inanimate(tokens[cut].text) \
                        and self.former.parse(tokens[cut].text)[0].tag.case == "gent":
                    cut += 1
                if cut > first:
                    out.append(["LOC", "LOC", first, cut])
                    sp = [label, etype, cut, last]
            out.append(sp)
        taken = {i for sp in out for i in range(sp[2], sp[3])}
        for sp in out:
            if sp[1] != "PERSON":
                continue
            while sp[2] > 0 and sp[2] - 1 not in taken and self._adjacent(tokens, sp[2] - 1, sp[2]) \
                    and self._is_name(tokens[sp[2] - 1].text):
                sp[2] -= 1
                taken.add(sp[2])
            while sp[3] < len(tokens) and sp[3] not in taken and self._adjacent(tokens, sp[3] - 1, sp[3]) \
                    and self._is_name(tokens[sp[3]].text):
                taken.add(sp[3])
                sp[3] += 1
        org_heads = set(self.fixes.get("org_head_lemmas") or ())
        for sp in out:
            if sp[1] != "ORG" and tuple(t.text.casefold() for t in tokens[sp[2]:sp[3]]) in self.outlets:
                sp[0], sp[1] = "ORG", "ORG"
                continue
            if sp[1] == "LOC" and org_heads:
                for t in tokens[sp[2]:sp[3]]:
                    p = self.former.parse(t.text)[0]
                    if p.tag.POS == "NOUN":
                        if p.normal_form in org_heads:
                            sp[0], sp[1] = "ORG", "ORG"
                        break
        out.extend(self._unseen_outlets(tokens, out))
        out.extend(self._quoted_organisations(tokens, out))
        out.extend(self._latin_names(tokens, out))
        # one type per name in a document: the majority of its mentions' types
        votes: dict[str, dict[str, int]] = {}
        for sp in out:
            if sp[1] in ("PERSON", "ORG", "LOC"):
                k = text[tokens[sp[2]].start:tokens[sp[3] - 1].end].casefold()
                votes.setdefault(k, {}).setdefault(sp[1], 0)
                votes[k][sp[1]] += 1
        for sp in out:
            if sp[1] in ("PERSON", "ORG", "LOC"):
                k = text[tokens[sp[2]].start:tokens[sp[3] - 1].end].casefold()
                ranked = sorted(votes[k].items(), key=lambda kv: -kv[1])
                if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
                    sp[0] = sp[1] = ranked[0][0]
        merged: list[list] = []
        for sp in sorted(out, key=lambda x: x[2]):
            prev = merged[-1] if merged else None
            if prev and prev[1] == sp[1] == "PERSON" and prev[3] == sp[2] \
                    and self._adjacent(tokens, prev[3] - 1, sp[2]):
                prev[3] = sp[3]
                continue
            merged.append(sp)
        return [tuple(sp) for sp in merged]

    def _common_noun(self, word: str) -> bool:
        """A Cyrillic word the dictionary knows as a noun that is no abbreviation and no stop word
        ("Прем'єр", "Британії"; not "ЗС", "Того", "Carry")."""
        if not word.replace("'", "").replace("’", "").isalpha() or word.isupper() \
                or not _has_cyrillic(word) \
                or word.casefold() in self.nlp.Defaults.stop_words:
            return False
        p = self.former.parse(word)[0]
        return p.tag.POS == "NOUN" and "Abbr" not in p.tag.grammemes

    def _unseen_countries(self, text: str, tokens, spans) -> list[tuple]:
        """LOC spans for country names the model did not mark ("Велика Британія вийде з ЄС"):
        runs of one to three capitalised words whose base form is a country's name."""
        from .names import base_of_span

        taken = {i for sp in spans for i in range(sp[2], sp[3])}
        found: list[tuple] = []
        i = 0
        while i < len(tokens):
            for n in (3, 2, 1):
                run = tokens[i:i + n]
                if len(run) < n or any(j in taken for j in range(i, i + n)) \
                        or not all(t.text[:1].isupper() and t.text.isalpha() for t in run) \
                        or not all(self._adjacent(tokens, j, j + 1) for j in range(i, i + n - 1)):
                    continue
                if n == 1 and not self._common_noun(run[0].text):
                    continue        # "Того" at a sentence start is a pronoun, not Togo
                if i > 0 and self._adjacent(tokens, i - 1, i) and (
                        tokens[i - 1].text.isupper() or self._noun_not_title(tokens[i - 1].text)):
                    continue        # "ЗС України", "Міністра оборони України": part of a longer name
                if base_of_span(self.former, text, run, "LOC").casefold() in self.countries:
                    found.append(("LOC", "LOC", i, i + n))
                    i += n - 1
                    break
            i += 1
        return found

    def _quoted_organisations(self, tokens, spans) -> list[list]:
        """ORG spans for a capitalised name of one to five tokens in quotes right after an
        organisation word ("партії «Голос»", "компанії «Укрнафта»") that the model left out."""
        heads = set(self.fixes.get("org_head_lemmas") or ()) | set(self.fixes.get("quoted_org_heads") or ())
        taken = {i for sp in spans for i in range(sp[2], sp[3])}
        found: list[list] = []
        for i in range(1, len(tokens) - 2):
            if tokens[i].text not in ("«", '"', "“", "„") or tokens[i - 1].lemma not in heads \
                    or not self._adjacent(tokens, i - 1, i) or not tokens[i + 1].text[:1].isupper():
                continue
            for k in range(i + 2, min(i + 7, len(tokens))):
                if tokens[k].text in ("»", '"', "”", "“"):
                    if not any(j in taken for j in range(i + 1, k)) \
                            and all(tokens[j].sent == tokens[i].sent for j in range(i + 1, k)):
                        found.append(["ORG", "ORG", i + 1, k])
                    break
                if tokens[k].text in ("«", "„") or tokens[k].pos == "SPACE":
                    break
        return found

    def _noun_not_title(self, word: str) -> bool:
        """A noun that is no title word ("оборони", not "Прем'єр", "посол")."""
        p = self.former.parse(word)[0]
        return p.tag.POS == "NOUN" and p.normal_form.replace("’", "'") not in self.title_lemmas

    def _latin_names(self, tokens, spans) -> list[list]:
        """Names in Latin script the model left out of a Ukrainian text ("Ryanair скасувала
        рейси", "профспілка Vereinigung Cockpit"): companies, unions, brands more often than
        people (Ukrainian news writes people's names in Cyrillic), so ORG."""
        taken = {i for sp in spans for i in range(sp[2], sp[3])}
        found: list[list] = []
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and j not in taken and (j == i or self._adjacent(tokens, j - 1, j)):
                if _LATIN_NAME.match(tokens[j].text):
                    j += 1
                elif tokens[j].text == "&" and j > i and j + 1 < len(tokens) \
                        and _LATIN_NAME.match(tokens[j + 1].text):
                    j += 1          # "Metro Cash & Carry"
                else:
                    break
            if j > i and not (i > 0 and tokens[i - 1].text == "&"):   # no "Carry" of "Cash & Carry"
                found.append(["ORG", "ORG", i, j])
                i = j
            elif j > i:
                i = j
            else:
                i += 1
        return found

    def _unseen_outlets(self, tokens, spans) -> list[list]:
        """ORG spans for news outlets the model did not mark ("повідомляє DW", "Sky News")."""
        taken = {i for sp in spans for i in range(sp[2], sp[3])}
        longest = max((len(o) for o in self.outlets), default=0)
        found: list[list] = []
        i = 0
        while i < len(tokens):
            for n in range(min(longest, len(tokens) - i), 0, -1):
                if not any(j in taken for j in range(i, i + n)) \
                        and tuple(t.text.casefold() for t in tokens[i:i + n]) in self.outlets \
                        and all(self._adjacent(tokens, j, j + 1) for j in range(i, i + n - 1)):
                    found.append(["ORG", "ORG", i, i + n])
                    i += n - 1
                    break
            i += 1
        return found

    @staticmethod
    def _adjacent(tokens, a: int, b: int) -> bool:
        return tokens[a].sent == tokens[b].sent and tokens[b].start - tokens[a].end == 1

    def _convert(self, sdoc) -> AnalyzedDoc:
        from .names import base_of_span

        text = sdoc.text            # spaCy joins every token's text for each Doc.text: once

        sentences, sent_of = [], {}
        for si, s in enumerate(sdoc.sents):
            sentences.append(Sentence(s.start_char, s.end_char, s.start, s.end))
            for t in s:
                sent_of[t.i] = si
        tokens = []
        for t in sdoc:
            if t.is_space:
                upos, feats, lemma = "SPACE", "", t.text
            else:
                p = self.former.parse(t.text)[0]
                upos, feats = _ud(p, t.text)
                lemma = p.normal_form if p.tag.POS else t.text.lower()
            tokens.append(Token(i=t.i, text=t.text, start=t.idx, end=t.idx + len(t.text),
                                lemma=lemma, pos=upos, tag=t.tag_, morph=feats,
                                sent=sent_of.get(t.i, 0)))
        ner = []
        spans = self._fix_spans(sdoc, tokens)
        spans += self._unseen_countries(text, tokens, spans)
        for label, etype, first, last in sorted(spans, key=lambda sp: sp[2]):
            base = base_of_span(self.former, text, tokens[first:last], etype) \
                if etype in ("PERSON", "LOC", "ORG") else text[tokens[first].start:tokens[last - 1].end]
            if etype in ("ORG", "PERSON") and last - first > 1 and base.casefold() not in self.countries \
                    and self._common_noun(tokens[first].text):
                rest = base_of_span(self.former, text, tokens[first + 1:last], "LOC")
                if rest.casefold() in self.countries and not tokens[first + 1].text[:1].islower():
                    first, base = first + 1, rest     # "Прем'єр Великої Британії": a title, a country
            if etype in ("ORG", "PERSON") and base.casefold() in self.countries \
                    and (last - first > 1 or self._common_noun(tokens[first].text)
                         or not self.morph.word_is_known(tokens[first].text)):
                label = etype = "LOC"       # "Великої Британії" is a country, whatever the model says
            start, end = tokens[first].start, tokens[last - 1].end
            ner.append(NerSpan(start, end, label, etype, text[start:end], base, first, last))
        return AnalyzedDoc(text=text, language=self.code, tokens=tokens, sentences=sentences,
                           ner=ner, native=sdoc, has_parser=False)
