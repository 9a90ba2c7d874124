"""What the corpus holds: its words, its names, its periods — the basis of abstention.

A question is refused when it asks about something the documents never mention: a name
that does not occur in them ("France", "Hangzhou"), a measure none of whose words occur
("population", "hospitals", "GDP"), an identifier with digits they never write ("6G"), a
year they never speak of ("2030"), or nothing recognisable at all. This is decided from the
corpus itself, not from a similarity threshold, so an unusual phrasing of a question the
corpus can answer is not refused for scoring low.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import threading
from dataclasses import dataclass
from functools import cached_property

from . import about, zh
from .glossary import Glossary
from .index import Index
from .query import FRAME_WORDS, PROVINCE, Query
from .spelling import Speller, document_words
from .text import QUESTION_WORDS, STOPWORDS, names_in, stem, tokens, words

log = logging.getLogger(__name__)
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HYPHENATED = re.compile(r"\b([A-Za-z]{2,})[-‐‑]([A-Za-z]{2,})\b")
_LONG_WORD = re.compile(r"\b[A-Za-z]{7,}\b")
_PAIR = re.compile(r"\b([A-Za-z]{2,})[ -]([A-Za-z]{2,})\b")
_PROVINCE = re.compile(r"\b([A-Z][a-z]+)\s+Provinc(?:e|ial)\b|\bprovince of ([A-Z][a-z]+)\b")


@dataclass(frozen=True)
class Gap:
    """Why the corpus cannot answer: ``kind`` is entity, metric, period or nonsense."""

    kind: str
    what: str | None  # what the documents hold nothing about, None if no one word says


class Coverage:
    def __init__(self, index: Index) -> None:
        # The words of the passages (and headings) come from the lexical index, which has
        # already tokenised them; re-reading the corpus would cost seconds at 100k passages.
        df = index.lexical.document_frequencies()
        n = max(1, index.lexical.count())
        # How telling each word is: rare words weigh more when a figure is matched by words.
        self.idf = {t: math.log((n - c + 0.5) / (c + 0.5) + 1.0) for t, c in df.items()}
        self.vocabulary: set[str] = set(df)
        self.names: set[str] = set()
        self.years: set[int] = set()
        for d in index.documents.values():
            for text in (d.title, d.text):
                self.names.update(n.lower() for n in _NAME.findall(text))
                self.years.update(int(y) for y in _YEAR.findall(text))
            self.vocabulary.update(tokens(d.title))
        for f in index.figures:
            self.vocabulary.update(f.keywords)
            for p in (f.period, f.date):
                if p and _YEAR.match(p):
                    self.years.add(int(p[:4]))
        # The province a document is set in, when it names one only ("Zhejiang Provincial
        # Party Committee"): its "the province" is that one.
        self.province: dict[str, str] = {}
        for d in index.documents.values():
            named = {(a or b).lower() for a, b in _PROVINCE.findall(d.text)}
            if len(named) == 1:
                self.province[d.id] = named.pop()
        # The places figures are placed in ("Jinhua", "China").
        self.places = {w.lower() for f in index.figures for w in _NAME.findall(f.scope or "")}
        # and the words of figures as written, which are no names ("RMB")
        self.units = {w.lower() for f in index.figures for w in re.findall(r"[A-Za-z]+", f.text)}
        # The documents' main subjects: names in their titles ("Yiwu").
        self.subjects = {n.lower() for d in index.documents.values()
                         for n in _NAME.findall(d.title)}
        self._glossary: Glossary | None = None
        self._speller: Speller | None = None
        self._documents = list(index.documents.values())
        self._glossary_lock = threading.Lock()
        self._splits: dict[str, str] = {}  # a word the documents write apart, as they do

    def glossary(self) -> Glossary:
        """CC-CEDICT in this corpus's words, read on first use (~15 ms, ~8 MB)."""
        with self._glossary_lock:
            if self._glossary is None:
                try:
                    self._glossary = Glossary(self.vocabulary)
                except Exception:  # Chinese questions then go by e5's similarity alone
                    log.exception("the CC-CEDICT glossary could not be read; Chinese "
                                  "questions are matched without the English of their words")
                    self._glossary = Glossary(self.vocabulary, table=b"")
            return self._glossary

    def read_chinese(self, query: Query) -> Query:
        """``query`` (a Chinese question's) with its measure words in the corpus's English,
        and without the "people" jieba's dictionary makes of common words ("智能化")."""
        glossary = self.glossary()
        found = zh.name_words(query.text)
        # jieba's person and place tags on common words: "智能化" a person, "上市" (listed)
        # a place
        common = {zh.romanise(w) for w, _, tag in found if tag in ("nr", "ns")
                  and glossary.is_common_word(w)}
        measure = tuple(glossary.measure_words(query.text, [w for w, _, _ in found]))
        # A name the documents write in English, not in pinyin: 中国 is "China", not
        # "Zhongguo" (CC-CEDICT's English for it, when the documents use that word).
        english = {}
        for w, _, _ in found:
            if (name := glossary.english_name(w)) and name in self.names:
                english[zh.romanise(w)] = name.capitalize()
        return dataclasses.replace(
            query, measure=measure,
            # Nouns ("汽车", car) with no English in the corpus; verbs ("拨付", to pay out)
            # and words jieba does not know say too little about the measure to count.
            missing=tuple(w for w, have in measure if not have and not glossary.is_verb(w)
                          and (zh.tag(w) or "").startswith("n")),
            entities=[english.get(e, e) for e in query.entities if e not in common],
            scopes=[english.get(e, e) for e in query.scopes if e not in common])

    def without_common_opening(self, query: Query) -> Query:
        """``query`` without the name its capitalised opening word was taken for, when the
        documents use that word and never as a name: "Number of 5G base stations in Yiwu?"
        names no "Number" (nor "Amount", "Size"); "Jinhua's output?" still names Jinhua."""
        first = re.match(r"\s*([A-Z][a-z]+)\b", query.text)
        if not first or first.group(1) not in query.entities:
            return query
        word = first.group(1).lower()
        if stem(word) not in self.vocabulary or word in self.proper:
            return query
        return dataclasses.replace(query, entities=[e for e in query.entities
                                                    if e != first.group(1)])

    @cached_property
    def proper(self) -> set[str]:
        """Words written capitalised within sentences: names, "SAP" even where it opens one.
        Read on the first question for names, not at start-up (every document's text)."""
        return {w for d in self._documents for line in d.text.splitlines()
                for n in names_in(line) for w in n.split() if w not in STOPWORDS}

    def speller(self) -> Speller:
        """Misspellings put right toward the documents' words (made on first use)."""
        with self._glossary_lock:
            if self._speller is None:
                # the documents' words and the words questions are asked with ("waht")
                self._speller = Speller(
                    document_words(d.text for d in self._documents) | QUESTION_WORDS
                    | about.WORDS,
                    self.vocabulary)
            return self._speller

    def join_compounds(self, question: str) -> str:
        """``question`` with two words written apart that the documents write as one
        joined ("live streaming" → "livestreaming", "on line" → "online"), when one of
        them alone is a word the documents never use; and two joined by a hyphen that they
        never write joined apart ("digital-economy" → "digital economy")."""
        def joined(m: re.Match[str]) -> str:
            a, b = m.group(1), m.group(2)
            if "-" in m.group(0):
                return m.group(0)  # read as one word already ("provincial-level")
            known = stem(a.lower()) in self.vocabulary and stem(b.lower()) in self.vocabulary
            if stem((a + b).lower()) in self.vocabulary and not known:
                return a + b
            return m.group(0)

        def apart(m: re.Match[str]) -> str:
            a, b = m.group(1), m.group(2)
            if stem((a + b).lower()) not in self.vocabulary and stem(b.lower()) in self.vocabulary:
                return f"{a} {b}"
            return m.group(0)
        # and the reverse: "digital-economy pilots" are the documents' "digital economy"
        question = _PAIR.sub(joined, _HYPHENATED.sub(apart, question))
        return _LONG_WORD.sub(lambda m: self._split(m.group(0)), question)

    def _split(self, word: str) -> str:
        """``word`` as the two words the documents write apart ("basestations" → "base
        stations"), when it is no word of theirs; else as it is. Remembered per word."""
        if stem(word.lower()) in self.vocabulary:
            return word
        with self._glossary_lock:
            if word.lower() not in self._splits:
                self._splits[word.lower()] = next(
                    (f"{word[:i]} {word[i:]}" for i in range(3, len(word) - 2)
                     if stem(word[:i].lower()) in self.vocabulary
                     and stem(word[i:].lower()) in self.vocabulary
                     and any(re.search(rf"\b{word[:i]}\s+{word[i:]}", d.text, re.I)
                             for d in self._documents)), word)
            return self._splits[word.lower()]

    def known_name(self, name: str) -> bool:
        parts = [p.lower() for p in name.split()]
        joined = "".join(parts)  # "Yi Wu" is Yiwu
        return joined in self.names or all(p in self.names or stem(p) in self.vocabulary
                                           for p in parts)

    def place_names(self, name: str, doc_id: str) -> tuple[str, ...]:
        """How document ``doc_id`` may write the place ``name`` (lower case): "Zhejiang" is
        also "the province" and "provincial" in a document set in Zhejiang, and the reverse."""
        n = name.lower()
        province = self.province.get(doc_id)
        if province and n in (province, PROVINCE):
            return (province, PROVINCE, "provincial")
        return (n,)

    @staticmethod
    def _measure_words(query: Query) -> str:
        """The question's words that name its measure, as written, neighbours kept together:
        "hospitals, schools", "quantum chromodynamics"."""
        phrases: list[list[str]] = [[]]
        for w in re.findall(r"[A-Za-z][A-Za-z-]*|\S", query.text):
            if tokens(w) and tokens(w)[0] in query.metric:
                phrases[-1].append(w)
            elif phrases[-1]:
                phrases.append([])
        return ", ".join(dict.fromkeys(" ".join(p) for p in phrases if p))

    def gap(self, query: Query) -> Gap | None:
        """The reason the corpus cannot hold the answer, or None if it may."""
        for name in query.entities:
            if not self.known_name(name):
                return Gap("entity", name)
        if query.lang != "en":
            # The measure is judged later by cross-lingual similarity, unless none of the
            # words naming it has English the corpus uses ("医院", hospital).
            if query.measure and not any(found for _, found in query.measure):
                return Gap("metric", "、".join(w for w, _ in query.measure))
            # the thing counted or measured has no English the corpus uses ("从业人员有多少?",
            # how many employees), whatever words describe it ("数字经济"); a share's 比重
            # is the comparison's own word
            counted = [w for w, found in query.measure if not found
                       and _counted_zh(query.text, w) and not self.glossary().is_verb(w)]
            if counted and query.intent != "compare":
                return Gap("metric", counted[0])
            return None
        asked = words(query.text)
        if not any(stem(w) in self.vocabulary for w in asked if len(w) > 1):
            # named by its measure words ("hospitals"), never the whole question read back
            return Gap("nonsense", self._measure_words(query) or None)
        for w in asked:  # identifiers such as "6G" or "H7N9" must match exactly
            if re.fullmatch(r"(?=.*\d)(?=.*[a-z])[a-z0-9]+", w) and stem(w) not in self.vocabulary:
                # quarters, ordinals and amounts ("500m", "24bn") are not identifiers
                if not re.fullmatch(r"q[1-4]|h[12]|\d+(?:st|nd|rd|th)|\d+(?:k|m|mn|bn|b|tn)", w):
                    return Gap("metric", w)
        if query.metric and not any(t in self.vocabulary for t in query.metric):
            return Gap("metric", self._measure_words(query) or " ".join(query.metric))
        if (m := _ATTRIBUTE_OF.match(query.text)) and (attr := m.group("attr").lower()) and \
                stem(attr) not in self.vocabulary and stem(attr) not in FRAME_WORDS and \
                attr not in _ASKED_OF:
            # "What is the bandwidth of the Internet channel?": the channel is there, its
            # bandwidth is not
            return Gap("metric", attr)
        if query.year is not None and query.year not in self.years:
            return Gap("period", str(query.year))
        return None

    def foreign_subject(self, query: Query) -> list[str]:
        """Names the question is about ("Jinhua's output", "SAP") that no document is about.
        A rank asked of the documents' own subject places it among the others named ("yiwu
        ranking zhejiang" is Yiwu's rank in Zhejiang, not Zhejiang's)."""
        if self._ranked_here(query):
            return []
        return [n for n in query.entities
                if n.lower().replace(" ", "") not in self.subjects and n not in query.scopes]

    def foreign_scope(self, query: Query) -> list[str]:
        """Names that only place the question ("rank in Jinhua"; every other name of a rank
        asked of the documents' subject: "yiwu ranking zhejiang")."""
        names = query.scopes
        if self._ranked_here(query):  # (and "nationally": China)
            names = query.entities + query.scopes
        return [n for n in dict.fromkeys(names) if n.lower().replace(" ", "") not in self.subjects]

    def _ranked_here(self, query: Query) -> bool:
        return query.intent == "rank" and any(e.lower().replace(" ", "") in self.subjects
                                              for e in query.entities)


_ATTRIBUTE_OF = re.compile(r"^\s*(?:what|how\s+(?:much|many|big|large|high))\s*"
                           r"(?:[’']s|is|was|are|were)\s+the\s+(?P<attr>[a-z][\w-]*)\s+of\b", re.I)
# what is asked of a measure, not an attribute of a thing: "the count of 5G base stations"
_ASKED_OF = frozenset("""count counts tally scale share proportion ratio name names list kind
    type sort breakdown details detail meaning purpose aim goal role status average mean sum
    total difference gap product""".split())
_ZH_HOW_MANY_AFTER = re.compile(r"^(?:有|是|为|达|共|一共)?(?:多少|几)")
_ZH_HOW_MANY_BEFORE = re.compile(r"(?:多少|几)[个家项次座所台名位条部辆栋处种批类件款只张本户人]?$")


def _counted_zh(text: str, word: str) -> bool:
    """Whether ``word`` is what a Chinese question counts or measures: right before "有多少"
    ("从业人员有多少?") or right after "多少"/"几个" ("多少家医院")."""
    i = text.find(word)
    return i >= 0 and bool(_ZH_HOW_MANY_AFTER.match(text[i + len(word):])
                           or _ZH_HOW_MANY_BEFORE.search(text[:i]))
