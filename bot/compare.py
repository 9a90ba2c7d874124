"""Computed comparisons of two figures: which grew faster, how much larger, what share.

The question is split into its two sides ("X or Y", "X than Y", "share of X is Y"), each
side is matched to a figure on its own, and the result is computed from the two values and
returned as a figure marked ``computed`` with its inputs, next to both input figures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .models import Figure
from .numbers import parse_number
from .phrasing import capitalise
from .question_periods import period_phrase

_SHARE = re.compile(
    r"(?:what|which)\s+(?:share|proportion|percentage|percent|part|fraction)\s+of\s+"
    r"(?P<whole>.+?)\s+(?:is|was|are|were|do|does|did)\s+(?P<part>.+)$|(?P<part2>.+?)\s+as\s+a\s+"
    r"(?:share|proportion|percentage)\s+of\s+(?P<whole2>.+)$|^(?P<part3>.+?)\s+(?:is|was|are|"
    r"were)\s+what\s+(?:share|proportion|percentage|percent|part|fraction)\s+of\s+(?P<whole3>.+)$",
    re.I)
# "(expressed as a percentage,) how big is A relative to B?": a share, when a percentage
# is asked
_RELATIVE_SHARE = re.compile(
    r"how\s+(?:big|large|much)\s+(?:is|was|are|were)\s+(?P<part>.+?)\s+(?:relative\s+to|"
    r"compared\s+(?:with|to)|against)\s+(?P<whole>.+?)(?:,?\s+(?:as|in)\s+(?:a\s+)?"
    r"(?:percentage|percent|share))?$", re.I)
_PERCENT_ASKED = re.compile(r"\b(?:percent(?:age)?|share|proportion)\b|%", re.I)
# "A minus B – what's the difference (in points)?"
_MINUS = re.compile(r"^(?:what(?:'s|\s+is|\s+was)\s+)?(?P<a>.+?)\s+minus\s+(?P<b>.+?)"
                    r"(?:\s*[-–—,:;]\s*(?:what|how|so|give)\b.*)?$", re.I)
_THAN = re.compile(r"^(?:did|does|do|is|was|were|are|has|have|how much)?\s*(?P<a>.+?)\s+"
                   r"(?:grow|grew|increase|rise|rose)?\s*(?P<cmp>faster|slower|larger|bigger|"
                   r"higher|lower|smaller|more\s+(?:slowly|quickly|rapidly)|less\s+(?:quickly|"
                   r"rapidly|fast)|more|less)\s+than\s+(?P<b>.+)$", re.I)
# The comparatives that ask for the smaller: "did A grow slower than B?" is yes when A < B
_LESS = re.compile(r"^(?:slower|lower|smaller|less|shorter|fewer|more\s+slowly|less\s+\w+)$",
                   re.I)
# "how many times larger is A than B", "how many percentage points higher was A than B",
# "how many times faster did A grow than B"
_HOW_MUCH = re.compile(r"^how (?P<how>much|many times|many (?:percentage )?points)\s+"
                       r"(?P<cmp>larger|bigger|more|higher|greater|faster|smaller|lower|less|"
                       r"slower)\s+(?:is|was|were|are|did|does|do|has|have)\s+(?P<a>.+?)"
                       r"(?:\s+(?:grow|grew|grown|increase|increased|rise|rose|risen))?"
                       r"\s+than\s+(?P<b>.+)$", re.I)
# "how many times the allocation is the fund?", "is the fund how many times the allocation?"
_TIMES_IS = re.compile(
    r"^how many times\s+(?!(?:is|was|are|were|has|have|had|did|does|do)\b)(?P<b>.+?)\s+"
    r"(?:is|was|are|were)\s+(?P<a>.+)$|^(?:is\s+|was\s+)?(?P<a2>.+?)\s+(?:is\s+|was\s+)?"
    r"how many times\s+(?:(?:as\s+(?:large|big|much|high)\s+as|larger than|bigger than|"
    r"greater than)\s+)?(?P<b2>.+)$", re.I)
# "is A more than ten times B?": a ratio against a bound, answered yes or no
_TIMES_BOUND = re.compile(
    r"^(?:is|was|are|were)\s+(?P<a>.+?)\s+(?P<bound>more than|over|at least|less than|under)\s+"
    r"(?P<n>[\w.-]+)\s+times\s+(?:(?:as\s+(?:large|big|much|high)\s+as|larger than|bigger than|"
    r"greater than|the size of)\s+)?(?P<b>.+)$", re.I)
# "is A more than half (the size) of B?", "… less than 10% of B?": a ÷ b against a fraction
FRACTIONS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
             "a quarter": 0.25, "one quarter": 0.25, "a fifth": 0.2, "one fifth": 0.2,
             "a tenth": 0.1, "one tenth": 0.1, "two thirds": 2 / 3, "three quarters": 0.75}
FRACTION = (r"(?:" + "|".join(k.replace(" ", r"\s+") for k in FRACTIONS)
            + r"|\d+(?:\.\d+)?\s*(?:%|percent))")
_FRACTION_BOUND = re.compile(
    rf"^(?:is|was|are|were|does|did)\s+(?P<a>.+?)\s+(?:(?:make\s+up|account\s+for|amount\s+to|"
    rf"represent|come\s+to)\s+)?(?P<bound>more than|over|at least|above|less than|under|below)"
    rf"\s+(?P<n>{FRACTION})\s+(?:of|the\s+size\s+of|as\s+(?:large|big|much)\s+as)\s+(?P<b>.+)$",
    re.I)
# "how many more A were there than B?" asks the difference of two counts
_THERE = r"\s+(?:were|was|are|is)\s+there"  # "… were there"
_HOW_MANY_MORE = re.compile(
    rf"^how many (?:more|fewer|less)\s+(?!than\b)(?P<a>.+?)(?:{_THERE}|\s+(?:were|was|are|is|"
    rf"did|does|do|has|have)\s+\w+(?:\s+\w+)?)?\s+than\s+(?P<b>.+?)(?:{_THERE})?$", re.I)
_OR = re.compile(r"^(?:which|what)\b[^,:]*?(?P<cmp>faster|slower|larger|bigger|higher|lower|"
                 r"smaller|more|less|longer|shorter|greater)?[^,:]*[,:]\s*(?P<a>.+?),?\s+or\s+"
                 r"(?P<b>.+)$", re.I)
# "Were there more A or B (, and by how many)?"
_MORE_OR = re.compile(r"^(?:in\s+[\w\s]+?,\s*)?(?:were|was|are|is|did|do|does|has|have|had)\s+"
                      r"(?:there|yiwu|it)\s+(?:have\s+|build\s+|launch\s+)?(?P<cmp>more|fewer|less)"
                      r"\s+(?P<a>.+?),?\s+or\s+(?P<b>.+?)(?P<gap>,?\s+and\s+by\s+how\s+(?:many|much))?$",
                      re.I)
_BETWEEN = re.compile(r"(?:compare|(?:difference|gap)(?:\s*,?\s*in\s+[\w\s]+?,?)?\s+between|"
                      r"between)\s+(?P<a>.+?)\s+"
                      r"(?:and|with|to|vs\.?|versus)\s+(?P<b>.+)$", re.I)
# "how much in sales did each livestreaming session generate (on average)?"
# "how much did each session bring in (on average)?": no amount named, the money brought in
_EACH_BARE = re.compile(r"^(?:on average,?\s+)?how much\s+(?:money\s+)?(?:did|does|do)\s+(?:each|"
                        r"every|one|a single|an? average)\s+(?P<b>.+?)\s+(?:generate|bring in|"
                        r"bring|make|earn|sell|take in|rake in)\b(?P<rest>.*)$", re.I)
_EACH = re.compile(r"^(?:on average,?\s+)?how much\s+(?:in\s+)?(?P<a>.+?)\s+(?:did|does|do)\s+"
                   r"(?:each|every|one|a single|an? average)\s+(?P<b>.+?)\s+(?:generate|bring in|"
                   r"bring|make|produce|earn|sell|achieve|get|take in|rake in)\b(?P<rest>.*)$",
                   re.I)
# "average retail sales per livestreaming session": an amount divided by a count
_PER = re.compile(r"^(?:(?:what|how\s+much)\s+(?:is|was|were|are)\s+(?:the\s+)?)?"
                  r"(?:average|mean)\s+(?P<a>.+?)\s+(?:per|for each|for every|a)\s+"
                  r"(?P<b>(?!cent\b).+)$|^(?:(?:what|how\s+much)\s+(?:is|was|were|are)\s+"
                  r"(?:the\s+)?)?(?P<a2>.+?)\s+(?:per|for each|for every)\s+(?P<b2>(?!cent\b|"
                  r"capita\b|year\b|annum\b|month\b|quarter\b|day\b).+)$", re.I)
_COMPARE_WITH = re.compile(r"^how\s+(?:does|did|do|is|was|were|are)\s+(?P<a>.+?)\s+compare\s+"
                           r"(?:with|to|against)\s+(?P<b>.+)$", re.I)
_EXCEED = re.compile(r"^(?:by\s+)?how\s+(?:much|many\s+(?:percentage\s+)?points|far)\s+"
                     r"(?:did|does|do|was|is|were|are)\s+(?P<a>.+?)\s+(?:exceed|beat|outpace|"
                     r"outgrow|surpass|top|outstrip)\s+(?P<b>.+)$", re.I)
_RATIO = re.compile(r"\bratio\s+(?:of|between)\s+(?P<a>.+?)\s+(?:to|and|vs\.?|versus)\s+"
                    r"(?P<b>.+)$", re.I)
_SUM = re.compile(r"\b(?:(?:the\s+)?(?:sum|total|combined\s+(?:total|value))\s+of\s+(?P<a>.+?)"
                  r"\s+(?:and|plus)\s+(?P<b>.+)|(?P<a2>.+?)\s+plus\s+(?P<b2>.+))$|"
                  # "add up A and B (from 2021) – what's the total?"
                  r"^(?:add\s+up|sum\s+up|total)\s+(?P<a3>.+?)\s+and\s+(?P<b3>.+?)"
                  r"(?:\s*[-–—,:;]\s*(?:what|how|so|give)\b.*)?$|"
                  # "what do A and B add up to?", "A and B combined"
                  r"^(?:(?:what|how\s+much)\s+(?:do|does|did|would|is|are|was|were)\s+)?"
                  r"(?P<a4>.+?)\s+and\s+(?P<b4>.+?)\s+(?:(?:add|adds|added|sum|sums|come|comes|"
                  r"amount|amounts)\s+(?:up\s+)?to|combined)$", re.I)
# "the average of A and B", "the mean growth of A and B", "the average of the two growth
# rates, A and B"; an average per event ("average sales per livestream") is _PER's.
_MEAN = re.compile(r"\b(?:average|mean)\s+(?:(?:growth|value|rate|figure|increase)s?\s+)?"
                   r"(?:rates?\s+)?of\s+(?:the\s+)?(?:two\s+(?:\w+\s+){0,2}?(?:rates|figures|"
                   r"numbers|values|amounts)\s*[,:]?\s*)?(?P<a>.+?)\s+(?:and|&)\s+(?P<b>.+)$", re.I)
_GROWTH_WORDS = re.compile(r"\b(grow|grew|growth|faster|slower|increase|rise|rose|outgr[eo]w|"
                           r"outgrown|outpac(?:e|ed)|percentage\s+points?)\b", re.I)


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    op: str  # "faster" | "larger" | "share" | "sum" | "mean" | "per"
    yes_no: bool  # "did X grow faster than Y?" asks for yes or no
    counts: bool = False  # "how many more X than Y?" compares counts, not amounts
    times: bool = False  # "how many times faster …?" asks for the ratio of the rates too
    word: str = ""  # the comparative asked ("longer"), the answer's word for the larger
    less: bool = False  # "did A grow slower than B?", "which is smaller?": the smaller asked
    bound: float | None = None  # "is A more than ten times B?": is a ÷ b above this?
    under: bool = False  # … "less than ten times": is it below?
    gap: bool = False  # "how many points higher …?", "by how much …": the difference leads
    rates: bool = False  # "the average growth of A and B": the sides are growth rates


def parse(question: str) -> Comparison | None:
    q = question.strip().rstrip("?？. ")
    q = re.sub(r"^(?:roughly|approximately|approx\.?|about|around|more\s+or\s+less)[\s,]+", "",
               q, flags=re.I)  # "Roughly how many times larger is A than B?"
    growth = bool(_GROWTH_WORDS.search(q))
    if m := _SHARE.search(q):
        whole = m.group("whole") or m.group("whole2") or m.group("whole3")
        part = m.group("part") or m.group("part2") or m.group("part3")
        part = re.sub(r"\s+(?:represent|account for|make up|constitute|amount to)$", "", part,
                      flags=re.I)
        return Comparison(part, whole, "share", False)
    if _PERCENT_ASKED.search(q) and (m := _RELATIVE_SHARE.search(q)):
        return Comparison(m.group("part"), m.group("whole"), "share", False)
    if m := _SUM.search(q):
        a = m.group("a") or m.group("a2") or m.group("a3") or m.group("a4")
        b = m.group("b") or m.group("b2") or m.group("b3") or m.group("b4")
        return Comparison(_lead_in.sub("", a), b, "sum", False)
    if (m := _MEAN.search(q)) and not re.search(r"\b(?:per|each|every)\b", q, re.I):
        return Comparison(m.group("a"), m.group("b"), "mean", False, rates=growth)
    if m := _MINUS.search(q):
        return Comparison(_lead_in.sub("", m.group("a")), m.group("b"),
                          "faster" if growth else "larger", False, gap=True)
    # "how much larger was e-commerce growth than …" compares growth rates, not amounts
    if m := _HOW_MANY_MORE.search(q):
        return Comparison(m.group("a"), m.group("b"), "larger", False, counts=True, gap=True)
    if m := _HOW_MUCH.search(q):
        points = "points" in m.group("how").lower()
        return Comparison(_lead_in.sub("", m.group("a")), m.group("b"),
                          "faster" if growth or points else "larger", False,
                          times="times" in m.group("how").lower(),
                          gap="times" not in m.group("how").lower(),
                          less=bool(_LESS.match(m.group("cmp"))))
    if m := _FRACTION_BOUND.search(q):
        n_text = re.sub(r"\s+", " ", m.group("n").lower())
        share = FRACTIONS.get(n_text) or float(re.sub(r"\s*(?:%|percent)$", "", n_text)) / 100
        return Comparison(m.group("a"), m.group("b"), "larger", True, bound=share,
                          under=m.group("bound").lower() in ("less than", "under", "below"))
    if (m := _TIMES_BOUND.search(q)) and (n := parse_number(m.group("n"))) is not None:
        return Comparison(m.group("a"), m.group("b"), "larger", True, bound=float(n),
                          under=m.group("bound").lower() in ("less than", "under"))
    if m := _TIMES_IS.search(q):
        return Comparison(m.group("a") or m.group("a2"), m.group("b") or m.group("b2"),
                          "faster" if growth else "larger", False, times=True)
    if m := _EXCEED.search(q) or _RATIO.search(q):
        return Comparison(_lead_in.sub("", m.group("a")), m.group("b"),
                          "faster" if growth else "larger", False, times=m.re is _RATIO,
                          gap=m.re is _EXCEED)
    if m := _EACH_BARE.search(q):
        rest = re.sub(r"\b(?:on\s+average|in\s+sales|in\s+revenue)\b", " ", m.group("rest"),
                      flags=re.I)
        return Comparison(f"sales of {m.group('b')}", f"{m.group('b')}{rest}".strip(), "per",
                          False)
    if m := _EACH.search(q):  # the period may close the question: "… generate in Q1 2022"
        return Comparison(m.group("a"), f"{m.group('b')}{m.group('rest')}", "per", False)
    if m := _PER.search(q):
        return Comparison(m.group("a") or m.group("a2"), m.group("b") or m.group("b2"), "per",
                          False)
    if m := _THAN.search(q):
        op = "faster" if growth else "larger"
        yes_no = bool(re.match(r"^(did|does|do|is|was|were|are|has|have)\b", q, re.I))
        return Comparison(m.group("a"), m.group("b"), op, yes_no,
                          less=bool(_LESS.match(m.group("cmp"))))
    if m := _MORE_OR.search(q):
        return Comparison(m.group("a"), m.group("b"), "larger", False, counts=True,
                          gap=bool(m.group("gap")), less=m.group("cmp").lower() != "more")
    if m := _OR.search(q):
        asked = re.search(r"\b(longer|higher|bigger)\b", q[: m.start("a")], re.I)
        word = asked.group(1).lower() if asked else ""
        less = bool(re.search(r"\b(?:slower|lower|smaller|less|shorter|fewer|more\s+slowly)\b",
                              q[: m.start("a")], re.I))
        return Comparison(m.group("a"), m.group("b"), "faster" if growth else "larger", False,
                          word=word, less=less)
    if m := _COMPARE_WITH.search(q) or _BETWEEN.search(q):
        return Comparison(m.group("a"), m.group("b"), "faster" if growth else "larger", False,
                          gap=bool(re.search(r"\b(?:difference|gap)\b", q, re.I)))
    return None


# What stands before the first side in "what is the sum of …", "what was …".
_lead_in = re.compile(r"^(?:what|how\s+much)\s+(?:is|was|are|were)\s+(?:the\s+)?", re.I)


def _fmt(value: float) -> str:
    """One decimal below 100 ("7.1"), none for whole numbers ("8", a difference of counts)."""
    whole = abs(value - round(value)) < 1e-9
    return f"{value:.1f}" if abs(value) < 100 and not whole else f"{value:,.0f}"


def amount(value: float, unit: str) -> str:
    """A computed amount as answers write it: "28.6 bn RMB", "400.0m RMB", "82,990 RMB";
    other units as :func:`_fmt` does."""
    if unit != "RMB":
        return _fmt(value)
    if abs(value) >= 1e9:
        return f"{value / 1e9:.1f} bn RMB"
    return f"{value / 1e6:.1f}m RMB" if abs(value) >= 1e6 else f"{_fmt(value)} RMB"


def computed_figure(label: str, value: float, unit: str, text: str, formula: str,
                    inputs: list[Figure]) -> dict:
    digest = hashlib.sha1(f"{label}:{formula}".encode()).hexdigest()[:10]
    return {
        "id": f"c-{digest}", "label": label, "value": round(value, 4), "unit": unit,
        "text": text, "qualifier": None, "period": None, "date": None,
        "doc_id": inputs[0].doc_id, "start": inputs[0].start, "end": inputs[0].end,
        "computed": True, "formula": formula, "inputs": [f.id for f in inputs],
    }


_LOWER_BOUNDS = frozenset({"more than", "over", "exceeding", "above", "at least", "upwards of"})
_UPPER_BOUNDS = frozenset({"less than", "under", "below", "nearly", "almost", "up to", "at most"})


def _bound(f: Figure) -> int:
    """1 if the figure is a lower bound ("more than 400m RMB"), -1 an upper one, else 0."""
    q = (f.qualifier or "").lower()
    return 1 if q in _LOWER_BOUNDS else -1 if q in _UPPER_BOUNDS else 0


def _bounded(text: str, *bounds: int) -> str:
    """``text`` as a bound when its inputs were ("more than 69.0 bn RMB" from "exceeding 24 bn"
    plus 45 bn): the bounds of the inputs pushing the result one way, each signed by how the
    result moves with that input. Inputs pushing both ways leave it as computed."""
    pushed = {b for b in bounds if b}
    if len(pushed) != 1:
        return text
    return f"{'more' if pushed.pop() > 0 else 'less'} than {text}"


def _base_label(f: Figure) -> str:
    return re.sub(r"^growth (?:rate )?of\s+", "", f.label, flags=re.I)


def _yes_no(c: Comparison, va: float, vb: float) -> str:
    """"Yes — " or "No — " to "is A larger (smaller) than B?", "" if not asked yes or no."""
    if not c.yes_no:
        return ""
    return "Yes — " if (va < vb if c.less else va > vb) else "No — "


def compute(c: Comparison, fa: Figure, fb: Figure, dated: frozenset[str] = frozenset()
            ) -> tuple[str, dict, list[str]]:
    """The answer sentence, the computed figure and the computed numbers (for grounding).
    The periods of the figures whose ids are ``dated`` are named when the two differ."""
    va, vb = float(fa.value or 0), float(fb.value or 0)

    def _quoted(f: Figure, other: Figure) -> str:
        """A figure as the document writes it, with its period when the other's differs
        ("26.0% in the first quarter of 2022" against "18.9% in 2021")."""
        when = period_phrase(f.period) if f.period != other.period and f.id in dated else ""
        return f"{f.text} {when}".strip()
    if c.op == "share":
        share = 100.0 * va / vb if vb else 0.0
        text = _bounded(f"{_fmt(share)}%", _bound(fa), -_bound(fb))
        fig = computed_figure(f"share of {_base_label(fb)} that is {_base_label(fa)}", share,
                              "%", text, f"{fa.text} ÷ {fb.text} × 100", [fa, fb])
        sentence = (f"{capitalise(fa.label)} ({fa.text}) is {text} of {fb.label} ({fb.text}) "
                    f"— computed as {fa.text} ÷ {fb.text}.")
        return sentence, fig, [_fmt(share)]
    if c.op == "sum":
        total = va + vb
        text = _bounded(amount(total, fa.unit), _bound(fa), _bound(fb))
        fig = computed_figure(f"sum of {fa.label} and {fb.label}", total, fa.unit, text,
                              f"{fa.text} + {fb.text}", [fa, fb])
        sentence = (f"{capitalise(text)} together: {fa.label} ({fa.text}) plus {fb.label} "
                    f"({fb.text}) (computed).")
        return sentence, fig, re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    if c.op == "mean":
        mean = (va + vb) / 2
        said = f"{mean:.2f}".rstrip("0").rstrip(".") + "%" if fa.unit == "%" else \
            amount(mean, fa.unit)
        text = _bounded(said, _bound(fa), _bound(fb))
        fig = computed_figure(f"average of {fa.label} and {fb.label}", mean, fa.unit, text,
                              f"({fa.text} + {fb.text}) ÷ 2", [fa, fb])
        sentence = (f"{capitalise(text)} on average: {fa.label} ({_quoted(fa, fb)}) and "
                    f"{fb.label} ({_quoted(fb, fa)}), added and halved (computed).")
        return sentence, fig, re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    if c.op == "faster":
        win, lose = (fa, fb) if va >= vb else (fb, fa)
        diff = abs(va - vb)
        text = f"{_fmt(diff)} percentage points"
        rate = ""  # "how many times faster": the ratio of the rates as well
        if c.times and min(va, vb) > 0:
            rate = f"about {_fmt(round(max(va, vb) / min(va, vb), 1))} times the rate"
        fig = computed_figure(f"difference between {win.label} and {lose.label}", diff, "%",
                              f"{text} ({rate})" if rate else text,
                              f"{win.text} − {lose.text}", [win, lose])
        # the one asked leads: the slower for "did A grow slower …?", else the faster
        led, other, how = (lose, win, "slower") if c.less else (win, lose, "faster")
        sides = (f"{_quoted(led, other)} against {_quoted(other, led)} for "
                 f"{_base_label(other)}")
        if c.gap:  # "how many points higher (slower) …?": the gap leads
            sentence = (f"{capitalise(text)}: {_base_label(led)} grew {how}, {sides}"
                        f"{', ' + rate if rate else ''} (computed).")
        else:
            sentence = (f"{_yes_no(c, va, vb)}{capitalise(_base_label(led))} grew {how}: "
                        f"{sides}, a gap of {text}{', ' + rate if rate else ''} (computed).")
        return sentence, fig, re.findall(r"\d[\d,]*(?:\.\d+)?", f"{text} {rate}")
    if c.op == "per":
        average = va / vb if vb else 0.0
        text = _bounded(amount(average, fa.unit), _bound(fa), -_bound(fb))
        fig = computed_figure(f"{fa.label} per one of the {fb.label}", average, fa.unit, text,
                              f"{fa.text} ÷ {fb.text}", [fa, fb])
        about = "" if text.startswith(("more", "less")) else "About "
        sentence = (f"{about}{capitalise(text)} each on average: {fa.label} ({fa.text}) divided by "
                    f"{fb.label} ({fb.text}) (computed).")
        return sentence, fig, re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    big, small = (fa, fb) if va >= vb else (fb, fa)
    vbig, vsmall = max(va, vb), min(va, vb)
    diff = vbig - vsmall
    ratio = vbig / vsmall if vsmall else 0.0
    diff_text = _bounded(amount(diff, big.unit), _bound(big), -_bound(small))
    times = _fmt(round(ratio, 1))
    if c.bound is not None:  # "is A more than ten times B?": A ÷ B, whichever is larger
        times = _fmt(round(va / vb if vb else 0.0, 2 if va < 10 * vb else 1))
    text = f"{diff_text} more ({times} times as much)"
    if c.bound is not None and va < vb:
        text = f"{diff_text} more (the {fa.label} is {times} times the {fb.label})"
    fig = computed_figure(f"difference between {big.label} and {small.label}", diff, big.unit,
                          text, f"{big.text} − {small.text}; {big.text} ÷ {small.text}",
                          [big, small])
    head = _yes_no(c, va, vb)
    numbers = re.findall(r"\d[\d,]*(?:\.\d+)?", diff_text) + [times]
    if c.bound is not None:
        share = va / vb if vb else 0.0
        held = share < c.bound if c.under else share > c.bound
        said = f"about {times} times"
        if c.bound < 1:  # "more than half of B?": the share, as a percentage
            said = _bounded(f"{_fmt(100.0 * share)}%", _bound(fa), -_bound(fb))
            fig = computed_figure(f"share of {_base_label(fb)} that is {_base_label(fa)}",
                                  100.0 * share, "%", said, f"{fa.text} ÷ {fb.text} × 100",
                                  [fa, fb])
            said = said if said.startswith(("more", "less")) else f"about {said}"
            numbers = [_fmt(100.0 * share)]
        sentence = (f"{'Yes' if held else 'No'} — {fa.label} ({_quoted(fa, fb)}) is "
                    f"{said} {'of ' if c.bound < 1 else ''}{fb.label} ({_quoted(fb, fa)}) "
                    f"(computed).")
    elif c.times:  # asked how many times: the ratio leads
        sentence = (f"About {times} times: {big.label} ({_quoted(big, small)}) against "
                    f"{small.label} ({_quoted(small, big)}), {diff_text} more (computed).")
    elif c.gap:  # "how much larger (smaller) is A than B?": the difference leads
        led, other, word, tail = ((small, big, "less", " for the latter") if c.less
                                  else (big, small, "more", ""))
        sentence = (f"{capitalise(diff_text)} {word}: {led.label} ({_quoted(led, other)}) "
                    f"against {other.label} ({_quoted(other, led)}), about {times} times as "
                    f"much{tail} (computed).")
    elif c.less:  # "is A smaller than B?", "which is smaller?": the smaller leads
        sentence = (f"{head}{capitalise(small.label)} is smaller: {_quoted(small, big)} against "
                    f"{_quoted(big, small)} for {big.label}, a gap of {diff_text}; {big.label} "
                    f"is about {times} times as much (computed).")
    else:
        sentence = (f"{head}{capitalise(big.label)} is {c.word or 'larger'}: "
                    f"{_quoted(big, small)} against {_quoted(small, big)} for {small.label}, "
                    f"{diff_text} more, about {times} times as much (computed).")
    return sentence, fig, numbers
