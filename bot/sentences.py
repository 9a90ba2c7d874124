"""Answers that are a sentence of the documents: the one that best covers the question, in
words and (by its passage) in meaning, with the rules that keep a sentence from passing for
an answer it does not give.

* "Which institutions …?", "the other four counties?": only a sentence that names them, or
  says what kind they are in words the question does not use.
* "Why?": only a sentence that gives a reason (for a "therefore" sentence, with the one
  before it).
* "What does the system do?": the sentences after the one naming it that go on about it.
* A rank the documents give in words ("a leading position in the province"), for a rank
  asked where no ranked figure fits (:meth:`SentenceAnswers.standing`).
"""

from __future__ import annotations

import re

from . import phrasing
from .accept import in_some_form
from .compose import Composer, Evidence
from .converse import Resolved
from .coverage import Coverage
from .engine import Reply
from .index import Index
from .match import SEMANTIC_MIN, FigureMatcher, period_matches
from .models import Figure
from .naming import NAMING_WORDS, Naming, asks_names, lists
from .query import FRAME_WORDS, PROVINCE, asks_gain
from .retrieve import Hit
from .text import stem, tokens
from .verdict import affirmed, record_verdict

# Verbs of setting something up, one word to the coverage of a sentence: "Which platforms set
# up industrial bases?" is answered by "… have established their industrial bases"
_FOUNDED = frozenset(stem(w) for w in "set establish established found founded create created "
                     "build built open opened launch launched".split())


def _founding(words: set[str]) -> set[str]:
    return {"establish" if w in _FOUNDED else w for w in words}


SENTENCE_SEMANTIC_MIN = {"en": 0.55, "zh": 0.84}
SENTENCE_COVERAGE_MIN = 0.5
# A sentence with no more than this many words the question did not use only restates it
RESTATES = 2
SENTENCE_HITS = 8  # the passages whose sentences may answer
_INTRODUCES = 12  # words of a sentence short enough to be followed by the one saying how

# A rank in words, and where it holds: "(maintaining) a leading position in the province",
# "ranking among the top in the province", "at the forefront in China".
_STANDING = re.compile(
    r"(?P<standing>(?:a|the)\s+leading\s+position|among\s+the\s+(?:top|best|leaders|front)"
    r"(?:\s+(?:\d+|ten|five|three))?|at\s+the\s+(?:forefront|top)|in\s+the\s+lead|"
    # "the largest information and optoelectronic industrial cluster in Zhejiang"
    r"the\s+(?:largest|biggest)(?:\s+[\w-]+){0,6}?\s+(?:in|among|across)\s+[A-Z]\w+)"
    r"(?P<where>\s+(?:in|of|among|across)\s+[^,.;]+)?", re.I)
# What gives a reason: "therefore", "because", "so as to", "to help companies …"
_BECAUSE = re.compile(r"\b(?:therefore|thus|hence|consequently|as a result|accordingly|because|"
                      r"due to|thanks to|owing to|so as to|in order to|so that|aim(?:s|ed|ing)? "
                      r"to|helps? (?:to )?|to help)\b", re.I)
_THEREFORE = re.compile(r"\b(?:therefore|thus|hence|consequently|as a result|accordingly)\b",
                        re.I)
# What gives a time: a year, a month, a quarter, "since", "last year" …
_TIME = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|\b(?:January|February|March|April|May|June|"
                   r"July|August|September|October|November|December|quarter|since|ago|"
                   r"(?:last|this|next)\s+(?:year|month|week)|yesterday|today)\b|年|月", re.I)
_RECEIVES = re.compile(r"\b(?:receiv(?:e|es|ed|ing)|gain(?:s|ed)?|obtain(?:s|ed)?|be\s+(?:awarded|"
                       r"granted|given)|(?:is|are|was|were)\s+(?:awarded|granted|given)|"
                       r"benefit(?:s|ed)?\s+from|entitled)\b", re.I)
_RANK_WORDS = {"rank", "posit", "place", "stand", "lead", "top", "provinc", "first"}

