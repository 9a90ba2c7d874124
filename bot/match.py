"""Match a question to the figures that can answer it.

A figure scores by how many of the question's metric words its label and sentence carry,
how close its label is in meaning (the label vectors stored in the index), how well its
passage was retrieved, and whether its unit and period are the ones asked for. The unit and
period terms are large on purpose: "how many" is never answered with a growth rate, and a
question about 2030 is never answered with a 2021 figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .index import Index, LabelVectors
from .models import Figure
from .query import Query
from .retrieve import Hit
from .text import tokens

# Below these, a figure is not taken as an answer (cosines of MiniLM / e5 label vectors).
SEMANTIC_MIN = {"en": 0.5, "zh": 0.78}
PASSAGE_WEIGHT = 0.4  # a question's word near the figure's sentence, not in it

@dataclass(frozen=True)
class Candidate:
    figure: Figure
    fidx: int
    passage_idx: int
    score: float
    # share of the question's metric words (those the corpus knows, weighted by rarity) that
    # the figure's label, sentence or section heading carry; None when it knows none of them
    coverage: float | None
    semantic: float  # cosine of question and figure label
    unit_ok: bool
    period_ok: bool | None  # None when the question names no period


def period_matches(asked: str, figure: Figure) -> bool:
    """Whether a figure's period answers a question about ``asked`` ("2021", "2022-Q1", or
    "Q2": the second quarter of any year)."""
    have = figure.period or figure.date
    if not have:
        return False
    if asked.startswith("Q"):  # a quarter of no year named
        return have.endswith(f"-{asked}")
    if asked.endswith("-FY"):  # the whole year asked: no quarter of it answers
        return have == asked[:4]
    if have.startswith(asked) or asked.startswith(have):
        return True
    # A stock stated "to date" (period = a full date) also answers for the year before it.
    if len(have) == 10 and asked.isdigit():
        return int(asked) in (int(have[:4]), int(have[:4]) - 1)
    return False


class FigureMatcher:
    def __init__(self, index: Index, vocabulary: set[str], idf: dict[str, float]) -> None:
        self.index = index
        self.vocabulary = vocabulary
        self.idf = idf
        # token sets of a figure's label and context, made on first use: a request scores
        # a few dozen figures, and making them all up front costs seconds at 100k passages
        self._tokens: dict[int, tuple[set[str], set[str]]] = {}
        self._passage_tokens: dict[int, set[str]] = {}
        self.by_passage: dict[int, list[int]] = {}
        self.growth_of: dict[str, list[int]] = {}  # figure id -> its growth rates' positions
        self.passage_of: list[int] = []
        spans = {}
        for i, p in enumerate(index.passages):
            spans.setdefault(p.doc_id, []).append((p.start, p.end, i))
        for fi, f in enumerate(index.figures):
            pidx = next((i for s, e, i in spans.get(f.doc_id, ()) if s <= f.start < e), -1)
            self.passage_of.append(pidx)
            self.by_passage.setdefault(pidx, []).append(fi)
            if f.of:
                self.growth_of.setdefault(f.of, []).append(fi)

    def tokens_of(self, fi: int) -> tuple[set[str], set[str]]:
        """The figure's label words, and the words of its sentence and section heading."""
        if fi not in self._tokens:
            f = self.index.figures[fi]
            pidx = self.passage_of[fi]
            heading = (self.index.passages[pidx].heading or "") if pidx >= 0 else ""
            self._tokens[fi] = (set(tokens(f.label)) | set(f.keywords),
                                set(tokens(f"{heading} {self.sentence_of(fi)}")))
        return self._tokens[fi]

    def passage_tokens(self, pidx: int) -> set[str]:
        """The words of passage ``pidx`` and of the passages either side of it in its
        document (passages are a sentence or two: the paragraph around) that no figure there
        is labelled with; none for -1. Made on first use."""
        if pidx < 0:
            return set()
        if pidx not in self._passage_tokens:
            passages = self.index.passages
            doc = passages[pidx].doc_id
            words: set[str] = set()
            labels: set[str] = set()
            for i in range(max(0, pidx - 1), min(len(passages), pidx + 2)):
                p = passages[i]
                if p.doc_id == doc:
                    words.update(tokens(self.index.documents[doc].text[p.start : p.end]))
                    labels.update(w for fi in self.figures_in(i) for w in self.tokens_of(fi)[0])
            # less the words of the figures there: those are about them ("output" beside the
            # comprehensive evaluation's rank is the output's)
            self._passage_tokens[pidx] = words - labels
        return self._passage_tokens[pidx]

    def sentence_of(self, fi: int) -> str:
        """The sentence figure ``fi`` stands in."""
        f = self.index.figures[fi]
        return self.index.documents[f.doc_id].text[f.sentence_start : f.sentence_end]

    def figures_in(self, passage_idx: int) -> list[int]:
        return self.by_passage.get(passage_idx, [])

    def rank(self, query: Query, hits: list[Hit], qvec: np.ndarray | None, *,
             label_vectors: LabelVectors | None, prefer_of: str | None = None,
             metric: list[str] | None = None) -> list[Candidate]:
        """Figures of the hit passages, best first. ``metric`` overrides the query's words."""
        metric = query.metric if metric is None else metric
        hit_score = {h.idx: h.score for h in hits}
        pool = [fi for h in hits for fi in self.figures_in(h.idx)]
        if prefer_of:
            pool += self.growth_of.get(prefer_of, [])
        out: list[Candidate] = []
        for fi in dict.fromkeys(pool):
            f = self.index.figures[fi]
            coverage = (self._measure_coverage(fi, query.measure) if query.measure
                        else self._coverage(fi, metric))
            semantic = 0.0
            if label_vectors is not None and qvec is not None:
                semantic = float(label_vectors[fi] @ qvec)
            unit_ok = not query.units or f.unit in query.units
            lexical = 0.5 if coverage is None else coverage
            score = lexical + 0.6 * semantic + 0.5 * hit_score.get(self.passage_of[fi], 0.0)
            if query.units:
                # The first unit is the one asked for ("how many": count), except in a
                # question that names none ("livestreaming activities Q1 2022"), which a
                # count answers as well as an amount.
                first = f.unit == query.units[0] and query.intent not in ("fact", "who")
                score += 0.5 if first else (0.3 if unit_ok else -1.0)
            is_growth = f.label.lower().startswith("growth") or f.of is not None
            if query.intent == "growth":
                score += 0.3 if is_growth else -0.3
            elif query.intent not in ("compare",) and is_growth:
                score -= 0.3
            period_ok = None
            if query.period and not (query.period_inherited and not (f.period or f.date)):
                period_ok = period_matches(query.period, f)
                score += 0.3 if period_ok else -0.6
                if query.period_inherited and not period_ok:
                    # a period carried over from the last answer, not asked: a figure of the
                    # measure asked for another period answers, saying its own ("and
                    # livestream sales growth?" after e-commerce's in 2021: Q1 2022's), and
                    # the measure decides, not the period
                    period_ok = None
                    score += 0.6
            if prefer_of and f.of == prefer_of:
                score += 0.8
            if query.intent == "rank" and f.scope:
                scope = f.scope.lower()
                if any(e.lower() in scope for e in query.entities):
                    score += 0.4
            out.append(Candidate(f, fi, self.passage_of[fi], score, coverage, semantic,
                                 unit_ok, period_ok))
        out.sort(key=lambda c: -c.score)
        return out

    def _measure_coverage(self, fi: int, measure: tuple[tuple[str, tuple[str, ...]], ...]
                          ) -> float | None:
        """:meth:`_coverage` for a Chinese question: each of its measure words counts if
        any of the corpus's words for it is in the label (or, for less, the sentence)."""
        groups = [found for _, found in measure if found]
        if not groups:
            return None
        label, sentence = self.tokens_of(fi)
        got = total = 0.0
        for found in groups:
            weight = max(self.idf.get(w, 1.0) for w in found)
            total += weight
            got += weight * (1.0 if label.intersection(found)
                             else 0.6 if sentence.intersection(found) else 0.0)
        return got / total

    def _coverage(self, fi: int, metric: list[str]) -> float | None:
        metric = [m for m in metric if m in self.vocabulary]
        if not metric:
            return None
        label, sentence = self.tokens_of(fi)
        passage = self.passage_tokens(self.passage_of[fi])
        # Weighted by rarity: missing "export" says more than matching "volume". A word of
        # the sentences around counts for less ("the five shortlisted for outstanding
        # digital economy results": the results are named two sentences before).
        weight = {m: self.idf.get(m, 1.0) for m in metric}
        got = sum(w * (1.0 if m in label else 0.6 if m in sentence else
                       PASSAGE_WEIGHT if m in passage else 0.0)
                  for m, w in weight.items())
        return got / sum(weight.values())
