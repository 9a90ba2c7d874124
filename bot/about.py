"""Questions about a document rather than its story: who wrote, translated or edited it, who
made its diagrams, when it was published, what it is called, what it covers.

Cleaning keeps these out of the text that passages are cut from (:mod:`bot.ingest`: the
date line becomes ``published``, "(By …)" the ``byline``, "(Diagrammed by …)" a credit), so
retrieval can never find them. They are answered here from the document's record instead,
and the answer carries that record as ``source`` in place of a cited passage: every name or
date it gives is one the document's metadata states. A document without the field asked for
is a plain refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .models import Document
from .text import names_in

_DOC = r"(?:article|document|report|story|piece|text|essay|news|post|it|this)"
# The words these questions are asked with, which the story's text may never use: the
# speller puts misspellings right toward them too ("who transalted the artcle?")
WORDS = frozenset("""article document report story piece essay author authors wrote written
    writer translated translator translation edited editor diagram diagrams diagrammed chart
    illustrated published publication title summary""".split())
_WHO = r"\b(?:who|whom|whose|name\s+of\s+the)\b"
# What is asked, tried in this order: "who translated the article?" asks the translator.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("translator", re.compile(rf"{_WHO}.*\btranslat(?:ed|or|ors|ion)\b|翻译|译者", re.I)),
    ("editor", re.compile(rf"{_WHO}.*\b(?:edited|editor|editors)\b|编辑", re.I)),
    ("credit", re.compile(rf"{_WHO}.*\b(?:diagram\w*|chart|graphic|infographic|illustrat\w*|"
                          r"drew|drawn)\b|谁.*(?:制图|图表)", re.I)),
    ("author", re.compile(
        rf"\bwho\s+(?:wrote|writes|has\s+written|authored|is\s+(?:the\s+)?(?:author|writer)|"
        rf"are\s+(?:the\s+)?(?:authors|writers))\b|\b(?:author|authors|writer|writers|byline)\b"
        rf"|\bwritten\s+by\b|\bby\s+whom\b.*\b(?:written|{_DOC})\b|作者|谁写|撰稿|撰写", re.I)),
    ("published", re.compile(
        rf"\bwhen\s+(?:was|were|is|did)\s+(?:the\s+|this\s+)?{_DOC}?\s*(?:first\s+)?"
        rf"(?:published|released|posted|issued|come\s+out|came\s+out|appear(?:ed)?)\b"
        rf"|\b(?:publication|release|publishing)\s+date\b|\bdate\s+of\s+(?:publication|release)\b"
        rf"|\b(?:what|which)\s+(?:date|day|year)\s+was\s+(?:the\s+|this\s+)?{_DOC}\s+"
        rf"(?:published|released|posted)\b|\bpublished\s+(?:on\s+)?(?:when|what\s+date)\b"
        r"|发布日期|发布时间|(?:什么时候|何时|哪天|哪一天)(?:发布|发表)", re.I)),
    # the whole question about the whole document: "What is this article about?", "Give me a
    # summary." ("… 50 billion in 2021. What does the article say?" asks about the figure)
    ("summary", re.compile(
        rf"^\s*(?:so\s+|and\s+|ok\s+)?(?:what\s+(?:is|'s)\s+(?:the\s+|this\s+){_DOC}\s+(?:about|on)|"
        rf"what\s+does\s+(?:the\s+|this\s+){_DOC}\s+(?:say|cover|discuss|talk\s+about)|"
        rf"(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?(?:give|provide|write)?\s*(?:me\s+|us\s+)?"
        rf"(?:a\s+|an\s+|the\s+)?(?:short\s+|brief\s+|quick\s+)?(?:summary|overview|gist|main\s+points)"
        rf"(?:\s+of\s+(?:the\s+|this\s+){_DOC})?|summari[sz]e(?:\s+(?:the\s+|this\s+|it){_DOC}?)?)"
        r"\s*(?:please)?\s*[?？.!]*\s*$|^\s*(?:这篇)?(?:文章|报道|这篇)?(?:讲了什么|主要内容是什么|的主要内容|"
        r"概要|摘要|总结一下)", re.I)),
    ("title", re.compile(
        rf"\b(?:title|headline)\s+of\s+(?:the\s+|this\s+)?{_DOC}\b|\b{_DOC}'?s?\s+(?:title|"
        rf"headline)\b|\bwhat\s+is\s+(?:the\s+|this\s+)?{_DOC}\s+(?:called|titled|named)\b"
        r"|标题|题目", re.I)),
)
_ROLE = re.compile(r"\b(translated|edited|diagrammed|photographed|drawn|written)\s+by\s+"
                   r"([^,;()]+)", re.I)


@dataclass(frozen=True)
class AboutAnswer:
    answered: bool
    answer: str
    source: dict


def asked(question: str) -> str | None:
    """Which field of the document's record ``question`` asks for, or None."""
    for field, pattern in _ASKS:
        if pattern.search(question):
            return field
    return None


