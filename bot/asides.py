"""Replies to what asks nothing of the figures: a greeting or thanks (what can be asked,
with examples), a judgement asked for (refused: the documents report facts and figures),
and who wrote, translated or edited a document, or when it was published (its record,
:mod:`bot.about`). None of them is what a follow-up's "it" refers to."""

from __future__ import annotations

import re

from . import about as record
from . import phrasing
from .compose import Composer
from .converse import Resolved
from .engine import Reply
from .index import Index
from .retrieve import Retriever


class Asides:
    def __init__(self, index: Index, retriever: Retriever, compose: Composer) -> None:
        self.index = index
        self.retriever = retriever
        self.compose = compose

    def small_talk(self, r: Resolved) -> Reply:
        """A greeting or thanks: no answer to give, but what can be asked."""
        docs = list(self.index.documents.values())
        titles = "; ".join(f"“{d.title}”" for d in docs[:3]) + (" …" if len(docs) > 3 else "")
        said = r.question.strip().lower()
        opening = ("You are welcome. " if re.match(r"(?:thanks|thank|thx|cheers|谢谢|多谢)", said)
                   else "Hello. " if re.match(r"(?:hi|hello|hey|howdy|greetings|good|你好|您好|嗨)",
                                              said) else "")
        answer = f"{opening}Ask me about {titles}: I answer with the figures the documents give."
        examples: list[str] = []  # the first few figures' questions, not all of them
        for f in self.index.figures:
            if len(examples) == 3:
                break
            if f.of is None and (q := phrasing.question_for(f)) not in examples:
                examples.append(q)
        state = self.compose.state(r, None, answered=False) | {"context": False}
        return Reply(r.query.text, r.question, False, answer, 0.0, [], [], examples,
                     "small_talk", state)

    def opinion(self, r: Resolved) -> Reply:
        """A judgement asked for: refused, saying that the documents give facts and figures."""
        answer = ("The documents do not say: I answer only with what they report, facts and "
                  "figures, and they give no judgement of that. Ask me what they say about it.")
        state = self.compose.state(r, None, answered=False) | {"context": False}
        return Reply(r.query.text, r.question, False, answer, 0.0, [], [], [], "opinion", state)

    def about(self, r: Resolved, field: str) -> Reply:
        """Who wrote, translated or edited a document, when it was published, its title: from
        its record (bot.about), the one document's or the best passage's."""
        docs = self.index.documents
        if len(docs) == 1:
            doc = next(iter(docs.values()))
        else:
            hits = self.retriever.search(r.question, 1, cross_lingual=r.query.lang != "en")
            doc = docs[hits[0].passage.doc_id] if hits else next(iter(docs.values()))
        a = record.answer(field, doc)
        # not what a follow-up's "it" refers to: "who wrote it?" + "how did they rank?"
        state = self.compose.state(r, None, answered=a.answered) | {"context": False}
        return Reply(r.query.text, r.question, a.answered, a.answer,
                     0.95 if a.answered else 0.0, [], [], [], "about", state, source=a.source)
