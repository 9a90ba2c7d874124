"""Figures: the typed numbers a document states, each with what it measures.

Why this is hand-written: no library we tested gets value, unit, scale and qualifier right
together on this kind of text. Microsoft Recognizers-Text got 7 of the 24 figures of the Yiwu
article, quantulum3 got 4, and spaCy's entities mark spans but give no values. And what a
figure *measures* (its label), its period and its growth-of link need the sentence around it,
which none of them reads. Pure standard library, so it also runs where nothing can be
installed.

How a sentence is read, in order:

1. dates and periods (``bot.periods.find_calendar``) are found first and masked, so the
   "2022" of "the first quarter of 2022" or the "15" of "Dec. 15" never becomes a figure;
2. money and percentages, then spans that are *not* figures (the "5G" of "5G base stations",
   "COVID-19", "iPhone 13", "top 500", page navigation, phone numbers and ids) are masked;
3. years ("seven consecutive years"), ranks ("ranked first in Jinhua", "the second ...
   channel opened in ... China", "第十六") and counts ("3692 5G base stations");
4. each figure gets a label from the words around it, a period (its sentence's, else the
   last one stated at the start of a sentence of the same paragraph), and growth rates get
   ``of`` = the figure they are the growth of.

Steps 1 to 3 are ``bot.periods`` and ``bot.spotting``, step 4 ``bot.labels`` (with
``bot.phrases`` and ``bot.vocabulary``), all working on a ``bot.reading.Reading`` of the
sentence. This module runs them over a document: it carries periods and growth bases from one
sentence to the next, gives each figure a stable id and keeps one statement of each fact.

Conventions a reader of the figures can rely on:

- ``text`` is the figure as written, qualifier included ("more than 400m RMB"), verb of
  change excluded ("fell 3.2%" -> text "3.2%", value -3.2, label "growth of ...").
- Units are those of the ``/ask`` contract. Money in yuan/元/CNY/RMB/¥ is "RMB"; other
  currencies keep their ISO code ("USD", "EUR", "HKD") since converting would invent a
  number. Physical quantities ("1.2 million tonnes") are "count", the measure word staying
  in the label ("tonnes of cargo handled").
- "3 percentage points" is unit "%" with scale "percentage points".
- A range ("3-5%", "between 10 and 20 billion yuan") is one figure: value = lower bound,
  qualifier "between", and ``text`` spans the whole range so the upper bound stays stated;
  ``figure_bounds`` returns both bounds.
- "doubled" is +100 %, "halved" -50 %, "one-third" 33.33 %.
- Chinese qualifiers are given in English: 超过 "more than", 逾 "over", 近 "nearly",
  约 "about", 以上 "more than"; so a client handles one vocabulary.
- Labels use the document's words: a growth rate is "growth of <base label>", a rank
  "rank of <thing>" or "rank in <field>" (the place goes to ``scope``), a duration
  "[consecutive ]years <what lasted>", money given out "amount <verb> [by <who>] <for what>".
  The actor the document is about ("Yiwu", "the city") is left out.
- Periods: "2021", "2022-Q1", "2022-H1", "2021-12" (a month), "FY2021-22", an ISO date for
  "On December 15, 2021," and for "To date"/"so far" (the publication date). A period that
  opens a sentence ("In 2021, ...") holds for the rest of its paragraph; a date does not.
- An ordinal is a rank only where something is ranked ("ranked first", "the second ... in
  China", "..., second in Jinhua"); "the first group of", "sixth-generation" are names.
- ``keywords`` are in the form ``bot.text.tokens`` gives a question (hyphens joined,
  plurals stripped), plus base forms of verbs ("allocate") and nouns of adjectives
  ("economy"), so a question's words can be looked up in them directly.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from . import numbers as nb
from .labels import label_all
from .models import Document, Figure, Sentence
from .periods import Periods, period_for, read_calendar
from .reading import Reading
from .spotting import spot
from .vocabulary import KEYWORD_STOPWORDS, keywords_for

__all__ = ["extract_figures", "extract_text", "figure_bounds", "keywords_for", "split_sentences"]


# --- public API -----------------------------------------------------------------------------


def extract_figures(doc: Document, sentences: Sequence[Sentence]) -> list[Figure]:
    """All figures of one cleaned document. ``sentences`` are the document's sentences in
    order (offsets into ``doc.text``; each carries its section heading). ``doc.published``
    (ISO date or None) anchors "To date"/"so far" periods. A fact stated twice (same label,
    value, unit, period and scope, e.g. "45 bn RMB" and later "45 billion RMB") is returned
    once, at its first statement. Every figure satisfies ``doc.text[f.start:f.end] == f.text``.
    """
    proper = _proper_nouns(doc.text)
    figures: list[Figure] = []
    carry: str | None = None  # the period stated at the start of an earlier sentence
    prev_end: int | None = None
    prev_values: list[Figure] = []
    for sent in sentences:
        if prev_end is None or "\n" in doc.text[prev_end:sent.start]:
            carry, prev_values = None, []  # a new paragraph
        prev_end = sent.end
        text = doc.text[sent.start:sent.end]
        s = Reading(text, _mask_names(text), proper)
        periods = read_calendar(s, carry, doc.published)
        spot(s)
        label_all(s)
        made = _assemble(s, doc, sent, periods, carry, prev_values)
        figures.extend(made)
        start_period = periods.at_start
        if start_period is not None:
            carry = start_period
        prev_values = [f for f in made if f.unit not in ("rank", "date", "years") and not f.of
                       and not f.label.startswith("growth")] or prev_values
    return _dedupe(figures)


def extract_text(text: str, *, doc_id: str = "t", published: str | None = None) -> list[Figure]:
    """Convenience for tests and ad-hoc use: ``text`` as one document, split naively into
    sentences (see ``split_sentences``), every figure as ``extract_figures`` returns it."""
    doc = Document(id=doc_id, title="", text=text, published=published)
    return extract_figures(doc, split_sentences(text, doc_id))


_NO_SPLIT_AFTER = re.compile(r"(?i)\b(?:co|mr|mrs|ms|dr|st|no|nos|vs|approx|e\.g|i\.e|jan|feb|mar|"
                             r"apr|jun|jul|aug|sep|sept|oct|nov|dec|inc|corp|dept|gov|u\.s)\.$")
_SOFT_SPLIT_AFTER = re.compile(r"(?i)\b(?:ltd|bn|mn|mln|m|k|tn|etc)\.$")


def split_sentences(text: str, doc_id: str = "t") -> list[Sentence]:
    """Sentences of ``text`` with exact offsets: a break after [.!?] followed by a space or
    the end, after 。！？, and at every line break. A dot inside a number ("371.5"), after an
    abbreviation that never ends a sentence ("Co.", "Dec.", "No.") or after one that may
    ("Ltd.", "bn.") when the next word is lower case, does not split."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in re.finditer(r"[.!?](?=[\s\"”’)]*(?:\s|$))[\"”’)]*|[。！？]", para.group()):
            end = para.start() + m.end()
            head = text[start:end]
            nxt = text[end:end + 3].lstrip()[:1]
            if m.group()[0] == "." and (
                _NO_SPLIT_AFTER.search(head)
                or (_SOFT_SPLIT_AFTER.search(head) and nxt and not nxt.isupper())
            ):
                continue
            out.append(_sentence(text, start, end, doc_id))
            start = end
        if text[start:para.end()].strip():
            out.append(_sentence(text, start, para.end(), doc_id))
    return out


def figure_bounds(fig: Figure) -> tuple[float | None, float | None]:
    """(low, high) of a figure: both the value, except for a range ("3-5%", "between 10 and
    20 billion yuan"), whose upper bound is read back from its text."""
    if fig.qualifier != "between" or fig.value is None:
        return fig.value, fig.value
    nums = re.findall(rf"{nb.DIGITS_RE}|{nb.WORD_NUMBER_RE}", fig.text)
    if len(nums) < 2:
        return fig.value, fig.value
    low, high = nb.parse_number(nums[0]), nb.parse_number(nums[1])
    if not low or high is None:
        return fig.value, fig.value
    return fig.value, float(high) * fig.value / float(low)


# --- sentences ------------------------------------------------------------------------------


def _sentence(text: str, start: int, end: int, doc_id: str) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(doc_id, start, end, text[start:end])


def _mask_names(text: str) -> str:
    """Company suffixes become word characters, so "Co., Ltd." is no clause boundary."""
    text = text.replace("Co., Ltd.", "Co__ Ltd_")
    return re.sub(r"\b(Co|Ltd|Inc|Corp)\.", r"\1_", text)


def _proper_nouns(text: str) -> frozenset[str]:
    """Capitalised words that also stand capitalised inside a sentence: names, not openers."""
    return frozenset(m.group(1) for m in re.finditer(r"(?<=[\w,;’'”)] )([A-Z][\w-]+)", text))


# --- figures --------------------------------------------------------------------------------


def _assemble(s: Reading, doc: Document, sent: Sentence, periods: Periods,
              carry: str | None, prev_values: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    ids = [_figure_id(doc, sent.start + mn.start, sent.start + mn.end) for mn in s.mentions]
    for mn, fid in zip(s.mentions, ids, strict=True):
        start, end = sent.start + mn.start, sent.start + mn.end
        text = doc.text[start:end]
        period = period_for(s, mn, periods, carry)
        date = mn.date
        if mn.kind == "date" and not date and mn.suffix:
            year = next((p[:4] for *_, p in periods.spans if p and p[:4].isdigit()), None)
            year = year or (carry or doc.published or "")[:4] or None
            date = f"{year}{mn.suffix}" if year else None
        if mn.kind == "date":
            period = date
        of = ids[mn.of] if mn.of is not None else None
        if mn.of_prev and prev_values:
            of = prev_values[-1].id
            mn.label = f"growth of {prev_values[-1].label}"
        keywords = keywords_for(mn.label)
        keywords += tuple(k for k in mn.extra if k not in keywords and k not in KEYWORD_STOPWORDS)
        if of is not None:
            base_kw = next((f.keywords for f in [*out, *prev_values] if f.id == of), ())
            keywords += tuple(k for k in base_kw if k not in keywords)
        out.append(Figure(
            id=fid, label=mn.label, value=mn.value, unit=mn.unit, text=text,
            qualifier=mn.qualifier, period=period, date=date, doc_id=doc.id, start=start,
            end=end, scale=mn.scale, scope=mn.scope, of=of, sentence_start=sent.start,
            sentence_end=sent.end, keywords=keywords,
        ))
    return out


def _figure_id(doc: Document, start: int, end: int) -> str:
    """Stable across rebuilds: it depends only on the document and where the figure stands."""
    key = f"{doc.id}:{start}:{end}:{doc.text[start:end]}"
    return "f-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """Keep the first statement of each fact; re-point growth links at the kept figure."""
    kept: list[Figure] = []
    alias: dict[str, str] = {}
    for f in figures:
        words = set(keywords_for(f.label))
        twin = next((k for k in kept if k.unit == f.unit and k.value == f.value
                     and k.period == f.period and k.scope == f.scope and k.date == f.date
                     and _similar(words, set(keywords_for(k.label)))), None)
        if twin is not None:
            alias[f.id] = twin.id
            continue
        kept.append(f)
    return [replace(f, of=alias.get(f.of, f.of)) if f.of else f for f in kept]


def _similar(a: set[str], b: set[str]) -> bool:
    return bool(a and b) and (a <= b or b <= a or len(a & b) / len(a | b) >= 0.5)
