"""Questions about a figure named by its value: "For which year is the 371.5 billion figure?"
asks the period of the figure worth 371.5 billion; "What does the 3692 refer to?" asks what it
measures. The figure is found by its value, not by the question's words (which name little
but the value), and answered with its period or its measure and the sentence that gives it.

A value the documents give more than once for different measures is told apart by the
question's other words; a value no figure has is left to the usual answer (and refusal).
"""

from __future__ import annotations

import re

from . import phrasing
from .compose import Composer, Evidence
from .converse import Resolved
from .engine import Reply
from .figures import extract_text
from .index import Index
from .match import FigureMatcher
from .question_periods import period_phrase
from .retrieve import Retriever
from .text import tokens

# "which year", "what period", "when" …
_PERIOD_ASKED = re.compile(r"\b(?:which|what)\s+(?:year|period|quarter|time(?:\s+(?:frame|"
                           r"period))?|months?|date)\b|\bwhen\b", re.I)
# "what does X refer to / mean / measure", "what is the X figure", "what is X"
_MEANING_ASKED = re.compile(r"\b(?:refers?|referring|mean|means|measures?|represents?|stands?\s+"
                            r"for|describes?|counts?|about)\b|^\s*what\s+(?:is|was)\s+(?:the\s+)?"
                            r"\S+(?:\s+(?:billion|million|bn|m|rmb|yuan|%|percent))*"
                            r"(?:\s+(?:figure|number|value|amount))?\s*[?.!]*$", re.I)
_WH = re.compile(r"^\s*(?:for\s+|in\s+|to\s+|of\s+)?(?:which|what|when|how)\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")


def asked(question: str) -> tuple[str, float, str | None] | None:
    """("period" or "meaning", the value named, its unit if it names one) when ``question``
    asks about a figure by its value, else None."""
    if not _WH.match(question):
        return None
    kind = "period" if _PERIOD_ASKED.search(question) else \
        "meaning" if _MEANING_ASKED.search(question) else None
    if kind is None:
        return None
    stated = [b for b in extract_text(question) if b.value is not None and b.unit != "date"
              and not (b.unit == "count" and _YEAR.fullmatch(b.text.strip()))]
    if len(stated) != 1:
        return None
    unit = stated[0].unit if stated[0].unit not in (None, "count") else None
    return kind, float(stated[0].value), unit


class ValueAnswers:
    def __init__(self, index: Index, retriever: Retriever, matcher: FigureMatcher,
                 compose: Composer) -> None:
        self.index = index
        self.retriever = retriever
        self.matcher = matcher
        self.compose = compose

    def answer(self, r: Resolved, kind: str, value: float, unit: str | None,
               top_k: int) -> Reply | None:
        """The period or the measure of the figure worth ``value``, or None if none is."""
        found = [(i, f) for i, f in enumerate(self.index.figures)
                 if f.value is not None and f.unit != "date" and (unit is None or f.unit == unit)
                 and abs(float(f.value) - value) <= 0.005 * abs(value)]
        if not found:
            return None
        asked = set(tokens(r.question))
        i, f = max(found, key=lambda x: len(asked & set().union(*self.matcher.tokens_of(x[0]))))
        doc = self.index.documents[f.doc_id]
        sentence = doc.text[f.sentence_start : f.sentence_end]
        head = phrasing.lead(f, doc.published, sentence)  # "371.5 bn RMB — e-commerce volume"
        if kind == "period":
            when = period_phrase(f.period) if f.period else ""
            head = (f"{phrasing.capitalise(when)}: {head}" if when else
                    f"The documents give no period for it beyond what its sentence says: {head}")
        answer = f"{head} {sentence}"
        pidx = self.matcher.passage_of[i]
        hits = self.retriever.search(r.question, max(3, top_k))
        ev = Evidence(pidx, [(f.sentence_start, f.sentence_end), (f.start, f.end)])
        return self.compose.reply(r, answer, True, 0.9, [f.public()], hits, ev, top_k,
                                  suggestions=self.compose.suggest_after(f), figure=f)

