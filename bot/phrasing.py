"""How figures are put into words: answer leads, abstentions and suggested questions.

Answers use the document's own terms — the figure as written ("more than 400m RMB"), its
label, its period — so every number a reader sees can be found in the cited passage.
"""

from __future__ import annotations

import re

from .models import Figure

_WORD_NUMBER = re.compile(r"^[A-Za-z]")


def value_text(f: Figure) -> str:
    """The figure as a reader should see it: as written, with thousands separators for
    bare digit counts ("3692" → "3,692") and the qualifier if the text lacks it."""
    text = f.text
    if f.unit == "count" and f.value is not None and re.fullmatch(r"\d{4,}", text.strip()):
        text = f"{f.value:,.0f}"
    if f.qualifier and f.qualifier.lower() not in text.lower():
        text = f"{f.qualifier} {text}"
    if f.unit == "rank" and f.scope and f.scope.lower() not in text.lower():
        text = f"{text} {f.scope}"
    return text


def period_words(f: Figure, published: str | None, evidence: str) -> str:
    """", in 2021" / ", in the first quarter of 2022" / ", to date" — only when the words
    are backed by the evidence text, so that no unsupported number enters the answer."""
    p = f.period
    if not p or f.unit == "date":
        return ""
    if published and p == published:
        return ", to date" if re.search(r"\bto date\b|\bso far\b", evidence, re.I) else ""
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", p):
        nth = ("first", "second", "third", "fourth")[int(m.group(2)) - 1]
        return f", in the {nth} quarter of {m.group(1)}" if m.group(1) in evidence else ""
    if re.fullmatch(r"\d{4}", p) and p in evidence:
        return f", in {p}"
    return ""


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lead(f: Figure, published: str | None, evidence: str) -> str:
    """"371.5 bn RMB — e-commerce volume, in 2021." """
    return f"{capitalise(value_text(f))} — {f.label}{period_words(f, published, evidence)}."


def question_for(f: Figure) -> str:
    """A question this figure answers, for suggestion chips."""
    label = f.label
    when = f" in {f.period}" if f.period and re.fullmatch(r"\d{4}", f.period) else ""
    if f.unit == "count":
        head, _, last = label.rpartition(" ")
        if head and re.fullmatch(r"\w+ed|built|held|made|sold|set up|won", last):
            return f"How many {head} were {last}{when}?"  # "5G base stations built"
        return f"How many {label}{when}?"
    if f.unit == "date":
        return f"When was the {label}?"
    if f.unit == "rank":
        return f"What is Yiwu's {label}?" if not label.lower().startswith("rank") else \
            f"What is the {label}?"
    if f.unit == "years":
        return f"For how many years: {label}?"
    return f"What was the {label}{when}?"


def abstention(what: str | None, *, named: bool = False) -> str:
    """The refusal; ``named``: ``what`` is a name the documents mention without saying
    what was asked."""
    if what and named:
        return f"The documents do not say: they mention {what}, but not that."
    if what:
        return f"The documents do not say: they hold nothing about {what}."
    return "The documents do not say."


def cannot_read(index_has_it: bool) -> str:
    """The refusal for a question in Chinese when no multilingual vectors are at hand: the
    documents may well hold the answer, so this must not say they do not."""
    why = ("this service runs without its multilingual encoder (BOT_MULTILINGUAL=none)"
           if index_has_it else
           "the index was built without multilingual vectors (`build --no-multilingual`)")
    fix = "run it with the encoder" if index_has_it else "rebuild the index without that flag"
    return (f"Questions in Chinese cannot be matched to the English documents here: {why}. "
            f"Ask in English, or {fix}.")
