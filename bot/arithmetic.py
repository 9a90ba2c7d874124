"""A figure worked with a number the question gives, when the question asks for that
working: written in another scale ("Express the e-commerce volume in trillions of RMB":
0.3715 trillion RMB), set against a number ("By how much does the informatization index
exceed 100?": 4.81), spread over a span the question states ("per day, taking the quarter as
90 days": ÷ 90) or carried over more periods of the same length ("if that pace held for all
four quarters": × 4).

The answer names the figure as the documents give it, the number the question gave and the
working, and says it is computed; a figure of a year, asked "for four quarters", is not
multiplied (nothing says a year is a quarter's pace). Which figure is worked is matched as
any figure is, from the question less its working words (:func:`measure_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .compare import computed_figure
from .figures import extract_text
from .models import Figure
from .numbers import parse_number
from .question_periods import period_phrase

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# "in trillions of RMB", "in trillion yuan", "in millions", "expressed in billions"
_SCALE = re.compile(r"\bin\s+(?:rmb\s+|yuan\s+)?(?P<scale>thousand|million|billion|trillion)s?"
                    r"(?:\s+of)?(?:\s+(?:rmb|yuan|renminbi))?\b", re.I)
# "in yuan, please", "write it out in full": every digit, in yuan; "in 亿元": in 100 millions
_FULL = re.compile(r"\b(?:(?:write|written|spell|spelled|spelt|put|give)\s+(?:(?:that|it|this)\s+)?"
                   r"out\b|in\s+(?:plain\s+|full\s+|whole\s+)?yuan\b(?!\s+terms)|in\s+full\b|"
                   r"(?:all|every)\s+(?:the\s+)?(?:digits|zeros|zeroes))", re.I)
_ZH_UNITS = {"亿元": 1e8, "亿": 1e8, "万元": 1e4, "万": 1e4}
_ZH_SCALE = re.compile(r"(?:\bin|用|以|换算成|折合)\s*(?P<zh>亿元|万元|亿|万)")
# The figure's own scale as its text writes it ("371.5 bn RMB", "400m RMB")
_OWN_SCALE = {"thousand": r"\bthousand\b|\d\s*k\b", "million": r"\d\s*m\b|\bmillion",
              "billion": r"\bbn\b|\bbillion", "trillion": r"\btrillion|\btn\b"}
_NUMBER = (r"(?P<n>\d[\d,]*(?:\.\d+)?(?:\s*%|\s*(?:billion|million|bn|m)\b)?"
           r"(?:\s*(?:rmb|yuan))?)")
# "by how much does it exceed 100?", "how far above 100 is it?", "how much below 50 billion?"
_AGAINST = re.compile(
    r"\b(?:how\s+(?:much|far)|by\s+how\s+much|how\s+many\s+points)\b.*?"
    rf"\b(?P<way>exceed(?:s|ed)?|top(?:s|ped)?|above|over|more\s+than|higher\s+than|below|under|"
    rf"short\s+of|less\s+than|lower\s+than|beyond)\s+{_NUMBER}", re.I)
_BELOW = ("below", "under", "short", "less", "lower")
# "per day, taking the quarter as 90 days", "a day on average over 90 days"
_PER = re.compile(r"\b(?:per|a|each)\s+(?P<each>day|week|month)\b", re.I)
_SPAN = re.compile(r"\b(?P<n>\d+|thirty|sixty|ninety)\s+(?P<unit>days|weeks|months)\b", re.I)
# "for all four quarters", "over a full year", "annualised", "for the whole year"
_QUARTERS = re.compile(r"\b(?:for|over|across|in)\s+(?:all\s+)?(?:the\s+)?(?P<n>two|three|four|"
                       r"[234])\s+quarters\b", re.I)
_YEARLY = re.compile(r"\b(?:for|over|across)\s+(?:a|the)\s+(?:full|whole|entire)\s+year\b|"
                     r"\bannuali[sz](?:ed|e)\b|\bannual(?:\s+|-)(?:total|figure|rate|basis)\b|"
                     r"\bfor\s+the\s+year\s+as\s+a\s+whole\b|\byear[- ]round\b", re.I)
# … only as a projection: "if that pace held", "at that rate", "would", "annualised"
_PROJECTED = re.compile(r"\b(?:if|would|at\s+(?:that|this|the\s+same|its)\s+(?:pace|rate)|"
                        r"kept\s+up|keeps?\s+up|keeping\s+up|continued|sustained|"
                        r"extrapolat\w*|projected|annuali[sz]\w*)\b", re.I)
_HALF_YEAR = re.compile(r"\b(?:for|over)\s+(?:a|the)\s+(?:whole\s+|full\s+)?half[- ]year\b",
                        re.I)
# Words that ask for the working, not for a measure
_WORKING_WORDS = re.compile(
    r"\b(?:express(?:ed)?|convert(?:ed)?|written|write|stated|state|give|show|what\s+(?:is|was|"
    r"would\s+be)|how\s+(?:much|many|far)|by|does|did|do|is|was|would|be|the|its|it|that|if|"
    r"kept|keeps?|keeping|up|pace|rate|held|holds?|continued|continues|at|on\s+average|average|"
    r"taking|take|counting|assuming|annual|total|totals?|come\s+to|amount\s+to|"
    r"exceed(?:s|ed)?|above|over|below|under|beyond|more\s+than|less\s+than|higher\s+than|"
    r"lower\s+than|short\s+of|then|each|a|per)\b", re.I)


@dataclass(frozen=True)
class Working:
    op: str  # "scale" (÷ number), "minus" (figure − number), "under" (number − figure),
    #          "divide" (÷ number), "times" (× number)
    number: float  # the scale's factor, the number set against, the divisor or multiplier
    given: str  # the number as the question gives it: "trillion", "100", "90 days", "4"
    unit: str | None  # the unit the number is of (against a figure), None if it has none
    each: str = ""  # what the result is per: "day"; for "times", the figure's period kind


def asked(question: str) -> Working | None:
    """The working ``question`` asks of one figure with a number it gives, or None."""
    if m := _SCALE.search(question):
        scale = m.group("scale").lower()
        return Working("scale", _SCALES[scale], scale, None)
    if m := _ZH_SCALE.search(question):
        zh = m.group("zh") if m.group("zh").endswith("元") else f"{m.group('zh')}元"
        return Working("scale", _ZH_UNITS[zh], zh, None)
    if _FULL.search(question):
        return Working("scale", 1.0, "yuan", None)
    if (m := _AGAINST.search(question)) and not re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
        # (not "how far above 2020 was it?": a year, set against no number)
        found = extract_text(m.group("n"))
        value = found[0].value if found and found[0].value is not None else \
            parse_number(m.group("n").split()[0].replace(",", ""))
        if value is None:
            return None
        unit = found[0].unit if found and found[0].unit not in (None, "count") else None
        op = "under" if m.group("way").lower().startswith(_BELOW) else "minus"
        return Working(op, float(value), m.group("n").strip(), unit)
    if (per := _PER.search(question)) and (span := _SPAN.search(question)):
        each, unit = per.group("each").lower(), span.group("unit").lower()
        n = parse_number(span.group("n"))
        if n is None or not unit.startswith(each) or n <= 0:
            return None
        return Working("divide", float(n), f"{span.group('n')} {unit}", None, each)
    if not _PROJECTED.search(question):  # "the e-commerce volume for the full year 2022"
        return None
    if m := _QUARTERS.search(question):
        n = parse_number(m.group("n"))
        return Working("times", float(n), f"{m.group('n')} quarters", None, "quarter") \
            if n else None
    if _YEARLY.search(question):
        return Working("times", 4.0, "four quarters", None, "quarter")
    if _HALF_YEAR.search(question):
        return Working("times", 2.0, "two quarters", None, "quarter")
    return None


def measure_words(question: str) -> str:
    """The question less its working: what is measured, for matching a figure."""
    text = question
    if m := _AGAINST.search(text):  # its "how much … exceed" frames the measure: only
        text = f"{text[: m.start('way')]} {text[m.end():]}"  # "exceed 100" goes
    for pattern in (_SCALE, _ZH_SCALE, _FULL, _PER, _SPAN, _QUARTERS, _YEARLY, _HALF_YEAR):
        text = pattern.sub(" ", text)
    text = _WORKING_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,.?!—-")


def fits(w: Working, f: Figure) -> bool:
    """Whether the working can be done on ``f``: a scale of an amount or count, a number of
    the figure's unit (or of none), a quarter's figure carried over quarters."""
    if f.value is None or f.qualifier and w.op != "scale":
        return False  # "more than 400m RMB" worked would be a guess; rewritten, it stays bounded
    if w.op == "scale" and (w.given == "yuan" or w.given in _ZH_UNITS):
        return f.unit == "RMB"  # yuan, 亿元: amounts of money only
    if w.op == "scale":
        return f.unit in ("RMB", "count")
    if w.op in ("minus", "under"):
        return w.unit == f.unit or w.unit is None and f.unit in ("index", "count", "%")
    if w.op == "divide":
        return f.unit in ("RMB", "count")
    return f.unit in ("RMB", "count") and bool(re.fullmatch(r"\d{4}-Q[1-4]", f.period or ""))


def work_out(w: Working, f: Figure, dated: bool = True) -> tuple[str, dict, list[str]]:
    """The answer, the computed figure and the numbers it writes (the result and the number
    the question gave), from ``f``; its period is named if ``dated``."""
    value = float(f.value or 0)
    when = f" {period_phrase(f.period)}" if dated and f.period else ""
    unit = "" if f.unit in ("count", "index", "%") else f" {f.unit}"
    if w.op == "scale" and w.given in _ZH_UNITS or w.given == "yuan":
        # "45 bn RMB in yuan": 45,000,000,000 yuan; "in 亿元": 450亿元
        result = value / w.number
        text = f"{_sig(result)}{w.given}" if w.given != "yuan" else f"{_sig(result)} yuan"
        text = f"{f.qualifier} {text}" if f.qualifier else text
        how = f"÷ {_sig(w.number)}" if w.number != 1 else "written out"
        fig = computed_figure(f"{f.label} in {w.given}", result, f.unit, text,
                              f"{f.text} {how}", [f])
        answer = f"{_cap(text)}: {f.label}{when}, {f.text} written in {w.given} (computed)."
        return answer, fig, _numbers(text)
    if w.op == "scale":
        result = value / w.number
        text = f"{_sig(result)} {w.given}{unit}"
        if f.unit == "count":
            text = f"{_sig(result)} {w.given}"
        text = f"{f.qualifier} {text}" if f.qualifier else text
        fig = computed_figure(f"{f.label} in {w.given}s", result, f.unit, text,
                              f"{f.text} ÷ {_sig(w.number)}", [f])
        answer = f"{_cap(text)}: {f.label}{when}, {f.text} written in {w.given}s (computed)."
        return answer, fig, _numbers(text)
    if w.op in ("minus", "under"):
        result = value - w.number if w.op == "minus" else w.number - value
        side = "above" if result >= 0 else "below"
        if w.op == "under":
            side = "below" if result >= 0 else "above"
        diff = _amount(abs(result), f.unit) if f.unit == "RMB" else _sig(round(abs(result), 4))
        points = " percentage points" if f.unit == "%" else ""
        text = f"{diff}{points} {side} {w.given}"
        fig = computed_figure(f"{f.label} against {w.given}", result, f.unit, text,
                              f"{f.text} − {w.given}" if w.op == "minus"
                              else f"{w.given} − {f.text}", [f])
        answer = f"{_cap(text)}: {f.label}{when} is {f.text} (computed)."
        return answer, fig, _numbers(text)
    if w.op == "divide":
        result = value / w.number
        text = f"about {_amount(result, f.unit)} a {w.each}"
        fig = computed_figure(f"{f.label} per {w.each}", result, f.unit,
                              f"{text} ({f.text} ÷ {w.given})", f"{f.text} ÷ {w.given}", [f])
        answer = (f"{_cap(text)}: {f.label}{when}, {f.text}, over {w.given} as the question "
                  f"takes it (computed).")
        return answer, fig, _numbers(f"{text} {w.given}")
    result = value * w.number
    text = _amount(result, f.unit)
    fig = computed_figure(f"{f.label} over {w.given} at the pace of {f.period}", result, f.unit,
                          f"{text} ({f.text} × {_sig(w.number)})", f"{f.text} × {_sig(w.number)}",
                          [f])
    answer = (f"About {text} over {w.given} at that pace: {f.label}{when} was {f.text}, "
              f"× {_sig(w.number)} (computed; the documents give no figure for the other "
              f"quarters).")
    return answer, fig, _numbers(f"{text} {w.given} {_sig(w.number)}")


def _numbers(text: str) -> list[str]:
    """The numbers ``text`` writes: the result and the number the question gave."""
    return re.findall(r"\d[\d,]*(?:\.\d+)?", text)


def _sig(x: float) -> str:
    """A result as read: whole numbers with separators, one decimal from 100 up, else up to
    four ("0.3715", "4.81", "34.856", "1,166.7")."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _amount(x: float, unit: str) -> str:
    if unit == "RMB":
        if abs(x) >= 1e9:
            return f"{_sig(round(x / 1e9, 3))} bn RMB"
        if abs(x) >= 1e6:
            return f"{_sig(round(x / 1e6, 3))}m RMB"
        return f"{_sig(round(x, 2))} RMB"
    return _sig(round(x, 1))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def own_scale(w: Working, f: Figure) -> bool:
    """Whether the scale asked is the one the figure is written in ("in billions" of
    "371.5 bn RMB"): then the figure itself answers."""
    return w.op == "scale" and w.given in _OWN_SCALE and bool(
        re.search(_OWN_SCALE[w.given], f.text, re.I))
