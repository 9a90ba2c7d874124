"""Answers computed from figures: two related as a comparison asks (:mod:`bot.compare`), or
an earlier year's worked back from a figure and its growth (:mod:`bot.derive`). Each side
is retrieved and matched on its own, by the answerer's own test of a figure's fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import arithmetic, compare, compare_zh, derive, phrasing
from .compose import Composer, Evidence
from .converse import Resolved
from .engine import Reply
from .index import Index
from .match import Candidate, FigureMatcher
from .query import UNITS_FOR, Query, metric_tokens, understand
from .question_periods import parse_period, period_year
from .retrieve import Hit, Retriever


class ComputedAnswers:
    def __init__(self, index: Index, retriever: Retriever, matcher: FigureMatcher,
                 compose: Composer, acceptable: Callable[[Candidate, Query], bool],
                 read_chinese: Callable[[Query], Query] = lambda q: q) -> None:
        self.index = index
        self.retriever = retriever
        self.matcher = matcher
        self.compose = compose
        self.acceptable = acceptable  # whether a matched figure answers a query
        self.read_chinese = read_chinese  # a Chinese query with its measure words' English

    def compare(self, r: Resolved, top_k: int) -> Reply | None:
        """Two figures related as the question asks (bot.compare), or None if no pair fits."""
        zh = r.query.lang != "en"
        c = compare_zh.parse_zh(r.question) if zh else compare.parse(r.question)
        if c is None:
            return None
        vectors = self.index.figure_vectors_e5 if zh else self.index.figure_vectors
        intent = ("growth" if c.op == "faster" or c.rates else "how_many" if c.counts
                  else "how_long" if c.word == "longer" else "how_much")
        # An average "per" divides an amount by a count.
        intents = (intent, "how_many") if c.op == "per" else (intent, intent)
        own = [parse_period(side) for side in (c.a, c.b)]
        picked: list[tuple[Candidate, list[Hit]]] = []
        fits: list[list[Candidate]] = []  # each side's acceptable figures, best first
        for side, period, side_intent in zip((c.a, c.b), own, intents, strict=True):
            sv = self.retriever.query_vector(side, zh)
            hits = self.retriever.search(side, 20 if zh else 10, cross_lingual=zh, vector=sv)
            taken = {p[0].figure.id for p in picked}
            best = None
            # Each side's own period if it names one ("livestream sales in Q1 2022 or
            # e-commerce in 2021"), else the question's; a period only the other side
            # names ("the fund than the 2021 allocation") is tried, then dropped.
            tries = [period] if period else [r.query.period, None] if r.query.period else [None]
            if period and r.query.period_inherited and period == r.query.period and \
                    c.op in ("faster", "larger"):
                # carried over from the turn before, not asked: dropped, for a comparison
                # that names each side's period (never for a share or a sum, which need one)
                tries = [period, None]
            for p in dict.fromkeys(tries):
                sq = Query(text=side, lang=r.query.lang, intent=side_intent,
                           units=UNITS_FOR[side_intent], metric=[] if zh else metric_tokens(side),
                           period=p, year=period_year(p))
                if zh:
                    sq = self.read_chinese(sq)
                    if any(not found for _, found in sq.measure):
                        return None  # a side the documents have no words for ("GDP")
                ranked = self.matcher.rank(sq, hits, sv, label_vectors=vectors)
                ok = [x for x in ranked if self.acceptable(x, sq) and x.figure.id not in taken]
                best = ok[0] if ok else None
                if best is not None or not p or p not in own:
                    break
            if best is None:
                return None
            picked.append((best, hits))
            fits.append(ok)
        (ca, hits_a), (cb, hits_b) = picked
        if c.op not in ("faster", "per") and ca.figure.unit != cb.figure.unit:
            # "Which number is bigger: the 5G base stations or the livestreaming selling
            # activities?": a side's best figure of the other's unit (the count of the
            # sessions, not their sales), if it has one
            same_b = next((x for x in fits[1] if x.figure.unit == ca.figure.unit), None)
            same_a = next((x for x in fits[0] if x.figure.unit == cb.figure.unit), None)
            if same_b is not None:
                cb = same_b
            elif same_a is not None:
                ca = same_a
        if c.op == "per" and (cb.figure.unit != "count" or ca.figure.unit not in ("RMB", "count")):
            return None
        if c.op == "per" and ca.figure.period and cb.figure.period and \
                ca.figure.period != cb.figure.period:
            return None  # a year's amount over a quarter's count is no average of anything
        if c.op not in ("faster", "per") and ca.figure.unit != cb.figure.unit:
            return None
        # A figure's period is named only where its cited passage states it.
        dated = frozenset(x.figure.id for x in (ca, cb)
                          if self.compose.states_period(x.figure, x.passage_idx))
        sentence, computed, numbers = compare.compute(c, ca.figure, cb.figure, dated)
        first = ca.figure if computed["inputs"][0] == ca.figure.id else cb.figure
        second = cb.figure if first is ca.figure else ca.figure
        figures = [first.public(), second.public(), computed]
        if c.op == "share":
            figures = [computed, ca.figure.public(), cb.figure.public()]
        spans = [(f.sentence_start, f.sentence_end) for f in (ca.figure, cb.figure)]
        spans += [(f.start, f.end) for f in (ca.figure, cb.figure)]
        for cand in (ca, cb):  # where "in 2021" stands, when the answer names periods
            spans += self.compose.period_span(cand.figure, sentence, cand.passage_idx)
        ev = [Evidence(ca.passage_idx, spans), Evidence(cb.passage_idx, spans)]
        hits = _merge_hits(hits_a, hits_b)
        suggestions = [phrasing.question_for(ca.figure), phrasing.question_for(cb.figure)]
        return self.compose.reply(r, sentence, True, 0.8, figures, hits, ev, top_k,
                                  computed=numbers, suggestions=suggestions, figure=first)

    def derived(self, r: Resolved, d: derive.Derivation, top_k: int) -> Reply | None:
        """The figure of a year before worked back from a figure and its growth rate, when
        the question asks for that working (bot.derive)."""
        zh = r.query.lang != "en"
        words = derive.measure_words_zh(r.question) if zh else derive.measure_words(r.question)
        sq = Query(text=words, lang=r.query.lang, intent="how_much",
                   units=UNITS_FOR["how_much"], metric=[] if zh else metric_tokens(words),
                   period=r.query.period if zh else None, year=r.query.year if zh else None)
        if zh:
            sq = self.read_chinese(sq)
        sv = self.retriever.query_vector(words, zh)
        hits = self.retriever.search(words, 20 if zh else 10, cross_lingual=zh, vector=sv)
        vectors = self.index.figure_vectors_e5 if zh else self.index.figure_vectors
        for c in self.matcher.rank(sq, hits, sv, label_vectors=vectors):
            if not self.acceptable(c, sq):
                continue
            growth = [self.index.figures[i] for i in self.matcher.growth_of.get(c.figure.id, [])
                      if self.index.figures[i].unit == "%"]
            g = next((g for g in growth if d.period is None or derive.year_before(
                g.period or c.figure.period) == d.period), None)
            if g is None:
                continue
            f = c.figure
            if d.period is None:  # since the year before the figure's own
                if (before := derive.year_before(g.period or f.period)) is None:
                    continue
                d = derive.Derivation(d.kind, before)
            answer, fig, numbers = derive.work_out(d, f, g,
                                                   self.compose.states_period(f, c.passage_idx))
            spans = [(f.sentence_start, f.sentence_end), (f.start, f.end), (g.start, g.end)]
            spans += self.compose.period_span(f, answer, c.passage_idx)
            return self.compose.reply(r, answer, True, 0.75, [fig, f.public(), g.public()],
                                      hits, Evidence(c.passage_idx, spans), top_k,
                                      computed=numbers, figure=f)
        return None


    def worked(self, r: Resolved, w: arithmetic.Working, top_k: int) -> Reply | None:
        """One figure worked with the number the question gives (bot.arithmetic), or None
        when no figure the question names can be worked so (then it is answered as asked)."""
        words = arithmetic.measure_words(r.question)
        q = understand(words)
        # what is worked: a count ("how many … per day"), a rate ("how far above 10%"), else
        # an amount ("on average" may have made the question a comparison)
        intent = "how_many" if re.match(r"^(?:on\s+average,?\s+)?how\s+many\b(?!\s+points)",
                                        r.question, re.I) \
            else "growth" if w.unit == "%" or q.intent == "growth" else "how_much"
        sq = Query(text=words, lang="en", intent=intent, units=UNITS_FOR[intent],
                   metric=metric_tokens(words), period=q.period, year=q.year)
        sv = self.retriever.query_vector(words, False)
        hits = self.retriever.search(words, 10, vector=sv)
        for c in self.matcher.rank(sq, hits, sv, label_vectors=self.index.figure_vectors):
            if not self.acceptable(c, sq):
                continue
            f = c.figure
            if not arithmetic.fits(w, f) or arithmetic.own_scale(w, f):
                return None
            answer, fig, numbers = arithmetic.work_out(
                w, f, self.compose.states_period(f, c.passage_idx))
            spans = [(f.sentence_start, f.sentence_end), (f.start, f.end)]
            spans += self.compose.period_span(f, answer, c.passage_idx)
            return self.compose.reply(r, answer, True, 0.75, [fig, f.public()], hits,
                                      Evidence(c.passage_idx, spans), top_k, computed=numbers,
                                      suggestions=[phrasing.question_for(f)], figure=f)
        return None


def _merge_hits(a: list[Hit], b: list[Hit]) -> list[Hit]:
    seen: dict[int, Hit] = {}
    for pair in zip(a, b, strict=False):
        for h in pair:
            seen.setdefault(h.idx, h)
    return list(seen.values())