def credits(doc: Document) -> dict[str, str]:
    """Who did what, from the byline and credits: {"author": "Ding Fenggang and Wang Ting",
    "translator": …, "editor": …, "credit": "Guo Jianzheng"}."""
    out: dict[str, str] = {}
    byline = (doc.byline or "").strip()
    if m := re.match(r"(?:by\s+)?([^,;()]+)", byline, re.I):
        if byline.lower().startswith("by ") or not _ROLE.match(byline):
            out["author"] = m.group(1).strip()
    texts = [byline] + [a.text for a in doc.asides if a.kind == "credit"]
    roles = {"translated": "translator", "edited": "editor", "written": "author"}
    for text in texts:
        for role, name in _ROLE.findall(text):
            out.setdefault(roles.get(role.lower(), "credit"), name.strip())
    return out


def answer(field: str, doc: Document, zh: bool = False) -> AboutAnswer:
    """The answer to a question for ``field`` of ``doc``'s record."""
    title = doc.title
    source = {"doc_id": doc.id, "title": title, "url": doc.url, "field": field,
              "byline": doc.byline, "published": doc.published,
              "credits": [a.text for a in doc.asides if a.kind == "credit"]}
    if field == "published":
        if not doc.published:
            return AboutAnswer(False, f"“{title}” does not say when it was published.", source)
        day = date.fromisoformat(doc.published)
        return AboutAnswer(True, f"{day:%B} {day.day}, {day.year}: “{title}” was published on "
                                 f"{doc.published}.", source)
    if field == "title":
        return AboutAnswer(True, f"“{title}”.", source)
    if field == "summary":  # its sections' headings, else its opening sentence
        parts = [h[2] for h in doc.headings]
        if parts:  # in sentence case, names kept: "promoting digital trade …"
            body = doc.text
            for start, end, _ in doc.headings:  # names as the story writes them
                body = body[:start] + " " * (end - start) + body[end:]
            proper = {w for n in names_in(body) for w in n.split()}
            topics = "; ".join(" ".join(w if w.lower() in proper else w.lower()
                                        for w in p.split()) for p in parts)
            return AboutAnswer(True, f"“{title}” covers {topics}.", source | {
                "headings": parts})
        opening = re.split(r"(?<=[.!?])\s", doc.text.strip(), maxsplit=1)[0]
        return AboutAnswer(True, f"“{title}”: {opening}", source)
    who = credits(doc).get(field)
    role = {"author": "wrote", "translator": "translated", "editor": "edited",
            "credit": "made the diagrams of"}[field]
    if not who:
        return AboutAnswer(False, f"“{title}” does not say who {role} it.", source)
    whole = f" ({doc.byline})" if doc.byline and field != "credit" else ""
    return AboutAnswer(True, f"{who} {role} “{title}”{whole}.", source)
