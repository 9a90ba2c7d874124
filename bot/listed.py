"""Answers over every figure of a kind (what :mod:`bot.listing` reads a question to ask):
the largest or smallest of them, or all of them, each quoted as the documents write it, as
many as the reply's citations can show."""

from __future__ import annotations

import re

from . import listing, phrasing
from .compose import Composer, Evidence
from .converse import Resolved
from .coverage import Coverage
from .engine import Reply
from .index import Index
from .match import FigureMatcher
from .models import Figure
from .question_periods import period_phrase
from .retrieve import Hit


class ListingAnswers:
    def __init__(self, index: Index, coverage: Coverage, matcher: FigureMatcher,
                 compose: Composer) -> None:
        self.index = index
        self.coverage = coverage
        self.matcher = matcher
        self.compose = compose

    def answer(self, r: Resolved, wanted: listing.Listing, top_k: int) -> Reply | None:
        """Every figure of a kind (bot.listing): the largest or smallest of them, or all of
        them as far as ``top_k`` citations can show; None if the documents give none."""
        if any(t not in self.coverage.vocabulary
               for t in wanted.topic + tuple(t for item in wanted.among for t in item)):
            return None  # "the highest growth rate of GDP": the documents never say GDP
        figures = self.index.figures
        position = {f.id: i for i, f in enumerate(figures)}
        words: dict[str, set[str]] = {}
        if wanted.topic or wanted.among:
            for i, f in enumerate(figures):
                label, sentence = self.matcher.tokens_of(i)
                words[f.id] = label | sentence
        chosen = listing.select(wanted, figures, words)
        if not chosen or wanted.order and wanted.topic and len(chosen) == 1:
            return None  # none of that kind, or one: the question names it, and is asked so
        passages: list[int] = []  # the cited passages, in the order their figures are given
        shown: list[Figure] = []
        for f in chosen[:1] if wanted.order else chosen:
            pidx = self.matcher.passage_of[position[f.id]]
            if pidx not in passages and len(passages) == top_k or len(shown) == listing.MOST_SHOWN:
                continue
            passages.append(pidx) if pidx not in passages else None
            shown.append(f)
        many = listing.count_words(len(chosen), wanted.kind)
        if wanted.order:
            f = shown[0]
            doc = self.index.documents[f.doc_id]
            sentence = doc.text[f.sentence_start : f.sentence_end]
            most = {"growth": ("fastest", "slowest"), "amount": ("largest", "smallest")}
            word = most.get(wanted.kind, ("largest", "smallest"))[wanted.order == "min"]
            within = f" {period_phrase(wanted.period)}" if wanted.period else ""
            one = listing.count_words(1, wanted.kind).split(" ", 1)[1]
            among = f"the {word} of the {many}" if len(chosen) > 1 else f"the only {one}"
            answer = (f"{phrasing.lead(f, doc.published, sentence)[:-1]}: {among} the "
                      f"documents give{within}.")
        else:
            items = [f"{f.text if f.unit == 'rank' else phrasing.value_text(f)} "
                     f"({self._listed_as(f)})" for f in shown]
            listed = items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
            rest = len(chosen) - len(shown)
            within = f" {period_phrase(wanted.period)}" if wanted.period else \
                f" in {wanted.place}" if wanted.place else ""
            head = ("Yiwu ranks first in" if wanted.kind == "first"
                    else f"The documents give {many}{within}")
            if wanted.kind == "first":
                listed = "; ".join(self._listed_as(f) for f in shown)
            answer = f"{head}: {listed}." + (
                f" The figures list the other {listing.count_words(rest, wanted.kind)}."
                if rest else "")
        evidence = []
        for p in passages:
            spans = []
            for f in shown:
                if self.matcher.passage_of[position[f.id]] == p:
                    spans += [(f.sentence_start, f.sentence_end), (f.start, f.end)]
                    spans += self.compose.period_span(f, answer, p)  # where "in 2021" stands
            evidence.append(Evidence(p, spans))
        hits = [Hit(p, self.index.passages[p], 0.0, 0.0, 0.0) for p in passages]
        # how many, said in digits, and the period the question named
        counted = [str(len(chosen)), str(len(chosen) - len(shown)),
                   *re.findall(r"\d+", wanted.period or "")]
        return self.compose.reply(r, answer, True, 0.9, [f.public() for f in chosen], hits,
                                  evidence, top_k, figure=shown[0] if wanted.order else None,
                                  computed=counted,
                                  suggestions=[phrasing.question_for(f) for f in shown[:3]])

    @staticmethod
    def _listed_as(f: Figure) -> str:
        """A figure's measure as a list gives it: "growth of e-commerce volume, 2021"; a first
        place with where it is ("rank of 5G base stations, among cities … in Zhejiang")."""
        label = re.sub(r"^rank (?:of|in)\s+", "", f.label) if f.unit == "rank" else f.label
        where = f" {f.scope}" if f.unit == "rank" and f.scope and f.scope not in label else ""
        when = f", {period_phrase(f.period)[3:]}" if period_phrase(f.period) else ""
        return f"{label}{where}{when}"
