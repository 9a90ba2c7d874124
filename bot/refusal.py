"""Refusals: the answer when the documents do not hold what is asked, saying what they do
hold instead (the figures nearest the question, or the measure asked given for another
period, or given with no growth rate), and never a number: a refusal cites nothing a number
could stand in."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from . import phrasing
from .compose import Composer
from .converse import Resolved
from .coverage import Coverage
from .engine import Reply
from .index import Index, LabelVectors
from .match import Candidate, FigureMatcher
from .models import Figure
from .query import UNITS_FOR, Query
from .question_periods import period_phrase
from .retrieve import Hit


class Refusals:
    def __init__(self, index: Index, coverage: Coverage, matcher: FigureMatcher,
                 compose: Composer, acceptable: Callable[[Candidate, Query], bool]) -> None:
        self.index = index
        self.coverage = coverage
        self.matcher = matcher
        self.compose = compose
        self.acceptable = acceptable

    def level_only(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                    labels: LabelVectors | None) -> Figure | None:
        """The figure a growth is asked of, when the documents give it and no growth of it."""
        q = Query(**{**r.query.__dict__, "intent": "how_much",
                     "units": UNITS_FOR["how_much"] + ("%",)})
        ranked = self.matcher.rank(q, hits, qvec, label_vectors=labels, prefer_of=r.prefer_of)
        best = next((c for c in ranked if self.acceptable(c, q)), None)
        if best is None or best.figure.of or (best.coverage or 0) < 0.99 \
                or self.matcher.growth_of.get(best.figure.id):
            return None
        return best.figure

    def other_period(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                      labels: LabelVectors | None) -> Figure | None:
        """The figure that would answer, were it not for another period than the one asked."""
        if not r.query.period:
            return None
        q = Query(**{**r.query.__dict__, "period": None, "year": None})
        ranked = self.matcher.rank(q, hits, qvec, label_vectors=labels, prefer_of=r.prefer_of)
        return next((c.figure for c in ranked if self.acceptable(c, q)), None)

    def abstain(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                 labels: LabelVectors | None, top_k: int, what: str | None,
                 other: Figure | None = None, no_growth: bool = False) -> Reply:
        """A plain refusal; the figures nearest the question become suggestions. The text
        names them without their values: a refusal cites nothing a number could stand in."""
        near: list[Figure] = [other] if other else []
        # The nearest figures among those of the retrieved passages: no scan of every label.
        pool = list(dict.fromkeys(fi for h in hits for fi in self.matcher.figures_in(h.idx)))
        if labels is not None and pool:
            sims = labels[pool] @ qvec
            near += [self.index.figures[pool[i]] for i in np.argsort(-sims)[:6]
                     if self.index.figures[pool[i]] is not other]
        suggestions = list(dict.fromkeys(phrasing.question_for(f) for f in near))[:3]
        spans: list[tuple[int, int]] = []  # highlighted: only what the refusal names
        if other is not None and no_growth:
            answer = (f"The documents do not say: they give the {other.label}, but no growth "
                      "rate for it.")
        elif other is not None and len(other.period or "") == 10:  # a stock as of a date
            answer = (f"The documents do not say: they give the {other.label} to date, not "
                      "those of the period asked.")
        elif other is not None and (given := self._period_given(other, hits)):
            # "… for the whole of 2022?": they give the first quarter's, and say so, citing it
            when, hit = given
            answer = (f"The documents do not say: they give the {other.label} {when} only, "
                      "not for the period asked.")
            hits = [hit] + [h for h in hits if h is not hit]
            spans = [(other.sentence_start, other.sentence_end)]
        elif other is not None:
            answer = (f"The documents do not say: they give the {other.label} for another "
                      "period, not for the one asked.")
        else:
            answer = phrasing.abstention(what, named=bool(what) and what[:1].isupper()
                                         and self.coverage.known_name(what))
            if near:
                answer += " They do hold: " + "; ".join(
                    dict.fromkeys(f.label for f in near[:3])) + "."
        citations = [self.compose.citation(h, spans) for h in hits[:top_k]]
        return Reply(r.query.text, r.question, False, answer, 0.0, [], citations, suggestions,
                     r.query.intent, self.compose.state(r, None, answered=False))

    def _period_given(self, f: Figure, hits: list[Hit]) -> tuple[str, Hit] | None:
        """The period ``f`` is given for, as "for the first quarter of 2022", and the hit
        whose passage states it in ``f``'s sentence; None if its sentence does not."""
        text = self.index.documents[f.doc_id].text
        when = period_phrase(f.period)
        if not when or not f.period or f.period[:4] not in text[f.sentence_start:f.sentence_end]:
            return None
        hit = next((h for h in hits if h.passage.doc_id == f.doc_id
                    and h.passage.start <= f.start < h.passage.end), None)
        return (re.sub(r"^in\b", "for", when), hit) if hit else None

    def cannot_read(self, r: Resolved) -> Reply:
        """A question in Chinese with no multilingual vectors: neither BM25 nor MiniLM can
        match it to English passages, so say that rather than that the documents are silent."""
        answer = phrasing.cannot_read(index_has_it=self.index.dense_e5 is not None)
        return Reply(r.query.text, r.question, False, answer, 0.0, [], [], [], r.query.intent,
                     self.compose.state(r, None, answered=False))
