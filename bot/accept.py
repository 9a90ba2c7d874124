"""Whether a figure answers a question: the rules a candidate figure passes before it is
given as the answer (:class:`Acceptance`). Matching ranks the figures (:mod:`bot.match`);
these decide whether the best of them answers at all, or the question is refused."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from .coverage import Coverage
from .match import SEMANTIC_MIN, Candidate, FigureMatcher
from .query import Query, counted
from .text import STOPWORDS, stem, tokens, words

SEMANTIC_ONLY_MIN = 0.6
ZH_COVERAGE_MIN = 0.34  # of a Chinese question's measure words (see bot.glossary)
COVERAGE_MIN = 0.67
CLOSE_MIN = 0.6  # MiniLM's cosine of a question to a figure's label that is close in meaning
COUNTED_UNKNOWN_MIN = 0.55  # "how many 5G cell towers?" 0.60, "how many 5G users?" 0.51
# How telling a word must be (in the documents, log-odds of a passage lacking it) for its
# absence near a figure to rule the figure out, short of the question's words mostly there
RARE_IDF = 2.5
# … and each word of two that name a measure (see Acceptance.other_measure): "added value" 2.6
# both; "digital economy" 0.3 and 0.8 in the article
MEASURE_IDF = 2.0

_ADDED = re.compile(r"\b(?:add(?:ed|s|ing)?|new(?:ly)?|alone|during\s+(?:that|the)\s+year)\b",
                    re.I)
# A count's label that says which of the things were counted: those selected, shortlisted …
_SELECTED = re.compile(r"\b(?:selected|shortlisted|named|chosen|listed|approved|awarded|"
                       r"recogni[sz]ed|certified|designated|included|ranked|qualified|"
                       r"honou?red|picked)\b", re.I)
# … and a question asking about a selection in other words: "made the list", "were chosen"
_CHOSEN = re.compile(r"\b(?:list|shortlist|cut|select\w*|choose|chose|pick\w*|name|make|made|"
                     r"get|got|win|won|earn\w*|qualif\w*|recogni[sz]\w*)\b", re.I)
_CHOSEN_ZH = re.compile(r"入选|选为|选入|评为|获评|被评|列入|认定|入围|上榜|命名|示范|名单|选中|"
                        r"挑选")
# Words that say which of a measure's figures is asked (its growth, rank, share or total),
# not which measure: "growth rate" names no measure a figure's label must carry
_KIND_WORDS = frozenset(stem(w) for w in """growth grow rate total number amount percentage
    percent share rank ranking level proportion ratio increase figure""".split())
# A figure for each person (or household, worker …): only a figure stated per the same
_PER_HEAD = re.compile(r"\bper[- ](capita|person|head|resident|inhabitant|citizen|household|"
                       r"family|employee|worker|student|user)\b", re.I)


class Acceptance:
    def __init__(self, coverage: Coverage, matcher: FigureMatcher) -> None:
        self.coverage = coverage
        self.matcher = matcher
        self._rare_before = lru_cache(maxsize=1024)(self._rare_words_before)
        self._measures_named = lru_cache(maxsize=1024)(self._measures_named)

    def __call__(self, c: Candidate, q: Query) -> bool:
        """Whether candidate ``c`` answers ``q``: of the unit and period asked, about the
        documents' own subject and placed where asked, and carrying enough of the question's
        words, or close enough in meaning where it words them otherwise."""
        if not c.unit_ok or c.period_ok is False:
            return False
        if q.period and len(c.figure.period or "") == 10 and _ADDED.search(q.text):
            # a stock "to date" does not say how many were added within the year asked
            return False
        if (per := _PER_HEAD.search(q.text)) and not re.search(
                rf"\bper[- ]{per.group(1)}", self.matcher.sentence_of(c.fidx), re.I):
            return False  # "output per capita" is not the output
        label = c.figure.label.lower()
        if any(not re.search(rf"\b{re.escape(n.lower())}\b", label)
               for n in self.coverage.foreign_subject(q)):
            # Every figure is about a document's own subject, not another place; a name its
            # label holds is part of the measure ("dedicated Internet channel").
            return False
        placed = f"{c.figure.scope or ''} {c.figure.label}".lower()
        for name in self.coverage.foreign_scope(q):
            if not any(n in placed for n in self.coverage.place_names(name, c.figure.doc_id)):
                return False
        if self.qualified_otherwise(c, q) or self.other_measure(c, q) or self.of_another(c, q):
            return False
        if q.lang != "en":
            # Close in meaning, and, when the question's measure words have English the
            # corpus uses, carrying enough of them ("直播 零售" is not the e-commerce volume).
            # A measure word the corpus has no English for ("汽车" in 新能源汽车销量) asks
            # for more of the others, as an unknown English word does.
            if c.coverage is None:
                return c.semantic >= SEMANTIC_MIN["zh"]
            # A label carrying every measure word, of the period asked, may be a little less
            # close in meaning ("一季度义乌搞了多少场直播？", colloquial 搞 for 开展: 0.773).
            floor = SEMANTIC_MIN["zh"] - (0.04 if c.coverage >= 0.99 and c.period_ok else 0.0)
            if c.coverage < COVERAGE_MIN and self.elsewhere(c, q):
                return False
            return c.semantic >= floor and c.coverage >= (
                COVERAGE_MIN if q.missing else ZH_COVERAGE_MIN)
        if c.coverage is None:  # none of the question's words is the corpus's: meaning only
            return c.semantic >= SEMANTIC_ONLY_MIN
        unknown = [m for m in q.metric if m not in self.coverage.vocabulary]
        if unknown and not self.names_counted(c, q):
            # Words the corpus never uses: the figure must be close in meaning, a little less
            # so when it also matches the period the question names, and more when one names
            # the thing counted ("how many 5G users?" is not about the 5G base stations).
            floor = 0.5
            if c.coverage >= 0.99 and len(q.metric) - len(unknown) >= 3:
                # every one of three or more known words carried: one unknown word is likely
                # the documents' own in other words ("appraisal" for "evaluation")
                floor = 0.45
            if q.intent == "how_many" and set(unknown) & set(counted(q.text)):
                floor = COUNTED_UNKNOWN_MIN
            if c.period_ok and c.coverage >= COVERAGE_MIN:
                floor = 0.35
            if c.semantic < floor:
                return False
        if c.coverage >= COVERAGE_MIN:
            return True
        if self.elsewhere(c, q):
            return False
        return (
            c.coverage >= 0.34 and c.semantic >= SEMANTIC_MIN["en"]) or (
            # close in meaning, of the period asked, in other words for some of it ("How much
            # funding did the city provide for digital transformation in 2021?": municipal,
            # allocated)
            c.coverage >= 0.3 and c.semantic >= CLOSE_MIN and c.period_ok is True) or (
            c.coverage >= 0.5 and c.period_ok is True) or (  # half the words, and the period
            c.coverage >= 0.5 and len(counted(q.text)) >= 2 and self.names_counted(c, q))
        # … or half, and the label names all of what "how many" counts ("traditional
        # industries"), in two words or more

    def elsewhere(self, c: Candidate, q: Query) -> bool:
        """Whether a rare word of the question, which the documents use, qualifies one of the
        figure's words but stands nowhere near the figure: "the growth of cross-border
        e-commerce" is not that of e-commerce, the documents speaking of cross-border
        e-commerce elsewhere."""
        pairs = self._rare_before(q.text) if q.lang == "en" else self._rare_before_zh(q)
        if not pairs:
            return False
        label, sentence = self.matcher.tokens_of(c.fidx)
        near = label | sentence | self.matcher.passage_tokens(c.passage_idx)
        # a rare word right before one of the figure's own: it qualifies the measure
        return any(w not in near and nxt in label for w, nxt in pairs)

    def other_measure(self, c: Candidate, q: Query) -> bool:
        """Whether the question names in two words a measure the documents label other
        figures with, of which neither word is in the figure's label or sentence: "the added
        value of the digital economy's core industries" is not the amount allocated to them,
        the documents giving "added value" of other industries."""
        label, sentence = self.matcher.tokens_of(c.fidx)
        near = label | sentence
        if q.lang != "en":
            # the last measure word, the head of a Chinese noun phrase, when its English is
            # one of those ("数字经济核心产业增加值": 增加值, added). Only of an amount: what
            # "多少" counts is named in looser English ("项目" project, for "programs").
            if q.intent == "how_many" or not q.measure:
                return False
            english = set(q.measure[-1][1])
            return bool(english & self._measure_words) and not english & near
        # neither word: one of them there is the measure in other forms ("economy output" of
        # "digital economic output value")
        if any(not set(p) & near for p in self._measures_named(q.text)):
            return True
        # a telling word of the question in neither this figure's label nor its sentence, in
        # the label of another that names more of the question: "the index on the integration
        # of informatization and industrialization" is not the comprehensive informatization
        # development index
        asked = set(tokens(q.text))
        missing = {t for t in asked if t not in near and t in self._labels_with
                   and self.coverage.idf.get(t, 0.0) >= MEASURE_IDF}
        if not missing:
            return False
        own = len(asked & label)
        return any(len(asked & self._label_tokens[i]) > own
                   for t in missing for i in self._labels_with[t])

    def of_another(self, c: Candidate, q: Query) -> bool:
        """Whether the figure is the measure asked, but of something else: "the added value
        of the digital economy" is not the "added value of strategic emerging industries" —
        the label's "of …" shares no word with the question, and the question's own words
        besides the measure are neither in the label nor in the figure's sentence."""
        if q.lang != "en" or not (m := _OF.match(c.figure.label)):
            return False
        asked = set(tokens(q.text))
        measure, of = set(tokens(m.group("m"))), set(tokens(m.group("of")))
        if not measure or not measure <= asked or in_some_form(of, asked):
            return False
        label, sentence = self.matcher.tokens_of(c.fidx)
        own = {t for t in q.metric if t not in measure}
        return bool(own) and not in_some_form(own, label | sentence)

    @cached_property
    def _measure_pairs(self) -> frozenset[tuple[str, str]]:
        """Every two words standing together in a figure's label, both telling words of the
        documents ("digital economy", their subject, names no measure); made on first use."""
        return frozenset(p for f in self.matcher.index.figures for p in _pairs(f.label)
                         if self._telling(p))

    @cached_property
    def _label_tokens(self) -> list[frozenset[str]]:
        """Each figure's label words, by position; made on first use."""
        return [frozenset(tokens(f.label)) for f in self.matcher.index.figures]

    @cached_property
    def _labels_with(self) -> dict[str, frozenset[int]]:
        """The figures (by position) whose labels hold each word; made on first use."""
        out: dict[str, set[int]] = {}
        for i, words_ in enumerate(self._label_tokens):
            for t in words_:
                out.setdefault(t, set()).add(i)
        return {t: frozenset(ids) for t, ids in out.items()}

    @cached_property
    def _measure_words(self) -> frozenset[str]:
        """The words of :attr:`_measure_pairs`."""
        return frozenset(w for p in self._measure_pairs for w in p)

    def _measures_named(self, text: str) -> tuple[tuple[str, str], ...]:
        """The question's pairs of words that name a measure (:attr:`_measure_pairs`)."""
        return tuple(p for p in _pairs(text) if p in self._measure_pairs)

    def _telling(self, pair: tuple[str, str]) -> bool:
        return min(self.coverage.idf.get(w, 0.0) for w in pair) >= MEASURE_IDF

    def _rare_before_zh(self, q: Query) -> tuple[tuple[str, str], ...]:
        """:meth:`_rare_words_before` of a Chinese question, in the English of its measure
        words: "数字经济核心产业" gives ("core", "industries")."""
        idf, vocabulary = self.coverage.idf, self.coverage.vocabulary
        is_verb = self.coverage.glossary().is_verb  # "推进改造": pushed on, not a kind of it
        return tuple((w, nxt) for (word, before), (_, after) in zip(q.measure, q.measure[1:],
                                                                     strict=False)
                     if len(before) == 1 and (w := before[0]) in vocabulary
                     and idf.get(w, 0.0) >= RARE_IDF and not is_verb(word) for nxt in after)

    def _rare_words_before(self, text: str) -> tuple[tuple[str, str], ...]:
        """(rare word the documents use, the word after it) of a question, read once per
        question however many figures are weighed (see :meth:`elsewhere`)."""
        said = [stem(w) for w in words(text)]
        return tuple((w, nxt) for w, nxt in zip(said, said[1:], strict=False)
                     if w in self.coverage.vocabulary
                     and self.coverage.idf.get(w, 0.0) >= RARE_IDF)

    def qualified_otherwise(self, c: Candidate, q: Query) -> bool:
        """Whether "how many X?" meets a count of only the X selected in some way that the
        question never mentions: "How many companies are there in Yiwu?" is not answered by
        the "companies and institutions selected as provincial-level digital economy
        demonstration programs", nor "how many counties are in Zhejiang?" by the five
        shortlisted; "how many 5G base stations?" is by "5G base stations built"."""
        if q.intent != "how_many" or q.lang == "en" and not counted(q.text):
            return False
        m = _SELECTED.search(c.figure.label)
        if not m:
            return False
        if q.lang != "en":  # "义乌有多少家高新技术企业?" is not asked of those 入选 anything
            return not _CHOSEN_ZH.search(q.text)
        qualifier = set(tokens(c.figure.label[m.start():]))
        return not qualifier & set(tokens(q.text)) and not _SELECTED.search(q.text) \
            and not _CHOSEN.search(q.text)

    def names_counted(self, c: Candidate, q: Query) -> bool:
        """Whether the figure's label names all of what "how many" counts, so the words the
        corpus does not know are the question's verbs ("how many traditional industries is
        Yiwu targeting?"), not the counted thing ("how many 5G users?")."""
        what = counted(q.text) if q.intent == "how_many" else []
        label, _ = self.matcher.tokens_of(c.fidx)
        return bool(what) and all(t in label for t in what)


def _pairs(text: str) -> set[tuple[str, str]]:
    """Two words side by side in ``text``, stemmed, in either order ("value added" is
    "added value"), neither a stop word nor one of the kind words (:data:`_KIND_WORDS`)."""
    said = [None if w in STOPWORDS else stem(w) for w in words(text)]
    return {(a, b) if a <= b else (b, a) for a, b in zip(said, said[1:], strict=False)
            if a and b and a not in _KIND_WORDS and b not in _KIND_WORDS}


# A label that is a measure of something: "added value of strategic emerging industries",
# "growth of e-commerce volume" (the measure in up to four words)
_OF = re.compile(r"^(?P<m>(?:[\w-]+\s+){0,3}?[\w-]+)\s+of\s+(?P<of>.+)$")


def in_some_form(words: set[str], among: set[str]) -> set[str]:
    """Those of ``words`` that are among ``among``, in another form too ("economi" of
    "econom", "provinc" of "provinci": one a prefix of the other, five letters or more)."""
    return {w for w in words if w in among or any(
        len(w) >= 5 and len(t) >= 5 and (t.startswith(w) or w.startswith(t)) for t in among)}
