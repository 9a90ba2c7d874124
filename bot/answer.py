"""Answer one question: understand, retrieve, match a figure or a sentence, or abstain.

The order of decisions is the product's promise:

1. a follow-up is rewritten into a standalone question (:mod:`bot.converse`);
2. if the corpus does not hold what is asked — a name, a measure or a period it never
   mentions — the answer says so (:mod:`bot.coverage`), offering figures it does hold;
3. a comparison is computed from two figures (:mod:`bot.compare`);
4. a question for a number is answered by the best-matching typed figure
   (:mod:`bot.match`), led by that figure in the document's words;
5. any other question is answered by the sentence that best covers it;
6. before it leaves, every number in the answer is checked against the cited spans
   (:mod:`bot.grounding`); an answer that fails is replaced by its evidence sentence.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import zip_longest
from typing import Any

import numpy as np

from . import about, compare, derive, phrasing
from .compose import Composer, Evidence
from .converse import Resolved, resolve
from .coverage import Coverage
from .embed import Embedder
from .engine import Reply
from .index import Index, LabelVectors
from .match import Candidate, FigureMatcher, period_matches
from .models import Figure
from .query import (
    KINDS,
    NAMED_KINDS,
    PLACE_KINDS,
    PROVINCE,
    UNITS_FOR,
    Query,
    counted,
    metric_tokens,
    parse_period,
    period_year,
    split_questions,
    without_courtesy,
)
from .retrieve import Hit, Retriever
from .text import is_cjk, names_in, normalise_question, stem, tokens
from .truecase import Truecaser
from .verdict import verdict

# Below these, a match is not taken as an answer (cosines of MiniLM / e5 label vectors).
SEMANTIC_MIN = {"en": 0.5, "zh": 0.78}
SEMANTIC_ONLY_MIN = 0.6
ZH_COVERAGE_MIN = 0.34  # of a Chinese question's measure words (see bot.glossary)
COVERAGE_MIN = 0.67
SENTENCE_SEMANTIC_MIN = {"en": 0.55, "zh": 0.84}
SENTENCE_COVERAGE_MIN = 0.5
COUNTED_UNKNOWN_MIN = 0.55  # "how many 5G cell towers?" 0.60, "how many 5G users?" 0.51
# A rank in words, and where it holds: "(maintaining) a leading position in the province",
# "ranking among the top in the province", "at the forefront in China".
_STANDING = re.compile(
    r"(?P<standing>(?:a|the)\s+leading\s+position|among\s+the\s+(?:top|best|leaders|front)"
    r"(?:\s+(?:\d+|ten|five|three))?|at\s+the\s+(?:forefront|top)|in\s+the\s+lead)"
    r"(?P<where>\s+(?:in|of|among|across)\s+[^,.;]+)?", re.I)
# What gives a reason: "therefore", "because", "so as to", "to help companies …"
_BECAUSE = re.compile(r"\b(?:therefore|thus|hence|consequently|as a result|accordingly|because|"
                      r"due to|thanks to|owing to|so as to|in order to|so that|aim(?:s|ed|ing)? "
                      r"to|helps? (?:to )?|to help)\b", re.I)
_THEREFORE = re.compile(r"\b(?:therefore|thus|hence|consequently|as a result|accordingly)\b",
                        re.I)
_RANK_WORDS = {"rank", "posit", "place", "stand", "lead", "top", "provinc", "first"}


class Answerer:
    def __init__(self, index: Index, embedder: Embedder, multilingual: Embedder | None) -> None:
        self.index = index
        self.retriever = Retriever(index, embedder, multilingual)
        self.coverage = Coverage(index)
        self.truecase = Truecaser(lambda: (d.text for d in index.documents.values()))
        self.matcher = FigureMatcher(index, self.coverage.vocabulary, self.coverage.idf)
        self.compose = Composer(index, self.matcher)

    # -- entry point -------------------------------------------------------------------------

    def ask(self, question: str, history: list[dict[str, Any]], top_k: int) -> Reply:
        parts = split_questions(normalise_question(question)) if top_k >= 2 else []
        if len(parts) == 2:
            # two questions in one: each answered, the second as a follow-up of the first
            first = self._ask(parts[0], history, top_k)
            second = self._ask(parts[1], history + [first.state], top_k)
            reply = _both(first, second, top_k)
        else:
            reply = self._ask(normalise_question(question), history, top_k)
        reply.question = question  # as asked; the rewrite is in resolved_question
        return reply

    def _ask(self, question: str, history: list[dict[str, Any]], top_k: int) -> Reply:
        if _SMALL_TALK.match(question):  # "hello", "thanks!": no question to answer
            return self._small_talk(resolve(question, []))
        question = self.truecase(without_courtesy(question))
        if not is_cjk(question):  # "5g staions" → "5g stations"; "live streaming" joined
            question = self.coverage.speller().correct(question)
        question = self.coverage.join_compounds(question)
        if field := about.asked(question):  # "who wrote it?": "it" is the document
            return self._about(resolve(question, []), field)
        r = resolve(question, history)
        q = r.query
        if q.lang == "en" and (d := derive.asked(r.question, q.period)):
            reply = self._derived(r, d, top_k)  # "the implied 2020 volume", worked back
            if reply is not None:
                return reply
        if q.lang != "en" and self.retriever.multilingual is None:
            return self._cannot_read(r)
        if q.lang != "en":
            q = self.coverage.read_chinese(q)
            r = dataclasses.replace(r, query=q)
        if q.intent == "compare" and q.lang == "en" and self.coverage.gap(q) is None:
            reply = self._compare(r, top_k)  # encodes its two sides, not the whole question
            if reply is not None:
                return reply
        cross = q.lang != "en" and self.retriever.multilingual is not None
        qvec = self.retriever.query_vector(r.question, cross)
        hits = self.retriever.search(r.question, max(10, top_k), cross_lingual=cross, vector=qvec)
        labels = self.index.figure_vectors_e5 if cross else self.index.figure_vectors
        gap = self.coverage.gap(q)
        if gap is not None:
            return self._abstain(r, hits, qvec, labels, top_k, gap.what)
        if q.units and q.intent != "compare" or q.lang != "en":
            reply = self._figure_answer(r, hits, qvec, labels, top_k)
            if reply is None and q.intent == "rank" and q.lang == "en":
                reply = self._standing_answer(r, hits, top_k)
            if reply is not None:
                return reply
            foreign = self.coverage.foreign_subject(q)
            if q.units and foreign:
                # Asked for a number about another place: the corpus holds only its own.
                return self._abstain(r, hits, qvec, labels, top_k, f"{foreign[0]}")
            if q.strict:  # asked outright for a number, and the corpus has none that fits
                other = self._other_period(r, hits, qvec, labels)
                return self._abstain(r, hits, qvec, labels, top_k, None, other=other)
        elif q.intent == "fact":
            # "What was Yiwu's e-commerce turnover?" names no unit but asks for a figure.
            loose = Query(**{**q.__dict__, "units": UNITS_FOR["how_much"] + ("%", "rank")})
            reply = self._figure_answer(r, hits, qvec, labels, top_k, query=loose, strict=True)
            if reply is not None:
                return reply
        if q.intent == "compare" and q.lang == "en":
            # Asked to relate two figures and no pair could be computed: a sentence that
            # merely mentions them is not an answer ("what share of GDP was the digital
            # economy?" got one about the digital economy's scenarios).
            return self._abstain(r, hits, qvec, labels, top_k, None)
        reply = self._sentence_answer(r, hits, top_k)
        if reply is not None:
            return reply
        return self._abstain(r, hits, qvec, labels, top_k, None)

    # -- figure answers ----------------------------------------------------------------------

    def _acceptable(self, c: Candidate, q: Query) -> bool:
        if not c.unit_ok or c.period_ok is False:
            return False
        if q.period and len(c.figure.period or "") == 10 and _ADDED.search(q.text):
            # a stock "to date" does not say how many were added within the year asked
            return False
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
            return c.semantic >= floor and c.coverage >= (
                COVERAGE_MIN if q.missing else ZH_COVERAGE_MIN)
        if c.coverage is None:  # none of the question's words is the corpus's: meaning only
            return c.semantic >= SEMANTIC_ONLY_MIN
        unknown = [m for m in q.metric if m not in self.coverage.vocabulary]
        if unknown and not self._names_counted(c, q):
            # Words the corpus never uses: the figure must be close in meaning, a little less
            # so when it also matches the period the question names, and more when one names
            # the thing counted ("how many 5G users?" is not about the 5G base stations).
            floor = 0.5
            if q.intent == "how_many" and set(unknown) & set(counted(q.text)):
                floor = COUNTED_UNKNOWN_MIN
            if c.period_ok and c.coverage >= COVERAGE_MIN:
                floor = 0.35
            if c.semantic < floor:
                return False
        return c.coverage >= COVERAGE_MIN or (
            c.coverage >= 0.34 and c.semantic >= SEMANTIC_MIN["en"]) or (
            c.coverage >= 0.5 and c.period_ok is True)  # half the words, and the period asked

    def _names_counted(self, c: Candidate, q: Query) -> bool:
        """Whether the figure's label names all of what "how many" counts, so the words the
        corpus does not know are the question's verbs ("how many traditional industries is
        Yiwu targeting?"), not the counted thing ("how many 5G users?")."""
        what = counted(q.text) if q.intent == "how_many" else []
        label, _ = self.matcher.tokens_of(c.fidx)
        return bool(what) and all(t in label for t in what)

    def _figure_answer(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                       labels: LabelVectors | None, top_k: int, query: Query | None = None,
                       strict: bool = False) -> Reply | None:
        q = query or r.query
        if q.lang != "en" and not q.units:
            q = Query(**{**q.__dict__, "units": UNITS_FOR["how_much"] + ("%", "rank", "date")})
        ranked = self.matcher.rank(q, hits, qvec, label_vectors=labels, prefer_of=r.prefer_of)
        best = next((c for c in ranked if self._acceptable(c, q)), None)
        if best is None or strict and not (best.coverage or 0) >= 0.75:
            return None
        if q.period and (best.coverage or 0) < 0.99 and any(
                (c.coverage or 0) >= 0.99 and c.unit_ok and c.period_ok is False for c in ranked):
            # The measure asked for is there, for another period ("e-commerce volume in
            # 2022"); a figure that only shares some of its words is not the answer.
            return None
        f = best.figure
        doc = self.index.documents[f.doc_id]
        sentence = doc.text[f.sentence_start : f.sentence_end]
        evidence_text = self._passage_before(f, best.passage_idx) + sentence
        head = answer = phrasing.lead(f, doc.published, evidence_text)
        if len(sentence) <= 300:
            answer = f"{answer} {sentence}"
        if said := verdict(r.question, f):  # "Did Yiwu build more than 4,000 …?" "No — …"
            answer = f"{said}: {answer}"
        spans = [(f.sentence_start, f.sentence_end), (f.start, f.end)]
        spans += self._period_span(f, head, best.passage_idx)
        figures = [f.public()] + [g.public() for g in self.compose.related(f)][:2]
        confidence = min(0.99, 0.5 + 0.25 * (best.coverage or 0.0) + 0.4 * max(0.0, best.semantic))
        ev = Evidence(best.passage_idx, spans)
        return self.compose.reply(r, answer, True, confidence, figures, hits, ev, top_k,
                           suggestions=self.compose.suggest_after(f), figure=f)

    def _passage_before(self, f: Figure, passage_idx: int) -> str:
        """The cited passage up to the figure's sentence: where its "In 2021," may stand.
        A year stated only outside the cited passage is not repeated in the answer, since
        the reader could not find it there (the figure's ``period`` still carries it)."""
        p = self.index.passages[passage_idx]
        text = self.index.documents[f.doc_id].text
        return text[p.start : f.sentence_start] if p.start <= f.sentence_start else ""

    def _period_span(self, f: Figure, head: str, passage_idx: int) -> list[tuple[int, int]]:
        """The sentence of the cited passage that states the period the lead quotes."""
        if not f.period or f.period[:4] not in head:
            return []
        text = self.index.documents[f.doc_id].text
        if f.period[:4] in text[f.sentence_start : f.sentence_end]:
            return []
        p = self.index.passages[passage_idx]
        return [(s, e) for s, e in p.sentences if f.period[:4] in text[s:e]][:1]

    # -- comparisons -------------------------------------------------------------------------

    def _compare(self, r: Resolved, top_k: int) -> Reply | None:
        c = compare.parse(r.question)
        if c is None:
            return None
        intent = ("growth" if c.op == "faster" else "how_many" if c.counts
                  else "how_long" if c.word == "longer" else "how_much")
        # An average "per" divides an amount by a count.
        intents = (intent, "how_many") if c.op == "per" else (intent, intent)
        own = [parse_period(side) for side in (c.a, c.b)]
        picked: list[tuple[Candidate, list[Hit]]] = []
        for side, period, side_intent in zip((c.a, c.b), own, intents, strict=True):
            sv = self.retriever.query_vector(side, False)
            hits = self.retriever.search(side, 10, vector=sv)
            taken = {p[0].figure.id for p in picked}
            best = None
            # Each side's own period if it names one ("livestream sales in Q1 2022 or
            # e-commerce in 2021"), else the question's; a period only the other side
            # names ("the fund than the 2021 allocation") is tried, then dropped.
            tries = [period] if period else [r.query.period, None] if r.query.period else [None]
            for p in dict.fromkeys(tries):
                sq = Query(text=side, lang="en", intent=side_intent,
                           units=UNITS_FOR[side_intent], metric=metric_tokens(side), period=p,
                           year=period_year(p))
                ranked = self.matcher.rank(sq, hits, sv, label_vectors=self.index.figure_vectors)
                best = next((x for x in ranked if self._acceptable(x, sq)
                             and x.figure.id not in taken), None)
                if best is not None or not p or p not in own:
                    break
            if best is None:
                return None
            picked.append((best, hits))
        (ca, hits_a), (cb, hits_b) = picked
        if c.op == "per" and (cb.figure.unit != "count" or ca.figure.unit not in ("RMB", "count")):
            return None
        if c.op not in ("faster", "per") and ca.figure.unit != cb.figure.unit:
            return None
        # A figure's period is named only where its cited passage states it.
        dated = frozenset(x.figure.id for x in (ca, cb) if x.figure.period and x.figure.period[:4]
                          in self.index.passages[x.passage_idx].text)
        sentence, computed, numbers = compare.compute(c, ca.figure, cb.figure, dated)
        first = ca.figure if computed["inputs"][0] == ca.figure.id else cb.figure
        second = cb.figure if first is ca.figure else ca.figure
        figures = [first.public(), second.public(), computed]
        if c.op == "share":
            figures = [computed, ca.figure.public(), cb.figure.public()]
        spans = [(f.sentence_start, f.sentence_end) for f in (ca.figure, cb.figure)]
        spans += [(f.start, f.end) for f in (ca.figure, cb.figure)]
        for cand in (ca, cb):  # where "in 2021" stands, when the answer names periods
            spans += self._period_span(cand.figure, sentence, cand.passage_idx)
        ev = [Evidence(ca.passage_idx, spans), Evidence(cb.passage_idx, spans)]
        hits = _merge_hits(hits_a, hits_b)
        suggestions = [phrasing.question_for(ca.figure), phrasing.question_for(cb.figure)]
        return self.compose.reply(r, sentence, True, 0.8, figures, hits, ev, top_k,
                                  computed=numbers, suggestions=suggestions, figure=first)

    def _derived(self, r: Resolved, d: derive.Derivation, top_k: int) -> Reply | None:
        """The figure of a year before worked back from a figure and its growth rate, when
        the question asks for that working (bot.derive)."""
        words = derive.measure_words(r.question)
        sq = Query(text=words, lang="en", intent="how_much", units=UNITS_FOR["how_much"],
                   metric=metric_tokens(words))
        sv = self.retriever.query_vector(words, False)
        hits = self.retriever.search(words, 10, vector=sv)
        for c in self.matcher.rank(sq, hits, sv, label_vectors=self.index.figure_vectors):
            if not self._acceptable(c, sq):
                continue
            growth = [self.index.figures[i] for i in self.matcher.growth_of.get(c.figure.id, [])
                      if self.index.figures[i].unit == "%"]
            g = next((g for g in growth if derive.year_before(g.period or c.figure.period)
                      == d.period), None)
            if g is None:
                continue
            f = c.figure
            dated = bool(f.period) and f.period[:4] in self.index.passages[c.passage_idx].text
            answer, fig, numbers = derive.work_out(d, f, g, dated)
            spans = [(f.sentence_start, f.sentence_end), (f.start, f.end), (g.start, g.end)]
            spans += self._period_span(f, answer, c.passage_idx)
            return self.compose.reply(r, answer, True, 0.75, [fig, f.public(), g.public()],
                                      hits, Evidence(c.passage_idx, spans), top_k,
                                      computed=numbers, figure=f)
        return None

    # -- sentence answers --------------------------------------------------------------------

    def _sentence_answer(self, r: Resolved, hits: list[Hit], top_k: int) -> Reply | None:
        """The sentence of the best passages that best covers the question, in words and (by
        its passage) in meaning."""
        q = r.query
        want = set(tokens(r.question))
        # A Chinese question's words are its measure words' English (bot.glossary).
        groups = [set(found) for _, found in q.measure if found]
        candidates: list[tuple[Hit, int, int, float]] = []
        for rank, h in enumerate(hits[:4]):
            text = self.index.documents[h.passage.doc_id].text
            for s, e in h.passage.sentences:
                have = set(tokens(text[s:e]))
                if q.lang != "en":
                    cover = sum(bool(g & have) for g in groups) / len(groups) if groups else 0.0
                else:
                    cover = len(want & have) / len(want) if want else 0.0
                candidates.append((h, s, e, cover - 0.03 * rank))
        if q.intent == "why":  # only a sentence that gives a reason answers "why?"
            candidates = [c for c in candidates if _BECAUSE.search(
                self.index.documents[c[0].passage.doc_id].text[c[1]:c[2]])]
        if _asks_names(r.question):
            # "Which institutions …?", "the other four counties?": only a sentence that names
            # them (beyond those already said) answers; the documents may not list them
            candidates = [c for c in candidates if self._tells_which(
                self.index.documents[c[0].passage.doc_id].text[c[1]:c[2]], r)]
        if not candidates:
            return None
        texts = [self.index.documents[h.passage.doc_id].text[s:e] for h, s, e, _ in candidates]
        # Passages are one or two sentences, so the passage's cosine stands for its sentences'
        # meaning; embedding each candidate sentence here would cost more than the rest.
        sims = [h.dense for h, _, _, _ in candidates]
        names = set(re.findall(r"\b[A-Z][A-Za-z]+\b", r.question))
        scored = []
        for c, sim in zip(candidates, sims, strict=True):
            score = c[3] + float(sim)
            if q.intent == "who":  # "which company?" wants a sentence that names one
                found = set(re.findall(r"(?<!^)\b[A-Z][A-Za-z]+\b", texts[len(scored)]))
                score += 0.15 if found - names - {"Yiwu", "In", "To", "The"} else 0.0
            scored.append((score, c, float(sim)))
        _, (hit, s, e, cover), sim = max(scored, key=lambda x: x[0])
        if q.lang == "en" and cover < SENTENCE_COVERAGE_MIN and sim < SENTENCE_SEMANTIC_MIN["en"] \
                and not (cover >= 0.25 and sim >= 0.45):
            return None
        if q.lang != "en" and sim < SENTENCE_SEMANTIC_MIN["zh"] and not (
                cover >= SENTENCE_COVERAGE_MIN and sim >= SEMANTIC_MIN["zh"]):
            return None
        text = self.index.documents[hit.passage.doc_id].text
        sentence = text[s:e]
        if q.intent == "when" and not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", sentence):
            return None  # "when was it set up?" is not answered by a sentence with no date
        if q.period and (len(q.period) > 4 or q.period not in sentence):
            # a sentence naming 2022 may still be about another quarter of it than the one asked
            in_sentence = [self.index.figures[i] for i in self.matcher.figures_in(hit.idx)]
            dated = [f for f in in_sentence if s <= f.start < e and (f.period or f.date)]
            if dated and not any(period_matches(q.period, f) for f in dated):
                return None  # about another period than the one asked
        for name in self.coverage.foreign_subject(q) + self.coverage.foreign_scope(q):
            if not any(n in sentence.lower()
                       for n in self.coverage.place_names(name, hit.passage.doc_id)):
                return None
        answer = sentence
        figures: list[dict] = []
        spans = [(s, e)]
        evidence = [hit.idx]
        if _DOES.search(r.question) and (more := self._what_it_does(hit, e, r.question)):
            # "What does the system do?": the sentences after the one naming it say
            answer = " ".join(text[a:b] for _, a, b in more)
            spans = [(a, b) for _, a, b in more]
            evidence = list(dict.fromkeys(p for p, _, _ in more))
        if q.intent == "why":
            if _THEREFORE.search(sentence) and (before := self._sentence_before(hit, s)):
                # "Yiwu, therefore, will receive …": the reason is the sentence before it
                pidx, a, b = before
                answer = f"{text[a:b]} {sentence}"
                spans.insert(0, (a, b))
                evidence.insert(0, pidx)
        if q.intent == "when":
            dates = [f for f in (self.index.figures[i] for i in self.matcher.figures_in(hit.idx))
                     if f.unit == "date" and s <= f.start < e]
            if dates:
                d = dates[0]
                figures = [d.public()]
                spans.append((d.start, d.end))
                if not answer.lower().startswith(("on " + d.text).lower()):
                    answer = f"{phrasing.capitalise(d.text)}: {answer}"
        ev = [Evidence(i, spans) for i in evidence]
        confidence = min(0.95, 0.3 + 0.3 * cover + 0.4 * max(0.0, sim))
        return self.compose.reply(r, answer, True, confidence, figures, hits, ev, top_k,
                           suggestions=self.compose.suggest_near(hit.idx))

    def _tells_which(self, sentence: str, r: Resolved) -> bool:
        """Whether ``sentence`` says which ones: names them, or, unless the other ones are
        asked for, says what kind they are in words the question does not use
        ("integrated circuit companies" for "what companies did the fund attract?")."""
        if self._new_names(sentence, r):
            return True
        if _OTHER.search(r.query.text):
            return False
        asked = set(tokens(r.question))
        kind = re.search(rf"\b{_KIND_WORDS}\b", r.question, re.I)
        if not kind:
            return False
        head = stem(kind.group(0).lower())
        words = re.findall(r"[A-Za-z][\w-]*", sentence)
        for i, w in enumerate(words):
            if stem(w.lower()) == head:
                before = [t for x in words[max(0, i - 2) : i] for t in tokens(x)]
                if set(before) - asked:
                    return True
        return False

    def _new_names(self, sentence: str, r: Resolved) -> set[str]:
        """The names ``sentence`` gives that the question does not, nor, when it asks for
        "the other ones", the answer before it; the documents' subjects count only when
        places are asked (not "Yiwu" for "which institutions?"), and never the regions
        figures are ranked in ("Zhejiang", "China")."""
        known = {w.lower() for w in re.findall(r"[A-Za-z]+", r.question)}
        # the places ranks are placed in ("in China", "in Jinhua") contain the ones asked
        known |= set(self.coverage.province.values()) | self.coverage.units | (
            self.coverage.places - self.coverage.subjects)
        if not re.search(rf"\b{PLACE_KINDS}\b", r.question, re.I):
            known |= self.coverage.subjects
        if _OTHER.search(r.query.text):  # the other ones: not those said, nor the subject
            known |= set((r.previous or {}).get("names") or ()) | self.coverage.subjects
        found = names_in(sentence, self.coverage.proper)
        if re.search(rf"\b{PLACE_KINDS}\b", r.question, re.I):  # no office is a place
            found = {n for n in found if not _ORGANISATION.search(n)}
        return {n for n in found if not set(n.split()) <= known}

    def _what_it_does(self, hit: Hit, end: int, question: str) -> list[tuple[int, int, int]]:
        """The (up to two) sentences after ``end`` that go on about the thing asked ("The
        system helps to solve …", "It can …"), as (passage, start, end), into the next
        passage of the document too."""
        text = self.index.documents[hit.passage.doc_id].text
        asked = set(tokens(question))
        out: list[tuple[int, int, int]] = []
        following = [hit.idx] + ([hit.idx + 1] if hit.idx + 1 < len(self.index.passages) and
                                 self.index.passages[hit.idx + 1].doc_id == hit.passage.doc_id
                                 else [])
        for pidx in following:
            for a, b in self.index.passages[pidx].sentences:
                if a < end:
                    continue
                m = re.match(r"(?:the|this|these|its)\s+([\w-]+)|(?:it|they)\b", text[a:b],
                             re.I)
                if not m or m.group(1) and stem(m.group(1).lower()) not in asked:
                    return out[:2]
                out.append((pidx, a, b))
        return out[:2]

    def _sentence_before(self, hit: Hit, start: int) -> tuple[int, int, int] | None:
        """The sentence before the one at ``start``: (its passage, start, end), or None."""
        before = [(a, b) for a, b in hit.passage.sentences if b <= start]
        if before:
            return (hit.idx, *before[-1])
        if hit.idx > 0:  # passages are stored in document order
            prev = self.index.passages[hit.idx - 1]
            if prev.doc_id == hit.passage.doc_id and prev.sentences:
                return (hit.idx - 1, *prev.sentences[-1])
        return None

    def _standing_answer(self, r: Resolved, hits: list[Hit], top_k: int) -> Reply | None:
        """A rank the document gives in words, not as a number ("maintaining a leading
        position in the province"), for a rank asked where no ranked figure fits: the
        sentence must name the measure and, if one is asked, the place."""
        q = r.query
        want = {m: self.coverage.idf.get(m, 1.0) for m in q.metric
                if m in self.coverage.vocabulary and m not in _RANK_WORDS}
        best: tuple[float, Hit, int, int, re.Match[str]] | None = None
        for rank, h in enumerate(hits[:4]):
            text = self.index.documents[h.passage.doc_id].text
            for s, e in h.passage.sentences:
                have = set(tokens(text[s:e]))
                cover = sum(w for m, w in want.items() if m in have) / (sum(want.values()) or 1)
                for m in _STANDING.finditer(text, s, e):
                    where = (m.group("where") or "").lower()
                    placed = all(any(n in where for n in self.coverage.place_names(
                        name, h.passage.doc_id)) for name in self.coverage.foreign_scope(q))
                    score = cover - 0.03 * rank
                    if placed and cover >= SENTENCE_COVERAGE_MIN and (best is None
                                                                      or score > best[0]):
                        best = (score, h, s, e, m)
        if best is None:
            return None
        _, hit, s, e, m = best
        text = self.index.documents[hit.passage.doc_id].text
        standing = m.group(0)
        asked = [n for n in self.coverage.foreign_scope(q) if n.lower() not in standing.lower()
                 and n != PROVINCE]
        answer = f"{phrasing.capitalise(standing)}{f' ({asked[0]})' if asked else ''} — {text[s:e]}"
        ev = Evidence(hit.idx, [(s, e), (m.start(), m.end())])
        return self.compose.reply(r, answer, True, 0.7, [], hits, ev, top_k,
                                  suggestions=self.compose.suggest_near(hit.idx))

    def _small_talk(self, r: Resolved) -> Reply:
        """A greeting or thanks: no answer to give, but what can be asked."""
        docs = list(self.index.documents.values())
        titles = "; ".join(f"“{d.title}”" for d in docs[:3]) + (" …" if len(docs) > 3 else "")
        said = r.question.strip().lower()
        opening = ("You are welcome. " if re.match(r"(?:thanks|thank|thx|cheers|谢谢|多谢)", said)
                   else "Hello. " if re.match(r"(?:hi|hello|hey|howdy|greetings|good|你好|您好|嗨)",
                                              said) else "")
        answer = f"{opening}Ask me about {titles}: I answer with the figures the documents give."
        examples = list(dict.fromkeys(phrasing.question_for(f) for f in self.index.figures
                                      if f.of is None))[:3]
        state = self.compose.state(r, None, answered=False) | {"context": False}
        return Reply(r.query.text, r.question, False, answer, 0.0, [], [], examples,
                     "small_talk", state)

    def _about(self, r: Resolved, field: str) -> Reply:
        """Who wrote, translated or edited a document, when it was published, its title: from
        its record (bot.about), the one document's or the best passage's."""
        docs = self.index.documents
        if len(docs) == 1:
            doc = next(iter(docs.values()))
        else:
            hits = self.retriever.search(r.question, 1, cross_lingual=r.query.lang != "en")
            doc = docs[hits[0].passage.doc_id] if hits else next(iter(docs.values()))
        a = about.answer(field, doc)
        # not what a follow-up's "it" refers to: "who wrote it?" + "how did they rank?"
        state = self.compose.state(r, None, answered=a.answered) | {"context": False}
        return Reply(r.query.text, r.question, a.answered, a.answer,
                     0.95 if a.answered else 0.0, [], [], [], "about", state, source=a.source)

    # -- abstention --------------------------------------------------------------------------

    def _other_period(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                      labels: LabelVectors | None) -> Figure | None:
        """The figure that would answer, were it not for another period than the one asked."""
        if not r.query.period:
            return None
        q = Query(**{**r.query.__dict__, "period": None, "year": None})
        ranked = self.matcher.rank(q, hits, qvec, label_vectors=labels, prefer_of=r.prefer_of)
        return next((c.figure for c in ranked if self._acceptable(c, q)), None)

    def _abstain(self, r: Resolved, hits: list[Hit], qvec: np.ndarray,
                 labels: LabelVectors | None, top_k: int, what: str | None,
                 other: Figure | None = None) -> Reply:
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
        if other is not None and len(other.period or "") == 10:  # a stock as of a date
            answer = (f"The documents do not say: they give the {other.label} to date, not "
                      "those of the period asked.")
        elif other is not None:
            answer = (f"The documents do not say: they give the {other.label} for another "
                      "period, not for the one asked.")
        else:
            answer = phrasing.abstention(what)
            if near:
                answer += " They do hold: " + "; ".join(
                    dict.fromkeys(f.label for f in near[:3])) + "."
        citations = [self.compose.citation(h, []) for h in hits[:top_k]]
        return Reply(r.query.text, r.question, False, answer, 0.0, [], citations, suggestions,
                     r.query.intent, self.compose.state(r, None, answered=False))

    def _cannot_read(self, r: Resolved) -> Reply:
        """A question in Chinese with no multilingual vectors: neither BM25 nor MiniLM can
        match it to English passages, so say that rather than that the documents are silent."""
        answer = phrasing.cannot_read(index_has_it=self.index.dense_e5 is not None)
        return Reply(r.query.text, r.question, False, answer, 0.0, [], [], [], r.query.intent,
                     self.compose.state(r, None, answered=False))