# "What does the system do / make possible / achieve?": asks what something does
_DOES = re.compile(r"\bwhat\s+(?:does|do|did|can|will|could)\b.*\b(?:do|make\s+possible|achieve|"
                   r"enable|offer|provide|accomplish|allow|let|help|bring|control|solve)\b|"
                   r"\bwhat\s+(?:problems?|issues?|challenges?|difficulties)\s+(?:is|are|was|were|"
                   r"does|do|did|will|can)\b.*\b(?:fix|solve|address|tackle|resolve|meant|"
                   r"designed|intended|help)|"
                   # "what is the system meant to achieve?", "what is the purpose of …?"
                   r"\bwhat\s+(?:is|are|was|were)\b.*\b(?:meant|designed|intended|supposed|"
                   r"expected|built|set\s+up|created)\s+to\s+(?:do|achieve|accomplish|deliver|"
                   r"solve|fix)\b|\bwhat\s+(?:is|was|are|were)\s+the\s+(?:purpose|aim|goal|"
                   r"point|objective|function|use)s?\s+of\b|\bwhat\s+(?:is|are|was|were)\s+"
                   r"(?:the|this|that|it)\b[^?]*\bfor\s*[?？]?\s*$", re.I)


# "Besides X, …", "Apart from X, …": a question about something other than X
BESIDES = re.compile(r"^\s*(?:besides|apart\s+from|aside\s+from|other\s+than|except\s+for)\s+"
                      r"(?P<x>[^,?]+),", re.I)

