"""Answer one question: understand, retrieve, match a figure or a sentence, or abstain.

The order of decisions is the product's promise:

1. a follow-up is rewritten into a standalone question (:mod:`bot.converse`);
2. if the corpus does not hold what is asked — a name, a measure or a period it never
   mentions — the answer says so (:mod:`bot.coverage`), offering figures it does hold;
3. a comparison is computed from two figures (:mod:`bot.computed`);
4. a question for a number is answered by the best-matching typed figure
   (:mod:`bot.match`), led by that figure in the document's words;
5. any other question is answered by the sentence that best covers it
   (:mod:`bot.sentences`);
6. before it leaves, every number in the answer is checked against the cited spans
   (:mod:`bot.grounding`); an answer that fails is replaced by its evidence sentence.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import zip_longest
from typing import Any

import numpy as np

from . import (
    abbreviations,
    about,
    arithmetic,
    by_value,
    compare,
    compare_zh,
    derive,
    listing,
    phrasing,
)
from .accept import Acceptance
from .asides import Asides
from .by_value import ValueAnswers
from .compose import Composer, Evidence
from .computed import ComputedAnswers
from .converse import Resolved, resolve
from .coverage import Coverage
from .embed import Embedder
from .engine import Reply
from .index import Index, LabelVectors
from .listed import ListingAnswers
from .match import FigureMatcher, period_matches
from .models import Figure
from .naming import asks_names
from .query import FRAME_WORDS, UNITS_FOR, Query, asks_gain, counted, understand
from .question_periods import period_phrase
from .ranks import ordinals, ranked_which
from .refusal import Refusals
from .retrieve import Hit, Retriever
from .sentences import BESIDES, SentenceAnswers
from .text import is_cjk, normalise_question, stem, tokens
from .truecase import Truecaser
from .verdict import (
    YES_NO,
    asks_if_beaten,
    claimed_unit,
    record_verdict,
    reversed_change,
    says_it_fell,
    stated_unit,
    verdict,
)
from .wording import OPINION, SMALL_TALK, guess, split_questions, topic, without_courtesy

_WHEN_WORDS = frozenset(tokens("quarter quarters year years month months half before after "
                                "previous last next earlier later prior same period"))
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b", re.I)
_FIGURE_ASKED = re.compile(r"\bhow\s+(?:many|much|big|large|fast)\b|\bwhat\s+(?:was|is|were|are)"
                           r"\s+the\b|\d|多少|几", re.I)


class Answerer:
    def __init__(self, index: Index, embedder: Embedder, multilingual: Embedder | None) -> None:
        self.index = index
        self.retriever = Retriever(index, embedder, multilingual)
        self.coverage = Coverage(index)
        self.truecase = Truecaser(lambda: (d.text for d in index.documents.values()))
        self.matcher = FigureMatcher(index, self.coverage.vocabulary, self.coverage.idf)
        self.acceptable = Acceptance(self.coverage, self.matcher)
        self.compose = Composer(index, self.matcher)
        self.sentences = SentenceAnswers(index, self.coverage, self.matcher, self.compose)
        self.listed = ListingAnswers(index, self.coverage, self.matcher, self.compose)
        self.refuse = Refusals(index, self.coverage, self.matcher, self.compose, self.acceptable)
        self.asides = Asides(index, self.retriever, self.compose)
        self.by_value = ValueAnswers(index, self.retriever, self.matcher, self.compose)
        self.computed = ComputedAnswers(index, self.retriever, self.matcher, self.compose,
                                        self.acceptable, self.coverage.read_chinese)

    # -- entry point -------------------------------------------------------------------------

    def ask(self, question: str, history: list[dict[str, Any]], top_k: int) -> Reply:
        # split after the courtesy and scene-setting are dropped ("I need the output in
        # 2021, plus the growth rate. What are they?" asks two things)
        text = normalise_question(question)
        parts = split_questions(without_courtesy(text)) if top_k >= 2 else []
        if len(parts) == 2 and (name := guess(parts[1])) and asks_names(parts[0]) and (
                first := self._ask(parts[0], history, top_k)).answered:
            # "Which firm opened a centre in Yiwu - was it Alibaba?": the answer, with the
            # guess checked against it
            said = name.lower() in first.answer.lower()
            first.answer = f"{'Yes' if said else f'Not {name}'}: {first.answer}"
            reply = first
        elif len(parts) == 2:
            # two questions in one: each answered, the second as a follow-up of the first
            first = self._ask(parts[0], history, top_k)
            second = self._ask(parts[1], history + [first.state], top_k)
            reply = _both(first, second, top_k)
        else:
            reply = self._ask(text, history, top_k)
            if not reply.answered and history and _WHAT_ABOUT.match(text) and set(
                    understand(text).metric) - _WHEN_WORDS:  # (not "how about in 2022?")
                # "what about the international Internet access?" after a count: asked the
                # way the question before was, it has no answer; asked of itself, it may
                alone = self._ask(text, [], top_k)
                reply = alone if alone.answered else reply
        reply.question = question  # as asked; the rewrite is in resolved_question
        return reply

    def _ask(self, question: str, history: list[dict[str, Any]], top_k: int) -> Reply:
        if SMALL_TALK.match(question):  # "hello", "thanks!": no question to answer
            return self.asides.small_talk(resolve(question, []))
        if OPINION.search(question) and not _FIGURE_ASKED.search(question):
            # "… a good one, in your opinion?": no fact asked ("Do you think it built more
            # than 3,000?" still asks one)
            return self.asides.opinion(resolve(question, []))
        about_what = topic(question)  # "Tell me about …", before the courtesy is dropped
        question = self.truecase(without_courtesy(question))
        if not is_cjk(question):
            # "the IC fund": the integrated circuit fund; "5g staions" → "5g stations"
            question = abbreviations.expand(question, self.coverage.vocabulary.__contains__)
            question = self.coverage.speller().correct(question)
        question = self.coverage.join_compounds(question)
        if field := about.asked(question):  # "who wrote it?": "it" is the document
            return self.asides.about(resolve(question, []), field)
        if not is_cjk(question) and (of_value := by_value.asked(question)):
            # "For which year is the 371.5 billion figure?": the figure of that value, whatever
            # was asked before
            reply = self.by_value.answer(resolve(question, []), *of_value, top_k)
            if reply is not None:
                return reply
        r = resolve(question, history)
        if r.query.lang == "en" and r.query.entities:  # "Number of …?" names no "Number"
            r = dataclasses.replace(r, query=self.coverage.without_common_opening(r.query))
        q = r.query
        if q.lang == "en" and q.intent == "fact" and about_what and not r.previous and (
                words := {t for t in tokens(about_what) if t in self.coverage.vocabulary}
                - FRAME_WORDS - {stem(w.lower()) for w in self.coverage.subjects}):
            # "Tell me about SAP's presence in Yiwu": what the documents say of SAP
            reply = self.sentences.on_topic(r, words, self.retriever.search(about_what, 10),
                                            top_k)
            if reply is not None:
                return reply
        if q.lang == "en" and r.previous and (own := self._own_unknown(question, r)):
            # "What bandwidth does that channel have?": the follow-up's own measure is one
            # the documents never mention, whatever "that channel" brings in
            hits = self.retriever.search(r.question, 10)
            qvec = self.retriever.query_vector(r.question, False)
            return self.refuse.abstain(r, hits, qvec, self.index.figure_vectors, top_k, own)
        if wanted := listing.asked(r.question):
            reply = self.listed.answer(r, wanted, top_k)  # "the fastest growth rate", "list all …"
            if reply is not None:
                return reply
        if q.lang == "en" and (d := derive.asked(r.question, q.period)):
            reply = self.computed.derived(r, d, top_k)  # "the implied 2020 volume", worked back
            if reply is not None:
                return reply
        elif q.lang == "en" and (w := arithmetic.asked(r.question)) and not (
                w.op == "scale" and q.intent == "compare"):  # "A less B, in billions?"
            reply = self.computed.worked(r, w, top_k)  # "in trillions", "exceed 100", "per day"
            if reply is not None:
                return reply
        if q.lang != "en" and self.retriever.multilingual is None:
            return self.refuse.cannot_read(r)
        if q.lang != "en":
            q = self.coverage.read_chinese(q)
            if q.intent == "compare" and compare_zh.asks_share_zh(q.text):
                # "占GDP比重是多少?" asks a share: no amount answers it, only a share given
                q = dataclasses.replace(q, units=("%",))
            r = dataclasses.replace(r, query=q)
            if (d := derive.asked_zh(r.question)) and self.coverage.gap(q) is None:
                reply = self.computed.derived(r, d, top_k)  # "比去年同期多了多少亿元?"
                if reply is not None:
                    return reply
        if q.lang == "en" and q.intent in ("how_much", "fact") and (
                per := compare.parse(r.question)) and per.op == "per":
            # "What is the e-commerce volume per livestream session?": an average asked, which
            # no one figure is; computed, or refused as a comparison that cannot be
            q = dataclasses.replace(q, intent="compare")
            r = dataclasses.replace(r, query=q)
        if q.intent == "compare" and self.coverage.gap(q) is None:
            reply = self.computed.compare(r, top_k)  # encodes its two sides, not the whole question
            if reply is not None:
                return reply
        cross = q.lang != "en" and self.retriever.multilingual is not None
        qvec = self.retriever.query_vector(r.question, cross)
        # a Chinese question is matched across languages, less surely: more passages' figures
        # are weighed (their English words then decide, see bot.glossary)
        hits = self.retriever.search(r.question, max(20 if cross else 10, top_k),
                                     cross_lingual=cross, vector=qvec)
        labels = self.index.figure_vectors_e5 if cross else self.index.figure_vectors
        gap = self.coverage.gap(q)
        if gap is not None:
            return self.refuse.abstain(r, hits, qvec, labels, top_k, gap.what)
        if q.intent == "why" and (unit := stated_unit(r.question)):
            # "Why did the output drop by 66.7%?": the figure it takes for granted is checked
            # first, and a reason is given only for what the documents say
            presumed = Query(**{**q.__dict__, "units": (unit,)})
            reply = self._figure_answer(r, hits, qvec, labels, top_k, query=presumed,
                                        strict=True, presumed=True)
            if reply is not None:
                return reply
        elif q.intent == "why" and q.lang == "en" and says_it_fell(r.question):
            # "Why did the output shrink in 2021?": it grew, and that is the answer
            grew = Query(**{**q.__dict__, "intent": "growth", "units": ("%",)})
            reply = self._figure_answer(r, hits, qvec, labels, top_k, query=grew, strict=True,
                                        fell=True)
            if reply is not None:
                return reply
        if q.units and q.intent != "compare" or q.lang != "en" and q.intent not in ("why", "who"):
            # (a Chinese question for a reason or for names, 为什么 or 哪些, is a sentence's)
            reply = self._figure_answer(r, hits, qvec, labels, top_k)
            if reply is None and q.intent == "rank" and q.lang == "en":
                reply = self.sentences.standing(r, hits, top_k)
            if reply is not None:
                return reply
            foreign = self.coverage.foreign_subject(q)
            if q.units and foreign and q.intent != "when":
                # Asked for a number about another place: the corpus holds only its own.
                return self.refuse.abstain(r, hits, qvec, labels, top_k, f"{foreign[0]}")
            if q.intent == "growth" and (level := self.refuse.level_only(r, hits, qvec, labels)):
                # "and how much did it grow?" of the 5G base stations: given, but no growth
                return self.refuse.abstain(r, hits, qvec, labels, top_k, None, other=level,
                                     no_growth=True)
            if q.strict:  # asked outright for a number, and the corpus has none that fits
                other = self.refuse.other_period(r, hits, qvec, labels)
                return self.refuse.abstain(r, hits, qvec, labels, top_k, None, other=other)
        elif q.intent == "fact" and not asks_gain(r.question) and not _THING_DONE.match(
                r.question):  # "what does Yiwu get for …?", "What channel did Yiwu open?"
            # "What was Yiwu's e-commerce turnover?" names no unit but asks for a figure.
            # A claim checked ("I read it held about 105 sessions — right?") asks the unit
            # of the value it claims.
            units = (unit,) if (unit := claimed_unit(r.question)) else \
                UNITS_FOR["how_much"] + ("%", "rank")
            loose = Query(**{**q.__dict__, "units": units})
            reply = self._figure_answer(r, hits, qvec, labels, top_k, query=loose, strict=True)
            if reply is not None and q.lang == "en" and YES_NO.match(r.question) and \
                    not reply.answer.startswith(("Yes", "No", "The documents say")) and (
                    said := self.sentences.answer(r, hits, top_k)) is not None and \
                    said.answer.startswith("Yes:"):
                # "Was Yiwu shortlisted?": a sentence says yes; a count of those shortlisted
                # settles nothing
                return said
            if reply is not None:
                return reply
        if q.intent == "compare" and q.lang == "en":
            # Asked to relate two figures and no pair could be computed: a sentence that
            # merely mentions them is not an answer ("what share of GDP was the digital
            # economy?" got one about the digital economy's scenarios).
            return self.refuse.abstain(r, hits, qvec, labels, top_k, None)
        if q.lang == "en" and (rank := ranked_which(r.question)):
            reply = self._which_ranked(r, rank, hits, qvec, labels, top_k)
            if reply is not None:
                return reply
        if q.lang == "en" and (m := BESIDES.match(r.question)):
            # "Besides livestreaming, what free trade zone …?": found without livestreaming
            hits = self.retriever.search(r.question[m.end():], max(10, top_k))
        reply = self.sentences.answer(r, hits, top_k)
        if reply is not None:
            return reply
        return self.refuse.abstain(r, hits, qvec, labels, top_k, None)

    # -- figure answers ----------------------------------------------------------------------

    def _figure_answer(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                       labels: LabelVectors | None, top_k: int, query: Query | None = None,
                       strict: bool = False, presumed: bool = False,
                       fell: bool = False) -> Reply | None:
        """The figure that answers ``query`` (else ``r.query``), or None. ``strict``: only
        one carrying most of the question's words. ``presumed``: the question takes a value
        of it for granted, and the reply is only a correction when the figure is not that;
        ``fell``: it takes a fall for granted, corrected only by a growth."""
        q = query or r.query
        if q.lang != "en" and not q.units:
            # "超过3000个了吗?" claims a count: a figure of that unit answers it
            claimed = claimed_unit(r.question)
            q = Query(**{**q.__dict__, "units": (claimed,) if claimed else
                         UNITS_FOR["how_much"] + ("%", "rank", "date")})
        ranked = self.matcher.rank(q, hits, qvec, label_vectors=labels, prefer_of=r.prefer_of)
        best = next((c for c in ranked if self.acceptable(c, q)), None)
        if q.lang == "en" and q.intent in ("index", "fact") and (
                best is None or (best.coverage or 0) < 0.99) and (whole := next(
                (c for c in ranked if (c.coverage or 0) >= 0.99 and not c.unit_ok
                 and c.period_ok is not False
                 and (best is None or c.semantic >= best.semantic)), None)):
            # The measure asked for is there, given otherwise than asked: "What is the
            # integration of informatization and industrialization index?" has no value in
            # the documents, only a streak ("ranked among the top … for five consecutive
            # years"), which answers it; the other index, sharing half its words, does not.
            other = Query(**{**q.__dict__, "units": (whole.figure.unit,)})
            whole = dataclasses.replace(whole, unit_ok=True)
            if self.acceptable(whole, other):
                best = whole
        if best is None or strict and not (best.coverage or 0) >= 0.75:
            return None
        if q.period and (best.coverage or 0) < 0.99 and any(
                (c.coverage or 0) >= 0.99 and c.unit_ok and c.period_ok is False for c in ranked):
            # The measure asked for is there, for another period ("e-commerce volume in
            # 2022"); a figure that only shares some of its words is not the answer.
            return None
        if best.figure.unit == "rank" and best.figure.value == 1 and asks_if_beaten(r.question):
            # "does any other city rank higher?" of a measure first in one place (Jinhua) and
            # 16th in another (Zhejiang): the standing in which it is beaten answers it
            best = next((c for c in ranked if c.figure.unit == "rank" and (c.figure.value or 0) > 1
                         and c.figure.label == best.figure.label
                         and c.figure.sentence_start == best.figure.sentence_start), best)
        f = best.figure
        if fell and not (f.unit == "%" and (f.value or 0) > 0):
            return None
        if q.period_inherited and q.period and not period_matches(q.period, f):
            # the period carried over gave way to the figure's own: the question answered
            # does not name it ("What was e-commerce volume?", not "… in the first quarter
            # of 2022?", answered with 2021's)
            r = dataclasses.replace(r, question=r.question.replace(
                f" {period_phrase(q.period)}", ""))
        doc = self.index.documents[f.doc_id]
        sentence = doc.text[f.sentence_start : f.sentence_end]
        evidence_text = self._passage_before(f, best.passage_idx) + sentence
        head = answer = phrasing.lead(f, doc.published, evidence_text)
        if len(sentence) <= 300:
            answer = f"{answer} {sentence}"
        said = verdict(r.question, f, presumed=presumed) or record_verdict(r.question, sentence)
        if presumed and said != "No":
            return None
        if presumed or fell or not said and reversed_change(r.question, f):
            # "Why did the output drop by 66.7%?", "What caused the 66.7% drop?": it grew
            answer = f"The documents say otherwise: {answer}"
        elif said:  # "Did Yiwu build more than 4,000 …?" "No — …"
            answer = f"{said}: {answer}"
        spans = [(f.sentence_start, f.sentence_end), (f.start, f.end)]
        spans += self.compose.period_span(f, head, best.passage_idx)
        figures = [f.public()] + [g.public() for g in self.compose.related(f)][:2]
        confidence = min(0.99, 0.5 + 0.25 * (best.coverage or 0.0) + 0.4 * max(0.0, best.semantic))
        ev = Evidence(best.passage_idx, spans)
        return self.compose.reply(r, answer, True, confidence, figures, hits, ev, top_k,
                           suggestions=self.compose.suggest_after(f), figure=f)

    def _own_unknown(self, question: str, r: Resolved) -> str | None:
        """The words of a follow-up, apart from what it leans on, when the documents use
        none of them ("bandwidth" in "What bandwidth does that channel have?"), else None."""
        if r.question == question or understand(question).intent in (
                "compare", "how_long", "growth", "rank"):
            return None  # "how many times bigger is the latter?" asks no measure of its own
        m = _WHAT_NOUN.match(question)
        asked = tokens(m.group("noun")) if m else counted(question)
        leant = set(tokens((r.previous or {}).get("metric_phrase") or ""))
        own = [t for t in asked if t not in leant and t not in FRAME_WORDS]
        if not own or any(t in self.coverage.vocabulary for t in own):
            return None
        return ", ".join(w for w in re.findall(r"[A-Za-z][\w-]*", question)
                         if stem(w.lower()) in own) or None

    def _which_ranked(self, r: Resolved, rank: set[str], hits: list[Hit], qvec: np.ndarray,
                      labels: LabelVectors | None, top_k: int) -> Reply | None:
        """"Which city came first in Zhejiang in …?", answered from the documents' own rank
        there: its subject, named, when that is the rank asked ("Yiwu: first in Jinhua — …"),
        a refusal when it is another (16th); None when they give no such rank."""
        rq = Query(**{**r.query.__dict__, "intent": "rank", "units": ("rank",)})
        ranked = self.matcher.rank(rq, hits, qvec, label_vectors=labels)
        best = next((c for c in ranked if self.acceptable(c, rq)), None)
        if best is None:
            return None
        if not ordinals(best.figure.text) & rank:
            return self.refuse.abstain(r, hits, qvec, labels, top_k, None)
        reply = self._figure_answer(r, hits, qvec, labels, top_k, query=rq)
        if reply is not None:
            sentence = self.matcher.sentence_of(best.fidx)
            name = next((n for n in re.findall(r"\b[A-Z][a-z]+\b", sentence)
                         if n.lower() in self.coverage.subjects), None) \
                or self.index.documents[best.figure.doc_id].title
            reply.answer = f"{name}: {reply.answer[:1].lower()}{reply.answer[1:]}"
        return reply

    def _passage_before(self, f: Figure, passage_idx: int) -> str:
        """The cited passage up to the figure's sentence: where its "In 2021," may stand.
        A year stated only outside the cited passage is not repeated in the answer, since
        the reader could not find it there (the figure's ``period`` still carries it)."""
        p = self.index.passages[passage_idx]
        text = self.index.documents[f.doc_id].text
        return text[p.start : f.sentence_start] if p.start <= f.sentence_start else ""


# "What bandwidth does …?", "what salary do they pay?": the noun asked for
# "What international channel did Yiwu open?", "What kind of center did SAP build?": a thing
# done, which a sentence says, not a measure ("What volume did e-commerce reach?" is one)
_THING_DONE = re.compile(
    r"^\s*(?:and\s+)?(?:what|which)\s+(?:(?!(?:amount|number|value|volume|sum|total|figure|"
    r"share|rate|level|size|scale|growth|output|turnover|revenue|sales|investment|funding|"
    r"budget|money)\b)[a-z][\w-]*\s+){1,3}(?:did|does|do|has|have|had|will)\s+(?!it\b|they\b|"
    r"that\b|this\b)[a-z]", re.I)
_WHAT_NOUN = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?P<noun>[a-z][\w-]*)\s+(?:does|do|did|"
                        r"has|have|had|is|are|was|were|will|can)\b", re.I)


def _both(a: Reply, b: Reply, top_k: int) -> Reply:
    """The answers to two questions asked at once as one reply: both answers, both sets of
    figures, and citations taken from each in turn, so that each answer's evidence is
    among the ``top_k``; answered if either is (a refusal of the other says so)."""
    citations: dict[str, dict] = {}
    for pair in zip_longest(a.citations, b.citations):
        for c in pair:
            if c:
                citations.setdefault(c["id"], c)
    figures = list({f["id"]: f for f in a.figures + b.figures}.values())
    # a sentence the first answer quoted is not quoted again ("… 371.5 bn RMB, an increase of
    # 18.9%" answers both the volume and its growth)
    second = " ".join(p for p in re.split(r"(?<=[.!?])\s+", b.answer) if p not in a.answer)
    return Reply(f"{a.question} {b.question}",
                 f"{a.resolved_question} {phrasing.capitalise(b.resolved_question)}",
                 a.answered or b.answered, f"{a.answer} {second}".strip(),
                 min(a.confidence, b.confidence) if a.answered and b.answered
                 else max(a.confidence, b.confidence), figures, list(citations.values())[:top_k],
                 list(dict.fromkeys(a.suggestions + b.suggestions))[:3], a.intent, b.state,
                 a.source or b.source)
