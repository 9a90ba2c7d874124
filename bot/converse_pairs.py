"""Follow-ups over the last two figures a conversation gave: "which is higher?", "what's
the difference?", "add them up", "哪个更高？", "how many times bigger is the latter?", "the
second one" — made a standalone question naming both (read by :func:`bot.converse.resolve`).
"""

from __future__ import annotations

import re
from typing import Any

from .converse_zh import WHICH_OF_THEM_ZH
from .question_periods import period_phrase

# "the former", "the latter", "the second one", "the first figure": of the last two given
_FORMER_LATTER = re.compile(r"\bthe\s+(?:(?P<first>former|(?:first|earlier)\s+(?:one|figure|"
                            r"number|rate|value|amount))|latter|(?:second|last|later)\s+(?:one|"
                            r"figure|number|rate|value|amount))\b", re.I)
_COMPARATIVE = re.compile(r"\b(?:times|bigger|larger|greater|higher|more|smaller|lower|less|"
                          r"faster|slower)\b", re.I)

# "Which is higher?", "compare them", "what's the difference?" after two answers asks to
# compare the last two figures given.
_WHICH_OF_THEM = re.compile(
    r"^\s*(?:so|and|ok(?:ay)?|then|now)?[\s,]*(?:(?:which|what)(?:\s+one)?(?:\s+of\s+(?:the|"
    r"them|these|those)(?:\s+two)?)?\s+(?:is|was|grew|has|had|are|were|did)\s+(?:the\s+)?"
    r"(?P<cmp>higher|bigger|larger|greater|faster|more|lower|smaller|longer)(?:\s+one)?"
    r"|compare\s+(?:them|these|those|the\s+two)|how\s+do\s+(?:they|the\s+two)\s+compare"
    r"|what(?:'s|’s|\s+is)\s+the\s+(?P<op>difference|ratio|sum|total)(?:\s+(?:between|of)\s+"
    r"(?:them|these|those|the\s+two)(?:\s+(?:numbers|figures))?)?"
    # "by how much?", "how much more?", "what's the gap?" after two figures: their difference
    r"|(?P<gap>by\s+how\s+much|how\s+much\s+(?:more|bigger|larger|higher|greater)|how\s+big\s+"
    r"is\s+the\s+(?:gap|difference)|what(?:'s|’s|\s+is)\s+the\s+gap)"
    r"|(?:the\s+)?(?P<op2>difference|gap|ratio|sum|total)(?:\s+in\s+(?:percentage\s+)?points)?"
    r"|how\s+many\s+(?:percentage\s+)?points\s+(?P<apart>apart|between\s+them|of\s+difference)"
    # "how many is that combined?", "together?", "in total?": their sum
    r"|(?:how\s+(?:many|much)\s+(?:is|are|was|were)\s+(?:that|those|these|they|it)\s+|"
    r"what(?:'s|’s|\s+is|\s+are)\s+(?:that|those|these|they)\s+)?"
    r"(?P<add3>combined|together|in\s+total|altogether)"
    r"|(?P<add>add|sum)\s+(?:them|these|those|the)(?:\s+two)?(?:\s+(?:numbers|figures))?"
    r"(?:\s+(?:up|together))?|(?P<add2>add)\s+up\s+(?:them|these|those|the)(?:\s+two)?"
    r"(?:\s+(?:numbers|figures))?"
    r")\s*[?？.!]*\s*$", re.I)


def over_last_two(question: str, lang: str, history: list[dict[str, Any]]) -> str | None:
    """``question`` as a standalone question about the last two figures answered, when it
    asks about them, else None."""
    if lang == "en" and (named := _FORMER_LATTER.search(question)) and (
            pair := _last_two(history)):
        # "how many times bigger is the latter?": the latter of the last two figures given
        a, b = pair
        text = _FORMER_LATTER.sub(lambda m: a if m.group("first") else b, question)
        if _COMPARATIVE.search(text) and not re.search(r"\bthan\b", text, re.I):
            text = f"{text.rstrip('?？. ')} than {b if named.group('first') else a}?"
        return text
    if lang == "en" and (both := _WHICH_OF_THEM.match(question)):
        op2 = (both.group("op2") or "").lower()
        op = "sum" if both.group("add") or both.group("add2") or both.group("add3") or \
            op2 in ("sum", "total") else "difference" if both.group("gap") or both.group(
                "apart") or op2 in ("difference", "gap") else both.group("op") or op2 or None
        return _compared(history, both.group("cmp"), op)
    if lang == "zh" and (both := WHICH_OF_THEM_ZH.match(question)):
        # "哪个更高？", "相差多少？": compared as in English, the sides being English labels
        op = "difference" if both.group("diff") else None
        cmp = {"快": "faster", "长": "longer"}.get(both.group("cmp") or "", "higher")
        cmp = "faster" if both.group("growth") else cmp
        return _compared(history, cmp, op)
    return None


def _compared(history: list[dict[str, Any]], cmp: str | None, op: str | None) -> str | None:
    """The comparison of the last two figures answered, as a standalone question: "Which is
    higher: the growth of e-commerce volume in 2021, or …?"; None unless two were given."""
    pair = _last_two(history)
    if pair is None:
        return None
    a, b = pair
    # a side with "and" of its own ("companies and institutions selected …") is asked in a
    # form that no "and" splits
    joined = re.search(r"\band\b", a, re.I)
    if op and op.lower() in ("sum", "total"):  # "add those two up"
        return f"What is {a} plus {b}?" if joined else f"What is the sum of {a} and {b}?"
    if op and op.lower() == "difference" and joined:
        return f"How much larger is {a} than {b}?"
    if op:  # "what's the difference?", "what's the ratio?"
        return f"What is the {op.lower()} between {a} and {b}?"
    return f"Which is {(cmp or 'larger').lower()}: {a}, or {b}?"


def _last_two(history: list[dict[str, Any]]) -> tuple[str, str] | None:
    """The measures of the last two figures answered, older first, with their periods:
    ("the e-commerce volume in 2021", "the growth of …"); None unless two were given."""
    sides: list[str] = []
    for h in reversed(history):
        if not (h.get("answered") and h.get("figure_id") and h.get("metric_phrase")):
            continue
        side = h["metric_phrase"]
        if h.get("intent") == "growth" and not side.lower().startswith("growth"):
            side = f"growth of {side}"
        # the figure's own period: the question's may have been the turn before's
        period = h["figure_period"] if "figure_period" in h else h.get("period")
        side = f"the {side} {period_phrase(period)}".strip()
        if side not in sides:
            sides.append(side)
        if len(sides) == 2:
            break
    if len(sides) < 2:
        return None
    b, a = sides
    return a, b