class SentenceAnswers:
    def __init__(self, index: Index, coverage: Coverage, matcher: FigureMatcher,
                 compose: Composer) -> None:
        self.index = index
        self.coverage = coverage
        self.matcher = matcher
        self.compose = compose
        self.naming = Naming(coverage)
        # A word the documents never use tells as much as their rarest.
        self._unknown_idf = max(coverage.idf.values(), default=1.0)

    def _weighted(self, words: set[str]) -> float:
        """``words`` counted by how telling each is (its rarity in the documents): a sentence
        missing "set" of "set up" misses less than one missing "bases"."""
        return sum(self.coverage.idf.get(w, self._unknown_idf) for w in words)

    # -- sentence answers --------------------------------------------------------------------

    def answer(self, r: Resolved, hits: list[Hit], top_k: int) -> Reply | None:
        """The sentence of the best passages that best covers the question, in words and (by
        its passage) in meaning."""
        q = r.query
        # the question's words, less those a request for names is framed with ("name the …
        # the article mentions")
        want = _founding(set(tokens(r.question)) - NAMING_WORDS or set(tokens(r.question)))
        if m := BESIDES.match(r.question):
            # "Besides livestreaming, what kind of free trade zone …?": not livestreaming
            want -= _founding(set(tokens(m.group("x"))))
        # A Chinese question's words are its measure words' English (bot.glossary).
        groups = [set(found) for _, found in q.measure if found]
        candidates: list[tuple[Hit, int, int, float]] = []
        # the best passages, ranked as fused, and the one sharing most words with the
        # question, first by that, wherever the fused ranking put it
        near = list(enumerate(hits[:SENTENCE_HITS]))
        lexical = max(hits, key=lambda h: h.lexical, default=None)
        if lexical is not None and lexical.lexical > 0 and lexical not in hits[:SENTENCE_HITS]:
            near.append((0, lexical))
        for rank, h in near:
            text = self.index.documents[h.passage.doc_id].text
            for s, e in h.passage.sentences:
                have = _founding(set(tokens(text[s:e])))
                if q.lang != "en":
                    cover = sum(bool(g & have) for g in groups) / len(groups) if groups else 0.0
                else:
                    cover = self._weighted(want & have) / self._weighted(want) if want else 0.0
                candidates.append((h, s, e, cover - 0.03 * rank))
        if q.intent == "when":  # only a sentence that gives a time answers "when?"
            candidates = [c for c in candidates if _TIME.search(
                self.index.documents[c[0].passage.doc_id].text[c[1]:c[2]])]
        if q.intent == "why":  # only a sentence that gives a reason answers "why?"
            candidates = [c for c in candidates if _BECAUSE.search(
                self.index.documents[c[0].passage.doc_id].text[c[1]:c[2]])]
        if asks_names(r.question):
            # "Which institutions …?", "the other four counties?": only a sentence that names
            # them (beyond those already said) answers; the documents may not list them
            candidates = [c for c in candidates if self.naming.tells_which(
                self.index.documents[c[0].passage.doc_id].text[c[1]:c[2]], r)]
        if asks_names(r.question) or (q.lang != "en" and q.intent == "who"):
            # "Which traditional industries …?", "义乌推动哪些传统产业…?": a sentence listing
            # the very things asked ("ten traditional industries, including …") comes first
            asked = ({w for _, found in q.measure for w in found} if q.lang != "en"
                     else set(tokens(r.question)))
            candidates = [(h, a, b, cover + 0.3 * lists(
                self.index.documents[h.passage.doc_id].text[a:b], asked))
                for h, a, b, cover in candidates]
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
        if q.lang == "en" and q.metric and not in_some_form(
                set(q.metric), set(tokens(self.index.documents[hit.passage.doc_id].text[s:e]))):
            return None  # none of what it measures: "yiwu total export value 2021" got the
            # sentence of the strategic industries' "added value"
        if q.intent == "when" and q.lang == "en" and cover < SENTENCE_COVERAGE_MIN:
            return None  # a sentence giving some time, about something else
        if q.lang != "en" and sim < SENTENCE_SEMANTIC_MIN["zh"] and not (
                cover >= SENTENCE_COVERAGE_MIN and sim >= SEMANTIC_MIN["zh"]):
            return None
        text = self.index.documents[hit.passage.doc_id].text
        sentence = text[s:e]
        if q.intent == "why" and q.lang == "en" and cover < SENTENCE_COVERAGE_MIN:
            # a reason for something else: most of the question's words that the documents
            # use are not in it ("Why did e-commerce grow 18.9%?" got why Yiwu gets funds)
            known = {w for w in want if w in self.coverage.vocabulary}
            # a word's other forms count ("province" in "provincial")
            there = in_some_form(known, set(tokens(sentence)))
            if known and self._weighted(there) < SENTENCE_COVERAGE_MIN * self._weighted(known):
                return None
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
            # "What does the system do?": the sentences after the one naming it say; when the
            # best sentence already goes on about it ("The system helps to solve …"), it too
            if re.match(r"(?:the|this|these|its|it|they)\b", sentence, re.I):
                more = [(hit.idx, s, e), *more][:2]
            answer = " ".join(text[a:b] for _, a, b in more)
            spans = [(a, b) for _, a, b in more]
            evidence = list(dict.fromkeys(p for p, _, _ in more))
        elif q.lang == "en" and q.intent in ("fact", "how_long") and answer == sentence \
                and len(set(tokens(sentence)) - set(tokens(r.question))) <= RESTATES \
                and (after := self._sentence_after(hit, e)):
            # "What did Yiwu do to attract chip companies?": "Yiwu has actively attracted chip
            # companies …" says nothing the question did not; the sentence after says how
            pidx, a, b = after
            answer = f"{sentence} {text[a:b]}"
            spans.append((a, b))
            evidence.append(pidx)
        if asks_gain(r.question) and not _RECEIVES.search(sentence):
            # "What does Yiwu get for being shortlisted?": the sentence near the one about
            # the shortlist that says what it receives
            near = self._sentences_near(hit, s, 2)
            got = next((x for x in near if _RECEIVES.search(text[x[1]:x[2]])), None)
            if got is None:
                return None
            pidx, a, b = got
            answer = text[a:b]
            spans = [(a, b), (s, e)]
            evidence = list(dict.fromkeys([pidx, hit.idx]))
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
        # (the places that only place the question need not be said again)
        placed = {t for name in q.scopes for t in tokens(name)}
        if q.lang == "en" and q.intent == "fact" and answer == sentence and affirmed(
                r.question, sentence, want - FRAME_WORDS - placed, set(tokens(sentence))):
            answer = f"Yes: {sentence}"  # "Did SAP build an innovation center in Yiwu?"
        elif q.lang == "en" and answer == sentence and record_verdict(r.question, sentence):
            answer = f"Yes: {sentence}"  # "Was it unusually high for past years?": "a record"
        ev = [Evidence(i, spans) for i in evidence]
        confidence = min(0.95, 0.3 + 0.3 * cover + 0.4 * max(0.0, sim))
        reply = self.compose.reply(r, answer, True, confidence, figures, hits, ev, top_k,
                                   suggestions=self.compose.suggest_near(hit.idx))
        quoted = [(a, b) for a, b in spans if text[a:b] in answer]  # not those cited beside
        if (named := self._one_figure_in(evidence, quoted)) is not None:
            # "What did Yiwu do to attract chip companies?" … "how big is it?": the fund the
            # answer told of is what "it" is, not the chip companies asked about
            reply.state["told_of"] = self.compose.state(r, named, True)["metric_phrase"]
        elif asks_gain(r.question) and (got := _RECEIVES.search(answer)):
            # "What does Yiwu get for …?" … "how much exactly?": what it receives
            received = re.split(r"[,.;]", answer[got.end():], maxsplit=1)[0].strip()
            reply.state["metric_phrase"] = re.sub(r"^(?:the|a|an)\s+", "", received, flags=re.I)
        return reply

    def on_topic(self, r: Resolved, words: set[str], hits: list[Hit], top_k: int,
                 most: int = 3) -> Reply | None:
        """What the documents say of a topic ("Tell me about SAP's presence in Yiwu"): the
        sentences of the retrieved passages that name its rarest word (its other words
        weighing in), up to ``most``, in the documents' order; a lone sentence is followed
        by the next when short (it introduces what the next says). None if no sentence
        names it."""
        if not words:
            return None
        rarest = max(words, key=lambda w: self.coverage.idf.get(w, self._unknown_idf))
        found: list[tuple[float, int, int, int]] = []  # (cover, passage, start, end)
        for h in hits:
            text = self.index.documents[h.passage.doc_id].text
            for a, b in h.passage.sentences:
                have = set(tokens(text[a:b]))
                if not in_some_form({rarest}, have):
                    continue
                cover = self._weighted(in_some_form(words, have)) / self._weighted(words)
                found.append((cover, h.idx, a, b))
        if not found:
            return None
        best = sorted(set(found), key=lambda x: -x[0])[:most]
        best.sort(key=lambda x: (self.index.passages[x[1]].doc_id, x[2]))  # as told
        _, i, a, b = best[-1]
        last = self.index.documents[self.index.passages[i].doc_id].text[a:b]
        if len(best) < most and len(last.split()) <= _INTRODUCES and (
                after := self._sentence_after(Hit(i, self.index.passages[i], 0.0, 0.0, 0.0), b)):
            best.append((0.0, *after))  # "Yiwu has actively attracted chip companies …": how
        doc_of = {i: self.index.passages[i].doc_id for _, i, _, _ in best}
        answer = " ".join(self.index.documents[doc_of[i]].text[a:b] for _, i, a, b in best)
        spans = [(a, b) for _, _, a, b in best]
        ev = [Evidence(i, spans) for i in dict.fromkeys(i for _, i, _, _ in best)]
        return self.compose.reply(r, answer, True, 0.6, [], hits, ev, top_k,
                                  suggestions=self.compose.suggest_near(best[0][1]))

    def _one_figure_in(self, evidence: list[int], spans: list[tuple[int, int]]) -> Figure | None:
        """The one amount, count, rate or index the quoted sentences give, if just one."""
        found = [f for p in evidence for f in (self.index.figures[i]
                                               for i in self.matcher.figures_in(p))
                 if f.unit in ("RMB", "count", "%", "index")
                 and any(a <= f.start < b for a, b in spans)]
        return found[0] if len(found) == 1 else None

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

    def _sentences_near(self, hit: Hit, start: int, n: int) -> list[tuple[int, int, int]]:
        """The ``n`` sentences after and before the one at ``start`` in its document, nearest
        first: (passage, start, end) each."""
        doc = hit.passage.doc_id
        order = [(pidx, a, b) for pidx in range(max(0, hit.idx - 1),
                                                 min(len(self.index.passages), hit.idx + 2))
                 if self.index.passages[pidx].doc_id == doc
                 for a, b in self.index.passages[pidx].sentences]
        at = next((i for i, (_, a, _) in enumerate(order) if a == start), None)
        if at is None:
            return []
        out = []
        for k in range(1, n + 1):
            out += [order[i] for i in (at + k, at - k) if 0 <= i < len(order)]
        return out

    def _sentence_after(self, hit: Hit, end: int) -> tuple[int, int, int] | None:
        """The sentence after the one ending at ``end``: (its passage, start, end), or None."""
        after = [(a, b) for a, b in hit.passage.sentences if a >= end]
        if after:
            return (hit.idx, *after[0])
        if hit.idx + 1 < len(self.index.passages):
            nxt = self.index.passages[hit.idx + 1]
            if nxt.doc_id == hit.passage.doc_id and nxt.sentences:
                return (hit.idx + 1, *nxt.sentences[0])
        return None

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

    def standing(self, r: Resolved, hits: list[Hit], top_k: int) -> Reply | None:
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
                have = _founding(set(tokens(text[s:e])))
                cover = sum(w for m, w in want.items() if m in have) / (sum(want.values()) or 1)
                for m in _STANDING.finditer(text, s, e):
                    where = (m.group("where") or m.group("standing")).lower()
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
