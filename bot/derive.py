"""A figure of the year before, worked back from a figure and its year-on-year growth, when
the question asks for that arithmetic: "Working back from the growth rate, what was the
e-commerce volume in 2020?" is 371.5 bn RMB ÷ 1.189 ≈ 312.4 bn RMB; "In absolute terms, how
much did it increase from 2020 to 2021?" is 371.5 bn RMB less that.

Only asked for: "What was the e-commerce volume in 2020?" is still refused, since the
documents do not state it; the answer to a question that asks for the working names both
inputs and says it is computed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .compare import amount, computed_figure
from .models import Figure
from .question_periods import period_phrase

# Asked to work a figure out rather than to quote one.
_WORKED = re.compile(
    r"\b(?:work(?:ing|ed)?\s+(?:it\s+)?back|back[- ]?calculat\w*|impl(?:y|ies|ied)|"
    # "work out / back out / figure out the 2020 volume"
    r"(?:work|back|figure)(?:ing|ed|s)?\s+(?:it\s+)?out|reverse[- ]engineer\w*|"
    r"(?:given|based on|from|using|according to)\s+(?:the|its|that|their)\s+(?:[\d.]+%\s+)?"
    r"growth(?:\s+rate)?|(?:calculate|compute|estimate|derive|deduce|infer)[ds]?|roughly|"
    r"approximately|approx)\b", re.I)
# "the year before 2021" is 2020
_YEAR_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:year|twelve months)\s+(?:before|prior\s+to)\s+((?:19|20)\d\d)\b", re.I)
_MONEY_UNIT = (r"(?:billions?|millions?|bn|m)?\s*(?:of\s+)?(?:rmb|yuan|renminbi)|billions?|bn|"
               r"millions?")
_CHANGE = re.compile(
    r"\bin absolute terms\b|\babsolute\s+(?:increase|growth|change|rise)\b|"
    r"\bhow much\s+(?:more\s+)?(?:money|rmb|yuan)\b|"
    # "by how many billion RMB did it increase?", "how many billion yuan did it grow by?"
    rf"\bhow\s+(?:much|many)\s+(?:{_MONEY_UNIT})\b.*\b(?:increase|grow|grew|rise|rose|gain|"
    r"add|added|more)\b|"
    # "in billions, how much did it grow?", "how much did it grow, in bn RMB?"
    rf"\bin\s+(?:{_MONEY_UNIT})\b.*\b(?:increase|grow|grew|rise|rose)\b|"
    rf"\b(?:increase|grow|grew|rise|rose)\b.*\bin\s+(?:{_MONEY_UNIT})\b|"
    # "how much bigger was it in 2021 than in 2020?": one measure, two years
    r"\bhow\s+much\s+(?:bigger|larger|higher|greater|more)\b.*\b(?:19|20)\d\d\b.*\bthan\s+"
    r"(?:in\s+|during\s+)?(?:(?:the\s+)?(?:q[1-4]|(?:first|second|third|fourth)\s+quarter)"
    r"(?:\s+of)?\s+)?(?:19|20)\d\d\b", re.I)
# The words of a change asked in money, which name no measure
_CHANGE_WORDS = re.compile(r"\bin\s+absolute\s+terms\b|\b(?:absolute|billions?|millions?|bn|rmb|"
                           r"yuan|renminbi|money|bigger|larger|higher|greater|more|than|many)\b",
                           re.I)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Derivation:
    kind: str  # "level": the earlier period's value; "change": the increase since then
    period: str | None  # the earlier period: "2020", "2021-Q1"; None: the figure's year before


def asked(question: str, period: str | None) -> Derivation | None:
    """The working a question asks for, if it asks one: the level of an earlier period
    ("implied 2020 output") or the absolute change since it ("in absolute terms, how much
    did it grow from 2020 to 2021?")."""
    question = _YEAR_BEFORE.sub(lambda m: str(int(m.group(1)) - 1), question)
    years = sorted(int(y) for y in _YEARS.findall(question))
    change = bool(_CHANGE.search(question))
    if change and not years:  # "how much did it rise in absolute terms?": since the year before
        return Derivation("change", None)
    if change and len(set(years)) == 1 and not re.search(
            rf"\b(?:from|since|over|on|against)\s+(?:the\s+)?(?:end\s+of\s+)?{years[0]}\b",
            question, re.I):
        # "how much did it increase in 2021?": from the year before 2021 (of the same quarter)
        years = [years[0] - 1]
    if not (change or _WORKED.search(question)) or not years:
        return None
    year = years[0]
    quarter = re.fullmatch(r"\d{4}-(Q[1-4])", period or "")
    earlier = f"{year}-{quarter.group(1)}" if quarter else str(year)
    return Derivation("change" if change else "level", earlier)


# Chinese: "比去年同期多了多少亿元?", "同比增加了多少亿元?": the change, in money
_ZH_CHANGE = re.compile(r"(?:比(?:去年|上年)(?:同期)?|同比|较(?:去年|上年)(?:同期)?)\s*"
                        r"(?:多|增加|增长|提高|上升)了?\s*(?:多少|几)\s*(?:亿|万|千万|百万)?元?")


def asked_zh(question: str) -> Derivation | None:
    """The change since a year before asked in Chinese, in money; None if not asked."""
    m = _ZH_CHANGE.search(question)
    if not m or not re.search(r"亿|万|元", m.group(0)):
        return None  # "同比增长多少?" asks the rate, which is stated
    return Derivation("change", None)


def measure_words_zh(question: str) -> str:
    """A Chinese question without its working words ("比去年同期多了多少亿元")."""
    return _ZH_CHANGE.sub("", question).strip(" ?？")


def measure_words(question: str) -> str:
    """The question without its working words: what is measured, for matching a figure."""
    text = _WORKED.sub(" ", _CHANGE_WORDS.sub(" ", _YEAR_BEFORE.sub(" ", question)))
    text = re.sub(r"[\d.]+%", " ", text)
    text = re.sub(r"\b(?:roughly|approximately|about|around|the\s+growth(?:\s+rate)?|growth|"
                  r"rate|what|was|were|is|how|much|did|does|increase|grow|grew|rise|rose|from|to|"
                  r"by|if|it|in|reach|reached|level|then|so|number)\b", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", _YEARS.sub(" ", text)).strip(" ,?")


def year_before(period: str | None) -> str | None:
    """The period a year before ``period`` ("2021" → "2020", "2022-Q1" → "2021-Q1")."""
    if not period or not re.match(r"\d{4}(?:-Q[1-4])?$", period):
        return None
    return f"{int(period[:4]) - 1}{period[4:]}"


def work_out(d: Derivation, f: Figure, growth: Figure, dated: bool = True
             ) -> tuple[str, dict, list[str]]:
    """The answer, the computed figure and its numbers, from ``f`` and its ``growth``; the
    period of ``f`` is named if ``dated`` (its cited passage states it)."""
    value, rate = float(f.value or 0), float(growth.value or 0)
    before = value / (1 + rate / 100)
    when, then = period_phrase(d.period), period_phrase(f.period) if dated else ""
    inputs = (f"{f.text} {then} and its growth of {growth.text}: {f.text} ÷ "
              f"{1 + rate / 100:.3f}").replace("  ", " ")
    divisor = f"{1 + rate / 100:.3f}"
    before_text = amount(before, f.unit)
    if d.kind == "change":
        change = value - before
        text = amount(change, f.unit)
        fig = computed_figure(f"increase of {f.label} since {d.period}", change, f.unit,
                              f"{text} more than {when} ({f.text} − {f.text} ÷ {divisor} = "
                              f"{f.text} − {before_text})",
                              f"{f.text} − {f.text} ÷ (1 + {growth.text})", [f, growth])
        answer = (f"About {text} more than {when} (computed from "
                  f"{inputs}, about {before_text}, subtracted from {f.text}).")
        numbers = [text, before_text]
    else:
        text = before_text
        fig = computed_figure(f"{f.label} {when}", before, f.unit,
                              f"{text} {when} ({f.text} ÷ {divisor})",
                              f"{f.text} ÷ (1 + {growth.text})", [f, growth])
        fig["period"] = d.period
        answer = (f"About {text} {when} (computed from {inputs}); the documents do not state "
                  f"it.")
        numbers = [text]
    found = [n for t in numbers for n in re.findall(r"\d[\d,]*(?:\.\d+)?", t)]
    return answer, fig, found + [divisor, d.period[:4]]
