"""Putting an answer together: citations with highlights, the grounding check, what the
conversation remembers, and suggested follow-ups.

The deciding is done in :mod:`bot.answer`; this module only assembles what was decided, so
that every reply — figure, comparison, sentence or refusal — is cited the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import phrasing
from .converse import Resolved, metric_phrase
from .engine import Reply
from .grounding import ungrounded
from .index import Index
from .match import FigureMatcher
from .models import Figure
from .retrieve import Hit
from .text import names_in


@dataclass
class Evidence:
    """What an answer rests on: a passage, and the spans inside the document to highlight."""

    passage_idx: int
    spans: list[tuple[int, int]]  # document offsets


class Composer:
    def __init__(self, index: Index, matcher: FigureMatcher) -> None:
        self.index = index
        self.matcher = matcher
        self.figure_by_id = {f.id: f for f in index.figures}
        self.position = {f.id: i for i, f in enumerate(index.figures)}
        self.growth_of: dict[str, list[Figure]] = defaultdict(list)
        self.by_sentence: dict[tuple[str, int], list[Figure]] = defaultdict(list)
        for f in index.figures:
            if f.of:
                self.growth_of[f.of].append(f)
            self.by_sentence[(f.doc_id, f.sentence_start)].append(f)

    def related(self, f: Figure) -> list[Figure]:
        """Figures about the same measure in the same sentence: its growth, its rank."""
        base = f.of or f.id
        out = []
        for g in self.by_sentence[(f.doc_id, f.sentence_start)]:
            if g.id == f.id:
                continue
            ranked = re.sub(r"^rank (?:of|in|among) (?:the )?", "", g.label)
            if g.of == base or g.id == base or (
                    g.unit == "rank" and f.unit != "rank" and f.label.startswith(ranked)):
                out.append(g)
        return out

    def reply(self, r: Resolved, answer: str, answered: bool, confidence: float,
               figures: list[dict], hits: list[Hit], evidence: Evidence | list[Evidence],
               top_k: int, *, computed: list[str] = (), suggestions: list[str] = (),
               figure: Figure | None = None) -> Reply:
        evs = evidence if isinstance(evidence, list) else [evidence]
        lead_ids = list(dict.fromkeys(e.passage_idx for e in evs))
        order = lead_ids + [h.idx for h in hits if h.idx not in lead_ids]
        by_idx = {h.idx: h for h in hits}
        citations = []
        for pidx in order[:top_k]:
            spans = [sp for e in evs for sp in e.spans]
            hit = by_idx.get(pidx) or Hit(pidx, self.index.passages[pidx], 0.0, 0.0, 0.0)
            citations.append(self.citation(hit, spans))
        cited_spans = [c["text"][a:b] for c in citations for a, b in c["highlights"]]
        if ungrounded(answer, cited_spans, computed):
            # Never send a number the reader cannot find: fall back to the evidence itself.
            first = evs[0].spans[0]
            doc = self.index.documents[self.index.passages[evs[0].passage_idx].doc_id]
            answer = doc.text[first[0] : first[1]]
        # the names it gave, which "which were the other ones?" does not want again
        state = self.state(r, figure, answered=answered) | {"names": sorted(names_in(answer))[:12]}
        return Reply(r.query.text, r.question, answered, answer, confidence, figures, citations,
                     [s for s in suggestions if s][:3], r.query.intent, state)

    def citation(self, hit: Hit, spans: list[tuple[int, int]]) -> dict[str, Any]:
        p = hit.passage
        doc = self.index.documents[p.doc_id]
        highlights = sorted({(max(s, p.start) - p.start, min(e, p.end) - p.start)
                             for s, e in spans if s < p.end and e > p.start})
        return {
            "id": p.id, "doc_id": p.doc_id, "title": doc.title, "url": doc.url,
            "text": p.text, "start": p.start, "end": p.end,
            "highlights": [list(h) for h in highlights],
            "score": round(float(hit.score), 4), "heading": p.heading,
        }

    def period_span(self, f: Figure, head: str, passage_idx: int) -> list[tuple[int, int]]:
        """The sentence of the cited passage that states the period the lead quotes."""
        if not f.period or f.period[:4] not in head:
            return []
        text = self.index.documents[f.doc_id].text
        if f.period[:4] in text[f.sentence_start : f.sentence_end]:
            return []
        p = self.index.passages[passage_idx]
        return [(s, e) for s, e in p.sentences if f.period[:4] in text[s:e]][:1]

    def states_period(self, f: Figure, passage_idx: int) -> bool:
        """Whether the cited passage states the figure's year, so an answer may name it."""
        return bool(f.period) and f.period[:4] in self.index.passages[passage_idx].text

    def state(self, r: Resolved, f: Figure | None, answered: bool) -> dict[str, Any]:
        if f is not None:
            phrase = re.sub(r"^growth (?:rate )?of\s+", "", f.label, flags=re.I)
            if f.of and f.of in self.figure_by_id:
                phrase = self.figure_by_id[f.of].label
        else:
            phrase = metric_phrase(r.question)
            before = (r.previous or {}).get("metric_phrase") or ""
            if before and before.lower() in phrase.lower():
                phrase = before  # a follow-up's rewrite names the thing asked about before
        return {
            "question": r.query.text, "resolved": r.question, "intent": r.query.intent,
            "metric_phrase": phrase, "period": r.query.period, "answered": answered,
            "figure_period": f.period if f else None,
            "figure_id": (self.figure_by_id[f.of].id if f and f.of in self.figure_by_id
                          else f.id if f else None),
        }

    # -- suggestions -------------------------------------------------------------------------

    def suggest_after(self, f: Figure) -> list[str]:
        out = []
        growth = self.growth_of.get(f.id)
        if growth:
            out.append(phrasing.question_for(growth[0]))
        if f.of and f.of in self.figure_by_id:
            out.append(phrasing.question_for(self.figure_by_id[f.of]))
        pidx = self.matcher.passage_of[self.position[f.id]]
        out += [phrasing.question_for(self.index.figures[i]) for i in self.matcher.figures_in(pidx)
                if self.index.figures[i].id != f.id and self.index.figures[i].of is None]
        return list(dict.fromkeys(out))[:3]

    def suggest_near(self, pidx: int) -> list[str]:
        return [phrasing.question_for(self.index.figures[i])
                for i in self.matcher.figures_in(pidx)][:3]


