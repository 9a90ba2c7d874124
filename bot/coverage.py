"""What the corpus holds: its words, its names, its periods — the basis of abstention.

A question is refused when it asks about something the documents never mention: a name
that does not occur in them ("France", "Hangzhou"), a measure none of whose words occur
("population", "hospitals", "GDP"), an identifier with digits they never write ("6G"), a
year they never speak of ("2030"), or nothing recognisable at all. This is decided from the
corpus itself, not from a similarity threshold, so an unusual phrasing of a question the
corpus can answer is not refused for scoring low.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .index import Index
from .query import Query
from .text import tokens, words

_NAME = re.compile(r"\b[A-Z][a-zA-Z]+\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Gap:
    """Why the corpus cannot answer: ``kind`` is entity, metric, period or nonsense."""

    kind: str
    what: str


class Coverage:
    def __init__(self, index: Index) -> None:
        texts = [d.text for d in index.documents.values()] + [
            d.title for d in index.documents.values()
        ]
        self.vocabulary: set[str] = set()
        self.words: set[str] = set()
        self.names: set[str] = set()
        self.years: set[int] = set()
        for text in texts:
            self.vocabulary.update(tokens(text))
            self.words.update(words(text))
            self.names.update(n.lower() for n in _NAME.findall(text))
            self.years.update(int(y) for y in _YEAR.findall(text))
        for f in index.figures:
            self.vocabulary.update(tokens(f.label))
            for p in (f.period, f.date):
                if p and _YEAR.match(p):
                    self.years.add(int(p[:4]))
        # How telling each word is: rare words weigh more when a figure is matched by words.
        df: Counter[str] = Counter()
        for p in index.passages:
            df.update(set(tokens(p.text)))
        n = max(1, len(index.passages))
        self.idf = {t: math.log((n - c + 0.5) / (c + 0.5) + 1.0) for t, c in df.items()}
        # The documents' main subjects: names in their titles ("Yiwu").
        self.subjects = {n.lower() for d in index.documents.values()
                         for n in _NAME.findall(d.title)}

    def known_name(self, name: str) -> bool:
        parts = [p.lower() for p in name.split()]
        return all(p in self.names or p in self.words for p in parts)

    def gap(self, query: Query) -> Gap | None:
        """The reason the corpus cannot hold the answer, or None if it may."""
        for name in query.entities:
            if not self.known_name(name):
                return Gap("entity", name)
        if query.lang != "en":
            return None  # the measure is judged later, by cross-lingual similarity
        asked = words(query.text)
        if not any(w in self.words or w in self.vocabulary for w in asked if len(w) > 1):
            return Gap("nonsense", query.text)
        for w in asked:  # identifiers such as "6G" or "H7N9" must match exactly
            if re.fullmatch(r"(?=.*\d)(?=.*[a-z])[a-z0-9]+", w) and w not in self.words:
                if not re.fullmatch(r"q[1-4]|h[12]|\d+(?:st|nd|rd|th)", w):
                    return Gap("metric", w)
        if query.metric and not any(t in self.vocabulary for t in query.metric):
            unknown = [w for w in re.findall(r"[A-Za-z][A-Za-z-]*", query.text)
                       if tokens(w) and tokens(w)[0] in query.metric]
            return Gap("metric", ", ".join(dict.fromkeys(unknown)) or " ".join(query.metric))
        if query.year is not None and query.year not in self.years:
            return Gap("period", str(query.year))
        return None

    def foreign_subject(self, query: Query) -> list[str]:
        """Names the question is about ("Jinhua's output") that no document is about."""
        return [n for n in query.entities
                if n.lower() not in self.subjects and n not in query.scopes]

    def foreign_scope(self, query: Query) -> list[str]:
        """Names that only place the question ("rank in Jinhua")."""
        return [n for n in query.scopes if n.lower() not in self.subjects]