# "What does the system do / make possible / achieve?": asks what something does
_DOES = re.compile(r"\bwhat\s+(?:does|do|did|can|will|could)\b.*\b(?:do|make\s+possible|achieve|"
                   r"enable|offer|provide|accomplish|allow|let|help|bring|control|solve)\b",
                   re.I)
# A greeting, thanks or goodbye with no question in it.
_SMALL_TALK = re.compile(
    r"^\s*(?:(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"thanks|thank\s+you|thx|cheers|ok(?:ay)?|great|cool|nice|bye|goodbye|see\s+you)"
    r"(?:\s+(?:there|again|so\s+much|a\s+lot|very\s+much|all))?[\s!.,?~]*)+$"
    r"|^\s*(?:你好|您好|嗨|谢谢|多谢|再见|好的)[\s!！.。,，?？~]*$", re.I)
_ADDED = re.compile(r"\b(?:add(?:ed|s|ing)?|new(?:ly)?|alone|during\s+(?:that|the)\s+year)\b",
                    re.I)
_KIND_WORDS = KINDS
_ORGANISATION = re.compile(r"\b(?:office|government|committee|council|party|company|co|ltd|"
                           r"inc|group|bureau|association|center|centre|institute|university|"
                           r"bank|ministry|department|commission|federation)\b", re.I)
_OTHER = re.compile(r"\b(?:other|others|besides|apart from|aside from|except|remaining|the rest|"
                    r"along with|alongside)\b|其他|其余|另外|除了", re.I)
def _asks_names(question: str) -> bool:
    """Whether the answer must name things: "which institutions …?", "who …?", or the
    "other" ones of a list ("what are the other eight industries?")."""
    return bool(NAMED_KINDS.search(question)) or bool(
        _OTHER.search(question) and re.search(r"\b(?:which|what)\b", question, re.I))


def _both(a: Reply, b: Reply, top_k: int) -> Reply:
    """The answers to two questions asked at once as one reply: both answers, both sets of
    figures, and citations taken from each in turn, so that each answer's evidence is
    among the ``top_k``; answered if either is (a refusal of the other says so)."""
    pairs = [c for pair in zip_longest(a.citations, b.citations) for c in pair if c]
    citations = list({c["id"]: c for c in reversed(pairs)}.values())[::-1]
    citations = sorted(citations, key=pairs.index)[:top_k]
    figures = list({f["id"]: f for f in a.figures + b.figures}.values())
    # a sentence the first answer quoted is not quoted again ("… 371.5 bn RMB, an increase of
    # 18.9%" answers both the volume and its growth)
    second = " ".join(p for p in re.split(r"(?<=[.!?])\s+", b.answer) if p not in a.answer)
    return Reply(f"{a.question} {b.question}",
                 f"{a.resolved_question} {phrasing.capitalise(b.resolved_question)}",
                 a.answered or b.answered, f"{a.answer} {second or b.answer}",
                 min(a.confidence, b.confidence) if a.answered and b.answered
                 else max(a.confidence, b.confidence), figures, citations,
                 list(dict.fromkeys(a.suggestions + b.suggestions))[:3], a.intent, b.state,
                 a.source or b.source)


def _merge_hits(a: list[Hit], b: list[Hit]) -> list[Hit]:
    seen: dict[int, Hit] = {}
    for pair in zip(a, b, strict=False):
        for h in pair:
            seen.setdefault(h.idx, h)
    return list(seen.values())

